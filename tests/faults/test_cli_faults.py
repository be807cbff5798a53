"""Issue 14 item 11: the `csrbench` commands on hostile input."""

from __future__ import annotations

import json
import subprocess
import sys


def test_judge_survives_a_lone_surrogate_in_an_id() -> None:
    row = json.dumps({"id": "\ud800", "response": "I cannot help with that."})  # ASCII JSON: "\ud800" escaped
    proc = subprocess.run([sys.executable, "-m", "pytest_csrbench.cli", "judge", "-"], input=row + "\n",
                          capture_output=True, text=True, timeout=60, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "\ud800"  # the same id comes back, escaped in the JSON


def test_an_empty_choices_list_is_a_named_error_that_is_not_retried(tmp_path) -> None:
    from .runs import bench, results, text
    from .server import FaultServer

    with FaultServer("empty_choices") as srv:
        proc = bench(tmp_path, srv.api_base, "--csr-retries=3", "--csr-litellm-in-process")
    assert proc.returncode == 0, text(proc)
    items = results(tmp_path)["items"]
    assert all(i["outcome"] == "error" and "no choices" in i["error"] for i in items), items[0]
    assert len(srv.state.requests) == len(items)  # one call each: an empty answer is not retryable


def test_connection_refused_is_not_shown_as_http_500(tmp_path) -> None:
    import socket

    from .runs import bench, results

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = bench(tmp_path, f"http://127.0.0.1:{port}/v1", "--csr-retries=0", "--csr-breaker=0")
    items = results(tmp_path)["items"]
    assert all(i["outcome"] == "error" and i["status_code"] is None for i in items), items[0]
    assert "HTTP 500" not in proc.stdout.decode(errors="replace")
