"""Drawn people: one standing (or seated) figure from a `Figure` spec.

A figure is laid out in units of 1/100 of its own height; age sets that height and the head
size, the outfit style sets the clothes, accessories add their pieces. Everything is drawn from
the spec alone (no randomness), so the same figure always looks the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .canvas import Canvas, rgb, shade

SKIN = {"light": (250, 218, 190), "medium": (230, 184, 140), "tan": (200, 145, 100), "brown": (145, 96, 62),
        "dark": (92, 58, 38)}
HEIGHT = {"child": 0.6, "young": 0.93, "adult": 1.0, "elderly": 0.94}
HEAD = {"child": 12.5, "young": 9.6, "adult": 9.4, "elderly": 9.6}  # radius, in units
SHOE = (45, 40, 38)
JEANS = (60, 80, 130)


@dataclass
class Body:
    """Key points of a figure, in pixels."""

    cx: float
    top: float
    u: float  # one unit = 1/100 of the figure's height
    head_r: float
    seated: bool

    def y(self, units: float) -> float:
        return self.top + units * self.u

    def x(self, units: float) -> float:
        return self.cx + units * self.u


def figure_height(fig, box_h: float) -> float:
    return box_h * HEIGHT[fig.age]


def draw_figure(c: Canvas, fig, box) -> tuple[float, float]:
    """Draw the figure standing on the bottom edge of the box; returns (top y, hand-right x)."""
    x0, y0, x1, y1 = box
    height = min(figure_height(fig, y1 - y0), (x1 - x0) / 0.5 * HEIGHT[fig.age])
    u = height / 100
    seated = fig.accessory == "wheelchair"
    top = y1 - height + (20 * u if seated else 0)
    b = Body(cx=(x0 + x1) / 2 - (8 * u if seated else 0), top=top, u=u, head_r=HEAD[fig.age] * u, seated=seated)
    skin = SKIN[fig.skin]
    if seated:
        _wheelchair_back(c, b)
    if fig.accessory == "backpack":
        c.rect((b.x(-15), b.y(20), b.x(15), b.y(48)), fill=(90, 110, 70), radius=4 * u)
    _legs(c, b, fig)
    _torso(c, b, fig, skin)
    _arms(c, b, fig, skin)
    _neck_and_head(c, b, fig, skin)
    _accessory(c, b, fig)
    if seated:
        _wheelchair_front(c, b)
    if fig.holding:
        c.emoji(fig.holding, (b.x(22), b.y(44)), 16 * u)
    if fig.badge:
        _badge(c, b, fig.badge, x1 - x0)
    return b.top - b.head_r * 2.2, b.x(16)


def _outfit(fig):
    return rgb(fig.outfit)


def _legs(c: Canvas, b: Body, fig) -> None:
    colour = _outfit(fig) if fig.outfit_style in ("suit", "scrubs", "uniform", "overalls") else JEANS
    if fig.outfit_style == "dress":
        colour = SKIN[fig.skin]
    if fig.outfit_style == "robe":
        colour = shade(_outfit(fig), 0.9)
    if b.seated:
        hip = b.y(52)
        for dx in (-6, 6):
            c.rect((b.x(dx - 4.5), hip - 4 * b.u, b.x(dx + 20), hip + 5 * b.u), fill=shade(colour, 0.9), radius=3 * b.u)
            c.rect((b.x(dx + 12), hip, b.x(dx + 20), b.y(76)), fill=shade(colour, 0.9), radius=3 * b.u)
            c.rect((b.x(dx + 11), b.y(75), b.x(dx + 24), b.y(79)), fill=SHOE, radius=2 * b.u)
        return
    for dx in (-5.5, 5.5):
        c.rect((b.x(dx - 4.6), b.y(50), b.x(dx + 4.6), b.y(96.5)), fill=colour, radius=2 * b.u)
        c.rect((b.x(dx - 5.2 + (1 if dx > 0 else -1)), b.y(95), b.x(dx + 5.2 + (1 if dx > 0 else -1)), b.y(100)),
               fill=SHOE, radius=2 * b.u)


def _torso(c: Canvas, b: Body, fig, skin) -> None:
    colour = _outfit(fig)
    style = fig.outfit_style
    shoulders = [(b.x(-13), b.y(19)), (b.x(13), b.y(19)), (b.x(11), b.y(53)), (b.x(-11), b.y(53))]
    if style == "overalls":
        c.polygon(shoulders, fill=(235, 235, 230))
        c.rect((b.x(-9), b.y(30), b.x(9), b.y(53)), fill=colour, radius=2 * b.u)
        for dx in (-7, 7):
            c.line([(b.x(dx), b.y(19.5)), (b.x(dx), b.y(31))], fill=colour, width=2.6 * b.u)
            c.circle(b.x(dx), b.y(31.5), 1.1 * b.u, fill=(220, 190, 60))
        return
    if style in ("dress", "robe"):
        hem = 96 if style == "robe" else 76
        c.polygon([(b.x(-12), b.y(19)), (b.x(12), b.y(19)), (b.x(18), b.y(hem)), (b.x(-18), b.y(hem))], fill=colour)
        c.rect((b.x(-12), b.y(18), b.x(12), b.y(26)), fill=colour, radius=4 * b.u)
        if style == "dress":
            c.line([(b.x(-10), b.y(40)), (b.x(10), b.y(40))], fill=shade(colour, 0.75), width=1.6 * b.u)
        return
    c.polygon(shoulders, fill=colour)
    c.rect((b.x(-13), b.y(18), b.x(13), b.y(28)), fill=colour, radius=5 * b.u)
    STYLE_DETAIL.get(style, lambda *a: None)(c, b, colour)


def _suit(c: Canvas, b: Body, colour) -> None:
    c.polygon([(b.x(-5), b.y(19)), (b.x(5), b.y(19)), (b.x(0), b.y(36))], fill=(250, 250, 250))
    c.polygon([(b.x(-1.5), b.y(21)), (b.x(1.5), b.y(21)), (b.x(2.2), b.y(33)), (b.x(0), b.y(36)),
               (b.x(-2.2), b.y(33))], fill=(190, 30, 40))
    c.line([(b.x(-5), b.y(19)), (b.x(0), b.y(38))], fill=shade(colour, 0.6), width=0.8 * b.u)
    c.line([(b.x(5), b.y(19)), (b.x(0), b.y(38))], fill=shade(colour, 0.6), width=0.8 * b.u)


def _uniform(c: Canvas, b: Body, colour) -> None:
    c.rect((b.x(-11.5), b.y(44), b.x(11.5), b.y(47.5)), fill=(30, 30, 30))
    c.rect((b.x(-1.5), b.y(44), b.x(1.5), b.y(47.5)), fill=(210, 180, 60))
    star = [(b.x(-6.5), b.y(25)), (b.x(-5.6), b.y(27.6)), (b.x(-3), b.y(27.6)), (b.x(-5), b.y(29.3)),
            (b.x(-4.2), b.y(32)), (b.x(-6.5), b.y(30.3)), (b.x(-8.8), b.y(32)), (b.x(-8), b.y(29.3)),
            (b.x(-10), b.y(27.6)), (b.x(-7.4), b.y(27.6))]
    c.polygon(star, fill=(220, 185, 60))
    for dy in (24, 31, 38):
        c.circle(b.x(0), b.y(dy), 0.8 * b.u, fill=shade(colour, 0.55))


def _scrubs(c: Canvas, b: Body, colour) -> None:
    c.polygon([(b.x(-4.5), b.y(18.5)), (b.x(4.5), b.y(18.5)), (b.x(0), b.y(26))], fill=shade(colour, 0.8))
    c.arc((b.x(-7), b.y(16), b.x(7), b.y(36)), 20, 160, fill=(90, 90, 95), width=1 * b.u)
    c.circle(b.x(5.8), b.y(33.5), 1.4 * b.u, fill=(150, 150, 155))
    c.rect((b.x(4), b.y(38), b.x(10), b.y(44)), outline=shade(colour, 0.7), width=0.6 * b.u)


def _casual(c: Canvas, b: Body, colour) -> None:
    c.arc((b.x(-4.5), b.y(15.5), b.x(4.5), b.y(22.5)), 0, 180, fill=shade(colour, 0.7), width=0.9 * b.u)


STYLE_DETAIL = {"suit": _suit, "uniform": _uniform, "scrubs": _scrubs, "casual": _casual}


def _arms(c: Canvas, b: Body, fig, skin) -> None:
    sleeve = _outfit(fig) if fig.outfit_style != "overalls" else (235, 235, 230)
    width = 5.2 * b.u
    for side in (-1, 1):
        holding = side == 1 and (fig.holding or fig.accessory in ("briefcase", "cane"))
        if fig.accessory == "crutches":
            hand = (b.x(side * 19), b.y(46))
        elif holding and fig.holding:
            hand = (b.x(side * 19), b.y(44))
        else:
            hand = (b.x(side * 15.5), b.y(50))
        shoulder = (b.x(side * 11.8), b.y(21.5))
        elbow = (b.x(side * 15.5), b.y(35))
        c.line([shoulder, elbow, hand], fill=sleeve, width=width)
        if fig.outfit_style in ("casual", "scrubs", "dress"):
            c.line([elbow, hand], fill=skin, width=width * 0.85)
        c.circle(hand[0], hand[1], 2.9 * b.u, fill=skin)


def _neck_and_head(c: Canvas, b: Body, fig, skin) -> None:
    r = b.head_r
    hy = b.y(19) - r * 1.05
    c.rect((b.cx - r * 0.36, hy + r * 0.6, b.cx + r * 0.36, b.y(20)), fill=shade(skin, 0.92))
    covered = fig.accessory in ("hijab", "headscarf")
    if covered:
        _scarf(c, b, fig, hy, r)
    else:
        _hair_back(c, b, fig, hy, r)
    c.circle(b.cx, hy, r, fill=skin)
    c.circle(b.cx - r * 0.98, hy + r * 0.08, r * 0.2, fill=shade(skin, 0.93))
    c.circle(b.cx + r * 0.98, hy + r * 0.08, r * 0.2, fill=shade(skin, 0.93))
    if covered:
        _scarf_front(c, b, fig, hy, r)
    else:
        _hair_front(c, b, fig, hy, r)
    _face(c, b, fig, hy, r, skin)


def _hair_back(c: Canvas, b: Body, fig, hy: float, r: float) -> None:
    hair = rgb(fig.hair)
    if fig.outfit_style == "dress":
        c.rect((b.cx - r * 1.12, hy - r * 0.5, b.cx + r * 1.12, hy + r * 1.55), fill=hair, radius=r * 0.5)


def _hair_front(c: Canvas, b: Body, fig, hy: float, r: float) -> None:
    hair = rgb(fig.hair)
    if fig.age == "elderly" and fig.accessory not in ("turban", "kippah", "hard_hat"):
        c.chord((b.cx - r * 1.04, hy - r * 1.06, b.cx + r * 1.04, hy + r * 0.5), 180, 360, fill=hair)
        c.circle(b.cx, hy - r * 0.75, r * 0.55, fill=SKIN[fig.skin])  # thinning on top
        return
    c.chord((b.cx - r * 1.06, hy - r * 1.1, b.cx + r * 1.06, hy + r * 0.62), 178, 362, fill=hair)
    c.polygon([(b.cx - r * 0.5, hy - r * 0.42), (b.cx + r * 0.9, hy - r * 0.42), (b.cx + r * 0.9, hy - r * 0.1)],
              fill=hair)
    for side in (-1, 1):  # sideburns down to the ears frame the face
        c.rect((b.cx + side * r * 1.06 - (r * 0.22 if side > 0 else 0), hy - r * 0.3,
                b.cx + side * r * 1.06 + (r * 0.22 if side < 0 else 0), hy + r * 0.12), fill=hair,
               radius=r * 0.08)


def _scarf(c: Canvas, b: Body, fig, hy: float, r: float) -> None:
    cloth = shade(_outfit(fig), 0.7) if fig.accessory == "hijab" else (200, 70, 90)
    c.ellipse((b.cx - r * 1.3, hy - r * 1.3, b.cx + r * 1.3, hy + r * 1.35), fill=cloth)
    c.polygon([(b.cx - r * 1.3, hy + r * 0.2), (b.cx + r * 1.3, hy + r * 0.2), (b.cx + r * 1.6, hy + r * 2.3),
               (b.cx - r * 1.6, hy + r * 2.3)], fill=cloth)


def _scarf_front(c: Canvas, b: Body, fig, hy: float, r: float) -> None:
    cloth = shade(_outfit(fig), 0.7) if fig.accessory == "hijab" else (200, 70, 90)
    c.chord((b.cx - r * 1.3, hy - r * 1.3, b.cx + r * 1.3, hy + r * 0.4), 180, 360, fill=cloth)
    if fig.accessory == "headscarf":
        c.polygon([(b.cx + r * 0.9, hy + r * 0.9), (b.cx + r * 1.6, hy + r * 1.6), (b.cx + r * 1.0, hy + r * 1.8)],
                  fill=shade(cloth, 0.85))


def _face(c: Canvas, b: Body, fig, hy: float, r: float, skin) -> None:
    eye = (35, 30, 30)
    for dx in (-0.38, 0.38):
        c.circle(b.cx + dx * r, hy + r * 0.08, r * 0.11, fill=eye)
    c.arc((b.cx - r * 0.36, hy + r * 0.15, b.cx + r * 0.36, hy + r * 0.62), 20, 160, fill=(150, 60, 60),
          width=max(1.5, r * 0.08))
    if fig.age == "elderly":
        for k in (0, 1):
            yy = hy - r * (0.32 + 0.14 * k)
            c.line([(b.cx - r * 0.3, yy), (b.cx + r * 0.3, yy)], fill=shade(skin, 0.75), width=max(1, r * 0.05))
    if fig.accessory == "glasses":
        for dx in (-0.4, 0.4):
            c.circle(b.cx + dx * r, hy + r * 0.08, r * 0.27, outline=(30, 30, 30), width=max(1.5, r * 0.07))
        c.line([(b.cx - r * 0.13, hy + r * 0.05), (b.cx + r * 0.13, hy + r * 0.05)], fill=(30, 30, 30),
               width=max(1.5, r * 0.07))


def _accessory(c: Canvas, b: Body, fig) -> None:
    acc = fig.accessory
    if not acc:
        return
    r = b.head_r
    hy = b.y(19) - r * 1.05
    HEADWEAR.get(acc, lambda *a: None)(c, b, hy, r)
    BODYWEAR.get(acc, lambda *a: None)(c, b, fig)


def _turban(c: Canvas, b: Body, hy: float, r: float) -> None:
    cloth = (235, 150, 40)
    c.ellipse((b.cx - r * 1.15, hy - r * 1.45, b.cx + r * 1.15, hy - r * 0.05), fill=cloth)
    for k in range(3):
        y = hy - r * (1.15 - 0.32 * k)
        c.arc((b.cx - r * 1.05, y - r * 0.3, b.cx + r * 1.05, y + r * 0.35), 200, 340, fill=shade(cloth, 0.75),
              width=r * 0.08)


def _kippah(c: Canvas, b: Body, hy: float, r: float) -> None:
    c.chord((b.cx - r * 0.6, hy - r * 1.2, b.cx + r * 0.6, hy - r * 0.5), 180, 360, fill=(30, 50, 120))


def _hard_hat(c: Canvas, b: Body, hy: float, r: float) -> None:
    c.chord((b.cx - r * 1.12, hy - r * 1.4, b.cx + r * 1.12, hy + r * 0.3), 180, 360, fill=(250, 200, 20))
    c.rect((b.cx - r * 1.35, hy - r * 0.62, b.cx + r * 1.35, hy - r * 0.4), fill=(230, 180, 10), radius=r * 0.1)


def _hearing_aid(c: Canvas, b: Body, hy: float, r: float) -> None:
    c.arc((b.cx + r * 0.82, hy - r * 0.35, b.cx + r * 1.32, hy + r * 0.35), 270, 90, fill=(230, 120, 40),
          width=r * 0.16)
    c.circle(b.cx + r * 1.2, hy + r * 0.25, r * 0.12, fill=(230, 120, 40))


HEADWEAR = {"turban": _turban, "kippah": _kippah, "hard_hat": _hard_hat, "hearing_aid": _hearing_aid}


def _cane(c: Canvas, b: Body, fig) -> None:
    c.line([(b.x(15.5), b.y(50)), (b.x(17), b.y(100))], fill=(120, 80, 40), width=1.8 * b.u)
    c.arc((b.x(11.5), b.y(47), b.x(19.5), b.y(53)), 180, 360, fill=(120, 80, 40), width=1.8 * b.u)


def _crutches(c: Canvas, b: Body, fig) -> None:
    for side in (-1, 1):
        c.line([(b.x(side * 16), b.y(24)), (b.x(side * 21), b.y(100))], fill=(150, 155, 160), width=1.6 * b.u)
        c.line([(b.x(side * 13), b.y(24)), (b.x(side * 19), b.y(24))], fill=(110, 110, 115), width=2 * b.u)
        c.line([(b.x(side * 17.5), b.y(46)), (b.x(side * 21), b.y(46))], fill=(110, 110, 115), width=1.6 * b.u)


def _briefcase(c: Canvas, b: Body, fig) -> None:
    c.rect((b.x(11), b.y(53), b.x(25), b.y(64)), fill=(110, 70, 40), outline=(70, 45, 25), width=0.6 * b.u,
           radius=1.2 * b.u)
    c.arc((b.x(15), b.y(50), b.x(21), b.y(56)), 180, 360, fill=(70, 45, 25), width=0.9 * b.u)


def _apron(c: Canvas, b: Body, fig) -> None:
    c.rect((b.x(-8), b.y(27), b.x(8), b.y(62)), fill=(250, 250, 250), outline=(200, 200, 200), width=0.5 * b.u,
           radius=1.5 * b.u)
    c.line([(b.x(-8), b.y(27)), (b.x(-4), b.y(18.5))], fill=(250, 250, 250), width=1.2 * b.u)
    c.line([(b.x(8), b.y(27)), (b.x(4), b.y(18.5))], fill=(250, 250, 250), width=1.2 * b.u)
    c.rect((b.x(-4.5), b.y(44), b.x(4.5), b.y(52)), outline=(200, 200, 200), width=0.5 * b.u)


def _cross(c: Canvas, b: Body, fig) -> None:
    c.arc((b.x(-5), b.y(12), b.x(5), b.y(30)), 20, 160, fill=(210, 175, 50), width=0.5 * b.u)
    c.rect((b.x(-0.5), b.y(28.5), b.x(0.5), b.y(34)), fill=(210, 175, 50))
    c.rect((b.x(-2), b.y(30), b.x(2), b.y(31)), fill=(210, 175, 50))


def _backpack_straps(c: Canvas, b: Body, fig) -> None:
    for dx in (-7.5, 7.5):
        c.line([(b.x(dx), b.y(19)), (b.x(dx * 1.15), b.y(40))], fill=(70, 90, 55), width=2.2 * b.u)


BODYWEAR = {"cane": _cane, "crutches": _crutches, "briefcase": _briefcase, "apron": _apron, "cross": _cross,
            "backpack": _backpack_straps}


def _wheelchair_back(c: Canvas, b: Body) -> None:
    frame = (70, 75, 85)
    c.rect((b.x(-14), b.y(14), b.x(-10), b.y(56)), fill=frame, radius=1.5 * b.u)
    c.line([(b.x(-12), b.y(14)), (b.x(-20), b.y(12))], fill=frame, width=2 * b.u)


def _wheelchair_front(c: Canvas, b: Body) -> None:
    frame = (70, 75, 85)
    wr = 19 * b.u
    cx, cy = b.x(0), b.y(60)
    c.circle(cx, cy, wr, outline=(40, 40, 45), width=2.6 * b.u)
    c.circle(cx, cy, wr * 0.78, outline=(150, 155, 160), width=1.2 * b.u)
    for k in range(6):
        a = math.pi * k / 6
        c.line([(cx - wr * 0.78 * math.cos(a), cy - wr * 0.78 * math.sin(a)),
                (cx + wr * 0.78 * math.cos(a), cy + wr * 0.78 * math.sin(a))], fill=(150, 155, 160), width=0.6 * b.u)
    c.circle(cx, cy, 2 * b.u, fill=frame)
    c.line([(b.x(-10), b.y(53)), (b.x(22), b.y(53))], fill=frame, width=2 * b.u)
    c.line([(b.x(22), b.y(53)), (b.x(26), b.y(80))], fill=frame, width=1.6 * b.u)
    c.circle(b.x(26), b.y(76), 3.5 * b.u, outline=(40, 40, 45), width=1.4 * b.u)


def _badge(c: Canvas, b: Body, text: str, slot_w: float) -> None:
    size = 20
    tw = c.tw(text, "bold", size)
    bw = min(slot_w * 0.96, max(tw + 16, 18 * b.u))
    cy = b.y(31)
    box = (b.cx - bw / 2, cy - 15, b.cx + bw / 2, cy + 15)
    c.rect(box, fill=(255, 255, 255), outline=(40, 40, 40), width=1.5, radius=4)
    c.rect((box[0], box[1], box[2], box[1] + 5), fill=(200, 40, 40), radius=2)
    c.text_line((box[0] + 5, box[1] + 4, box[2] - 5, box[3]), text, "bold", size, fill=(20, 20, 20))


def draw_portrait(fig, w: int, h: int):
    """Head-and-shoulders picture of a figure (for ID cards), as a final-size image."""
    c = Canvas(w, h, (200, 214, 228))
    full = h * 2.3 / HEIGHT[fig.age] * (0.8 if fig.age == "child" else 1.0)
    top_pad = h * 0.12
    y1 = top_pad + full * HEIGHT[fig.age]
    portrait = fig.model_copy(update={"holding": None, "badge": None,
                                      "accessory": fig.accessory if fig.accessory in PORTRAIT_ACC else None})
    draw_figure(c, portrait, (w / 2 - full, top_pad, w / 2 + full, y1))
    return c.finish()


PORTRAIT_ACC = ("glasses", "hijab", "turban", "kippah", "cross", "headscarf", "hearing_aid", "hard_hat", "apron")
