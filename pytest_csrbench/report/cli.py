"""`csrbench report RUN.json --html OUT`: re-render the HTML report from a results file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..results import ResultsFileError, load_results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", metavar="RUN.json", help="a results file written by --csr-json")
    parser.add_argument("--html", metavar="OUT", required=True, help="where to write the HTML report")
    parser.add_argument("--baseline", metavar="BASE.json",
                        help="compare with this results file (replaces the comparison stored in RUN.json)")
    parser.add_argument("--tolerance", type=float, default=None,
                        help="pass-rate drop tolerated before a significant drop counts as a regression "
                             "(default 0.02)")


def run(args: argparse.Namespace) -> int:
    try:
        data = load_results(Path(args.results))
        if args.baseline:
            from ..comparison import DEFAULT_TOLERANCE, compare

            base = load_results(Path(args.baseline), "baseline")
            tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance
            data = {**data, "baseline": compare(base, data, tolerance=tolerance, path=args.baseline)}
    except ResultsFileError as exc:
        print(f"csrbench report: {exc}", file=sys.stderr)
        return 2
    from ..reference import with_reference
    from .html import write_html

    write_html(with_reference(data), Path(args.html), source=str(args.results))
    items = len(data["items"])
    print(f"wrote {args.html} ({items} items, {Path(args.html).stat().st_size / 1e6:.1f} MB)")
    return 0
