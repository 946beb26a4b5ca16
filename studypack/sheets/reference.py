"""The default reference pages (reference.pdf, and the end of pack.pdf) for a pack that
does not place its glossary or timeline as sheets: whichever of the two is not placed."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, PageBreak, Spacer

from . import glossary, timeline
from ..units import MM



def unplaced(pack) -> tuple[bool, bool]:
    kinds = {sheet.kind for sheet in pack.sheets}
    return bool(pack.glossary) and "glossary" not in kinds, bool(pack.timeline) and "timeline" not in kinds


def wanted(pack) -> bool:
    return any(unplaced(pack))


def title(pack) -> str:
    words, line = unplaced(pack)
    return "Glossary and timeline" if words and line else "Glossary" if words else "Timeline"



def compose(pack, ctx) -> list:
    words, line = unplaced(pack)
    parts = glossary.opening(title(pack), None, pack, ctx)
    if words:
        if line:
            parts.append(ctx.para("Glossary", "section.heading"))
        parts += glossary.body(pack, ctx)
    if line:
        if words:
            parts += [PageBreak(), KeepTogether([ctx.para("Timeline", "section.heading"), Spacer(1, 2 * MM)])]
        parts += timeline.body(pack, ctx)
    return parts
