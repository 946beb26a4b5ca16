"""Two columns of items with a dot beside each, facing across a gap where a student draws a
line from each item on the left to its match on the right (draw-a-line matching); the key
draws the lines. Kept on one page: a line cannot be drawn from one page to the next."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from studypack.base.units import MM

BLACK = HexColor("#000000")


class DotColumns(Flowable):
    """`left` and `right`: paragraphs, one an item; `heads`: two paragraphs over the columns or
    None; `joins`: (left index, right index) lines the key draws; `size`: the items' print size,
    which the dots, the gap and the lines follow."""

    def __init__(self, left: list, right: list, heads, joins: list[tuple[int, int]], indent: float, size: float):
        super().__init__()
        self.left, self.right, self.heads, self.joins, self.indent = left, right, heads, joins, indent
        self.dot = max(1.1 * MM, size * 0.16)
        self.middle = max(32 * MM, size * 3.6)  # from dot to dot: the room lines are drawn across
        self.space = max(3.5 * MM, size * 0.7)  # between an item's words and its dot: clear of both
        self.pad = max(2.5, size * 0.45)  # above and below each item
        self.line = max(0.9, size / 12)
        self.rows: list[float] = []  # each row's height
        self.head_h = 0.0

    def _column(self, aw: float) -> float:
        return (aw - self.indent - self.middle) / 2 - self.space

    def wrap(self, aw, ah):
        column = self._column(aw)
        self.head_h = max(h.wrap(column, ah)[1] for h in self.heads) + self.pad if self.heads else 0.0
        self.rows = []
        for i in range(max(len(self.left), len(self.right))):
            tall = [p.wrap(column, ah)[1] for p in (self.left[i:i + 1] + self.right[i:i + 1])]
            self.rows.append(max(tall) + 2 * self.pad)
        self.width, self.height = aw, self.head_h + sum(self.rows)
        return aw, self.height

    def dots(self) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
        """The dots' centres (x, y up from the flowable's foot): the left column's, the right's."""
        column = self._column(self.width)
        x_left = self.indent + column + self.space
        x_right = x_left + self.middle
        centres, top = [], self.height - self.head_h
        for h in self.rows:
            centres.append(top - h / 2)
            top -= h
        return ([(x_left, y) for y in centres[:len(self.left)]], [(x_right, y) for y in centres[:len(self.right)]])

    def draw(self):
        c = self.canv
        column = self._column(self.width)
        right_x = self.indent + column + 2 * self.space + self.middle
        if self.heads:
            for head, x in zip(self.heads, (self.indent, right_x)):
                _w, h = head.wrap(column, self.height)
                head.drawOn(c, x, self.height - h)
        lefts, rights = self.dots()
        top = self.height - self.head_h
        for i, h in enumerate(self.rows):
            for items, x in ((self.left, self.indent), (self.right, right_x)):
                if i < len(items):
                    _w, ph = items[i].wrap(column, h)
                    items[i].drawOn(c, x, top - h / 2 - ph / 2)
            top -= h
        c.setFillColor(BLACK)
        for x, y in lefts + rights:
            c.circle(x, y, self.dot, stroke=0, fill=1)
        c.setStrokeColor(BLACK)
        c.setLineWidth(self.line)
        c.setLineCap(1)
        for a, b in self.joins:
            c.line(*lefts[a], *rights[b])
