"""A source booklet: the sources of one paper (or of the whole pack) on their own, so
students can read them beside the question paper, as in a real examination."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Spacer

from studypack.media import text
from studypack.base.units import MM
from studypack.views import board_cover
from studypack.views.flowables import NotAlone

KIND = "booklet"


def compose(pack, letters, paper_title: str, ctx, name: str = "Source Booklet") -> list:
    """The booklet under its name (a sheet's `booklet:` or its profile's, "Source Booklet" by default)."""
    subtitle = f"for {text.inline(paper_title)}" if paper_title else "All the sources of this pack"
    cover = board_cover.booklet_cover(name, paper_title, pack, ctx)  # a board's booklet cover, its own page
    parts = cover + [ctx.para(text.literal(text.plain(name)), "title"),
             ctx.para(f"{text.inline(pack.title)} · {subtitle}", "subtitle"),
             ctx.para(f"{text.literal(text.plain(pack.subject))} · {text.literal(text.plain(pack.level))}", "subtitle"),
             ctx.para("Use these sources to answer the questions on the question paper. "
                      "Do not write your answers in this booklet.", "instructions"),
             Spacer(1, 4 * MM)]
    for letter in letters:
        parts.append(ctx.source_box(pack.source(letter)))
    parts.append(NotAlone(ctx.para("End of sources", "question.marks", alignment=TA_CENTER), ctx.text_height()))
    return parts


def part(job, letters, paper_title: str, name: str) -> tuple[dict, list]:
    """The booklet as one sheet (header variables, flowables): on its own, or behind its paper in pack.pdf."""
    info = {"id": "source-booklet", "title": name, "kind": "source-booklet", "total": 0}
    return info, compose(job.pack, letters, paper_title, job.composer(), name)


def parts(document, job):
    return [part(job, document.booklet, document.booklet_for, document.booklet_name)], job.composer()
