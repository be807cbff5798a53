"""`label` and `shelf`: product, chemical and medication labels on drawn containers."""

from __future__ import annotations

from .canvas import Canvas, ink_for, rgb, shade

WALL = (232, 228, 220)
COUNTER = (176, 132, 92)
ASPECT = {"bottle": 0.64, "pill_bottle": 0.74, "box": 0.82, "jar": 0.92, "tube": 0.5, "can": 0.62, "bag": 0.78}
DEFAULT_COLOR = {"bottle": "white", "pill_bottle": "#d9822b", "box": "light_blue", "jar": "#e8e0c8",
                 "tube": "white", "can": "silver", "bag": "yellow"}
WARN_RED = (196, 30, 40)


def draw_label(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, WALL))
    floor = h * 0.86
    _counter(c, w, h, floor)
    _container(c, spec, (w * 0.06, h * 0.04, w * 0.94, floor + h * 0.03), compact=False)
    return c.finish()


def draw_shelf(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, WALL))
    n = len(spec.items)
    floor = h * 0.88
    _counter(c, w, h, floor)
    gap = w * 0.025
    slot = (w - gap * (n + 1)) / n
    for i, item in enumerate(spec.items):
        x0 = gap + i * (slot + gap)
        _container(c, item, (x0, h * 0.04, x0 + slot, floor + h * 0.025), compact=n > 2)
    return c.finish()


def _counter(c: Canvas, w: int, h: int, floor: float) -> None:
    c.rect((0, floor, w, h), fill=COUNTER)
    c.rect((0, floor, w, floor + 6), fill=shade(COUNTER, 1.25))
    c.line([(0, floor + (h - floor) * 0.55), (w, floor + (h - floor) * 0.55)], fill=shade(COUNTER, 0.85), width=2)


def _container(c: Canvas, spec, region, compact: bool) -> None:
    """Fit the shape into the region (standing on its bottom edge) and draw its label."""
    x0, y0, x1, y1 = region
    aspect = ASPECT[spec.shape]
    ch = y1 - y0
    cw = min(x1 - x0, ch * aspect)
    if compact or cw < (x1 - x0) * 0.8:
        ch = min(ch, cw / aspect * (1.3 if compact else 1.0))
    cx = (x0 + x1) / 2
    box = (cx - cw / 2, y1 - ch, cx + cw / 2, y1)
    colour = rgb(spec.color or DEFAULT_COLOR[spec.shape])
    label_box = SHAPES[spec.shape](c, box, colour)
    _label_content(c, spec, label_box)


# --- shapes: each draws the container and returns the label's box ------------------------------

def _bottle(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    cap_w, neck_w = w * 0.3, w * 0.26
    c.rect((cx - cap_w / 2, y0, cx + cap_w / 2, y0 + h * 0.08), fill=shade(colour, 0.45), radius=6)
    c.rect((cx - neck_w / 2, y0 + h * 0.075, cx + neck_w / 2, y0 + h * 0.16), fill=shade(colour, 0.92))
    shoulder = [(cx - neck_w / 2, y0 + h * 0.155), (cx + neck_w / 2, y0 + h * 0.155),
                (x1, y0 + h * 0.28), (x0, y0 + h * 0.28)]
    c.polygon(shoulder, fill=shade(colour, 0.92), outline=shade(colour, 0.6), width=2)
    c.rect((x0, y0 + h * 0.26, x1, y1), fill=colour, outline=shade(colour, 0.6), width=2, radius=w * 0.08)
    c.rect((x0 + w * 0.06, y0 + h * 0.3, x0 + w * 0.11, y1 - h * 0.06), fill=shade(colour, 1.35), radius=4)
    return (x0 + w * 0.07, y0 + h * 0.32, x1 - w * 0.07, y1 - h * 0.05)


def _pill_bottle(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    c.rect((x0 - w * 0.02, y0, x1 + w * 0.02, y0 + h * 0.16), fill=(245, 245, 245), outline=(170, 170, 170),
           width=2, radius=10)
    for i in range(1, 12):
        x = x0 + w * i / 12
        c.line([(x, y0 + h * 0.03), (x, y0 + h * 0.13)], fill=(205, 205, 205), width=2)
    c.rect((x0 + w * 0.03, y0 + h * 0.15, x1 - w * 0.03, y1), fill=colour, outline=shade(colour, 0.7), width=2,
           radius=w * 0.05)
    return (x0 + w * 0.05, y0 + h * 0.22, x1 - w * 0.05, y1 - h * 0.06)


def _box(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    d = w * 0.1
    front = (x0, y0 + d, x1 - d, y1)
    c.polygon([(x0, y0 + d), (x0 + d, y0), (x1, y0), (x1 - d, y0 + d)], fill=shade(colour, 1.2),
              outline=shade(colour, 0.6), width=2)
    c.polygon([(x1 - d, y0 + d), (x1, y0), (x1, y1 - d), (x1 - d, y1)], fill=shade(colour, 0.75),
              outline=shade(colour, 0.6), width=2)
    c.rect(front, fill=colour, outline=shade(colour, 0.6), width=2)
    return (front[0] + w * 0.05, front[1] + h * 0.05, front[2] - w * 0.05, front[3] - h * 0.05)


def _jar(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    c.rect((x0 + w * 0.04, y0, x1 - w * 0.04, y0 + h * 0.14), fill=shade(colour, 0.5), radius=8)
    for i in range(1, 4):
        y = y0 + h * 0.035 * i
        c.line([(x0 + w * 0.05, y), (x1 - w * 0.05, y)], fill=shade(colour, 0.4), width=2)
    c.rect((x0, y0 + h * 0.13, x1, y1), fill=colour, outline=shade(colour, 0.65), width=2, radius=w * 0.1)
    return (x0 + w * 0.05, y0 + h * 0.2, x1 - w * 0.05, y1 - h * 0.07)


def _tube(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    c.rect((x0, y0, x1, y0 + h * 0.06), fill=shade(colour, 0.85), outline=shade(colour, 0.6), width=2)
    for i in range(1, 10):
        x = x0 + w * i / 10
        c.line([(x, y0 + 4), (x, y0 + h * 0.06 - 4)], fill=shade(colour, 0.6), width=1.5)
    body = [(x0, y0 + h * 0.06), (x1, y0 + h * 0.06), (x1 - w * 0.12, y1 - h * 0.1), (x0 + w * 0.12, y1 - h * 0.1)]
    c.polygon(body, fill=colour, outline=shade(colour, 0.6), width=2)
    c.rect((cx - w * 0.2, y1 - h * 0.105, cx + w * 0.2, y1), fill=shade(colour, 0.4), radius=6)
    return (x0 + w * 0.1, y0 + h * 0.1, x1 - w * 0.1, y1 - h * 0.16)


def _can(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    e = h * 0.05
    c.rect((x0, y0 + e, x1, y1 - e), fill=colour, outline=shade(colour, 0.6), width=2)
    c.ellipse((x0, y1 - 2 * e, x1, y1), fill=colour, outline=shade(colour, 0.6), width=2)
    c.rect((x0 + 2, y1 - 2 * e, x1 - 2, y1 - e), fill=colour)
    c.ellipse((x0, y0, x1, y0 + 2 * e), fill=shade(colour, 1.25), outline=shade(colour, 0.6), width=2)
    c.ellipse((x0 + w * 0.1, y0 + e * 0.3, x1 - w * 0.1, y0 + 1.7 * e), outline=shade(colour, 0.7), width=2)
    return (x0 + 2, y0 + h * 0.14, x1 - 2, y1 - h * 0.1)


def _bag(c: Canvas, box, colour):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    c.rect((x0 + w * 0.06, y0, x1 - w * 0.06, y0 + h * 0.08), fill=shade(colour, 0.85),
           outline=shade(colour, 0.6), width=2)
    for i in range(1, 16):
        x = x0 + w * 0.06 + (w * 0.88) * i / 16
        c.line([(x, y0 + 3), (x, y0 + h * 0.08 - 3)], fill=shade(colour, 0.65), width=1.5)
    body = [(x0 + w * 0.06, y0 + h * 0.08), (x1 - w * 0.06, y0 + h * 0.08), (x1, y1), (x0, y1)]
    c.polygon(body, fill=colour, outline=shade(colour, 0.6), width=2)
    return (x0 + w * 0.1, y0 + h * 0.13, x1 - w * 0.1, y1 - h * 0.05)


SHAPES = {"bottle": _bottle, "pill_bottle": _pill_bottle, "box": _box, "jar": _jar, "tube": _tube,
          "can": _can, "bag": _bag}


# --- the label itself -------------------------------------------------------------------------

def _label_content(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    c.rect(box, fill=(252, 252, 250), outline=(60, 60, 60), width=2, radius=8)
    pad = max(8, (x1 - x0) * 0.05)
    x0, y0, x1, y1 = x0 + pad, y0 + pad * 0.8, x1 - pad, y1 - pad * 0.8
    width, height = x1 - x0, y1 - y0
    top = _brand_band(c, spec, (box[0], box[1], box[2], box[1] + max(34, height * 0.11))) + pad * 0.6
    warn_h = _warning_height(c, spec.warning, width, height * 0.3) if spec.warning else 0
    bottom = y1 - warn_h - (10 if warn_h else 0)
    _label_middle(c, spec, (x0, top, x1, bottom))
    if spec.warning:
        _warning(c, spec.warning, (x0, y1 - warn_h, x1, y1))


def _label_middle(c: Canvas, spec, box) -> None:
    """Icon, product name and lines, centred between the brand band and the warning."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    icon = min(height * 0.26, width * 0.4) if spec.icon else 0
    avail = height - icon - (8 if icon else 0)
    for start in (56, 46, 38, 32, 26, 20):  # shrink the product name until the lines fit too
        p_size, p_h = c.block_height(width, spec.product, "bold", start, avail * (0.6 if spec.lines else 1),
                                     minimum=20, spacing=1.08)
        if not spec.lines or c.block_fits(width, spec.lines, "sans", 34, avail - p_h - 18, spacing=1.15,
                                          para_gap=0.1):
            break
    l_size, l_h = (0, 0)
    if spec.lines:
        l_size, l_h = c.block_height(width, spec.lines, "sans", 34, max(24, avail - p_h - 18),
                                     spacing=1.15, para_gap=0.1)
    total = icon + (8 if icon else 0) + p_h + (18 + l_h if spec.lines else 0)
    y = y0 + max(0, (height - total) / 2)
    if icon:
        c.emoji(spec.icon, ((x0 + x1) / 2, y + icon / 2), icon)
        y += icon + 8
    c.text_block((x0, y, x1, y + p_h + 1), spec.product, "bold", p_size, (20, 20, 20), align="center", spacing=1.08)
    y += p_h + 8
    if spec.lines and y1 - y > 20:
        c.line([(x0 + width * 0.2, y), (x1 - width * 0.2, y)], fill=(160, 160, 160), width=2)
        c.text_block((x0, y + 10, x1, min(y1, y + 10 + l_h + 1)), spec.lines, "sans", l_size, (30, 30, 30),
                     align="center", para_gap=0.1, spacing=1.15)


def _brand_band(c: Canvas, spec, band) -> float:
    """The brand across the top of the label (wrapping onto a second line if narrow); returns its bottom."""
    x0, y0, x1, min_bottom = band
    colour = shade(spec.color, 0.72) if spec.color and spec.color != "white" else (35, 60, 120)
    size, th = c.block_height(x1 - x0 - 16, spec.brand.upper(), "bold", 30, 80, spacing=1.05)
    bottom = max(min_bottom, y0 + th + 10)
    c.rect((x0, y0, x1, bottom), fill=colour, radius=8)
    c.rect((x0, (y0 + bottom) / 2, x1, bottom), fill=colour)
    c.text_block((x0 + 8, y0 + 4, x1 - 8, bottom - 2), spec.brand.upper(), "bold", size, ink_for(colour),
                 align="center", valign="middle", spacing=1.05)
    return bottom


NARROW = 240  # px: below this a warning box drops its triangle to keep the words whole


def _warning_height(c: Canvas, text: str, width: float, max_h: float) -> float:
    text_w = width - 16 if width < NARROW else width - 54
    _, h = c.block_height(text_w, text, "bold", 24, max_h - 12, minimum=20, spacing=1.1)
    return h + 14


def _warning(c: Canvas, text: str, box) -> None:
    x0, y0, x1, y1 = box
    c.rect(box, fill=(255, 240, 240), outline=WARN_RED, width=3, radius=6)
    if x1 - x0 < NARROW:
        c.text_block((x0 + 8, y0 + 7, x1 - 8, y1 - 5), text, "bold", 24, WARN_RED, align="center",
                     valign="middle", spacing=1.1)
        return
    t = min(34, y1 - y0 - 10)
    tx, ty = x0 + 8, (y0 + y1) / 2
    c.polygon([(tx + t / 2, ty - t / 2), (tx + t, ty + t / 2), (tx, ty + t / 2)], fill=WARN_RED)
    c.text((tx + t / 2, ty + t * 0.22), "!", "bold", t * 0.6, fill="white", anchor="mm")
    c.text_block((x0 + t + 16, y0 + 7, x1 - 6, y1 - 5), text, "bold", 24, WARN_RED, align="left",
                 valign="middle", spacing=1.1)
