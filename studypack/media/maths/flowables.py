"""Formulas on the page: a display formula as a ReportLab Flowable, and an inline formula as a
box (width, ascent, descent) that a line of text places on its baseline and draws."""

from __future__ import annotations

from reportlab.platypus import Flowable

from studypack.media.maths.layout import Layout, layout
from studypack.spec.maths.formula import Formula


class DisplayFormula(Flowable):
    """A `$$...$$` formula on a line of its own, centred (or at the left) in the frame, never
    split. Its height is the formula's ascent and descent plus `space` above and below."""

    def __init__(self, formula: Formula, size: float, colour: object = None, align: str = "centre",
                 space: float = 0.0):
        super().__init__()
        self.formula, self.align, self.space = formula, align, space
        self.set: Layout = layout(formula, size, colour)

    def wrap(self, availWidth, availHeight):
        self._room = availWidth
        return min(availWidth, self.set.width), self.set.height + 2 * self.space

    def draw(self):
        spare = max(self._room - self.set.width, 0.0) if self.align == "centre" else 0.0
        # the frame has already shifted x to its own left edge (hAlign LEFT); centre within it
        self.set.draw(self.canv, spare / 2, self.space + self.set.descent)

    def wrapped_width(self) -> float:
        """The width the formula needs (may be more than the frame: a formula is never broken)."""
        return self.set.width

    hAlign = "LEFT"


def inline(formula: Formula, size: float, colour: object = None) -> Layout:
    """An inline `$...$` formula set at the text's size: `width`, `ascent`, `descent` for the line
    breaker, and `draw(canvas, x, baseline_y)` once the line is placed."""
    return layout(formula, size, colour)
