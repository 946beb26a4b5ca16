"""A timeline page: the pack's events on a time axis drawn to scale."""

from __future__ import annotations

from studypack.kinds.sheets.rules import no_questions

KIND = "timeline"
SOURCES = "none"


def check(sheet) -> list[str]:
    return no_questions(sheet, "timeline page")
