"""Issue 14 item 9: SIGTERM and Ctrl-C write the results marked incomplete; a second signal exits at once."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pytest_csrbench.testing.server import Behaviour, LoopbackServer

from .runs import ITEMS, command, prepare, results

GUARD = 180

SECOND_SIGNAL = """
import os, signal, time
import pytest_csrbench.report.html as html

def render(*args, **kwargs):  # the second Ctrl-C arrives while the HTML report is being rendered
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(60)
    raise AssertionError("the second signal did not exit")

html.render_html = render
"""


def _interrupt(directory: Path, server: LoopbackServer, sig: int, extra: list, group: bool,
               wait_for: int = 8) -> tuple[int, str]:
    prepare(directory)
    with (directory / "out.txt").open("wb") as out:
        proc = subprocess.Popen(command(server.api_base, "--csr-concurrency=2", *extra), cwd=directory,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1",
                                     "PYTHONPATH": os.pathsep.join(filter(None, [str(directory), os.environ.get("PYTHONPATH")]))})
        try:
            deadline = time.monotonic() + GUARD
            while len(server.state.requests) < wait_for and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert proc.poll() is None, (directory / "out.txt").read_text()
            (os.killpg if group else os.kill)(proc.pid, sig)
            proc.wait(timeout=GUARD)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return proc.returncode, (directory / "out.txt").read_text(errors="replace")


@pytest.mark.parametrize("xdist", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_sigterm_writes_the_results_marked_incomplete(tmp_path: Path, xdist: list) -> None:
    with LoopbackServer(Behaviour(latency=0.5)) as srv:
        code, log = _interrupt(tmp_path, srv, signal.SIGTERM, xdist, group=bool(xdist), wait_for=12)
    assert code == pytest.ExitCode.INTERRUPTED, log
    assert "Traceback" not in log, log
    data = results(tmp_path)
    assert data["manifest"]["complete"] is False and len(data["items"]) < ITEMS
    assert '"complete":false' in (tmp_path / "r.html").read_text().replace(" ", "")


def test_a_second_signal_exits_at_once_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "secondsignal.py").write_text(SECOND_SIGNAL)
    with LoopbackServer(Behaviour(latency=0.5)) as srv:
        code, log = _interrupt(tmp_path, srv, signal.SIGINT, ["-p", "secondsignal"], group=False)
    assert code == pytest.ExitCode.INTERRUPTED, log
    assert "exiting now" in log and "Traceback" not in log and "AssertionError" not in log, log
    assert results(tmp_path)["manifest"]["complete"] is False  # written before the page
    assert not (tmp_path / "r.html").exists()
    assert not list(tmp_path.glob(".csrbench-*")) and not list(tmp_path.glob(".r.html.tmp"))
