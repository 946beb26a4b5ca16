"""A cover sheet for a paper: candidate boxes, instructions, time and a grading table; it is
printed in front of the paper it names (`paper: <sheet id>`)."""

from __future__ import annotations

import string

from studypack.base.errors import said
from studypack.kinds.sheets.rules import no_questions

KIND = "cover"
SOURCES = "none"
COVER = True  # printed in front of its paper, numbered with it


def check(sheet) -> list[str]:
    problems = no_questions(
        sheet, said("term.sheet-cover-questions", "a cover sheet has no questions: move them to a worksheet, "
                    "source-analysis or exam sheet"),
        said("term.sheet-cover-sources", "a cover sheet prints no sources: remove 'sources:'"))
    if not sheet.paper:
        problems.append(said("term.sheet-cover-paper", "a cover sheet names the paper it goes in front of: add "
                                                          "'paper: <sheet id>'"))
    return problems


def rows_for(paper, tier) -> list[tuple[str, int]]:
    """(question label, marks available) for the grading table; parts get a row each."""
    rows = []
    for number, _section, q in paper.numbered(tier):
        if getattr(q, "parts", None):
            rows += [(f"{number}({string.ascii_lowercase[i]})", part.marks) for i, part in enumerate(q.parts)]
        else:
            rows.append((str(number), q.marks))
    spag = paper.spag_for(tier)
    if spag:
        rows.append(("SPaG", spag))
    return rows
