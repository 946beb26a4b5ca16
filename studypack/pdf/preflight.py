"""Preflight: what a typesetter would catch on the finished pages, as warnings.

While a document is laid out, the canvas and the flowables leave notes on each page (the
smallest text drawn, how much of the page is used, a split option list, the lines of a
source on either side of a break, a line wider than its box). `check` reads them and
says, by file, sheet and page, what a teacher would otherwise find by looking. `--strict`
turns these warnings into errors like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studypack.base.errors import Problem

FEW = 0.15        # a page (after a sheet's first) using less than this share holds a token remainder
CARRIED = 0.5     # a page of carried-over answer lines using less than this share (unless the layout says)
SPILL = {"AnswerLines", "Spacer", "CondPageBreak", "SheetStart",  # what a page of spilled lines holds,
         "LCActionFlowable", "_FrameBreak"}                        # with the page's own markers
MIN_LINES = 3     # lines of a source's text a break should leave on either side
SIZE_SLACK = 0.05  # points: rounding in sizes is not a defect


@dataclass
class PageNotes:
    """What was noticed on one page while it was laid out and decorated."""

    sheet: dict
    number: int            # the page's number within its sheet (as its footer counts)
    of: int                # pages of its sheet
    notes: list = field(default_factory=list)


def check(pages: list[PageNotes], minimum: float, height: float, file: str,
          carried: float = CARRIED) -> list[Problem]:
    """Warnings for the pages of one document; `minimum` is the layout's smallest text size,
    `height` the text area's and `carried` the least share of a page that answer lines carried
    over alone fill (the layout's `answer_lines.carried`)."""
    found: list[Problem] = []
    for page in pages:
        where = f"{file}, {_sheet_name(page.sheet)}page {page.number}"
        smallest = min((n[1] for n in page.notes if n[0] == "size"), default=None)
        if smallest is not None and minimum and smallest < minimum - SIZE_SLACK:
            found.append(Problem(f"{where}: text at {smallest:g} pt, below the layout's minimum of {minimum:g} pt"))
        used = next((n[1] for n in page.notes if n[0] == "used"), None)
        held = {n[1] for n in page.notes if n[0] == "flowable"}
        if used is not None and page.number > 1 and held and held <= SPILL and used < max(carried, FEW) * height:
            found.append(Problem(f"{where}: the page holds only a few answer lines carried over "
                                 f"({used / height:.0%} of it is used)"))
        elif used is not None and page.number > 1 and used < FEW * height and "FullWidth" not in held:  # no question starts here
            found.append(Problem(f"{where}: the page holds only a few lines ({used / height:.0%} of it is used): "
                                 "a token remainder of what the page before holds"))
        if any(n[0] == "options-split" for n in page.notes):
            found.append(Problem(f"{where}: a list of options is split across pages"))
        for note in page.notes:
            if note[0] == "source-lines" and note[2] < MIN_LINES:
                found.append(Problem(f"{where}: {note[1]} has only {note[2]} line{'s' if note[2] != 1 else ''} "
                                     "of its text on this page"))
            elif note[0] == "timeline-far":
                found.append(Problem(f"{where}: the timeline's label '{note[1]}' sits {note[2]:.0f} mm from its dot"))
            elif note[0] == "overflow":
                found.append(Problem(f"{where}: a line overflows its box by {note[2]:.1f} pt: '{note[1]}'"))
    return found


def _sheet_name(sheet: dict | None) -> str:
    title = (sheet or {}).get("title")
    return f"sheet '{title}', " if title else ""
