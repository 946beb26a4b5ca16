"""How a sorting question prints: the lettered items, then a box per group to write the letters
in; the key writes each group's letters in its box."""

from __future__ import annotations

import math
import string

from reportlab.lib.colors import HexColor
from reportlab.platypus import Spacer

from studypack.media import text
from studypack.kinds.questions.categorise.spec import answers, printed
from studypack.base.units import MM
from studypack.views.toolkit import lead_in


def student(q, ctx) -> list:
    return [_items(ctx, q), lead_in(Spacer(1, 3 * MM)), _groups(ctx, q)]


def key(q, ctx) -> list:
    parts = [lead_in(p) for p in ctx.point_scheme(q.mark_scheme, q.marks)] if q.mark_scheme else []  # never without what it marks
    parts += [_items(ctx, q), Spacer(1, 3 * MM), _groups(ctx, q, answers(q))]
    if q.explanation:
        parts.append(ctx.key_text(ctx.say("key.why"), q.explanation))
    return parts


def _items(ctx, q):
    rows = [[ctx.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option"),
             ctx.para(text.inline(item.text), "question.option")] for i, item in enumerate(printed(q))]
    return lead_in(ctx.table(rows, [7 * MM, None], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))


def _groups(ctx, q, found: list[list[str]] | None = None):
    """One column per group, headed with its name; a box with room to write its letters side by
    side (two lines, one more for every six letters a group may take), or, in the key, the
    letters that belong. Kept low, so large print keeps the boxes on the page of the items."""
    heads = [ctx.heading_cell(f"<b>{text.inline(group)}</b>") for group in q.groups]
    if found is None:
        letter = ctx.style("question.option").fontSize * 2.2
        room = (2 + (math.ceil(len(q.items) / len(q.groups)) - 1) // 6) * letter
        cells = [Spacer(1, room) for _group in q.groups]
    else:
        cells = [ctx.para(f"<b>{', '.join(letters)}</b>", "key.answer", spaceBefore=0) for letters in found]
    return ctx.table([heads, cells], [None] * len(q.groups), [
        ("GRID", (0, 0), (-1, -1), 0.8, HexColor("#555555")), ("BACKGROUND", (0, 0), (-1, 0), ctx.shade("#ececec")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4)], repeatRows=1)
