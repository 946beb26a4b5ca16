"""A source-analysis sheet: each source boxed with numbered lines and provenance, then questions."""

from __future__ import annotations

from . import _questions

KIND = "source-analysis"
SOURCES = "inline"


def check(sheet) -> list[str]:
    problems = _questions.needs_questions(sheet)
    if not sheet.sources:
        problems.insert(0, "a source-analysis sheet needs its sources listed, like 'sources: [A, B]'")
    return problems


def compose(sheet, pack, ctx) -> list:
    return _questions.compose(sheet, pack, ctx, booklet=sheet.source_booklet)
