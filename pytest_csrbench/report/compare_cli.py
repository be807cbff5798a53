"""`csrbench compare A.json B.json [--html OUT]`: B against A, per pattern and modality, with flips."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..comparison import DEFAULT_TOLERANCE, compare
from ..gate import regression_reason
from ..results import ResultsFileError, load_results
from ..textsafe import printable
from .compare import flip_lines, summary_counts, table_rows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A.json", help="the reference run (e.g. the previous model version)")
    parser.add_argument("b", metavar="B.json", help="the run compared with A")
    parser.add_argument("--html", metavar="OUT", help="also write B's HTML report, with the comparison, here")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                        help=f"pass-rate drop tolerated before a significant drop is a regression "
                             f"(default {DEFAULT_TOLERANCE})")
    parser.add_argument("--flips", type=int, default=20, metavar="N",
                        help="list at most N flipped items per direction (default 20; 0 for all)")
    parser.add_argument("--fail-on-regression", action="store_true", help="exit 1 when a pattern regressed")


def _describe(label: str, path: str, data: dict) -> str:
    m = data.get("manifest") or {}
    started = (m.get("started_at") or "")[:16].replace("T", " ")
    return (f"{label}: {path}  model {m.get('model', '?')}  {started}  dataset {m.get('dataset_hash', '?')}  "
            f"judge {m.get('judge', '?')}  {len(data['items'])} items")


def report_lines(cmp: dict, a: str, b: str, da: dict, db: dict, flips: int) -> list[str]:
    lines = [_describe("A", a, da), _describe("B", b, db), ""]
    lines += [f"warning: {w}" for w in cmp["mismatches"]]
    lines.append(f"{summary_counts(cmp)}; exact McNemar test, regression = drop > {cmp['tolerance']:.2f} with "
                 f"p < {cmp['alpha']}; flips -/+ = passed->missed / missed->passed")
    lines += [line for line, _ in table_rows(cmp, ("image", "text"))]
    lines.append("")
    lines += [f"flipped {line}" for line in flip_lines(cmp, limit=flips or 10**9)] or ["no flipped items"]
    if cmp["regressions"]:
        lines += ["", "regressions (B vs A):"] + [f"  - {regression_reason(p, cmp)}" for p in cmp["regressions"]]
    else:
        lines += ["", "no pattern regressed significantly (B vs A)"]
    return lines


def run(args: argparse.Namespace) -> int:
    if not 0.0 <= args.tolerance <= 1.0:
        print(f"csrbench compare: --tolerance {args.tolerance}: must be between 0 and 1", file=sys.stderr)
        return 2
    try:
        da, db = load_results(Path(args.a), "A"), load_results(Path(args.b), "B")
    except ResultsFileError as exc:
        print(f"csrbench compare: {exc}", file=sys.stderr)
        return 2
    cmp = compare(da, db, tolerance=args.tolerance, path=args.a)
    print(printable("\n".join(report_lines(cmp, args.a, args.b, da, db, args.flips)), keep_newlines=True))
    if args.html:
        from ..reference import with_reference
        from .html import write_html

        write_html(with_reference({**db, "baseline": cmp}), Path(args.html), source=f"{args.b} compared with {args.a}")
        print(f"wrote {args.html}")
    if cmp["regressions"] and not args.fail_on_regression:
        print("exit status 0: regressions do not fail this command unless --fail-on-regression is given")
    return 1 if args.fail_on_regression and cmp["regressions"] else 0
