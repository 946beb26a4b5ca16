"""A timeline page: the pack's events on a time axis drawn to scale."""

from __future__ import annotations

from studypack.base.errors import said
from studypack.kinds.sheets.rules import no_questions

KIND = "timeline"
SOURCES = "none"


def check(sheet) -> list[str]:
    return no_questions(
        sheet, said("term.sheet-timeline-questions", "a timeline page has no questions: move them to a worksheet, "
                    "source-analysis or exam sheet"),
        said("term.sheet-timeline-sources", "a timeline page prints no sources: remove 'sources:'"))
