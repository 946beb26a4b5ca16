"""An exam paper: sections with rubrics and suggested times, questions numbered through the
paper, and its sources always in a separate source booklet, as in a real examination."""

from __future__ import annotations

from studypack.kinds.sheets.rules import needs_questions

KIND = "exam"
SOURCES = "booklet"


def check(sheet) -> list[str]:
    return needs_questions(sheet)
