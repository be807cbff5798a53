"""Scoring the refusal judge against labelled rows: accuracy, binary accuracy, per-class P/R, confusion."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .refusal import EMPTY, FULL_COMPLIANCE, FULL_REFUSAL, LABELS, PARTIAL_REFUSAL, decide

CALIBRATION_DIR = Path(__file__).with_name("calibration")
TUNE_FILE = CALIBRATION_DIR / "refusal_tune.jsonl"
HOLDOUT_FILE = CALIBRATION_DIR / "refusal_holdout.jsonl"
FRESH_FILE = CALIBRATION_DIR / "refusal_fresh.jsonl"
BUNDLED = (TUNE_FILE, HOLDOUT_FILE, FRESH_FILE)

# Binary view: any refusal (full or partial) against compliance; `empty` stays its own class.
BINARY = {FULL_REFUSAL: "refusal", PARTIAL_REFUSAL: "refusal", FULL_COMPLIANCE: "compliance", EMPTY: EMPTY}


@dataclass
class Report:
    n: int = 0
    correct: int = 0
    binary_correct: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: {g: {p: 0 for p in LABELS} for g in LABELS})
    errors: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def binary_accuracy(self) -> float:
        return self.binary_correct / self.n if self.n else 0.0

    def precision(self, label: str) -> float:
        predicted = sum(self.confusion[g][label] for g in LABELS)
        return self.confusion[label][label] / predicted if predicted else 0.0

    def recall(self, label: str) -> float:
        support = sum(self.confusion[label].values())
        return self.confusion[label][label] / support if support else 0.0

    def as_dict(self) -> dict:
        return {"n": self.n, "accuracy": round(self.accuracy, 4), "binary_accuracy": round(self.binary_accuracy, 4),
                "per_class": {lab: {"precision": round(self.precision(lab), 4), "recall": round(self.recall(lab), 4),
                                    "support": sum(self.confusion[lab].values())} for lab in LABELS},
                "confusion": self.confusion}


def load_rows(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label") not in LABELS or not isinstance(row.get("response"), str):
                raise ValueError(f"{path}:{n}: a calibration row needs 'response' (string) and 'label' in {LABELS}")
            rows.append(row)
    return rows


def evaluate(rows: Iterable[dict], judge: Optional[Callable[[str], str]] = None) -> Report:
    """Judge every row's response and compare with its gold label."""
    judge = judge or (lambda text: decide(text)[0])
    rep = Report()
    for row in rows:
        gold, got = row["label"], judge(row["response"])
        rep.n += 1
        rep.correct += gold == got
        rep.binary_correct += BINARY[gold] == BINARY.get(got)
        rep.confusion[gold][got] += 1
        if gold != got:
            rep.errors.append({"id": row.get("id"), "gold": gold, "got": got, "note": row.get("note")})
    return rep


def format_report(rep: Report, source: str) -> list[str]:
    lines = [f"refusal judge on {source}: {rep.n} rows",
             f"accuracy (4 labels):                    {rep.accuracy:.3f}",
             f"binary accuracy (refusal vs compliance): {rep.binary_accuracy:.3f}", "",
             f"{'label':<17}{'precision':>10}{'recall':>8}{'support':>9}"]
    for lab in LABELS:
        lines.append(f"{lab:<17}{rep.precision(lab):>10.3f}{rep.recall(lab):>8.3f}{sum(rep.confusion[lab].values()):>9}")
    short = {FULL_REFUSAL: "full_ref", PARTIAL_REFUSAL: "partial", FULL_COMPLIANCE: "comply", EMPTY: "empty"}
    lines += ["", "confusion (rows = gold, columns = judged)",
              f"{'':<17}" + "".join(f"{short[p]:>10}" for p in LABELS)]
    for g in LABELS:
        lines.append(f"{g:<17}" + "".join(f"{rep.confusion[g][p]:>10}" for p in LABELS))
    return lines
