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
