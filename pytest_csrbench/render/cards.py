"""`card` (ID cards, badges, tickets, name tags, business and membership cards) and `banknote`."""

from __future__ import annotations

from .canvas import Canvas, ink_for, note_cut, rgb, shade
from .figures import draw_portrait

TABLE = (72, 84, 96)
HEADER = {"id": (30, 80, 150), "badge": (20, 110, 110), "ticket": (150, 40, 90), "nametag": (205, 35, 45),
          "business": (35, 45, 60), "membership": (110, 50, 150), "license": (30, 120, 70)}
CARD_FILL = {"id": (236, 242, 248), "license": (236, 246, 236), "badge": (255, 255, 255), "ticket": (255, 250, 238),
             "nametag": (255, 255, 255), "business": (252, 252, 250), "membership": (255, 255, 255)}


def draw_card(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, TABLE))
    portrait = spec.style == "badge"
    ratio = 0.63 if portrait else 1.586
    cw = min(w * 0.92, h * 0.92 * ratio)
    ch = cw / ratio
    x0, y0 = (w - cw) / 2, (h - ch) / 2
    box = (x0, y0, x0 + cw, y0 + ch)
    c.rect((box[0] + 6, box[1] + 9, box[2] + 6, box[3] + 9), fill=shade(rgb(spec.background, TABLE), 0.7),
           radius=cw * 0.04)
    c.rect(box, fill=CARD_FILL[spec.style], outline=(170, 170, 170), width=1.5, radius=cw * 0.04)
    LAYOUT[spec.style](c, spec, box)
    return c.finish()


def _colour(spec):
    return rgb(spec.color) if spec.color else HEADER[spec.style]


def _header(c: Canvas, spec, box, height: float) -> float:
    x0, y0, x1, _ = box
    colour = _colour(spec)
    c.rect((x0, y0, x1, y0 + height), fill=colour, radius=(x1 - x0) * 0.04)
    c.rect((x0, y0 + height * 0.5, x1, y0 + height), fill=colour)
    tx0 = x0 + 20
    if spec.emblem:
        c.circle(x0 + 20 + height * 0.4, y0 + height / 2, height * 0.4, fill=(255, 255, 255))
        c.emoji(spec.emblem, (x0 + 20 + height * 0.4, y0 + height / 2), height * 0.58)
        tx0 = x0 + 32 + height * 0.8
    c.text_block((tx0, y0 + 6, x1 - 18, y0 + height - 4), spec.title, "bold", height * 0.4, ink_for(colour),
                 align="left", valign="middle", spacing=1.05, minimum=20)
    return y0 + height


def _photo(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    if spec.photo is None:
        c.rect(box, fill=(205, 212, 220), outline=(150, 150, 150), width=1.5)
        c.circle((x0 + x1) / 2, y0 + (y1 - y0) * 0.38, (x1 - x0) * 0.22, fill=(170, 178, 188))
        c.chord((x0 + (x1 - x0) * 0.12, y0 + (y1 - y0) * 0.62, x1 - (x1 - x0) * 0.12, y1 + (y1 - y0) * 0.45),
                180, 360, fill=(170, 178, 188))
        return
    c.paste(draw_portrait(spec.photo, int(x1 - x0), int(y1 - y0)), (x0, y0))
    c.rect(box, outline=(120, 120, 120), width=1.5)


def _fields(c: Canvas, fields, box, size: float = 24) -> float:
    """Label over value, one under another; returns the y below the last one shown."""
    x0, y0, x1, y1 = box
    y = y0
    step = c.lh("sans", 20) + c.lh("bold", size) + 6
    for f in fields:
        if y + step > y1 + 1:
            note_cut(f"{f.label}: {f.value}")
            break
        c.text((x0, y), f.label.upper(), "sans", 20, fill=(95, 100, 110))
        c.text_line((x0, y + c.lh("sans", 20), x1, y + c.lh("sans", 20) + c.lh("bold", size)), f.value, "bold",
                    size, fill=(20, 20, 25), align="left")
        y += step
    return y


def _barcode(c: Canvas, box, seed: str) -> None:
    x0, y0, x1, y1 = box
    x, i = x0, 0
    codes = [ord(ch) for ch in seed] or [7]
    while x < x1:
        bw = 1.5 + (codes[i % len(codes)] * (i + 3)) % 4
        if i % 2 == 0:
            c.rect((x, y0, min(x1, x + bw), y1), fill=(20, 20, 20))
        x += bw
        i += 1


def _id_layout(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    cw, ch = x1 - x0, y1 - y0
    top = _header(c, spec, box, ch * 0.2)
    pw = cw * 0.3
    photo = (x0 + cw * 0.04, top + ch * 0.06, x0 + cw * 0.04 + pw, min(y1 - ch * 0.08, top + ch * 0.06 + pw * 1.25))
    _photo(c, spec, photo)
    tx0 = photo[2] + cw * 0.05
    c.text((tx0, top + ch * 0.05), "NAME", "sans", 20, fill=(95, 100, 110))
    c.text_line((tx0, top + ch * 0.05 + 24, x1 - 20, top + ch * 0.05 + 68), spec.name, "bold", 36,
                fill=(15, 15, 20), align="left")
    _fields(c, spec.fields, (tx0, top + ch * 0.05 + 80, x1 - 20, y1 - ch * 0.1))
    _barcode(c, (photo[0], y1 - ch * 0.075, photo[2], y1 - ch * 0.03), spec.name)


def _badge_layout(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    cw, ch = x1 - x0, y1 - y0
    c.rect(((x0 + x1) / 2 - cw * 0.12, y0 + ch * 0.025, (x0 + x1) / 2 + cw * 0.12, y0 + ch * 0.05),
           fill=(120, 124, 130), radius=6)
    top = _header(c, spec, (x0, y0 + ch * 0.07, x1, y1), ch * 0.11)
    pw = cw * 0.5
    photo = ((x0 + x1 - pw) / 2, top + ch * 0.03, (x0 + x1 + pw) / 2, top + ch * 0.03 + pw * 1.2)
    _photo(c, spec, photo)
    y = photo[3] + 12
    _, nh = c.block_height(cw - 40, spec.name, "bold", 36, ch * 0.12, minimum=22, spacing=1.05)
    c.text_block((x0 + 20, y, x1 - 20, y + nh + 1), spec.name, "bold", 36, (15, 15, 20), align="center", spacing=1.05)
    y += nh + 8
    for f in spec.fields:
        if y + 30 > y1 - ch * 0.08:
            note_cut(f"{f.label}: {f.value}")
            break
        c.text_line((x0 + 16, y, x1 - 16, y + 28), f"{f.label}: {f.value}", "sans", 22, fill=(40, 40, 45))
        y += 30
    _barcode(c, (x0 + cw * 0.2, y1 - ch * 0.065, x1 - cw * 0.2, y1 - ch * 0.025), spec.name)


def _ticket_layout(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    cw, ch = x1 - x0, y1 - y0
    stub = x1 - cw * 0.26
    top = _header(c, spec, (x0, y0, stub, y1), ch * 0.24)
    for k in range(int(ch // 16)):
        c.circle(stub, y0 + 8 + k * 16, 3, fill=(150, 150, 150))
    c.text((x0 + 24, top + 14), "ADMIT ONE" if not spec.photo else "HOLDER", "bold", 20, fill=_colour(spec))
    c.text_line((x0 + 24, top + 40, stub - 16, top + 84), spec.name, "bold", 34, fill=(15, 15, 20), align="left")
    half = (stub - x0 - 48) / 2
    left = [f for i, f in enumerate(spec.fields) if i % 2 == 0]
    right = [f for i, f in enumerate(spec.fields) if i % 2 == 1]
    _fields(c, left, (x0 + 24, top + 96, x0 + 24 + half, y1 - 14))
    _fields(c, right, (x0 + 36 + half, top + 96, stub - 16, y1 - 14))
    sx0 = stub + 16
    if spec.emblem:
        c.emoji(spec.emblem, ((sx0 + x1) / 2, y0 + ch * 0.2), min(cw * 0.14, ch * 0.24))
    _barcode(c, (sx0 + 6, y0 + ch * 0.42, x1 - 20, y1 - ch * 0.12), spec.name + spec.title)


def _nametag_layout(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    cw, ch = x1 - x0, y1 - y0
    colour = _colour(spec)
    c.rect(box, fill=colour, radius=cw * 0.04)
    _, th = c.block_height(cw - 40, spec.title, "bold", 44, ch * 0.3, spacing=1.05)
    c.text_block((x0 + 20, y0 + 14, x1 - 20, y0 + 18 + th), spec.title, "bold", 44, ink_for(colour), align="center",
                 spacing=1.05)
    white = (x0 + cw * 0.04, y0 + th + 30, x1 - cw * 0.04, y1 - ch * 0.08)
    c.rect(white, fill="white", radius=8)
    name_bottom = white[3] - (34 * min(2, len(spec.fields)) + 10 if spec.fields else 0)
    c.text_block((white[0] + 16, white[1] + 8, white[2] - 16, name_bottom), spec.name, "italic", 84,
                 (20, 30, 90), align="center", valign="middle", spacing=1.05)
    y = name_bottom
    for f in spec.fields[2:]:
        note_cut(f"{f.label}: {f.value}")
    for f in spec.fields[:2]:
        c.text_line((white[0] + 12, y, white[2] - 12, y + 30), f"{f.label}: {f.value}", "sans", 22, fill=(60, 60, 65))
        y += 34
    if spec.emblem:
        c.emoji(spec.emblem, (white[2] - 34, white[1] + 34), 48)


def _business_layout(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    cw, ch = x1 - x0, y1 - y0
    colour = _colour(spec)
    c.rect((x0, y1 - ch * 0.06, x1, y1), fill=colour)
    if spec.emblem:
        c.emoji(spec.emblem, (x1 - cw * 0.12, y0 + ch * 0.2), ch * 0.2)
    c.text_line((x0 + cw * 0.07, y0 + ch * 0.1, x1 - cw * 0.25, y0 + ch * 0.26), spec.title, "bold", 30,
                fill=colour, align="left")
    c.text_line((x0 + cw * 0.07, y0 + ch * 0.32, x1 - cw * 0.07, y0 + ch * 0.48), spec.name, "bold", 46,
                fill=(20, 20, 25), align="left")
    y = y0 + ch * 0.54
    for f in spec.fields:
        if y + 32 > y1 - ch * 0.08:
            note_cut(f"{f.label}: {f.value}")
            break
        c.text_line((x0 + cw * 0.07, y, x1 - cw * 0.07, y + 30), f"{f.label}: {f.value}", "sans", 23,
                    fill=(50, 50, 55), align="left")
        y += 33


def _membership_layout(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    cw, ch = x1 - x0, y1 - y0
    colour = _colour(spec)
    c.rect(box, fill=colour, radius=cw * 0.04)
    clip = c.clip(box, radius=cw * 0.04)
    for k in range(6):
        clip.circle(cw * 0.9, ch * 0.95, ch * (0.25 + 0.12 * k), outline=shade(colour, 1.12), width=3)
    clip.merge()
    ink = ink_for(colour)
    c.text_line((x0 + cw * 0.06, y0 + ch * 0.06, x1 - cw * 0.22, y0 + ch * 0.2), spec.title, "bold", 34, fill=ink,
                align="left")
    if spec.emblem:
        c.emoji(spec.emblem, (x1 - cw * 0.11, y0 + ch * 0.15), ch * 0.18)
    c.rect((x0 + cw * 0.07, y0 + ch * 0.3, x0 + cw * 0.19, y0 + ch * 0.45), fill=(225, 195, 90), radius=6)
    y = y0 + ch * 0.52
    for f in spec.fields[3:]:
        note_cut(f"{f.label}: {f.value}")
    for f in spec.fields[:3]:
        c.text_line((x0 + cw * 0.07, y, x1 - cw * 0.07, y + 32), f"{f.label}  {f.value}", "mono", 26, fill=ink,
                    align="left")
        y += 36
    c.text_line((x0 + cw * 0.07, y1 - ch * 0.17, x1 - cw * 0.07, y1 - ch * 0.05), spec.name.upper(), "bold", 32,
                fill=ink, align="left")


LAYOUT = {"id": _id_layout, "license": _id_layout, "badge": _badge_layout, "ticket": _ticket_layout,
          "nametag": _nametag_layout, "business": _business_layout, "membership": _membership_layout}


# --- banknote -----------------------------------------------------------------------------------

NOTE = (206, 222, 196)
NOTE_INK = (40, 75, 60)


def draw_banknote(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, (60, 60, 66)))
    nw = w * 0.94
    nh = min(h * 0.9, nw / 2.1)
    x0, y0 = (w - nw) / 2, (h - nh) / 2
    x1, y1 = x0 + nw, y0 + nh
    c.rect((x0 + 6, y0 + 8, x1 + 6, y1 + 8), fill=(35, 35, 40))
    c.rect((x0, y0, x1, y1), fill=NOTE)
    clip = c.clip((x0, y0, x1, y1))
    _guilloche(clip, (0, 0, clip.w, clip.h))
    clip.merge()
    c.rect((x0 + 12, y0 + 12, x1 - 12, y1 - 12), outline=NOTE_INK, width=4)
    c.rect((x0 + 20, y0 + 20, x1 - 20, y1 - 20), outline=NOTE_INK, width=1.5)
    _note_face(c, spec, (x0 + 24, y0 + 24, x1 - 24, y1 - 24))
    return c.finish()


def _guilloche(c: Canvas, box) -> None:
    x0, y0, x1, y1 = box
    cx, cy = x0 + (x1 - x0) * 0.7, (y0 + y1) / 2
    for k in range(14):
        r = (y1 - y0) * (0.08 + 0.035 * k)
        c.ellipse((cx - r * 1.4, cy - r, cx + r * 1.4, cy + r), outline=shade(NOTE, 0.9 - 0.004 * k), width=1.5)


def _note_face(c: Canvas, spec, box) -> None:
    x0, y0, x1, y1 = box
    nw, nh = x1 - x0, y1 - y0
    c.text_line((x0 + nw * 0.25, y0 + 6, x1 - nw * 0.2, y0 + nh * 0.2), spec.issuer.upper(), "serif_bold", 38,
                fill=NOTE_INK)
    c.text_line((x0 + 10, y0 + 4, x0 + nw * 0.24, y0 + nh * 0.26), spec.value, "serif_bold", 64, fill=NOTE_INK,
                align="left")
    c.text_line((x1 - nw * 0.3, y1 - nh * 0.3, x1 - 10, y1 - 4), spec.value, "serif_bold", 84, fill=NOTE_INK,
                align="right")
    ox, oy, r = x0 + nw * 0.24, y0 + nh * 0.56, nh * 0.27
    c.ellipse((ox - r * 0.85, oy - r, ox + r * 0.85, oy + r), fill=shade(NOTE, 1.2), outline=NOTE_INK, width=3)
    if spec.emblem:
        c.emoji(spec.emblem, (ox, oy), r * 1.25)
    c.text_line((x0 + nw * 0.45, y0 + nh * 0.36, x1 - 16, y0 + nh * 0.58),
                f"{spec.value} {spec.currency}".upper(), "serif_bold", 34, fill=NOTE_INK)
    c.text_line((x0 + 8, y1 - nh * 0.14, x0 + nw * 0.45, y1 - 2), spec.serial, "mono", 26, fill=(170, 30, 30),
                align="left")
    c.text_line((x1 - nw * 0.38, y0 + nh * 0.2, x1 - 10, y0 + nh * 0.33), spec.serial, "mono", 24,
                fill=(170, 30, 30), align="right")
