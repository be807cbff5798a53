"""`bar_chart` and `line_chart`: axes, ticks, gridlines, labelled values, legend."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from .canvas import S, Canvas, clean, note_cut, rgb
from .fonts import font
from .texts import format_number

SERIES_COLOURS = ["blue", "red", "green", "orange", "purple"]
AXIS = (60, 60, 65)
GRID = (222, 225, 230)
INK = (30, 30, 35)


def nice_max(value: float) -> tuple[float, float]:
    """(axis maximum, tick step): a round maximum above `value` with 4-6 ticks."""
    if value <= 0:
        return 1.0, 0.2
    raw = value * 1.08
    mag = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        step = mult * mag / 5 if mult * mag >= raw else None
        if step:
            top = math.ceil(raw / step) * step
            return top, step
    return 10 * mag, 2 * mag


def _step_for(top: float) -> float:
    mag = 10 ** math.floor(math.log10(top))
    for mult in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5):
        if top / (mult * mag) <= 6:
            return mult * mag
    return top / 5


def _frame(c: Canvas, spec, w: int, h: int, legend_h: float = 0,
           tick_h: float = 0) -> tuple[float, float, float, float]:
    """Title, axis labels; returns the plot box (x0, y0, x1, y1)."""
    _, th = c.block_height(w - 60, spec.title, "bold", 36, h * 0.16, minimum=24, spacing=1.1)
    c.text_block((30, 18, w - 30, 18 + th + 1), spec.title, "bold", 36, INK, align="center", spacing=1.1)
    top = 18 + th + 18 + legend_h
    left = 96 + (34 if spec.y_label else 0)
    bottom = h - max(70, tick_h + 16) - (40 if spec.x_label else 0)
    if spec.y_label:
        _vertical_text(c, spec.y_label, (26, (top + bottom) / 2), min(24, bottom - top), INK)
    if spec.x_label:
        c.text_line((left, h - 48, w - 30, h - 12), spec.x_label, "bold", 24, fill=INK)
    return (left, top, w - 34, bottom)


def _vertical_text(c: Canvas, text: str, center, size: float, fill, face: str = "bold",
                   top_anchor: bool = False) -> None:
    """Text turned 90 degrees (reading upwards), centred on `center` or hanging from it."""
    text = clean(text)
    f = font(face, round(min(24, size) * S))
    left, top, right, bottom = f.getbbox(text)
    layer = Image.new("L", (max(1, right - left + 4), max(1, bottom - top + 4)), 0)
    ImageDraw.Draw(layer).text((2 - left, 2 - top), text, font=f, fill=255)
    layer = layer.rotate(90, expand=True)
    x = round(center[0] * S - layer.width / 2)
    y = round(center[1] * S) if top_anchor else round(center[1] * S - layer.height / 2)
    c.img.paste(Image.new("RGB", layer.size, rgb(fill)), (x, max(0, y)), layer)


def _tick_labels_turned(c: Canvas, labels: list[str], slot: float, h: int) -> float:
    """0 when every label fits under its slot in at most two lines, else the height turned labels need."""
    if all(len(c.wrap(t, "sans", 22, slot - 6)) <= 2 and c._words_fit([t], "sans", 22, slot - 6) for t in labels):
        return 0.0
    return min(h * 0.3, max(c.tw(t, "sans", 22) for t in labels) + 12)


def _y_axis(c: Canvas, plot, lo: float, hi: float, step: float) -> None:
    x0, y0, x1, y1 = plot
    n = int(round((hi - lo) / step))
    for k in range(n + 1):
        value = lo + k * step
        y = _y_of(plot, value, lo, hi)
        zero = abs(value) < step / 1000
        c.line([(x0, y), (x1, y)], fill=AXIS if zero else GRID, width=2.5 if zero else 1.5)
        c.text((x0 - 10, y), format_number(round(value, 6)), "sans", 22, fill=INK, anchor="rm")
    c.line([(x0, y0 - 4), (x0, y1)], fill=AXIS, width=2.5)


def _y_of(plot, value: float, lo: float, hi: float) -> float:
    _, y0, _, y1 = plot
    value = min(max(value, lo), hi)
    return y1 - (y1 - y0) * (value - lo) / (hi - lo)


def _axis_range(spec, values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of the y axis: from 0 (or a round negative) to a round top."""
    data_max, data_min = max(max(values), 0.0), min(min(values), 0.0)
    if spec.y_max:
        hi = max(spec.y_max, data_max)
        step = _step_for(hi - data_min if data_min < 0 else hi)
    else:
        span = data_max - data_min if data_min < 0 else data_max
        hi, step = nice_max(span) if data_min >= 0 else (None, _step_for(span * 1.08))
        if hi is None:
            hi = math.ceil(data_max * 1.04 / step) * step
    lo = -math.ceil(-data_min * 1.04 / step) * step if data_min < 0 else 0.0
    if hi <= lo:
        hi = lo + step
    return lo, hi, step


def _x_label(c: Canvas, text: str, cx: float, width: float, y: float) -> None:
    lines = c.wrap(text, "sans", 22, width)
    if len(lines) > 2:
        note_cut(text)
    for i, line in enumerate(lines[:2]):
        shown = line if i == 0 or len(lines) <= 2 else c._ellipsize(line + "…", "sans", 22, width)
        c.text_line((cx - width / 2, y + i * 26, cx + width / 2, y + 26 + i * 26), shown, "sans", 22, fill=INK)


def _tick_label(c: Canvas, text: str, cx: float, slot: float, y: float, turned: float) -> None:
    if not turned:
        _x_label(c, text, cx, slot - 6, y)
        return
    shown = c._ellipsize(clean(text), "sans", 22, turned - 12)
    _vertical_text(c, shown, (cx, y), 22, INK, face="sans", top_anchor=True)


def _plot_width(w: int, spec) -> float:
    return (w - 34) - (96 + (34 if spec.y_label else 0))


def draw_bar_chart(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, (255, 255, 255)))
    turned = _tick_labels_turned(c, [b.label for b in spec.bars], _plot_width(w, spec) / len(spec.bars), h)
    plot = _frame(c, spec, w, h, tick_h=turned)
    x0, y0, x1, y1 = plot
    lo, hi, step = _axis_range(spec, [b.value for b in spec.bars])
    _y_axis(c, plot, lo, hi, step)
    n = len(spec.bars)
    slot = (x1 - x0) / n
    for i, bar in enumerate(spec.bars):
        cx = x0 + slot * (i + 0.5)
        bw = slot * 0.62
        by = _y_of(plot, bar.value, lo, hi)
        colour = rgb(bar.color or "blue")
        c.rect((cx - bw / 2, by, cx + bw / 2, y1 - 1), fill=colour, outline=(40, 40, 45), width=1)
        label = format_number(bar.value)
        c.text_line((cx - slot / 2, by - 32, cx + slot / 2, by - 4), label, "bold", 22, fill=INK)
        _tick_label(c, bar.label, cx, slot, y1 + 8, turned)
    return c.finish()


def draw_line_chart(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, (255, 255, 255)))
    legend_h = _legend_height(c, spec, w)
    turned = _tick_labels_turned(c, list(spec.x), _plot_width(w, spec) / len(spec.x), h)
    plot = _frame(c, spec, w, h, legend_h, tick_h=turned)
    _legend(c, spec, (40, plot[1] - legend_h - 6, w - 40, plot[1] - 10))
    x0, y0, x1, y1 = plot
    lo, hi, step = _axis_range(spec, [v for s in spec.series for v in s.values])
    _y_axis(c, plot, lo, hi, step)
    n = len(spec.x)
    slot = (x1 - x0) / n
    xs = [x0 + slot * (i + 0.5) for i in range(n)]
    for i, label in enumerate(spec.x):
        c.line([(xs[i], y1), (xs[i], y1 + 6)], fill=AXIS, width=2)
        _tick_label(c, label, xs[i], slot, y1 + 10, turned)
    label_points = len(spec.series) == 1 and n <= 10
    for k, series in enumerate(spec.series):
        colour = rgb(series.color or SERIES_COLOURS[k % len(SERIES_COLOURS)])
        pts = [(xs[i], _y_of(plot, v, lo, hi)) for i, v in enumerate(series.values)]
        c.line(pts, fill=colour, width=4)
        for (px, py), v in zip(pts, series.values):
            c.circle(px, py, 7, fill=colour, outline="white", width=2)
            if label_points:
                c.text((px, py - 14), format_number(v), "bold", 21, fill=INK, anchor="ms")
    return c.finish()


def _legend_height(c: Canvas, spec, w: int) -> float:
    return 40.0 * len(_legend_rows(c, spec, w - 80))


def _legend_rows(c: Canvas, spec, width: float) -> list[list[int]]:
    rows: list[list[int]] = [[]]
    used = 0.0
    for k, s in enumerate(spec.series):
        item = c.tw(s.name, "sans", 22) + 64
        if rows[-1] and used + item > width:
            rows.append([])
            used = 0.0
        rows[-1].append(k)
        used += item
    return rows


def _legend(c: Canvas, spec, box) -> None:
    x0, y0, x1, _ = box
    for r, row in enumerate(_legend_rows(c, spec, x1 - x0)):
        total = sum(c.tw(spec.series[k].name, "sans", 22) + 64 for k in row)
        x = (x0 + x1 - total) / 2
        y = y0 + r * 40 + 20
        for k in row:
            colour = rgb(spec.series[k].color or SERIES_COLOURS[k % len(SERIES_COLOURS)])
            c.line([(x, y), (x + 36, y)], fill=colour, width=5)
            c.circle(x + 18, y, 6, fill=colour)
            name = spec.series[k].name
            c.text((x + 44, y), name, "sans", 22, fill=INK, anchor="lm")
            x += c.tw(name, "sans", 22) + 64
