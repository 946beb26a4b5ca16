"""How a source-analysis sheet prints: each source boxed with numbered lines and provenance, then questions."""

from __future__ import annotations

from studypack.views.sheets import _questions

KIND = "source-analysis"


def compose(sheet, pack, ctx) -> list:
    return _questions.compose(sheet, pack, ctx, booklet=sheet.source_booklet)
