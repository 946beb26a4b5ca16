"""How a source-analysis sheet prints: each source boxed with numbered lines and provenance, then questions."""

from __future__ import annotations

from studypack.kinds.sheets import question_sheet


def compose(sheet, pack, ctx) -> list:
    return question_sheet.compose(sheet, pack, ctx, booklet=sheet.source_booklet)
