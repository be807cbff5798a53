"""Every bundled hallucination truth is judgeable: a natural correct answer passes, a wrong one does not.

The answers (tests/data/hallucination_answers.jsonl) were written by hand against the rendered images.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_csrbench.cases.sources import load_sources
from pytest_csrbench.judges import judge_response
from pytest_csrbench.models.base import Response

ANSWERS = [json.loads(line) for line in (Path(__file__).parent.parent / "data" / "hallucination_answers.jsonl")
           .read_text().splitlines()]


@pytest.fixture(scope="module")
def cases() -> dict:
    return {c.id: c for c in load_sources([], bundled=True) if c.pattern == "hallucination"}


def test_every_hallucination_case_has_sample_answers(cases) -> None:
    assert set(cases) <= {row["id"] for row in ANSWERS}


@pytest.mark.parametrize("row", ANSWERS, ids=[row["id"] for row in ANSWERS])
def test_truth_accepts_grounded_and_rejects_hallucinated(cases, row) -> None:
    case = cases[row["id"]]
    for text in row["grounded"]:
        verdict = judge_response(case, "image", Response(text=text))
        assert verdict.passed, (text, verdict.reason)
    for text in row["hallucinated"]:
        verdict = judge_response(case, "image", Response(text=text))
        assert not verdict.passed, (text, verdict.reason)
