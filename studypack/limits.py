"""Bounds on what one input may ask for, checked before the work they would cost.

Each bound is far beyond any real pack or class, and low enough that a file crafted (or
pasted) to exceed it is refused in moments with its file and line, not after minutes of
typesetting or gigabytes of memory.
"""

from __future__ import annotations

NUMBER_DIGITS = 100           # digits in a number written in a pack: marks, levels, answers
ROSTER_BYTES = 16 * 1024 * 1024  # a class list of 16 MB is a wrong file, not a school
ROSTER_STUDENTS = 5_000       # students in one roster
EXPANDED_CHARS = 4_000_000    # characters of text in a pack once every YAML alias is expanded
PAGES = 2_000                 # pages in one document (the typesetter's own stop, met before typesetting)


# --------------------------------------------------------------- pages, before typesetting

_RULED = ("short", "extended")  # kinds whose student copy is ruled answer lines and nothing less


def refuse_too_long(loaded, layout) -> None:
    """A pack that would surely print more than PAGES pages in one PDF is refused now, at
    its `sheets:` line, not after minutes of typesetting."""
    from .errors import Problem, StudypackError

    name, pages = pages_at_least(loaded.pack, layout)
    if pages > PAGES:
        raise StudypackError(Problem(
            f"{name} would run past {PAGES:,} pages (its answer lines alone fill {pages:,}): split the pack "
            "into smaller packs, or give questions fewer lines", loaded.locate(("sheets",))))


def pages_at_least(pack, layout, tier: str | None = None) -> tuple[str, int]:
    """(file name, pages) of the document that is surely longest, counting only the ruled
    answer lines it must print: a lower bound, so a pack refused here would certainly have
    run past PAGES, and one that passes may still be stopped by the typesetter itself."""
    from pathlib import Path

    from .plan import make  # the plan is cheap: which sheets go into which PDF

    spacing = layout.answer_lines.spacing
    _width, height = layout.page.dimensions
    room = height - layout.page.margins.top - layout.page.margins.bottom
    if room <= 0 or spacing <= 0:
        return "", 0
    worst = ("", 0)
    for document in make(pack, "pack", Path("output"), tier).documents:
        if document.key or document.booklet:
            continue
        tiers = document.tiers or (tier,) * len(document.sheets)
        lines = 0
        for index, sheet_tier in zip(document.sheets, tiers):
            for _number, _section, question in pack.sheets[index].numbered(sheet_tier):
                if getattr(question, "kind", "") in _RULED:
                    lines += _line_count(question, layout.answer_lines)
        pages = int(lines * spacing // room)
        if pages > worst[1]:
            worst = (document.filename, pages)
    return worst


def _line_count(question, rule) -> int:
    """As the composer counts them: the question's own `lines`, else its marks times the layout's rate."""
    if getattr(question, "lines", None) is not None:
        return question.lines
    return max(rule.minimum, min(rule.maximum, int(question.marks * rule.per_mark + 0.5)))

