"""Request -> Response: the model-under-test protocol shared by litellm, baselines, replay and user apps."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..textsafe import unsurrogate
from .redact import redact


@dataclass(frozen=True)
class GenParams:
    temperature: float = 0.0
    max_tokens: Optional[int] = None
    seed: Optional[int] = None
    timeout: float = 60.0

    def as_dict(self) -> dict[str, Any]:
        return {"temperature": self.temperature, "max_tokens": self.max_tokens, "seed": self.seed,
                "timeout": self.timeout}


@dataclass(frozen=True)
class Request:
    """One model call: a prompt, optionally with an image, and generation parameters."""

    case_id: str
    modality: str
    prompt: str
    image: Optional[bytes] = None
    image_media_type: str = "image/png"
    params: GenParams = field(default_factory=GenParams)
    sample: int = 0
    case_hash: str = ""
    chat: Optional[tuple[dict[str, Any], ...]] = None  # explicit chat messages (the LLM judge's); else built
    response_format: Optional[dict[str, Any]] = None  # e.g. {"type": "json_object"}

    def image_data_url(self) -> Optional[str]:
        if self.image is None:
            return None
        return f"data:{self.image_media_type};base64," + base64.b64encode(self.image).decode("ascii")

    def messages(self, system: Optional[str] = None) -> list[dict[str, Any]]:
        """OpenAI chat messages; the image goes as a data URL before the text. Explicit `chat` wins."""
        if self.chat is not None:
            return [dict(m) for m in self.chat]
        msgs: list[dict[str, Any]] = []
        if system:
            msgs.append({"role": "system", "content": system})
        if self.image is None:
            msgs.append({"role": "user", "content": self.prompt})
        else:
            msgs.append({"role": "user", "content": [
                {"type": "image_url", "image_url": {"url": self.image_data_url()}},
                {"type": "text", "text": self.prompt},
            ]})
        return msgs


class Response(BaseModel):
    """What came back. `error` set means the call failed: never a refusal, never a pass."""

    model_config = ConfigDict(extra="forbid")

    text: str = ""
    reasoning: Optional[str] = None  # the model's reasoning (reasoning_content, thinking blocks), never judged
    finish_reason: Optional[str] = None
    refusal: bool = False  # the provider itself refused (content filter, refusal field, policy error)
    refusal_source: Optional[str] = None
    latency_s: float = 0.0
    prompt_tokens: Optional[int] = None
    completion_tokens: Optional[int] = None
    cost_usd: Optional[float] = None
    error: Optional[str] = None
    status_code: Optional[int] = None
    provider_model: Optional[str] = None
    system_fingerprint: Optional[str] = None
    cached: bool = False
    attempts: int = 1
    retry_after_s: Optional[float] = Field(default=None, exclude=True)  # from a 429/503's Retry-After header
    retryable: Optional[bool] = Field(default=None, exclude=True)  # overrides the status-code rule (runner.py)

    @field_validator("error")
    @classmethod
    def _redacted(cls, error: Optional[str]) -> Optional[str]:
        """THE place secrets leave error text: every failed call - the model's, the LLM judge's (its calls
        and its out-of-format replies), the helper's, the runner's deadline and breaker - becomes a Response
        with `error`, so API keys (from the environment, or embedded by a server in its error message)
        never reach a record, the JSON, the HTML, JUnit or the terminal."""
        return None if error is None else redact(error)

    @field_validator("text", "error", "finish_reason", "refusal_source", "provider_model", "system_fingerprint")
    @classmethod
    def _encodable(cls, value: Optional[str]) -> Optional[str]:
        """A provider's lone surrogate becomes U+FFFD here, so every output can encode the text."""
        return unsurrogate(value) if value is not None else None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def truncated(self) -> bool:
        """The answer was cut at the token limit (finish_reason `length`; litellm maps Anthropic's
        `max_tokens`, Gemini's `MAX_TOKENS` and Ollama's `done_reason: length` to it)."""
        return self.finish_reason == "length"

    @property
    def reasoning_only(self) -> bool:
        """Reasoning came back but no final answer (and no provider refusal): nothing to judge."""
        return self.ok and not self.refusal and not self.text.strip() and bool((self.reasoning or "").strip())


@runtime_checkable
class Model(Protocol):
    """The model under test. `name` is recorded in reports; `agenerate` never raises for provider errors:
    it returns a Response with `error` and `status_code` set."""

    name: str

    async def agenerate(self, request: Request) -> Response: ...
