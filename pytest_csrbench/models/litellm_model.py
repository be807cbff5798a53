"""The litellm adapter: any litellm model string, imported lazily (import costs ~3.6 s and ~166 MB)."""

from __future__ import annotations

import os
import time
from typing import Any, Optional

from .base import GenParams, Request, Response

_litellm: Any = None


def import_litellm() -> Any:
    """Import litellm once, configured for offline-safe, quiet use."""
    global _litellm
    if _litellm is None:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no price-list download at import
        os.environ.setdefault("LITELLM_MODE", "PRODUCTION")  # do not read a stray .env file
        import litellm

        litellm.suppress_debug_info = True
        litellm.drop_params = True  # e.g. `seed` for providers that do not take it
        _litellm = litellm
    return _litellm


def _is_content_policy(exc: BaseException) -> bool:
    name = type(exc).__name__
    text = str(exc).lower()
    return name == "ContentPolicyViolationError" or "content_policy_violation" in text or (
        "content management policy" in text)


class LiteLLMModel:
    def __init__(self, model: str, params: GenParams, api_base: Optional[str] = None,
                 price_in: Optional[float] = None, price_out: Optional[float] = None):
        self.name = model
        self.model = model
        self.params = params
        self.api_base = api_base
        self.price_in = price_in  # USD per million tokens, for models litellm does not price
        self.price_out = price_out

    @property
    def runs_litellm(self) -> bool:
        """Its calls may go to the litellm helper process (models/helper.py), which rebuilds exactly this
        class from its arguments: a subclass keeps its calls in pytest's process."""
        return type(self) is LiteLLMModel

    def cache_identity(self) -> Optional[dict]:
        """What identifies this model's answers in the response cache: the model string and API base.
        A subclass may answer differently, so it is not cached unless it declares its own identity."""
        if type(self) is not LiteLLMModel:
            return None
        base = (self.api_base or "").rstrip("/") or None
        return {"kind": "litellm", "model": self.model, "api_base": base}

    def kwargs(self, request: Request) -> dict[str, Any]:
        p = request.params
        kw: dict[str, Any] = {"model": self.model, "messages": request.messages(), "temperature": p.temperature,
                              "timeout": p.timeout, "max_retries": 0}
        if p.max_tokens is not None:
            kw["max_tokens"] = p.max_tokens
        if p.seed is not None:
            kw["seed"] = p.seed
        if request.response_format is not None:
            kw["response_format"] = dict(request.response_format)
        if self.api_base:
            kw["api_base"] = self.api_base
            if self.model.startswith("openai/") and not os.environ.get("OPENAI_API_KEY"):
                kw["api_key"] = "sk-no-key-needed"  # local OpenAI-compatible servers (vLLM, Ollama) take any key
        return kw

    async def agenerate(self, request: Request) -> Response:
        litellm = import_litellm()
        start = time.perf_counter()
        try:
            raw = await litellm.acompletion(**self.kwargs(request))
        except Exception as exc:  # classified by status code, never by class
            latency = time.perf_counter() - start
            if _is_content_policy(exc):
                return Response(finish_reason="content_filter", refusal=True, refusal_source="content_policy_error",
                                latency_s=latency, status_code=getattr(exc, "status_code", None))
            return Response(error=f"{type(exc).__name__}: {str(exc)[:500]}",
                            status_code=_status(exc), latency_s=latency,
                            retry_after_s=_retry_after(exc))
        return self._parse(raw, time.perf_counter() - start)

    def _parse(self, raw: Any, latency: float) -> Response:
        if not getattr(raw, "choices", None):  # the provider answered, with nothing: not worth retrying
            return Response(error="EmptyAnswer: the provider's response has no choices (an empty `choices` list)",
                            status_code=200, latency_s=latency)
        choice = raw.choices[0]
        message = choice.message
        text = message.content or ""
        finish = getattr(choice, "finish_reason", None)
        refusal_field = getattr(message, "refusal", None) or (
            (getattr(message, "provider_specific_fields", None) or {}).get("refusal"))
        refusal, source = False, None
        if finish == "content_filter":
            refusal, source = True, "content_filter"
        elif refusal_field:
            refusal, source, text = True, "refusal_field", text or str(refusal_field)
        p_tok, c_tok = _tokens(getattr(raw, "usage", None))
        return Response(text=text, reasoning=_reasoning(message), finish_reason=finish, refusal=refusal, refusal_source=source, latency_s=latency,
                        prompt_tokens=p_tok, completion_tokens=c_tok, cost_usd=self._cost(raw, p_tok, c_tok),
                        provider_model=getattr(raw, "model", None),
                        system_fingerprint=getattr(raw, "system_fingerprint", None))

    def _cost(self, raw: Any, p_tok: Optional[int], c_tok: Optional[int]) -> Optional[float]:
        if p_tok is None and c_tok is None:  # no usage reported: the cost is unknown, not $0
            return None
        if self.price_in is not None or self.price_out is not None:
            return ((p_tok or 0) * (self.price_in or 0) + (c_tok or 0) * (self.price_out or 0)) / 1e6
        try:
            return float(import_litellm().completion_cost(completion_response=raw))
        except Exception:  # unknown model: no price (use --csr-price-in/--csr-price-out)
            return None


def _tokens(usage: Any) -> tuple[Optional[int], Optional[int]]:
    """(prompt, completion) tokens, None when the server reported no usage. litellm fills a missing
    `usage` with zeros; every request has a prompt, so 0 prompt tokens means "not reported"."""
    p_tok = getattr(usage, "prompt_tokens", None)
    c_tok = getattr(usage, "completion_tokens", None)
    if not p_tok:
        return None, (c_tok or None)
    return p_tok, c_tok


def _reasoning(message: Any) -> Optional[str]:
    """The reasoning text litellm found: `reasoning_content` (OpenAI-compatible servers such as vLLM,
    Anthropic thinking blocks, Gemini thought parts, Ollama's `thinking`)."""
    text = getattr(message, "reasoning_content", None)
    if not text:
        blocks = getattr(message, "thinking_blocks", None) or []
        text = "\n".join(b.get("thinking") or "" for b in blocks if isinstance(b, dict))
    return text or None


def _status(exc: BaseException) -> Optional[int]:
    """The HTTP status the provider sent; None when no response came (litellm reports a refused or reset
    connection as a 500, which would show as "HTTP 500" and hide the real cause)."""
    status = getattr(exc, "status_code", None)
    text = str(exc)
    if status == 500 and ("APIConnectionError" in type(exc).__name__ or "Connection error" in text
                          or "Connection refused" in text or "ConnectError" in text):
        return None
    return status


def _retry_after(exc: BaseException) -> Optional[float]:
    """Seconds from a Retry-After header on the error's HTTP response, if any."""
    headers = getattr(exc, "litellm_response_headers", None) or getattr(getattr(exc, "response", None), "headers", None)
    try:
        value = headers.get("retry-after") if headers is not None else None
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None
