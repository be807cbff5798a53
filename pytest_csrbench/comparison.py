"""Compare two results files (a baseline and a run): paired per-pattern rates, McNemar p-values, flips.

`compare` is pure: it takes the two results dicts (`--csr-json` files) and returns a plain, JSON-able
dict, stored in the run's results under "baseline", gated by gate.py and rendered by report/compare.py
(the terminal summary, `csrbench compare`) and the HTML report. `baseline_comparison` is the run's side:
it reads --csr-baseline at finish and warns when the two runs are not like for like.

Items pair on (case_id, modality, sample); an item pairs only when both runs judged it (passed or missed: errors and skips carry no outcome) and the case is unchanged (same prompt and image hash).
Rates are computed on the paired items, so the drop and its test are about the same cases.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Optional

import pytest

from .cases.model import MODALITIES, PATTERNS
from .results import JUDGED, Key, ResultsFileError, item_key, load_results
from .stats import Paired, paired_counts

DEFAULT_TOLERANCE = 0.02
ALPHA = 0.05
# manifest fields that make two runs not comparable like for like: (key, what to call it)
MANIFEST_CHECKS = (("dataset_hash", "dataset hash"), ("judge", "judge"), ("judge_version", "judge version"),
                   ("temperature", "temperature"), ("samples", "samples per item"))
BASE_MANIFEST_KEYS = ("model", "started_at", "dataset_hash", "judge", "judge_version", "plugin_version",
                      "git_commit")


class CsrBaselineMismatch(pytest.PytestWarning):
    """The baseline was made with a different dataset, judge or settings: the comparison is not like for like."""


def _index(results: dict) -> dict[Key, dict]:
    return {item_key(i): i for i in results.get("items") or []}


def _changed(a: dict, b: dict) -> bool:
    for key in ("prompt", "image_sha256"):
        if a.get(key) is not None and b.get(key) is not None and a[key] != b[key]:
            return True
    return False


def _pairs(base: dict, run: dict) -> tuple[list[tuple[dict, dict]], dict]:
    bi, ri = _index(base), _index(run)
    shared = sorted(bi.keys() & ri.keys())
    changed = {k for k in shared if _changed(bi[k], ri[k])}
    judged = [k for k in shared if k not in changed
              and bi[k].get("outcome") in JUDGED and ri[k].get("outcome") in JUDGED]
    counts = {"shared_items": len(shared), "paired_items": len(judged), "changed_items": len(changed),
              "only_in_baseline": len(bi.keys() - ri.keys()), "only_in_run": len(ri.keys() - bi.keys())}
    return [(bi[k], ri[k]) for k in judged], counts


def _cell(pairs: list[tuple[dict, dict]], tolerance: float, alpha: float) -> dict:
    p: Paired = paired_counts((a["outcome"] == "passed", b["outcome"] == "passed") for a, b in pairs)
    significant = p.n > 0 and p.p_value < alpha
    delta = p.delta
    return {"n": p.n, "base_rate": p.base_rate, "run_rate": p.run_rate, "delta": delta,
            "passed_to_missed": p.b, "missed_to_passed": p.c, "p_value": p.p_value if p.n else None,
            "significant": significant,
            "worse": bool(significant and delta is not None and delta < -tolerance),
            "better": bool(significant and delta is not None and delta > tolerance)}


def _pattern(pairs: list[tuple[dict, dict]], tolerance: float, alpha: float) -> dict:
    group = {m: _cell([pr for pr in pairs if pr[1]["modality"] == m], tolerance, alpha) for m in MODALITIES}
    gate_modality = "image" if group["image"]["n"] else "text"  # like the threshold gate: text-only runs
    group["gate_modality"] = gate_modality
    group["regressed"] = group[gate_modality]["worse"]
    return group


def _flip(a: dict, b: dict) -> dict:
    va, vb = a.get("verdict") or {}, b.get("verdict") or {}
    return {"case_id": b["case_id"], "pattern": b["pattern"], "type": b["type"], "modality": b["modality"],
            "sample": b.get("sample") or 0, "before": a["outcome"], "after": b["outcome"], "before_label": va.get("label"),
            "after_label": vb.get("label"), "before_reason": va.get("reason"), "before_response": a.get("response")}


def mismatches(base_manifest: dict, run_manifest: dict) -> list[str]:
    """Manifest differences that make the comparison not like for like, as readable sentences."""
    out = []
    for key, what in MANIFEST_CHECKS:
        a, b = base_manifest.get(key), run_manifest.get(key)
        if a is not None and b is not None and a != b:
            out.append(f"{what} differs: baseline {a!r}, this run {b!r}")
    return out


def compare(base: dict, run: dict, tolerance: float = DEFAULT_TOLERANCE, alpha: float = ALPHA,
            path: Optional[str] = None) -> dict:
    """The comparison of `run` against `base` (both results dicts)."""
    pairs, counts = _pairs(base, run)
    patterns = {}
    for pattern in (*PATTERNS, "all"):
        mine = pairs if pattern == "all" else [pr for pr in pairs if pr[1]["pattern"] == pattern]
        if mine:
            patterns[pattern] = _pattern(mine, tolerance, alpha)
    if "all" in patterns:
        patterns["all"]["regressed"] = False  # the gate is per pattern; 'all' is shown, not gated
    flips = [_flip(a, b) for a, b in pairs if a["outcome"] != b["outcome"]]
    order = {p: n for n, p in enumerate(PATTERNS)}
    flips.sort(key=lambda f: (f["before"] != "passed", order.get(f["pattern"], 9), *item_key(f)))
    base_manifest = base.get("manifest") or {}
    return {
        "path": path, "tolerance": tolerance, "alpha": alpha, "test": "exact McNemar (two-sided)",
        "base_manifest": {k: base_manifest.get(k) for k in BASE_MANIFEST_KEYS},
        "mismatches": mismatches(base_manifest, run.get("manifest") or {}),
        **counts,
        "patterns": patterns,
        "regressions": [p for p in PATTERNS if patterns.get(p, {}).get("regressed")],
        "flips": flips,
        "accepted": False,
    }


# ----- the run's side: --csr-baseline at finish

def baseline_comparison(settings: Any, current: dict) -> Optional[dict]:
    """The comparison of this run (its results dict: manifest and items) with --csr-baseline, or None.

    With --csr-update-baseline an existing baseline is still compared (so the summary shows what is
    being accepted) but marked accepted: its regressions do not fail the gate."""
    path = getattr(settings, "baseline_path", None)
    if path is None:
        return None
    if not Path(path).exists() and settings.update_baseline:
        return None
    try:
        base = load_results(Path(path), "--csr-baseline")
    except ResultsFileError as exc:
        return {"path": str(path), "error": str(exc), "regressions": [], "flips": [], "patterns": {},
                "accepted": bool(settings.update_baseline)}
    cmp = compare(base, current, tolerance=settings.regression_tolerance, path=str(path))
    cmp["accepted"] = bool(settings.update_baseline)
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
