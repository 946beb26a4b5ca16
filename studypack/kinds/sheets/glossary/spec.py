"""A glossary page: the pack's key terms in alphabetical order, for students to keep."""

from __future__ import annotations

from studypack.base.errors import said
from studypack.kinds.sheets.rules import no_questions

KIND = "glossary"
SOURCES = "none"


def check(sheet) -> list[str]:
    return no_questions(
        sheet, said("term.sheet-glossary-questions", "a glossary page has no questions: move them to a worksheet, "
                    "source-analysis or exam sheet"),
        said("term.sheet-glossary-sources", "a glossary page prints no sources: remove 'sources:'"))
