"""Terminal lines of the robustness search (--csr-robustness): stable shares and the minimal flips."""

from __future__ import annotations

from typing import Iterator

from ..results import RunResult

Line = tuple[str, dict]
MAX_FLIPS_SHOWN = 10


def _share(cell: dict) -> str:
    if cell["rate"] is None:
        return "-"
    return f"{cell['rate']:.3f} [{cell['ci_low']:.2f},{cell['ci_high']:.2f}] of {cell['n']}"


def robustness_lines(result: RunResult) -> Iterator[Line]:
    rob = result.summary.get("robustness")
    if not rob:
        return
    yield (f"robustness: {_share(rob['all'])} cases stable  ({rob['all']['flipped']} flipped, "
           f"{rob['all']['inconclusive']} inconclusive; {rob['calls']} variant calls)"), {"bold": True}
    for pattern, cell in rob["patterns"].items():
        yield f"  {pattern:<15}{_share(cell)}", {}
    unstable = {n: c for n, c in rob["strategies"].items() if c["flipped"]}
    if unstable:
        yield "  flipped by: " + ", ".join(f"{n} {c['flipped']}/{c['n']}" for n, c in unstable.items()), {}
    for flip in rob["flips"][:MAX_FLIPS_SHOWN]:
        changes = ", ".join(f"{k}={v}" for k, v in flip["changes"].items())
        yield f"  flip {flip['case_id']}: {flip['baseline']} -> {flip['flipped']} with {changes}", {"yellow": True}
    if len(rob["flips"]) > MAX_FLIPS_SHOWN:
        yield f"  ... {len(rob['flips']) - MAX_FLIPS_SHOWN} more flips in the results file (--csr-json)", {}
    for reason in rob["stopped"]:
        yield f"  search stopped early: {reason}", {"yellow": True}
