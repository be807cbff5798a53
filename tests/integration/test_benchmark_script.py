"""benchmarks/run_benchmarks.py runs end to end on a small synthetic pack and reports what it measures.

Only behaviour is asserted (rows present, no duplicate requests, a dead endpoint gives ERROR on every
item, --collect-only never imports litellm); the timing ratios are the script's business, not the tests'.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_benchmark_script_reports_every_measurement(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run_benchmarks.py"), "--synthetic", "6",
                           "--latency", "0.05", "--concurrency", "4", "--client-latency", "0.02",
                           "--client-concurrency", "8", "--repeats", "1", "--out", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: a timing target missed on a busy machine
    text = out.read_text()
    assert "synthetic, a pack, 12 items" in text
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ")
            for line in text.splitlines() if line.startswith("| ") and not line.startswith("| measurement")}
    expected = ["--collect-only, litellm model", "litellm imported by --collect-only",
                "cold run, 12 calls, 0.05 s latency, concurrency 4", "requests vs unique requests (no xdist)",
                "cached re-run", "requests vs unique requests (-n 2)", "cold run under -n 2",
                "client-bound run, 0.02 s latency, concurrency 8", "dead endpoint (connection refused)",
                "peak memory"]
    assert [r for r in expected if r not in rows] == [], text
    met = {name: cells[-1].strip(" |") for name, cells in rows.items()}
    for name in ("litellm imported by --collect-only", "requests vs unique requests (no xdist)",
                 "requests vs unique requests (-n 2)", "dead endpoint (connection refused)", "peak memory"):
        assert met[name] == "yes", (name, text)
    assert "12 / 12" in rows["requests vs unique requests (no xdist)"][1]
    assert "0 requests, 12 cache hits" in rows["cached re-run"][1]
    assert "12 of 12 items ERROR" in rows["dead endpoint (connection refused)"][1]
    assert "litellm helper process" in rows["peak memory"][1]
