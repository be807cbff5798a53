"""Fonts shipped with the package (never the machine's): loading, caching, measuring, wrapping.

Text is laid out with Pillow's BASIC engine so the pixels do not depend on which libraqm the
machine has; only emoji (emoji.py) use RAQM when available, for ZWJ sequences and flags.
"""

from __future__ import annotations

import contextlib
import contextvars
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from PIL import ImageFont

FONT_DIR = Path(__file__).parent / "fonts"
FACES: dict[str, str] = {
    "sans": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif_bold": "DejaVuSerif-Bold.ttf",
}
MIN_TEXT = 20  # px: the smallest body text the renderer draws


# The robustness search (robust/) draws a case in another family or size: (face -> face, size factor).
_STYLE: contextvars.ContextVar[Optional[tuple[dict[str, str], float]]] = contextvars.ContextVar(
    "csrbench_font_style", default=None)


@contextlib.contextmanager
def font_style(faces: dict[str, str], scale: float = 1.0) -> Iterator[None]:
    """Inside the block, draw face F as `faces.get(F, F)` at `scale` times the asked size."""
    token = _STYLE.set((faces, scale))
    try:
        yield
    finally:
        _STYLE.reset(token)


def _styled(face: str, size: float) -> tuple[str, int]:
    style = _STYLE.get()
    if style is None:
        return face, int(size)
    return style[0].get(face, face), max(1, int(round(size * style[1])))


def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    """A shipped font at a pixel size (cached: loading costs more than drawing)."""
    return _font(*_styled(face, size))


@lru_cache(maxsize=512)
def _font(face: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FACES[face]), int(size), layout_engine=ImageFont.Layout.BASIC)


def text_width(face: str, size: int, text: str) -> int:
    return _text_width(*_styled(face, size), text)


@lru_cache(maxsize=8192)
def _text_width(face: str, size: int, text: str) -> int:
    return int(round(_font(face, size).getlength(text)))


def line_height(face: str, size: int) -> int:
    ascent, descent = font(face, size).getmetrics()
    return ascent + descent


def wrap(text: str, face: str, size: int, max_width: int) -> list[str]:
    """Greedy word wrap; words longer than the width are split by characters."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        lines.extend(_wrap_paragraph(para, face, size, max_width))
    return lines or [""]


def _wrap_paragraph(para: str, face: str, size: int, max_width: int) -> list[str]:
    words = para.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(face, size, candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for piece in _split_long(word, face, size, max_width):
            if current:
                lines.append(current)
            current = piece
    lines.append(current)
    return lines


def _split_long(word: str, face: str, size: int, max_width: int) -> list[str]:
    pieces, current = [], ""
    for ch in word:
        if current and text_width(face, size, current + ch) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return pieces + [current] if current else pieces
