"""How an exam paper prints: sections and questions; its sources are always in its booklet."""

from __future__ import annotations

from studypack.views.sheets import _questions

KIND = "exam"


def compose(sheet, pack, ctx) -> list:
    return _questions.compose(sheet, pack, ctx, booklet=True)
