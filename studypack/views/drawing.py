"""Drawn pieces for the newer question and sheet kinds: a picture with numbered callouts,
and a timeline drawn to scale with labelled events."""

from __future__ import annotations

import io
import re

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph

from studypack.io.words import Words, months
from studypack.views import callouts, roles
from studypack.views.flowables import SquareBox
from studypack.views.notes import TimelineFar
from studypack.base.units import MM



class LabelledImage(Flowable):
    """A picture with numbered callouts at given points (percent from the top-left): `discs`,
    black numbered circles over the points; `leaders` and `markers` (see `views.callouts`),
    which leave the features visible and keep the numbers apart. In a tagged PDF it is a
    figure, `alt` what it shows. `blend` ("Multiply" on a tinted page) lets a diagram's white
    ground show the tint inside its frame instead of a white rectangle."""

    structure = "Figure"

    def __init__(self, data: bytes, width: float, height: float, points, font: str, indent: float = 0,
                 size: float = 9, style: str = "discs", alt: str = "", blend: str | None = None):
        super().__init__()
        self.alt, self.blend = alt, blend
        self.data, self.w, self.h, self.points, self.font, self.indent = data, width, height, points, font, indent
        self.size, self.style = size, style
        self.sizes = callouts.Sizes(size, font)
        self.below = 0.0  # room under the picture for a column of boxes taller than it
        self.boxes: list[callouts.Box] = []  # where the numbers went (after drawing)

    SHRINK = 0.75  # the least share of its height a picture keeps to go on one page with its question

    def shrink(self, over: float) -> bool:
        """Draw the picture `over` points lower (and narrower in proportion), where it keeps at
        least SHRINK of its height: its question then fits a page rather than leave its label
        lines on the next. False, changing nothing, where it would shrink more."""
        if over <= 0 or self.h - over < self.SHRINK * self.h:
            return False
        scale = (self.h - over) / self.h
        self.w, self.h = self.w * scale, self.h * scale
        return True

    def wrap(self, aw, ah):
        if self.style == "discs":
            self.width, self.height = aw, self.h + 2 * MM
            return aw, self.height
        room = aw - self.indent - 2 * callouts.margin(self.style, self.sizes)
        if self.w > room > 0:  # the margins' label columns beside it: the picture a little smaller
            self.w, self.h = room, self.h * room / self.w
        self.below = above = 0.0
        if self.style == "leaders":
            boxes = callouts.leader_boxes(self.points, 0, 0, self.w, self.h, self.sizes)
            half = self.sizes.box_h / 2
            self.below = max([0.0] + [half - b.y for b in boxes])
            above = max([0.0] + [b.y + half - self.h for b in boxes])
        self.width, self.height = aw, self.h + self.below + above + 2 * MM
        return aw, self.height

    def draw(self):
        c = self.canv
        x0 = self.indent + max(0, (self.width - self.indent - self.w) / 2)
        y0 = 1 * MM + self.below
        if self.blend:  # only then a state of its own: on white paper the same drawing as before
            c.saveState()
            c.setBlendMode(self.blend)
        c.drawImage(ImageReader(io.BytesIO(self.data)), x0, y0, self.w, self.h)
        if self.blend:
            c.restoreState()
        c.setStrokeColor(HexColor("#555555"))
        c.setLineWidth(0.5)
        c.rect(x0, y0, self.w, self.h, stroke=1, fill=0)
        if self.style != "discs":
            self.boxes = callouts.draw(c, self.style, self.points, x0, y0, self.w, self.h, self.sizes)
            return
        r = max(3.4 * MM, self.size * 0.75)  # room for the number at any print size
        for n, (px, py) in enumerate(self.points, start=1):
            x, y = x0 + self.w * px / 100, y0 + self.h * (1 - py / 100)
            c.setFillColor(HexColor("#000000"))
            c.setStrokeColor(HexColor("#ffffff"))
            c.setLineWidth(1.2)
            c.circle(x, y, r, stroke=1, fill=1)
            c.setFillColor(HexColor("#ffffff"))
            c.setFont(self.font, self.size)
            c.drawCentredString(x, y - self.size * 0.345, str(n))


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
    if month is None:  # "10 mai 1940", "3. Oktober 1990", "Awst 1914": a month of another catalogue
        month = _month_named(date)
    if month is None:
        return year + 0.5
    day = re.match(r"\s*(\d{1,2})\b", date)
    return year + (month + ((int(day.group(1)) - 1) / 31 if day else 0.5)) / 12


def _month_named(date: str) -> int | None:
    """The month a word of `date` names in any catalogue: the whole name, or a shortened one
    with its dot ("déc.", "Okt."), three letters or more of names of one month only."""
    names = months()
    for word, dot in re.findall(r"([^\W\d_]+)(\.?)", date.casefold()):
        if word in names:
            return names[word]
        found = {i for name, i in names.items() if dot and len(word) >= 3 and name.startswith(word)}
        if len(found) == 1:
            return found.pop()
    return None


FAR = 20 * MM  # a label farther than this from its dot is reported by the preflight
CROWDED = 2      # the least `times` worth changing the scale for


def scale_change(events: list[tuple[float, Paragraph, Paragraph]], font: str, label_size: float,
                 width: float, height: float, gap: float = 4) -> tuple[int, int] | None:
    """Where the line should change scale, if anywhere: (year, times) or None.

    Events that crowd into the last few years of a long span (the show trials after a decade
    of quiet) leave their labels far from their dots on one scale. Drawing each year from
    some year on `times` as long, a whole number so the caption can say it plainly, gives
    every part of the line room in proportion to the labels it carries. Each year is tried;
    the change is taken only where it brings the labels much nearer their dots."""
    plain = Timeline(events, font, gap, True, height, label_size)
    plain.wrap(width, height)
    if plain.farthest() <= FAR / 2:
        return None
    side = width / 2 - plain.reach - 1 * MM
    need = [d.wrap(side, 1e6)[1] + e.wrap(side, 1e6)[1] + gap for _t, d, e in events]
    first, last = plain.span
    best, best_cost = None, plain._distance(plain._cached)
    for year in range(int(first) + 1, int(last)):
        before = sum(n for (t, _d, _e), n in zip(events, need) if t < year)
        after = sum(n for (t, _d, _e), n in zip(events, need) if t >= year)
        if not before or not after:
            continue
        times = round((after / (last - year)) / (before / (year - first)))
        if times < CROWDED:
            continue
        trial = _trial(events, font, gap, height, label_size, width, (year, times))
        if trial is not None and trial[0] < best_cost * 0.5:
            best, best_cost = (year, times), trial[0]
    if best is None:
        return None
    # the labels' room gives the factor roughly: one a little larger, where it brings the
    # labels nearer their dots and leaves no more years unwritten, is taken instead
    year, times = best
    found = _trial(events, font, gap, height, label_size, width, best)
    assert found is not None  # `best` is a trial that was found
    _cost, missing = found
    for more in (times + 1, times + 2):
        trial = _trial(events, font, gap, height, label_size, width, (year, more))
        if trial is not None and trial[1] <= missing and trial[0] < best_cost:
            best, best_cost = (year, more), trial[0]
    return best


def _trial(events, font, gap, height, label_size, width, change) -> tuple[float, int] | None:
    """(how far the labels sit from their dots, years left without their number) with the
    scale changing at `change`; None where a year before it is too short to write its number."""
    trial = Timeline(events, font, gap, True, height, label_size, change)
    trial.wrap(width, height)
    _top, scale = trial._scale(trial.body_height)
    if scale < label_size * 2:
        return None
    return trial._distance(trial._cached), sum(side is None for _y, _at, side, _dy in trial.drawing()["ticks"])


def _nearest(ideal: list[float], heights: list[float]) -> list[float]:
    """Label tops, in order down the page, as near their ideal tops as they can be without
    overlapping (each label takes `heights[i]` below its top): clusters of labels that
    would collide are stacked and centred on their dots (least total distance)."""
    clusters: list[list] = []  # [top, count, sum of (ideal + offset), total height]
    for want, h in zip(ideal, heights):
        cluster = [want, 1, want, h]
        while clusters:
            prev = clusters[-1]
            if prev[0] - prev[3] >= cluster[0]:  # clear of the cluster above
                break
            clusters.pop()
            total = prev[2] + cluster[2] + cluster[1] * prev[3]  # the lower labels sit prev's height down
            count = prev[1] + cluster[1]
            cluster = [total / count, count, total, prev[3] + cluster[3]]
        clusters.append(cluster)
    tops = []
    for top, count, _total, _height in clusters:
        tops.append((top, count))
    out = []
    k = 0
    for top, count in tops:
        y = top
        for _ in range(count):
            out.append(y)
            y -= heights[k]
            k += 1
    return out


class Timeline(Flowable):
    """A vertical time axis drawn to scale down the middle of the page, year ticks on it,
    each event a dot at its date joined by a leader line to its date and description.

    Dots sit exactly at their dates (`y_of`); dates too close to print as separate dots share
    one elongated mark. Labels go on the side (left or right) that leaves every label
    nearest its dot, pushed apart only as far as needed so none overlap. A year is written
    beside its tick on the side no leader passes there, so no leader crosses a label; a tick
    with a dot on it breaks around the dot. A page that continues the line is headed with its
    title "(continued)" and keeps the scale of the page before where its years fit, else says
    plainly on that page what scale it is drawn to (see `split`)."""

    PART = "timeline"

    def says_continued(self) -> bool:
        """Whether this page's part of the line is headed "(continued)" (the preflight)."""
        return bool(self.header)

    def __init__(self, events: list[tuple[float, Paragraph, Paragraph]], font: str,
                 gap: float = 4, years: bool = True, max_height: float = 235 * MM, label_size: float = 7.5,
                 change: tuple[int, int] | None = None, flush_left: bool = False,
                 titles: tuple[str, ParagraphStyle, ParagraphStyle, Words] | None = None, fixed: float | None = None,
                 before: float | None = None):
        super().__init__()
        # (the sheet's title, its heading's style, its caption's style): what a continued page says above its line
        self.titles = titles
        # points per year as drawn (see `drawn`): the scale of the page before, kept; None: the room decides
        self.fixed = fixed
        # a continued page: the room one year took at the foot of the page before (points); None: the first page
        self.before = before
        self.header: list[Paragraph] = []
        # the left-hand labels set flush left like the right-hand ones (a layout asking for left
        # alignment everywhere: dyslexia), else flush right against their leaders
        self.flush_left = flush_left
        self.events, self.font, self.gap, self.years, self.max_height = events, font, gap, years, max_height
        self.label_size = label_size
        # (year, times): from the start of `year` one year is drawn `times` as long as a year before it
        # (see `scale_change`); None: one scale for the whole line
        self.change = change
        # leaders bend just beyond the year numbers, so they slope only where no number is;
        # labels start a little further out
        self.knee = 2.6 * MM + stringWidth("0000", font, label_size) + 1.5 * MM
        self.reach = max(13 * MM, self.knee + 7 * MM)  # a slope wide enough to tell neighbouring leaders apart
        low, high = min(e[0] for e in events), max(e[0] for e in events)
        # with real years the axis runs from the start of the first year to the end of the last
        self.span = (float(int(low)), float(int(high) + 1)) if years else (low, high)

    def _scale(self, height: float) -> tuple[float, float]:
        """(top, points per unit of time) for a drawing `height` tall."""
        top, bottom = height - 5 * MM, 5 * MM
        if self.fixed is not None:
            return top, self.fixed
        return top, (top - bottom) / max(self.drawn(self.span[1]), 0.5)

    def room(self, t: float) -> float:
        """How many points one year takes on the line at time `t` (after `wrap`)."""
        scale = self._cached[1]
        return scale * (self.change[1] if self.change and t >= self.change[0] else 1)

    def drawn(self, t: float) -> float:
        """How far down the axis time `t` is, in years as drawn before the scale changes: the
        time since the axis starts, with each year after the change counted `times` over."""
        if self.change is None:
            return t - self.span[0]
        year, times = self.change
        return min(t, year) - self.span[0] + times * max(t - year, 0.0)

    def y_of(self, t: float, height: float | None = None) -> float:
        """Where time `t` is on the axis: the same scale for dots and ticks."""
        top, scale = self._scale(self.body_height if height is None else height)
        return top - self.drawn(t) * scale

    def _place(self, aw, height, sides=None):
        axis = aw / 2
        side_width = axis - self.reach - 1 * MM
        boxes = self._boxes(side_width)
        top, scale = self._scale(height)
        floors = {0: top, 1: top}  # the lowest free point on each side
        placed = []
        for k, (t, date, event, dh, eh, h) in enumerate(boxes):
            ideal = top - self.drawn(t) * scale + dh / 2
            if sides is None:  # the side that lets the label sit nearest its dot; on a tie, the one with more room
                _cost, _room, side = min((ideal - min(ideal, floors[side]), -floors[side], side) for side in (1, 0))
            else:
                side = sides[k]
            label_top = min(ideal, floors[side], top + 3 * MM)
            floors[side] = label_top - h - self.gap
            placed.append([side, label_top, t, date, event, dh, eh, h])
        for side in (0, 1):  # each side again, every label as near its dot as the others allow
            mine = [p for p in placed if p[0] == side]
            for item, label_top in zip(mine, _nearest([top - self.drawn(p[2]) * scale + p[5] / 2 for p in mine],
                                                      [p[7] + self.gap for p in mine])):
                item[1] = min(label_top, top + 3 * MM)
            for above, item in zip(mine, mine[1:]):  # off the label above
                item[1] = min(item[1], above[1] - above[7] - self.gap)
            floor = 0.0
            for item in reversed(mine):  # then off the bottom and off the label below
                item[1] = max(item[1], floor + item[7])
                floor = item[1] + self.gap
        fits = all(p[1] <= height + 0.5 for p in placed)
        return placed, scale, top, axis, side_width, fits

    def _boxes(self, side_width: float) -> list[tuple]:
        """Each event with its date's and description's heights at this width (measured once:
        the placements tried below only move them)."""
        cache = self.__dict__.setdefault("_measured", {})
        if side_width not in cache:
            boxes = []
            for t, date, event in self.events:
                dh, eh = date.wrap(side_width, 1e6)[1], event.wrap(side_width, 1e6)[1]
                boxes.append((t, date, event, dh, eh, dh + eh))
            cache[side_width] = boxes
        return cache[side_width]

    def _best(self, aw, height):
        """Of a few ways to deal the labels to the two sides, the one whose labels sit nearest
        their dots (and that fits): greedy, and alternating in date order from either side."""
        n = len(self.events)
        tries = [None, [k % 2 for k in range(n)], [1 - k % 2 for k in range(n)]]
        best, cost = None, None
        for sides in tries:
            found = self._place(aw, height, sides)
            key = (not found[-1], self._distance(found))  # fits first, then labels nearest their dots
            if cost is None or key < cost:
                best, cost = found, key
        if max(self._offsets(best), default=0.0) > FAR / 2:  # a label still far off: move labels across one at a time
            sides = [p[0] for p in best[0]]
            for _round in range(2):
                better = False
                for k in range(n):
                    sides[k] = 1 - sides[k]
                    found = self._place(aw, height, sides)
                    key = (not found[-1], self._distance(found))
                    if key < cost:
                        best, cost, better = found, key, True
                    else:
                        sides[k] = 1 - sides[k]
                if not better:
                    break
        return best

    def _distance(self, found) -> float:
        """How far a placement's labels are from their dots: the sum of squares, so one label
        far off counts more than several a little off, and more again beyond half of FAR."""
        return sum(d ** 2 + 3 * max(0.0, d - FAR / 2) ** 2 for d in self._offsets(found))

    def _offsets(self, found) -> list[float]:
        """How far each label's date sits from its dot, up or down the page, in points."""
        placed, scale, top = found[0], found[1], found[2]
        return [abs(p[1] - p[5] / 2 - (top - self.drawn(p[2]) * scale)) for p in placed]

    def farthest(self) -> float:
        """The greatest distance of a label from its dot once laid out (after `wrap`)."""
        return max(self._offsets(self._cached), default=0.0)

    def _header_height(self, aw) -> float:
        """The room a continued page's heading and caption take above its line."""
        return sum(p.wrap(aw, 1e6)[1] for p in self.header) + 3 * MM if self.header else 0.0

    def wrap(self, aw, ah):
        self.width = aw
        head = self._header_height(aw)
        side = aw / 2 - self.reach - 1 * MM
        need = sum(e[1].wrap(side, 1e6)[1] + e[2].wrap(side, 1e6)[1] for e in self.events)
        if self.fixed is not None:  # the scale of the page before: the line is as long as its years take
            body = self.drawn(self.span[1]) * self.fixed + 10 * MM
        else:
            body = min(ah - head, self.max_height - head, max(need * 1.2, 110 * MM))  # a short list needs no full page
        self.body_height = body
        self._cached = self._best(aw, body)
        if not self._cached[-1] and self.fixed is None:  # too many labels for the room: take the height they need
            need = max(sum(p[7] + self.gap for p in self._cached[0] if p[0] == side) for side in (0, 1))
            self.body_height = need + 10 * MM
            self._cached = self._best(aw, self.body_height)
        self.height = self.body_height + head
        return aw, self.height

    def _piece(self, events, change, fixed=None, before=None) -> "Timeline":
        return Timeline(events, self.font, self.gap, self.years, self.max_height, self.label_size, change,
                        self.flush_left, self.titles, fixed, before)

    def _change_within(self, events):
        """The change of scale, where it falls within these events' years (else None)."""
        return self.change if self.change and events[0][0] < self.change[0] <= events[-1][0] else None

    def _follow(self, prev: "Timeline", events, aw, ah, search: bool = True) -> "Timeline":
        """The page that continues `prev` with `events`: on the scale of the page before where its
        years fit the page on it (labels near their dots), else on its own scale, its caption
        saying so plainly; an unexplained break never appears."""
        change = self._change_within(events)
        ref = prev.room(prev.span[1] - 1e-9)  # the room one year took at the foot of the page before
        if self.change and change is None and prev.span[1] <= self.change[0] <= events[0][0]:
            ref *= self.change[1]  # the change falls between the pages: this page starts after it
        fixed = ref  # where the change falls on this page, the page before ended before it
        # the scale of the page before; else one scale of its own (no break to explain); else its own change
        options: list[tuple] = [(change, fixed), (change, None)]
        if search and change is None and self.years and self.titles is not None:
            own = scale_change(events, self.font, self.label_size, aw, ah - 25 * MM, self.gap)
            if own is not None:
                options += [(own, None), (change, None)]
        for k, (ch, fx) in enumerate(options):
            piece = self._piece(events, ch, fx, ref)
            piece.wrap(aw, ah)
            for _round in range(2):  # its caption names the scale, which the caption's own height can move
                piece.header = piece._continued_header(aw)
                piece.wrap(aw, ah)
            if k < len(options) - 1 and (piece.height > ah + 0.01 or not piece._cached[-1] or piece.farthest() > FAR):
                continue
            return piece
        return piece

    def _continued_header(self, aw) -> list[Paragraph]:
        """A continued page's heading and a caption saying plainly what scale its line is drawn to."""
        if self.titles is None or self.before is None:
            return []
        title, heading, caption, say = self.titles
        mm = lambda points: f"{points / MM:.0f}"  # noqa: E731
        first = self.span[0] if self.years else None
        start = self.room(first if first is not None else self.events[0][0])
        same = abs(start - self.before) < 0.05
        if self.change:
            year, times = self.change
            rooms = say("timeline.rooms-changed", before=mm(self.room(year - 1)), year=year, after=mm(self.room(year)),
                        times=times)
        else:
            rooms = say("timeline.rooms", mm=mm(start))
        if same:
            said = say("timeline.same-scale", rooms=rooms)
        else:
            said = say("timeline.other-scale", rooms=rooms, before=mm(self.before))
        if not self.years:
            said = say("timeline.in-order")
        return [Paragraph(say("source.continued", name=title), heading), Paragraph(said, caption)]

    def split(self, aw, ah):
        """A timeline too long for one page continues on the next: the first page takes as
        many events (in date order) as fit, each page with its own axis, the next headed
        "Timeline (continued)" and kept to the scale of the page before where its years fit
        (else its caption says plainly that its scale differs)."""
        self.wrap(aw, ah)
        if self.height <= ah:
            return [self]

        def part(events):  # this page's share, as this page is drawn (a continued page stays continued)
            piece = self._piece(events, self._change_within(events), self.fixed, self.before)
            if self.before is not None:
                piece.wrap(aw, ah)
                piece.header = piece._continued_header(aw)
            return piece

        low, high = 0, len(self.events) - 1  # the most events that fit is in low..high
        while low < high:
            mid = (low + high + 1) // 2
            if part(self.events[:mid]).wrap(aw, ah)[1] <= ah:
                low = mid
            else:
                high = mid - 1
        if low < 2:
            return []  # not even two events fit here: start on the next page

        def cost(k):  # how far labels sit from their dots, on this page and the next, if k events go here
            here = part(self.events[:k])
            here.wrap(aw, ah)
            there = self._follow(here, self.events[k:], aw, self.max_height, search=False)
            over = there.height > self.max_height + 0.01 or not there._cached[-1]  # it would take a third page
            return (over, here._distance(here._cached) + there._distance(there._cached))

        # of the ways to split that fit, the one that keeps labels nearest their dots
        best = min(range(2, low + 1), key=cost) if len(self.events) - 2 >= 2 else low
        here = part(self.events[:best])
        here.wrap(aw, ah)
        return [here, self._follow(here, self.events[best:], aw, self.max_height)]

    def drawing(self) -> dict:
        """Where everything goes, for drawing and for checking: the axis, each event's dot
        (y) with its side and label box, the marks (merged dots: top and bottom y), the
        dot radius, and each year tick (year, y, side of its number or None, its number's shift up)."""
        placed, scale, top, axis, side_width, _fits = self._cached
        bottom = top - self.drawn(self.span[1]) * scale
        events = []
        for side, label_top, t, date, event, dh, eh, h in placed:
            events.append({"t": t, "y": self.y_of(t), "side": side, "top": label_top, "height": h, "date_height": dh,
                           "date": date, "event": event})
        ys = sorted(e["y"] for e in events)
        gaps = [a - b for a, b in zip(ys[1:], ys)]
        closest = min((g for g in gaps if g > 0.01), default=10.0)
        radius = max(1.6, min(2.6, closest / 2 - 0.7))  # smaller dots where dates crowd, never a speck
        marks = _merged_marks(ys, radius)
        for e in events:  # the leader: along the dot's line to a knee, then up or down to the label's date
            sign = 1 if e["side"] else -1
            knee, end = axis + sign * self.knee, axis + sign * (self.reach - 1.5 * MM)
            e["leader"] = [(axis, e["y"]), (knee, e["y"]), (end, e["top"] - e["date_height"] / 2)]
        ticks = self._year_ticks(events, top, bottom, axis)
        return {"axis": axis, "top": top, "bottom": bottom, "side_width": side_width, "events": events,
                "marks": marks, "radius": radius, "ticks": ticks, "tick_lines": self._tick_lines(ticks, marks, radius, axis),
                "change": self._change_mark(marks, radius, events, ticks, axis)}

    def _year_ticks(self, events: list[dict], top: float, bottom: float, axis: float) -> list:
        """Each year's tick on the drawn part: (year, y, side of its number or None, its number's shift up)."""
        ticks = []
        first, last = int(self.span[0]), int(self.span[1])
        for year in range(first, last) if self.years else ():  # the end of the last year is not a year of its own
            y = self.y_of(year)
            if y < bottom - 3 * MM or y > top + 3 * MM:
                continue
            side, dy = self._year_place(year, y, events, axis)
            ticks.append((year, y, side, dy))
        return ticks

    def _year_place(self, year: int, y: float, events: list[dict], axis: float) -> tuple[int | None, float]:
        """Where a year's number goes: beside the tick, left or right; else just above or below
        it, where no leader passes; (None, 0) where nowhere is free."""
        shift = self.label_size * 0.75
        places = [(s, dy) for dy in (0.0, shift, -shift) for s in (0, 1)]
        # a number moved off its tick never goes beside another year's dot: it would read as that event's year
        others = [e["y"] for e in events if int(e["t"]) != year]
        free = [(s, dy) for s, dy in places
                if not any(_crosses(e["leader"], self.year_box(year, y + dy, s, axis)) for e in events)
                and not (dy and any(self.year_box(year, y + dy, s, axis)[1] <= o <= self.year_box(year, y + dy, s, axis)[3]
                                    for o in others))]
        return free[0] if free else (None, 0.0)

    TICK = 2 * MM  # how far a year's tick reaches either side of the axis

    def _tick_lines(self, ticks, marks, radius, axis) -> list[list[tuple[float, float, float]]]:
        """Each tick's strokes, (x1, x2, y): across the axis, or where a dot (or a mark) would sit on
        it, broken around the dot with a clear gap, a stub left on either side to mark the year."""
        out = []
        clear = radius + 0.6 + 1.2  # the dot's edge, half its outline and a gap
        for _year, y, _side, _dy in ticks:
            hit = any(low - clear - 0.5 <= y <= high + clear + 0.5 for low, high in marks)
            if not hit:
                out.append([(axis - self.TICK, axis + self.TICK, y)])
                continue
            reach = max(self.TICK, min(clear + 2.5, 2.6 * MM - 0.4))  # a stub long enough to see, short of the number
            out.append([(axis - reach, axis - clear, y), (axis + clear, axis + reach, y)])
        return out

    def _change_mark(self, marks, radius, events, ticks, axis) -> tuple[float, int | None] | None:
        """Where the double stroke marking the change of scale goes (in the last year before the
        change, near its middle, clear of every dot and of both ticks) and the side its '×4' is
        written on (where no leader or year passes; None: no room); None when the scale does not change."""
        if self.change is None:
            return None
        year = self.change[0]
        low, high = self.y_of(year), self.y_of(year - 1)
        room = radius + 2.2 * MM  # the stroke's half-height and a dot's radius
        years = [self.year_box(y, ty + dy, side, axis) for y, ty, side, dy in ticks if side is not None]
        fallback = None
        for share in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):  # mid-year first: clear of both ticks
            y = low + (high - low) * share
            if not all(y + room < a or y - room > b for a, b in marks):
                continue
            free = [side for side in (1, 0)
                    if not any(_crosses(e["leader"], self.times_box(y, side, axis)) for e in events)
                    and not any(_overlap(self.times_box(y, side, axis), box) for box in years)]
            if free:
                return y, free[0]
            fallback = fallback if fallback is not None else y
        return (fallback if fallback is not None else low + (high - low) * 0.5), None

    def times_box(self, y: float, side: int, axis: float) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the '×4' written beside the change of scale."""
        return self._beside(self.times_text(), y, side, axis, 3.2 * MM, 1.5)

    def times_text(self) -> str:
        return f"\u00d7{self.change[1]}" if self.change else ""

    def year_box(self, year: int, y: float, side: int, axis: float) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of a year's number beside its tick, with a margin: a leader
        passing within 3 pt of the number reads as underlining it."""
        return self._beside(str(year), y, side, axis, 2.6 * MM, 3)

    def _beside(self, words: str, y: float, side: int, axis: float, gap: float,
                margin: float) -> tuple[float, float, float, float]:
        """The box of small words written `gap` from the axis on one side, centred on `y`."""
        width = stringWidth(words, self.font, self.label_size)
        x = axis - gap - width if side == 0 else axis + gap
        return (x - 1, y - self.label_size * 0.35 - margin, x + width + 1, y + self.label_size * 0.75 + margin)

    def draw(self):
        c = self.canv
        y = self.height
        for para in self.header:  # a continued page: its heading and what scale it is drawn to
            y -= para.wrap(self.width, 1e6)[1]
            para.drawOn(c, 0, y)
        plan = self.drawing()
        axis, top, bottom, side_width = plan["axis"], plan["top"], plan["bottom"], plan["side_width"]
        c.setStrokeColor(HexColor("#444444"))
        c.setLineWidth(2.2)
        c.line(axis, bottom - 3 * MM, axis, top + 3 * MM)
        c.setStrokeColor(HexColor("#888888"))
        c.setLineWidth(0.6)
        for e in plan["events"]:
            for (x1, y1), (x2, y2) in zip(e["leader"], e["leader"][1:]):
                c.line(x1, y1, x2, y2)
        self._ticks(c, plan["ticks"], plan["tick_lines"], axis)
        if plan["change"] is not None:  # a break in the line, crossed by two parallel strokes, and '×4' beside it
            y, side = plan["change"]
            if side is not None:
                c.setFillColor(HexColor("#444444"))
                c.setFont(self.font, self.label_size)
                c.drawString(self.times_box(y, side, axis)[0] + 1, y - self.label_size * 0.35, self.times_text())
            c.setFillColor(HexColor("#ffffff"))
            c.rect(axis - 2 * MM, y - 1.1 * MM, 4 * MM, 2.2 * MM, stroke=0, fill=1)
            c.setStrokeColor(HexColor("#444444"))
            c.setLineWidth(1)
            for dy in (-1.1 * MM, 1.1 * MM):
                c.line(axis - 2.4 * MM, y + dy - 0.9 * MM, axis + 2.4 * MM, y + dy + 0.9 * MM)
        notes = getattr(c, "_studypack_notes", None)
        if notes is not None:  # the preflight reports a label the page left far from its dot
            for e, off in zip(plan["events"], self._offsets(self._cached)):
                if off > FAR:
                    notes.append(TimelineFar(e["date"].getPlainText(), off / MM))
        r = plan["radius"]
        c.setFillColor(HexColor("#ffffff"))
        c.setStrokeColor(HexColor("#222222"))
        c.setLineWidth(1.2 if r > 2 else 0.9)
        for low, high in plan["marks"]:
            if high - low < 0.01:
                c.circle(axis, low, r, stroke=1, fill=1)
            else:  # dates closer than two dots: one mark reaching from the first to the last
                c.roundRect(axis - r, low - r, 2 * r, high - low + 2 * r, r, stroke=1, fill=1)
        for e in plan["events"]:
            date, event, dh = e["date"], e["event"], e["date_height"]
            x = axis + self.reach if e["side"] else axis - self.reach - side_width
            if not e["side"] and not self.flush_left:
                date.style = _right(date.style)
                event.style = _right(event.style)
                date.wrap(side_width, 1e6)
                event.wrap(side_width, 1e6)
            date.drawOn(c, x, e["top"] - dh)
            event.drawOn(c, x, e["top"] - e["height"])

    def _ticks(self, c, ticks, lines, axis):
        """Year ticks across the axis (broken around a dot on one), each year written beside it on
        the side no leader passes."""
        size = self.label_size
        c.setFont(self.font, size)
        for (year, y, side, dy), strokes in zip(ticks, lines):
            c.setStrokeColor(HexColor("#444444"))
            c.setLineWidth(1)
            for x1, x2, at in strokes:
                c.line(x1, at, x2, at)
            if side is None:
                continue  # leaders pass on both sides here: the tick alone marks the year
            c.setFillColor(HexColor("#444444"))
            c.drawString(self.year_box(year, y + dy, side, axis)[0] + 1, y + dy - size * 0.35, str(year))


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two (left, bottom, right, top) boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


_SLACK = 1e-6  # points; a sample's rounding error is some 1e-13


def _merged_marks(ys: list[float], radius: float) -> list[list[float]]:
    """[low y, high y] of each dot drawn on the axis, for the sorted `ys`: dates closer than a
    dot share one mark."""
    marks: list[list[float]] = []
    for y in ys:
        if marks and y - marks[-1][1] < 2 * radius + 1.2:
            marks[-1][1] = y
        else:
            marks.append([y, y])
    return marks


def _crosses(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    """Whether a polyline passes through a box (sampled finely: leaders are short)."""
    left, bottom, right, top = box
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        # a segment whose extent (widened by far more than rounding can move a sample point)
        # misses the box has no sample in it: most do, so the samples are skipped
        if (min(x1, x2) - _SLACK > right or max(x1, x2) + _SLACK < left
                or min(y1, y2) - _SLACK > top or max(y1, y2) + _SLACK < bottom):
            continue
        for k in range(41):
            x, y = x1 + (x2 - x1) * k / 40, y1 + (y2 - y1) * k / 40
            if left <= x <= right and bottom <= y <= top:
                return True
    return False


def _right(style):
    return ParagraphStyle(style.name + "-r", parent=style, alignment=2)


class LetterBox(SquareBox):
    """A square box a student writes one letter or number in; in the key, filled in."""

    def __init__(self, size: float, letter: str = "", font: str = "Helvetica", weight: float = 0.9):
        super().__init__(size, weight)
        self.letter, self.font = letter, font

    def draw(self):
        c, s = self.canv, self.size
        self.draw_square()
        if self.letter:
            c.setFillColor(HexColor("#000000"))
            c.setFont(self.font, s * 0.55)
            c.drawCentredString(s / 2, s * 0.3, self.letter)


class NumberBoxes(Flowable):
    """A question number as AQA prints it: each digit in its own box, a part's point between
    (`0 1`, `0 1 . 1`); the digits are text, so the number reads back from the PDF (in a tagged
    PDF a paragraph, the boxes drawing a reader skips)."""

    structure = "P"

    def __init__(self, label: str, font: str, size: float):
        super().__init__()
        self.label, self.font, self.size = label, font, size
        self.side = size * 1.55
        self.dot = stringWidth(".", font, size) + size * 0.4

    def wrap(self, *_args):
        self.width = sum(self.dot if ch == "." else self.side for ch in self.label)
        self.height = self.side
        return self.width, self.height

    def draw(self):
        c, x = self.canv, 0.0
        c.setLineWidth(0.8)
        c.setStrokeColor(HexColor("#000000"))
        c.setFillColor(HexColor("#000000"))
        c.setFont(self.font, self.size)
        for ch in self.label:
            if ch == ".":
                c.drawCentredString(x + self.dot / 2, self.side * 0.28, ".")
                x += self.dot
                continue
            with roles.artifact(c):
                c.rect(x, 0, self.side, self.side, stroke=1, fill=0)
            c.drawCentredString(x + self.side / 2, self.side * 0.28, ch)
            x += self.side
