"""Compare two results files (a baseline and a run): paired per-pattern rates, McNemar p-values, flips.

Pure: takes the two results dicts (`--csr-json` files) and returns a plain, JSON-able dict, stored in
the run's results under "baseline" and read by the terminal summary, the HTML report and `csrbench
compare`. Items pair on (case_id, modality); an item pairs only when both runs judged it (passed or
missed: errors and skips carry no outcome) and the case is unchanged (same prompt and image hash).
Rates are computed on the paired items, so the drop and its test are about the same cases.
"""

from __future__ import annotations

from typing import Iterator, Optional

from ..cases.model import MODALITIES, PATTERNS
from ..stats import Paired, paired_counts

DEFAULT_TOLERANCE = 0.02
ALPHA = 0.05
JUDGED = ("passed", "missed")
# manifest fields that make two runs not comparable like for like: (key, what to call it)
MANIFEST_CHECKS = (("dataset_hash", "dataset hash"), ("judge", "judge"), ("judge_version", "judge version"),
                   ("temperature", "temperature"), ("samples", "samples per item"))
BASE_MANIFEST_KEYS = ("model", "started_at", "dataset_hash", "judge", "judge_version", "plugin_version",
                      "git_commit")

Key = tuple[str, str, int]


def item_key(item: dict) -> Key:
    """Items pair on case, modality and sample (0 in runs without --csr-samples and in older files)."""
    return (item["case_id"], item["modality"], item.get("sample") or 0)


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


# ----- text rendering shared by the pytest summary and `csrbench compare`

def _r(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.3f}"


def _p(x: Optional[float]) -> str:
    if x is None:
        return "-"
    return "<0.0001" if x < 0.0001 else f"{x:.4f}"


def _p_eq(x: Optional[float]) -> str:
    text = _p(x)
    return text if text.startswith("<") else f"={text}"


def _status(cell: dict, gating: bool, accepted: bool) -> str:
    if cell["worse"]:
        return ("REGRESSED (accepted)" if accepted else "REGRESSED") if gating else "worse"
    if cell["better"]:
        return "improved"
    if not cell["n"]:
        return "no paired items"
    delta = cell["delta"]
    if delta < 0 and cell["significant"]:
        return "within tolerance"
    if delta < 0 and not cell["significant"] and cell["passed_to_missed"]:
        return "drop not significant"
    return ""


def table_rows(cmp: dict, modalities: tuple[str, ...] = ("image",)) -> Iterator[tuple[str, str]]:
    """(line, status) rows: header first; status is 'REGRESSED', 'improved', ... for colouring."""
    names = {"image": "image+text", "text": "text-only"}
    yield (f"{'pattern':<15}{'modality':<11}{'n':>5}  {'before':>6} -> {'now':<6}{'delta':>8}  "
           f"{'p':>8}  {'flips -/+':>9}  status"), "header"
    for pattern, group in cmp["patterns"].items():
        for m in modalities:
            cell = group[m]
            if not cell["n"] and len(modalities) > 1:
                continue
            gating = pattern != "all" and m == group["gate_modality"]
            status = _status(cell, gating, cmp.get("accepted", False))
            delta = "-" if cell["delta"] is None else f"{cell['delta']:+.3f}"
            flips = f"{cell['passed_to_missed']}/{cell['missed_to_passed']}"
            yield (f"{pattern:<15}{names[m]:<11}{cell['n']:>5}  {_r(cell['base_rate']):>6} -> "
                   f"{_r(cell['run_rate']):<6}{delta:>8}  {_p(cell['p_value']):>8}  {flips:>9}  {status}"), status


def flip_lines(cmp: dict, limit: int = 8) -> Iterator[str]:
    """'passed -> missed (12): O04-001:image, ... (+4 more)' for each direction with flips."""
    for before, after in (("passed", "missed"), ("missed", "passed")):
        mine = [f for f in cmp["flips"] if f["before"] == before and f["after"] == after]
        if not mine:
            continue
        shown = ", ".join(f"{f['case_id']}:{f['modality']}" + (f":s{f['sample']}" if f.get("sample") else "")
                          for f in mine[:limit])
        more = f" (+{len(mine) - limit} more)" if len(mine) > limit else ""
        yield f"{before} -> {after} ({len(mine)}): {shown}{more}"


def regression_reason(pattern: str, cmp: dict) -> str:
    """The gate's reason line for one regressed pattern."""
    group = cmp["patterns"][pattern]
    m = group["gate_modality"]
    cell = group[m]
    name = {"image": "image+text", "text": "text-only"}[m]
    return (f"{pattern} {name} pass rate regressed vs baseline: {cell['base_rate']:.3f} -> {cell['run_rate']:.3f} "
            f"({cell['delta']:+.3f}, tolerance {cmp['tolerance']:.2f}; exact McNemar p{_p_eq(cell['p_value'])} on "
            f"{cell['n']} paired items, {cell['passed_to_missed']} passed->missed, "
            f"{cell['missed_to_passed']} missed->passed)")


def describe_base(cmp: dict) -> str:
    m = cmp.get("base_manifest") or {}
    bits = [b for b in (m.get("model"), (m.get("started_at") or "")[:16].replace("T", " ")) if b]
    where = cmp.get("path") or "baseline"
    return f"{where} ({', '.join(bits)})" if bits else str(where)


def summary_counts(cmp: dict) -> str:
    extra = [f"{cmp['paired_items']} paired items"]
    for key, what in (("changed_items", "changed"), ("only_in_baseline", "only in baseline"),
                      ("only_in_run", "only in this run")):
        if cmp.get(key):
            extra.append(f"{cmp[key]} {what}")
    return ", ".join(extra)
