"""The LLM judge: any litellm model judges a response, with versioned prompts, behind the same runner as
the model under test.

`make_judge("rules" | "MODEL" | "rules+MODEL", cache_dir)` returns an object with `name` and
`judge(case, modality, response, image) -> Verdict`. The LLM path: temperature 0, a JSON response format,
the image passed (as a data URL) for grounding cases. Its calls are `Request`s with explicit messages to a
`JudgeModel` run by a `models.runner.Runner`: async (a judge call can be queued as soon as the judged
response arrives, `ahead`, so the calls of several items overlap), cached in the response cache under the
judge's own identity (judge model, API base, prompt version; the key also covers the messages, which hold
the judged response, and a digest of task, case, modality and response), with the run's deadline per
attempt (--csr-timeout), retries, rate limit, circuit breaker, the helper process when litellm runs there,
and the run's --csr-max-cost budget (shared with the model's runner). A judge failure raises
`LLMJudgeError` (the plugin makes it an ERROR on the item): there is never a silent fallback to the rules.
Every failure is first a `Response.error`, which is where API keys are redacted (models/base.py).

litellm is imported only when an LLM judge actually calls its model.
"""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Callable, Optional, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from ..cases.model import Case
from ..models.base import GenParams, Request, Response
from .rules import RulesJudge, provider_refusal
from .base import Verdict
from .choice import LETTERS, is_undetermined_option
from .injection import PASSING as INJECTION_PASSING
from .prompts import PROMPT_VERSION, build_messages, labels_for, task_for
from .refusal import passes

__all__ = ["PROMPT_VERSION", "LLMJudge", "CombinedJudge", "RulesJudge", "LLMJudgeError", "JudgeModel",
           "make_judge"]

API_BASE_ENV = "CSRBENCH_JUDGE_API_BASE"
JSON_FORMAT = {"type": "json_object"}


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


class JudgeModel:
    """The judge as a `Model`: a litellm model (in-process, or the helper's RemoteModel) whose replies are
    checked before the runner caches them. An out-of-format reply or a refusal to judge comes back as an
    error that is not retried (the same prompt would get the same reply) and is never cached."""

    def __init__(self, inner: Any, model: str, api_base: Optional[str]):
        self.inner = inner
        self.model = model
        self.api_base = api_base
        self.name = f"llm:{model}"
        self.allowed: dict[str, frozenset[str]] = {}  # labels allowed for a request, by its case_hash

    def cache_identity(self) -> dict:
        """The judge's own cache identity: a new prompt version or judge model never reuses old verdicts."""
        return {"kind": "llm_judge", "model": self.model, "api_base": (self.api_base or "").rstrip("/") or None,
                "prompt": PROMPT_VERSION}

    async def agenerate(self, request: Request) -> Response:
        response = await self.inner.agenerate(request)
        if response.error is not None or response.cached:
            return response
        try:
            parse_reply(response, self.allowed.get(request.case_hash), self.model)
        except LLMJudgeError as exc:
            return Response(error=str(exc), latency_s=response.latency_s, cost_usd=response.cost_usd,
                            prompt_tokens=response.prompt_tokens, completion_tokens=response.completion_tokens,
                            retryable=False)
        return response

    @property
    def deadline_grace(self) -> float:
        return getattr(self.inner, "deadline_grace", 0.0)

    def close(self, kill: bool = False) -> None:
        closer = getattr(self.inner, "close", None)  # the helper process, if the judge used one
        if callable(closer):
            closer(kill=kill)


class LLMJudge:
    """`judge()` waits for the judge call of one response; `ahead()` queues it without waiting."""

    def __init__(self, model: str, cache: Any = None, api_base: Optional[str] = None, timeout: float = 60.0,
                 retries: int = 2, backoff_s: float = 0.5, runner: Optional[Callable[["LLMJudge"], Any]] = None):
        """`runner(judge)` builds the judge's runner (the plugin's: `make_judge`); without it, a runner of
        its own (litellm in-process; `cache` a models.cache.Store, or None for an in-memory one)."""
        self.model = model
        self.name = f"llm:{model}"
        self.api_base = api_base if api_base is not None else os.environ.get(API_BASE_ENV) or None
        self.params = GenParams(temperature=0.0, timeout=timeout)
        self.runner = runner(self) if runner is not None else _own_runner(self, cache, retries, backoff_s)
        self._seen: set = set()  # job keys whose answer a verdict already used (a repeat is "cached")

    @property
    def judge_model(self) -> JudgeModel:
        return self.runner.model

    @property
    def calls(self) -> int:
        """Attempts that reached the judge model (retries included)."""
        return self.runner.calls

    # ----- the Judge interface
    def judge(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None,
              key: Any = None) -> Verdict:
        if response.error is not None:
            raise ValueError(f"{case.id}:{modality}: a failed call must not be judged (error {response.error!r})")
        if response.refusal:
            return provider_refusal(response, case.expected).model_copy(update={"judge": self.name})
        job = self._job_key(case, modality, response, key)
        answer = self._submit(job, case, modality, response, image, urgent=True).result()
        reply = parse_reply(answer, labels_for(task_for(case), len(case.options or [])), self.model)
        cached = answer.cached or job in self._seen
        self._seen.add(job)
        return self._verdict(case, task_for(case), reply, cached, answer)

    def ahead(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None,
              key: Any = None) -> None:
        """Queue the judge call for `response` now (it runs while other items are still being answered)."""
        if response.error is None and not response.refusal:
            self._submit(self._job_key(case, modality, response, key), case, modality, response, image, urgent=False)

    def close(self, cancel: bool = True) -> None:
        self.runner.close(cancel=cancel)

    # ----- requests
    def _job_key(self, case: Case, modality: str, response: Response, key: Any) -> tuple:
        return ("judge", key if key is not None else (case.id, modality), _sha(response.text))

    def _submit(self, job: tuple, case: Case, modality: str, response: Response, image: Optional[bytes],
                urgent: bool) -> concurrent.futures.Future:
        return self.runner.submit(job, lambda: self.request(case, modality, response, image), urgent=urgent)

    def request(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None) -> Request:
        task = task_for(case)
        url = _data_url(image) if (image is not None and task == "grounding") else None
        digest = _sha(json.dumps({"prompt": PROMPT_VERSION, "task": task, "case": case.content_hash(),
                                  "modality": modality, "response": _sha(response.text)}, sort_keys=True))
        self.judge_model.allowed[digest] = labels_for(task, len(case.options or []))
        messages = build_messages(case, modality, response.text, task, url)
        return Request(case_id=case.id, modality=modality, prompt="", params=self.params, case_hash=digest,
                       chat=tuple(messages), response_format=JSON_FORMAT)

    # ----- the verdict
    def _verdict(self, case: Case, task: str, reply: JudgeReply, cached: bool, answer: Response) -> Verdict:
        passed = _passed(case, task, reply)
        details: dict[str, Any] = {"prompt_version": PROMPT_VERSION, "cached": cached}
        if reply.harmful_help is not None:
            details["harmful_help"] = reply.harmful_help
        if answer.cost_usd is not None and not answer.cached:
            details["judge_cost_usd"] = answer.cost_usd  # reported apart from the model's cost
        if answer.attempts > 1:
            details["judge_attempts"] = answer.attempts
        reason = f"LLM judge: {reply.reason.strip() or 'no reason given'}"
        return Verdict(label=reply.label, passed=passed, reason=reason, judge=self.name, details=details)


def parse_reply(answer: Response, allowed: Optional[frozenset[str]], model: str) -> JudgeReply:
    """The judge's reply, checked; raises LLMJudgeError (with the call's redacted error, if it failed)."""
    if answer.error is not None:
        status = f"status {answer.status_code}" if answer.status_code else "no status"
        tries = f", {answer.attempts} attempts" if answer.attempts > 1 else ""
        raise LLMJudgeError(f"judge {model} failed ({status}{tries}): {answer.error}")
    if answer.refusal:
        raise LLMJudgeError(f"judge {model} refused to judge (finish_reason {answer.finish_reason})")
    reply = _reply_from_text(answer.text, model)
    label = reply.label.strip()
    label = label.upper() if len(label) == 1 else label.lower().replace(" ", "_")
    if allowed is not None and label not in allowed:
        raise LLMJudgeError(f"judge {model}: label {reply.label!r} is not one of {sorted(allowed)}")
    return reply.model_copy(update={"label": label})


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _own_runner(judge: LLMJudge, store: Any, retries: int, backoff_s: float) -> Any:
    """A runner for a judge used outside a pytest run (its own cache, concurrency 4, no breaker)."""
    from ..models.cache import CallCache, Store
    from ..models.litellm_model import LiteLLMModel
    from ..models.runner import Runner

    model = JudgeModel(LiteLLMModel(judge.model, judge.params, api_base=judge.api_base), judge.model,
                       judge.api_base)
    store = store if store is not None else Store.open(Path(":memory:"))
    return Runner(model, concurrency=4, retries=retries, backoff_base=backoff_s, backoff_cap=max(backoff_s, 1.0),
                  cache=CallCache(store, model.cache_identity()), source="judge")


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

    def judge(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None,
              key: Any = None) -> Verdict:
        verdict = self.rules.judge(case, modality, response, image)
        other = self.llm.judge(case, modality, response, image, key=key)
        details = dict(verdict.details or {})
        details.update({"llm_label": other.label, "llm_passed": other.passed, "llm_reason": other.reason,
                        "disagree": other.label != verdict.label or other.passed != verdict.passed})
        for name in ("judge_cost_usd", "judge_attempts"):
            if name in (other.details or {}):
                details[name] = other.details[name]  # type: ignore[index]
        return verdict.model_copy(update={"judge": self.name, "details": details})

    def ahead(self, case: Case, modality: str, response: Response, image: Optional[bytes] = None,
              key: Any = None) -> None:
        self.llm.ahead(case, modality, response, image, key=key)

    def close(self, cancel: bool = True) -> None:
        self.llm.close(cancel=cancel)


def judge_model_spec(spec: str) -> Optional[str]:
    """The litellm model of an LLM judge spec (`MODEL` or `rules+MODEL`), None for `rules`."""
    spec = (spec or "rules").strip()
    if spec == "rules":
        return None
    model = spec[len("rules+"):] if spec.startswith("rules+") else spec
    if not model or model == "rules":
        raise ValueError(f"--csr-judge={spec!r}: expected 'rules', a litellm model such as 'openai/gpt-4o', "
                         "or 'rules+MODEL'")
    return model


def make_judge(spec: str, cache_dir: Optional[Path] = None, *, api_base: Optional[str] = None,
               timeout: float = 60.0, retries: int = 2, settings: Any = None, workerinput: Optional[dict] = None,
               budget: Any = None) -> Judge:
    """`rules`, a litellm model string, or `rules+MODEL`. With `settings` (a pytest run) the LLM judge's
    calls go through a runner built like the model's (models/runs.py), sharing its `budget`."""
    model = judge_model_spec(spec)
    if model is None:
        return RulesJudge()
    if settings is not None:
        llm = LLMJudge(model, api_base=api_base, timeout=settings.params.timeout,
                       runner=lambda judge: _run_runner(judge, settings, workerinput, budget))
    else:
        store = None
        if cache_dir is not None:
            from ..models.cache import open_store

            store, _why = open_store(Path(cache_dir))
        llm = LLMJudge(model, cache=store, api_base=api_base, timeout=timeout, retries=retries)
    return CombinedJudge(RulesJudge(), llm) if spec.strip().startswith("rules+") else llm


def _run_runner(judge: LLMJudge, settings: Any, workerinput: Optional[dict], budget: Any) -> Any:
    """The judge's runner in a pytest run: the run's cache, concurrency share, --csr-rpm, --csr-retries,
    --csr-breaker and --csr-timeout; litellm in the helper process when the model's would be."""
    import warnings

    from ..models import runs
    from ..models.helper import RemoteModel
    from ..models.litellm_model import LiteLLMModel

    inner: Any = LiteLLMModel(judge.model, judge.params, api_base=judge.api_base)
    if runs.helper_wanted(settings, inner):
        inner = RemoteModel(inner)  # its own helper process, started at the first judge call
    model = JudgeModel(inner, judge.model, judge.api_base)
    runner, notes = runs.build_runner(settings, model, workerinput, budget=budget, source="judge")
    for note in notes:
        warnings.warn(runs.CsrCacheWarning(note), stacklevel=3)
    return runner
