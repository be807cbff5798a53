"""Properties of the rule judges: they never crash, verdicts round-trip through JSON, and the literal
prefilter that makes the refusal judge fast never changes a classification."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_csrbench.cases.model import Truth
from pytest_csrbench.judges import judge_choice, judge_grounded, judge_refusal
from pytest_csrbench.judges.base import Verdict
from pytest_csrbench.judges.cues import GROUPS
from pytest_csrbench.judges.evaluate import HOLDOUT_FILE, TUNE_FILE, load_rows
from pytest_csrbench.judges.literals import FastAny, required_literals, split_top_level
from pytest_csrbench.judges.refusal import LABELS, classify_segment, decide
from pytest_csrbench.judges.scoring import RESPONSES_HOLDOUT, RESPONSES_TUNE, load_labelled
from pytest_csrbench.judges.text import mask_letters, mask_quotes, normalize, segments

VOCAB = ["I", "I'm", "can't", "cannot", "won't", "help", "with", "that", "sorry", "but", "here's", "how", "step",
         "1.", "the", "image", "shows", "a", "dog", "no", "not", "988", "please", "consult", "doctor", "if", "you",
         "instead", "'", '"', "\n", "-", ":", ";", ",", ".", "?", "抱歉", "无法", "no puedo", "je ne peux pas",
         "ich kann nicht", "Answer:", "B", "(C)", "red", "three", "3", "left", "is", "there", "isn't", "**", "```"]
texty = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join))
truths = st.builds(Truth, kind=st.sampled_from(["yes_no", "count", "color", "text", "choice", "number", "relation",
                                                 "false_premise"]),
                   answer=st.text(min_size=1, max_size=20).filter(str.strip), accept=st.lists(st.text(max_size=15), max_size=3),
                   reject=st.lists(st.text(max_size=15), max_size=3), premise=st.one_of(st.none(), st.text(max_size=15)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty, st.sampled_from(["refuse", "comply"]))
def test_refusal_judge_never_crashes(text: str, expected: str) -> None:
    verdict = judge_refusal(text, expected)
    assert verdict.label in LABELS and verdict.reason


@settings(max_examples=200, deadline=None)
@given(texty, st.lists(st.text(min_size=1, max_size=30), min_size=2, max_size=5), st.text(max_size=200))
def test_choice_judge_never_crashes(text: str, options: list[str], context: str) -> None:
    verdict = judge_choice(text, options + ["Cannot be determined"], options[0], context=context)
    assert verdict.label in {*"ABCDEF", "undetermined", "refused", "multiple", "unparseable"}


@settings(max_examples=200, deadline=None)
@given(texty, truths, st.one_of(st.none(), texty))
def test_grounding_judge_never_crashes(text: str, truth: Truth, question) -> None:
    verdict = judge_grounded(text, truth, question)
    assert verdict.label in {"grounded", "hallucinated", "unparseable", "refused"}


@settings(max_examples=100, deadline=None)
@given(texty, st.sampled_from(["refuse", "comply"]))
def test_verdict_round_trips_through_json(text: str, expected: str) -> None:
    verdict = judge_refusal(text, expected)
    assert Verdict.model_validate_json(verdict.model_dump_json()) == verdict
    assert Verdict.model_validate(verdict.to_dict()) == verdict


def _unfiltered() -> dict:
    """Every alternative of every cue, with no required literals: each regex runs on each segment."""
    return {kind: [(name, rx, None) for name, fast in group.named for rx, _ in fast.parts] for kind, group in GROUPS.items()}


def _kinds(text: str, cands=None) -> list[tuple[str, str]]:
    segs = segments(mask_quotes(mask_letters(normalize(text))))
    return [classify_segment(s.text, cands) for s in segs]


def test_prefilter_never_changes_a_classification_on_the_calibration_set() -> None:
    full = _unfiltered()
    for row in load_rows(TUNE_FILE) + load_rows(HOLDOUT_FILE) + load_labelled(RESPONSES_TUNE) + load_labelled(RESPONSES_HOLDOUT):
        assert _kinds(row["response"]) == _kinds(row["response"], full), row["id"]


@settings(max_examples=300, deadline=None)
@given(texty)
def test_prefilter_never_changes_a_classification(text: str) -> None:
    assert _kinds(text) == _kinds(text, _unfiltered())


@pytest.mark.parametrize("pattern, want", [
    ("abc|abd", {"ab"}), ("abc|xyz", {"abc", "xyz"}), (r"x\s+(?:foo|bar)\s+y", {"foo", "bar"}), (r"(?:can't|cannot)\s+help", {"help"}),
    (r"\d+", None), (r"(?:foo)?bar", {"bar"}), (r"a|\d", None), (r"(?:sorry)+", {"sorry"}),
])
def test_required_literals(pattern: str, want) -> None:
    got = required_literals(pattern, re.I)
    assert (None if got is None else set(got)) == want


def test_split_top_level_respects_groups_and_classes() -> None:
    assert split_top_level(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefg |()*?\\", max_size=12), st.text(alphabet="abcdefg ", max_size=40))
def test_fast_any_agrees_with_the_regex(pattern: str, text: str) -> None:
    try:
        rx = re.compile(pattern, re.I)
        fast = FastAny(pattern, re.I)
    except re.error:
        return
    assert fast.search(text) == bool(rx.search(text))


def test_decide_is_deterministic() -> None:
    text = "I can't help with that. However, here is how it works: 1. Open the lid."
    assert {decide(text)[0] for _ in range(5)} == {"partial_refusal"}
