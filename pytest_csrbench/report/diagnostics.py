"""Terminal lines for the cross-item diagnostics: pair accuracy, prompt-only rates with language dominance,
and pass rates per cue. Each section is shown only when the run has something for it."""

from __future__ import annotations

from typing import Iterator, Optional

from ..cases.model import PATTERNS
from ..results import RunResult

Line = tuple[str, dict]
PAIR_LABELS = {"safety": "safety", "bias": "bias", "hallucination": "hallucination", "all": "all pairs"}


def _rate(rate: Optional[float]) -> str:
    return "-" if rate is None else f"{rate:.3f}"


def _ci(cell: dict) -> str:
    return "" if cell.get("rate") is None else f"[{cell['ci_low']:.2f},{cell['ci_high']:.2f}]"


def _pair_check(result: RunResult, group: str) -> tuple[str, Optional[bool]]:
    """The pairs threshold on this group, if one was checked: ('>=0.50', ok)."""
    if result.gate is None:
        return "", None
    label = f"pair accuracy ({'all pairs' if group == 'all' else group})"
    mine = [c for c in result.gate.checks if c.what == label]
    return (mine[0].required.replace(">= ", ">="), mine[0].ok) if mine else ("", None)


def pair_lines(result: RunResult) -> Iterator[Line]:
    pairs = result.summary.get("pairs") or {}
    if not pairs:
        return
    yield "pair accuracy (a case and its twin: both image+text items passed)", {"bold": True}
    for group, cell in pairs.items():
        threshold, ok = _pair_check(result, group)
        status = "" if ok is None else ("ok" if ok else "FAIL")
        rate = f"{_rate(cell['rate'])} {_ci(cell)}"
        line = f"  {PAIR_LABELS.get(group, group):<15}{cell['both']:>5}/{cell['n']:<6}{rate:<19}{threshold:<8}{status}"
        yield line.rstrip(), ({"red": True} if ok is False else {})


def prompt_lines(result: RunResult) -> Iterator[Line]:
    patterns = result.summary.get("patterns") or {}
    dominance = result.summary.get("language_dominance") or {}
    shown = [p for p in PATTERNS if (patterns.get(p) or {}).get("prompt", {}).get("n")]
    if not shown:
        return
    yield "prompt only (no image, no description; not gated): pass rate, and language dominance", {"bold": True}
    for pattern in shown:
        cell = patterns[pattern]["prompt"]
        line = f"  {pattern:<15}{_rate(cell['rate'])} (n={cell['n']})"
        ld = dominance.get(pattern)
        if ld and ld["n_refused_image"]:
            line += (f"  {ld['also_refused_prompt']}/{ld['n_refused_image']} image+text refusals "
                     f"({_rate(ld['share'])}) also refused on the prompt alone")
        elif ld is not None:
            line += "  no image+text refusals to compare"
        yield line, {}


def cue_lines(result: RunResult) -> Iterator[Line]:
    cues = result.summary.get("cues") or {}
    if not cues:
        return
    yield "pass rate by cue (image+text / text-only, n cases)", {"bold": True}
    for pattern, by_cue in cues.items():
        parts = []
        for cue, cells in by_cue.items():
            image, text = cells.get("image") or {}, cells.get("text") or {}
            n = image.get("cases") or text.get("cases") or 0
            parts.append(f"{cue} {_rate(image.get('rate'))}/{_rate(text.get('rate'))} ({n})")
        yield f"  {pattern:<15}" + "  ".join(parts), {}


def diagnostic_lines(result: RunResult) -> Iterator[Line]:
    yield from pair_lines(result)
    yield from prompt_lines(result)
    yield from cue_lines(result)
