"""`scene`: objects (emoji or drawn things) on a 3x3 grid over a plain backdrop.

Backdrops are colour bands and textures only (no objects), so the objects listed in the spec
are exactly the objects in the picture: hallucination cases rely on that.
"""

from __future__ import annotations

import math

from . import things
from .canvas import Canvas, note_cut, rgb, shade

# setting -> (upper colour, lower colour, where the lower band starts as a fraction of height)
BACKDROP = {
    "none": ((246, 246, 244), (246, 246, 244), 1.0),
    "indoor": ((236, 228, 214), (190, 160, 125), 0.62),
    "room": ((214, 228, 236), (176, 140, 105), 0.62),
    "kitchen": ((240, 240, 232), (205, 190, 165), 0.6),
    "desk": ((225, 228, 232), (172, 128, 88), 0.4),
    "shop": ((246, 238, 222), (205, 205, 200), 0.64),
    "workshop": ((200, 200, 196), (150, 140, 128), 0.6),
    "outdoor": ((180, 215, 245), (140, 195, 105), 0.55),
    "park": ((176, 214, 246), (120, 186, 90), 0.5),
    "garden": ((186, 222, 248), (110, 160, 80), 0.5),
    "field": ((190, 222, 250), (200, 190, 110), 0.5),
    "street": ((186, 212, 236), (120, 122, 128), 0.6),
    # Added for the wordless ("depicted") track: places whose look is part of the cue.
    "night": ((28, 34, 66), (52, 56, 62), 0.62),
    "bathroom": ((222, 236, 240), (205, 215, 220), 0.6),
    "bedroom": ((232, 222, 240), (170, 130, 100), 0.62),
    "playground": ((180, 215, 245), (214, 190, 140), 0.55),
    "water": ((180, 215, 245), (70, 130, 190), 0.5),
    "ice": ((200, 222, 240), (222, 238, 248), 0.5),
    "school": ((238, 232, 210), (190, 160, 125), 0.62),
}
LABEL_SIZE = 24


def draw_scene(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, BACKDROP[spec.setting][0]))
    _backdrop(c, spec.setting, w, h)
    cols, rows = visible_range([o.cell[0] for o in spec.objects]), visible_range([o.cell[1] for o in spec.objects])
    cw, ch = w / len(cols), h / len(rows)
    for obj in spec.objects:
        col, row = cols.index(obj.cell[0]), rows.index(obj.cell[1])
        _draw_object(c, obj, (col * cw, row * ch, (col + 1) * cw, (row + 1) * ch), max_size=min(w, h) * 0.6)
    return c.finish()


def visible_range(used: list[int]) -> list[int]:
    """Grid lines (0..2) to lay out: the used ones, widened to be symmetric about the middle.

    Empty outer rows or columns are dropped only in pairs, so "left", "center", "top"... keep
    their meaning while a lone centred object (or a single row) gets the room it needs.
    """
    lo, hi = min(used), max(used)
    lo, hi = min(lo, 2 - hi), max(hi, 2 - lo)
    return list(range(lo, hi + 1))


def _backdrop(c: Canvas, setting: str, w: int, h: int) -> None:
    upper, lower, split = BACKDROP[setting]
    if split >= 1.0:
        return
    y = h * split
    c.rect((0, y, w, h), fill=lower)
    c.line([(0, y), (w, y)], fill=shade(lower, 0.85), width=3)
    TEXTURE.get(setting, lambda *a: None)(c, w, h, y, lower)


def _floorboards(c: Canvas, w, h, y, colour) -> None:
    k = 1
    while y + k * 34 < h:
        c.line([(0, y + k * 34), (w, y + k * 34)], fill=shade(colour, 0.9), width=2)
        k += 1


def _tiles(c: Canvas, w, h, y, colour) -> None:
    step = 48
    for x in range(0, int(w) + step, step):
        c.line([(x, 0), (x, y)], fill=(225, 225, 216), width=2)
    yy = step
    while yy < y:
        c.line([(0, yy), (w, yy)], fill=(225, 225, 216), width=2)
        yy += step


def _road(c: Canvas, w, h, y, colour) -> None:
    c.rect((0, y, w, y + 18), fill=(175, 175, 170))
    mid = (y + 18 + h) / 2
    for x in range(10, int(w), 90):
        c.rect((x, mid - 4, x + 50, mid + 4), fill=(245, 245, 240))


def _grass(c: Canvas, w, h, y, colour) -> None:
    for k in range(int(w // 28)):
        x = 14 + k * 28
        yy = y + 14 + (k * 37 % 5) * 14
        if yy < h - 6:
            c.line([(x, yy), (x + 4, yy - 9)], fill=shade(colour, 0.85), width=2)


def _waves(c: Canvas, w, h, y, colour) -> None:
    k = 1
    while y + k * 40 < h:
        yy = y + k * 40
        for x in range(0, int(w), 60):
            c.line([(x, yy), (x + 30, yy - 8), (x + 60, yy)], fill=shade(colour, 1.15), width=3)
        k += 1


def _cracks(c: Canvas, w, h, y, colour) -> None:
    """Thin ice: a few dark cracks radiating over the pale surface."""
    cx, cy = w * 0.5, y + (h - y) * 0.5
    for dx, dy in ((-0.3, -0.2), (0.25, -0.25), (0.35, 0.2), (-0.2, 0.3), (0.05, 0.35)):
        c.line([(cx, cy), (cx + dx * w * 0.5, cy + dy * (h - y))], fill=(120, 150, 175), width=3)


def _night_sky(c: Canvas, w, h, y, colour) -> None:
    for k in range(14):
        sx, sy = (37 + k * 97) % int(w), 20 + (k * 53) % max(1, int(y * 0.8))
        c.rect((sx, sy, sx + 3, sy + 3), fill=(235, 235, 200))


TEXTURE = {"indoor": _floorboards, "room": _floorboards, "desk": _floorboards, "kitchen": _floorboards,
           "street": _road, "park": _grass, "garden": _grass, "outdoor": _grass, "field": _grass,
           "bedroom": _floorboards, "school": _floorboards, "bathroom": _tiles, "water": _waves, "ice": _cracks,
           "night": _night_sky}


def _draw_object(c: Canvas, obj, cell, max_size: float) -> None:
    x0, y0, x1, y1 = cell
    pad = min(x1 - x0, y1 - y0) * (0.06 if obj.count == 1 else 0.1)  # groups stay apart
    label_h = _label_height(c, obj.label, x1 - x0 - 2 * pad) if obj.label else 0
    area = (x0 + pad, y0 + pad, x1 - pad, y1 - pad - label_h)
    for (cx, cy), size in copy_positions(obj.count, area):
        size = min(size, max_size)
        if obj.thing:
            things.draw_thing(c, obj.thing, cx, cy, size, obj.color, obj.time)
        else:
            c.emoji(obj.icon, (cx, cy), size)
    if obj.label:
        _label(c, obj.label, (x0 + pad, y1 - pad - label_h, x1 - pad, y1 - pad * 0.5))


def copy_positions(count: int, area) -> list[tuple[tuple[float, float], float]]:
    """Centres and sizes of `count` copies laid out on a small grid inside the area, well apart."""
    x0, y0, x1, y1 = area
    cols = math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols)
    if (x1 - x0) < (y1 - y0) * 0.8 and cols > rows:
        cols, rows = rows, cols
    sw, sh = (x1 - x0) / cols, (y1 - y0) / rows
    size = min(sw, sh) * (0.86 if count == 1 else 0.8)
    out = []
    for i in range(count):
        r, k = divmod(i, cols)
        in_row = min(cols, count - r * cols)
        offset = (cols - in_row) * sw / 2  # centre an incomplete last row
        out.append(((x0 + offset + sw * (k + 0.5), y0 + sh * (r + 0.5)), size))
    return out


def _label_height(c: Canvas, text: str, width: float) -> float:
    lines = c.wrap(text, "bold", LABEL_SIZE, width - 16)
    return min(2, len(lines)) * c.lh("bold", LABEL_SIZE) * 1.1 + 14


def _label(c: Canvas, text: str, box) -> None:
    x0, y0, x1, y1 = box
    lines = c.wrap(text, "bold", LABEL_SIZE, x1 - x0 - 16)
    if len(lines) > 2:
        note_cut(text)
        lines = lines[:2]
    tw = max(c.tw(line, "bold", LABEL_SIZE) for line in lines) + 20
    cx = (x0 + x1) / 2
    c.rect((cx - tw / 2, y0 + 2, cx + tw / 2, y1), fill=(255, 255, 255), outline=(90, 90, 95), width=1.5, radius=8)
    c.text_block((x0 + 8, y0 + 6, x1 - 8, y1), text, "bold", LABEL_SIZE, (25, 25, 30), align="center",
                 spacing=1.1, minimum=LABEL_SIZE - 4)
