"""How a true/false question prints: numbered statements, each with True and False boxes;
the key ticks the right box and gives the reasons."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER

from studypack.media import text
from studypack.base.units import MM
from studypack.views.toolkit import OnBaseline, fonts_width


def student(q, ctx) -> list:
    return [_statements(ctx, [s.text for s in q.statements])]


def key(q, ctx) -> list:
    parts = [_statements(ctx, [s.text for s in q.statements], [s.answer for s in q.statements])]
    notes = [(f"{i}.", s.explanation) for i, s in enumerate(q.statements, start=1) if s.explanation]
    if notes:  # each reason marked with its statement's number, no bullet
        parts.append(ctx.key_list(ctx.say("key.why"), [note for _n, note in notes], [n for n, _note in notes]))
    return parts


def _statements(ctx, statements: list[str], answers: list[bool] | None = None):
    """Numbered statements, each with True and False boxes; a statement that wraps keeps
    its lines clear of the number (the number has its own column)."""
    box = ctx.style("question.option").fontSize * 1.15
    heads = [ctx.para(f"<b>{ctx.say(word)}</b>", "question.label", alignment=TA_CENTER) for word in ("question.true", "question.false")]
    rows = [["", ""] + heads]
    for i, statement in enumerate(statements):
        right = None if answers is None else answers[i]
        said = ctx.para(text.inline(statement), "question.option")
        rows.append([OnBaseline(ctx.para(f"<b>{i + 1}</b>", "question.option"), said), said,
                     ctx.tick_box(box, right is True), ctx.tick_box(box, right is False)])
    number = fonts_width(str(len(statements)), ctx.style("question.option")) + 2.5 * MM
    return ctx.table(rows, [number, None, 16 * MM, 16 * MM], [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("VALIGN", (0, 1), (1, -1), "TOP"),
        ("ALIGN", (2, 0), (-1, -1), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, -2), ctx.layout.tables.divider_weight, HexColor(ctx.layout.tables.divider_colour)),
        ("LEFTPADDING", (0, 0), (1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ], repeatRows=1)  # statements carried to a new page keep their True and False heads
