"""Numbered callouts on a picture, placed so none hides the feature it names or another one.

Two styles, for any picture with points on it (a labelling question's diagram, a figure):
`leaders`, numbered boxes in the margins beside the picture, each joined by a thin leader
line to a small dot at its point (boxes on a side stacked apart in the order of their points
down the picture, so the lines do not cross), and `markers`, a small dot at each point with
its number set beside it on a white halo, on the side where it covers no other number or
dot. Every size follows the label size, so large print has larger numbers and heavier lines.
Points are (x, y) in percent of the picture's width and height from its top-left corner."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from studypack.base.units import MM

BLACK, WHITE = HexColor("#000000"), HexColor("#ffffff")


@dataclass(frozen=True)
class Sizes:
    """The callouts' measures for one label size (the numbers' size in points)."""

    size: float
    font: str

    @property
    def box_h(self) -> float:
        return self.size * 1.5

    @property
    def box_w(self) -> float:
        return max(self.box_h, stringWidth("20", self.font, self.size) + self.size * 0.8)

    @property
    def gap(self) -> float:  # between two boxes stacked on one side
        return self.size * 0.4

    @property
    def line(self) -> float:  # thin beside 9 pt numbers, at least 1 pt in large print
        return max(0.5, self.size / 18)

    @property
    def dot(self) -> float:
        return max(0.8 * MM, self.size * 0.1)

    @property
    def reach(self) -> float:  # the leader's run in the margin, between box and picture
        return max(4 * MM, self.size * 0.8)


def margin(style: str, sizes: Sizes) -> float:
    """The room a style takes each side of the picture: a column of boxes for leaders, none for markers."""
    return sizes.box_w + sizes.reach if style == "leaders" else 0.0


@dataclass(frozen=True)
class Box:
    """A number's box: its number (1-based), centre (x, y: points, y up) and the point it names."""

    number: int
    x: float
    y: float
    point: tuple[float, float]


def on_page(points, x0: float, y0: float, w: float, h: float) -> list[tuple[float, float]]:
    """The points, given in percent from the top-left, on the page (y up)."""
    return [(x0 + w * px / 100, y0 + h * (1 - py / 100)) for px, py in points]


# ---------------------------------------------------------------------------- leaders
def leader_boxes(points, x0: float, y0: float, w: float, h: float, sizes: Sizes) -> list[Box]:
    """Each point's box in the margin column on its side (left of the middle: left), the
    boxes of a side in the order of their points down the picture, stacked apart and each as
    near its point's height as the others allow."""
    spots = on_page(points, x0, y0, w, h)
    sides: list[list[int]] = [[], []]
    for i, (px, _py) in enumerate(points):
        sides[0 if px < 50 else 1].append(i)
    _balance(sides, points, h, sizes)
    boxes: list[Box] = []
    for side, members in enumerate(sides):
        x = x0 - sizes.reach - sizes.box_w / 2 if side == 0 else x0 + w + sizes.reach + sizes.box_w / 2
        order = sorted(members, key=lambda i: -spots[i][1])
        centres = _stacked([spots[i][1] for i in order], sizes.box_h + sizes.gap, y0 + sizes.box_h / 2, y0 + h - sizes.box_h / 2)
        slots = _uncrossed(order, centres, spots, x0 if side == 0 else x0 + w)
        boxes += [Box(i + 1, x, y, spots[i]) for i, y in slots]
    return sorted(boxes, key=lambda b: b.number)


def _balance(sides: list[list[int]], points, h: float, sizes: Sizes) -> None:
    """Move points nearest the middle to the other side while a side holds more boxes than its
    column has room for and the other side fewer."""
    room = max(1, int((h + sizes.gap) // (sizes.box_h + sizes.gap)))
    for full, other in ((0, 1), (1, 0)):
        while len(sides[full]) > room and len(sides[other]) < len(sides[full]) - 1:
            nearest = max(sides[full], key=lambda i: points[i][0]) if full == 0 else min(sides[full], key=lambda i: points[i][0])
            sides[full].remove(nearest)
            sides[other].append(nearest)


def _stacked(ideal: list[float], pitch: float, bottom: float, top: float) -> list[float]:
    """Centres, in order down the page, each as near its ideal as possible without two closer
    than `pitch`; the column kept within bottom..top where it fits there."""
    clusters: list[list[float]] = []  # [first centre, count, sum of (ideal + offset)]
    for want in ideal:
        cluster = [want, 1.0, want]
        while clusters and clusters[-1][0] - (clusters[-1][1] - 1) * pitch - pitch < cluster[0]:
            prev = clusters.pop()
            count = prev[1] + cluster[1]
            total = prev[2] + cluster[2] + cluster[1] * prev[1] * pitch
            cluster = [total / count, count, total]
        clusters.append(cluster)
    centres = [c[0] - k * pitch for c in clusters for k in range(int(c[1]))]
    if not centres:
        return centres
    high, low = centres[0], centres[-1]
    if high - low > top - bottom:  # taller than the picture: centred on it
        shift = (top + bottom) / 2 - (high + low) / 2
    else:
        shift = max(0.0, bottom - low) + min(0.0, top - high)
    return [c + shift for c in centres]


def _crosses(a, b) -> bool:
    """Whether two segments ((x, y), (x, y)) cross."""
    def turn(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    (p1, p2), (p3, p4) = a, b
    return turn(p1, p2, p3) * turn(p1, p2, p4) < 0 and turn(p3, p4, p1) * turn(p3, p4, p2) < 0


def _uncrossed(order: list[int], centres: list[float], spots, edge: float) -> list[tuple[int, float]]:
    """(point, box centre) with the points dealt to the slots down the column; two whose
    leaders (from the picture's edge at the box's height to the point) would cross swap slots."""
    dealt = list(order)
    for _ in range(len(dealt) ** 2):
        swapped = False
        for k in range(len(dealt) - 1):
            a, b = dealt[k], dealt[k + 1]
            if _crosses(((edge, centres[k]), spots[a]), ((edge, centres[k + 1]), spots[b])):
                dealt[k], dealt[k + 1], swapped = b, a, True
        if not swapped:
            break
    return list(zip(dealt, centres))


def draw_leaders(c, boxes: list[Box], x0: float, w: float, sizes: Sizes) -> None:
    """The leader lines (white-cased, so they show on a dark picture), the dots, and the boxes
    with their numbers."""
    for casing, colour in ((sizes.line + 1.2, WHITE), (sizes.line, BLACK)):
        c.setStrokeColor(colour)
        c.setLineWidth(casing)
        c.setLineCap(1)
        for box in boxes:
            left = box.x < x0
            edge = x0 if left else x0 + w
            start = box.x + sizes.box_w / 2 if left else box.x - sizes.box_w / 2
            path = c.beginPath()
            path.moveTo(start, box.y)
            path.lineTo(edge, box.y)
            path.lineTo(*box.point)
            c.drawPath(path, stroke=1, fill=0)
    for box in boxes:
        _dot(c, box.point, sizes)
    for box in boxes:
        c.setFillColor(WHITE)
        c.setStrokeColor(BLACK)
        c.setLineWidth(max(0.8, sizes.line))
        c.rect(box.x - sizes.box_w / 2, box.y - sizes.box_h / 2, sizes.box_w, sizes.box_h, stroke=1, fill=1)
        c.setFillColor(BLACK)
        c.setFont(sizes.font, sizes.size)
        c.drawCentredString(box.x, box.y - sizes.size * 0.35, str(box.number))


def _dot(c, at: tuple[float, float], sizes: Sizes) -> None:
    """A small black dot with a thin white ring: it marks the point and hides almost nothing."""
    c.setFillColor(BLACK)
    c.setStrokeColor(WHITE)
    c.setLineWidth(0.6)
    c.circle(at[0], at[1], sizes.dot, stroke=1, fill=1)


# ---------------------------------------------------------------------------- markers
_AROUND = ((1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))  # NE, NW, SE, SW, E, W, N, S


def marker_boxes(points, x0: float, y0: float, w: float, h: float, sizes: Sizes) -> list[Box]:
    """Each number's place beside its dot: of eight places round it, the first inside the
    picture that covers no other number or dot (else the one that covers least)."""
    spots = on_page(points, x0, y0, w, h)
    placed: list[tuple[float, float, float, float]] = []
    boxes = []
    for n, spot in enumerate(spots, start=1):
        half_w = stringWidth(str(n), sizes.font, sizes.size) / 2 + sizes.size * 0.15
        half_h = sizes.size * 0.45
        best = None
        for dx, dy in _AROUND:
            cx = spot[0] + dx * (sizes.dot + half_w + 1)
            cy = spot[1] + dy * (sizes.dot + half_h + 1)
            rect = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            others = placed + [_dot_rect(s, sizes) for s in spots]
            cost = sum(_overlap(rect, o) for o in others) + 10 * _outside(rect, (x0, y0, x0 + w, y0 + h))
            if best is None or cost < best[0]:
                best = (cost, cx, cy, rect)
            if cost == 0:
                break
        assert best is not None
        placed.append(best[3])
        boxes.append(Box(n, best[1], best[2], spot))
    return boxes


def _dot_rect(spot, sizes: Sizes) -> tuple[float, float, float, float]:
    r = sizes.dot + 0.6
    return (spot[0] - r, spot[1] - r, spot[0] + r, spot[1] + r)


def _overlap(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _outside(rect, frame) -> float:
    """How far a rectangle reaches out of a frame (0 inside)."""
    return max(0.0, frame[0] - rect[0]) + max(0.0, rect[2] - frame[2]) + max(0.0, frame[1] - rect[1]) + max(0.0, rect[3] - frame[3])


def draw_markers(c, boxes: list[Box], sizes: Sizes) -> None:
    """Each dot, and its number beside it on a white halo the width of a stroke round its
    letters: the number hides only the few points of picture under its own figures."""
    for box in boxes:
        _dot(c, box.point, sizes)
    c.saveState()  # the halo's stroke mode and width end with it
    c.setLineJoin(1)
    c.setStrokeColor(WHITE)
    c.setLineWidth(sizes.size * 0.28)
    c.setFont(sizes.font, sizes.size)
    for box in boxes:
        c.drawCentredString(box.x, box.y - sizes.size * 0.35, str(box.number), mode=1)
    c.restoreState()
    c.setFillColor(BLACK)
    c.setFont(sizes.font, sizes.size)
    for box in boxes:
        c.drawCentredString(box.x, box.y - sizes.size * 0.35, str(box.number))


def draw(c, style: str, points, x0: float, y0: float, w: float, h: float, sizes: Sizes) -> list[Box]:
    """The callouts of `points` on a picture drawn at (x0, y0) w × h, in a style; returns the boxes."""
    if style == "leaders":
        boxes = leader_boxes(points, x0, y0, w, h, sizes)
        draw_leaders(c, boxes, x0, w, sizes)
    else:
        boxes = marker_boxes(points, x0, y0, w, h, sizes)
        draw_markers(c, boxes, sizes)
    return boxes
