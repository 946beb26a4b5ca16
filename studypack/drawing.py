"""Drawn pieces for the newer question and sheet kinds: a picture with numbered callouts,
and a timeline drawn to scale with labelled events."""

from __future__ import annotations

import io
import re

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph

MM = 72 / 25.4


class LabelledImage(Flowable):
    """A picture with numbered circles at given points (percent from the top-left)."""

    def __init__(self, data: bytes, width: float, height: float, points, font: str, indent: float = 0):
        super().__init__()
        self.data, self.w, self.h, self.points, self.font, self.indent = data, width, height, points, font, indent

    def wrap(self, aw, ah):
        self.width, self.height = aw, self.h + 2 * MM
        return aw, self.height

    def draw(self):
        c = self.canv
        x0 = self.indent + max(0, (self.width - self.indent - self.w) / 2)
        y0 = 1 * MM
        c.drawImage(ImageReader(io.BytesIO(self.data)), x0, y0, self.w, self.h)
        c.setStrokeColor(HexColor("#555555"))
        c.setLineWidth(0.5)
        c.rect(x0, y0, self.w, self.h, stroke=1, fill=0)
        r = 3.4 * MM
        for n, (px, py) in enumerate(self.points, start=1):
            x, y = x0 + self.w * px / 100, y0 + self.h * (1 - py / 100)
            c.setFillColor(HexColor("#000000"))
            c.setStrokeColor(HexColor("#ffffff"))
            c.setLineWidth(1.2)
            c.circle(x, y, r, stroke=1, fill=1)
            c.setFillColor(HexColor("#ffffff"))
            c.setFont(self.font, 9)
            c.drawCentredString(x, y - 3.1, str(n))


_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def when(date: str) -> float | None:
    """A date as written by a teacher ("19–24 August 1936", "November–December 1927") as a
    fractional year for placing it on the axis; None when no year is given."""
    years = _YEAR.findall(date)
    if not years:
        return None
    year = int(years[-1]) if len(years) == 1 else int(years[0])
    words = date.lower()
    month = next((i for i, m in enumerate(_MONTHS) if m in words), None)
    if month is None:
        return year + 0.5
    day = re.match(r"\s*(\d{1,2})\b", date)
    return year + (month + ((int(day.group(1)) - 1) / 31 if day else 0.5)) / 12


class Timeline(Flowable):
    """A vertical time axis drawn to scale, year ticks on the left, each event a dot on
    the axis joined to its label; labels are pushed apart so none overlap, and the
    leader lines show where each really sits. Splits across pages by event."""

    def __init__(self, events: list[tuple[float, Paragraph, Paragraph]], font: str, span=None,
                 axis_x: float = 22 * MM, gap: float = 3, years: bool = True):
        super().__init__()
        self.events, self.font, self.axis_x, self.gap, self.years = events, font, axis_x, gap, years
        self.span = span or (min(e[0] for e in events), max(e[0] for e in events))

    def _layout(self, aw):
        label_x = self.axis_x + 16 * MM
        width = aw - label_x
        boxes = []
        for t, date, event in self.events:
            dh = date.wrap(width, 1e6)[1]
            eh = event.wrap(width, 1e6)[1]
            boxes.append((t, date, event, dh, eh, dh + eh))
        need = sum(b[5] for b in boxes) + self.gap * len(boxes)
        years = max(self.span[1] - self.span[0], 0.5)
        height = need + 8 * MM
        top = height - 4 * MM
        scale = (height - 8 * MM) / years  # the axis runs the height of the labels, to scale
        ideal = [top - (b[0] - self.span[0]) * scale + min(b[3], 12) / 2 for b in boxes]
        tops: list[float] = []
        for i, b in enumerate(boxes):  # push down past the label above
            tops.append(min(ideal[i], top) if not tops else min(ideal[i], tops[-1] - boxes[i - 1][5] - self.gap))
        floor = 0.0
        for i in range(len(boxes) - 1, -1, -1):  # then up, off the bottom and off the label below
            tops[i] = max(tops[i], floor + boxes[i][5])
            floor = tops[i] + self.gap
        return boxes, tops, scale, height, top, label_x

    def wrap(self, aw, ah):
        self.width = aw
        self._cached = self._layout(aw)
        self.height = self._cached[3]
        return aw, self.height

    def split(self, aw, ah):
        if len(self.events) < 2:
            return []
        self.wrap(aw, ah)
        if self.height <= ah:
            return [self]
        # cut at the last event that fits, in time order; both halves keep their own scale
        for cut in range(len(self.events) - 1, 0, -1):
            first = Timeline(self.events[:cut], self.font, None, self.axis_x, self.gap, self.years)
            if first.wrap(aw, ah)[1] <= ah:
                return [first, Timeline(self.events[cut:], self.font, None, self.axis_x, self.gap, self.years)]
        return []

    def draw(self):
        c = self.canv
        boxes, tops, scale, height, top, label_x = self._cached
        ax = self.axis_x
        bottom = top - (self.span[1] - self.span[0]) * scale
        c.setStrokeColor(HexColor("#444444"))
        c.setLineWidth(2)
        c.line(ax, bottom - 3 * MM, ax, top + 2 * MM)
        c.setFont(self.font, 8.5)
        c.setFillColor(HexColor("#444444"))
        first, last = int(self.span[0]), int(self.span[1])
        for year in range(first, last + 2) if self.years else ():
            y = top - (year - self.span[0]) * scale
            if y < bottom - 3 * MM or y > top + 2 * MM:
                continue
            c.setLineWidth(1)
            c.line(ax - 2 * MM, y, ax, y)
            c.drawRightString(ax - 3 * MM, y - 3, str(year))
        for (t, date, event, dh, eh, h), label_top in zip(boxes, tops, strict=True):
            y = top - (t - self.span[0]) * scale
            c.setStrokeColor(HexColor("#888888"))
            c.setLineWidth(0.6)
            anchor = label_top - min(dh, 10) / 2 - 1
            c.line(ax, y, ax + 6 * MM, y)
            c.line(ax + 6 * MM, y, label_x - 2 * MM, anchor)
            c.setFillColor(HexColor("#ffffff"))
            c.setStrokeColor(HexColor("#222222"))
            c.setLineWidth(1.2)
            c.circle(ax, y, 2.6, stroke=1, fill=1)
            date.drawOn(c, label_x, label_top - dh)
            event.drawOn(c, label_x, label_top - dh - eh)
