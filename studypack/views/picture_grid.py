"""Options that are pictures, in a row (more rows where they do not fit), each with its tick
box, letter and caption under it; the key ticks the right ones and frames them."""

from __future__ import annotations

import io
from collections.abc import Collection

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Table

from studypack.base.paths import inside
from studypack.base.units import MM
from studypack.media import images, text
from studypack.spec.picture_options import pictured

MOST = 4  # pictures to a row, at most
TALLEST = 45 * MM  # a picture's height, at most: large print's wider cells do not make pictures a page tall


def columns(room: float, count: int, size: float) -> int:
    """How many pictures go in a row: as many as leave each at least 35 mm (wider for large
    print, so a caption keeps whole words), at most MOST; rows balanced (5 as 3 + 2, not 4 + 1)."""
    fit = max(1, min(MOST, count, int(room // max(35 * MM, size * 6))))
    rows = -(-count // fit)
    return -(-count // rows)


def picture_options(ctx, options, correct: Collection[int] = ()) -> Flowable:
    """The grid of picture options; `correct`: the places the key ticks (empty on a student's sheet)."""
    style = ctx.style("question.option")
    room = ctx.text_width() - ctx.number_width
    across = columns(room, len(options), style.fontSize)
    cell = room / across
    box = style.fontSize * 1.15
    done = [images.prepare(inside(ctx.root, option.file), cell - 4 * MM, images.greyscale(ctx.layout),
                           min(images.max_height(ctx.layout), cell * 0.8, TALLEST)) for option in options]
    frame = max(d.height_pt for d in done)  # every picture in a box as tall as the tallest: captions in line
    cells: list = []
    for i, (option, picture) in enumerate(zip(options, done)):
        words = f"<b>{chr(65 + i)}</b>" + (f"  {text.inline(option.caption)}" if option.caption else "")
        label = _tight(Table([[ctx.tick_box(box, i in correct), ctx.para(words, "question.option")]],
                             colWidths=[box + max(5, box * 0.3), None]), ctx, "TOP", "LEFT")
        image = images.picture_class()(io.BytesIO(picture.data), width=picture.width_pt, height=picture.height_pt)
        image.blend = "Multiply" if ctx.layout.page.tint else None  # on a tinted page: no white rectangle
        image.alt = option.words  # in a tagged PDF: the figure's alt text
        shown = _tight(Table([[image]], colWidths=[cell - 4 * MM], rowHeights=[frame]), ctx, "MIDDLE")
        cells.append([shown, label])
    while len(cells) % across:
        cells.append("")
    rows = [cells[k:k + across] for k in range(0, len(cells), across)]
    commands: list = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 2 * MM), ("RIGHTPADDING", (0, 0), (-1, -1), 2 * MM)]
    for i in sorted(correct):  # the key frames each right picture as well as ticking it
        commands.append(("BOX", (i % across, i // across), (i % across, i // across), 1.5, HexColor("#000000")))
    return ctx.table(rows, [cell] * across, commands)  # rows part between pages, as options do


def _tight(table: Table, ctx, align: str, across: str = "CENTER") -> Table:
    """A table with no padding, its cells aligned `align` up and down and `across` across."""
    table.setStyle(ctx.table_style([("VALIGN", (0, 0), (-1, -1), align), ("ALIGN", (0, 0), (-1, -1), across),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def choices(ctx, options, correct=None, single: bool = False) -> Flowable:
    """Options with tick boxes: words as lettered lines (`ctx.options`; `single`: one answer,
    in the layout's `choices` form), pictures in a grid; `correct`: the index the key ticks,
    or a set of them."""
    if not pictured(options):
        return ctx.options(options, correct=correct, single=single)
    return picture_options(ctx, options, set() if correct is None else correct if isinstance(correct, (set, frozenset)) else {correct})
