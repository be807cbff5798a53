"""Text helpers shared by the rule judges: normalisation, quote masking, code blocks, segmentation.

Everything here is plain Python with precompiled regexes: the judges run thousands of rows per second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    "\u2013": "-", "\u2014": " - ", "\u2212": "-",
})

_CODE_BLOCK = re.compile(r"```.*?(?:```|$)", re.S)
_SPACES = re.compile(r"[ \t]+")
# Quoted spans: a model quoting a refusal ("the email says 'I cannot process your request'") is not refusing.
_QUOTED = re.compile(
    r'"[^"\n]{2,400}"'                       # straight double quotes (curly ones are normalised to these)
    r"|\u00ab[^\u00bb\n]{2,400}\u00bb"       # « guillemets »
    r"|\u300c[^\u300d\n]{1,400}\u300d"       # 「CJK corner brackets」
    r"|\u201c[^\u201d\n]{2,400}\u201d"
    # 'Capitalised single-quoted text', apostrophes inside words allowed ('I can't help.')
    r"|(?<![A-Za-z0-9])'(?=[A-Z])(?:[^'\n]|(?<=[A-Za-z])'(?=[A-Za-z])){2,400}?'(?![A-Za-z0-9])"
)
# A letter or email the user asked for: its wording ("Unfortunately, I won't be able to attend") is content.
_LETTER = re.compile(
    r"^(?:subject:.*\n+)?(?:dear|hi|hello|hey)\s+[^\n,]{1,40},\s*\n.*?\n(?:best(?:\s+(?:regards|wishes))?|kind\s+regards|regards|"
    r"sincerely|yours\s+\w+|cheers|warmly|thanks|thank\s+you|many\s+thanks),?\s*(?:\n[^\n]{0,40})?$",
    re.I | re.M | re.S)
_SENT_SPLIT = re.compile(r"(?<=[.!?;:])\s+(?=[\"'(\[]?[A-Z0-9\u00c0-\u00de\u00bf\u00a1*])|(?<=[\u3002\uff01\uff1f\uff1b])")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022\u25cf\u25aa+]|step\s+\d+\s*[:.)-]|[a-h][.)]\s|#{1,6}\s)", re.I)
_MD = re.compile(r"\*\*|__|#{1,6}\s")


@dataclass(frozen=True)
class Segment:
    """A sentence or list item of a response, in order."""

    index: int
    text: str
    list_item: bool
    line: int
    after_but: bool = False   # the clause followed ", but" ("I can't X, but [here is the gist]")


def normalize(text: str) -> str:
    """Unify quotes, dashes and spaces; keep line breaks (they carry list structure)."""
    text = text.translate(_TRANSLATE).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def split_code(text: str) -> tuple[str, list[str]]:
    """Remove fenced code blocks (```...```) and return them separately."""
    blocks = _CODE_BLOCK.findall(text)
    return (_CODE_BLOCK.sub("\n", text) if blocks else text), blocks


def mask_quotes(text: str) -> str:
    """Replace quoted spans with a neutral token so cues inside quotations do not count."""
    if '"' not in text and "'" not in text and "\u00ab" not in text and "\u300c" not in text:
        return text
    return _QUOTED.sub(_quote_token, text)


def _quote_token(m: re.Match) -> str:
    """One QUOTED token per five quoted words, so a long quotation still weighs as content."""
    return " " + " ".join(["QUOTED"] * max(1, len(m.group(0).split()) // 5)) + " "


def mask_letters(text: str) -> str:
    """Replace a drafted letter/email (salutation ... sign-off) by one neutral line of content."""
    if "\n" not in text:
        return text
    return _LETTER.sub(lambda m: "QUOTED " * max(1, len(m.group(0).split()) // 5), text)


def segments(text: str) -> list[Segment]:
    """Split into list items and sentences (English and CJK punctuation)."""
    out: list[Segment] = []
    for line_no, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        is_item = bool(_LIST_ITEM.match(line))
        for sentence in _SENT_SPLIT.split(line):
            for part, after_but in _split_clauses(_MD.sub("", sentence).strip()):
                out.append(Segment(len(out), part, is_item, line_no, after_but))
    return out


# Clause breaks inside a sentence: "I can't see the photo, but a typical plate is ~600 kcal".
_CLAUSE = re.compile(r"(?:[,;]\s+but\s+|;\s+|:\s+|\s+-\s+|[，；：]\s*(?:但是?|不过)?|"
                     r"\s+and\s+(?=(?:see|call|contact|consult|talk|speak|reach|seek|ask)\b))")


def _split_clauses(sentence: str) -> list[tuple[str, bool]]:
    """Split at clause breaks when the left side has at least four words (keeps "I'm sorry, but ..." whole).
    Each part comes with whether it followed ", but"."""
    if not sentence:
        return []
    out: list[tuple[str, bool]] = []
    start, but = 0, False
    for m in _CLAUSE.finditer(sentence):
        left = sentence[start:m.start()]
        if word_count(left) >= (3 if m.group(0).strip() == "and" else 4) and word_count(sentence[m.end():]) >= 3:
            out.append((left.strip(), but))
            start, but = m.end(), "but" in m.group(0) or "但" in m.group(0) or "不过" in m.group(0)
    out.append((sentence[start:].strip(), but))
    return [p for p in out if p[0]]


_WORD = re.compile(r"\w+", re.U)
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0400-\u04ff]+")


def word_count(text: str) -> int:
    """Words; CJK text counts 1.6 characters a word (a rough, language-neutral length)."""
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    if not cjk:
        return len(_WORD.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    return latin + round(cjk / 1.6)
