"""The runner's per-attempt deadline, a model's say on retrying, explicit chat requests in the cache key, and
the one place error text is redacted (issue 13.3, 14.3, 14.5)."""

from __future__ import annotations

import asyncio

import pytest

from pytest_csrbench.models.base import GenParams, Request, Response
from pytest_csrbench.models.cache import request_key
from pytest_csrbench.models.callable_model import CallableModel
from pytest_csrbench.models.limits import Budget
from pytest_csrbench.models.runner import Runner, is_retryable


class Hangs:
    """A model whose call never returns (a server that accepted the request and went silent)."""

    name = "hangs"

    def __init__(self) -> None:
        self.calls = 0

    async def agenerate(self, request: Request) -> Response:
        self.calls += 1
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


def test_an_attempt_that_never_returns_ends_at_the_deadline_and_is_retried() -> None:
    model = Hangs()
    runner = Runner(model, retries=1, backoff_base=0.0)
    try:
        request = Request("X-001", "text", "hi", params=GenParams(timeout=0.05))
        response = runner.submit("k", lambda: request).result(timeout=30)
    finally:
        runner.close()
    assert response.error == "Timeout: no answer within 0.05 s (--csr-timeout)"
    assert response.attempts == 2 and model.calls == 2


def test_a_model_may_declare_an_error_not_retryable() -> None:
    assert is_retryable(Response(error="boom"))  # no status: a transport failure, retried
    assert not is_retryable(Response(error="reply out of format", retryable=False))
    assert is_retryable(Response(error="x", status_code=400, retryable=True))


def test_explicit_chat_messages_are_sent_and_keyed_without_image_bytes() -> None:
    url = "data:image/png;base64," + "A" * 4000
    chat = ({"role": "system", "content": "judge"},
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}},
                                         {"type": "text", "text": "the response"}]})
    request = Request("X-001", "image", "", chat=chat, response_format={"type": "json_object"})
    assert request.messages()[1]["content"][0]["image_url"]["url"] == url  # sent as given
    identity = {"kind": "llm_judge"}
    key = request_key(request, identity)
    assert key != request_key(Request("X-001", "image", "", chat=chat), identity)  # the format is part of it
    other = ({"role": "system", "content": "judge"}, {"role": "user", "content": "another response"})
    assert key != request_key(Request("X-001", "image", "", chat=other, response_format={"type": "json_object"}),
                              identity)
    assert request.messages()[1]["content"][0]["image_url"]["url"] == url  # keying did not alter the request


def test_a_plain_request_keeps_its_old_key() -> None:
    """No response format, no explicit chat: the key of a model-under-test request is what it was (caches of
    earlier runs stay valid)."""
    request = Request("X-001", "text", "hi")
    assert request_key(request, {"kind": "litellm"}) == request_key(Request("X-001", "text", "hi"), {"kind": "litellm"})
    assert request.messages() == [{"role": "user", "content": "hi"}]


def test_every_error_is_redacted_where_the_response_is_made(monkeypatch) -> None:
    monkeypatch.setenv("MY_PROVIDER_API_KEY", "env-secret-value-123456")

    def leaky(request: Request) -> str:
        raise RuntimeError("denied for env-secret-value-123456 and sk-embedded0123456789")

    runner = Runner(CallableModel(leaky), retries=0)
    try:
        response = runner.submit("k", lambda: Request("X-001", "text", "hi")).result(timeout=30)
    finally:
        runner.close()
    assert response.error == "RuntimeError: denied for [REDACTED] and [REDACTED]"
    assert Response.model_validate({"error": "key sk-abcdefgh12345678"}).error == "key [REDACTED]"


def test_a_shared_budget_keeps_the_model_and_judge_parts_apart() -> None:
    budget = Budget(0.01)
    budget.add(Response(text="a", cost_usd=0.004), source="model")
    budget.add(Response(text="b", cost_usd=0.007), source="judge")
    assert budget.exhausted and budget.parts == pytest.approx({"model": 0.004, "judge": 0.007})
    assert "model $0.0040" in budget.reason("judge call") and "judge call was not made" in budget.reason("judge call")
