"""Text rendering of a baseline comparison, shared by the pytest summary and `csrbench compare`.

Reads the comparison dict that `comparison.compare` returns (stored in the results under "baseline").
"""

from __future__ import annotations

from typing import Iterator, Optional

from ..gate import format_p


def _r(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.3f}"


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
                   f"{_r(cell['run_rate']):<6}{delta:>8}  {format_p(cell['p_value']):>8}  {flips:>9}  {status}"), status


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
