"""Pieces the stimulus views share: the box (a source's, whatever the kind), its heading, a prose
stimulus's box (extract, story, case study), its credit placed as the layout places provenance,
its glossary and note."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from studypack.base.units import MM
from studypack.media import text
from studypack.settings.provenance import author_title
from studypack.views import anchors, picture_labels
from studypack.views.flowables import SourceBox


def heading(ctx, stimulus, title: str | None = None):
    """The box's heading: its name, and where given its title ("Figure 2: River Severn discharge");
    with `label: none`, the title alone, or its author and title where the layout says
    (`source.author_heading`: "Charles Dickens: *Great Expectations*")."""
    name = text.literal(stimulus.printed_name_in(ctx.say))
    if not name and ctx.layout.source.author_heading:
        title = author_title(stimulus) or title
    title = title or (None if name else getattr(stimulus, "title", None))  # `label: none`: the title alone
    words = text.inline(title) if title else ""
    if name and words:
        markup = text.tie_last(ctx.say.alone("source.heading", name=name.replace(" ", chr(160)), title=words))
    else:
        markup = name or words
    return ctx.para(markup, "source.heading")


def boxed(ctx, stimulus, head, before: list, body: list, after: list, *, number_every: int,
          opens: bool = False, gutter: bool | None = None) -> list[Flowable]:
    """The stimulus in the layout's source box: `head`, then `before`, the `body` (its lines
    numbered every `number_every`th printed line, 0 for none), `after`; splitting across pages
    as a source does, "(continued)" on the rest. `gutter`: room for numbers the body prints
    itself (verse), where the box numbers none."""
    lay = ctx.layout.source
    continued = ctx.para(text.literal(ctx.say("source.continued", name=_called(ctx, stimulus))), "source.heading")
    box = SourceBox(head, continued, body, before, after,
                    number_every=number_every, number_style=ctx.style("source.line-number"),
                    padding=lay.padding, border=lay.border, border_colour=lay.border_colour,
                    tint=lay.tint, gutter=ctx.gutter() if (number_every if gutter is None else gutter) else 0, gap=2.5,
                    page_room=ctx.text_height(), name=stimulus.name, opens=opens,
                    paragraphs=lay.breaks == "paragraphs", sentences=lay.breaks == "sentences")
    return [box, Spacer(1, 5 * MM)]


def _called(ctx, stimulus) -> str:
    """How the heading over its part carried to a new page names it: its printed name, or where
    it has none (`label: none`) its heading's words ("Charles Dickens: Great Expectations
    (continued)", never an "Extract A" the page before did not print)."""
    name = stimulus.printed_name_in(ctx.say)
    if name:
        return name
    title = (author_title(stimulus) if ctx.layout.source.author_heading else None) or getattr(stimulus, "title", None)
    return text.plain(title) if title else stimulus.name_in(ctx.say)


def numbering(stimulus, layout) -> int:
    """Every how many lines its numbers print: its own `numbering`, else the layout's; 0 for none."""
    own = getattr(stimulus, "numbering", None)
    if own is None:
        return layout.source.line_numbers
    return 0 if own == "none" else int(own)


def credits(stimulus, ctx, always_below: bool = False) -> tuple[list, list]:
    """(above the text, below it): its attribution where the layout puts provenance; a figure's
    or table's credit (`always_below`) under it, as captions go."""
    lines = ctx.provenance(stimulus)
    lay = ctx.layout.source
    above = not always_below and (lay.provenance == "above" or lay.attribution == "board")
    return (lines, []) if above else ([], lines)


def notes(stimulus, ctx) -> list[Flowable]:
    """Its glossary and closing note."""
    out = []
    if stimulus.glossary:
        words = ctx.say.glossed((f"<b>{text.inline(w)}</b>", text.inline(g)) for w, g in stimulus.glossary.items())
        out.append(ctx.para(f"{ctx.say('source.glossary')} {words}", "source.note"))
    if stimulus.note:
        out.extend(ctx.paras(stimulus.note, "source.note"))
    return out


def picture(stimulus, ctx) -> list[Flowable]:
    """Its picture at the box's inner width, and the picture's own caption."""
    if not stimulus.image:
        return []
    out = [picture_labels.picture(ctx, stimulus.image, ctx.text_width() - 2 * ctx.layout.source.padding)]
    if stimulus.image.caption:
        out.extend(ctx.paras(stimulus.image.caption, "source.note"))
    return out


def prose_box(stimulus, ctx, opens: bool, title: str | None = None) -> list[Flowable]:
    """A prose stimulus boxed: heading, picture, its text numbered by printed line (as its
    `numbering` or the layout says), its credit, glossary and note."""
    every = numbering(stimulus, ctx.layout)
    before, after = credits(stimulus, ctx)
    before = before + picture(stimulus, ctx)
    body = anchors.prose(ctx, stimulus.text, every)[0] if stimulus.text else []
    return boxed(ctx, stimulus, heading(ctx, stimulus, title), before, body, after + notes(stimulus, ctx),
                 number_every=every, opens=opens)


def prose_lines(stimulus, ctx) -> dict[str, tuple[int, int]]:
    """Its anchors' printed lines in this layout."""
    return anchors.prose(ctx, stimulus.text, numbering(stimulus, ctx.layout))[1] if stimulus.text else {}
