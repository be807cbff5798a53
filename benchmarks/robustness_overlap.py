"""How much the robustness search overlaps cases: wall time of one run with the search pool's threads (and the
runner's concurrency) at 1 versus the default, on a model that takes --latency seconds (default 0.1) per answer.

    .venv/bin/python benchmarks/robustness_overlap.py [--cases 8] [--variants 10] [--latency 0.1]

Prints both wall times and their ratio (same machine, same run). The model is stable (always refuses), so
every case's search spends all its N variants: cases x (N + 1) calls.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.packs import seed_cases, write_pack  # noqa: E402

PATTERNS = ("safety", "over_rejection", "bias", "hallucination")
CONFTEST = """
import asyncio
import pytest

LATENCY = float(__import__("os").environ.get("LATENCY", "0.1"))

async def answer(request):
    await asyncio.sleep(LATENCY)
    return "I can't help with that."

@pytest.fixture(scope="session")
def csr_model():
    return answer
"""


def run(directory: Path, variants: int, concurrency: int, latency: float) -> float:
    env = {**os.environ, "LATENCY": str(latency)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--csr-model=csr/refuse-all",
                    "--csr-no-bundled", "--csr-cases=pack", "--csr-no-cache", f"--csr-robustness={variants}",
                    "--csr-robustness-strategies=tint,noise,jpeg", f"--csr-concurrency={concurrency}",
                    "-k", "test_robust", *(f"--csr-fail-under={p}=0" for p in PATTERNS)],
                   cwd=directory, check=False, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=8)
    ap.add_argument("--variants", type=int, default=10)
    ap.add_argument("--latency", type=float, default=0.1, help="seconds per model answer")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        cases = (seed_cases() * ((args.cases + 7) // 8))[:args.cases]
        cases = [{**c, "id": f"{c['id']}-{i}"} for i, c in enumerate(cases)]
        write_pack(d / "pack", cases)
        for png in (d / "pack" / "images").iterdir():
            Image.new("RGB", (48, 32), (128, 128, 128)).save(png)
        (d / "conftest.py").write_text(CONFTEST)
        serial = run(d, args.variants, 1, args.latency)
        overlapped = run(d, args.variants, 16, args.latency)
    calls = args.cases * (args.variants + 1)
    print(f"{args.cases} cases x {args.variants} variants ({calls} calls of {args.latency * 1000:.0f} ms): "
          f"serial {serial:.1f} s, overlapped {overlapped:.1f} s, ratio {serial / overlapped:.1f}x")


if __name__ == "__main__":
    main()
