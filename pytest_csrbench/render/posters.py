"""`poster`: ads, flyers, political and event posters, historic bills, warnings, film and book covers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .canvas import Canvas, ink_for, rgb, shade


@dataclass(frozen=True)
class Look:
    bg: tuple
    accent: tuple
    head_face: str = "bold"
    body_face: str = "sans"
    upper: bool = True


LOOKS = {
    "ad": Look((255, 214, 40), (210, 30, 40)),
    "flyer": Look((255, 255, 255), (20, 110, 180)),
    "political": Look((24, 44, 100), (205, 35, 45)),
    "event": Look((48, 20, 80), (255, 200, 40)),
    "historic": Look((236, 222, 186), (120, 40, 30), "serif_bold", "serif"),
    "warning": Look((250, 204, 21), (20, 20, 20)),
    "movie": Look((18, 18, 24), (230, 60, 40), "serif_bold", "sans"),
    "book": Look((40, 80, 90), (240, 200, 120), "serif_bold", "serif", upper=False),
}


def draw_poster(spec, w: int, h: int):
    look = LOOKS[spec.style]
    bg = rgb(spec.palette[0]) if spec.palette else look.bg
    accent = rgb(spec.palette[1]) if spec.palette else look.accent
    c = Canvas(w, h, rgb(spec.background, bg) if spec.background and not spec.palette else bg)
    inner = _decorate(c, spec.style, w, h, bg, accent)
    _content(c, spec, look, inner, bg, accent)
    return c.finish()


def _decorate(c: Canvas, style: str, w: int, h: int, bg, accent):
    """Style furniture (borders, stripes, spine); returns the content box."""
    if style == "warning":
        clip = c.clip((0, 0, w, h))
        for k in range(-2, int((w + h) // 60) + 2):
            x = k * 60
            clip.polygon([(x, 0), (x + 30, 0), (x + 30 - h, h), (x - h, h)], fill=(20, 20, 20))
        clip.merge()
        c.rect((34, 34, w - 34, h - 34), fill=bg)
        return (56, 50, w - 56, h - 50)
    if style == "historic":
        c.rect((18, 18, w - 18, h - 18), outline=accent, width=5)
        c.rect((30, 30, w - 30, h - 30), outline=accent, width=1.5)
        return (54, 48, w - 54, h - 48)
    if style == "political":
        for k in range(3):
            c.rect((0, h - 22 - k * 26, w, h - 10 - k * 26), fill=accent if k % 2 == 0 else (245, 245, 245))
        return (40, 36, w - 40, h - 100)
    if style == "book":
        c.rect((0, 0, 30, h), fill=shade(bg, 0.6))
        c.line([(34, 0), (34, h)], fill=shade(bg, 1.3), width=3)
        c.rect((64, 40, w - 30, h - 40), outline=accent, width=2)
        return (84, 60, w - 50, h - 60)
    if style == "flyer":
        c.rect((0, 0, w, h * 0.3), fill=accent)
        return (40, 30, w - 40, h - 30)
    if style == "event":
        for k in range(12):
            c.circle(w * (0.06 + 0.08 * k), h - 22 - 10 * (k % 2), 6 + 2 * (k % 3), fill=accent)
    return (40, 36, w - 40, h - 36)


def _content(c: Canvas, spec, look: Look, box, bg, accent) -> None:
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    head = spec.headline.upper() if look.upper else spec.headline
    head_ink = (255, 255, 255) if spec.style == "flyer" else (accent if _contrast(accent, bg) else ink_for(bg))
    body_ink = ink_for(bg)
    pic = min(height * 0.3, width * 0.5) if (spec.emblem or spec.icon) else 0
    h_size, h_h = c.block_height(width, head, look.head_face, 96, height * 0.3, minimum=30, spacing=1.05)
    s_size, s_h = c.block_height(width, spec.subline, look.body_face, 42, height * 0.14, minimum=22) \
        if spec.subline else (0, 0)
    l_avail = max(0, height - h_h - s_h - pic - 60)
    l_size, l_h = c.block_height(width, spec.lines, look.body_face, 36, l_avail, para_gap=0.2) \
        if spec.lines else (0, 0)
    order = ["pic", "head", "sub", "lines"] if spec.style == "movie" else ["head", "sub", "pic", "lines"]
    if spec.style == "book":
        order = ["head", "pic", "lines", "sub"]
    parts = {"head": h_h, "sub": s_h, "pic": pic, "lines": l_h}
    gaps = 20 * (sum(1 for k in order if parts[k]) - 1)
    y = y0 + max(0, (height - sum(parts.values()) - gaps) / 2) if spec.style != "flyer" else y0
    if spec.style == "flyer":
        y = y0 + max(0, (c.h * 0.3 - 30 - h_h) / 2)
    for key in order:
        if not parts[key]:
            continue
        if key == "head":
            c.text_block((x0, y, x1, y + h_h + 1), head, look.head_face, h_size, head_ink, align="center",
                         spacing=1.05)
        elif key == "sub":
            c.text_block((x0, y, x1, y + s_h + 1), spec.subline, look.body_face, s_size,
                         body_ink if spec.style != "flyer" else (30, 30, 35), align="center")
        elif key == "pic":
            _picture(c, spec, ((x0 + x1) / 2, y + pic / 2), pic, accent)
        else:
            c.text_block((x0, y, x1, y + l_h + 1), spec.lines, look.body_face, l_size,
                         body_ink if spec.style != "flyer" else (30, 30, 35), align="center", para_gap=0.2)
        y += parts[key] + 20
        if spec.style == "flyer" and key == "head":
            y = max(y, c.h * 0.3 + 24)


def _contrast(a, b) -> bool:
    la = 0.299 * a[0] + 0.587 * a[1] + 0.114 * a[2]
    lb = 0.299 * b[0] + 0.587 * b[1] + 0.114 * b[2]
    return abs(la - lb) > 90


def _picture(c: Canvas, spec, center, size: float, accent) -> None:
    if spec.emblem and spec.icon:
        draw_emblem(c, spec.emblem, (center[0] - size * 0.55, center[1]), size)
        c.emoji(spec.icon, (center[0] + size * 0.55, center[1]), size * 0.85)
    elif spec.emblem:
        draw_emblem(c, spec.emblem, center, size)
    else:
        c.emoji(spec.icon, center, size)


def draw_emblem(c: Canvas, emblem, center, size: float) -> None:
    """A flat symbol (star, shield, sun...) in the emblem's colour, with its text across it."""
    cx, cy = center
    r = size / 2
    colour = rgb(emblem.color)
    edge = shade(colour, 0.55)
    EMBLEMS[emblem.shape](c, cx, cy, r, colour, edge)
    if emblem.text:
        ink = ink_for(colour)
        c.text_block((cx - r * 0.72, cy - r * 0.3, cx + r * 0.72, cy + r * 0.3), emblem.text, "bold", r * 0.34,
                     ink, align="center", valign="middle", spacing=1.0)


def _star_points(cx, cy, r, points=5, inner=0.45, turn=-math.pi / 2):
    pts = []
    for k in range(points * 2):
        rr = r if k % 2 == 0 else r * inner
        a = turn + k * math.pi / points
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def _e_star(c, cx, cy, r, col, edge):
    c.polygon(_star_points(cx, cy + r * 0.06, r), fill=col, outline=edge, width=3)


def _e_circle(c, cx, cy, r, col, edge):
    c.circle(cx, cy, r, fill=col, outline=edge, width=4)
    c.circle(cx, cy, r * 0.82, outline=shade(col, 1.3), width=3)


def _e_shield(c, cx, cy, r, col, edge):
    pts = [(cx - r * 0.8, cy - r * 0.9), (cx + r * 0.8, cy - r * 0.9), (cx + r * 0.8, cy + r * 0.1),
           (cx, cy + r), (cx - r * 0.8, cy + r * 0.1)]
    c.polygon(pts, fill=col, outline=edge, width=4)


def _e_triangle(c, cx, cy, r, col, edge):
    c.polygon([(cx, cy - r), (cx + r * 0.95, cy + r * 0.75), (cx - r * 0.95, cy + r * 0.75)], fill=col,
              outline=edge, width=4)


def _e_sun(c, cx, cy, r, col, edge):
    c.polygon(_star_points(cx, cy, r, points=12, inner=0.72), fill=col, outline=edge, width=2)
    c.circle(cx, cy, r * 0.6, fill=shade(col, 1.15), outline=edge, width=2)


def _e_bolt(c, cx, cy, r, col, edge):
    pts = [(cx + r * 0.2, cy - r), (cx - r * 0.55, cy + r * 0.1), (cx - r * 0.05, cy + r * 0.1),
           (cx - r * 0.25, cy + r), (cx + r * 0.55, cy - r * 0.15), (cx + r * 0.05, cy - r * 0.15)]
    c.polygon(pts, fill=col, outline=edge, width=3)


def _e_wheel(c, cx, cy, r, col, edge):
    c.circle(cx, cy, r, outline=col, width=r * 0.14)
    for k in range(8):
        a = k * math.pi / 4
        c.line([(cx, cy), (cx + r * 0.9 * math.cos(a), cy + r * 0.9 * math.sin(a))], fill=col, width=r * 0.08)
    c.circle(cx, cy, r * 0.18, fill=col)


def _e_hand(c, cx, cy, r, col, edge):
    c.rect((cx - r * 0.55, cy - r * 0.15, cx + r * 0.45, cy + r * 0.85), fill=col, outline=edge, width=3,
           radius=r * 0.2)
    for k in range(4):
        fx = cx - r * 0.5 + k * r * 0.25
        c.rect((fx, cy - r * (0.95 - 0.08 * abs(k - 1.5)), fx + r * 0.2, cy), fill=col, outline=edge, width=3,
               radius=r * 0.1)
    c.polygon([(cx + r * 0.4, cy + r * 0.2), (cx + r * 0.85, cy - r * 0.25), (cx + r * 0.95, cy - r * 0.1),
               (cx + r * 0.5, cy + r * 0.5)], fill=col, outline=edge, width=3)


def _e_eye(c, cx, cy, r, col, edge):
    c.polygon([(cx - r, cy), (cx - r * 0.5, cy - r * 0.5), (cx + r * 0.5, cy - r * 0.5), (cx + r, cy),
               (cx + r * 0.5, cy + r * 0.5), (cx - r * 0.5, cy + r * 0.5)], fill=(250, 250, 250), outline=edge,
              width=4)
    c.circle(cx, cy, r * 0.38, fill=col)
    c.circle(cx, cy, r * 0.16, fill=(20, 20, 20))


EMBLEMS = {"star": _e_star, "circle": _e_circle, "shield": _e_shield, "triangle": _e_triangle, "sun": _e_sun,
           "bolt": _e_bolt, "wheel": _e_wheel, "hand": _e_hand, "eye": _e_eye}
