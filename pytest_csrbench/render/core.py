"""Dispatch a validated spec to its kind's drawer; captions, composites and PNG encoding."""

from __future__ import annotations

import importlib
import io
from typing import Any, Callable

from PIL import Image

from .canvas import Canvas, rgb
from .spec import _Common, parse_spec

# kind -> "module:function"; each drawer takes (spec, w, h) and returns an RGB image of that size.
DRAWERS: dict[str, str] = {
    "sign": "signs:draw_sign",
    "label": "labels:draw_label",
    "shelf": "labels:draw_shelf",
    "document": "documents:draw_document",
    "screen": "screens:draw_screen",
    "card": "cards:draw_card",
    "banknote": "cards:draw_banknote",
    "receipt": "tables:draw_receipt",
    "form": "tables:draw_form",
    "table": "tables:draw_table",
    "bar_chart": "charts:draw_bar_chart",
    "line_chart": "charts:draw_line_chart",
    "scene": "scene:draw_scene",
    "people": "people:draw_people",
    "poster": "posters:draw_poster",
    "map": "maps:draw_map",
    "composite": "core:draw_composite",
}
CAPTION_BG = (34, 34, 38)


def drawer(kind: str) -> Callable[[Any, int, int], Image.Image]:
    module, func = DRAWERS[kind].split(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), func)


def render_spec(spec: _Common, w: int, h: int) -> Image.Image:
    """Draw a validated spec at (w, h), caption strip included."""
    cap_h = caption_height(spec.caption, w, h) if spec.caption else 0
    body = drawer(spec.kind)(spec, w, h - cap_h)
    if not cap_h:
        return body
    out = Image.new("RGB", (w, h), CAPTION_BG)
    out.paste(body, (0, 0))
    out.paste(draw_caption(spec.caption, w, cap_h), (0, h - cap_h))
    return out


def caption_height(text: str, w: int, h: int) -> int:
    c = Canvas(1, 1)
    lines = c.wrap(text, "bold", 24, w - 40)
    return int(min(len(lines), 3) * c.lh("bold", 24) * 1.2 + 28)


def draw_caption(text: str, w: int, h: int) -> Image.Image:
    c = Canvas(w, h, CAPTION_BG)
    c.text_block((20, 14, w - 20, h - 10), text, "bold", 24, fill="white", align="center", valign="middle")
    return c.finish()


def render_image(spec_dict: Any) -> Image.Image:
    """Validate and draw a spec mapping; returns an RGB image of the spec's size."""
    spec = parse_spec(spec_dict)
    w, h = spec.wh
    return render_spec(spec, w, h)


def text_overflow(spec_dict: Any) -> list[str]:
    """The texts of a spec that do not fit where they are drawn (cut with an ellipsis or left out)."""
    from .canvas import collect_cuts

    with collect_cuts() as cuts:
        render_image(spec_dict)
    return list(cuts)


def render_png(spec_dict: Any) -> bytes:
    """The spec as PNG bytes: same spec, same bytes (no metadata, fixed encoder settings)."""
    return encode_png(render_image(spec_dict))


def encode_png(img: Image.Image) -> bytes:
    """PNG bytes of the image as stored: a 256-colour palette image (see `stored_image`)."""
    buf = io.BytesIO()
    stored_image(img).save(buf, format="PNG", optimize=False, compress_level=9)
    return buf.getvalue()


def stored_image(img: Image.Image) -> Image.Image:
    """The image reduced to a 256-colour palette without dithering, as every bundled PNG is stored.

    The drawings are flat colours, text and emoji: a palette keeps them legible and keeps flat
    colours (the hallucination colour questions) while making the files about 3x smaller than
    RGB PNGs, so the pack can double without the wheel growing. Deterministic (fast octree).
    """
    if img.mode == "P":
        return img
    return img.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


# --- composite ----------------------------------------------------------------------------------

GAP = 12


def draw_composite(spec, w: int, h: int) -> Image.Image:
    out = Image.new("RGB", (w, h), rgb(spec.background, (236, 236, 236)))
    for panel, (x, y, pw, ph) in zip(spec.panels, panel_boxes(spec.layout, len(spec.panels), w, h)):
        out.paste(render_spec(panel, pw, ph), (x, y))
    return out


def panel_boxes(layout: str, n: int, w: int, h: int) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) of each panel, separated by GAP px."""
    if layout == "grid":
        cols, rows = (2, 1) if n == 2 else (2, 2)
    elif layout == "column":
        cols, rows = 1, n
    else:
        cols, rows = n, 1
    pw = (w - GAP * (cols + 1)) // cols
    ph = (h - GAP * (rows + 1)) // rows
    return [(GAP + (i % cols) * (pw + GAP), GAP + (i // cols) * (ph + GAP), pw, ph) for i in range(n)]
