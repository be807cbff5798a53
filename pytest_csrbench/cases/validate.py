"""`csrbench validate [SOURCE ...]`: check case packs and print every problem (file, case, field)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from .sources import collect_sources, unavailable_notes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="pack file or directory (YAML or JSON Lines), or FORMAT:PATH[?options] "
                             "(mossbench, msts, mssbench, vlguard, pairs, hallusion, csv, jsonl); "
                             "default: the bundled benchmark")
    parser.add_argument("--with-bundled", action="store_true",
                        help="also load the bundled benchmark (checks id clashes with it)")


def run(args: argparse.Namespace) -> int:
    bundled = args.with_bundled or not args.sources
    cases, problems = collect_sources(args.sources, bundled=bundled)
    for problem in problems:
        print(problem, file=sys.stderr)
    notes = unavailable_notes(cases)
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    skipped = f"; {len(notes)} item(s) will be skipped as unavailable (warnings above)" if notes else ""
    by_pattern = Counter(c.pattern for c in cases)
    counts = ", ".join(f"{n} {p}" for p, n in sorted(by_pattern.items()))
    if problems:
        print(f"{len(problems)} problem(s); {len(cases)} valid case(s) ({counts or 'none'}){skipped}", file=sys.stderr)
        return 1
    print(f"ok: {len(cases)} case(s) ({counts or 'none'}), {len({c.type for c in cases})} type(s){skipped}")
    return 0
