"""Emoji pictograms from the bundled Noto Color Emoji (a CBDT bitmap font, only loadable at 109 px).

Each emoji is drawn once at 109 px, cropped to its pixels and cached; callers get it resized
with LANCZOS to the size they need (also cached).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from PIL import Image, ImageDraw, ImageFont, features

from .fonts import FONT_DIR

EMOJI_FILE = FONT_DIR / "NotoColorEmoji.ttf"
NATIVE = 109  # the only size the bitmap strikes load at
_MAX_SINGLE_WIDTH = 150  # one glyph is ~136 px wide at 109; two glyphs are twice that


@lru_cache(maxsize=1)
def _font() -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(EMOJI_FILE), NATIVE, layout_engine=layout)


@lru_cache(maxsize=1024)
def _native(emoji: str) -> Optional[Image.Image]:
    """The glyph drawn at 109 px and cropped to its pixels, or None if the font lacks it."""
    if not emoji or not any(ord(ch) >= 0x2000 for ch in emoji):
        return None
    f = _font()
    if f.layout_engine == ImageFont.Layout.BASIC:  # no shaping: drop variation selectors at least
        emoji = emoji.replace("\ufe0f", "")
    left, top, right, bottom = f.getbbox(emoji)
    if bottom - top <= 0 or right - left > _MAX_SINGLE_WIDTH:
        return None
    canvas = Image.new("RGBA", (right + 4, bottom + 4), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).text((0, 0), emoji, font=f, embedded_color=True)
    box = canvas.getchannel("A").getbbox()
    return canvas.crop(box) if box else None


def is_drawable(emoji: str) -> bool:
    """True when the text is one emoji the bundled font has a picture for."""
    return _native(emoji) is not None


@lru_cache(maxsize=2048)
def glyph(emoji: str, size: int) -> Image.Image:
    """The emoji as RGBA, scaled so its longer side is `size` px."""
    native = _native(emoji)
    if native is None:
        raise ValueError(f"{emoji!r} is not an emoji the bundled font can draw")
    w, h = native.size
    scale = size / max(w, h)
    return native.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.LANCZOS)


def paste(img: Image.Image, emoji: str, center: tuple[float, float], size: int) -> tuple[int, int, int, int]:
    """Draw an emoji centred at a point; returns the box it occupies."""
    g = glyph(emoji, int(size))
    x = int(round(center[0] - g.width / 2))
    y = int(round(center[1] - g.height / 2))
    img.paste(g, (x, y), g)
    return (x, y, x + g.width, y + g.height)
