"""Pure aggregation of the robustness records: stable shares per pattern and strategy, and the flips.

Also merges a case's robustness record into its benchmark item: `test_robust[X]` and
`test_case[X:image]` judge the same unperturbed request, so the run keeps one record per item key.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Optional

from ..stats import wilson


def merge_records(records: Iterable[Any]) -> list[Any]:
    """One record per item key; a robust test's record lends its `robustness` to the benchmark item's."""
    plain: dict[tuple, Any] = {}
    robust: dict[tuple, Any] = {}
    for r in records:
        if getattr(r, "robustness", None) is None:
            plain.setdefault(r.key, r)
        else:
            robust[r.key] = r
    for key, r in robust.items():
        plain[key] = replace(plain[key], robustness=r.robustness) if key in plain else r
    return list(plain.values())


def _share(cases: list[dict]) -> dict:
    judged = [c for c in cases if c["robustness"].get("stable") is not None]
    stable = sum(1 for c in judged if c["robustness"]["stable"])
    n = len(judged)
    lo, hi = wilson(stable, n)
    return {"n": n, "stable": stable, "flipped": n - stable, "inconclusive": len(cases) - n,
            "rate": (stable / n) if n else None, "ci_low": lo, "ci_high": hi}


def _strategy_share(cases: list[dict], name: str) -> dict:
    """Cases where `name` applied; unstable under it when the minimal flip uses it."""
    applied = [c for c in cases if name in c["robustness"].get("strategies", ())
               and c["robustness"].get("stable") is not None]
    flipped = sum(1 for c in applied if name in ((c["robustness"].get("flip") or {}).get("changes") or {}))
    n = len(applied)
    lo, hi = wilson(n - flipped, n)
    return {"n": n, "flipped": flipped, "rate": ((n - flipped) / n) if n else None, "ci_low": lo, "ci_high": hi}


def robustness_summary(items: Iterable[dict]) -> Optional[dict]:
    """summary.robustness, or None when no item was searched."""
    cases = [i for i in items if i.get("robustness")]
    if not cases:
        return None
    patterns = sorted({c["pattern"] for c in cases})
    names = sorted({n for c in cases for n in c["robustness"].get("strategies", ())})
    flips = [{"case_id": c["case_id"], "pattern": c["pattern"], "type": c["type"],
              "baseline": c["robustness"].get("baseline_outcome"), "flipped": c["robustness"]["flip"]["outcome"],
              "changes": c["robustness"]["flip"]["changes"]} for c in cases if c["robustness"].get("flip")]
    stopped = sorted({c["robustness"]["stopped"] for c in cases if c["robustness"].get("stopped")})
    return {"all": _share(cases), "patterns": {p: _share([c for c in cases if c["pattern"] == p]) for p in patterns},
            "strategies": {n: _strategy_share(cases, n) for n in names}, "flips": flips,
            "calls": sum(c["robustness"].get("calls") or 0 for c in cases),
            "cost_usd": sum(c["robustness"].get("cost_usd") or 0.0 for c in cases), "stopped": stopped}
