"""Cost-and-scale measurements (issue 18), as ratios from one run:

    python benchmarks/cost_benchmarks.py                 # the bundled benchmark
    python benchmarks/cost_benchmarks.py --synthetic 60  # a generated pack

- `csrbench merge` of N shards' results files (--json and --html) against `csrbench report` rendering
  the HTML of the same run from one results file: merging should cost about one report render.
- `pytest --csr-estimate` against `pytest --collect-only` with the same litellm model, and the number of
  requests the estimate made (must be 0): the estimate should cost about a collection.

Every figure is the wall time of a real subprocess, the best of --repeats alternating runs. The shard
and whole-run files come from offline runs of the built-in csr/text-guard model. Writes
benchmarks/COST_RESULTS.md (--out).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run_benchmarks import Child, environment, run_child  # noqa: E402

from pytest_csrbench.testing.server import LoopbackServer  # noqa: E402

LENIENT = ["--csr-max-error-rate=1"]


def best(repeats: int, *runs: Callable[[], Child]) -> list[Child]:
    """Each run's best wall time over `repeats` rounds, alternating (as timeit does)."""
    found: list = [None] * len(runs)
    for _ in range(repeats):
        for i, run in enumerate(runs):
            child = run()
            if found[i] is None or child.wall < found[i].wall:
                found[i] = child
    return found


def pytest_cmd(case_args: list[str], *extra: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *case_args, *LENIENT, *extra]


def csrbench(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from pytest_csrbench.cli import main; sys.exit(main())", *args]


def measure_merge(work: Path, case_args: list[str], shards: int, repeats: int, rows: list) -> None:
    whole = run_child(pytest_cmd(case_args, "--csr-model=csr/text-guard", f"--csr-json={work / 'whole.json'}"), work)
    names = []
    for k in range(1, shards + 1):
        name = str(work / f"shard-{k}.json")
        child = run_child(pytest_cmd(case_args, "--csr-model=csr/text-guard", f"--csr-shard={k}/{shards}",
                                     f"--csr-json={name}"), work)
        assert child.rc == 0, child.out[-2000:]
        names.append(name)
    assert whole.rc in (0, 1), whole.out[-2000:]
    merge, report = best(repeats,
                         lambda: run_child(csrbench("merge", *names, "--json", str(work / "all.json"), "--html",
                                                    str(work / "merged.html"), "--max-error-rate=1"), work),
                         lambda: run_child(csrbench("report", str(work / "whole.json"), "--html",
                                                    str(work / "whole.html")), work))
    ok = merge.rc in (0, 1) and report.rc == 0
    rows.append((f"csrbench merge, {shards} shards (--json and --html)", f"{merge.wall:.2f} s (best of {repeats})",
                 f"csrbench report of the whole run (--html): {report.wall:.2f} s", merge.wall / report.wall,
                 "<= 1.5x (about one report render)", ok and merge.wall / report.wall <= 1.5))


def measure_estimate(work: Path, case_args: list[str], repeats: int, rows: list) -> None:
    with LoopbackServer() as server:
        model = ["--csr-model=openai/gpt-4o", f"--csr-api-base={server.api_base}",
                 f"--csr-cache-dir={work / 'cache'}"]
        estimate, collect = best(repeats, lambda: run_child(pytest_cmd(case_args, *model, "--csr-estimate"), work),
                                 lambda: run_child(pytest_cmd(case_args, *model, "--collect-only"), work))
        requests = len(server.state.requests)
    priced = "cost          $" in estimate.out
    rows.append(("--csr-estimate, litellm model (empty cache)",
                 f"{estimate.wall:.2f} s (best of {repeats}), {requests} requests",
                 f"--collect-only: {collect.wall:.2f} s", estimate.wall / collect.wall,
                 "<= 1.5x, 0 requests, priced", estimate.rc == 0 and requests == 0 and priced
                 and estimate.wall / collect.wall <= 1.5))


def table(rows: list) -> str:
    lines = ["| measurement | measured | reference | ratio | target | met |", "|---|---|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {r:.2f}x | {t} | {'yes' if ok else 'NO'} |" for a, b, c, r, t, ok in rows]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=None, help="pack directory (default: the bundled benchmark)")
    ap.add_argument("--synthetic", type=int, default=None, metavar="N", help="generate a pack of N cases")
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "COST_RESULTS.md"), help="markdown file ('' for none)")
    args = ap.parse_args()
    rows: list = []
    with tempfile.TemporaryDirectory(prefix="csrbench-cost-") as tmp:
        work = Path(tmp)
        if args.synthetic:
            from genpack import write_synthetic_pack

            args.cases = str(write_synthetic_pack(work / "pack", args.synthetic).parent)
        case_args = ["--csr-no-bundled", f"--csr-cases={Path(args.cases).resolve()}"] if args.cases else []
        measure_merge(work, case_args, args.shards, args.repeats, rows)
        measure_estimate(work, case_args, args.repeats, rows)
    text = table(rows)
    print(text)
    if args.out:
        command = ("python benchmarks/cost_benchmarks.py " + " ".join(sys.argv[1:])).strip()
        pack = f"synthetic pack of {args.synthetic} cases" if args.synthetic else (args.cases or "the bundled benchmark")
        Path(args.out).write_text(f"# pytest-csrbench: cost and scale benchmarks\n\n`{command}`\n\n{environment()}; "
                                  f"{pack}\n\n{text}\n", encoding="utf-8")
    return 0 if all(r[-1] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
