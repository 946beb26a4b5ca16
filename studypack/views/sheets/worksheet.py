"""How a worksheet prints: its opening, its sources (unless they go in a booklet), its questions."""

from __future__ import annotations

from studypack.views.sheets import _questions

KIND = "worksheet"


def compose(sheet, pack, ctx) -> list:
    return _questions.compose(sheet, pack, ctx, booklet=sheet.source_booklet)
