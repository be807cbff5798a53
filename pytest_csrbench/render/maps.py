"""`map`: a street map or floor plan with named places, an optional numbered route and a notes panel."""

from __future__ import annotations

from .canvas import Canvas, rgb

LAND = (236, 240, 226)
ROAD = (255, 255, 255)
ROAD_EDGE = (206, 208, 200)
WATER = (166, 204, 236)
ROUTE = (215, 40, 50)
INK = (25, 25, 30)


def draw_map(spec, w: int, h: int):
    c = Canvas(w, h, rgb(spec.background, (250, 250, 248)))
    top = 16
    if spec.title:
        c.text_line((24, 10, w - 24, 58), spec.title, "bold", 34, fill=INK)
        top = 66
    right = w - 16
    if spec.notes:
        right = w * 0.66
        _notes(c, spec.notes, (right + 12, top, w - 16, h - 16))
    area = (16, top, right, h - 16)
    (_floorplan if spec.style == "floorplan" else _base)(c, area)
    points = {p.name: _at(area, p.at) for p in spec.places}
    if spec.route:
        _route(c, [points[name] for name in spec.route])
    taken: list[tuple] = []
    for place in spec.places:
        _pin(c, place, points[place.name], area, taken)
    return c.finish()


def _at(area, at) -> tuple[float, float]:
    x0, y0, x1, y1 = area
    mx, my = 40, 40
    return (x0 + mx + (x1 - x0 - 2 * mx) * at[0] / 100, y0 + my + (y1 - y0 - 2 * my) * at[1] / 100)


def _base(c: Canvas, area) -> None:
    x0, y0, x1, y1 = area
    clip = c.clip(area, radius=10)
    w, h = clip.w, clip.h
    clip.rect((0, 0, w, h), fill=LAND)
    clip.polygon([(0, h * 0.78), (w * 0.3, h * 0.7), (w * 0.6, h * 0.82), (w, h * 0.74), (w, h * 0.8),
                  (w * 0.6, h * 0.88), (w * 0.3, h * 0.76), (0, h * 0.84)], fill=WATER)
    for k in range(1, 4):
        x = w * k / 4 + (k % 2) * 14
        clip.line([(x, 0), (x, h)], fill=ROAD_EDGE, width=14)
        clip.line([(x, 0), (x, h)], fill=ROAD, width=10)
    for k in range(1, 4):
        y = h * k / 4.4
        clip.line([(0, y), (w, y)], fill=ROAD_EDGE, width=14)
        clip.line([(0, y), (w, y)], fill=ROAD, width=10)
    clip.rect((w * 0.05, h * 0.05, w * 0.2, h * 0.17), fill=(200, 225, 185), radius=6)
    clip.merge()
    c.rect(area, outline=(150, 150, 150), width=2, radius=10)


def _floorplan(c: Canvas, area) -> None:
    """A building plan: outer walls, a corridor and rooms with door gaps (no furniture, no text)."""
    x0, y0, x1, y1 = area
    wall, floor = (60, 62, 70), (246, 244, 238)
    c.rect(area, fill=(222, 226, 230), radius=10)
    m = 18
    bx0, by0, bx1, by1 = x0 + m, y0 + m, x1 - m, y1 - m
    c.rect((bx0, by0, bx1, by1), fill=floor, outline=wall, width=7)
    cy0, cy1 = by0 + (by1 - by0) * 0.44, by0 + (by1 - by0) * 0.56  # corridor
    c.rect((bx0 + 4, cy0, bx1 - 4, cy1), fill=(232, 230, 222))
    for y in (cy0, cy1):
        c.line([(bx0, y), (bx1, y)], fill=wall, width=5)
    for k in (1, 2):
        x = bx0 + (bx1 - bx0) * k / 3
        c.line([(x, by0), (x, cy0)], fill=wall, width=5)
        c.line([(x, cy1), (x, by1)], fill=wall, width=5)
    for k in range(3):  # door gaps from each room onto the corridor
        dx = bx0 + (bx1 - bx0) * (k + 0.5) / 3
        for y in (cy0, cy1):
            c.line([(dx - 18, y), (dx + 18, y)], fill=floor, width=7)
    c.line([(bx0, (cy0 + cy1) / 2 - 16), (bx0, (cy0 + cy1) / 2 + 16)], fill=(232, 230, 222), width=9)


def _route(c: Canvas, pts) -> None:
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        dist = max(1.0, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
        n = int(dist // 18)
        for k in range(n):
            t0, t1 = k / n, min(1.0, (k + 0.55) / n)
            c.line([(ax + (bx - ax) * t0, ay + (by - ay) * t0), (ax + (bx - ax) * t1, ay + (by - ay) * t1)],
                   fill=ROUTE, width=5)
    for i, (x, y) in enumerate(pts):
        c.circle(x + 24, y - 24, 14, fill=ROUTE, outline="white", width=2)
        c.text((x + 24, y - 24), str(i + 1), "bold", 17, fill="white", anchor="mm")


def _pin(c: Canvas, place, point, area, taken: list) -> None:
    x, y = point
    if place.icon:
        c.circle(x, y, 26, fill="white", outline=(90, 90, 95), width=2)
        c.emoji(place.icon, (x, y), 36)
    else:
        c.polygon([(x - 13, y - 30), (x + 13, y - 30), (x, y)], fill=ROUTE)
        c.circle(x, y - 32, 14, fill=ROUTE)
        c.circle(x, y - 32, 5, fill="white")
    size = 22
    tw = min(c.tw(place.name, "bold", size) + 16, (area[2] - area[0]) * 0.5)
    th = 32
    for bx, by in ((x - tw / 2, y + 30), (x - tw / 2, y - 30 - th - 30), (x + 32, y - th / 2), (x - 32 - tw, y - th / 2)):
        box = (max(area[0] + 4, min(bx, area[2] - 4 - tw)), max(area[1] + 4, min(by, area[3] - 4 - th)))
        box = (*box, box[0] + tw, box[1] + th)
        if not any(_overlap(box, t) for t in taken):
            break
    taken.append(box)
    c.rect(box, fill=(255, 255, 255), outline=(90, 90, 95), width=1.5, radius=6)
    c.text_line((box[0] + 6, box[1], box[2] - 6, box[3]), place.name, "bold", size, fill=INK)


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def _notes(c: Canvas, notes, box) -> None:
    x0, y0, x1, y1 = box
    c.rect(box, fill=(255, 251, 224), outline=(200, 190, 130), width=2, radius=10)
    c.text_block((x0 + 14, y0 + 14, x1 - 12, y1 - 12), notes, "sans", 24, INK, para_gap=0.4)
