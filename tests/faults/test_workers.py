"""Issue 14 item 1: a killed xdist worker does not hang the run; every item is answered or an ERROR."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pytest_csrbench.testing.server import Behaviour, LoopbackServer

from .runs import ITEMS, command, prepare, results

GUARD = 180  # a hung run (the defect) never ends; a healthy one takes well under a minute


def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(proc.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the xdist workers in /proc")
def test_a_killed_worker_does_not_hang_the_run(tmp_path: Path) -> None:
    prepare(tmp_path)
    with LoopbackServer(Behaviour(latency=1.5)) as srv:
        out = (tmp_path / "out.txt").open("wb")
        proc = subprocess.Popen(command(srv.api_base, "-n", "2", "--csr-concurrency=4"), cwd=tmp_path,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + GUARD
            while len(srv.state.requests) < 3 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)  # the workers have claimed calls that are in flight
            workers = _children(proc.pid)
            assert len(workers) == 2, (tmp_path / "out.txt").read_text()
            os.kill(workers[0], signal.SIGKILL)  # it dies holding claims; the controller keeps it a zombie
            proc.wait(timeout=GUARD)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            out.close()
    log = (tmp_path / "out.txt").read_text(errors="replace")
    data = results(tmp_path)
    assert len(data["items"]) == ITEMS and data["manifest"]["complete"] is True, log
    outcomes = [i["outcome"] for i in data["items"]]
    assert set(outcomes) <= {"passed", "missed", "error"}, outcomes
    assert "error" in outcomes  # the item the worker was running when it died
    crashed = [i for i in data["items"] if i["outcome"] == "error"]
    assert all("crashed" in i["error"] for i in crashed), crashed
