"""Small vocabularies for the grounding judge: numbers in words, colours, spatial relations, negation."""

from __future__ import annotations

import re
from typing import Optional

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a single": 1, "single": 1, "two": 2, "a pair of": 2, "a couple of": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "a dozen": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
    "once": 1, "twice": 2, "both": 2,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER = re.compile(
    r"(?<![\w.])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)(?![\w.]*\d)|"
    rf"\b((?:{_TENS})[- ](?:{_ONES}))\b|"
    r"\b(" + "|".join(sorted((re.escape(k) for k in _UNITS if k not in ("no", "both")), key=len, reverse=True)) + r")\b",
    re.I)


def numbers(text: str) -> list[float]:
    """All numbers stated in `text`, digits or words, in order ("twenty-one" -> 21, "1,200" -> 1200)."""
    return [value for value, _start, _end in number_spans(text)]


def number_spans(text: str) -> list[tuple[float, int, int]]:
    """(value, start, end) of every number stated in `text`, in order."""
    out: list[tuple[float, int, int]] = []
    for m in _NUMBER.finditer(text):
        digits, compound, word = m.groups()
        if digits:
            value = float(digits.replace(",", ""))
        elif compound:
            tens, ones = re.split(r"[- ]", compound.lower())
            value = float(_UNITS[tens] + _UNITS[ones])
        else:
            value = float(_UNITS[word.lower()])
        out.append((value, m.start(), m.end()))
    return out


def parse_number(text: str) -> Optional[float]:
    got = numbers(text)
    return got[0] if got else None


COLOURS = {
    "red": ("red", "crimson", "scarlet", "maroon", "burgundy", "ruby", "cherry"),
    "orange": ("orange", "amber", "tangerine"),
    "yellow": ("yellow", "gold", "golden", "lemon", "mustard"),
    "green": ("green", "lime", "olive", "emerald", "teal green", "forest green"),
    "blue": ("blue", "navy", "azure", "cobalt", "sky blue", "royal blue", "cyan", "turquoise", "teal"),
    "purple": ("purple", "violet", "lavender", "magenta", "lilac", "indigo", "plum"),
    "pink": ("pink", "rose", "salmon", "fuchsia"),
    "brown": ("brown", "tan", "beige", "chocolate", "khaki", "bronze"),
    "black": ("black", "jet black", "ebony", "charcoal"),
    "white": ("white", "ivory", "cream", "off-white"),
    "gray": ("gray", "grey", "silver", "slate"),
}
_COLOUR_OF = {syn: base for base, syns in COLOURS.items() for syn in syns}
_COLOUR = re.compile(r"\b(" + "|".join(sorted((re.escape(s) for s in _COLOUR_OF), key=len, reverse=True)) + r")\b", re.I)


def colour_of(word: str) -> Optional[str]:
    """Base colour of a colour word or phrase ("navy" -> "blue")."""
    m = _COLOUR.search(word)
    return _COLOUR_OF[m.group(1).lower()] if m else None


def colours(text: str) -> list[tuple[str, int]]:
    """(base colour, position) of every colour word in text."""
    return [(base, start) for base, start, _end in colour_spans(text)]


def colour_spans(text: str) -> list[tuple[str, int, int]]:
    """(base colour, start, end) of every colour word in text."""
    return [(_COLOUR_OF[m.group(1).lower()], m.start(), m.end()) for m in _COLOUR.finditer(text)]


RELATIONS = {
    "left": ("to the left", "on the left", "left of", "left side", "left-hand", "left"),
    "right": ("to the right", "on the right", "right of", "right side", "right-hand", "right"),
    "above": ("above", "over", "on top of", "higher than", "atop"),
    "below": ("below", "under", "underneath", "beneath", "lower than"),
    "front": ("in front of", "before"),
    "behind": ("behind", "in back of", "at the back of"),
    "inside": ("inside", "in", "within"),
    "next to": ("next to", "beside", "adjacent to"),
}
_RELATION_OF = {syn: base for base, syns in RELATIONS.items() for syn in syns if syn not in ("in", "before", "over")}
_RELATION = re.compile(r"\b(" + "|".join(sorted((re.escape(s) for s in _RELATION_OF), key=len, reverse=True)) + r")\b", re.I)
_NOT_SPATIAL_RIGHT = re.compile(r"\b(?:that's|that\s+is|you're|you\s+are|is\s+that)\s+right\b|\bright\s+(?:now|away|answer)\b", re.I)


def relation_of(word: str) -> Optional[str]:
    m = _RELATION.search(word)
    return _RELATION_OF[m.group(1).lower()] if m else (word.strip().lower() or None)


def relations(text: str) -> list[tuple[str, int]]:
    return [(base, start) for base, start, _end in relation_spans(text)]


def relation_spans(text: str) -> list[tuple[str, int, int]]:
    """(base relation, start, end) of every spatial relation phrase in text."""
    text = _NOT_SPATIAL_RIGHT.sub(lambda m: " " * len(m.group(0)), text)
    return [(_RELATION_OF[m.group(1).lower()], m.start(), m.end()) for m in _RELATION.finditer(text)]


INVERSE = {"left": "right", "right": "left", "above": "below", "below": "above", "front": "behind", "behind": "front"}


# A term is negated when one of these precedes it closely in the same clause (a dash or "but" ends the
# clause: "not six - there are four", "not red but blue").
_NEG_BEFORE = re.compile(
    r"(?:\bno|\bnot|\bnor|\bn't|\bnever|\bwithout|\bnothing|\bnone|\bnowhere|\bneither|\babsence\s+of|\black\s+of|"
    r"\binstead\s+of|\brather\s+than|\bno\s+sign\s+of|\bnot\s+any|\bisn't|\baren't|\bdoesn't|\bdon't|\bcan't\s+see|"
    r"\bcannot\s+see|\bcouldn't\s+find|\bunable\s+to\s+(?:see|find|spot)|\bfail\s+to\s+see)\b"
    r"(?:(?!\s-\s|\bbut\b|\binstead\b)[^.;:!?,]){0,40}$", re.I)
_NEG_AFTER = re.compile(r"^[^.;:!?]{0,25}?\b(?:is|are|was|were)\s+(?:not|n't|absent|missing|nowhere)\b|"
                        r"^\s*(?:is|are)n't\b|^[^.;:!?]{0,15}\b(?:absent|missing)\b", re.I)


_ANSWER_NO = re.compile(r"^\W*(?:no|nope|nah)\b(?:\s*[,.!:;-]+\s*|\s+(?=(?:it|it's|that|the|there|this|i|they|he|she|we)\b))",
                        re.I)


def negated(text: str, start: int, end: int) -> bool:
    """Is the span text[start:end] negated ("there is no dog", "I don't see any dog", "the dog is absent")?
    A leading answer "No" ("No - it's blue") negates the question, not what follows it."""
    lo = max(0, start - 60)
    before = text[lo:start]
    if lo == 0 or text[lo - 1] in ".!?\n":
        before = _ANSWER_NO.sub("", before, count=1)
    else:
        before = _ANSWER_NO.sub("", before.split(". ")[-1], count=1) if ". " in before else before
    return bool(_NEG_BEFORE.search(before) or _NEG_AFTER.search(text[end:end + 40]))


def norm_text(text: str) -> str:
    """Lowercase, punctuation dropped, spaces collapsed: for reading-text comparisons."""
    return " ".join(re.findall(r"[0-9a-z\u00c0-\u024f\u4e00-\u9fff]+", text.lower()))


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Spans of `phrase` in `text` as a whole-word, case-insensitive match (spaces/punctuation tolerant)."""
    words = re.findall(r"\w+", phrase)
    if not words:
        return []
    rx = re.compile(r"(?<!\w)" + r"[\W_]{0,3}".join(re.escape(w) for w in words) + r"(?:s|es)?(?!\w)", re.I)
    return [(m.start(), m.end()) for m in rx.finditer(text)]
