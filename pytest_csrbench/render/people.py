"""`people`: 1-4 drawn figures in a row over a simple setting, each captioned underneath."""

from __future__ import annotations

from .canvas import Canvas, note_cut, rgb, shade
from .figures import draw_figure

FLOOR = {"office": (170, 150, 125), "street": (150, 150, 155), "classroom": (185, 150, 110),
         "clinic": (215, 220, 222), "shop": (200, 190, 170), "park": (110, 170, 80), "stage": (120, 70, 40),
         "none": (225, 227, 230)}
WALL = {"office": (232, 226, 212), "street": (176, 206, 232), "classroom": (240, 232, 205),
        "clinic": (214, 238, 236), "shop": (246, 236, 220), "park": (170, 215, 245), "stage": (40, 30, 45),
        "none": (244, 245, 247)}


def draw_people(spec, w: int, h: int):
    bg = WALL[spec.setting] if spec.background is None else rgb(spec.background)
    c = Canvas(w, h, bg)
    n = len(spec.figures)
    slot_w = w / n
    label_h = _label_height(c, spec, slot_w, h)
    floor_y = h - label_h
    _setting(c, spec.setting, w, floor_y, bg, n)
    for i, fig in enumerate(spec.figures):
        x0 = i * slot_w
        fig_box = (x0 + slot_w * 0.08, floor_y * 0.1, x0 + slot_w * 0.92, floor_y - 6)
        draw_figure(c, fig, fig_box)
    c.rect((0, floor_y, w, h), fill=(252, 252, 252))
    c.line([(0, floor_y), (w, floor_y)], fill=(150, 150, 150), width=2)
    for i, fig in enumerate(spec.figures):
        _labels(c, fig, (i * slot_w + 8, floor_y + 8, (i + 1) * slot_w - 8, h - 6))
        if i:
            c.line([(i * slot_w, floor_y + 10), (i * slot_w, h - 10)], fill=(215, 215, 215), width=1.5)
    return c.finish()


def _texts(fig) -> list[tuple[str, str, float]]:
    """(text, face, size) lines shown under a figure."""
    out = []
    if fig.name:
        out.append((fig.name, "bold", 28))
    if fig.caption:
        out.append((fig.caption, "sans", 23))
    if fig.action:
        out.append((fig.action, "italic", 22))
    return out


def _label_height(c: Canvas, spec, slot_w: float, h: int) -> float:
    """Height of the caption band: enough for the longest figure's wrapped texts."""
    need = 0.0
    for fig in spec.figures:
        total = 16.0
        for text, face, size in _texts(fig):
            total += len(c.wrap(text, face, size, slot_w - 20)) * c.lh(face, size) * 1.12 + 4
        need = max(need, total)
    return min(max(need, 56.0), h * 0.34)


def _labels(c: Canvas, fig, box) -> None:
    x0, y0, x1, y1 = box
    y = y0
    for text, face, size in _texts(fig):
        if y1 - y < 20:
            note_cut(text)
            break
        _, height = c.block_height(x1 - x0, text, face, size, y1 - y, spacing=1.12)
        c.text_block((x0, y, x1, y + height + 1), text, face, size, (25, 25, 30) if face == "bold" else (60, 60, 65),
                     align="center", spacing=1.12)
        y += height + 4


def _setting(c: Canvas, setting: str, w: int, floor_y: float, wall, n: int) -> None:
    if setting == "none":
        return
    floor_top = floor_y - floor_y * 0.16
    c.rect((0, floor_top, w, floor_y), fill=FLOOR[setting])
    SETTING_DETAIL.get(setting, lambda *a: None)(c, w, floor_top, wall, n)


def _office(c: Canvas, w, floor_top, wall, n) -> None:
    for i in range(2):
        x = w * (0.12 + 0.55 * i)
        c.rect((x, floor_top * 0.12, x + w * 0.22, floor_top * 0.52), fill=(180, 215, 240), outline=(240, 240, 240),
               width=6)
        c.line([(x + w * 0.11, floor_top * 0.12), (x + w * 0.11, floor_top * 0.52)], fill=(240, 240, 240), width=4)
    c.rect((w * 0.44, floor_top * 0.2, w * 0.56, floor_top * 0.45), fill=(90, 140, 90), outline=(120, 90, 60), width=4)


def _street(c: Canvas, w, floor_top, wall, n) -> None:
    for i in range(6):
        bx = i * w / 6
        top = floor_top * (0.18 + 0.12 * (i % 3))
        colour = [(200, 170, 150), (170, 180, 195), (210, 200, 170)][i % 3]
        c.rect((bx + 4, top, bx + w / 6 - 4, floor_top), fill=colour)
        for r in range(3):
            for k in range(2):
                wx = bx + 16 + k * (w / 12)
                wy = top + 18 + r * 52
                if wy + 30 < floor_top - 10:
                    c.rect((wx, wy, wx + 22, wy + 30), fill=(120, 150, 180))


def _classroom(c: Canvas, w, floor_top, wall, n) -> None:
    c.rect((w * 0.15, floor_top * 0.1, w * 0.85, floor_top * 0.5), fill=(40, 85, 60), outline=(140, 100, 60), width=8)
    c.line([(w * 0.2, floor_top * 0.2), (w * 0.45, floor_top * 0.2)], fill=(220, 230, 220), width=3)
    c.line([(w * 0.2, floor_top * 0.28), (w * 0.38, floor_top * 0.28)], fill=(220, 230, 220), width=3)


def _clinic(c: Canvas, w, floor_top, wall, n) -> None:
    cx, cy, s = w * 0.5, floor_top * 0.22, floor_top * 0.07
    c.rect((cx - s * 2.2, cy - s * 2.2, cx + s * 2.2, cy + s * 2.2), fill="white", radius=8)
    c.rect((cx - s * 0.6, cy - s * 1.8, cx + s * 0.6, cy + s * 1.8), fill=(210, 40, 50))
    c.rect((cx - s * 1.8, cy - s * 0.6, cx + s * 1.8, cy + s * 0.6), fill=(210, 40, 50))
    c.rect((0, floor_top * 0.6, w, floor_top * 0.64), fill=shade(wall, 0.9))


def _shop(c: Canvas, w, floor_top, wall, n) -> None:
    colours = [(220, 80, 60), (60, 140, 200), (240, 190, 50), (90, 170, 90), (160, 90, 170)]
    for row in range(3):
        y = floor_top * (0.15 + 0.22 * row)
        c.rect((0, y + 40, w, y + 48), fill=(150, 110, 80))
        for k in range(int(w // 40)):
            col = colours[(k * 3 + row) % len(colours)]
            c.rect((k * 40 + 6, y + 8, k * 40 + 32, y + 40), fill=col, radius=3)


def _park(c: Canvas, w, floor_top, wall, n) -> None:
    """Grass and small trees in the gaps between the figures (never behind one)."""
    c.rect((0, floor_top * 0.72, w, floor_top), fill=(130, 190, 95))
    r = min(floor_top * 0.1, w / n * 0.18)
    for k in range(n + 1):
        x = w * k / n
        c.rect((x - r * 0.14, floor_top * 0.55, x + r * 0.14, floor_top * 0.8), fill=(120, 85, 50))
        c.circle(x, floor_top * 0.5, r, fill=(60, 140, 60))


def _stage(c: Canvas, w, floor_top, wall, n) -> None:
    for side in (0, 1):
        x = 0 if side == 0 else w * 0.86
        c.rect((x, 0, x + w * 0.14, floor_top), fill=(150, 20, 35))
        for k in range(4):
            fx = x + w * 0.035 * (k + 0.5)
            c.line([(fx, 0), (fx, floor_top)], fill=(120, 10, 25), width=4)
    c.rect((0, 0, w, floor_top * 0.08), fill=(150, 20, 35))
    c.polygon([(w * 0.4, 0), (w * 0.6, 0), (w * 0.8, floor_top), (w * 0.2, floor_top)], fill=(70, 60, 75))


SETTING_DETAIL = {"office": _office, "street": _street, "classroom": _classroom, "clinic": _clinic, "shop": _shop,
                  "park": _park, "stage": _stage}
