"""How a matching question prints: a numbered column with a box for a letter beside each, and
a lettered column (with any distractors); the key writes the letters in the boxes. In a class
set built for marking, a grid of boxes to tick (a row a number, a column a letter) stands
for the letter boxes, so the scanner reads the answer. Drawn with
lines (`style: lines`): the two columns with a dot beside each item; the key draws the lines."""

from __future__ import annotations

import string

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Spacer

from studypack.media import text
from studypack.kinds.questions.matching.spec import answers, joins, note, right_column
from studypack.base.units import MM
from studypack.views.dot_columns import DotColumns
from studypack.views.toolkit import OnBaseline, Whole, fit_columns, fonts_width, kept_whole, widest_word


GUTTER = 6.0  # points, at least, between a row's left-hand words and its box (an em where that is more)


def student(q, ctx) -> list:
    if q.style == "lines":
        said = note(q, ctx.say)
        return ([ctx.note(said)] if said else []) + [_dots(q, ctx, [])]
    grid = _grid(q, ctx) if ctx.machine_read else None
    if grid is None:
        return [_columns(ctx, [p.left for p in q.pairs], right_column(q), q.headings)]
    return [_columns(ctx, [p.left for p in q.pairs], right_column(q), q.headings, letter_boxes=False), grid]


def _grid(q, ctx):
    """A class set built for marking: a row of boxes to tick a number, for the scanner."""
    return ctx.tick_grid([str(n) for n in range(1, len(q.pairs) + 1)],
                         list(string.ascii_uppercase[:len(right_column(q))]), ctx.say("question.tick-number"))


def key(q, ctx) -> list:
    if q.style == "lines":
        pairs = "; ".join(f"{p.left} – {p.right}" for p in q.pairs)
        return [_dots(q, ctx, joins(q)), *ctx.key_text(ctx.say("key.answer"), pairs)]
    found = answers(q)
    return [_columns(ctx, [p.left for p in q.pairs], right_column(q), q.headings, found),
            ctx.key_text(ctx.say("key.answer"), ", ".join(f"{i} {a}" for i, a in enumerate(found, start=1)))]


def _dots(q, ctx, lines: list[tuple[int, int]]):
    """The two columns with their dots, the key's lines drawn, on one page."""
    left = [ctx.para(text.inline(p.left), "question.option", alignment=TA_RIGHT) for p in q.pairs]
    right = [ctx.para(text.inline(item), "question.option") for item in right_column(q)]
    heads = ([ctx.para(f"<b>{text.inline(q.headings[0])}</b>", "key.label", alignment=TA_RIGHT),
              ctx.para(f"<b>{text.inline(q.headings[1])}</b>", "key.label")] if q.headings else None)
    return kept_whole(DotColumns(left, right, heads, lines, ctx.number_width, ctx.style("question.option").fontSize))


def _columns(ctx, left: list[str], right: list[str], headings=None, found=None, letter_boxes: bool = True):
    rows = []
    if headings:
        rows.append(["", ctx.heading_cell(f"<b>{text.inline(headings[0])}</b>"), "", "",
                     "", ctx.heading_cell(f"<b>{text.inline(headings[1])}</b>")])
    for i in range(max(len(left), len(right))):
        row: list = ["", "", "", "", "", ""]
        if i < len(left):
            words = ctx.para(text.inline(left[i]), "question.option")
            row[0], row[1] = OnBaseline(ctx.para(f"<b>{i + 1}</b>", "question.option"), words, middle=True), words
            row[2] = ctx.letter_box(found[i] if found else "") if letter_boxes else ""
        if i < len(right):
            # each label on the first baseline of its words (a formula with a charge, SO₄²⁻, is
            # lowered into its line: a letter centred on its own stood above the formula's baseline)
            outcome = ctx.para(text.inline(right[i]), "question.option")
            row[4] = OnBaseline(ctx.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option"), outcome, middle=True)
            row[5] = outcome
        rows.append(row)
    size = ctx.style("question.option").fontSize
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    # a gutter of an em at least between a row's left half (its words) and its box: the two
    # halves of a row read apart, however long the left-hand words are
    gutter = [("RIGHTPADDING", (1, 0), (1, -1), max(GUTTER, size))]
    numbers, letters = _label_width(ctx, [r[0] for r in rows]), _label_width(ctx, [r[4] for r in rows])
    table = ctx.table(rows, [numbers, None, 12 * MM, 6 * MM, letters, None], commands + gutter,
                      repeatRows=1 if headings else 0)  # the headings never end a page alone
    # the left column (short names, usually) takes the width its longest entry needs, up to
    # half the free room, and leaves the rest to the longer right-hand descriptions
    room = ctx.text_width() - ctx.number_width
    widths = fit_columns(table.spec, table.mins, room)
    free = widths[1] + widths[5]
    # measured as set (formulas as they print), and never narrower than the words' own width
    # (a cell set for the marking grid measures nothing on one line: "Man / 3" went under)
    words = max((fonts_width(text.plain(item), ctx.style("question.option")) for item in left), default=0)
    natural = max(max((_one_line(row[1]) for row in rows if row[1]), default=0), words) + 2 + max(GUTTER, size)
    table.spec[1] = max(table.mins[1], min(natural, free / 2))
    if free - table.spec[1] >= 10 * ctx.style("question.option").fontSize:  # about 20 characters a line
        # the two columns side by side kept whole (unless taller than a page): parted between
        # rows, a reader (a teacher reading the key) would find some of the outcomes overleaf
        return _whole(ctx, table)
    return _stacked(ctx, left, right, headings, found, commands, letter_boxes)


def _stacked(ctx, left, right, headings, found, commands, letter_boxes: bool = True) -> list:
    """Large print: the numbered column, each with its box, then the lettered column
    below it, both the full width, so neither is squeezed into a narrow strip."""
    out = []
    rows = [[ctx.para(f"<b>{text.inline(headings[0])}</b>", "question.label"), "", ""]] if headings else []
    for i, item in enumerate(left):
        words = ctx.para(text.inline(item), "question.option")
        rows.append([OnBaseline(ctx.para(f"<b>{i + 1}</b>", "question.option"), words, middle=True), words,
                     ctx.letter_box(found[i] if found else "") if letter_boxes else ""])
    if headings:
        commands = commands + [("SPAN", (0, 0), (-1, 0))]
    numbers = _label_width(ctx, [row[0] for row in rows[1 if headings else 0:]])
    out.append(_whole(ctx, ctx.table(rows, [numbers, None, 12 * MM], commands, repeatRows=1 if headings else 0)))
    out.append(Spacer(1, 3 * MM))
    rows = [[ctx.para(f"<b>{text.inline(headings[1])}</b>", "question.label"), ""]] if headings else []
    for i, item in enumerate(right):
        words = ctx.para(text.inline(item), "question.option")
        rows.append([OnBaseline(ctx.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option"), words), words])
    letters = _label_width(ctx, [row[0] for row in rows[1 if headings else 0:]])
    out.append(_whole(ctx, ctx.table(rows, [letters, None], commands + [("VALIGN", (0, 0), (-1, -1), "TOP")],
                                     repeatRows=1 if headings else 0)))
    return out


def _one_line(paragraph) -> float:
    """How wide a paragraph's words are on one line, formulas as they print."""
    paragraph.wrap(1e6, 1e6)
    return max(paragraph.getActualLineWidths0(), default=0.0)


def _label_width(ctx, cells: list) -> float:
    """A number or letter column: 6 mm, or its widest label, the cell's padding and an en space
    where that is wider (large print: "3" and "−2 < x ≤ 3" would read as one number run)."""
    size = ctx.style("question.option").fontSize
    widest = max((widest_word(cell) for cell in cells if cell), default=0.0)
    return max(6 * MM, widest + 2 + size / 2)


def _whole(ctx, table):
    """Each list is kept whole on one page (unless taller than a page): a reader turning
    over finds the numbered names or the lettered outcomes all together."""
    return Whole(table.table, table.indent, ctx.text_height(), table.top, table.spec, table.mins)
