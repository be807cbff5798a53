"""Phone-shaped screens: `chat` (message bubbles), `social` (a post), `phone` (lock screen)."""

from __future__ import annotations

from .canvas import Canvas, note_cut, rgb
from .widgets import ACCENT, BORDER, MUTED, avatar, button_row, phone

BACKDROP = (226, 230, 236)


def draw_phone_screen(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, BACKDROP))
    {"chat": _chat, "social": _social, "phone": _lock}[spec.style](c, spec, w, h)
    return c.finish()


def _app_bar(c: Canvas, box, title: str, subtitle: str = "") -> float:
    x0, y0, x1, _ = box
    c.rect((x0, y0, x1, y0 + 64), fill=(245, 246, 248))
    c.text((x0 + 16, y0 + 32), "‹", "bold", 40, fill=ACCENT, anchor="lm")
    if subtitle:
        c.text_line((x0 + 44, y0 + 2, x1 - 12, y0 + 36), title, "bold", 26, fill=(20, 20, 25))
        c.text_line((x0 + 44, y0 + 34, x1 - 12, y0 + 60), subtitle, "sans", 20, fill=MUTED)
    else:
        c.text_line((x0 + 44, y0 + 6, x1 - 12, y0 + 58), title, "bold", 28, fill=(20, 20, 25))
    c.line([(x0, y0 + 64), (x1, y0 + 64)], fill=BORDER, width=1.5)
    return y0 + 64


def _chat(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = phone(c, w, h, (255, 255, 255))
    y = _app_bar(c, (x0, y0, x1, y1), spec.title or spec.app, spec.app if spec.title else "") + 14
    messages = [_split_speaker(line) for line in spec.lines]
    speakers = list(dict.fromkeys(name for name, _ in messages if name))
    area_w, bottom = x1 - x0 - 24, y1 - 70
    size = next((s for s in (24, 23, 22, 21) if y + _chat_height(c, messages, area_w, s) <= bottom), 20)
    for line, (name, text) in zip(spec.lines, messages):
        right = bool(name) and speakers.index(name) % 2 == 1
        y = _bubble(c, (x0 + 12, y, x1 - 12, bottom), name, text, right, size)
        if y is None:
            note_cut(line)
            break
        y += 12
    c.rect((x0 + 12, y1 - 58, x1 - 12, y1 - 10), fill=(240, 242, 245), outline=BORDER, width=1.5, radius=24)
    c.circle(x1 - 36, y1 - 34, 18, fill=ACCENT)


def _chat_height(c: Canvas, messages, width: float, size: float) -> float:
    step = c.lh("sans", size) * 1.15
    return sum((26 if name else 0) + len(c.wrap(text, "sans", size, width * 0.8 - 32)) * step + 34
               for name, text in messages)


def _split_speaker(line: str) -> tuple[str, str]:
    head, sep, tail = line.partition(": ")
    if sep and 0 < len(head) <= 24 and "\n" not in head:
        return head, tail
    return "", line


def _bubble(c: Canvas, area, name: str, text: str, right: bool, size: float = 23):
    """One message bubble at the top of `area`; returns the y below it, or None if it does not fit."""
    x0, y0, x1, y1 = area
    max_w = (x1 - x0) * 0.8
    lines = c.wrap(text, "sans", size, max_w - 32)
    step = c.lh("sans", size) * 1.15
    name_h = 26 if name else 0
    room = int((y1 - y0 - name_h - 22) // step)
    if room < 1:
        return None
    if len(lines) > room:  # cut a long message to the space left
        lines = lines[:room - 1] + [c._ellipsize(lines[room - 1] + "…", "sans", size, max_w - 32)]
        note_cut(text)
    height = name_h + len(lines) * step + 22
    width = max([c.tw(ln, "sans", size) for ln in lines] + [c.tw(name, "bold", 20) if name else 0]) + 32
    bx0 = x1 - width if right else x0
    fill = (37, 99, 235) if right else (233, 235, 239)
    ink = (255, 255, 255) if right else (20, 20, 25)
    c.rect((bx0, y0, bx0 + width, y0 + height), fill=fill, radius=18)
    if name:
        c.text((bx0 + 16, y0 + 10), name, "bold", 20, fill=(220, 230, 255) if right else ACCENT)
    for i, ln in enumerate(lines):
        c.text((bx0 + 16, y0 + 11 + name_h + i * step), ln, "sans", size, fill=ink)
    return y0 + height


def _social(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = phone(c, w, h, (255, 255, 255))
    c.rect((x0, y0, x1, y0 + 56), fill=(245, 246, 248))
    c.text_line((x0 + 12, y0 + 4, x1 - 12, y0 + 52), spec.app, "bold", 28, fill=ACCENT)
    y = y0 + 72
    author = spec.sender or spec.title or spec.app
    avatar(c, x0 + 40, y + 26, 26, author)
    c.text_line((x0 + 78, y, x1 - 12, y + 30), author, "bold", 23, fill=(20, 20, 25), align="left")
    if spec.subject:
        c.text_line((x0 + 78, y + 28, x1 - 12, y + 54), spec.subject, "sans", 20, fill=MUTED, align="left")
    y += 68
    if spec.title and spec.sender:
        _, th = c.block_height(x1 - x0 - 28, spec.title, "bold", 28, 100, spacing=1.1)
        c.text_block((x0 + 14, y, x1 - 14, y + th + 1), spec.title, "bold", 28, (20, 20, 25), spacing=1.1)
        y += th + 8
    bottom = y1 - (64 if spec.buttons else 10) - 40 * min(3, len(spec.fields))
    y = c.text_block((x0 + 14, y, x1 - 14, bottom), spec.lines, "sans", 30, (25, 25, 30), para_gap=0.3)
    for f in spec.fields[3:]:
        note_cut(f"{f.label}: {f.value}")
    for f in spec.fields[:3]:
        c.rect((x0 + 14, y + 6, x1 - 14, y + 38), fill=(242, 243, 246), radius=10)
        c.text_line((x0 + 24, y + 6, x1 - 24, y + 38), f"{f.label}: {f.value}", "sans", 20, fill=(40, 40, 45),
                    align="left")
        y += 40
    button_row(c, (x0 + 14, y1 - 56, x1 - 14, y1 - 12), spec.buttons)


def _lock(c: Canvas, spec, w: int, h: int) -> None:
    x0, y0, x1, y1 = phone(c, w, h, (40, 60, 110))
    band = (y1 - y0) / 8
    for i in range(3, 8):  # a soft vertical gradient as wallpaper
        c.rect((x0 - 8, y0 + band * i, x1 + 8, min(y1 + 18, y0 + band * (i + 1))), fill=(40 + 8 * i, 60 + 6 * i, 110 + 4 * i))
    c.rect((x0 - 8, y1 - 6, x1 + 8, y1 + 18), fill=(96, 108, 142), radius=0)
    c.text_line((x0, y0 + 10, x1, y0 + 40), spec.app, "sans", 20, fill=(225, 230, 245))
    if spec.title:
        c.text_line((x0 + 10, y0 + 44, x1 - 10, y0 + 140), spec.title, "bold", 80, fill="white")
    if spec.subject:
        c.text_line((x0 + 10, y0 + 140, x1 - 10, y0 + 176), spec.subject, "sans", 24, fill=(230, 235, 250))
    y = y0 + 196
    for line in spec.lines:
        y = _notification(c, (x0 + 6, y, x1 - 6, y1 - 60), line, spec.icon)
        if y is None:
            note_cut(line)
            break
        y += 10
    if spec.buttons:
        button_row(c, (x0 + 20, y1 - 56, x1 - 20, y1 - 10), spec.buttons)


def _notification(c: Canvas, area, line: str, icon):
    x0, y0, x1, y1 = area
    name, text = _split_speaker(line)
    lines = c.wrap(text, "sans", 21, x1 - x0 - 76)
    if len(lines) > 3:
        note_cut(text)
        lines = lines[:3]
    step = c.lh("sans", 21) * 1.12
    height = 18 + (26 if name else 0) + len(lines) * step
    if y0 + height > y1:
        return None
    c.rect((x0, y0, x1, y0 + height), fill=(238, 240, 246), radius=16)
    if icon:
        c.emoji(icon, (x0 + 32, y0 + 32), 36)
    else:
        c.rect((x0 + 14, y0 + 14, x0 + 50, y0 + 50), fill=ACCENT, radius=9)
    ty = y0 + 9
    if name:
        c.text((x0 + 64, ty), name, "bold", 21, fill=(20, 20, 25))
        ty += 26
    for i, ln in enumerate(lines):
        c.text((x0 + 64, ty + i * step), ln, "sans", 21, fill=(40, 40, 45))
    return y0 + height
