"""benchmarks/cost_benchmarks.py runs end to end on a small synthetic pack (behaviour only, no timings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_cost_benchmark_reports_its_rows(tmp_path: Path) -> None:
    out = tmp_path / "COST.md"
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "cost_benchmarks.py"), "--synthetic", "8",
                           "--shards", "3", "--repeats", "1", "--out", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: a timing target missed on a busy machine
    text = out.read_text()
    assert "| csrbench merge, 3 shards (--json and --html) |" in text
    estimate = next(line for line in text.splitlines() if line.startswith("| --csr-estimate"))
    assert ", 0 requests |" in estimate
