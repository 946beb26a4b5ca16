"""The default reference pages (reference.pdf, and the end of pack.pdf) for a pack that
does not place its glossary or timeline as sheets: whichever of the two is not placed."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, PageBreak, Spacer

from studypack.plan.documents import reference_parts, reference_title
from studypack.base.units import MM
from studypack.kinds.sheets.glossary import view as glossary
from studypack.kinds.sheets.timeline import view as timeline

KIND = "reference"


def compose(pack, ctx) -> list:
    words, line = reference_parts(pack)
    parts = glossary.opening(reference_title(pack, ctx.say), None, pack, ctx)
    if words:
        if line:
            parts.append(ctx.para(ctx.say.block("reference.glossary"), "section.heading"))
        parts += glossary.body(pack, ctx)
    if line:
        if words:
            parts += [PageBreak(), KeepTogether([ctx.para(ctx.say.block("reference.timeline"), "section.heading"), Spacer(1, 2 * MM)])]
        parts += timeline.body(pack, ctx)
    return parts


def pages(job):
    """The reference pages as one sheet: (header variables, flowables)."""
    ctx = job.composer()
    info = {"id": "reference", "title": reference_title(job.pack, ctx.say), "kind": "reference", "total": 0}
    return info, compose(job.pack, ctx)


def parts(document, job):
    return [pages(job)], job.composer()
