"""`sign`: a wall or post sign in the familiar styles (warning, danger, info, prohibition, ...)."""

from __future__ import annotations

from .canvas import Canvas, rgb, shade
from .texts import SIGN_HEADERS

WALL = (214, 219, 224)
YELLOW = (250, 204, 21)
RED = (200, 30, 35)
BLUE = (20, 80, 170)
GREEN = (0, 130, 70)
STYLE = {  # plate fill, border, text colour, header band colour, header text colour
    "warning": (YELLOW, (20, 20, 20), (20, 20, 20), None, (20, 20, 20)),
    "danger": ((255, 255, 255), (20, 20, 20), (20, 20, 20), (20, 20, 20), (255, 255, 255)),
    "info": (BLUE, (255, 255, 255), (255, 255, 255), None, None),
    "prohibition": ((255, 255, 255), RED, (20, 20, 20), None, None),
    "notice": ((255, 255, 255), (20, 20, 20), (20, 20, 20), BLUE, (255, 255, 255)),
    "safety": ((255, 255, 255), GREEN, (20, 20, 20), GREEN, (255, 255, 255)),
}


def draw_sign(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, WALL))
    fill, border, ink, _, _ = STYLE[spec.style]
    m = round(min(w, h) * 0.05)
    plate = (m, m, w - m, h - m)
    c.rect((plate[0] + 6, plate[1] + 8, plate[2] + 6, plate[3] + 8), fill=shade(rgb(spec.background, WALL), 0.8),
           radius=22)
    c.rect(plate, fill=fill, outline=border, width=max(8, m * 0.3), radius=22)
    inner = (plate[0] + m * 0.6, plate[1] + m * 0.6, plate[2] - m * 0.6, plate[3] - m * 0.6)
    _screws(c, plate)
    top = _header(c, spec.style, inner)
    _body(c, spec, (inner[0], top, inner[2], inner[3]), ink)
    return c.finish()


def _screws(c: Canvas, plate) -> None:
    for x, y in ((plate[0] + 18, plate[1] + 18), (plate[2] - 18, plate[1] + 18),
                 (plate[0] + 18, plate[3] - 18), (plate[2] - 18, plate[3] - 18)):
        c.circle(x, y, 6, fill=(170, 170, 175), outline=(90, 90, 95), width=1.5)


def _header(c: Canvas, style: str, inner) -> float:
    """Draw the header band (DANGER, WARNING, NOTICE...); returns the y where the body starts."""
    word = SIGN_HEADERS.get(style)
    if not word:
        return inner[1]
    x0, y0, x1, y1 = inner
    band_h = (y1 - y0) * 0.17
    band = (x0, y0, x1, y0 + band_h)
    _, _, _, band_fill, band_ink = STYLE[style]
    if style == "danger":
        c.rect(band, fill=band_fill, radius=8)
        pill_w = min(x1 - x0 - 20, c.tw(word, "bold", band_h * 0.55) + band_h * 1.2)
        cx = (x0 + x1) / 2
        pill = (cx - pill_w / 2, y0 + band_h * 0.12, cx + pill_w / 2, y0 + band_h * 0.88)
        c.ellipse(pill, fill=RED)
        c.text_line(pill, word, "bold", band_h * 0.55, fill="white")
    elif style == "warning":
        tri = band_h * 0.8
        tw = c.tw(word, "bold", band_h * 0.62)
        left = (x0 + x1) / 2 - (tw + tri * 1.25) / 2
        _triangle(c, (left, y0 + band_h * 0.1, left + tri * 1.1, y0 + band_h * 0.9), (20, 20, 20), YELLOW)
        c.text((left + tri * 0.55, y0 + band_h * 0.62), "!", "bold", tri * 0.5, fill=(20, 20, 20), anchor="mm")
        c.text_line((left + tri * 1.25, y0, x1, y0 + band_h), word, "bold", band_h * 0.62, fill=band_ink,
                    align="left")
        c.line([(x0, y0 + band_h), (x1, y0 + band_h)], fill=(20, 20, 20), width=4)
    else:
        c.rect(band, fill=band_fill, radius=8)
        c.text_line(band, word, "bold", band_h * 0.6, fill=band_ink)
    return y0 + band_h + 14


def _body(c: Canvas, spec, box, ink) -> None:
    """Icon, title and lines, as large as fits, centred vertically as one group."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    has_icon = bool(spec.icon) or spec.style in ("warning", "prohibition", "info")
    icon_h = height * (0.34 if spec.lines else 0.45) if has_icon else 0
    gap = 18
    title = spec.title.upper()
    t_size, t_h = c.block_height(width - 20, title, "bold", 80, (height - icon_h) * (0.5 if spec.lines else 0.9),
                                 minimum=26, spacing=1.1)
    l_size, l_h = 0, 0
    if spec.lines:
        l_size, l_h = c.block_height(width - 32, spec.lines, "sans", 46, height - icon_h - t_h - gap * 2.5,
                                     spacing=1.2, para_gap=0.15)
    total = icon_h + (gap if icon_h else 0) + t_h + (gap + l_h if spec.lines else 0)
    y = y0 + max(0, (height - total) / 2)
    if has_icon:
        _icon(c, spec, ((x0 + x1) / 2, y + icon_h / 2), icon_h * 0.92)
        y += icon_h + gap
    c.text_block((x0 + 10, y, x1 - 10, y + t_h + 1), title, "bold", t_size, ink, align="center", spacing=1.1)
    if spec.lines:
        y += t_h + gap
        c.text_block((x0 + 16, y, x1 - 16, y + l_h + 1), spec.lines, "sans", l_size, ink, align="center",
                     para_gap=0.15)


def _icon(c: Canvas, spec, center, size: float) -> None:
    cx, cy = center
    if spec.style == "prohibition" or spec.crossed:
        r = size / 2
        if spec.style == "prohibition":
            c.circle(cx, cy, r, fill="white")
        if spec.icon:
            c.emoji(spec.icon, center, size * 0.62)
        _circle_slash(c, cx, cy, r)
    elif spec.icon:
        if spec.style == "info":
            c.rect((cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2), fill="white", radius=size * 0.12)
        elif spec.style == "warning":
            c.circle(cx, cy, size / 2, fill="white", outline=(20, 20, 20), width=5)
        c.emoji(spec.icon, center, size * 0.8)
    elif spec.style == "warning":
        _triangle(c, (cx - size * 0.58, cy - size * 0.5, cx + size * 0.58, cy + size * 0.5), (20, 20, 20), YELLOW)
        c.text((cx, cy + size * 0.12), "!", "bold", size * 0.5, fill=(20, 20, 20), anchor="mm")
    elif spec.style == "info":
        c.circle(cx, cy, size * 0.42, fill="white")
        c.text((cx, cy), "i", "bold", size * 0.55, fill=BLUE, anchor="mm")


def _triangle(c: Canvas, box, edge, fill) -> None:
    x0, y0, x1, y1 = box
    pts = [((x0 + x1) / 2, y0), (x1, y1), (x0, y1)]
    c.polygon(pts, fill=edge)
    k = (y1 - y0) * 0.14
    inner = [((x0 + x1) / 2, y0 + k * 1.6), (x1 - k * 1.5, y1 - k * 0.75), (x0 + k * 1.5, y1 - k * 0.75)]
    c.polygon(inner, fill=fill)


def _circle_slash(c: Canvas, cx: float, cy: float, r: float) -> None:
    ring = max(6, r * 0.14)
    c.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=ring)
    d = (r - ring / 2) * 0.7071
    c.line([(cx - d, cy - d), (cx + d, cy + d)], fill=RED, width=ring)
