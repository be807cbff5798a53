"""Write a synthetic case pack of N cases (the seed cases of tests/packs.py, renumbered) for benchmarks."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.packs import seed_cases, write_pack  # noqa: E402


def synthetic_cases(n: int) -> list[dict]:
    seeds = seed_cases()
    counters: dict[str, int] = {}
    cases = []
    for i in range(n):
        case = dict(seeds[i % len(seeds)])
        counters[case["type"]] = counters.get(case["type"], 0) + 1
        case["id"] = f"{case['type']}-{counters[case['type']]:03d}"
        case["prompt"] = f"{case['prompt']} (variant {i})"
        case["text_control"] = f"{case['text_control']} (variant {i})"
        cases.append(case)
    return cases


def write_synthetic_pack(directory: Path, n: int) -> Path:
    return write_pack(Path(directory), synthetic_cases(n))


if __name__ == "__main__":  # python benchmarks/genpack.py DIR N
    print(write_synthetic_pack(Path(sys.argv[1]), int(sys.argv[2])))
