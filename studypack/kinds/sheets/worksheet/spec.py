"""A worksheet: numbered questions with answer space; sources optional (printed first,
or in a separate source booklet with `source_booklet: true`)."""

from __future__ import annotations

from studypack.kinds.sheets.rules import needs_questions

KIND = "worksheet"
SOURCES = "inline"


def check(sheet) -> list[str]:
    return needs_questions(sheet)
