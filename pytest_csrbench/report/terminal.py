"""Terminal summary: computes lines from the `RunResult`; the plugin's hook only writes them.

A new summary section: a generator of (line, markup) pairs reading the result, called from
`summary_lines` in the order the user should read it.
"""

from __future__ import annotations

from typing import Iterator, Optional

from ..cases.model import PATTERNS
from ..results import RunResult
from .baseline import baseline_lines, next_step_lines
from .robustness import robustness_lines
from .diagnostics import diagnostic_lines
from .misses import misses_lines, worst_types_lines

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
    text = ",".join(c.required.replace(">= ", ">=").replace("<= ", "gap<=") + _scope(c.what) for c in mine)
    return text, all(c.ok for c in mine)


def _scope(what: str) -> str:
    """Which rate a threshold is on, when it is not the image+text rate next to it (e.g. `all:both`)."""
    if " text-only " in what:
        return "(text)"
    if " overall " in what:
        return "(both)"
    return ""


def table_lines(result: RunResult) -> Iterator[Line]:
    patterns = result.summary["patterns"]
    header = f"{'pattern':<15}{'n img/txt':>11}  {'image+text':<19}{'text-only':<11}{'gap':>8}  {'threshold':<20}status"
    yield header, {"bold": True}
    for pattern in (*PATTERNS, "all"):
        group = patterns.get(pattern)
        if group is None:
            continue
        threshold, ok = _threshold_for(result, pattern)
        status = "" if ok is None else ("ok" if ok else "FAIL")
        n = f"{group['image']['n']}/{group['text']['n']}"  # each rate's own count, not their sum
        image = f"{_rate(group['image'])} {_interval(group['image'])}"
        line = (f"{pattern:<15}{n:>11}  {image:<19}{_rate(group['text']):<11}{_gap(group['gap']):>8}  "
                f"{threshold:<20}{status}")
        yield line, ({"red": True} if ok is False else {})


def summary_lines(result: RunResult) -> Iterator[Line]:
    totals = result.summary["totals"]
    title = f" csrbench: {result.model} · judge {result.settings.judge} "
    yield title.center(88, "="), {"bold": True}
    yield from table_lines(result)
    yield from diagnostic_lines(result)
    extras = [f"{totals['items']} items", f"{totals['errors']} errors"]
    if totals.get("cost_usd"):
        extras.append(f"cost ${totals['cost_usd']:.4f}")
    yield "  ".join(extras), {}
    yield from usage_lines(result)
    yield from robustness_lines(result)
    yield from answer_lines(result)
    if not result.complete:
        yield (f"incomplete run: expected {result.expected_items} benchmark results, got {len(result.items)}",
               {"yellow": True})
    yield from baseline_lines(result)
    if result.settings.show_misses:
        yield from worst_types_lines(result)
    yield from misses_lines(result, result.settings.show_misses)
    yield from small_sample_lines(result)
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
        parts.append(f"tokens {_known(u['prompt_tokens'], 'd')} in / {_known(u['completion_tokens'], 'd')} out")
    if u["spent_usd"] or u["cost_usd"]:
        parts.append(f"spent ${_known(u['spent_usd'], '.4f')} (responses worth ${_known(u['cost_usd'], '.4f')})")
    unknown = u.get("cost_unknown") or 0
    if unknown:
        parts.append(f"cost unknown for {unknown} calls")
    if u.get("judge_calls") or u.get("judge_spent_usd"):  # the LLM judge's share, reported apart
        parts.append(f"judge calls {u.get('judge_calls', 0)}, judge spent ${_known(u.get('judge_spent_usd'), '.4f')}")
    yield "  ".join(parts), {}
    skipped = u["skipped_by_budget"]
    if skipped:
        yield (f"{skipped} items skipped: --csr-max-cost ${result.settings.max_cost:g} reached; re-run with a "
               "higher limit to call only what is missing (responses so far are cached)", {"yellow": True})


def _known(value: Optional[float], spec: str) -> str:
    return "unknown" if value is None else format(value, spec)


def answer_lines(result: RunResult) -> Iterator[Line]:
    """What the provider really answered, when it is not a plain complete answer: cut answers, reasoning
    without an answer, no usage reported (each line says what it means and what to do)."""
    a = result.summary.get("answers") or {}
    if a.get("truncated"):
        yield (f"{a['truncated']} answers were cut at the token limit (finish_reason 'length'): their verdicts "
               "rest on partial text (marked 'truncated' in the results and the HTML report); raise "
               "--csr-max-tokens", {"yellow": True})
    if a.get("reasoning_only"):
        yield (f"{a['reasoning_only']} answers held only reasoning, no final answer: verdict 'reasoning_only' "
               "(missed); the reasoning is in the results file", {"yellow": True})
    if a.get("usage_unknown"):
        yield f"{a['usage_unknown']} answers came without token usage: their tokens and cost are unknown", {}


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


SMALL_SAMPLE = 30
_MODALITY_OF = {"image+text": "image", "text-only": "text", "overall": "both"}


def small_sample_lines(result: RunResult) -> Iterator[Line]:
    """A warning per gated rate computed over fewer than 30 judged items: its decision is mostly noise."""
    if result.gate is None:
        return
    for check in result.gate.checks:
        words = check.what.split()
        if len(words) < 3 or words[-2:] != ["pass", "rate"] or words[1] not in _MODALITY_OF:
            continue
        cell = result.summary["patterns"].get(words[0], {}).get(_MODALITY_OF[words[1]])
        if cell and cell["rate"] is not None and cell["n"] < SMALL_SAMPLE:
            yield (f"warning: {check.what} is gated on {cell['n']} items (< {SMALL_SAMPLE}); its 95% interval "
                   f"[{cell['ci_low']:.2f},{cell['ci_high']:.2f}] is too wide for the decision to mean much",
                   {"yellow": True})
