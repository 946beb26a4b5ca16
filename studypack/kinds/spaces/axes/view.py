"""Graph axes with the question's scales on graph paper: a light grid of square cells (fainter
lines at every cell, darker at every step), the axes through 0 where the scale holds it (else
along its edge), labelled ticks and each axis's label with its unit; empty for the student to
plot on."""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.enums import TA_CENTER

from studypack.base.units import MM
from studypack.media import text
from studypack.views.working import WorkingSpace, draw_words, labelled, lines_height, number, words_width

PAD = 1.5 * MM  # between a tick and its label, a label and the axis title (at least)
PAD_SHARE = 0.3  # of the numbers' size: that room in large print, where 1.5 mm left bold numbers touching the ticks
SQUARE = 5 * MM  # the squares `axes_height` is meant for (the default layout's): larger ones make the axes taller
SIZE = 10.5  # the numbers' size `axes_height` is meant for (the default layout's): larger ones make the axes taller
ROOM = 0.6  # of the page's text height: the most axes take, leaving room for their question on the page
CELLS = (1, 2, 4, 5, 10)  # the cells a step may take: whole, halves, quarters, fifths, tenths
SMALLEST = 2 * MM  # graph paper's small squares: no cell is smaller (nor under `SMALLEST_SHARE` of the layout's)
SMALLEST_SHARE = 0.4
OWN = 1.25  # a scale whose cells are the question's own `minor` counts its plot this much larger


class Grid(NamedTuple):
    """The plot's graph paper: its square cells' side, and how many cells a step of x and of y takes."""

    cell: float
    x: int
    y: int


def _steps(scale) -> int:
    return round((scale.to - scale.start) / scale.step)


def _own(scale) -> int | None:
    """How many cells the question's `minor` makes of a step (None: it sets none)."""
    return round(scale.step / scale.minor) if scale.minor else None


def grid(sx, sy, width: float, height: float, square: float) -> Grid:
    """Square cells for a plot at most `width` by `height`: for each axis a number of cells a
    step (`CELLS`, or the question's minor steps), each cell at most `square` (the layout's)
    and at least `SMALLEST`; the pair that covers most of the room wins, a scale keeping the
    question's own minor step where that covers nearly as much (`OWN`), then the larger cells."""
    kx, ky = _steps(sx), _steps(sy)
    width, height = max(width, 1.0), max(height, 1.0)
    least = max(SMALLEST, SMALLEST_SHARE * square)
    best: tuple[tuple[float, float], Grid] | None = None
    for nx in sorted({*CELLS, _own(sx) or 1}):
        for ny in sorted({*CELLS, _own(sy) or 1}):
            cell = min(width / (kx * nx), height / (ky * ny), square)
            if cell < least:
                continue
            covered = (kx * nx * cell) * (ky * ny * cell) / (width * height)
            score = (covered * OWN ** ((nx == _own(sx)) + (ny == _own(sy))), cell)
            if best is None or score > best[0]:
                best = (score, Grid(cell, nx, ny))
    if best is None:  # steps too many for cells that large: one cell a step, as large as the room lets them be
        return Grid(min(width / kx, height / ky), 1, 1)
    return best[1]


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

    def _grow(self, ctx) -> float:
        """How much taller than `axes_height` axes may be: as the layout's squares are larger
        than `SQUARE` and its numbers than `SIZE` (large print, young readers' 16 pt)."""
        return max(self.rule.square / SQUARE, self.style.fontSize / SIZE, 1.0)

    def fitted_height(self, width: float, ctx) -> float:
        """How tall the axes are in a space `width` wide: their plot on square cells (`grid`)
        as large as the room lets it be: at least `axes_height` tall, at most that grown with
        the layout (`_grow`) and `ROOM` of the page's text."""
        rule = ctx.layout.spaces
        most = min(rule.axes_height * self._grow(ctx), ROOM * ctx.text_height())
        left, bottom, right, top = self._margins(width, most)
        paper = grid(self.space.x, self.space.y, width - left - right, most - bottom - top, rule.square)
        return max(_steps(self.space.y) * paper.y * paper.cell + bottom + top, rule.axes_height)

    def _box(self, x, y, width, height) -> tuple[tuple[float, float, float, float], Grid]:
        """The plot's corners (left, bottom, right, top) in the space and its square cells: the
        plot centred across the space, at its top."""
        left, bottom, right, top = self._margins(width, height)
        sx, sy = self.space.x, self.space.y
        paper = grid(sx, sy, width - left - right, height - bottom - top, self.rule.square)
        wide, tall = _steps(sx) * paper.x * paper.cell, _steps(sy) * paper.y * paper.cell
        x0 = x + left + (width - left - right - wide) / 2
        y1 = y + height - top
        return (x0, y1 - tall, x0 + wide, y1), paper

    def draw_space(self, x, y, width, height):
        box, paper = self._box(x, y, width, height)
        x_title, y_title = self.titles
        minors = (self.space.x.step / paper.x, self.space.y.step / paper.y)
        if self.space.grid:
            self._grid(box, minors)
        self._axes(box, minors, self._labels(self.space.x), self._labels(self.space.y))
        size, tick, pad = self.style.fontSize, self.rule.tick, self._pad()
        if x_title:
            _w, h = x_title.wrap(box[2] - box[0], height)
            x_title.drawOn(self.canv, box[0], box[1] - tick - pad - size - pad - h)
        if y_title:
            y_title.wrap(box[3] - box[1], width)
            self.canv.saveState()
            room = max(self._width(w) for _v, w in self._labels(self.space.y))
            self.canv.translate(box[0] - tick - pad - room - pad, box[1])
            self.canv.rotate(90)
            y_title.drawOn(self.canv, 0, 0)
            self.canv.restoreState()

    def _at(self, box, vx: float, vy: float) -> tuple[float, float]:
        left, bottom, right, top = box
        sx, sy = self.space.x, self.space.y
        return (left + (vx - sx.start) / (sx.to - sx.start) * (right - left),
                bottom + (vy - sy.start) / (sy.to - sy.start) * (top - bottom))

    def _grid(self, box, minors: tuple[float, float]) -> None:
        sx, sy = self.space.x, self.space.y
        for light, every_x, every_y in ((0.55, *minors), (0.0, sx.step, sy.step)):
            self.stroke(self.rule.grid_colour, self.rule.grid, light)  # minor rules lighter, never thinner (large print: 1 pt)
            for vx in sx.ticks(every_x) if light == 0 or every_x < sx.step else []:
                self.canv.line(*self._at(box, vx, sy.start), *self._at(box, vx, sy.to))
            for vy in sy.ticks(every_y) if light == 0 or every_y < sy.step else []:
                self.canv.line(*self._at(box, sx.start, vy), *self._at(box, sx.to, vy))

    def _axes(self, box, minors: tuple[float, float], x_labels, y_labels) -> None:
        sx, sy = self.space.x, self.space.y
        cross_x = 0.0 if sx.start <= 0 <= sx.to else sx.start  # where the y axis stands
        cross_y = 0.0 if sy.start <= 0 <= sy.to else sy.start  # where the x axis lies
        self.stroke(self.rule.colour, self.rule.border)
        self.canv.line(*self._at(box, sx.start, cross_y), *self._at(box, sx.to, cross_y))
        self.canv.line(*self._at(box, cross_x, sy.start), *self._at(box, cross_x, sy.to))
        self._ticks(box, sx, minors[0], cross_y, across=True)
        self._ticks(box, sy, minors[1], cross_x, across=False)
        self._labels_along(box, x_labels, across=True)
        self._labels_along(box, y_labels, across=False)

    def _point(self, box, scale_value: float, at: float, across: bool) -> tuple[float, float]:
        return self._at(box, scale_value, at) if across else self._at(box, at, scale_value)

    def _ticks(self, box, scale, minor: float, at: float, across: bool) -> None:
        """A scale's ticks on its axis, out from it: where the question sets minor steps, a
        half-length one at every cell of the grid."""
        small = minor if scale.minor and minor < scale.step else None
        for every, length in ((small, self.rule.tick / 2), (scale.step, self.rule.tick)):
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
