"""Baselines: `--csr-baseline PATH` compares the run with a stored results file; `--csr-update-baseline`
writes the run there (explicitly, never implicitly). The comparison itself is `compare.compare`.
"""

from __future__ import annotations

import json
import shlex
import warnings
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

from .compare import compare, describe_base, flip_lines, summary_counts, table_rows

Line = tuple[str, dict]
SUGGESTED_PATH = "csr-baseline.json"


class BaselineError(ValueError):
    pass


class CsrBaselineMismatch(pytest.PytestWarning):
    """The baseline was made with a different dataset, judge or settings: the comparison is not like for like."""


def load_results(path: Path, what: str = "results file") -> dict:
    """Read a csrbench results JSON, or raise BaselineError saying what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{what} {path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{what} {path}: cannot be read as JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or "manifest" not in data:
        raise BaselineError(f"{what} {path}: not a csrbench results file (expected 'manifest' and an 'items' "
                            f"list, as written by --csr-json)")
    for n, item in enumerate(data["items"]):
        missing = [k for k in ("case_id", "modality", "pattern", "outcome") if not isinstance(item, dict)
                   or k not in item]
        if missing:
            raise BaselineError(f"{what} {path}: item {n} lacks {', '.join(missing)}")
    return data


def check_options(baseline: Optional[str], update: bool, tolerance: float) -> None:
    """Configure-time checks, raised as usage errors before anything runs."""
    if update and not baseline:
        raise pytest.UsageError("--csr-update-baseline needs --csr-baseline=PATH (where to write the baseline)")
    if not 0.0 <= tolerance <= 1.0:
        raise pytest.UsageError(f"--csr-regression-tolerance {tolerance}: must be a rate drop between 0 and 1, "
                                "e.g. 0.02")
    if baseline and not update:
        try:
            load_results(Path(baseline), "--csr-baseline")
        except BaselineError as exc:
            hint = (f"; create it from a run with --csr-baseline={baseline} --csr-update-baseline"
                    if not Path(baseline).exists() else "")
            raise pytest.UsageError(f"{exc}{hint}") from None


# ----- during finish

def compare_with_baseline(csr: Any, current: dict) -> Optional[dict]:
    """The comparison of this run (its results dict) with --csr-baseline, or None without a baseline.

    With --csr-update-baseline an existing baseline is still compared (so the summary shows what is
    being accepted) but marked accepted: its regressions do not fail the gate."""
    s = csr.settings
    path = getattr(s, "baseline_path", None)
    if path is None:
        return None
    if not Path(path).exists() and s.update_baseline:
        return None
    try:
        base = load_results(Path(path), "--csr-baseline")
    except BaselineError as exc:
        return {"path": str(path), "error": str(exc), "regressions": [], "flips": [], "patterns": {},
                "accepted": bool(s.update_baseline)}
    cmp = compare(base, current, tolerance=s.regression_tolerance, path=str(path))
    cmp["accepted"] = bool(s.update_baseline)
    warn_mismatches(cmp, Path(path))
    return cmp


def warn_mismatches(cmp: dict, path: Path) -> None:
    if not cmp.get("mismatches"):
        return
    text = (f"the baseline {path} is not like for like with this run: " + "; ".join(cmp["mismatches"])
            + f". Only the {cmp['paired_items']} unchanged paired items are compared; if the change is "
              f"intended, re-take the baseline with --csr-baseline={path} --csr-update-baseline")
    # located at the option, not at a line of Python: the summary reads "--csr-baseline=PATH:1: CsrBaselineMismatch"
    warnings.warn_explicit(CsrBaselineMismatch(text), category=CsrBaselineMismatch,
                           filename=f"--csr-baseline={path}", lineno=1)


def write_baseline(csr: Any, results: dict) -> Optional[str]:
    """Write the run as the baseline when asked to; return a note for the summary (or None)."""
    s = csr.settings
    if not getattr(s, "update_baseline", False):
        return None
    ran = any(i["outcome"] in ("passed", "missed") for i in results["items"])
    if not ran or not csr.complete:
        why = "nothing was judged" if not ran else (f"the run is incomplete ({len(csr.records)} of "
                                                   f"{csr.expected_items} results)")
        warnings.warn(CsrBaselineMismatch(f"baseline not written to {s.baseline_path}: {why}"))
        return None
    from .json_report import write_json

    write_json(results, Path(s.baseline_path))
    return str(s.baseline_path)


# ----- terminal

def baseline_lines(csr: Any) -> Iterator[Line]:
    cmp = getattr(csr, "comparison", None)
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


def rerun_command(csr: Any, *, update: bool) -> str:
    """The user's own command line with --csr-baseline set and --csr-update-baseline added or removed."""
    s = csr.settings
    args = [a for a in csr.config.invocation_params.args if a != "--csr-update-baseline"]
    path = getattr(s, "baseline_path", None)
    if not any(a == "--csr-baseline" or a.startswith("--csr-baseline=") for a in args):
        args.append(f"--csr-baseline={path or SUGGESTED_PATH}")
    if update:
        args.append("--csr-update-baseline")
    return shlex.join(["pytest", *map(str, args)])


def next_step_lines(csr: Any) -> Iterator[Line]:
    """What to run next, as an exact command."""
    s = csr.settings
    cmp = getattr(csr, "comparison", None)
    written = getattr(csr, "baseline_written", None)
    if written:
        yield f"baseline written to {written}; compare later runs with: {rerun_command(csr, update=False)}", {}
    elif cmp is not None and cmp.get("regressions") and not cmp.get("accepted"):
        yield (f"if the change is intended, accept this run as the new baseline: "
               f"{rerun_command(csr, update=True)}"), {"yellow": True}
    elif cmp is None and csr.gate is not None and getattr(s, "baseline_path", None) is None:
        yield f"to catch regressions in later runs, store this run as a baseline: {rerun_command(csr, update=True)}", {}
    html = getattr(s, "html_path", None)
    if html is not None and getattr(csr, "html_written", False):
        yield f"HTML report written to {html}", {}
