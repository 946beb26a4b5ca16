"""How an inferences question prints: a box per inference with room for what the student
infers and the details of the source that show it; the key gives examples."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Spacer

from studypack.io.words import each
from studypack.media import text
from studypack.kinds.questions.inferences.spec import where
from studypack.base.units import MM
from studypack.views.flowables import AnswerLines
from studypack.views.toolkit import GRID, ROMAN, fonts_width, lead_in


def student(q, ctx) -> list:
    return [_boxes(ctx, q.count, where(q, ctx.say), q.lines)]


def key(q, ctx) -> list:
    parts = [lead_in(p) for p in ctx.point_scheme(q.mark_scheme, q.marks)] if q.mark_scheme else []  # never without what it marks
    parts.append(_boxes(ctx, len(q.answers), where(q, ctx.say), q.lines, [(a.inference, a.detail) for a in q.answers]))
    return parts


def _boxes(ctx, count: int, source: str, lines: int, answers=None) -> list:
    rule = ctx.layout.answer_lines
    out = []
    for i in range(count):
        if answers:
            infer = ctx.cell_paras(answers[i][0], "key.answer", spaceBefore=0)
            detail = ctx.cell_paras(answers[i][1], "key.answer", spaceBefore=0)
        else:
            infer = AnswerLines(lines, rule.spacing, rule.colour, rule.weight)
            detail = AnswerLines(lines, rule.spacing, rule.colour, rule.weight)
            infer.dotted = detail.dotted = rule.style == "dotted"  # the layout's lines, in the frame too
        # under an answer space's last line, room enough that it never sits on the box's rule
        under = 5 if answers else max(5.0, 0.35 * rule.spacing)
        if i:  # between the boxes; under the last, the gap before the next question is enough
            out.append(Spacer(1, 2.5 * MM))
        label = f"({ROMAN[i]})" if i < len(ROMAN) else f"({i + 1})"
        infer_words = ctx.say("question.infer")
        heads = [ctx.para(f"<b>{label} {infer_words}</b>", "question.label"),
                 ctx.para(f"<b>{ctx.say('question.details', source=each(source, text.literal))}</b>", "question.label")]
        if fonts_width(infer_words, ctx.style("question.label")) > 38 * MM - 12:
            # large print: each label over its own full-width answer space
            rows = [[heads[0]], [infer], [heads[1]], [detail]]
            out.append(_whole(ctx, ctx.table(rows, [None], [
                ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")), ("LINEBELOW", (0, 1), (-1, 1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("BACKGROUND", (0, 0), (0, 0), ctx.shade("#f6f6f6")),
                ("BACKGROUND", (0, 2), (0, 2), ctx.shade("#f6f6f6")),
                # a label never stays at a page's foot with its answer overleaf
                ("NOSPLIT", (0, 0), (-1, 1)), ("NOSPLIT", (0, 2), (-1, 3)),
                ("BOTTOMPADDING", (0, 1), (0, 1), under), ("BOTTOMPADDING", (0, 3), (0, 3), under)])))
        else:
            rows = [[heads[0], infer], [heads[1], detail]]
            out.append(ctx.table(rows, [38 * MM, None], [
                ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")), ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("BACKGROUND", (0, 0), (0, -1), ctx.shade("#f6f6f6")),
                ("BOTTOMPADDING", (1, 0), (1, -1), under)]))
    if answers and count > 0:  # it heads the first box, never left at a page's foot without it
        out[0].heading = out[0].lead = ctx.para(f"<b>{ctx.say('key.examples')}</b>", "key.answer")
    return out


def _whole(ctx, table):
    """Large print: each inference's box (its label and room, the details and theirs) breaks,
    if it must, only after a label's room, never after a label alone."""
    table.group = 2
    return table
