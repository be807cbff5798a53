"""Required literals of a regex: a set of strings at least one of which occurs in every match.

Used as a prefilter: a cue regex is only run on text that contains one of its required literals
(lowercased). Python's `re` scans every position of a long alternation, which made the judge
slow; a few `in` checks per cue are much cheaper. Derived from the parsed pattern, so the filter
is exact by construction (a cue that could match is never skipped); `None` means "no usable
literal", and the cue is always run.
"""

from __future__ import annotations

import re
from typing import Optional

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

Lits = Optional[frozenset[str]]
MIN_USEFUL = 2   # a literal shorter than this filters nothing


def required_literals(pattern: str, flags: int = 0) -> Lits:
    """Lowercased strings, one of which every match of `pattern` contains; None if unknown."""
    try:
        tree = _p.parse(pattern, flags)
    except Exception:  # pragma: no cover - patterns are compiled before this is called
        return None
    got = _seq(list(tree))
    if got is None or min(len(s) for s in got) < MIN_USEFUL:
        return None
    return got


def _better(a: Lits, b: Lits) -> Lits:
    """The more selective of two candidate sets (longest shortest member, then fewer members)."""
    if a is None:
        return b
    if b is None:
        return a
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _seq(items: list) -> Lits:
    best: Lits = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        best = _better(best, _node(op, av))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _node(op, av) -> Lits:
    if op is _c.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is _c.BRANCH:
        return _branch(av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or getattr(_c, "POSSESSIVE_REPEAT", None) is op:
        lo, _hi, sub = av
        return _seq(list(sub)) if lo >= 1 else None
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return _seq(list(av))
    return None  # charsets, anchors, lookarounds, categories: no literal guaranteed


def _branch(branches) -> Lits:
    out: set[str] = set()
    for sub in branches:
        got = _seq(list(sub))
        if got is None:
            return None
        out |= got
    return frozenset(out)


def split_top_level(pattern: str) -> list[str]:
    """Split a regex at its top-level `|` (outside groups and character classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":  # a literal ']' first in the class
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


class FastAny:
    """A regex split into its top-level alternatives, each run only when its required literals occur."""

    def __init__(self, pattern: str, flags: int):
        self.parts = []
        for part in split_top_level(pattern):
            # an anchored alternative fails at once off a line start: running it is cheaper than its literals
            lits = None if part.startswith("^") else required_literals(part, flags)
            self.parts.append((re.compile(part, flags), None if lits is None else tuple(sorted(lits, key=len))))

    def search(self, text: str, low: Optional[str] = None) -> bool:
        has = (low if low is not None else text.lower()).__contains__
        for rx, lits in self.parts:
            if (lits is None or any(map(has, lits))) and rx.search(text):
                return True
        return False
