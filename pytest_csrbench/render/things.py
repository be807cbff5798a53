"""Colourable drawn objects for scenes: each fits a square of side `s` centred on (cx, cy).

The named colour fills the object's main body, so "what colour is the car?" has one answer;
details (wheels, outlines, handles) are dark or neutral.
"""

from __future__ import annotations

import math
from typing import Optional

from .canvas import Canvas, rgb, shade

LINE = (40, 40, 45)
DEFAULT = {"car": "red", "ball": "blue", "balloon": "red", "cup": "white", "hat": "black", "umbrella": "purple",
           "house": "yellow", "tree": "green", "book": "blue", "chair": "brown", "shirt": "teal",
           "bicycle": "red", "door": "brown", "box": "brown", "bag": "orange", "flower": "pink", "star": "yellow",
           "heart": "red", "kite": "orange", "boat": "white", "bus": "yellow", "lamp": "teal", "mug": "green",
           "sock": "gray", "key": "gold", "clock": "white", "bottle": "green", "fish": "orange", "apple": "red",
           "pencil": "yellow"}


class Pen:
    """Maps unit coordinates (-0.5..0.5 across the square) to pixels."""

    def __init__(self, c: Canvas, cx: float, cy: float, s: float, colour):
        self.c, self.cx, self.cy, self.s = c, cx, cy, s
        self.col = rgb(colour)
        self.edge = LINE
        self.lw = max(1.5, s * 0.018)

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (self.cx + x * self.s, self.cy + y * self.s)

    def box(self, x0, y0, x1, y1):
        return (*self.p(x0, y0), *self.p(x1, y1))

    def poly(self, pts, fill=None, edge=True):
        self.c.polygon([self.p(x, y) for x, y in pts], fill=fill or self.col, outline=self.edge if edge else None,
                       width=self.lw)

    def rect(self, x0, y0, x1, y1, fill=None, radius=0.0, edge=True):
        self.c.rect(self.box(x0, y0, x1, y1), fill=fill or self.col, outline=self.edge if edge else None,
                    width=self.lw, radius=radius * self.s)

    def oval(self, x0, y0, x1, y1, fill=None, edge=True):
        self.c.ellipse(self.box(x0, y0, x1, y1), fill=fill or self.col, outline=self.edge if edge else None,
                       width=self.lw)

    def circle(self, x, y, r, fill=None, edge=True):
        self.oval(x - r, y - r, x + r, y + r, fill=fill, edge=edge)

    def line(self, pts, width=0.02, fill=None):
        self.c.line([self.p(x, y) for x, y in pts], fill=fill or self.edge, width=max(1.5, width * self.s))

    def arc(self, x0, y0, x1, y1, a0, a1, width=0.02, fill=None):
        self.c.arc(self.box(x0, y0, x1, y1), a0, a1, fill=fill or self.edge, width=max(1.5, width * self.s))


def _car(p: Pen):
    p.poly([(-0.46, 0.12), (-0.46, -0.02), (-0.3, -0.06), (-0.18, -0.24), (0.16, -0.24), (0.3, -0.06),
            (0.46, -0.02), (0.46, 0.12)])
    glass = (200, 225, 245)
    p.poly([(-0.15, -0.2), (-0.02, -0.2), (-0.02, -0.07), (-0.25, -0.07)], fill=glass)
    p.poly([(0.02, -0.2), (0.14, -0.2), (0.25, -0.07), (0.02, -0.07)], fill=glass)
    for x in (-0.26, 0.26):
        p.circle(x, 0.13, 0.1, fill=(35, 35, 38))
        p.circle(x, 0.13, 0.045, fill=(190, 190, 195))
    p.rect(0.4, 0.0, 0.46, 0.04, fill=(250, 230, 120))


def _ball(p: Pen):
    p.circle(0, 0, 0.4)
    p.arc(-0.4, -0.15, 0.4, 0.25, 200, 340, width=0.025)
    p.arc(-0.18, -0.4, 0.42, 0.4, 110, 250, width=0.025)
    p.circle(-0.14, -0.16, 0.07, fill=shade(p.col, 1.5), edge=False)


def _balloon(p: Pen):
    p.oval(-0.27, -0.46, 0.27, 0.18)
    p.poly([(-0.05, 0.2), (0.05, 0.2), (0, 0.15)])
    p.line([(0, 0.2), (0.05, 0.3), (-0.04, 0.4), (0.02, 0.48)], width=0.012)
    p.oval(-0.16, -0.36, -0.06, -0.2, fill=shade(p.col, 1.5), edge=False)


def _cup(p: Pen):
    p.arc(0.12, -0.18, 0.44, 0.14, 270, 90, width=0.06, fill=p.edge)
    p.arc(0.12, -0.18, 0.44, 0.14, 270, 90, width=0.035, fill=p.col)
    p.poly([(-0.32, -0.26), (0.28, -0.26), (0.2, 0.26), (-0.24, 0.26)])
    p.oval(-0.32, -0.31, 0.28, -0.21, fill=(110, 70, 40))
    p.oval(-0.4, 0.24, 0.36, 0.34, fill=(235, 235, 235))


def _mug(p: Pen):
    p.arc(0.14, -0.16, 0.48, 0.18, 270, 90, width=0.09, fill=p.edge)
    p.arc(0.14, -0.16, 0.48, 0.18, 270, 90, width=0.055, fill=p.col)
    p.rect(-0.32, -0.3, 0.3, 0.32, radius=0.05)
    p.oval(-0.32, -0.36, 0.3, -0.24, fill=shade(p.col, 0.7))


def _hat(p: Pen):
    p.oval(-0.46, 0.06, 0.46, 0.26)
    p.rect(-0.26, -0.34, 0.26, 0.16, radius=0.04)
    p.rect(-0.26, 0.0, 0.26, 0.09, fill=shade(p.col, 0.55) if sum(p.col) > 200 else (200, 40, 40))


def _umbrella(p: Pen):
    p.line([(0, -0.1), (0, 0.34)], width=0.03)
    p.arc(0, 0.26, 0.16, 0.44, 0, 180, width=0.03)
    p.c.pieslice(p.box(-0.46, -0.44, 0.46, 0.3), 180, 360, fill=p.col, outline=p.edge)
    for x in (-0.46, -0.23, 0.0, 0.23):
        p.c.chord(p.box(x, -0.1, x + 0.23, 0.02), 0, 180, fill=(255, 255, 255))
    p.line([(0, -0.44), (0, -0.5)], width=0.03)


def _house(p: Pen):
    p.rect(-0.36, -0.08, 0.36, 0.44)
    p.poly([(-0.46, -0.06), (0, -0.44), (0.46, -0.06)], fill=(170, 60, 50))
    p.rect(-0.08, 0.14, 0.1, 0.44, fill=(120, 80, 50))
    for x in (-0.28, 0.18):
        p.rect(x, 0.02, x + 0.12, 0.14, fill=(190, 220, 245))


def _tree(p: Pen):
    p.rect(-0.07, 0.05, 0.07, 0.46, fill=(120, 80, 45))
    crown = ((0, -0.2, 0.26), (-0.2, -0.02, 0.2), (0.2, -0.02, 0.2), (0, 0.04, 0.2))
    for x, y, r in crown:  # outlines first, fills over them: one outlined cloud
        p.circle(x, y, r + 0.015, fill=p.edge, edge=False)
    for x, y, r in crown:
        p.circle(x, y, r, edge=False)


def _book(p: Pen):
    p.rect(-0.28, -0.4, 0.3, 0.4, radius=0.02)
    p.rect(-0.28, -0.4, -0.2, 0.4, fill=shade(p.col, 0.7))
    p.rect(-0.1, -0.24, 0.2, -0.12, fill=(245, 240, 225))
    p.rect(0.3, -0.37, 0.34, 0.37, fill=(245, 240, 225))


def _chair(p: Pen):
    p.rect(-0.22, -0.46, 0.22, 0.0, radius=0.03)
    p.rect(-0.28, 0.0, 0.28, 0.08)
    for x in (-0.24, 0.2):
        p.rect(x, 0.08, x + 0.05, 0.46)


def _shirt(p: Pen):
    p.poly([(-0.14, -0.38), (-0.42, -0.22), (-0.32, -0.04), (-0.22, -0.1), (-0.22, 0.4), (0.22, 0.4),
            (0.22, -0.1), (0.32, -0.04), (0.42, -0.22), (0.14, -0.38), (0.06, -0.3), (-0.06, -0.3)])
    p.arc(-0.14, -0.46, 0.14, -0.28, 20, 160, width=0.02)


def _bicycle(p: Pen):
    for x in (-0.26, 0.26):
        p.c.ellipse(p.box(x - 0.2, -0.02, x + 0.2, 0.38), outline=(35, 35, 38), width=max(2, p.s * 0.03))
    frame = [(-0.26, 0.18), (-0.06, 0.18), (0.14, -0.08), (-0.12, -0.08), (-0.26, 0.18)]
    p.line(frame, width=0.04, fill=p.col)
    p.line([(-0.06, 0.18), (-0.14, -0.14)], width=0.04, fill=p.col)
    p.line([(0.14, -0.08), (0.26, 0.18)], width=0.04, fill=p.col)
    p.line([(0.14, -0.08), (0.12, -0.2), (0.22, -0.22)], width=0.03)
    p.line([(-0.2, -0.15), (-0.08, -0.15)], width=0.05)


def _door(p: Pen):
    p.rect(-0.26, -0.46, 0.26, 0.46)
    p.rect(-0.18, -0.38, 0.18, -0.06, fill=shade(p.col, 0.85))
    p.rect(-0.18, 0.04, 0.18, 0.38, fill=shade(p.col, 0.85))
    p.circle(0.17, 0.0, 0.035, fill=(220, 190, 60))


def _box(p: Pen):
    p.poly([(-0.38, -0.18), (0.22, -0.18), (0.22, 0.4), (-0.38, 0.4)])
    p.poly([(-0.38, -0.18), (-0.22, -0.34), (0.38, -0.34), (0.22, -0.18)], fill=shade(p.col, 1.2))
    p.poly([(0.22, -0.18), (0.38, -0.34), (0.38, 0.24), (0.22, 0.4)], fill=shade(p.col, 0.75))
    p.rect(-0.12, -0.18, -0.04, 0.4, fill=shade(p.col, 0.8), edge=False)


def _bag(p: Pen):
    p.arc(-0.18, -0.44, 0.18, -0.05, 180, 360, width=0.04)
    p.poly([(-0.34, -0.2), (0.34, -0.2), (0.4, 0.4), (-0.4, 0.4)])
    p.rect(-0.34, -0.2, 0.34, -0.1, fill=shade(p.col, 0.8))


def _flower(p: Pen):
    p.line([(0, 0.05), (0, 0.48)], width=0.04, fill=(60, 140, 60))
    p.oval(0.0, 0.2, 0.2, 0.3, fill=(70, 160, 70))
    for k in range(6):
        a = k * math.pi / 3
        p.circle(0.15 * math.cos(a), -0.14 + 0.15 * math.sin(a), 0.12)
    p.circle(0, -0.14, 0.09, fill=(250, 200, 40))


def _star(p: Pen):
    pts = []
    for k in range(10):
        r = 0.46 if k % 2 == 0 else 0.19
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((r * math.cos(a), 0.04 + r * math.sin(a)))
    p.poly(pts)


def _heart(p: Pen):
    pts = []
    for k in range(60):
        t = 2 * math.pi * k / 60
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((x / 36, -y / 36 - 0.02))
    p.poly(pts)


def _kite(p: Pen):
    p.poly([(0, -0.46), (0.28, -0.1), (0, 0.26), (-0.28, -0.1)])
    p.line([(0, -0.46), (0, 0.26)], width=0.015)
    p.line([(-0.28, -0.1), (0.28, -0.1)], width=0.015)
    p.line([(0, 0.26), (0.06, 0.34), (-0.04, 0.4), (0.04, 0.48)], width=0.015)
    for x, y in ((0.05, 0.33), (-0.04, 0.41)):
        p.poly([(x - 0.04, y - 0.02), (x + 0.04, y + 0.02), (x - 0.04, y + 0.02)], fill=(240, 60, 60), edge=False)


def _boat(p: Pen):
    p.poly([(-0.46, 0.12), (0.46, 0.12), (0.32, 0.34), (-0.32, 0.34)])
    p.line([(0, 0.12), (0, -0.46)], width=0.03)
    p.poly([(0.02, -0.44), (0.34, 0.06), (0.02, 0.06)], fill=(250, 250, 250))
    p.poly([(-0.02, -0.34), (-0.3, 0.06), (-0.02, 0.06)], fill=(235, 235, 235))
    p.line([(-0.5, 0.42), (-0.3, 0.39), (-0.1, 0.42), (0.1, 0.39), (0.3, 0.42), (0.5, 0.39)], width=0.02,
           fill=(60, 120, 200))


def _bus(p: Pen):
    p.rect(-0.47, -0.26, 0.47, 0.2, radius=0.05)
    for k in range(4):
        x = -0.4 + k * 0.2
        p.rect(x, -0.18, x + 0.16, -0.02, fill=(200, 225, 245))
    p.rect(0.36, -0.18, 0.44, 0.14, fill=(200, 225, 245))
    for x in (-0.28, 0.26):
        p.circle(x, 0.2, 0.09, fill=(35, 35, 38))
        p.circle(x, 0.2, 0.04, fill=(190, 190, 195))


def _lamp(p: Pen):
    p.poly([(-0.16, -0.42), (0.16, -0.42), (0.3, -0.08), (-0.3, -0.08)])
    p.line([(0, -0.08), (0, 0.36)], width=0.035)
    p.oval(-0.22, 0.32, 0.22, 0.44, fill=(70, 70, 75))


def _sock(p: Pen):
    p.poly([(-0.12, -0.44), (0.14, -0.44), (0.14, 0.12), (0.02, 0.38), (-0.3, 0.38), (-0.36, 0.24), (-0.12, 0.1)])
    p.rect(-0.12, -0.44, 0.14, -0.32, fill=(245, 245, 245))
    p.poly([(0.02, 0.38), (0.14, 0.12), (0.14, 0.26), (0.08, 0.38)], fill=shade(p.col, 0.75), edge=False)


def _key(p: Pen):
    p.circle(-0.24, 0, 0.18)
    p.circle(-0.24, 0, 0.07, fill=(255, 255, 255))
    p.rect(-0.08, -0.04, 0.46, 0.04)
    p.rect(0.28, 0.04, 0.34, 0.14)
    p.rect(0.38, 0.04, 0.44, 0.12)


def _clock(p: Pen, time: str = "4:00"):
    p.circle(0, 0, 0.44)
    p.circle(0, 0, 0.37, fill=(252, 252, 250))
    for k in range(12):
        a = k * math.pi / 6
        inner = 0.28 if k % 3 == 0 else 0.31
        p.line([(inner * math.cos(a), inner * math.sin(a)), (0.35 * math.cos(a), 0.35 * math.sin(a))], width=0.025)
    hours, minutes = (int(v) for v in time.split(":"))
    m_angle = 2 * math.pi * minutes / 60 - math.pi / 2
    h_angle = 2 * math.pi * ((hours % 12) + minutes / 60) / 12 - math.pi / 2
    p.line([(0, 0), (0.28 * math.cos(m_angle), 0.28 * math.sin(m_angle))], width=0.03)
    p.line([(0, 0), (0.18 * math.cos(h_angle), 0.18 * math.sin(h_angle))], width=0.05)
    p.circle(0, 0, 0.03, fill=p.edge)


def _bottle(p: Pen):
    p.rect(-0.07, -0.48, 0.07, -0.38, fill=(60, 60, 65))
    p.poly([(-0.07, -0.38), (0.07, -0.38), (0.07, -0.22), (0.18, -0.1), (0.18, 0.44), (-0.18, 0.44), (-0.18, -0.1),
            (-0.07, -0.22)])
    p.rect(-0.18, 0.02, 0.18, 0.24, fill=(245, 240, 225))


def _fish(p: Pen):
    p.poly([(0.24, 0), (0.46, -0.2), (0.46, 0.2)])
    p.oval(-0.44, -0.22, 0.32, 0.22)
    p.circle(-0.26, -0.05, 0.045, fill=(30, 30, 30))
    p.arc(-0.1, -0.2, 0.1, 0.2, 300, 60, width=0.02)


def _apple(p: Pen):
    pts = []
    for k in range(72):
        t = 2 * math.pi * k / 72
        dip = 0.1 * math.exp(-((t - 1.5 * math.pi) ** 2) / 0.08) + 0.06 * math.exp(-((t - 0.5 * math.pi) ** 2) / 0.05)
        r = 0.36 * (1 - dip)
        pts.append((r * math.cos(t) * 1.08, 0.06 + r * math.sin(t)))
    p.poly(pts)
    p.line([(0, -0.2), (0.04, -0.4)], width=0.04, fill=(110, 70, 40))
    p.oval(0.04, -0.4, 0.26, -0.3, fill=(70, 160, 60))
    p.circle(-0.18, -0.04, 0.06, fill=shade(p.col, 1.4), edge=False)


def _pencil(p: Pen):
    p.poly([(-0.44, -0.06), (0.24, -0.06), (0.24, 0.06), (-0.44, 0.06)])
    p.poly([(0.24, -0.06), (0.4, 0), (0.24, 0.06)], fill=(240, 210, 160))
    p.poly([(0.34, -0.02), (0.4, 0), (0.34, 0.02)], fill=(40, 40, 40))
    p.rect(-0.5, -0.06, -0.44, 0.06, fill=(240, 140, 150))
    p.line([(-0.44, 0), (0.24, 0)], width=0.01, fill=shade(p.col, 0.7))


DRAW = {"car": _car, "ball": _ball, "balloon": _balloon, "cup": _cup, "hat": _hat, "umbrella": _umbrella,
        "house": _house, "tree": _tree, "book": _book, "chair": _chair, "shirt": _shirt, "bicycle": _bicycle,
        "door": _door, "box": _box, "bag": _bag, "flower": _flower, "star": _star, "heart": _heart, "kite": _kite,
        "boat": _boat, "bus": _bus, "lamp": _lamp, "mug": _mug, "sock": _sock, "key": _key, "clock": _clock,
        "bottle": _bottle, "fish": _fish, "apple": _apple, "pencil": _pencil}


def draw_thing(c: Canvas, thing: str, cx: float, cy: float, size: float, colour=None,
               time: Optional[str] = None) -> None:
    pen = Pen(c, cx, cy, size, colour or DEFAULT[thing])
    if thing == "clock" and time:
        _clock(pen, time)
    else:
        DRAW[thing](pen)
