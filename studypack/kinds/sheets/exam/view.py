"""How an exam paper prints: sections and questions; its sources are always in its booklet.
Where the layout (a board profile's) gives it a cover, the cover holds the title, boxes and
instructions, and the questions start on the next page."""

from __future__ import annotations

from studypack.kinds.sheets import question_sheet
from studypack.views import board_cover


def compose(sheet, pack, ctx) -> list:
    if ctx.layout.cover.on and not ctx.key:
        return board_cover.paper_cover(sheet, pack, ctx) + ctx.questions(sheet)
    return question_sheet.compose(sheet, pack, ctx, booklet=True)
