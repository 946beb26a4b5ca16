"""How many pages a pack will surely print, known before typesetting it.

Typesetting 2,000 pages takes minutes; counting the ruled answer lines the plan puts in
each PDF takes milliseconds, and already proves a pack too long to print.
"""

from __future__ import annotations

from pathlib import Path

from studypack.base import limits
from studypack.plan import documents as planning
from studypack.spec import spaces
from studypack.base.errors import Problem, StudypackError

_RULED = ("short", "extended")  # kinds whose student copy is an answer space (ruled lines unless `space:` says) and nothing less


def refuse_too_long(loaded, layout) -> None:
    """A pack that would surely print more than limits.PAGES pages in one PDF is refused now, at
    its `sheets:` line, not after minutes of typesetting."""
    name, pages = pages_at_least(loaded.pack, layout)
    if pages > limits.PAGES:
        raise StudypackError(Problem(
            f"{name} would run past {limits.PAGES:,} pages (its answer lines alone fill {pages:,}): split the pack "
            "into smaller packs, or give questions fewer lines", loaded.locate(("sheets",))))


def pages_at_least(pack, layout, tier: str | None = None) -> tuple[str, int]:
    """(file name, pages) of the document that is surely longest, counting only the ruled
    answer lines it must print: a lower bound, so a pack refused here would certainly have
    run past limits.PAGES, and one that passes may still be stopped by the typesetter itself."""
    spacing = layout.answer_lines.spacing
    _width, height = layout.page.dimensions
    room = height - layout.page.margins.top - layout.page.margins.bottom
    if room <= 0 or spacing <= 0:
        return "", 0
    worst = ("", 0)
    for document in planning.make(pack, "pack", Path("output"), tier).documents:
        if document.key or document.booklet:
            continue
        tiers = document.tiers or (tier,) * len(document.sheets)
        lines = 0
        for index, sheet_tier in zip(document.sheets, tiers):
            for _number, _section, question in pack.sheets[index].numbered(sheet_tier):
                if getattr(question, "kind", "") in _RULED:
                    lines += spaces.lines_at_least(question, _line_count(question, layout.answer_lines), spacing)
        pages = int(lines * spacing // room)
        if pages > worst[1]:
            worst = (document.filename, pages)
    return worst


def _line_count(question, rule) -> int:
    """As the composer counts them: the question's own `lines`, else its marks times the layout's rate."""
    if getattr(question, "lines", None) is not None:
        return question.lines
    return max(rule.minimum, min(rule.maximum, int(question.marks * rule.per_mark + 0.5)))

