"""Baselines in the reports: `--csr-update-baseline` writes the run to the --csr-baseline path (explicitly,
never implicitly); the summary shows the comparison and the command to run next.

The comparison itself is computed by the run (comparison.py); everything here reads a `RunResult`.
"""

from __future__ import annotations

import shlex
import warnings
from pathlib import Path
from typing import Iterator, Optional

from ..comparison import CsrBaselineMismatch
from ..results import RunResult, write_json
from .compare import describe_base, flip_lines, summary_counts, table_rows

Line = tuple[str, dict]
SUGGESTED_PATH = "csr-baseline.json"


def write_baseline(result: RunResult, results: dict) -> Optional[str]:
    """Write the run (its results dict) as the baseline when asked to; return the path written (or None)."""
    s = result.settings
    if not getattr(s, "update_baseline", False):
        return None
    ran = any(i.judged for i in result.items)
    if not ran or not result.complete:
        why = "nothing was judged" if not ran else (f"the run is incomplete ({len(result.items)} of "
                                                   f"{result.expected_items} results)")
        warnings.warn(CsrBaselineMismatch(f"baseline not written to {s.baseline_path}: {why}"), stacklevel=1)
        return None
    write_json(results, Path(s.baseline_path))
    return str(s.baseline_path)


# ----- terminal

def baseline_lines(result: RunResult) -> Iterator[Line]:
    cmp = result.comparison
    if cmp is None:
        return
    if cmp.get("error"):
        yield f"baseline: {cmp['error']}", {"red": True}
        return
    yield f"baseline: {describe_base(cmp)} · {summary_counts(cmp)}", {"bold": True}
    for line, status in table_rows(cmp):
        markup = {"bold": True} if status == "header" else {}
        if status.startswith("REGRESSED"):
            markup = {"red": True, "bold": True} if not cmp["accepted"] else {"yellow": True}
        elif status == "improved":
            markup = {"green": True}
        yield "  " + line, markup
    if not cmp["flips"]:
        yield "  no flipped cases", {}
    for line in flip_lines(cmp):
        yield f"  flipped {line}", {"yellow": True}
    for mismatch in cmp.get("mismatches", []):
        yield f"  warning: {mismatch}", {"yellow": True}


def rerun_command(result: RunResult, *, update: bool) -> str:
    """The user's own command line with --csr-baseline set and --csr-update-baseline added or removed."""
    s = result.settings
    args = [a for a in result.invocation_args if a != "--csr-update-baseline"]
    path = getattr(s, "baseline_path", None)
    if not any(a == "--csr-baseline" or a.startswith("--csr-baseline=") for a in args):
        args.append(f"--csr-baseline={path or SUGGESTED_PATH}")
    if update:
        args.append("--csr-update-baseline")
    return shlex.join(["pytest", *map(str, args)])


def next_step_lines(result: RunResult) -> Iterator[Line]:
    """What to run next, as an exact command."""
    s = result.settings
    cmp = result.comparison
    written = result.written.baseline_path
    if written:
        yield f"baseline written to {written}; compare later runs with: {rerun_command(result, update=False)}", {}
    elif cmp is not None and cmp.get("regressions") and not cmp.get("accepted"):
        yield (f"if the change is intended, accept this run as the new baseline: "
               f"{rerun_command(result, update=True)}"), {"yellow": True}
    elif cmp is None and result.gate is not None and getattr(s, "baseline_path", None) is None:
        yield (f"to catch regressions in later runs, store this run as a baseline: "
               f"{rerun_command(result, update=True)}"), {}
    if result.written.html_path is not None:
        yield f"HTML report written to {result.written.html_path}", {}
