"""A number line across the space, arrows at both ends: a tick at every step, each labelled
(unless `labels: false`), a shorter unlabelled one at every minor step. The numbers stand in
one row, a third of their size apart at least: where they would be closer, every other tick
is labelled (or every n-th: from the first tick where that labels both ends, else from 0)
rather than staggering them on two rows, which read as two scales. The numbers are set in the
layout's maths face, as the prompt's formulas (`$-2 < x \\leq 3$`) are: one face with a true
minus and every digit (a text face without the minus, Noto Sans, set −5 … −1 in its fallback
and 0 … 5 in its own: one scale, two faces), emboldened as a formula is among bold words."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER

from studypack.base.units import MM
from studypack.media import fonts, text
from studypack.media.maths.draw import draw_numbers, numbers_width
from studypack.views.working import WorkingSpace, labelled, number

PAD = 1.5 * MM
ARROW = 3 * MM  # an arrowhead's least length
ARROW_SHARE = 0.55  # of the label size: an arrowhead's length where that is more (large print)
GAP = 2 * MM  # the least clear gap between the last tick and its arrowhead (else the layout's tick length)
ROW = 1.2  # of the label size: the height of one row of numbers
GAP_SHARE = 0.5  # of the label size: the least gap between an end tick and its arrowhead (large print's read as touching)
LABEL_GAP = 0.35  # of the label size: the least clear gap between two numbers


class NumberLine(WorkingSpace):
    def __init__(self, space, ctx):
        self.space, self.rule = space, ctx.layout.spaces
        self.style = ctx.style("question.option")
        self.title = ctx.para(text.inline(space.label, units=True), "question.option", alignment=TA_CENTER) if space.label else None
        self.title_height = self.title.wrap(ctx.text_width() - ctx.number_width, 1e6)[1] + PAD if self.title else 0
        self.face = ctx.layout.maths.font
        described = fonts.describe(self.style.fontName)
        self.bold = bool(described and described[1])  # the words are bold (large print): so are the numbers
        self.labels = [(v, number(v, self.style.fontName)) for v in space.scale.ticks(space.scale.step)]
        self.widths = [numbers_width(w, self.style.fontSize, self.face) for _v, w in self.labels]
        # the arrowheads grow with the type and stand clear beyond the end ticks, a tick's length
        # at least: large print's 3 mm arrowheads 2 mm from its 3 mm ticks read as drawn over them
        self.arrow = max(ARROW, ARROW_SHARE * self.style.fontSize)
        self.gap = max(GAP, self.rule.tick, GAP_SHARE * self.style.fontSize)
        # numbers a third of their size apart read apart: large print's 24 pt "−4 −3 −2" fit
        # every tick (a gap of half the widest number labelled only every other, 3 not among them)
        self.clear = max(PAD, LABEL_GAP * self.style.fontSize)
        self.shown = [True] * len(self.labels)
        super().__init__(self._height(), ctx.number_width)

    def _height(self) -> float:
        return 2 * MM + self.rule.tick + PAD + self.style.fontSize * ROW + self.title_height

    def _ends(self, x: float, width: float) -> tuple[float, float]:
        """Where the scale's first and last ticks stand: room at each end for its number (under
        the line, where it may stand under the arrowhead) and for the arrow beyond the tick."""
        margin = max(max(self.widths[0], self.widths[-1]) / 2, self.arrow + self.gap)
        return x + margin, x + width - margin

    def wrap(self, aw, ah):
        left, right = self._ends(self.indent, aw - self.indent)
        apart = (right - left) / max(1, len(self.labels) - 1)
        self.shown = labelled([v for v, _w in self.labels], self.widths, apart, self.clear, ends=True)
        return super().wrap(aw, ah)

    def draw_space(self, x, y, width, height):
        scale, size, tick = self.space.scale, self.style.fontSize, self.rule.tick
        left, right = self._ends(x, width)
        line_y = y + height - 2 * MM - tick / 2
        self.stroke(self.rule.colour, self.rule.border)
        reach = self.arrow + self.gap
        self.canv.line(left - reach, line_y, right + reach, line_y)
        self._arrows(left - reach, right + reach, line_y)

        def at(v: float) -> float:
            return left + (v - scale.start) / (scale.to - scale.start) * (right - left)
        for every, length in ((scale.minor, tick / 2), (scale.step, tick)):
            for v in scale.ticks(every) if every else []:
                self.canv.line(at(v), line_y - length / 2, at(v), line_y + length / 2)
        if self.space.labels:
            for (v, words), width, show in zip(self.labels, self.widths, self.shown):
                if show:
                    draw_numbers(self.canv, words, at(v) - width / 2, line_y - tick / 2 - PAD - size * 0.8, size,
                                 self.style.textColor, self.bold, self.face)
        if self.title:
            self.title.wrap(right - left, height)
            self.title.drawOn(self.canv, left, y)

    def _arrows(self, start: float, end: float, y: float) -> None:
        """Open arrowheads at both ends: the line goes on."""
        half = self.arrow * 0.45
        for tip, back in ((start, start + self.arrow), (end, end - self.arrow)):
            self.canv.line(tip, y, back, y + half)
            self.canv.line(tip, y, back, y - half)


def student(space, q, ctx, floor: int = 0) -> list:
    return [NumberLine(space, ctx)]
