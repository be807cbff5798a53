"""`receipt` (till slip), `form` (boxed fields and tick boxes) and `table` (ruled grid)."""

from __future__ import annotations

from .canvas import Canvas, note_cut, rgb

DESK = (96, 108, 120)
INK = (25, 25, 30)


# --- receipt ------------------------------------------------------------------------------------

def draw_receipt(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, DESK))
    rows = _receipt_rows(spec)
    size = 26
    step = c.lh("mono", size) * 1.2
    need = step * (len(rows) + 2) + 70
    while need > h * 0.94 and size > 20:
        size -= 1
        step = c.lh("mono", size) * 1.2
        need = step * (len(rows) + 2) + 70
    pw = min(w * 0.8, max(w * 0.62, c.tw("M" * 30, "mono", size) + 60))
    ph = min(h * 0.94, need)
    x0, y0 = (w - pw) / 2, (h - ph) / 2
    _paper(c, (x0, y0, x0 + pw, y0 + ph))
    _receipt_text(c, rows, (x0 + 30, y0 + 30, x0 + pw - 30, y0 + ph - 24), size, step)
    return c.finish()


def _paper(c: Canvas, box) -> None:
    x0, y0, x1, y1 = box
    c.rect((x0 + 6, y0 + 8, x1 + 6, y1 + 8), fill=(60, 68, 76))
    c.rect(box, fill=(252, 251, 246))
    teeth = int((x1 - x0) // 16)
    for k in range(teeth):
        tx = x0 + k * (x1 - x0) / teeth
        c.polygon([(tx, y1), (tx + (x1 - x0) / teeth / 2, y1 + 8), (tx + (x1 - x0) / teeth, y1)], fill=(252, 251, 246))


def _receipt_rows(spec) -> list[tuple[str, str, str]]:
    """(kind, left, right) rows: kind is title, text, item, rule, total."""
    rows = [("title", spec.store, "")]
    if spec.date:
        rows.append(("center", spec.date, ""))
    rows.append(("rule", "", ""))
    for item in spec.items:
        name = f"{item.qty} x {item.name}" if item.qty is not None else item.name
        rows.append(("item", name, item.price))
    rows.append(("rule", "", ""))
    rows.append(("total", "TOTAL", spec.total))
    rows.extend(("center", line, "") for line in spec.lines)
    return rows


def _receipt_text(c: Canvas, rows, box, size: float, step: float) -> None:
    x0, y0, x1, y1 = box
    y = y0
    for kind, left, right in rows:
        if y + step > y1 + 1:
            note_cut(f"{left} {right}".strip())
            break
        if kind == "rule":
            dash, mid = 10.0, y + step / 2
            for k in range(int((x1 - x0) // (dash * 1.8)) + 1):
                dx = x0 + k * dash * 1.8
                c.line([(dx, mid), (min(x1, dx + dash), mid)], fill=(120, 120, 120), width=2)
        elif kind in ("title", "center"):
            c.text_line((x0, y, x1, y + step), left, "bold" if kind == "title" else "mono",
                        size + (6 if kind == "title" else 0), fill=INK)
        else:
            face = "bold" if kind == "total" else "mono"
            pw = c.tw(right, face, size) + 16
            c.text_line((x0, y, x1 - pw, y + step), left, face, size, fill=INK, align="left")
            c.text_line((x1 - pw, y, x1, y + step), right, face, size, fill=INK, align="right")
        y += step


# --- form ---------------------------------------------------------------------------------------

def draw_form(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, (210, 214, 220)))
    x0, y0, x1, y1 = w * 0.05, h * 0.03, w * 0.95, h * 0.97
    c.rect((x0 + 5, y0 + 7, x1 + 5, y1 + 7), fill=(170, 175, 182))
    c.rect((x0, y0, x1, y1), fill="white")
    _, th = c.block_height(x1 - x0 - 60, spec.title, "bold", 38, 110, spacing=1.1)
    c.rect((x0, y0, x1, y0 + th + 36), fill=(35, 60, 110))
    c.text_block((x0 + 30, y0 + 18, x1 - 30, y0 + th + 20), spec.title, "bold", 38, "white", spacing=1.1)
    y = y0 + th + 56
    n = len(spec.fields) + (len(spec.checkboxes) + 1) // 2 * 0.6
    row = min(86.0, (y1 - y - 20) / max(1.0, n))
    for f in spec.fields:
        _form_field(c, (x0 + 30, y, x1 - 30, y + row - 12), f.label, f.value)
        y += row
    _checkboxes(c, spec.checkboxes, (x0 + 30, y + 6, x1 - 30, y1 - 16), min(row * 0.6, 52))
    return c.finish()


def _form_field(c: Canvas, box, label: str, value: str) -> None:
    x0, y0, x1, y1 = box
    label_h = min(26, (y1 - y0) * 0.4)
    c.text_line((x0, y0, x1, y0 + label_h), label, "bold", 20, fill=(70, 75, 85), align="left")
    c.rect((x0, y0 + label_h + 2, x1, y1), fill=(247, 249, 252), outline=(120, 125, 135), width=1.5)
    c.text_line((x0 + 12, y0 + label_h + 2, x1 - 12, y1), value, "italic", 26, fill=(20, 30, 110), align="left")


def _checkboxes(c: Canvas, boxes, area, row: float) -> None:
    x0, y0, x1, y1 = area
    col_w = (x1 - x0) / 2
    for i, cb in enumerate(boxes):
        cx = x0 + (i % 2) * col_w
        cy = y0 + (i // 2) * row
        if cy + row > y1 + 1:
            note_cut(cb.label)
            break
        s = min(30, row * 0.7)
        top = cy + (row - s) / 2
        c.rect((cx, top, cx + s, top + s), fill="white", outline=(60, 60, 70), width=2)
        if cb.checked:
            c.line([(cx + s * 0.18, top + s * 0.5), (cx + s * 0.42, top + s * 0.78), (cx + s * 0.85, top + s * 0.15)],
                   fill=(20, 30, 110), width=4)
        c.text_line((cx + s + 12, cy, cx + col_w - 12, cy + row), cb.label, "sans", 23, fill=INK, align="left")


# --- table --------------------------------------------------------------------------------------

def draw_table(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, (246, 247, 249)))
    x0, x1 = w * 0.05, w * 0.95
    y = h * 0.05
    if spec.title:
        _, th = c.block_height(x1 - x0, spec.title, "bold", 38, h * 0.2, spacing=1.1)
        c.text_block((x0, y, x1, y + th + 1), spec.title, "bold", 38, INK, spacing=1.1)
        y += th + 18
    ncols = len(spec.columns)
    widths = _column_widths(c, spec, x1 - x0)
    size = _table_size(c, spec, widths, (h * 0.95 - y) / (len(spec.rows) + 1))
    row_h = max(c.lh("sans", size) + 18, min(size * 2.5, (h * 0.95 - y) / (len(spec.rows) + 1)))
    _table_row(c, (x0, y, x1, y + row_h), spec.columns, widths, size, header=True)
    y += row_h
    for i, row in enumerate(spec.rows):
        if y + row_h > h * 0.97:
            note_cut(" | ".join(row))
            break
        _table_row(c, (x0, y, x1, y + row_h), row, widths, size, stripe=i % 2 == 1)
        y += row_h
    return c.finish()


def _table_size(c: Canvas, spec, widths: list[float], row_room: float) -> float:
    """The largest text size (30 down to 20) at which every cell fits its column and row."""
    for size in (30, 28, 26, 24, 22):
        if c.lh("sans", size) + 18 > row_room:
            continue
        if all(c.tw(cell, "bold", size) <= wd - 20 for row in [spec.columns, *spec.rows]
               for cell, wd in zip(row, widths)):
            return size
    return 20


def _column_widths(c: Canvas, spec, total: float) -> list[float]:
    """Columns share the width in proportion to their longest text (each at least 10%)."""
    longest = []
    for j, col in enumerate(spec.columns):
        texts = [col] + [r[j] for r in spec.rows]
        longest.append(max(c.tw(t, "sans", 24) for t in texts) + 24)
    scale = total / sum(longest)
    widths = [max(total * 0.1, wd * scale) for wd in longest]
    k = total / sum(widths)
    return [wd * k for wd in widths]


def _table_row(c: Canvas, box, cells, widths, size: float, header=False, stripe=False) -> None:
    x0, y0, x1, y1 = box
    fill = (40, 70, 120) if header else ((236, 240, 246) if stripe else (255, 255, 255))
    c.rect(box, fill=fill, outline=(170, 176, 186), width=1)
    x = x0
    for cell, cw in zip(cells, widths):
        c.text_line((x + 12, y0, x + cw - 10, y1), cell, "bold" if header else "sans", size,
                    fill=(255, 255, 255) if header else INK, align="left")
        x += cw
        c.line([(x, y0), (x, y1)], fill=(170, 176, 186), width=1)
