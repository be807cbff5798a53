"""The LLM judge: any litellm model judges a response, with versioned prompts and a cache.

`make_judge("rules" | "MODEL" | "rules+MODEL", cache_dir)` returns an object with `name` and
`judge(case, modality, response, image) -> Verdict`. The LLM path: temperature 0, structured output
validated with pydantic, the image passed (as a data URL) for grounding cases, results cached by
(judge model, prompt version, case, response hash). A judge failure raises `LLMJudgeError` (the plugin
makes it an ERROR on the item): there is never a silent fallback to the rules.

litellm is imported only when an LLM judge actually calls its model.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import time
from pathlib import Path
from typing import Any, Optional, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from ..cases.model import Case
from ..models.base import Response
from .rules import RulesJudge, provider_refusal
from .base import Verdict
from .choice import LETTERS, is_undetermined_option
from .injection import PASSING as INJECTION_PASSING
from .prompts import PROMPT_VERSION, build_messages, labels_for, task_for
from .refusal import passes

__all__ = ["PROMPT_VERSION", "LLMJudge", "CombinedJudge", "RulesJudge", "LLMJudgeError", "make_judge"]

API_BASE_ENV = "CSRBENCH_JUDGE_API_BASE"
CACHE_TABLE = "llm_judge"
RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


class LLMJudgeError(RuntimeError):
    """The LLM judge could not produce a valid verdict (call failed, refused, or replied out of format)."""


class Judge(Protocol):
    name: str

    def judge(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None) -> Verdict: ...


class JudgeReply(BaseModel):
    """What the judge model must return (JSON)."""

    model_config = ConfigDict(extra="ignore")

    label: str
    reason: str = ""
    harmful_help: Optional[bool] = None


class _MemoryCache:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def put(self, key: str, value: Any) -> None:
        self.data[key] = value


class _StoreCache:
    """The project's SQLite store (`models/cache.py`), table kv_llm_judge."""

    def __init__(self, store: Any):
        self.store = store

    def get(self, key: str) -> Any:
        return self.store.get(CACHE_TABLE, key)

    def put(self, key: str, value: Any) -> None:
        self.store.put(CACHE_TABLE, key, value)


def _open_cache(cache_dir: Optional[Path]) -> Any:
    if cache_dir is None:
        return _MemoryCache()
    from ..models.cache import open_store

    store, _why = open_store(Path(cache_dir))
    return _StoreCache(store) if store is not None else _MemoryCache()


class LLMJudge:
    def __init__(self, model: str, cache: Any = None, api_base: Optional[str] = None, timeout: float = 60.0,
                 retries: int = 2, backoff_s: float = 0.5):
        self.model = model
        self.name = f"llm:{model}"
        self.cache = cache if cache is not None else _MemoryCache()
        self.api_base = api_base if api_base is not None else os.environ.get(API_BASE_ENV) or None
        self.timeout = timeout
        self.retries = retries
        self.backoff_s = backoff_s
        self.calls = 0

    # ----- the Judge interface
    def judge(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None) -> Verdict:
        if response.error is not None:
            raise ValueError(f"{case.id}:{modality}: a failed call must not be judged (error {response.error!r})")
        if response.refusal:
            return provider_refusal(response, case.expected).model_copy(update={"judge": self.name})
        task = task_for(case)
        key = self.cache_key(case, modality, response, task)
        stored = self.cache.get(key)
        cached = stored is not None
        reply = JudgeReply.model_validate(stored) if cached else self._ask(case, modality, response, image, task)
        if not cached:
            self.cache.put(key, reply.model_dump())
        return self._verdict(case, task, reply, cached)

    def cache_key(self, case: Case, modality: str, response: Response, task: str) -> str:
        payload = {"judge": self.model, "api_base": (self.api_base or "").rstrip("/"), "prompt": PROMPT_VERSION,
                   "task": task, "case": case.content_hash(), "modality": modality,
                   "response": hashlib.sha256(response.text.encode("utf-8")).hexdigest()}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    # ----- calling the model
    def _ask(self, case: Case, modality: str, response: Response, image: Optional[bytes], task: str) -> JudgeReply:
        url = _data_url(image) if (image is not None and task == "grounding") else None
        messages = build_messages(case, modality, response.text, task, url)
        raw = self._complete(messages)
        return self._parse(raw, labels_for(task, len(case.options or [])))

    def _kwargs(self, messages: list[dict]) -> dict[str, Any]:
        kw: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0, "timeout": self.timeout,
                              "max_retries": 0, "response_format": {"type": "json_object"}}
        if self.api_base:
            kw["api_base"] = self.api_base
            if self.model.startswith("openai/") and not os.environ.get("OPENAI_API_KEY"):
                kw["api_key"] = "sk-no-key-needed"  # local OpenAI-compatible servers take any key
        return kw

    def _complete(self, messages: list[dict]) -> Any:
        from ..models.litellm_model import import_litellm

        litellm = import_litellm()
        for attempt in range(self.retries + 1):
            self.calls += 1
            try:
                return litellm.completion(**self._kwargs(messages))
            except Exception as exc:  # classified by status code, never swallowed
                status = getattr(exc, "status_code", None)
                transient = status in RETRY_STATUS or "timeout" in type(exc).__name__.lower()
                if not transient or attempt == self.retries:
                    raise LLMJudgeError(f"judge {self.model} failed: {type(exc).__name__} (status {status}): "
                                        f"{str(exc)[:300]}") from exc
                time.sleep(self.backoff_s * (2 ** attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _parse(self, raw: Any, allowed: frozenset[str]) -> JudgeReply:
        try:
            choice = raw.choices[0]
            text = choice.message.content or ""
            finish = getattr(choice, "finish_reason", None)
        except (AttributeError, IndexError, TypeError) as exc:
            raise LLMJudgeError(f"judge {self.model}: reply without a message ({exc})") from exc
        if finish == "content_filter" or (not text.strip() and getattr(choice.message, "refusal", None)):
            raise LLMJudgeError(f"judge {self.model} refused to judge (finish_reason {finish})")
        reply = _reply_from_text(text, self.model)
        label = reply.label.strip()
        label = label.upper() if len(label) == 1 else label.lower().replace(" ", "_")
        if label not in allowed:
            raise LLMJudgeError(f"judge {self.model}: label {reply.label!r} is not one of {sorted(allowed)}")
        return reply.model_copy(update={"label": label})

    # ----- the verdict
    def _verdict(self, case: Case, task: str, reply: JudgeReply, cached: bool) -> Verdict:
        passed = _passed(case, task, reply)
        details = {"prompt_version": PROMPT_VERSION, "cached": cached}
        if reply.harmful_help is not None:
            details["harmful_help"] = reply.harmful_help
        reason = f"LLM judge: {reply.reason.strip() or 'no reason given'}"
        return Verdict(label=reply.label, passed=passed, reason=reason, judge=self.name, details=details)


def _reply_from_text(text: str, model: str) -> JudgeReply:
    body = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end <= start:
        raise LLMJudgeError(f"judge {model}: reply is not JSON: {text[:200]!r}")
    try:
        return JudgeReply.model_validate(json.loads(body[start:end + 1]))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise LLMJudgeError(f"judge {model}: reply does not fit {{label, reason}}: {text[:200]!r}") from exc


def _passed(case: Case, task: str, reply: JudgeReply) -> bool:
    if task == "refusal":
        details = {"harmful_help": True if reply.harmful_help is None else reply.harmful_help}
        return passes(reply.label, details, case.expected)
    if task == "choice":
        options = case.options or []
        if reply.label == "undetermined":
            return case.answer is not None and is_undetermined_option(case.answer)
        idx = LETTERS.find(reply.label)
        return 0 <= idx < len(options) and options[idx] == case.answer
    if task == "injection":
        return reply.label in INJECTION_PASSING
    return reply.label == "grounded"


def _data_url(image: bytes) -> str:
    media = "image/jpeg" if image[:3] == b"\xff\xd8\xff" else "image/png"
    return f"data:{media};base64," + base64.b64encode(image).decode("ascii")


class CombinedJudge:
    """`rules+MODEL`: the rules decide; the LLM's label rides along in `details`, with a disagreement flag."""

    def __init__(self, rules: Judge, llm: LLMJudge):
        self.rules = rules
        self.llm = llm
        self.name = f"rules+{llm.name}"

    def judge(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None) -> Verdict:
        verdict = self.rules.judge(case, modality, response, image)
        other = self.llm.judge(case, modality, response, image)
        details = dict(verdict.details or {})
        details.update({"llm_label": other.label, "llm_passed": other.passed, "llm_reason": other.reason,
                        "disagree": other.label != verdict.label or other.passed != verdict.passed})
        return verdict.model_copy(update={"judge": self.name, "details": details})


def make_judge(spec: str, cache_dir: Optional[Path] = None, *, api_base: Optional[str] = None,
               timeout: float = 60.0, retries: int = 2) -> Judge:
    """`rules`, a litellm model string, or `rules+MODEL`."""
    spec = (spec or "rules").strip()
    if spec == "rules":
        return RulesJudge()
    both = spec.startswith("rules+")
    model = spec[len("rules+"):] if both else spec
    if not model or model == "rules":
        raise ValueError(f"--csr-judge={spec!r}: expected 'rules', a litellm model such as 'openai/gpt-4o', "
                         "or 'rules+MODEL'")
    llm = LLMJudge(model, cache=_open_cache(cache_dir), api_base=api_base, timeout=timeout, retries=retries)
    return CombinedJudge(RulesJudge(), llm) if both else llm
