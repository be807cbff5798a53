"""litellm in a helper process: same answers as in-process, no lost responses, fallback when it dies."""

from __future__ import annotations

import asyncio
import base64
import gc

import pytest

from pytest_csrbench.models.base import GenParams, Request
from pytest_csrbench.models.helper import HelperProcess, RemoteModel
from pytest_csrbench.models.litellm_model import LiteLLMModel
from pytest_csrbench.models.runner import Runner
from pytest_csrbench.testing.server import Behaviour, LoopbackServer
from tests.packs import png_bytes


@pytest.fixture
def server():
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def helper():
    proc = HelperProcess.start()
    assert proc is not None
    yield proc
    proc.stop(kill=True)


def request(i: int, image: bool = False) -> Request:
    return Request(case_id=f"C-{i:03d}", modality="image" if image else "text", prompt=f"question {i}",
                   image=png_bytes(f"img {i}") if image else None, params=GenParams(timeout=20))


def test_many_concurrent_calls_all_come_back(server, helper) -> None:
    model = RemoteModel(LiteLLMModel("openai/m", GenParams(), api_base=server.api_base), helper)
    runner = Runner(model, concurrency=32)
    runner.prefetch([(i, lambda i=i: request(i, image=i % 2 == 0)) for i in range(64)])
    gc.collect()  # the pipe reader must survive garbage collection (asyncio holds tasks weakly)
    responses = [runner.submit(i, lambda i=i: request(i)).result(timeout=60) for i in range(64)]
    runner.close(cancel=False)
    assert all(r.error is None for r in responses)
    assert [r.text for r in responses[:2]] == ["Here is my answer. (received 1 image(s))",
                                              "Here is my answer. (received 0 image(s))"]
    assert len(server.state.requests) == 64
    sent = server.state.requests[0].body["messages"][-1]["content"]
    contents = [r.body["messages"][-1]["content"] for r in server.state.requests]
    images = [p["image_url"]["url"] for c in contents if isinstance(c, list) for p in c if p["type"] == "image_url"]
    assert len(images) == 32 and sent
    assert base64.b64decode(images[0].split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert helper.peak_rss_mb is not None and helper.peak_rss_mb > 50  # reaped: it imported litellm


def test_provider_outcomes_cross_the_pipe(server, helper) -> None:
    server.behaviour = Behaviour(mode="content_filter")
    model = RemoteModel(LiteLLMModel("openai/m", GenParams(), api_base=server.api_base), helper)

    async def both() -> tuple:
        filtered = await model.agenerate(request(1))
        server.behaviour = Behaviour(status=429, retry_after=7)
        return filtered, await model.agenerate(request(2))

    filtered, limited = asyncio.run(both())
    assert filtered.refusal is True and filtered.refusal_source == "content_filter" and filtered.error is None
    assert limited.status_code == 429 and limited.error and limited.retry_after_s == 7
    assert model._writer is not None and not model._failed  # both went through the helper


def test_a_dead_warm_helper_is_replaced(server, helper) -> None:
    helper.stop(kill=True)
    model = RemoteModel(LiteLLMModel("openai/m", GenParams(), api_base=server.api_base), helper)
    runner = Runner(model, concurrency=4)
    responses = [runner.submit(i, lambda i=i: request(i)).result(timeout=60) for i in range(4)]
    runner.close(cancel=False)
    assert all(r.error is None for r in responses) and len(server.state.requests) == 4
    assert model.helper is not helper and model.used and not model._failed


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydantic's notes while litellm is imported here
def test_a_helper_that_dies_mid_run_falls_back_to_in_process_litellm(server, helper) -> None:
    model = RemoteModel(LiteLLMModel("openai/m", GenParams(), api_base=server.api_base), helper)
    runner = Runner(model, concurrency=4, backoff_base=0.001)
    first = [runner.submit(i, lambda i=i: request(i)).result(timeout=60) for i in range(4)]
    helper.proc.kill()
    helper.proc.wait()
    then = [runner.submit(i, lambda i=i: request(i)).result(timeout=60) for i in range(4, 8)]
    runner.close()
    assert all(r.error is None for r in first + then) and len(server.state.requests) == 8
    assert model._failed  # the later calls were made in this process


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_helper_that_cannot_start_falls_back_to_in_process_litellm(server, monkeypatch) -> None:
    monkeypatch.setattr(HelperProcess, "start", classmethod(lambda cls: None))
    model = RemoteModel(LiteLLMModel("openai/m", GenParams(), api_base=server.api_base))
    runner = Runner(model, concurrency=2)
    responses = [runner.submit(i, lambda i=i: request(i)).result(timeout=60) for i in range(2)]
    runner.close()
    assert all(r.error is None for r in responses) and model._failed and model.helper is None


def test_the_helper_starts_at_the_first_call_when_none_is_warm(server) -> None:
    model = RemoteModel(LiteLLMModel("openai/m", GenParams(), api_base=server.api_base))
    assert model.helper is None
    runner = Runner(model)
    assert runner.submit(0, lambda: request(0)).result(timeout=60).error is None
    runner.close(cancel=False)
    assert model.helper is not None and model.helper.proc.returncode == 0 and model.used


def test_an_unused_warm_helper_is_killed_at_the_end(helper) -> None:
    model = RemoteModel(LiteLLMModel("openai/m", GenParams()), helper)
    Runner(model).close(cancel=False)  # e.g. every item was a cache hit
    assert helper.proc.returncode is not None and not model.used
