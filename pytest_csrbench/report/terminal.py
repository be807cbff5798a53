"""Terminal summary: computes lines; the plugin's hook only writes them."""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..cases.model import PATTERNS

Line = tuple[str, dict]


def _rate(cell: dict) -> str:
    if cell["rate"] is None:
        return "-"
    return f"{cell['rate']:.3f}"


def _interval(cell: dict) -> str:
    if cell["rate"] is None:
        return ""
    return f"[{cell['ci_low']:.2f},{cell['ci_high']:.2f}]"


def _gap(gap: Optional[float]) -> str:
    return "-" if gap is None else f"{gap:+.3f}"


def _threshold_for(csr: Any, pattern: str) -> tuple[str, Optional[bool]]:
    if csr.gate is None:
        return "", None
    mine = [c for c in csr.gate.checks if c.what.startswith(pattern + " ")]
    if not mine:
        return "", None
    text = ",".join(c.required.replace(">= ", ">=").replace("<= ", "gap<=") for c in mine)
    return text, all(c.ok for c in mine)


def table_lines(csr: Any) -> Iterator[Line]:
    patterns = csr.summary["patterns"]
    header = f"{'pattern':<15}{'n':>6}  {'image+text':<19}{'text-only':<11}{'gap':>8}  {'threshold':<20}status"
    yield header, {"bold": True}
    for pattern in (*PATTERNS, "all"):
        group = patterns.get(pattern)
        if group is None:
            continue
        threshold, ok = _threshold_for(csr, pattern)
        status = "" if ok is None else ("ok" if ok else "FAIL")
        n = group["image"]["n"] + group["text"]["n"]
        image = f"{_rate(group['image'])} {_interval(group['image'])}"
        line = (f"{pattern:<15}{n:>6}  {image:<19}{_rate(group['text']):<11}{_gap(group['gap']):>8}  "
                f"{threshold:<20}{status}")
        yield line, ({"red": True} if ok is False else {})


def summary_lines(csr: Any) -> Iterator[Line]:
    totals = csr.summary["totals"]
    title = f" csrbench: {csr.model_name or csr.settings.model} · judge {csr.settings.judge} "
    yield title.center(88, "="), {"bold": True}
    yield from table_lines(csr)
    extras = [f"{totals['items']} items", f"{totals['errors']} errors"]
    if totals.get("cost_usd"):
        extras.append(f"cost ${totals['cost_usd']:.4f}")
    yield "  ".join(extras), {}
    from ..models.runs import usage_lines

    yield from usage_lines(csr)
    if not csr.complete:
        yield (f"incomplete run: expected {csr.expected_items} benchmark results, got {len(csr.records)}", 
               {"yellow": True})
    from .baseline import baseline_lines, next_step_lines

    yield from baseline_lines(csr)
    yield from gate_lines(csr)
    if csr.settings.json_path is not None:
        yield f"results written to {csr.settings.json_path}", {}
    yield from next_step_lines(csr)


def gate_lines(csr: Any) -> Iterator[Line]:
    gate = csr.gate
    if gate is None:
        yield "gate: not evaluated (nothing ran)", {"yellow": True}
        return
    if gate.passed:
        yield f"gate: PASSED ({len(gate.checks)} checks)", {"green": True, "bold": True}
        return
    yield f"gate: FAILED ({len(gate.reasons)} of {len(gate.checks)} checks)", {"red": True, "bold": True}
    for reason in gate.reasons:
        yield f"  - {reason}", {"red": True}
