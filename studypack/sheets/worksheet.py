"""A worksheet: numbered questions with answer space; sources optional (printed first,
or in a separate source booklet with `source_booklet: true`)."""

from __future__ import annotations

from . import _questions

KIND = "worksheet"
SOURCES = "inline"


def check(sheet) -> list[str]:
    return _questions.needs_questions(sheet)


def compose(sheet, pack, ctx) -> list:
    return _questions.compose(sheet, pack, ctx, booklet=sheet.source_booklet)
