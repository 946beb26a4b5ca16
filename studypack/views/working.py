"""The drawn working spaces that are not ruled lines (a box, a grid, axes, a number line):
one flowable each, of a height known before it is placed, that never splits between pages
(it goes on whole with its question, as a short answer's lines do), with the question's
"Answer ........ unit" line drawn under it (`closing`)."""

from __future__ import annotations

import re

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from studypack.base.units import MM
from studypack.media import fonts, text

GAP = 2 * MM  # room between the question's stem (or its hint) and the space
LEAST = 20 * MM  # the least height of a space sized by marks (a layout may give 0 lines)
FINAL_LEAST = 4.0  # of the text size: the shortest dotted line a final answer is written on beside its label


class WorkingSpace(Flowable):
    """A space `height` tall from `indent` to the right margin; subclasses draw it in
    `draw_space(x, y, width, height)`, its lower left corner at (x, y)."""

    PART = "answer space"
    floor: float | None = None  # the least it may close up to so its question stays on a page (None: never)

    def __init__(self, height: float, indent: float, closing: list | None = None):
        super().__init__()
        self.space_height, self.indent, self.closing = height, indent, list(closing or [])
        self.width = self.height = 0.0

    def close_up(self, over: float) -> bool:
        """This space `over` points lower, where that leaves it its `floor` at least (a box
        sized by marks, as ruled lines close up to keep with their question); False, changing
        nothing, where it cannot."""
        if self.floor is None or over <= 0 or self.space_height - over < self.floor:
            return False
        self.space_height -= over
        return True

    def _closing_height(self, aw: float) -> float:
        return sum(f.wrap(aw, 1e6)[1] for f in self.closing)

    def wrap(self, aw, ah):
        self.width = aw
        self.height = GAP + self.space_height + self._closing_height(aw)
        return aw, self.height

    def split(self, aw, ah):
        return []  # never split: the space goes on whole to the next page

    def draw(self):
        below = self._closing_height(self.width)
        self.canv.saveState()
        self.draw_space(self.indent, below, self.width - self.indent, self.space_height)
        self.canv.restoreState()
        y = below
        for flowable in self.closing:
            _w, h = flowable.wrap(self.width, 1e6)
            y -= h
            flowable.drawOn(self.canv, 0, y)

    def draw_space(self, x: float, y: float, width: float, height: float) -> None:
        raise NotImplementedError

    def stroke(self, colour: str, weight: float, light: float = 0.0) -> None:
        """Rules of `colour` and `weight`; `light` (0 to 1) mixes the colour that far towards white."""
        base = HexColor(colour)
        mixed = Color(*(c + (1 - c) * light for c in (base.red, base.green, base.blue)))
        self.canv.setStrokeColor(mixed)
        self.canv.setLineWidth(weight)
        self.canv.setLineCap(0)


_BLANK = re.compile(r"\.{3,}|…+")  # a run of dots (or ellipses) written in a final line's label


def final_line(ctx, final) -> Flowable:
    """"speed = ............ m/s" at the right, under the space: the label and unit as the pack
    wrote them (formulas allowed), a dotted line of the layout's `final_width` to write on,
    shortened (to `FINAL_LEAST` of the text size at the least) to keep the three on one line; only
    a label too long for that has the dotted line and unit under it."""
    style = ctx.style("question.option")
    dot_width = max(stringWidth(".", style.fontName, style.fontSize), 1.0)
    blanks = len(_BLANK.findall(final.label))  # "x = ........ , y =": a blank of its own in the label
    said = _BLANK.sub("", text.plain(final.label)) + " " + text.plain(final.unit or "") + "  "
    line = ctx.text_width() - ctx.number_width
    room = line - stringWidth(said, style.fontName, style.fontSize) * 1.15
    wanted = ctx.layout.spaces.final_width
    if blanks:  # every blank as long as the last, sharing the room
        wanted = min(wanted, max(room, 8 * dot_width * (blanks + 1)) / (blanks + 1))
    dots = max(8, int(wanted / dot_width))
    least = max(8, int(FINAL_LEAST * style.fontSize / dot_width / (blanks + 1)))
    while True:
        made = _final(ctx, final, "." * dots, "\u00a0")
        made.wrap(ctx.text_width(), 1e6)
        if len(getattr(made.blPara, "lines", [])) <= 1 or dots <= least:
            break
        dots = max(least, int(dots * 0.9))
    if len(getattr(made.blPara, "lines", [])) <= 1:
        return made
    # a long label in large type: the label, then the whole dotted line and unit under it
    unit = stringWidth(text.plain(final.unit or "") + "  ", style.fontName, style.fontSize) * 1.15
    dots = max(8, int(min(wanted, line - unit) / dot_width))
    return _final(ctx, final, "." * dots, " ")


def _final(ctx, final, dots: str, joiner: str) -> Flowable:
    style = ctx.style("question.option")
    words = f"{_BLANK.sub(dots, text.inline(final.label, units=True))}{joiner}{dots}"
    if final.unit:
        words += f"\u00a0{text.inline(final.unit, units=True)}"
    return ctx.para(words, "question.option", alignment=TA_RIGHT, spaceBefore=style.fontSize * 0.8,
                    leftIndent=ctx.number_width)


def closes_to(height: float, ctx) -> float:
    """The least a space sized by marks, `height` tall, may close up to: the layout's
    `answer_lines.squeeze` of it, as its ruled lines would (never under LEAST)."""
    return min(height, max(LEAST, height * ctx.layout.answer_lines.squeeze))


def lines_height(question, ctx) -> float:
    """As tall as the ruled lines the question would get (its `lines:`, else its marks), and
    never under LEAST: a box's or grid's height where the question sets none."""
    return max(LEAST, ctx.line_count(question) * ctx.layout.answer_lines.spacing)


def number(value: float, font_name: str) -> str:
    """A scale value as printed: 2 not 2.0, and a true minus sign (U+2212), as a prompt's minus
    prints: `draw_words` sets it from the fallback face where the layout's own has none (Noto
    Sans), never an en dash, which reads as a different sign beside the prompt's."""
    words = f"{value:g}"
    return "\u2212" + words[1:] if words.startswith("-") else words


def words_width(words: str, font_name: str, size: float) -> float:
    """How wide `draw_words` sets these words: each run in the face that prints it."""
    return sum(stringWidth(piece, face, size) for piece, face in fonts.runs(words, font_name))


def draw_words(canv, words: str, x: float, y: float, font_name: str, size: float) -> None:
    """Words drawn from (x, y) on a canvas, a character the face lacks (a true minus in Noto
    Sans) in the fallback face a paragraph would set it in."""
    for piece, face in fonts.runs(words, font_name):
        canv.setFont(face, size)
        canv.drawString(x, y, piece)
        x += stringWidth(piece, face, size)


def _clear(widths: list[float], gap: float | None = None) -> float:
    """How far apart numbers of these widths must stand to be read apart: a clear gap between
    them (`gap`, else half the widest, wider for large print)."""
    widest = max(widths, default=0)
    return widest + (max(1.5 * MM, widest / 2) if gap is None else gap)


def labelled(values: list[float], widths: list[float], apart: float, gap: float | None = None,
             ends: bool = False) -> list[bool]:
    """Which ticks get their number: every n-th, n the least that keeps the numbers clear of
    each other (`gap` between them, else `_clear`'s), counted from 0 where the scale holds it
    (0 is always labelled); with `ends`, both ends are labelled too, as a number line's ends say
    its range: every n-th from 0 where that reaches both ends (a little larger n where that
    does: −6 … 6 by threes), else 0, the ends and every n-th from 0 clear of them (−5 … 5 in
    large-print-36: −5, −2, 0, 2, 5; counting from an end left 0 unlabelled)."""
    need, n = _clear(widths, gap), 1
    while n * apart < need and n < len(widths):
        n += 1
    zero = next((i for i, v in enumerate(values) if abs(v) < 1e-9), 0)
    last = len(values) - 1
    if not ends or last <= 0:
        return [(i - zero) % n == 0 for i in range(len(values))]
    regular = next((m for m in range(n, 2 * n) if zero % m == 0 and (last - zero) % m == 0), None)
    if regular is not None:
        return [(i - zero) % regular == 0 for i in range(len(values))]
    return [i in (0, zero, last) or (i - zero) % n == 0 and n <= i <= last - n for i in range(len(values))]
