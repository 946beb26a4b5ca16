"""How an ordering question prints: the lettered events, then a row of boxes to write the
letters in, labelled at both ends; the key writes the letters in order. In a class set built
for marking, a grid of boxes to tick (a row a place in the order, a column a letter) stands
for the row of letter boxes, so the scanner reads the answer."""

from __future__ import annotations

import string

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Spacer

from studypack.media import text
from studypack.kinds.questions.ordering.spec import answer, ends, positions, printed
from studypack.base.units import MM
from studypack.views.toolkit import fonts_width, lead_in


def student(q, ctx) -> list:
    grid = _grid(q, ctx) if ctx.machine_read else None
    if grid is None:
        return [_events_and_boxes(ctx, printed(q), *ends(q, ctx.say))]
    return [lead_in(_listing(ctx, printed(q))), lead_in(Spacer(1, 2 * MM)), grid]


def _grid(q, ctx):
    """A class set built for marking: a row of boxes to tick a place in the order, for the scanner."""
    return ctx.tick_grid(positions(q, ctx.say), list(string.ascii_uppercase[:len(q.items)]),
                         ctx.say("question.tick-place"))


def key(q, ctx) -> list:
    found = answer(q)
    parts = [_events_and_boxes(ctx, printed(q), *ends(q, ctx.say), found),
             ctx.key_text(ctx.say("key.answer"), ", ".join(found))]
    if q.explanation:
        parts.append(ctx.key_text(ctx.say("key.why"), q.explanation))
    return parts


def _listing(ctx, items: list[str]):
    """The lettered events."""
    rows = [[ctx.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option"),
             ctx.para(text.inline(item), "question.option")] for i, item in enumerate(items)]
    return ctx.table(rows, [7 * MM, None], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                           ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])


def _events_and_boxes(ctx, items: list[str], first: str, last: str, found: list[str] | None = None) -> list:
    """Where the labels beside the row would not fit (large print) they stand above its
    first and last box. Events and boxes stay together with the stem."""
    listing = _listing(ctx, items)
    n = len(items)
    tight = n > 7  # up to 10 boxes still fit one line of an A4 page
    box, arrow_gap = (9 * MM, 3.5 * MM) if tight else (11 * MM, 6 * MM)
    boxes_cells = []
    for i in range(n):
        boxes_cells.append(ctx.letter_box(found[i] if found else "", box - 2.5 * MM))
    box = max(box, boxes_cells[0].width + 2.5 * MM) if boxes_cells else box
    arrow = max(arrow_gap, fonts_width("→", ctx.style("question.option")) + 2)
    heads = [ctx.para(f"<b>{text.literal(first)}</b>", "question.label", alignment=2),
             ctx.para(f"<b>{text.literal(last)}</b>", "question.label")]
    label = max(fonts_width(word, ctx.style("question.label")) for word in (first, last)) + 3
    label = max(label, 18 * MM if tight else 24 * MM)
    room = ctx.text_width() - ctx.number_width
    row_width = n * box + (n - 1) * arrow
    cells, widths = [], []
    for i, cell in enumerate(boxes_cells):
        if i:
            cells.append(ctx.para("→", "question.option", alignment=TA_CENTER))
            widths.append(arrow)
        cells.append(cell)
        widths.append(box)
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]
    if row_width + 2 * label <= room:
        boxes = ctx.table([[heads[0]] + cells + [heads[1]]], [label] + widths + [label], commands,
                          rowHeights=[box])
    else:  # the labels go above the row, over its first and last box
        heads[0] = ctx.para(f"<b>{text.literal(first)}</b>", "question.label")
        heads[1] = ctx.para(f"<b>{text.literal(last)}</b>", "question.label", alignment=2)
        half = len(cells) // 2
        top = [heads[0]] + [""] * (half - 1) + [heads[1]] + [""] * (len(cells) - half - 1)
        commands += [("SPAN", (0, 0), (half - 1, 0)), ("SPAN", (half, 0), (-1, 0)),
                     ("ALIGN", (0, 0), (-1, 0), "LEFT"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                     ("LEFTPADDING", (0, 0), (-1, 0), 0), ("RIGHTPADDING", (0, 0), (-1, 0), 0)]
        boxes = ctx.table([top, cells], widths, commands, rowHeights=[None, box])
    return [lead_in(listing), lead_in(Spacer(1, 3 * MM)), boxes]
