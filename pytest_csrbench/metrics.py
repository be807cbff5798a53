"""Pure aggregation of per-item records into rates, Wilson intervals, modality gaps and per-type rates."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional, get_args

from .cases.model import MODALITIES, PATTERNS, Cue
from .diagnostics import language_dominance, pair_accuracy
from .stats import Z95, wilson

GATED_MODALITIES = ("image", "text")
CUES: tuple[str, ...] = get_args(Cue)

__all__ = ["Z95", "summarize", "wilson"]


def _cell(records: list[dict]) -> dict:
    """Counts and rate for one group of item records. Errors and skips are excluded from the rate."""
    passed = sum(1 for r in records if r["outcome"] == "passed")
    missed = sum(1 for r in records if r["outcome"] == "missed")
    errors = sum(1 for r in records if r["outcome"] == "error")
    skipped = sum(1 for r in records if r["outcome"] == "skipped")
    n = passed + missed
    judged = [r for r in records if r["outcome"] in ("passed", "missed")]
    units = len({(r.get("case_id", id(r)), r["modality"]) for r in judged})  # a record without an id: its own case
    if units < n:  # --csr-samples: samples of one case are not independent; the interval counts cases
        lo, hi = wilson(passed * units / n, units)
    else:
        lo, hi = wilson(passed, n)
    return {"n": n, "passed": passed, "missed": missed, "errors": errors, "skipped": skipped,
            "rate": (passed / n) if n else None, "ci_low": lo, "ci_high": hi, "cases": units}


def _gap(image: dict, text: dict) -> Optional[float]:
    if image["rate"] is None or text["rate"] is None:
        return None
    return text["rate"] - image["rate"]


def _group(records: list[dict]) -> dict:
    """Per modality; 'both' is image+text and text-only together (the prompt-only diagnostic stays out of it)."""
    by_mod = {m: _cell([r for r in records if r["modality"] == m]) for m in MODALITIES}
    gated = [r for r in records if r["modality"] in GATED_MODALITIES]
    return {**by_mod, "both": _cell(gated), "gap": _gap(by_mod["image"], by_mod["text"])}


def cue_rates(records: list[dict]) -> dict:
    """{pattern: {cue: {modality: cell}}} over the items whose case declares a cue (text, depicted, mixed)."""
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in records:
        if r.get("cue"):
            grouped[r["pattern"]][r["cue"]].append(r)
    return {p: {cue: {m: _cell([r for r in grouped[p][cue] if r["modality"] == m])
                      for m in MODALITIES if any(r["modality"] == m for r in grouped[p][cue])}
                for cue in CUES if cue in grouped[p]}
            for p in PATTERNS if p in grouped}


def summarize(records: Iterable[dict]) -> dict:
    """{'patterns': {pattern|all: group}, 'types': {type: group}, 'pairs', 'cues', 'language_dominance',
    'totals': {...}} (pairs and language dominance: diagnostics.py)."""
    records = list(records)
    by_pattern: dict[str, list[dict]] = defaultdict(list)
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_pattern[r["pattern"]].append(r)
        by_type[r["type"]].append(r)
    patterns = {p: _group(by_pattern[p]) for p in PATTERNS if by_pattern.get(p)}
    patterns["all"] = _group(records)
    types = {t: {**_group(rs), "pattern": rs[0]["pattern"]} for t, rs in sorted(by_type.items())}
    total = len(records)
    errors = sum(1 for r in records if r["outcome"] == "error")
    summary = {"patterns": patterns, "types": types,
               "totals": {"items": total, "errors": errors, "error_rate": (errors / total) if total else 0.0,
                          "cost_usd": known_sum(r.get("cost_usd") for r in _answered(records))},
               "answers": answer_counts(records),
               "pairs": pair_accuracy(records), "cues": cue_rates(records),
               "language_dominance": language_dominance(records)}
    if any(r.get("robustness") for r in records):  # --csr-robustness
        from .robust.summary import robustness_summary

        summary["robustness"] = robustness_summary(records)
    return summary


def _answered(records: list[dict]) -> list[dict]:
    """Items the model answered (judged), whose tokens and cost the provider should have reported."""
    return [r for r in records if r["outcome"] in ("passed", "missed") and r.get("response_info")]


def known_sum(values: Iterable[Optional[float]]) -> Optional[float]:
    """The sum of the known values; None (unknown, never 0) when no value is known."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def answer_counts(records: list[dict]) -> dict:
    """What the provider really answered: cut at the token limit, reasoning without a final answer,
    no price (cost unknown), no usage reported (tokens unknown)."""
    answered = _answered(records)
    return {
        "truncated": sum(1 for r in answered if r.get("truncated")),
        "reasoning_only": sum(1 for r in answered if (r.get("verdict") or {}).get("label") == "reasoning_only"),
        "with_reasoning": sum(1 for r in answered if r.get("reasoning")),
        "cost_unknown": sum(1 for r in answered if r.get("cost_usd") is None and not r.get("cached")),
        "usage_unknown": sum(1 for r in answered if (r.get("response_info") or {}).get("prompt_tokens") is None
                             and not r.get("cached")),
    }
