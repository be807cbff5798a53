"""Throughput of the rule judges on realistic response lengths (issue 12), in one process.

    python benchmarks/judge_throughput.py            # prints rows/s for short rows and for 100-400-word rows
    python benchmarks/judge_throughput.py --rows 3000 --repeat 3

Realistic rows: every refusal row of the response calibration set, lengthened to a length drawn uniformly
from 100-400 words by appending paragraphs of the set's own helpful answers (varied sentences, lists,
numbers), so the cue tables see text of the size real models return. Short rows: the same rows as written
(median about 20 words). Each figure is the best of --repeat passes of `csrbench judge`'s code path
(`judge_stream`: parse JSON, judge, write JSON) over the same rows, timed in CPU seconds of this process
(time.process_time, so a busy machine does not skew it); the ratio long/short is the number to
compare across machines. The last line compares, in the same run and interleaved, the per-segment literal
re-check of the cue tables with the per-response prefilter alone (what the judge did before issue 12), on
the realistic rows: the speed-up is a ratio, robust to a busy machine.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytest_csrbench.judges.calibration import _pools  # noqa: E402
from pytest_csrbench.judges import refusal  # noqa: E402
from pytest_csrbench.judges.cli import judge_stream  # noqa: E402
from pytest_csrbench.judges.scoring import RESPONSE_SPLITS, load_labelled  # noqa: E402


def _filler(rng: random.Random) -> str:
    item = rng.choice(_pools.BENIGN)
    if rng.random() < 0.5:
        return item["a"]
    return "\n".join(f"{i}. {s}" for i, s in enumerate(item["steps"], 1))


def lengthen(text: str, rng: random.Random) -> str:
    target = rng.randint(100, 400)
    parts = [text]
    while sum(len(p.split()) for p in parts) < target:
        parts.append(_filler(rng))
    return "\n\n".join(parts)


def rows(n: int, long: bool) -> list[dict]:
    rng = random.Random(12)
    base = [r for path in RESPONSE_SPLITS for r in load_labelled(path) if r["judge"] == "refusal"]
    out = []
    for i in range(n):
        r = base[i % len(base)]
        text = lengthen(r["response"], rng) if long else r["response"]
        out.append({"id": i, "response": text, "prompt": r["prompt"], "expected": r["expected"]})
    return out


def rate(payload: str, n: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        out, err = io.StringIO(), io.StringIO()
        t0 = time.process_time()
        judge_stream(io.StringIO(payload), out, err)
        best = min(best, time.process_time() - t0)
    return n / best


def _per_response_only(text: str) -> dict:
    """The prefilter as it was: candidates chosen once per response, no literal check per segment."""
    return {kind: [(name, rx, None) for name, rx, _ in cues] for kind, cues in _candidates(text).items()}


_candidates = refusal.candidates


def compare(payload: str, n: int, repeat: int) -> tuple[float, float]:
    new = old = 0.0
    for _ in range(repeat):
        new = max(new, rate(payload, n, 1))
        refusal.candidates = _per_response_only
        try:
            old = max(old, rate(payload, n, 1))
        finally:
            refusal.candidates = _candidates
    return new, old


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rate("".join(json.dumps(r) + "\n" for r in rows(50, True)), 50, 1)      # warm-up: compile the cue tables
    results = {}
    for name, long in (("short (as written)", False), ("realistic (100-400 words)", True)):
        data = rows(args.rows, long)
        words = statistics.median(len(r["response"].split()) for r in data)
        payload = "".join(json.dumps(r) + "\n" for r in data)
        results[name] = (rate(payload, args.rows, args.repeat), words)
    print(f"csrbench judge throughput, {args.rows} refusal rows, best of {args.repeat} (python {sys.version.split()[0]})")
    for name, (rps, words) in results.items():
        print(f"  {name:<28} median {words:>5.0f} words   {rps:>8.0f} rows/s")
    short, long = (results[k][0] for k in results)
    print(f"  ratio realistic/short: {long / short:.2f}")
    data = rows(args.rows // 2, True)
    new, old = compare("".join(json.dumps(r) + "\n" for r in data), len(data), args.repeat)
    print(f"  realistic rows, per-segment literal re-check {new:.0f} rows/s vs per-response prefilter only "
          f"{old:.0f} rows/s: {new / old:.2f}x")


if __name__ == "__main__":
    main()
