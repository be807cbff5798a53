"""`document`: a page of text (printed paper, typed, letter, sticky note, notebook, whiteboard)."""

from __future__ import annotations

from .canvas import Canvas, note_cut, rgb

DESK = (120, 92, 70)
# style -> (backdrop, page colour, ink, body face, title face, body start size)
STYLES = {
    "paper": (DESK, (252, 252, 250), (25, 25, 25), "sans", "bold", 30),
    "typed": (DESK, (247, 243, 230), (35, 35, 40), "mono", "mono", 28),
    "letter": (DESK, (253, 252, 248), (25, 25, 30), "serif", "serif_bold", 29),
    "note": ((205, 210, 215), (255, 236, 120), (30, 40, 110), "italic", "bold", 50),
    "handwritten": (DESK, (252, 252, 246), (25, 45, 150), "italic", "italic", 38),
    "whiteboard": ((190, 196, 204), (250, 251, 252), (20, 40, 140), "bold", "bold", 46),
}


def draw_document(spec, w: int, h: int):
    backdrop, page_fill, ink, face, title_face, start = STYLES[spec.style]
    c = Canvas(w, h, rgb(spec.background, backdrop))
    page = _page(c, spec.style, w, h, page_fill)
    x0, y0, x1, y1 = page
    if spec.footer:
        f_face = face if spec.style != "typed" else "mono"
        _, fh = c.block_height(x1 - x0, spec.footer, f_face, 20, 60, spacing=1.1)
        c.text_block((x0, y1 - fh - 4, x1, y1 - 3), spec.footer, f_face, 20, (90, 90, 90), align="center",
                     spacing=1.1)
        y1 -= fh + 14
    y = _header(c, spec, (x0, y0, x1, y1), ink)
    if spec.title:
        t_size, t_h = c.block_height(x1 - x0, spec.title, title_face, 46, (y1 - y) * 0.3, minimum=24, spacing=1.1)
        c.text_block((x0, y, x1, y + t_h + 1), spec.title, title_face, t_size, ink, align="left", spacing=1.1)
        y += t_h + 14
        if spec.style in ("paper", "typed"):
            c.line([(x0, y - 6), (x1, y - 6)], fill=(150, 150, 150), width=2)
            y += 8
    if spec.lines:
        _body(c, spec, (x0, y, x1, y1), ink, face, start)
    return c.finish()


def _page(c: Canvas, style: str, w: int, h: int, fill) -> tuple[float, float, float, float]:
    """Draw the sheet (or board, or note) and return the text area inside it."""
    if style == "whiteboard":
        c.rect((w * 0.03, h * 0.04, w * 0.97, h * 0.9), fill=(160, 165, 172), radius=6)
        c.rect((w * 0.045, h * 0.055, w * 0.955, h * 0.885), fill=fill)
        c.rect((w * 0.2, h * 0.9, w * 0.8, h * 0.93), fill=(150, 155, 160), radius=4)
        for i, col in enumerate(("blue", "red", "black")):
            x = w * 0.3 + i * 60
            c.rect((x, h * 0.905, x + 48, h * 0.925), fill=col, radius=5)
        return (w * 0.08, h * 0.08, w * 0.92, h * 0.86)
    if style == "note":
        m = min(w, h) * 0.1
        c.rect((m + 8, m + 10, w - m + 8, h - m + 10), fill=(150, 150, 150))
        c.rect((m, m, w - m, h - m), fill=fill)
        c.rect((m, m, w - m, m + 36), fill=(245, 222, 100))
        return (m + 36, m + 56, w - m - 36, h - m - 30)
    mx, my = w * 0.07, h * 0.04
    c.rect((mx + 7, my + 9, w - mx + 7, h - my + 9), fill=(60, 45, 35))
    c.rect((mx, my, w - mx, h - my), fill=fill, outline=(205, 205, 200), width=1)
    if style == "handwritten":
        c.line([(mx + 70, my), (mx + 70, h - my)], fill=(230, 120, 130), width=2)
        for i in range(3):
            c.circle(mx + 30, my + (h - 2 * my) * (0.2 + 0.3 * i), 10, fill=(60, 45, 35))
        return (mx + 86, my + 30, w - mx - 30, h - my - 24)
    return (mx + 42, my + 40, w - mx - 42, h - my - 32)


def _header(c: Canvas, spec, box, ink) -> float:
    x0, y0, x1, y1 = box
    if not spec.header:
        return y0
    if spec.style == "letter":
        size = c.text_line((x0, y0, x1, y0 + 44), spec.header, "serif_bold", 34, fill=(30, 60, 120), align="left")
        c.line([(x0, y0 + 52), (x1, y0 + 52)], fill=(30, 60, 120), width=3)
        return y0 + 70 if size else y0
    face = "mono" if spec.style == "typed" else "sans"
    _, hh = c.block_height(x1 - x0, spec.header, face, 22, 80, minimum=20)
    c.text_block((x0, y0, x1, y0 + hh + 1), spec.header, face, 22, (90, 90, 90))
    return y0 + hh + 12


def _body(c: Canvas, spec, box, ink, face: str, start: float) -> None:
    items = [_blank(line) for line in spec.lines]
    x0, y0, x1, y1 = box
    labels = [f"{i + 1}." for i in range(len(items))] if spec.numbered else [""] * len(items)
    indent = c.tw(labels[-1] + " ", face, start) if spec.numbered else 0
    gap = 0.0 if spec.style == "handwritten" else 0.3  # notebook text sits on the rules
    size, _ = c.block_height(x1 - x0 - indent, items, face, start, y1 - y0, spacing=1.3, para_gap=gap)
    indent = c.tw(labels[-1] + "  ", face, size) if spec.numbered else 0
    step = c.lh(face, size) * 1.3
    if spec.style == "handwritten":
        _rules(c, box, y0, step)
    y = y0
    for i, (label, item) in enumerate(zip(labels, items)):
        lines = c.wrap(item, face, size, x1 - x0 - indent)
        if y + step > y1 + 0.5:
            for rest in items[i:]:
                note_cut(rest or f"{label} (blank)")
            break
        if label:
            c.text((x0, y), label, face, size, ink)
        if not item:  # a blank numbered step is a line to write on; elsewhere an empty line
            if spec.numbered:
                c.line([(x0 + indent, y + step * 0.78), (x0 + indent + min(260, (x1 - x0 - indent) * 0.8),
                                                         y + step * 0.78)], fill=ink, width=2)
            lines = []
            y += step
        for line in lines:
            if y + step > y1 + 0.5:
                note_cut(line)
                break
            c.text((x0 + indent, y), line, face, size, ink)
            y += step
        y += step * gap


def _blank(line: str) -> str:
    """An empty step prints as a blank to fill in (drawn as a rule, see _body)."""
    return line if line.strip() else ""


def _rules(c: Canvas, box, y0: float, step: float) -> None:
    x0, _, x1, y1 = box
    y = y0 + step * 0.92
    while y < y1 + step:
        c.line([(x0 - 86, y), (x1 + 30, y)], fill=(170, 200, 235), width=1.5)
        y += step
