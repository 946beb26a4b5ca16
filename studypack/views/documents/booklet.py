"""A source booklet: the sources of one paper (or of the whole pack) on their own, so
students can read them beside the question paper, as in a real examination."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Spacer

from studypack.media import text
from studypack.spec.model import DEFAULT_BOOKLET
from studypack.spec.stimuli import booklet_key
from studypack.base.units import MM
from studypack.views import board_cover
from studypack.views.flowables import NotAlone

KIND = "booklet"


def compose(pack, letters, paper_title: str, ctx, name: str = DEFAULT_BOOKLET) -> list:
    """The booklet under its name (a sheet's `booklet:` or its profile's, else by what it holds:
    "Source Booklet", "Insert"…), its words said of what it holds ("Use these extracts…")."""
    group = pack.gathered(letters)
    name = ctx.say("booklet.name") if name == DEFAULT_BOOKLET else name
    subtitle = (ctx.say("booklet.for", paper=text.inline(paper_title)) if paper_title
                else ctx.say(booklet_key("booklet.all", group)))
    cover = board_cover.booklet_cover(name, paper_title, pack, ctx)  # a board's booklet cover, its own page
    heading = [] if cover else [  # the cover names the booklet and its paper
        ctx.para(text.literal(text.plain(name)), "title"),
        ctx.para(text.separated([text.inline(pack.title), subtitle]), "subtitle"),
        ctx.para(text.separated([text.literal(text.plain(pack.subject)), text.literal(text.plain(pack.level))]), "subtitle")]
    parts = cover + heading + [ctx.para(ctx.say.block(booklet_key("booklet.instructions", group)), "instructions"),
                               Spacer(1, 4 * MM)]
    for letter in letters:
        parts.append(ctx.source_box(pack.source(letter)))
    parts.append(NotAlone(ctx.para(ctx.say.block(booklet_key("booklet.end", group)), "question.marks", alignment=TA_CENTER), ctx.text_height()))
    return parts


def part(job, letters, paper_title: str, name: str) -> tuple[dict, list]:
    """The booklet as one sheet (header variables, flowables): on its own, or behind its paper in pack.pdf."""
    ctx = job.composer()
    shown = ctx.say("booklet.name") if name == DEFAULT_BOOKLET else name
    info = {"id": "source-booklet", "title": shown, "kind": "source-booklet", "total": 0}
    return info, compose(job.pack, letters, paper_title, ctx, name)


def parts(document, job):
    return [part(job, document.booklet, document.booklet_for, document.booklet_name)], job.composer()
