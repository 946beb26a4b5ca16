"""What question sheets share when they print: the opening (or a board's cover, where the
layout gives one), the sources (on the sheet or in a booklet), the questions; or, where the
layout's `source.place` says so, the questions before the sources, or the sources under the
first section's heading and rubric, or inside its first question."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Spacer

from studypack.base.units import MM
from studypack.media import text
from studypack.views import board_cover
from studypack.views.flowables import NotAlone


def compose(sheet, pack, ctx, booklet: bool) -> list:
    covered = ctx.layout.cover.on and not ctx.key  # the cover holds the title, boxes and instructions
    parts = board_cover.paper_cover(sheet, pack, ctx) if covered else [ctx.sheet_opening(sheet)]
    if ctx.layout.source.place == "after-questions" and not ctx.key:  # the prompt, then its documents (AP)
        documents = [] if booklet else _sources(sheet, pack, ctx, opens=False)
        return parts + ctx.questions(sheet) + documents + (_end(ctx) if documents else [])
    if ctx.layout.source.place in ("after-heading", "in-question") and sheet.sections and not ctx.key and not booklet:
        return parts + ctx.questions(sheet, sources=_sources(sheet, pack, ctx, opens=False))  # AQA, OCR
    return parts + ([] if booklet else _sources(sheet, pack, ctx, opens=True)) + ctx.questions(sheet)


def _sources(sheet, pack, ctx, opens: bool) -> list:
    """The sheet's sources in boxes, the first told whether it opens the sheet's body."""
    boxes: list = []
    for letter in sheet.sources:
        source = pack.source(letter)
        if ctx.shows(source):
            boxes.append(ctx.source_box(source, opens=opens and not boxes))
    return boxes


def _end(ctx) -> list:
    """The line after the documents that follow the questions (the College Board's "END OF
    DOCUMENTS FOR QUESTION 1"), kept on the page of the last one; none where the layout says none."""
    words = ctx.layout.source.end
    if not words:
        return []
    return [Spacer(1, 4 * MM), NotAlone(ctx.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_CENTER),
                                        ctx.text_height())]
