"""How a historical source prints: boxed, its heading, provenance (teaching or board form, above
or below as the layout says), picture, numbered text, glossary and note."""

from __future__ import annotations

from reportlab.platypus import Flowable

from studypack.media import text
from studypack.views import anchors, picture_labels
from studypack.views.stimulus_parts import boxed


def box(source, ctx, opens: bool = False) -> list[Flowable]:
    """The boxed source; `opens`: it comes straight after the sheet's opening, so where the
    page has more than half its room left it splits there rather than leave the page empty."""
    lay = ctx.layout.source
    name = text.literal(source.name_in(ctx.say))
    board = lay.attribution == "board"
    titled = ctx.say.alone("source.heading", name=name.replace(" ", chr(160)), title=text.inline(source.title))
    heading = ctx.para(name if board else text.tie_last(titled), "source.heading")
    provenance = ctx.provenance(source)
    before: list[Flowable] = list(provenance) if lay.provenance == "above" or board else []
    after: list[Flowable] = [] if lay.provenance == "above" or board else list(provenance)
    if board and source.note:  # boards print who the author was under the attribution, above the text
        before.extend(ctx.paras(source.note, "source.note"))
    if source.image:
        before.append(picture_labels.picture(ctx, source.image, ctx.text_width() - 2 * lay.padding))
        if source.image.caption:
            before.extend(ctx.paras(source.image.caption, "source.note"))
    body = anchors.prose(ctx, source.text, lay.line_numbers)[0] if source.text else []
    if source.glossary:
        notes = ctx.say.glossed((f"<b>{text.inline(word)}</b>", text.inline(gloss)) for word, gloss in source.glossary.items())
        after.append(ctx.para(f"{ctx.say('source.glossary')} {notes}", "source.note"))
    if source.note and not board:
        after.extend(ctx.paras(source.note, "source.note"))
    return boxed(ctx, source, heading, before, body, after, number_every=lay.line_numbers, opens=opens)


def lines(source, ctx) -> dict[str, tuple[int, int]]:
    return anchors.prose(ctx, source.text, ctx.layout.source.line_numbers)[1] if source.text else {}
