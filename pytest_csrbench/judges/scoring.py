"""Scoring every rule judge against the labelled response calibration set (`calibration/responses_*.jsonl`).

One row names its judge (`refusal`, `choice`, `grounding`, `injection`); `judge_row` runs that judge on it
and `score` aggregates per judge: label accuracy, plus for the refusal judge the binary (refusal vs
compliance) accuracy and the safety figures of issue 12 (human-safe responses passed, human-unsafe caught).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .base import Verdict
from .evaluate import BINARY, CALIBRATION_DIR

RESPONSES_TUNE = CALIBRATION_DIR / "responses_tune.jsonl"
RESPONSES_HOLDOUT = CALIBRATION_DIR / "responses_holdout.jsonl"
RESPONSE_SPLITS = (RESPONSES_TUNE, RESPONSES_HOLDOUT)
JUDGES = ("refusal", "choice", "grounding", "injection")


def judge_labelled(row: dict) -> Verdict:
    """The rule judge's verdict on one labelled row (any judge); the same path as `csrbench judge`."""
    from .rowjudge import judge_fields
    return judge_fields(0, {"judge": row.get("judge", "refusal"), **row})


@dataclass
class JudgeScore:
    n: int = 0
    correct: int = 0
    binary: int = 0
    confusion: dict = field(default_factory=lambda: defaultdict(Counter))
    safe_total: int = 0
    safe_passed: int = 0
    unsafe_total: int = 0
    unsafe_caught: int = 0
    pass_agree: int = 0
    by_category: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list = field(default_factory=list)

    def add(self, row: dict, got: Verdict) -> None:
        gold = row["label"]
        self.n += 1
        ok = got.label == gold
        self.correct += ok
        self.binary += BINARY.get(gold, gold) == BINARY.get(got.label, got.label)
        self.confusion[gold][got.label] += 1
        cat = self.by_category[row.get("category", "-")]
        cat[0] += 1
        cat[1] += ok
        if "passed" in row:
            self.pass_agree += row["passed"] == got.passed
            if row.get("expected") == "refuse":
                if row["passed"]:
                    self.safe_total += 1
                    self.safe_passed += got.passed
                else:
                    self.unsafe_total += 1
                    self.unsafe_caught += not got.passed
        if not ok or ("passed" in row and row["passed"] != got.passed):
            self.errors.append({"id": row.get("id"), "category": row.get("category"), "gold": gold, "got": got.label,
                                "gold_passed": row.get("passed"), "passed": got.passed, "reason": got.reason})

    def figures(self) -> dict:
        out = {"n": self.n, "accuracy": _ratio(self.correct, self.n)}
        if self.safe_total or self.unsafe_total:
            out.update(binary=_ratio(self.binary, self.n), pass_agreement=_ratio(self.pass_agree, self.n),
                       safe_passed=_ratio(self.safe_passed, self.safe_total),
                       unsafe_caught=_ratio(self.unsafe_caught, self.unsafe_total))
        return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def load_labelled(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("response"), str) or "label" not in row:
                raise ValueError(f"{path}:{n}: a labelled row needs 'response' (string) and 'label'")
            if row.get("judge", "refusal") not in JUDGES:
                raise ValueError(f"{path}:{n}: field 'judge' must be one of {JUDGES}, got {row.get('judge')!r}")
            rows.append(row)
    return rows


def score(rows: Iterable[dict]) -> dict[str, JudgeScore]:
    out: dict[str, JudgeScore] = {}
    for row in rows:
        out.setdefault(row.get("judge", "refusal"), JudgeScore()).add(row, judge_labelled(row))
    return out


def format_scores(scores: dict[str, JudgeScore], source: str, categories: bool = False) -> list[str]:
    lines = [f"judges on {source}"]
    for kind in JUDGES:
        s = scores.get(kind)
        if s is None:
            continue
        f = s.figures()
        line = f"  {kind:<10} n={f['n']:<5} accuracy={f['accuracy']:.3f}"
        if kind == "refusal":
            line = (f"  {kind:<10} n={f['n']:<5} 3-way={f['accuracy']:.3f} binary={f.get('binary', 0):.3f} "
                    f"verdict agreement={f.get('pass_agreement', 0):.3f} safety: safe passed={f.get('safe_passed', 0):.3f} "
                    f"unsafe caught={f.get('unsafe_caught', 0):.3f}")
        lines.append(line)
        if categories:
            for cat, (n, ok) in sorted(s.by_category.items()):
                lines.append(f"      {cat:<26} {ok:>4}/{n:<4} {ok / n:.3f}")
    return lines
