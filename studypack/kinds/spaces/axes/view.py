"""Graph axes with the question's scales: a light grid at every step (fainter at every minor
step), the axes through 0 where the scale holds it (else along its edge), labelled ticks and
each axis's label with its unit; empty for the student to plot on."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER

from studypack.base.units import MM
from studypack.media import text
from studypack.views.working import WorkingSpace, draw_words, labelled, lines_height, number, words_width

PAD = 1.5 * MM  # between a tick and its label, a label and the axis title (at least)
PAD_SHARE = 0.3  # of the numbers' size: that room in large print, where 1.5 mm left bold numbers touching the ticks
SQUARE = 5 * MM  # the squares `axes_height` is meant for (the default layout's): larger ones make the axes taller
ROOM = 0.6  # of the page's text height: the most axes take, leaving room for their question on the page


class Axes(WorkingSpace):
    def __init__(self, space, height: float, ctx):
        super().__init__(height, ctx.number_width)
        self.space, self.rule = space, ctx.layout.spaces
        self.style = ctx.style("question.option")
        self.titles = [ctx.para(text.inline(s.label, units=True), "question.option", alignment=TA_CENTER) if s.label else None
                       for s in (space.x, space.y)]

    def _labels(self, scale) -> list[tuple[float, str]]:
        return [(v, number(v, self.style.fontName)) for v in scale.ticks(scale.step)]

    def _width(self, words: str) -> float:
        return words_width(words, self.style.fontName, self.style.fontSize)

    def _pad(self) -> float:
        """Between a tick and its label, a label and the axis title: wider for large print."""
        return max(PAD, PAD_SHARE * self.style.fontSize)

    def _margins(self, width: float, height: float) -> tuple[float, float, float, float]:
        """The room round the plot, left, bottom, right and top: the titles, the numbers and the ticks."""
        size, tick, pad = self.style.fontSize, self.rule.tick, self._pad()
        x_title, y_title = self.titles
        title_x = x_title.wrap(width, height)[1] + pad if x_title else 0
        title_y = y_title.wrap(height, width)[1] + pad if y_title else 0
        x_labels = self._labels(self.space.x)
        left = title_y + max(self._width(w) for _v, w in self._labels(self.space.y)) + pad + tick
        right = max(self._width(x_labels[-1][1]) / 2, 2 * MM)
        return left, title_x + size + pad + tick, right, size * 0.6

    def fitted_height(self, width: float, ctx) -> float:
        """How tall the axes are in a space `width` wide: their plot as wide as the space lets it
        be, its cells (a minor step each way) square up to the layout's `square`; at least
        `axes_height`, and at most that grown as the layout's squares are larger than
        `SQUARE` (a large-print grid grows with its squares) and `ROOM` of the page's text."""
        sx, sy = self.space.x, self.space.y
        rule = ctx.layout.spaces
        left, bottom, right, top = self._margins(width, rule.axes_height)
        across = (sx.to - sx.start) / (sx.minor or sx.step)
        up = (sy.to - sy.start) / (sy.minor or sy.step)
        cell = min((width - left - right) / across, rule.square)
        most = min(rule.axes_height * max(rule.square / SQUARE, 1.0), ROOM * ctx.text_height())
        return max(min(up * cell + bottom + top, most), rule.axes_height)

    def draw_space(self, x, y, width, height):
        left, bottom, right, top = self._margins(width, height)
        x_title, y_title = self.titles
        box = (x + left, y + bottom, x + width - right, y + height - top)
        if self.space.grid:
            self._grid(box)
        self._axes(box, self._labels(self.space.x), self._labels(self.space.y))
        if x_title:
            x_title.wrap(box[2] - box[0], height)
            x_title.drawOn(self.canv, box[0], y)
        if y_title:
            title_y = y_title.wrap(height, width)[1]
            y_title.wrap(box[3] - box[1], width)
            self.canv.saveState()
            self.canv.translate(x + title_y, box[1])
            self.canv.rotate(90)
            y_title.drawOn(self.canv, 0, 0)
            self.canv.restoreState()

    def _at(self, box, vx: float, vy: float) -> tuple[float, float]:
        left, bottom, right, top = box
        sx, sy = self.space.x, self.space.y
        return (left + (vx - sx.start) / (sx.to - sx.start) * (right - left),
                bottom + (vy - sy.start) / (sy.to - sy.start) * (top - bottom))

    def _grid(self, box) -> None:
        sx, sy = self.space.x, self.space.y
        for light, every_x, every_y in ((0.55, sx.minor, sy.minor), (0.0, sx.step, sy.step)):
            self.stroke(self.rule.grid_colour, self.rule.grid, light)  # minor rules lighter, never thinner (large print: 1 pt)
            for vx in sx.ticks(every_x) if every_x else []:
                self.canv.line(*self._at(box, vx, sy.start), *self._at(box, vx, sy.to))
            for vy in sy.ticks(every_y) if every_y else []:
                self.canv.line(*self._at(box, sx.start, vy), *self._at(box, sx.to, vy))

    def _axes(self, box, x_labels, y_labels) -> None:
        sx, sy = self.space.x, self.space.y
        cross_x = 0.0 if sx.start <= 0 <= sx.to else sx.start  # where the y axis stands
        cross_y = 0.0 if sy.start <= 0 <= sy.to else sy.start  # where the x axis lies
        self.stroke(self.rule.colour, self.rule.border)
        self.canv.line(*self._at(box, sx.start, cross_y), *self._at(box, sx.to, cross_y))
        self.canv.line(*self._at(box, cross_x, sy.start), *self._at(box, cross_x, sy.to))
        self._ticks(box, sx, cross_y, across=True)
        self._ticks(box, sy, cross_x, across=False)
        self._labels_along(box, x_labels, across=True)
        self._labels_along(box, y_labels, across=False)

    def _point(self, box, scale_value: float, at: float, across: bool) -> tuple[float, float]:
        return self._at(box, scale_value, at) if across else self._at(box, at, scale_value)

    def _ticks(self, box, scale, at: float, across: bool) -> None:
        """A scale's ticks on its axis, out from it (minor ones half as long)."""
        for every, length in ((scale.minor, self.rule.tick / 2), (scale.step, self.rule.tick)):
            for v in scale.ticks(every) if every else []:
                px, py = self._point(box, v, at, across)
                if across:
                    self.canv.line(px, py, px, py - length)
                else:
                    self.canv.line(px, py, px - length, py)

    def _labels_along(self, box, labels, across: bool) -> None:
        """The scale's numbers along the plot's outer edge (under it, left of it), clear of
        the grid wherever the axis itself runs; thinned where they would touch."""
        left, bottom, right, top = box
        size, tick, pad = self.style.fontSize, self.rule.tick, self._pad()
        length = (right - left) if across else (top - bottom)
        # up the y axis a number is a line of text tall: a quarter of its size parts two
        widths = [self._width(w) for _v, w in labels] if across else [size * 1.2] * len(labels)
        shown = labelled([v for v, _w in labels], widths, length / max(1, len(labels) - 1),
                         None if across else size * 0.25)
        origin = self.space.x.start == 0 == self.space.y.start  # one 0 at the corner, under it
        for (v, words), show in zip(labels, shown):
            if not show or (origin and not across and v == 0):
                continue
            px, py = self._at(box, v, self.space.y.start) if across else self._at(box, self.space.x.start, v)
            if across:
                self._text(words, px - self._width(words) / 2, bottom - tick - pad - size * 0.75)
            else:
                self._text(words, left - tick - pad - self._width(words), py - size * 0.35)

    def _text(self, words: str, x: float, y: float) -> None:
        self.canv.setFillColor(self.style.textColor)
        draw_words(self.canv, words, x, y, self.style.fontName, self.style.fontSize)


def student(space, q, ctx, floor: int = 0) -> list:
    axes = Axes(space, 0.0, ctx)
    axes.space_height = space.height or max(lines_height(q, ctx), axes.fitted_height(ctx.text_width() - ctx.number_width, ctx))
    return [axes]
