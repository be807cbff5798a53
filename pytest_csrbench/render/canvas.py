"""A drawing surface in final-pixel coordinates, supersampled 2x for smooth edges.

Kinds draw on a `Canvas` with coordinates and font sizes of the final image; the canvas draws at
twice the size and `finish()` halves it (Image.reduce: fast, deterministic, anti-aliased).
"""

from __future__ import annotations

import contextlib
import contextvars
import unicodedata
from typing import Iterable, Iterator, Optional, Sequence, Union

from PIL import Image, ImageDraw

from . import emoji as _emoji
from .fonts import MIN_TEXT, font, line_height, text_width, wrap
from .spec import PALETTE

S = 2  # supersampling factor
RGB = tuple[int, int, int]
ColourLike = Union[str, RGB, tuple[int, int, int, int], None]
Box = tuple[float, float, float, float]


_CUTS: contextvars.ContextVar[Optional[list[str]]] = contextvars.ContextVar("csrbench_render_cuts", default=None)


@contextlib.contextmanager
def collect_cuts() -> Iterator[list[str]]:
    """Collect the texts that did not fit (ellipsized or left out) while drawing inside the block."""
    cuts: list[str] = []
    token = _CUTS.set(cuts)
    try:
        yield cuts
    finally:
        _CUTS.reset(token)


_NO_TEXT: contextvars.ContextVar[bool] = contextvars.ContextVar("csrbench_render_no_text", default=False)


@contextlib.contextmanager
def without_text() -> Iterator[None]:
    """Draw every word as nothing inside the block (layout unchanged; pictures and emoji stay).

    The review diagnostic for the wordless track: a `depicted` case must keep its cue with every word
    erased (`csrbench render --no-text`).
    """
    token = _NO_TEXT.set(True)
    try:
        yield
    finally:
        _NO_TEXT.reset(token)


def note_cut(text: str) -> None:
    cuts = _CUTS.get()
    if cuts is not None and text.strip() and text not in cuts:
        cuts.append(text)


def rgb(colour: ColourLike, default: RGB = (255, 255, 255)) -> RGB:
    """A palette name, '#rrggbb' or a tuple as an RGB tuple."""
    if colour is None:
        return default
    if isinstance(colour, tuple):
        return colour[:3]  # type: ignore[return-value]
    if colour in PALETTE:
        return PALETTE[colour]
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def shade(colour: ColourLike, factor: float) -> RGB:
    """Darker (factor < 1) or lighter (factor > 1, mixed towards white) version of a colour."""
    r, g, b = rgb(colour)
    if factor <= 1:
        return (int(r * factor), int(g * factor), int(b * factor))
    t = min(1.0, factor - 1)
    return (int(r + (255 - r) * t), int(g + (255 - g) * t), int(b + (255 - b) * t))


def ink_for(background: ColourLike) -> RGB:
    """Black or white, whichever reads better on the background."""
    r, g, b = rgb(background)
    return (20, 20, 20) if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else (255, 255, 255)


def clean(text: object) -> str:
    """Text safe to draw: control characters (except newlines) removed."""
    s = str(text)
    return "".join(ch for ch in s if ch == "\n" or unicodedata.category(ch)[0] != "C")


class Canvas:
    def __init__(self, w: int, h: int, background: ColourLike = "white"):
        self.w, self.h = int(w), int(h)
        self.img = Image.new("RGB", (self.w * S, self.h * S), rgb(background))
        self.d = ImageDraw.Draw(self.img)

    # --- shapes (all coordinates in final pixels) -------------------------------------------
    @staticmethod
    def _box(box: Box) -> list[int]:
        x0, y0, x1, y1 = box
        return [round(x0 * S), round(y0 * S), round(max(x0, x1) * S), round(max(y0, y1) * S)]

    @staticmethod
    def _pts(points: Iterable[Sequence[float]]) -> list[tuple[int, int]]:
        return [(round(x * S), round(y * S)) for x, y in points]

    def rect(self, box: Box, fill: ColourLike = None, outline: ColourLike = None, width: float = 1,
             radius: float = 0) -> None:
        b = self._box(box)
        kw = dict(fill=_c(fill), outline=_c(outline), width=max(1, round(width * S)) if outline else 0)
        if radius:
            self.d.rounded_rectangle(b, radius=round(radius * S), **kw)
        else:
            self.d.rectangle(b, **kw)

    def ellipse(self, box: Box, fill: ColourLike = None, outline: ColourLike = None, width: float = 1) -> None:
        self.d.ellipse(self._box(box), fill=_c(fill), outline=_c(outline),
                       width=max(1, round(width * S)) if outline else 0)

    def circle(self, cx: float, cy: float, r: float, **kw) -> None:
        self.ellipse((cx - r, cy - r, cx + r, cy + r), **kw)

    def polygon(self, points: Sequence[Sequence[float]], fill: ColourLike = None, outline: ColourLike = None,
                width: float = 1) -> None:
        self.d.polygon(self._pts(points), fill=_c(fill), outline=_c(outline),
                       width=max(1, round(width * S)) if outline else 0)

    def line(self, points: Sequence[Sequence[float]], fill: ColourLike = "black", width: float = 1,
             round_joints: bool = True) -> None:
        self.d.line(self._pts(points), fill=_c(fill), width=max(1, round(width * S)),
                    joint="curve" if round_joints else None)

    def arc(self, box: Box, start: float, end: float, fill: ColourLike = "black", width: float = 1) -> None:
        self.d.arc(self._box(box), start, end, fill=_c(fill), width=max(1, round(width * S)))

    def pieslice(self, box: Box, start: float, end: float, fill: ColourLike = None, outline: ColourLike = None) -> None:
        self.d.pieslice(self._box(box), start, end, fill=_c(fill), outline=_c(outline))

    def chord(self, box: Box, start: float, end: float, fill: ColourLike = None) -> None:
        self.d.chord(self._box(box), start, end, fill=_c(fill))

    # --- text ------------------------------------------------------------------------------
    def tw(self, text: str, face: str, size: float) -> float:
        """Width of one line of text in final pixels."""
        return text_width(face, round(size * S), clean(text)) / S

    def lh(self, face: str, size: float) -> float:
        return line_height(face, round(size * S)) / S

    def wrap(self, text: str, face: str, size: float, width: float) -> list[str]:
        return wrap(clean(text), face, round(size * S), int(width * S))

    def fit(self, text: str, face: str, width: float, start: float, minimum: float = MIN_TEXT) -> float:
        """Largest size <= start (not below minimum) at which text fits one line of `width`."""
        size = start
        while size > minimum and self.tw(text, face, size) > width:
            size = max(minimum, size - (2 if size > 30 else 1))
        return size

    def text(self, xy: Sequence[float], text: str, face: str = "sans", size: float = MIN_TEXT,
             fill: ColourLike = "black", anchor: str = "la") -> None:
        if _NO_TEXT.get():
            return
        self.d.text((round(xy[0] * S), round(xy[1] * S)), clean(text), font=font(face, round(size * S)),
                    fill=_c(fill), anchor=anchor)

    def text_line(self, box: Box, text: str, face: str = "sans", size: float = 32, fill: ColourLike = "black",
                  align: str = "center", minimum: float = MIN_TEXT) -> float:
        """One line, shrunk to fit the box width (ellipsized at the minimum); returns its size."""
        x0, y0, x1, y1 = box
        size = min(self.fit(text, face, x1 - x0, start=size, minimum=minimum), max(minimum, (y1 - y0) * 0.8))
        text = self._ellipsize(clean(text), face, size, x1 - x0)
        x = {"left": x0, "center": (x0 + x1) / 2, "right": x1}[align]
        anchor = {"left": "lm", "center": "mm", "right": "rm"}[align]
        self.text((x, (y0 + y1) / 2), text, face, size, fill, anchor=anchor)
        return size

    def _ellipsize(self, text: str, face: str, size: float, width: float) -> str:
        if self.tw(text, face, size) <= width:
            return text
        note_cut(text.rstrip("…"))
        while text and self.tw(text + "…", face, size) > width:
            text = text[:-1]
        return text + "…"

    def text_block(self, box: Box, lines: Union[str, Sequence[str]], face: str = "sans", size: float = 28,
                   fill: ColourLike = "black", align: str = "left", valign: str = "top",
                   minimum: float = MIN_TEXT, spacing: float = 1.2, para_gap: float = 0.35) -> float:
        """Wrap paragraphs into the box, shrinking from `size` to fit; returns the y below the text.

        Lines that still do not fit at the minimum size are left out (the last shown line ends
        with an ellipsis), so nothing is drawn outside the box.
        """
        paras = [lines] if isinstance(lines, str) else list(lines)
        size, wrapped = self._fit_block(box, paras, face, size, minimum, spacing, para_gap)
        return self._draw_block(box, wrapped, face, size, fill, align, valign, spacing, para_gap)

    def block_height(self, width: float, lines: Union[str, Sequence[str]], face: str, size: float,
                     max_height: float, minimum: float = MIN_TEXT, spacing: float = 1.2,
                     para_gap: float = 0.35) -> tuple[float, float]:
        """(size, height) that `text_block` would use for these lines in a box of this width."""
        paras = [lines] if isinstance(lines, str) else list(lines)
        size, wrapped = self._fit_block((0, 0, width, max_height), paras, face, size, minimum, spacing, para_gap)
        return size, min(max_height, self._block_height(wrapped, face, size, spacing, para_gap))

    def block_fits(self, width: float, lines: Union[str, Sequence[str]], face: str, size: float,
                   max_height: float, minimum: float = MIN_TEXT, spacing: float = 1.2, para_gap: float = 0.35) -> bool:
        """True when the lines fit the box at some size >= minimum (nothing cut)."""
        paras = [lines] if isinstance(lines, str) else list(lines)
        size, wrapped = self._fit_block((0, 0, width, max_height), paras, face, size, minimum, spacing, para_gap)
        return self._block_height(wrapped, face, size, spacing, para_gap) <= max_height + 0.01

    def _fit_block(self, box: Box, paras: list[str], face: str, size: float, minimum: float,
                   spacing: float, para_gap: float) -> tuple[float, list[list[str]]]:
        x0, y0, x1, y1 = box
        while True:
            wrapped = [self.wrap(p, face, size, x1 - x0) for p in paras]
            fits = self._block_height(wrapped, face, size, spacing, para_gap) <= (y1 - y0)
            if (fits and self._words_fit(paras, face, size, x1 - x0)) or size <= minimum:
                return size, wrapped
            size = max(minimum, size - (2 if size > 30 else 1))

    def _words_fit(self, paras: list[str], face: str, size: float, width: float) -> bool:
        """No word has to be broken across lines at this size."""
        return all(self.tw(word, face, size) <= width for p in paras for word in clean(p).split())

    def _block_height(self, wrapped: list[list[str]], face: str, size: float, spacing: float,
                      para_gap: float) -> float:
        step = self.lh(face, size) * spacing
        n = sum(len(p) for p in wrapped)
        return n * step + max(0, len(wrapped) - 1) * step * para_gap

    def _draw_block(self, box: Box, wrapped: list[list[str]], face: str, size: float, fill: ColourLike,
                    align: str, valign: str, spacing: float, para_gap: float) -> float:
        x0, y0, x1, y1 = box
        step = self.lh(face, size) * spacing
        height = min(self._block_height(wrapped, face, size, spacing, para_gap), y1 - y0)
        y = {"top": y0, "middle": (y0 + y1 - height) / 2, "bottom": y1 - height}[valign]
        anchor = {"left": "la", "center": "ma", "right": "ra"}[align]
        x = {"left": x0, "center": (x0 + x1) / 2, "right": x1}[align]
        for pi, para in enumerate(wrapped):
            for li, line in enumerate(para):
                last_fits = y + step * 2 <= y1 + 0.01
                if y + step > y1 + 0.01:
                    for rest in [" ".join(para[li:])] + [" ".join(p) for p in wrapped[pi + 1:]]:
                        note_cut(rest)
                    return y
                more = li < len(para) - 1 or pi < len(wrapped) - 1
                if more and not last_fits:
                    line = self._ellipsize(line + "…", face, size, x1 - x0)
                self.text((x, y), line, face, size, fill, anchor=anchor)
                y += step
            y += step * para_gap
        return y - step * para_gap

    # --- pictures --------------------------------------------------------------------------
    def emoji(self, char: str, center: Sequence[float], size: float) -> None:
        _emoji.paste(self.img, char, (center[0] * S, center[1] * S), round(size * S))

    def paste(self, picture: Image.Image, xy: Sequence[float]) -> None:
        """Paste a final-size RGB(A) picture at a final-pixel position."""
        big = picture.resize((picture.width * S, picture.height * S), Image.NEAREST)
        mask = big if big.mode == "RGBA" else None
        self.img.paste(big, (round(xy[0] * S), round(xy[1] * S)), mask)

    def clip(self, box: Box, radius: float = 0) -> "Clip":
        """A canvas for drawing inside `box` only (local coordinates); `merge()` it back."""
        return Clip(self, box, radius)

    def finish(self) -> Image.Image:
        return self.img.reduce(S)


class Clip(Canvas):
    """Drawing confined to a (rounded) box of a parent canvas, in coordinates local to the box."""

    def __init__(self, parent: Canvas, box: Box, radius: float = 0):
        x0, y0, x1, y1 = (round(v) for v in box)
        super().__init__(x1 - x0, y1 - y0)
        self.parent, self.origin, self.radius = parent, (x0, y0), radius
        self.img.paste(parent.img.crop((x0 * S, y0 * S, x1 * S, y1 * S)), (0, 0))

    def merge(self) -> None:
        mask = Image.new("L", self.img.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, self.img.width - 1, self.img.height - 1),
                                               radius=round(self.radius * S), fill=255)
        self.parent.img.paste(self.img, (self.origin[0] * S, self.origin[1] * S), mask)


def _c(colour: ColourLike) -> Optional[tuple]:
    if colour is None:
        return None
    if isinstance(colour, tuple):
        return colour
    return rgb(colour)
