"""How an exam paper prints: sections and questions; its sources are always in its booklet."""

from __future__ import annotations

from studypack.kinds.sheets import question_sheet


def compose(sheet, pack, ctx) -> list:
    return question_sheet.compose(sheet, pack, ctx, booklet=True)
