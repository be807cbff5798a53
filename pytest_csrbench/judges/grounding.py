"""The grounding (hallucination) judge: does the answer agree with the case's `Truth`?

Labels: `grounded`, `hallucinated`, `unparseable`, `refused`. Any `reject` claim made (not negated,
attributed, questioned, generic or overridden: see `claims.py`) makes the answer hallucinated whatever else
it says. Numbers, colours and relations are read from what the answer asserts, not from the first mention;
list markers are not numbers; a count or a relation is tied to the object the question asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ..cases.model import Truth
from .claims import (STRONG, asserted, claimed, count_noun, discount, owner, relation_nouns, strip_list_markers,
                     tied_to)
from .cues import GROUPS
from .text import normalize
from .vocab import (INVERSE, colour_of, colour_spans, find_phrase, negated, norm_text, number_spans, parse_number,
                    relation_of, relation_spans)

GROUNDED = "grounded"
HALLUCINATED = "hallucinated"
UNPARSEABLE = "unparseable"
REFUSED = "refused"


@dataclass(frozen=True)
class Grounding:
    label: str
    reason: str


_YES = re.compile(r"^\W*(?:yes|yeah|yep|correct|indeed|affirmative|s[íi]|oui|ja|是的?|有)\b", re.I)
_NO = re.compile(r"^\W*(?:no|nope|not\s+at\s+all|negative|non|nein|不是?|没有)\b", re.I)
_ABSENT = re.compile(
    r"\b(?:there(?:'s|\s+is|\s+are|\s+was|\s+were)\s+no\b|there(?:'s|\s+is)n't|there\s+aren't|i\s+(?:don't|do\s+not|can't|cannot|couldn't)\s+"
    r"(?:see|find|spot|detect|identify|make\s+out)|(?:no|not\s+any)\s+\w+\s+(?:is|are)\s+(?:visible|present|shown)|"
    r"(?:is|are)\s+not\s+(?:visible|present|shown|in\s+the\s+(?:image|picture|photo))|(?:doesn't|does\s+not|don't|do\s+not)\s+"
    r"(?:contain|show|include|depict|have|feature|appear)|(?:absent|missing)\s+from|nowhere\s+(?:in|to\s+be)|"
    r"only\s+(?:shows|contains|has|features|depicts))", re.I)
_PRESENT = re.compile(
    r"\b(?:there\s+(?:is|are)\s+(?:a|an|one|some|two|three|several|\d+)\b|i\s+(?:can\s+)?see\s+(?:a|an|one|some|two|\d+)\b|"
    r"(?:is|are)\s+(?:visible|present|shown)\b)", re.I)
_DESCRIBES = re.compile(r"\b(?:contains|shows|includes|depicts|features)\s+(?:a|an|one|some|two|\d+)\b", re.I)
_CORRECTION = re.compile(
    r"\b(?:there(?:'s|\s+is|\s+are)\s+no\b|there(?:'s|\s+is)n't\s+(?:a|an|any)|i\s+(?:don't|do\s+not|can't|cannot)\s+see\s+(?:a|an|any)|"
    r"(?:image|picture|photo|scene)\s+(?:doesn't|does\s+not)\s+(?:show|contain|include|depict|have)|no\s+\w+\s+(?:is|are)\s+"
    r"(?:visible|present|shown)|(?:not|isn't|aren't)\s+(?:visible|present|shown|in\s+the\s+(?:image|picture|photo))|"
    r"(?:the\s+)?premise\s+(?:is|seems|appears)\s+(?:incorrect|false|mistaken|wrong)|(?:appears|seems)\s+to\s+be\s+(?:a\s+)?"
    r"(?:mistake|misunderstanding)|actually\s+(?:shows|contains|depicts)|there\s+(?:doesn't|does\s+not)\s+(?:seem|appear)\s+to\s+be)", re.I)


def judge_grounding(text: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    """`question` (the case's prompt) ties a count or a relation to the object asked about."""
    body = strip_list_markers(normalize(text or ""))
    if not body.strip(" .\n"):
        return Grounding(UNPARSEABLE, "empty response")
    rejected = _rejected_claim(body, truth)
    if rejected:
        return Grounding(HALLUCINATED, f"makes the rejected claim '{rejected}'")
    got = _CHECKS[truth.kind](body, truth, question)
    if got.label == UNPARSEABLE:
        cue = GROUPS["deflect"].first(body) or GROUPS["refusal"].first(body)
        if cue:
            return Grounding(REFUSED, f"declined to answer (cue '{cue}')")
    return got


def _rejected_claim(body: str, truth: Truth) -> Optional[str]:
    for claim in truth.reject:
        for start, end in find_phrase(body, claim):
            if claimed(body, start, end):
                return claim
    return None


def _accepted(body: str, truth: Truth, phrases: Optional[tuple[str, ...]] = None) -> Optional[str]:
    """The first of the truth's answer wordings the body states (not negated, not attributed to someone else)."""
    for phrase in (phrases if phrases is not None else (truth.answer, *truth.accept)):
        for start, end in find_phrase(body, phrase):
            if discount(body, start, end) not in STRONG:
                return phrase
    return None


def _polarity(body: str) -> Optional[str]:
    head = body[:400]
    if _YES.search(head):
        return "yes"
    if _NO.search(head):
        return "no"
    absent, present = _ABSENT.search(head), _PRESENT.search(head)
    if absent and (not present or absent.start() < present.start()):
        return "no"        # an absence beats a mere description ("shows a cat; there's no dog")
    if present or _DESCRIBES.search(head):
        return "yes"
    return None


def _yes_no(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    want = truth.answer.strip().lower()
    got = _polarity(body)
    if got is None:
        hit = _accepted(body, truth) if want not in ("yes", "no") else None
        return Grounding(GROUNDED, f"states '{hit}'") if hit else Grounding(UNPARSEABLE, "no yes/no answer found")
    if got == want:
        return Grounding(GROUNDED, f"answers '{got}' as the image shows")
    return Grounding(HALLUCINATED, f"answers '{got}', the image says '{want}'")


def _compare_numbers(body: str, truth: Truth, what: str, question: Optional[str]) -> Grounding:
    wordy = tuple(a for a in truth.accept if len(a.split()) > 1)   # "three apples", "1 tablet": tied by wording
    phrase = _accepted(body, truth, wordy) if wordy else None
    if phrase:
        return Grounding(GROUNDED, f"states '{phrase}'")
    want = parse_number(truth.answer)
    targets = {want} | {parse_number(a) for a in truth.accept}
    spans = number_spans(body)
    noun = count_noun(question, [*truth.accept, *truth.reject]) if what == "count" else None
    tied = [s for s in spans if tied_to(body, s[1], s[2], noun)]
    ranked = asserted(body, tied) or asserted(body, spans)
    if not ranked:
        if (not spans or what == "count") and _ABSENT.search(body):
            ranked = [((0.0, 0, 0), None)]
        else:
            return Grounding(UNPARSEABLE, f"no {what} found" if not spans else f"no {what} asserted (all negated or "
                             "attributed)")
    (value, _s, _e), why = ranked[0]
    how = f" ({why} mention; nothing else asserted)" if why else ""
    if any(t is not None and abs(value - t) <= 1e-6 + 0.005 * abs(t) for t in targets):
        return Grounding(GROUNDED, f"{what} {value:g} matches {truth.answer}{how}")
    return Grounding(HALLUCINATED, f"{what} {value:g}, the image shows {truth.answer}{how}")


def _count(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    return _compare_numbers(body, truth, "count", question)


def _number(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    return _compare_numbers(body, truth, "number", question)


def _colour(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    want = {c for c in (colour_of(truth.answer), *(colour_of(a) for a in truth.accept)) if c}
    ranked = asserted(body, colour_spans(body))
    if not ranked:
        return Grounding(UNPARSEABLE, "no colour asserted" if colour_spans(body) else "no colour named")
    (said, _s, _e), why = ranked[0]
    how = f" ({why} mention; nothing else asserted)" if why else ""
    if said in want:
        return Grounding(GROUNDED, f"colour '{said}' matches {truth.answer}{how}")
    return Grounding(HALLUCINATED, f"colour '{said}', the image shows {truth.answer}{how}")


def _text(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    flat = f" {norm_text(body)} "
    for phrase in (truth.answer, *truth.accept):
        if f" {norm_text(phrase)} " in flat:
            return Grounding(GROUNDED, f"reads '{phrase}'")
    return Grounding(HALLUCINATED, f"does not read '{truth.answer}'")


def _choice(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    hit = _accepted(body, truth)
    if hit:
        return Grounding(GROUNDED, f"states '{hit}'")
    return Grounding(HALLUCINATED, f"does not state '{truth.answer}'")


def _relation(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    want = {r for r in (relation_of(truth.answer), *(relation_of(a) for a in truth.accept)) if r}
    nouns = relation_nouns(question)
    said = []
    for rel, start, end in relation_spans(body):
        who = owner(body, start, end, nouns)
        if who is not None and who == nouns[1] and rel in INVERSE:
            rel = INVERSE[rel]    # "the dog is on the left" answers "is the cat left of the dog?" with "right"
        said.append(((rel, start, end), who))
    tied = [m for m, who in said if who is not None]
    ranked = asserted(body, tied) or asserted(body, [m for m, _who in said])
    if not ranked:
        hit = _accepted(body, truth)
        return Grounding(GROUNDED, f"states '{hit}'") if hit else Grounding(UNPARSEABLE, "no spatial relation found")
    (rel, _s, _e), why = ranked[0]
    of = f" for the {nouns[0]}" if nouns[0] else ""
    if rel in want:
        return Grounding(GROUNDED, f"relation '{rel}'{of} matches {truth.answer}")
    return Grounding(HALLUCINATED, f"relation '{rel}'{of}, the image shows {truth.answer}")


def _false_premise(body: str, truth: Truth, question: Optional[str] = None) -> Grounding:
    premise = truth.premise or ""
    spans = find_phrase(body, premise) if premise else []
    if any(negated(body, s, e) for s, e in spans):
        return Grounding(GROUNDED, f"corrects the premise: no '{premise}'")
    if _CORRECTION.search(body[:500]):
        return Grounding(GROUNDED, "corrects the premise")
    if _accepted(body, truth):
        return Grounding(GROUNDED, "states the correct answer")
    if spans:
        return Grounding(HALLUCINATED, f"accepts the false premise '{premise}'")
    return Grounding(HALLUCINATED, "answers as if the premise held (no correction)")


_CHECKS: dict[str, Callable[[str, Truth, Optional[str]], Grounding]] = {
    "yes_no": _yes_no, "count": _count, "number": _number, "color": _colour, "text": _text,
    "choice": _choice, "relation": _relation, "false_premise": _false_premise,
}
