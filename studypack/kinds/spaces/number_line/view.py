"""A number line across the space, arrows at both ends: a tick at every step, labelled
(unless `labels: false`), a shorter unlabelled one at every minor step, its label under it."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth

from studypack.base.units import MM
from studypack.media import text
from studypack.views.working import WorkingSpace, labelled, number

PAD = 1.5 * MM
ARROW = 3 * MM


class NumberLine(WorkingSpace):
    def __init__(self, space, ctx):
        self.space, self.rule = space, ctx.layout.spaces
        self.style = ctx.style("question.option")
        self.title = ctx.para(text.inline(space.label), "question.option", alignment=TA_CENTER) if space.label else None
        title = self.title.wrap(ctx.text_width() - ctx.number_width, 1e6)[1] + PAD if self.title else 0
        height = 2 * MM + self.rule.tick + PAD + self.style.fontSize * 1.2 + title
        super().__init__(height, ctx.number_width)

    def draw_space(self, x, y, width, height):
        scale, size, tick = self.space.scale, self.style.fontSize, self.rule.tick
        labels = [(v, number(v, self.style.fontName)) for v in scale.ticks(scale.step)]
        widths = [stringWidth(w, self.style.fontName, size) for _v, w in labels]
        margin = max(widths[0], widths[-1]) / 2 + ARROW + 2 * MM
        left, right = x + margin, x + width - margin
        line_y = y + height - 2 * MM - tick / 2
        self.stroke(self.rule.colour, self.rule.border)
        self.canv.line(left - ARROW - 2 * MM, line_y, right + ARROW + 2 * MM, line_y)
        self._arrows(left - ARROW - 2 * MM, right + ARROW + 2 * MM, line_y)

        def at(v: float) -> float:
            return left + (v - scale.start) / (scale.to - scale.start) * (right - left)
        for every, length in ((scale.minor, tick / 2), (scale.step, tick)):
            for v in scale.ticks(every) if every else []:
                self.canv.line(at(v), line_y - length / 2, at(v), line_y + length / 2)
        if self.space.labels:
            shown = labelled([v for v, _w in labels], widths, (right - left) / max(1, len(labels) - 1))
            self.canv.setFillColor(self.style.textColor)
            self.canv.setFont(self.style.fontName, size)
            for (v, words), show in zip(labels, shown):
                if show:
                    self.canv.drawCentredString(at(v), line_y - tick / 2 - PAD - size * 0.8, words)
        if self.title:
            self.title.wrap(right - left, height)
            self.title.drawOn(self.canv, left, y)

    def _arrows(self, start: float, end: float, y: float) -> None:
        """Open arrowheads at both ends: the line goes on."""
        half = ARROW * 0.45
        for tip, back in ((start, start + ARROW), (end, end - ARROW)):
            self.canv.line(tip, y, back, y + half)
            self.canv.line(tip, y, back, y - half)


def student(space, q, ctx, floor: int = 0) -> list:
    return [NumberLine(space, ctx)]
