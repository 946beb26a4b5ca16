"""How a poem prints: boxed, each verse line as written (indentation kept, a long line wrapped
under a hanging indent), stanzas apart, numbered by its own lines; its title and poet under it."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from studypack.kinds.stimuli.poem.spec import anchor_lines, stanzas
from studypack.media import text
from studypack.spec.stimulus_base import without_anchors
from studypack.views.stimulus_parts import boxed, heading, numbering
from studypack.views.verse import Stanza

HANG = 1.5  # a wrapped verse line's indent under its start, in ems
INDENT = 0.5  # a leading space's indent, in ems
STANZA_GAP = 0.75  # the gap between stanzas, in lines


def box(poem, ctx, opens: bool = False) -> list[Flowable]:
    every = numbering(poem, ctx.layout)
    body = _stanzas(poem, ctx, every)
    before, after = _credits(poem, ctx)
    if poem.glossary:
        notes = ctx.say.glossed((f"<b>{text.inline(word)}</b>", text.inline(gloss)) for word, gloss in poem.glossary.items())
        after.append(ctx.para(f"{ctx.say('source.glossary')} {notes}", "source.note"))
    if poem.note:
        after.extend(ctx.paras(poem.note, "source.note"))
    # the stanzas number the poem's own lines in the box's gutter; the box numbers no printed line
    return boxed(ctx, poem, heading(ctx, poem), before, body, after, number_every=0, opens=opens, gutter=bool(every))


def _credits(poem, ctx) -> tuple[list, list]:
    lines = ctx.provenance(poem)
    above = ctx.layout.source.provenance == "above" or ctx.layout.source.attribution == "board"
    return (lines, []) if above else ([], lines)


def _stanzas(poem, ctx, every: int) -> list[Stanza]:
    style = ctx.style("source.body")
    size = style.fontSize
    out, number = [], 0
    for k, verse in enumerate(stanzas(poem.text)):
        lines = []
        for line in verse:
            number += 1
            indent = (len(line) - len(line.lstrip(" "))) * INDENT * size
            words = text.inline(without_anchors(line).strip(), quotes=False)
            para = ctx.para(words, "source.body", alignment=TA_LEFT, leftIndent=indent + HANG * size,
                            firstLineIndent=-HANG * size, spaceShrinkage=0)
            lines.append((number, para))
        out.append(Stanza(lines, number_every=every, number_style=ctx.style("source.line-number"),
                          gutter=ctx.gutter() if every else 0, space_before=STANZA_GAP * style.leading if k else 0.0))
    return out


def lines(poem, ctx) -> dict[str, tuple[int, int]]:
    """Each anchor's verse line: the same in every layout."""
    return anchor_lines(poem.text)
