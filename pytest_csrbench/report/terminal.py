"""Terminal summary: computes lines from the `RunResult`; the plugin's hook only writes them.

A new summary section: a generator of (line, markup) pairs reading the result, called from
`summary_lines` in the order the user should read it.
"""

from __future__ import annotations

from typing import Iterator, Optional

from ..cases.model import PATTERNS
from ..results import RunResult
from .baseline import baseline_lines, next_step_lines

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


def _threshold_for(result: RunResult, pattern: str) -> tuple[str, Optional[bool]]:
    if result.gate is None:
        return "", None
    mine = [c for c in result.gate.checks if c.what.startswith(pattern + " ")]
    if not mine:
        return "", None
    text = ",".join(c.required.replace(">= ", ">=").replace("<= ", "gap<=") for c in mine)
    return text, all(c.ok for c in mine)


def table_lines(result: RunResult) -> Iterator[Line]:
    patterns = result.summary["patterns"]
    header = f"{'pattern':<15}{'n':>6}  {'image+text':<19}{'text-only':<11}{'gap':>8}  {'threshold':<20}status"
    yield header, {"bold": True}
    for pattern in (*PATTERNS, "all"):
        group = patterns.get(pattern)
        if group is None:
            continue
        threshold, ok = _threshold_for(result, pattern)
        status = "" if ok is None else ("ok" if ok else "FAIL")
        n = group["image"]["n"] + group["text"]["n"]
        image = f"{_rate(group['image'])} {_interval(group['image'])}"
        line = (f"{pattern:<15}{n:>6}  {image:<19}{_rate(group['text']):<11}{_gap(group['gap']):>8}  "
                f"{threshold:<20}{status}")
        yield line, ({"red": True} if ok is False else {})


def summary_lines(result: RunResult) -> Iterator[Line]:
    totals = result.summary["totals"]
    title = f" csrbench: {result.model} · judge {result.settings.judge} "
    yield title.center(88, "="), {"bold": True}
    yield from table_lines(result)
    extras = [f"{totals['items']} items", f"{totals['errors']} errors"]
    if totals.get("cost_usd"):
        extras.append(f"cost ${totals['cost_usd']:.4f}")
    yield "  ".join(extras), {}
    yield from usage_lines(result)
    if not result.complete:
        yield (f"incomplete run: expected {result.expected_items} benchmark results, got {len(result.items)}",
               {"yellow": True})
    yield from baseline_lines(result)
    yield from gate_lines(result)
    if result.settings.json_path is not None:
        yield f"results written to {result.settings.json_path}", {}
    yield from next_step_lines(result)


def usage_lines(result: RunResult) -> Iterator[Line]:
    """One line: calls, cache hits/misses, tokens and what this run spent; one more if the budget stopped it."""
    u = result.usage
    parts = [f"model calls {u['calls']}"]
    if u["cache_hits"] or u["cache_misses"]:
        parts.append(f"cache {u['cache_hits']} hits / {u['cache_misses']} misses")
    if u["prompt_tokens"] or u["completion_tokens"]:
        parts.append(f"tokens {u['prompt_tokens']} in / {u['completion_tokens']} out")
    if u["spent_usd"] or u["cost_usd"]:
        parts.append(f"spent ${u['spent_usd']:.4f} (responses worth ${u['cost_usd']:.4f})")
    yield "  ".join(parts), {}
    skipped = u["skipped_by_budget"]
    if skipped:
        yield (f"{skipped} items skipped: --csr-max-cost ${result.settings.max_cost:g} reached; re-run with a "
               "higher limit to call only what is missing (responses so far are cached)", {"yellow": True})


def gate_lines(result: RunResult) -> Iterator[Line]:
    gate = result.gate
    shard = result.manifest.get("shard")
    if gate is None and shard:
        yield (f"gate: skipped (shard {shard['index']}/{shard['count']}: {len(shard['case_ids'])} cases); "
               "the gate applies once to all shards: csrbench merge SHARD.json ... --json all.json",
               {"yellow": True})
        return
    if gate is None:
        yield "gate: not evaluated (nothing ran)", {"yellow": True}
        return
    if gate.passed:
        yield f"gate: PASSED ({len(gate.checks)} checks)", {"green": True, "bold": True}
        return
    yield f"gate: FAILED ({len(gate.reasons)} of {len(gate.checks)} checks)", {"red": True, "bold": True}
    for reason in gate.reasons:
        yield f"  - {reason}", {"red": True}
