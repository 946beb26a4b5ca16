"""A glossary page: the pack's key terms in alphabetical order, for students to keep."""

from __future__ import annotations

from studypack.kinds.sheets.rules import no_questions

KIND = "glossary"
SOURCES = "none"


def check(sheet) -> list[str]:
    return no_questions(sheet, "glossary page")
