"""How a worksheet prints: its opening, its sources (unless they go in a booklet), its questions."""

from __future__ import annotations

from studypack.kinds.sheets import question_sheet


def compose(sheet, pack, ctx) -> list:
    return question_sheet.compose(sheet, pack, ctx, booklet=sheet.source_booklet)
