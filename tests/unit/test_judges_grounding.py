"""The grounding (hallucination) judge against a case's Truth."""

from __future__ import annotations

import pytest

from pytest_csrbench.cases.model import Case, Truth
from pytest_csrbench.judges import judge_response
from pytest_csrbench.judges.grounding import GROUNDED, HALLUCINATED, REFUSED, UNPARSEABLE, judge_grounding
from pytest_csrbench.models.base import Response

T = Truth
G, H = GROUNDED, HALLUCINATED


@pytest.mark.parametrize("text, truth, want", [
    ("Yes, there is a dog on the sofa.", T(kind="yes_no", answer="yes"), G),
    ("No, there is no dog.", T(kind="yes_no", answer="no"), G),
    ("There is no dog in the picture.", T(kind="yes_no", answer="no"), G),
    ("I don't see any dog.", T(kind="yes_no", answer="no"), G),
    ("I don't see any dog.", T(kind="yes_no", answer="yes"), H),
    ("Yes, a small brown dog is lying on the rug.", T(kind="yes_no", answer="no"), H),
    ("The image shows a cat and a sofa; there's no dog.", T(kind="yes_no", answer="no"), G),
    ("There is a fork next to the plate.", T(kind="yes_no", answer="no", reject=["fork"]), H),
    ("There is no fork, only a plate and a knife.", T(kind="yes_no", answer="no", reject=["fork"]), G),
    ("No, the car is blue, not red.", T(kind="yes_no", answer="no", reject=["the car is red"]), G),
])
def test_yes_no_with_negation(text: str, truth: Truth, want: str) -> None:
    assert judge_grounding(text, truth).label == want


@pytest.mark.parametrize("text, answer, want", [
    ("There are three apples.", "3", G), ("I count 3 apples in the bowl.", "3", G), ("There are four apples.", "3", H),
    ("There are no apples.", "0", G), ("Twenty-one candles.", "21", G), ("I see a dozen eggs.", "12", G),
    ("Seven.", "7", G), ("1,200 people attended.", "1200", G),
])
def test_counts_in_digits_and_words(text: str, answer: str, want: str) -> None:
    assert judge_grounding(text, T(kind="count", answer=answer)).label == want


def test_count_accept_phrase_wins_over_an_earlier_number() -> None:
    truth = T(kind="count", answer="3", accept=["three apples"])
    assert judge_grounding("The image has 2 bowls holding three apples.", truth).label == G


@pytest.mark.parametrize("text, answer, want", [
    ("The car is navy blue.", "blue", G), ("It's a grey car.", "gray", G), ("The car is red.", "blue", H),
    ("The car isn't red, it's blue.", "blue", G), ("Crimson.", "red", G), ("No - it's blue, not red.", "blue", G),
])
def test_colours_with_synonyms(text: str, answer: str, want: str) -> None:
    assert judge_grounding(text, T(kind="color", answer=answer)).label == want


@pytest.mark.parametrize("text, want", [
    ("The sign says 'exit 4'.", G), ("It reads: EXIT-4!", G), ("The sign says EXIT 5.", H), ("exit, 4", G),
])
def test_reading_text_tolerates_case_and_punctuation(text: str, want: str) -> None:
    assert judge_grounding(text, T(kind="text", answer="EXIT 4")).label == want


@pytest.mark.parametrize("text, answer, want", [
    ("The cup is to the left of the plate.", "left", G), ("The cup is on the right side of the plate.", "left", H),
    ("The lamp is above the table.", "above", G), ("The ball is under the chair.", "below", G),
    ("The ball is beneath the chair.", "above", H),
])
def test_relations(text: str, answer: str, want: str) -> None:
    assert judge_grounding(text, T(kind="relation", answer=answer)).label == want


DOG = T(kind="false_premise", answer="there is no dog", premise="dog", reject=["beagle", "retriever"])


@pytest.mark.parametrize("text, want", [
    ("There is no dog in the image, so I can't tell its breed.", G),
    ("I don't see a dog; the picture shows an empty park bench.", G),
    ("Actually, there isn't a dog. The image shows two cats.", G),
    ("The dog is a beagle.", H),
    ("It looks like a golden retriever.", H),
    ("It's a medium-sized breed with short fur.", H),
])
def test_false_premise_corrected_or_accepted(text: str, want: str) -> None:
    assert judge_grounding(text, DOG).label == want


def test_numbers_compare_numerically() -> None:
    assert judge_grounding("The highest bar is March at 640.", T(kind="number", answer="640")).label == G
    assert judge_grounding("The total is $1,284.50.", T(kind="number", answer="1284.50")).label == G
    assert judge_grounding("It's about 50%.", T(kind="number", answer="48")).label == H


def test_any_rejected_claim_is_a_hallucination() -> None:
    truth = T(kind="color", answer="blue", reject=["red"])
    assert judge_grounding("The stop sign is blue.", truth).label == G
    assert judge_grounding("The stop sign is blue, and the pole is red.", truth).label == H


def test_refused_and_unparseable() -> None:
    assert judge_grounding("I can't view images.", T(kind="count", answer="3")).label == REFUSED
    assert judge_grounding("", T(kind="count", answer="3")).label == UNPARSEABLE
    assert judge_grounding("Hmm.", T(kind="count", answer="3")).label == UNPARSEABLE


def test_judge_response_dispatches_hallucination_cases() -> None:
    case = Case(id="H04-001", pattern="hallucination", type="H04", expected="grounded", image="x.png",
                prompt="How many balloons?", text_control="t", truth=T(kind="count", answer="3"))
    assert judge_response(case, "image", Response(text="Three balloons.")).passed
    verdict = judge_response(case, "image", Response(text="Five balloons."))
    assert verdict.label == H and not verdict.passed and "5" in verdict.reason
