"""Which values an answer asserts, for the grounding judge.

An answer names more values than it asserts: "Stop signs are usually red, but this one is blue", "not six -
there are four", "your manager's 300 ... the chart shows 180", "Red? No, blue." A mention is *discounted*:

- strongly when it is negated ("not red") or attributed to someone else ("you said", "your manager's 300",
  "the caption draft says"): it is never the answer;
- weakly when it sits in a question ("Red? No, blue."), a generic statement ("usually red", "in real life")
  or a contrast that the sentence then overrides ("red at first glance, but it's actually blue"): it is the
  answer only when nothing else is asserted.

Numbered-list markers at line starts ("1. Start with...") are not numbers the answer states.
"""

from __future__ import annotations

import re
from typing import Optional

from .vocab import negated

STRONG = ("negated", "attributed")
WEAK = ("question", "generic", "contrasted")

_F = re.I | re.U
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[-*\u2022\u25cf\u25aa+]|[a-h][.)]|step\s+\d+\s*[:.)-])[ \t]+(?=\S)", re.I | re.M)
# Where a clause begins, looking back from a mention: sentence punctuation, a dash, or a contrast word.
_CLAUSE_START = re.compile(r"[.!?;\n]|(?<!said)(?<!says)(?<!wrote)(?<!told)(?<!claimed):|\s-\s|"
                           r"\b(?:but|however|whereas|although|though|yet|while|actually|instead)\b", _F)
# Things of the image: "your receipt says 14.20" asserts, "your manager says 300" attributes.
_IMAGE_NOUNS = (r"(?:image|photo|picture|pic|receipt|chart|graph|sign|label|ticket|form|table|bill|note|poster|drawing|"
                r"document|screen|screenshot|shelf|bowl|desk|garden|street|room|kitchen|car|flyer|map|menu|card|rota|"
                r"sheet|page|photograph|scene)s?")
_ATTRIBUTED = re.compile(
    r"(?:\byou(?:'ve|\s+have)?\s+(?:said|say|mentioned?|thought|think|claimed?|suggested?|stated?|wrote|were\s+told|"
    r"expected?|remembered?|recalled?|assumed?|believed?|guessed|asked\s+about|described)|"
    r"\byour\s+(?:own\s+)?(?:figure|number|claim|guess|estimate|value|draft|caption|version|premise|assumption|memory)|"
    r"\byour\s+(?!" + _IMAGE_NOUNS + r"\b)\w+(?:'s?|\s+(?:said|says|mentioned|thought|thinks|claimed|claims|suggested|"
    r"suggests|stated|states|told\s+you|wrote|writes|believes|expected|remembered))|\baccording\s+to\s+(?:you|your\s+"
    r"(?!" + _IMAGE_NOUNS + r"\b)\w+)|"
    r"\bthe\s+(?:question|prompt|caption(?:\s+draft)?|draft(?:\s+caption)?|premise)\s+(?:says|said|claims|suggests|states|"
    r"mentions|assumes|has)|\bas\s+you\s+(?:said|mentioned|suggested|thought|put\s+it)|\b(?:he|she|they)\s+(?:said|says|"
    r"told\s+you|mentioned|claimed|thought))\b[^.;!?]{0,40}$", _F)
_GENERIC_BEFORE = re.compile(
    r"\b(?:usually|normally|typically|commonly|generally|traditionally|conventionally|ordinarily|in\s+real\s+life|"
    r"in\s+the\s+real\s+world|real[-\s]world|most|standard|(?:you(?:'d|\s+would|\s+might)\s+)?expect(?:ed)?|"
    r"supposed\s+to\s+be|would\s+(?:normally|usually|typically)|at\s+first\s+glance|looks?\s+like\s+it\s+(?:might|could))\b"
    r"[^.;!?]{0,50}$", _F)
_GENERIC_AFTER = re.compile(r"^[^.;!?,]{0,25}\b(?:usually|normally|typically|in\s+real\s+life|in\s+most\s+(?:places|countries)|"
                            r"as\s+a\s+rule)\b", _F)
_CONTRAST_AFTER = re.compile(
    r"^[^.;!?]{0,60}?\b(?:but|however|whereas|though|although|yet)\b[,\s]+(?:\w+\s+){0,3}?(?:actually|in\s+fact|really|"
    r"this\s+one|that\s+one|here|in\s+(?:this|the)\s+(?:image|picture|photo|drawing|scene|chart|receipt|label|table|poster)|"
    r"the\s+(?:image|picture|photo|chart|receipt|label|sign|table|poster|drawing)\s+(?:shows|says|reads|has|gives|lists)|"
    r"the\s+(?:actual|printed|real|correct|true)\b|it(?:'s|\s+is|\s+shows|\s+says|\s+reads))", _F)


def strip_list_markers(text: str) -> str:
    """Drop list markers at line starts ("1. ", "- ", "a) "): they enumerate, they do not answer."""
    return _LIST_MARKER.sub("", text)


def clause_before(text: str, start: int, reach: int = 80) -> str:
    lo = max(0, start - reach)
    before = text[lo:start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
    return before[cut:]


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    ends = [i for i in (text.find(ch, end) for ch in ".!?\n") if i >= 0]
    return lo, (min(ends) if ends else len(text))


def discount(text: str, start: int, end: int) -> Optional[str]:
    """Why the mention text[start:end] is not (or maybe not) asserted; None when it is."""
    if negated(text, start, end):
        return "negated"
    lo, hi = sentence_of(text, start, end)
    if _ATTRIBUTED.search(clause_before(text, start)):
        return "attributed"
    if hi < len(text) and text[hi] == "?" and text[hi + 1:].strip():
        return "question"
    if _GENERIC_BEFORE.search(clause_before(text, start)) or _GENERIC_AFTER.search(text[end:hi]):
        return "generic"
    if _CONTRAST_AFTER.search(text[end:hi + 1]):
        return "contrasted"
    return None


Mention = tuple  # (value, start, end)


def asserted(text: str, mentions: list[Mention]) -> list[tuple[Mention, Optional[str]]]:
    """The mentions an answer asserts, best first: undiscounted ones in order, then weakly discounted ones."""
    marked = [(m, discount(text, m[1], m[2])) for m in mentions]
    strong = [(m, why) for m, why in marked if why is None]
    weak = [(m, why) for m, why in marked if why in WEAK]
    return strong + weak


def claimed(text: str, start: int, end: int) -> bool:
    """Is a phrase at text[start:end] claimed (not negated, attributed, questioned, generic or overridden)?"""
    return discount(text, start, end) is None


# ----- what the question is about: the object counted, the two objects of a spatial relation
_NOT_NOUNS = frozenset("left right side image picture photo top bottom middle front back way one other same sky "
                       "opposite end total number".split())
_STOP_AFTER_MANY = frozenset("are is were was can could do does did of in on at r have has there would will should "
                             "you i we they does in the this that".split())
_NUM_WORD = (r"(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+single|single|a\s+dozen|"
             r"a\s+pair\s+of|twenty|thirty|forty|fifty)")
_COUNT_PHRASE = re.compile(r"^(?:only\s+|just\s+|there\s+are\s+|yes,?\s+)?" + _NUM_WORD + r"\s+(?:[\w-]+\s+)?([a-z]+)$", re.I)
_SUBJECT_IS = re.compile(r"\b(?:is|are)\s+(?:the|a|an)\s+([a-z]+)", re.I)
_SUBJECT_THE = re.compile(r"\b(?:the|a|an)\s+([a-z]+)\s+(?:is|are|sits|stands|sitting|standing|drawn|placed|located|"
                          r"positioned|hangs|hanging|lies|lying)\b", re.I)
_ANY_THE = re.compile(r"\b(?:the|a|an|this|that)\s+([a-z]+)", re.I)
_REFERENCE = re.compile(r"\b(?:of|relative\s+to|than|from|above|below|under|beneath|over|next\s+to|beside|behind)\s+"
                        r"(?:the|a|an|this|that)\s+([a-z]+)", re.I)


def stem(noun: str) -> str:
    noun = noun.lower()
    if noun in ("people", "person"):
        return "pe(?:ople|rsons?)"
    if re.search(r"(?:ss|ch|sh|x)es$", noun):
        return re.escape(noun[:-2])
    return re.escape(noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun)


def count_noun(question: Optional[str], phrases: list[str]) -> Optional[str]:
    """The object a count is about: from the truth's "N noun" phrases, else from "how many X" in the question."""
    for phrase in phrases:
        m = _COUNT_PHRASE.match(phrase.strip())
        if m and m.group(1).lower() not in _NOT_NOUNS:
            return m.group(1)
    if not question:
        return None
    m = re.search(r"\bhow\s+many\s+(?:of\s+(?:them|these|those)\s+(?:are|were)\s+)?([^?.,;:!]*)", question, re.I)
    if m:
        words = re.findall(r"[A-Za-z]+", m.group(1))[:4]
        kept: list[str] = []
        for w in words:
            if w.lower() in _STOP_AFTER_MANY or (kept and w.lower().endswith("ed")):
                break
            kept.append(w)
        if kept:
            return kept[-1]
    m = re.search(r"\bcount\s+(?:all\s+)?the\s+([a-z]+)", question, re.I)
    return m.group(1) if m else None


def relation_nouns(question: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(subject, reference) of a spatial question: "Is the dog left of the cat?" -> (dog, cat)."""
    if not question:
        return None, None
    refs = [n.lower() for n in _REFERENCE.findall(question) if n.lower() not in _NOT_NOUNS]
    ref = refs[-1] if refs else None
    for rx in (_SUBJECT_IS, _SUBJECT_THE, _ANY_THE):
        for noun in rx.findall(question):
            if noun.lower() not in _NOT_NOUNS and noun.lower() != ref:
                return noun.lower(), ref
    return None, ref


def tied_to(text: str, start: int, end: int, noun: Optional[str]) -> bool:
    """Is the number at text[start:end] a count of `noun` ("3 cats", "three black cats", "cats: 3")?"""
    if not noun:
        return False
    s = stem(noun)
    return bool(re.match(r"(?:\s+[\w-]+){0,2}?\s+" + s + r"\w*\b", text[end:end + 40], re.I) or
                re.search(r"\b" + s + r"\w*\s*[:=]\s*$", text[max(0, start - 30):start], re.I))


def owner(text: str, start: int, end: int, nouns: tuple[Optional[str], Optional[str]]) -> Optional[str]:
    """Which of (subject, reference) a relation mention is said of: the nearest one before it in its sentence,
    or the one right after it in an inverted clause ("On the left is the dog")."""
    lo, hi = sentence_of(text, start, end)
    found: list[tuple[int, str]] = []
    for noun in nouns:
        if noun:
            found += [(m.start(), noun) for m in re.finditer(r"\b" + stem(noun) + r"\w*\b", text[lo:start], re.I)]
    if found:
        return max(found)[1]
    after = text[end:hi]
    for noun in nouns:
        if noun and re.match(r"\s*,?\s*(?:(?:is|are|sits|stands|you\s+(?:can\s+)?(?:see|find)|there(?:'s|\s+is|\s+are))\s+)?"
                             r"(?:the|a|an)\s+(?:[\w-]+\s+)?" + stem(noun) + r"\w*\b", after, re.I):
            return noun
    return None
