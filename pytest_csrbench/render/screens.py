"""`screen`: screenshots of desktop apps (login, email, terminal, alert, settings, web, tasks, game).

Phone-shaped styles (chat, social, phone) are in phones.py.
"""

from __future__ import annotations

from .canvas import Canvas, rgb, shade
from .widgets import (ACCENT, BORDER, MUTED, avatar, browser, button, button_row, is_secret, shadow_box,
                      text_input, window)


def draw_screen(spec, w: int, h: int):
    if spec.style in ("chat", "social", "phone"):
        from .phones import draw_phone_screen

        return draw_phone_screen(spec, w, h)
    c = Canvas(w, h, "white")
    STYLES[spec.style](c, spec, w, h)
    return c.finish()


def _login(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.app)
    c.rect((x0, y0, x1, y1), fill=rgb(spec.background, (238, 242, 248)))
    cw = min(w * 0.84, 560)
    rest = 52 * bool(spec.title) + 84 * len(spec.fields) + 70 * bool(spec.buttons) \
        + 32 * max(0, len(spec.buttons) - 1) + 30 * len(spec.lines) + 50
    compact = rest + 100 > y1 - y0 - 24  # no room for the logo: show the app name only
    need = rest + (44 if compact else 100)
    ch = min(y1 - y0 - 24, max(need, (y1 - y0) * 0.55))
    top = y0 + (y1 - y0 - ch) / 2
    card = ((w - cw) / 2, top, (w + cw) / 2, top + ch)
    shadow_box(c, card)
    cx0, cy0, cx1, cy1 = card[0] + 30, card[1] + 18, card[2] - 30, card[3] - 14
    if compact:
        c.text_line((cx0, cy0, cx1, cy0 + 36), spec.app, "bold", 26, fill=(40, 40, 45))
        y = cy0 + 44
    else:
        y = _logo(c, spec, (cx0, cy0, cx1), 46)
    if spec.title:
        c.text_line((cx0, y, cx1, y + 42), spec.title, "bold", 32, fill=(30, 30, 35))
        y += 52
    room = cy1 - y - 70 * bool(spec.buttons) - 32 * max(0, len(spec.buttons) - 1) - 30 * len(spec.lines)
    field_h = max(74.0, min(96.0, room / max(1, len(spec.fields))))
    for f in spec.fields:
        text_input(c, (cx0, y, cx1, y + field_h - 14), f.label, f.value, is_secret(f.label, f.value))
        y += field_h
    if spec.buttons:
        button(c, (cx0, y + 2, cx1, y + 56), spec.buttons[0])
        y += 66
        for link in spec.buttons[1:]:
            c.text_line((cx0, y, cx1, y + 30), link, "sans", 21, fill=ACCENT)
            y += 32
    if spec.lines:
        c.text_block((cx0, y + 2, cx1, max(cy1, y + 30)), spec.lines, "sans", 20, MUTED, align="center",
                     para_gap=0.1)


def _logo(c: Canvas, spec, row, size: float) -> float:
    """App logo (icon or initial) with the app name; returns the y below it."""
    x0, y0, x1 = row
    cx = (x0 + x1) / 2
    if spec.icon:
        c.emoji(spec.icon, (cx, y0 + size / 2), size)
    else:
        avatar(c, cx, y0 + size / 2, size / 2, spec.app, colour=ACCENT)
    c.text_line((x0, y0 + size + 6, x1, y0 + size + 42), spec.app, "bold", 26, fill=(40, 40, 45))
    return y0 + size + 54


def _email(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.app)
    side = min(150, w * 0.18)
    c.rect((x0, y0, side, y1), fill=(243, 245, 248))
    for i in range(5):
        c.rect((18, y0 + 30 + i * 44, side - 18 - (i % 3) * 16, y0 + 48 + i * 44), fill=(214, 219, 226), radius=6)
    c.rect((12, y0 + 22, side - 12, y0 + 56), outline=ACCENT, width=2, radius=8)
    px0, px1 = side + 28, x1 - 28
    y = y0 + 22
    if spec.subject:
        _, sh = c.block_height(px1 - px0, spec.subject, "bold", 32, 100, spacing=1.1)
        c.text_block((px0, y, px1, y + sh + 1), spec.subject, "bold", 32, (25, 25, 30), spacing=1.1)
        y += sh + 14
    if spec.sender:
        avatar(c, px0 + 22, y + 22, 22, spec.sender)
        _, sh = c.block_height(px1 - px0 - 56, spec.sender, "sans", 22, 90, spacing=1.1)
        c.text_block((px0 + 56, y + 8, px1, y + 9 + sh), spec.sender, "sans", 22, (50, 50, 55), spacing=1.1)
        y += max(58, sh + 22)
    if spec.title:
        c.text_line((px0, y, px1, y + 34), spec.title, "bold", 24, fill=(40, 40, 45), align="left")
        y += 40
    c.line([(px0, y), (px1, y)], fill=BORDER, width=1.5)
    bottom = y1 - (84 if spec.buttons else 24)
    _fields_and_lines(c, spec, (px0, y + 18, px1, bottom))
    if spec.buttons:
        button_row(c, (px0, y1 - 74, px1, y1 - 24), spec.buttons, align="left")


def _fields_and_lines(c: Canvas, spec, box) -> float:
    """Label: value rows (if any) then paragraphs; returns the y below them."""
    x0, y0, x1, y1 = box
    y = y0
    for f in spec.fields:
        c.text_line((x0, y, x0 + (x1 - x0) * 0.38, y + 32), f.label + ":", "bold", 22, fill=(60, 60, 65),
                    align="left")
        c.text_line((x0 + (x1 - x0) * 0.4, y, x1, y + 32), f.value, "sans", 22, fill=(30, 30, 30), align="left")
        y += 38
    if spec.lines and y1 - y > 24:
        y = c.text_block((x0, y + 6, x1, y1), spec.lines, "sans", 26, (30, 30, 35), para_gap=0.45)
    return y


def _terminal(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.title or spec.app, dark=True)
    c.rect((x0, y0, x1, y1), fill=rgb(spec.background, (18, 20, 24)))
    lines = list(spec.lines) + [f"{r[0]}  " + "  ".join(r[1:]) for r in spec.rows if r]
    y = c.text_block((x0 + 20, y0 + 16, x1 - 20, y1 - 50), lines, "mono", 24, (215, 230, 215),
                     para_gap=0.05, spacing=1.25)
    c.text((x0 + 20, y + 6), "$ ", "mono", 24, fill=(120, 220, 120))
    c.rect((x0 + 20 + c.tw("$ ", "mono", 24), y + 8, x0 + 34 + c.tw("$ ", "mono", 24), y + 34),
           fill=(215, 230, 215))


def _alert(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.app)
    c.rect((x0, y0, x1, y1), fill=(120, 124, 132))
    for i in range(6):
        c.rect((40, y0 + 40 + i * 70, x1 - 40 - (i % 2) * 140, y0 + 70 + i * 70), fill=(140, 144, 152), radius=8)
    dw = min(w * 0.84, 620)
    body = list(spec.lines) + [f"{f.label}: {f.value}" for f in spec.fields]
    _, th = c.block_height(dw - 60, spec.title or "", "bold", 34, 100, spacing=1.1)
    _, bh = c.block_height(dw - 60, body, "sans", 26, (y1 - y0) * 0.5, para_gap=0.25) if body else (0, 0)
    dh = min((y1 - y0) * 0.86, 26 + 96 + th + 12 + bh + 24 + (80 if spec.buttons else 0) + 24)
    top = y0 + (y1 - y0 - dh) / 2
    box = ((w - dw) / 2, top, (w + dw) / 2, top + dh)
    shadow_box(c, box, radius=18)
    bx0, by0, bx1, by1 = box[0] + 30, box[1] + 26, box[2] - 30, box[3] - 24
    size = 80
    cx = (bx0 + bx1) / 2
    if spec.icon:
        c.emoji(spec.icon, (cx, by0 + size / 2), size)
    else:
        c.polygon([(cx, by0), (cx + size * 0.55, by0 + size * 0.9), (cx - size * 0.55, by0 + size * 0.9)],
                  fill=(230, 160, 20))
        c.text((cx, by0 + size * 0.58), "!", "bold", size * 0.5, fill="white", anchor="mm")
    y = by0 + size + 16
    if spec.title:
        _, th = c.block_height(bx1 - bx0, spec.title, "bold", 34, 100, spacing=1.1)
        c.text_block((bx0, y, bx1, y + th + 1), spec.title, "bold", 34, (25, 25, 30), align="center", spacing=1.1)
        y += th + 12
    bottom = by1 - (70 if spec.buttons else 0)
    c.text_block((bx0, y, bx1, bottom), body, "sans", 26, (50, 50, 55), align="center", para_gap=0.25)
    if spec.buttons:
        button_row(c, (bx0, by1 - 56, bx1, by1), spec.buttons)


def _settings(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.app)
    side = min(170, w * 0.2)
    c.rect((x0, y0, side, y1), fill=(243, 245, 248))
    for i in range(6):
        c.circle(30, y0 + 40 + i * 50, 10, fill=(190, 196, 206))
        c.rect((50, y0 + 32 + i * 50, side - 20 - (i % 2) * 20, y0 + 48 + i * 50), fill=(214, 219, 226), radius=6)
    px0, px1 = side + 30, x1 - 30
    y = y0 + 20
    if spec.title:
        c.text_line((px0, y, px1, y + 46), spec.title, "bold", 34, fill=(25, 25, 30), align="left")
        y += 60
    row_h = min(72.0, (y1 - y - 80) / max(1, len(spec.fields)))
    for f in spec.fields:
        _setting_row(c, (px0, y, px1, y + row_h - 10), f.label, f.value)
        y += row_h
    if spec.lines:
        y = c.text_block((px0, y + 6, px1, y1 - 80), spec.lines, "sans", 22, MUTED, para_gap=0.2)
    button_row(c, (px0, y1 - 70, px1, y1 - 20), spec.buttons, align="right")


def _setting_row(c: Canvas, box, label: str, value: str) -> None:
    x0, y0, x1, y1 = box
    c.rect(box, fill=(250, 251, 252), outline=BORDER, width=1.5, radius=10)
    c.text_line((x0 + 16, y0, x0 + (x1 - x0) * 0.55, y1), label, "sans", 24, fill=(30, 30, 35), align="left")
    toggle = value.strip().lower()
    if toggle in ("on", "off", "true", "false", "enabled", "disabled", "yes", "no"):
        on = toggle in ("on", "true", "enabled", "yes")
        tx1, cy = x1 - 16, (y0 + y1) / 2
        c.rect((tx1 - 60, cy - 16, tx1, cy + 16), fill=(40, 180, 90) if on else (190, 194, 200), radius=16)
        c.circle(tx1 - 16 if on else tx1 - 44, cy, 13, fill="white")
        c.text_line((x0 + (x1 - x0) * 0.55, y0, tx1 - 72, y1), value, "sans", 22, fill=MUTED, align="right")
    else:
        c.text_line((x0 + (x1 - x0) * 0.55, y0, x1 - 16, y1), value, "bold", 22, fill=(40, 40, 45), align="right")


def _webpage(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = browser(c, w, h, spec.app)
    c.rect((x0, y0, x1, y0 + 56), fill=rgb(spec.background, (30, 41, 59)))
    name = spec.app.split("://")[-1].split("/")[0].removeprefix("www.")
    menu = 3 if w >= 700 else 0
    c.text_line((24, y0 + 6, w - 24 - menu * 90, y0 + 50), name, "bold", 26, fill="white", align="left")
    for i in range(menu):
        c.rect((w - 60 - i * 90, y0 + 22, w - 24 - i * 90, y0 + 34), fill=(120, 130, 150), radius=5)
    px0, px1 = 36, x1 - 36
    y = y0 + 80
    if spec.icon:
        c.emoji(spec.icon, ((px0 + px1) / 2, y + 40), 80)
        y += 96
    if spec.title:
        _, th = c.block_height(px1 - px0, spec.title, "bold", 44, 150, spacing=1.1)
        c.text_block((px0, y, px1, y + th + 1), spec.title, "bold", 44, (20, 20, 25), spacing=1.1)
        y += th + 16
    bottom = y1 - (90 if spec.buttons else 20)
    y = _fields_and_lines(c, spec, (px0, y, px1, bottom))
    if spec.buttons:
        button_row(c, (px0, min(y + 20, y1 - 76), px1, min(y + 76, y1 - 20)), spec.buttons, align="left")


TASK_HEADINGS = {1: ["Name"], 2: ["Name", "Status"], 3: ["Name", "CPU", "Memory"],
                 4: ["Name", "Status", "CPU", "Memory"], 5: ["Name", "PID", "Status", "CPU", "Memory"]}
COLUMN_WEIGHT = {"Name": 3.0, "PID": 1.1, "Status": 2.5, "CPU": 1.1, "Memory": 1.6}


def _taskmanager(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.app)
    px0, px1 = 20, x1 - 20
    y = y0 + 14
    if spec.title:
        c.text_line((px0, y, px1, y + 40), spec.title, "bold", 30, fill=(25, 25, 30), align="left")
        y += 52
    ncol = max((len(r) for r in spec.rows), default=3)
    heads = TASK_HEADINGS.get(ncol, [f"Col {i + 1}" for i in range(ncol)])
    weights = [COLUMN_WEIGHT.get(head, 2.0) for head in heads]
    widths = [wt / sum(weights) for wt in weights]
    _task_row(c, (px0, y, px1, y + 40), heads, widths, header=True)
    y += 42
    row_h = min(46.0, (y1 - y - 90) / max(1, len(spec.rows)))
    for i, row in enumerate(spec.rows):
        _task_row(c, (px0, y, px1, y + row_h), list(row) + [""] * (ncol - len(row)), widths, selected=i == 0,
                  stripe=i % 2 == 1)
        y += row_h
    if spec.lines:
        c.text_block((px0, y + 8, px1, y1 - 80), spec.lines, "sans", 21, MUTED, para_gap=0.1)
    button_row(c, (px0, y1 - 66, px1, y1 - 18), spec.buttons, align="right")


def _task_row(c: Canvas, box, cells, widths, header=False, selected=False, stripe=False) -> None:
    x0, y0, x1, y1 = box
    if header:
        c.rect(box, fill=(236, 238, 242))
    elif selected:
        c.rect(box, fill=(204, 226, 255))
    elif stripe:
        c.rect(box, fill=(248, 249, 251))
    x = x0
    for cell, frac in zip(cells, widths):
        cw = (x1 - x0) * frac
        c.text_line((x + 8, y0, x + cw - 6, y1), cell, "bold" if header else "sans", 22 if c.w >= 700 else 20,
                    fill=(50, 50, 55) if header else (25, 25, 30), align="left")
        x += cw
    c.line([(x0, y1), (x1, y1)], fill=BORDER, width=1)


def _game(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = window(c, w, h, spec.app, dark=True)
    sky = rgb(spec.background, (40, 60, 120))
    c.rect((x0, y0, x1, y1), fill=sky)
    ground = y0 + (y1 - y0) * 0.62
    c.rect((x0, ground, x1, y1), fill=(60, 110, 50))
    for i in range(7):
        x = x0 + (i + 0.5) * w / 7
        c.polygon([(x - 60, ground), (x, ground - 60 - (i % 3) * 30), (x + 60, ground)], fill=shade(sky, 0.7))
    _game_hud(c, spec, (x0, y0, x1, y0 + 52))
    if spec.icon:
        size = min(170, (ground - y0) * 0.5)
        c.emoji(spec.icon, (w / 2, ground - size / 2 - 6), size)
    if spec.title:
        c.text_line((x0 + 20, y0 + 64, x1 - 20, y0 + 124), spec.title, "bold", 44, fill=(255, 235, 120))
    box_top = ground + 20
    if spec.lines or spec.buttons:
        c.rect((x0 + 20, box_top, x1 - 20, y1 - 16), fill=(15, 15, 25), outline=(230, 210, 120), width=3, radius=12)
        bottom = y1 - (80 if spec.buttons else 28)
        c.text_block((x0 + 40, box_top + 14, x1 - 40, bottom), spec.lines, "bold", 26, (245, 245, 245), para_gap=0.2)
        button_row(c, (x0 + 40, y1 - 72, x1 - 40, y1 - 28), spec.buttons, colour=(200, 140, 30))


def _game_hud(c: Canvas, spec, bar) -> None:
    x0, y0, x1, y1 = bar
    c.rect(bar, fill=(0, 0, 0))
    items = spec.fields
    if not items:
        return
    cw = (x1 - x0) / len(items)
    for i, f in enumerate(items):
        c.text_line((x0 + i * cw + 12, y0, x0 + (i + 1) * cw - 12, y1), f"{f.label}: {f.value}", "bold", 24,
                    fill=(255, 220, 90) if i % 2 == 0 else (130, 230, 255))


STYLES = {"login": _login, "email": _email, "terminal": _terminal, "alert": _alert, "settings": _settings,
          "webpage": _webpage, "taskmanager": _taskmanager, "game": _game}
