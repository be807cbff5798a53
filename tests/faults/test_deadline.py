"""Issue 14 item 4: --csr-timeout is a wall-clock deadline per attempt, on every path."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pytest_csrbench.models.base import GenParams, Request, Response
from pytest_csrbench.models.helper import RemoteModel
from pytest_csrbench.models.runner import Runner

from .runs import ITEMS, bench, results, text
from .server import FaultServer

GUARD = 150  # far below what a trickled answer takes (one byte every 10 s: ~50 min), far above 16 x 2 s


@pytest.mark.parametrize("path", [[], ["--csr-litellm-in-process"]], ids=["helper", "in-process"])
def test_a_trickling_server_is_cut_off_at_the_deadline(tmp_path: Path, path: list) -> None:
    with FaultServer("trickle", trickle_s=10.0) as srv:
        proc = bench(tmp_path, srv.api_base, "--csr-timeout=2", "--csr-retries=0", *path, timeout=GUARD)
    assert proc.returncode == 0, text(proc)
    data = results(tmp_path)
    assert len(data["items"]) == ITEMS
    assert all(i["outcome"] == "error" and "within 2 s (--csr-timeout)" in i["error"] for i in data["items"]), data["items"][0]


class _Never:
    """A model (or a user's app) that never answers."""

    name = "never"

    async def agenerate(self, request: Request) -> Response:
        await asyncio.sleep(3600)
        return Response(text="late")


def test_the_runner_bounds_a_model_that_never_answers() -> None:
    runner = Runner(_Never(), retries=1, backoff_base=0.0)
    try:
        request = Request("X-001", "text", "hi", params=GenParams(timeout=0.2))
        response = runner.submit("k", lambda: request).result(timeout=30)
    finally:
        runner.close()
    assert response.error is not None and "within 0.2 s (--csr-timeout)" in response.error
    assert response.attempts == 2  # a timeout is retried


class _SlowHelper(RemoteModel):
    """The helper path with a helper that never answers: its own timeout branch must run (Python 3.11+
    raises the builtin TimeoutError, an OSError, which used to be taken for a broken pipe)."""

    def __init__(self) -> None:
        super().__init__(_Never())
        self.fell_back = False

    async def _attach(self) -> bool:
        class _Writer:
            def write(self, data: bytes) -> None:
                pass

            async def drain(self) -> None:
                pass

        self._writer = _Writer()
        return True


def test_a_silent_helper_times_out_instead_of_being_taken_for_a_broken_pipe(monkeypatch) -> None:
    monkeypatch.setattr("pytest_csrbench.models.helper.HELPER_GRACE_S", 0.0)
    model = _SlowHelper()
    request = Request("X-001", "text", "hi", params=GenParams(timeout=0.1))
    response = asyncio.run(asyncio.wait_for(model.agenerate(request), timeout=30))
    assert response.error is not None and "did not answer in time" in response.error
