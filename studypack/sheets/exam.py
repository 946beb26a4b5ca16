"""An exam paper: sections with rubrics and suggested times, questions numbered through the
paper, and its sources always in a separate source booklet, as in a real examination."""

from __future__ import annotations

from . import _questions

KIND = "exam"
SOURCES = "booklet"


def check(sheet) -> list[str]:
    return _questions.needs_questions(sheet)


def compose(sheet, pack, ctx) -> list:
    return _questions.compose(sheet, pack, ctx, booklet=True)
