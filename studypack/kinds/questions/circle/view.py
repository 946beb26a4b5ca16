"""How a circle-the-answer question prints: its options in a row (more rows where they do not
fit), spaced for a pen to go round each; the key draws the ring round the right ones."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from studypack.media import text
from studypack.base.units import MM
from studypack.kinds.questions.circle.spec import circled, note as instruction


class Choices(Flowable):
    """Options set in rows from the left, each with room round it for a ring; `ringed`: the
    places of those the key circles. Split (between rows) only when taller than a whole page,
    `page_room`: it is a line or two of words."""

    def __init__(self, paras: list, ringed: set[int], indent: float, size: float, page_room: float):
        super().__init__()
        self.paras, self.ringed, self.indent, self.page_room = paras, ringed, indent, page_room
        self.size, self.pad_y, self.gap = size, size * 0.5, max(5 * MM, size * 0.8)
        self.placed: list[tuple[float, ...]] = []  # x, y from the top, width, height, the words' width, the ring's half-width (< 0: rounded)

    def wrap(self, aw, ah):
        room = aw - self.indent
        x, top, row_height, placed = 0.0, 0.0, 0.0, []
        for para in self.paras:
            tw, th = _natural(para, room - 2 * self.gap)
            a = _ring(tw, th, th / 2 + self.pad_y * 0.85)
            if a > tw / 2 + 2.5 * self.size:  # a phrase: an ellipse clear of its corners would be far wider, so a rounded ring
                a = -(tw / 2 + self.size * 0.5)
            # room for the ring, which may reach a little into the gap each side (a long phrase's ring is wide)
            w, h = tw + 2 * max(self.pad_y * 1.2, abs(a) - tw / 2 - self.gap * 0.4), th + 2 * self.pad_y
            if x and x + w > room:  # a new row
                x, top, row_height = 0.0, top + row_height + self.pad_y, 0.0
            placed.append((x, top, w, h, tw, a))
            x, row_height = x + w + self.gap, max(row_height, h)
        self.placed, self.width, self.height = placed, aw, top + row_height
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        if self.height <= self.page_room:
            return []
        fits = [i for i, (_x, top, _w, h, _tw, _a) in enumerate(self.placed) if top + h <= ah]
        cut = next((i for i in range(len(self.placed)) if self.placed[i][0] == 0 and i > 0 and i - 1 in fits
                    and i not in fits), 0)  # the first option of the first row that does not fit
        if not cut:
            return []
        size = self.size
        return [Choices(self.paras[:cut], {i for i in self.ringed if i < cut}, self.indent, size, self.page_room),
                Choices(self.paras[cut:], {i - cut for i in self.ringed if i >= cut}, self.indent, size, self.page_room)]

    def draw(self):
        c = self.canv
        for i, (para, (x, top, w, h, tw, a)) in enumerate(zip(self.paras, self.placed)):
            left, bottom = self.indent + x, self.height - top - h
            para.wrap(tw, h)
            para.drawOn(c, left + (w - tw) / 2, bottom + self.pad_y)
            if i in self.ringed:
                b = h / 2 - self.pad_y * 0.15
                cx, cy = left + w / 2, bottom + h / 2
                c.saveState()
                c.setStrokeColor(HexColor("#000000"))
                c.setLineWidth(1.4)
                if a > 0:
                    c.ellipse(cx - a, cy - b, cx + a, cy + b, stroke=1, fill=0)
                else:
                    c.roundRect(cx + a, cy - b, -2 * a, 2 * b, b, stroke=1, fill=0)
                c.restoreState()


def _ring(width: float, height: float, b: float) -> float:
    """The half-width of the ellipse of half-height `b` that passes clear of the corners of a
    `width` x `height` box of words centred in it."""
    ratio = min(0.9, (height / 2 + 1.5) / b)
    return (width / 2 + 1.5) / (1 - ratio ** 2) ** 0.5


def _natural(para, most: float) -> tuple[float, float]:
    """The width the paragraph's own lines take (at most `most`), and its height at that width."""
    _w, h = para.wrap(most, 1e6)
    width = max(para.getActualLineWidths0() or [most])
    return min(most, width + 0.5), para.wrap(min(most, width + 0.5), 1e6)[1] or h


def _choices(q, ctx, ringed: set[int]) -> Flowable:
    style = ctx.style("question.option")
    paras = [ctx.para(text.inline(option), "question.option") for option in q.options]
    return Choices(paras, ringed, ctx.number_width, style.fontSize, ctx.text_height())


def student(q, ctx) -> list:
    note = instruction(q, ctx.say)
    return ([ctx.note(note)] if note else []) + [_choices(q, ctx, set())]


def key(q, ctx) -> list:
    parts = [_choices(q, ctx, circled(q))]
    if q.explanation:
        parts.append(ctx.key_text(ctx.say("key.why"), q.explanation))
    return parts
