"""Wrap a user's function (their application: system prompt, guardrails, retrieval) as the model under test."""

from __future__ import annotations

import asyncio
import inspect
import time
from typing import Any, Callable

from .base import Request, Response


class CallableModel:
    """`fn(request) -> str | Response` (sync or async). Exceptions become an ERROR on that item."""

    def __init__(self, fn: Callable[[Request], Any], name: str | None = None):
        self.fn = fn
        self.name = name or getattr(fn, "__name__", "app")

    async def agenerate(self, request: Request) -> Response:
        start = time.perf_counter()
        try:
            if inspect.iscoroutinefunction(self.fn):
                result = await self.fn(request)
            else:
                result = await asyncio.to_thread(self.fn, request)
        except Exception as exc:
            return Response(error=f"{type(exc).__name__}: {exc}", latency_s=time.perf_counter() - start,
                            status_code=getattr(exc, "status_code", None))
        latency = time.perf_counter() - start
        if isinstance(result, Response):
            return result if result.latency_s else result.model_copy(update={"latency_s": latency})
        if isinstance(result, str):
            return Response(text=result, finish_reason="stop", latency_s=latency)
        return Response(error=f"the csr_model callable returned {type(result).__name__}; return a str or a "
                              "pytest_csrbench.Response", latency_s=latency)


def as_model(obj: Any, name: str | None = None) -> Any:
    """Accept a Model, or a plain callable (wrapped; named `name`, the --csr-model value, when given)."""
    if hasattr(obj, "agenerate") and hasattr(obj, "name"):
        return obj
    if callable(obj):
        return CallableModel(obj, name)
    raise TypeError(f"csr_model fixture returned {type(obj).__name__}: return an object with `name` and "
                    "`async agenerate(request)`, or a function `fn(request) -> str`")
