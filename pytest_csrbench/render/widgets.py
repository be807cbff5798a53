"""Interface pieces shared by screens and cards: window chrome, phone frame, buttons, inputs."""

from __future__ import annotations

from .canvas import Canvas, ink_for, rgb, shade

ACCENT = (37, 99, 235)
BORDER = (200, 204, 210)
MUTED = (95, 100, 110)


def window(c: Canvas, w: int, h: int, title: str, dark: bool = False) -> tuple[float, float, float, float]:
    """A desktop window filling the image; returns the content box."""
    bar = 46
    c.rect((0, 0, w, h), fill=(30, 30, 34) if dark else (255, 255, 255))
    c.rect((0, 0, w, bar), fill=(58, 58, 64) if dark else (228, 230, 234))
    for i, col in enumerate(((237, 95, 87), (245, 190, 60), (90, 200, 80))):
        c.circle(24 + i * 26, bar / 2, 8, fill=col)
    c.text_line((110, 4, w - 110, bar - 4), title, "bold", 22, fill=(235, 235, 235) if dark else (50, 50, 55))
    c.line([(0, bar), (w, bar)], fill=(20, 20, 20) if dark else BORDER, width=1.5)
    return (0, bar + 1, w, h)


def browser(c: Canvas, w: int, h: int, address: str) -> tuple[float, float, float, float]:
    """A browser window with a tab strip and an address bar showing `address`."""
    c.rect((0, 0, w, h), fill="white")
    c.rect((0, 0, w, 92), fill=(222, 225, 230))
    for i, col in enumerate(((237, 95, 87), (245, 190, 60), (90, 200, 80))):
        c.circle(22 + i * 24, 22, 7, fill=col)
    c.rect((100, 8, min(w - 20, 360), 44), fill="white", radius=8)
    c.rect((100, 30, min(w - 20, 360), 44), fill="white")
    c.rect((0, 44, w, 92), fill="white")
    c.rect((16, 52, w - 16, 84), fill=(238, 240, 244), radius=16)
    _padlock(c, 36, 68)
    c.text_line((54, 52, w - 30, 84), address, "sans", 21, fill=(50, 50, 55), align="left")
    c.line([(0, 92), (w, 92)], fill=BORDER, width=1.5)
    return (0, 93, w, h)


def _padlock(c: Canvas, x: float, y: float) -> None:
    c.arc((x - 6, y - 13, x + 6, y - 1), 180, 360, fill=(80, 80, 85), width=2.5)
    c.rect((x - 8, y - 6, x + 8, y + 7), fill=(80, 80, 85), radius=2)


def phone(c: Canvas, w: int, h: int, background) -> tuple[float, float, float, float]:
    """A phone body centred in the image; returns the screen box."""
    ph = h * 0.96
    pw = min(w * 0.94, max(ph * 0.56, 420))  # small images get a wider phone so text still fits
    x0, y0 = (w - pw) / 2, (h - ph) / 2
    c.rect((x0, y0, x0 + pw, y0 + ph), fill=(25, 25, 28), radius=46)
    screen = (x0 + 14, y0 + 14, x0 + pw - 14, y0 + ph - 14)
    c.rect(screen, fill=background, radius=34)
    cx = (x0 + x0 + pw) / 2
    c.rect((cx - 50, y0 + 20, cx + 50, y0 + 42), fill=(25, 25, 28), radius=11)
    return (screen[0] + 8, screen[1] + 36, screen[2] - 8, screen[3] - 18)


def button(c: Canvas, box, text: str, primary: bool = True, colour=ACCENT, size: float = 24) -> None:
    fill = rgb(colour) if primary else (255, 255, 255)
    c.rect(box, fill=fill, outline=rgb(colour) if not primary else None, width=2, radius=10)
    c.text_line((box[0] + 8, box[1], box[2] - 8, box[3]), text, "bold", size,
                fill=ink_for(fill) if primary else rgb(colour))


def button_row(c: Canvas, box, texts: list[str], colour=ACCENT, align: str = "center") -> None:
    """Buttons side by side within the box: the first is the primary one."""
    if not texts:
        return
    x0, y0, x1, y1 = box
    gap = 14
    widths = [min((x1 - x0 - gap * (len(texts) - 1)) / len(texts), c.tw(t, "bold", 24) + 48) for t in texts]
    total = sum(widths) + gap * (len(texts) - 1)
    x = {"center": (x0 + x1 - total) / 2, "left": x0, "right": x1 - total}[align]
    for i, (text, bw) in enumerate(zip(texts, widths)):
        button(c, (x, y0, x + bw, y1), text, primary=i == 0, colour=colour)
        x += bw + gap


def text_input(c: Canvas, box, label: str, value: str, secret: bool = False) -> None:
    """A labelled input box: label above, value inside (dots when secret)."""
    x0, y0, x1, y1 = box
    c.text_line((x0, y0, x1, y0 + 28), label, "sans", 21, fill=MUTED, align="left")
    c.rect((x0, y0 + 32, x1, y1), fill="white", outline=BORDER, width=2, radius=8)
    shown = "●" * min(12, max(6, len(value))) if secret else value
    c.text_line((x0 + 14, y0 + 32, x1 - 14, y1), shown, "sans", 24, fill=(30, 30, 30), align="left")


def is_secret(label: str, value: str) -> bool:
    return "password" in label.lower() or "pin" == label.lower().strip() or (bool(value) and set(value) == {"*"})


def avatar(c: Canvas, cx: float, cy: float, r: float, name: str, colour=None) -> None:
    """A round avatar with the name's initial."""
    palette = [(37, 99, 235), (220, 90, 60), (30, 150, 100), (150, 80, 190), (200, 140, 20), (0, 140, 150)]
    fill = colour or palette[sum(map(ord, name or "?")) % len(palette)]
    c.circle(cx, cy, r, fill=fill)
    initial = next((ch for ch in name if ch.isalnum()), "?").upper()
    c.text((cx, cy), initial, "bold", r * 1.05, fill="white", anchor="mm")


def shadow_box(c: Canvas, box, fill="white", radius: float = 14, outline=BORDER) -> None:
    x0, y0, x1, y1 = box
    c.rect((x0 + 4, y0 + 6, x1 + 4, y1 + 6), fill=shade((220, 222, 226), 0.85), radius=radius)
    c.rect(box, fill=fill, outline=outline, width=1.5, radius=radius)
