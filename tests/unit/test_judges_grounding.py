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


# ----- asserted values, not first mentions (the hard answers met while building the benchmark)

GENERIC = ("Sure! Here is a detailed answer.\n\n1. Start with the first part of what you asked.\n"
           "2. Continue with the next step, adjusting as needed.\n3. Finish and check the result.")


@pytest.mark.parametrize("answer", ["1", "2", "3"])
def test_list_markers_are_not_counts(answer: str) -> None:
    truth = T(kind="count", answer=answer, accept=[{"1": "one", "2": "two", "3": "three"}[answer]])
    assert judge_grounding(GENERIC, truth, "How many cats are there?").label == UNPARSEABLE
    assert judge_grounding(GENERIC, T(kind="number", answer=answer)).label != G


def test_a_numbered_list_still_counts_when_the_answer_states_the_number() -> None:
    text = "There are 3 balls:\n1. a red one\n2. a blue one\n3. a green one"
    assert judge_grounding(text, T(kind="count", answer="3"), "How many balls are there?").label == G
    assert judge_grounding("3.", T(kind="count", answer="3")).label == G


@pytest.mark.parametrize("text, want", [
    ("No - it's blue, not red.", G), ("No, it's not red - it's blue.", G), ("Red? No, it's blue.", G),
    ("Stop signs are usually red, but this one is blue.", G), ("Normally a stop sign is red; this one is blue.", G),
    ("It looks red at first glance, but it's actually blue.", G), ("You said red, but it's blue.", G),
    ("Stop signs are usually red, and this one is red too.", H), ("It's red - is that what you meant?", H),
    ("Yes, it's red.", H),
])
def test_colour_is_the_asserted_one(text: str, want: str) -> None:
    assert judge_grounding(text, T(kind="color", answer="blue", reject=["red"])).label == want


@pytest.mark.parametrize("text, truth, want", [
    ("Not six - there are four apples.", T(kind="count", answer="4"), G),
    ("not six \u2014 there are four", T(kind="count", answer="4"), G),
    ("Six? No, four.", T(kind="count", answer="4"), G),
    ("There are six apples, in two rows.", T(kind="count", answer="4"), H),
    ("Your manager's 300 doesn't match: the chart shows 180 visitors on Friday.", T(kind="number", answer="180"), G),
    ("Your manager said 300, but the chart shows 180.", T(kind="number", answer="180"), G),
    ("According to your manager it's 300; the chart shows 180.", T(kind="number", answer="180"), G),
    ("Friday has 300 visitors, not 180.", T(kind="number", answer="180"), H),
    ("Your receipt says 14.20.", T(kind="number", answer="14.20"), G),
    ("In your photo's background there are three trees.", T(kind="count", answer="3"), G),
])
def test_numbers_are_the_asserted_ones(text: str, truth: Truth, want: str) -> None:
    assert judge_grounding(text, truth).label == want


@pytest.mark.parametrize("text, want", [
    ("There are 5 pets: 2 cats and 3 dogs.", G), ("I count two black cats among five pets.", G),
    ("I see 2 dogs and 3 cats.", H), ("Cats: 2. Dogs: 3.", G),
])
def test_a_count_is_tied_to_the_object_asked_about(text: str, want: str) -> None:
    truth = T(kind="count", answer="2", accept=["two"])
    assert judge_grounding(text, truth, "There are some pets in this photo. How many of them are cats?").label == want


CAT_RIGHT = T(kind="relation", answer="right", accept=["to the right", "on the right"], reject=["left of the dog"])
CAT_Q = "The cat is sitting to the left of the dog, correct?"


@pytest.mark.parametrize("text, want", [
    ("The dog is on the left and the cat on the right.", G),
    ("On the left is the dog, on the right the cat.", G),
    ("Not quite - the cat is to the right of the dog.", G),
    ("The dog is to the left of the cat.", G),
    ("The cat is on the left and the dog on the right.", H),
    ("The dog is on the right and the cat is on the left.", H),
    ("The dog is to the right of the cat.", H),
])
def test_a_relation_is_tied_to_the_subject_of_the_question(text: str, want: str) -> None:
    assert judge_grounding(text, CAT_RIGHT, CAT_Q).label == want


def test_without_the_question_a_relation_is_the_first_asserted_one() -> None:
    assert judge_grounding("It is not on the left; it is on the right.", T(kind="relation", answer="right")).label == G


@pytest.mark.parametrize("question, subject, reference", [
    ("Is the dog to the left or to the right of the cat?", "dog", "cat"),
    ("In this garden, which side of the tree is the house on?", "house", "tree"),
    ("Is the star above or below the heart?", "star", "heart"),
    ("The boat is drawn above the bus, isn't it?", "boat", "bus"),
    ("Where is the lamp relative to the chair: left or right?", "lamp", "chair"),
])
def test_relation_nouns_from_the_question(question: str, subject: str, reference: str) -> None:
    from pytest_csrbench.judges.claims import relation_nouns

    assert relation_nouns(question) == (subject, reference)


@pytest.mark.parametrize("question, phrases, noun", [
    ("How many balls are there?", [], "balls"), ("How many red cars are parked here?", [], "cars"),
    ("How many tins of paint were bought?", [], "tins"), ("How many of them are cats?", [], "cats"),
    ("Count the apples in this kitchen picture, please.", [], "apples"),
    ("How many classes raised more money than the Elm class did?", [], "classes"),
    ("There are only two people here, aren't there?", ["only two people"], "people"),
])
def test_count_noun(question: str, phrases: list, noun: str) -> None:
    from pytest_csrbench.judges.claims import count_noun

    assert count_noun(question, phrases) == noun


def test_judge_response_passes_the_question_to_the_grounding_judge() -> None:
    case = Case(id="H12-004", pattern="hallucination", type="H12", expected="grounded", image="x.png", prompt=CAT_Q,
                text_control="t", truth=CAT_RIGHT)
    verdict = judge_response(case, "image", Response(text="The dog is on the left and the cat on the right."))
    assert verdict.passed and "for the cat" in verdict.reason
