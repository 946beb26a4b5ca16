"""A source-analysis sheet: each source boxed with numbered lines and provenance, then questions."""

from __future__ import annotations

from studypack.base.errors import said
from studypack.kinds.sheets.rules import needs_questions

KIND = "source-analysis"
SOURCES = "inline"


def check(sheet) -> list[str]:
    problems = needs_questions(sheet)
    if not sheet.sources:
        problems.insert(0, said("term.sheet-sources-listed", "a source-analysis sheet needs its sources listed, like "
                                                             "'sources: [A, B]'"))
    return problems
