"""Where a prose text's anchors fall in the printed lines of one layout.

A prose text (a source, an extract, a story) is numbered by printed line, so "line 12" moves
with the layout's type size and measure. A teacher marks a place with `{#storm}`; here each
anchor's line is found by setting the text as its box will (the box's inner width less the
number gutter, the body style): the words up to the anchor, and up to the end of the word after
it, are set alone, and as lines break the same way up to their end (each line takes the words
that fit, from the start), the number of lines they make is the anchor's line.
"""

from __future__ import annotations

import re

from studypack.media import text
from studypack.spec.stimulus_base import ANCHOR, without_anchors
from studypack.views.paragraph import Paragraph

MARK = "\u2e4f"  # stands for an anchor while the text is marked up; never printed. A punctuation mark (the
# Cornish verse divider, which no pack writes), so emphasis beside an anchor still opens and closes
_TAG = re.compile(r"<(/?)([a-zA-Z]+)[^>]*?(/?)>")


def prose(ctx, user_text: str, number_every: int, style: str = "source.body"):
    """(the text's paragraphs, {anchor: (line from the word after it, line from the word before
    it)}) as `ctx`'s layout sets them in a box numbered every `number_every` lines."""
    names = ANCHOR.findall(user_text)
    if not names or MARK in user_text:
        return ctx.paras(without_anchors(user_text), style, quotes=False), {}
    marked = text.paragraphs(ANCHOR.sub(MARK, user_text), quotes=False)
    paras = [ctx.para(_printed(markup), style) for markup in marked]
    for para in paras:  # the lines counted here are the lines printed: a page break never sets them again
        para.keeps_lines = True
    width = ctx.text_width() - 2 * ctx.layout.source.padding - (ctx.gutter() if number_every else 0)
    found: dict[str, tuple[int, int]] = {}
    before, k = 0, 0
    for markup, para in zip(marked, paras):
        for at in [i for i, ch in enumerate(markup) if ch == MARK]:
            head = _printed(markup[:at]).rstrip()
            after = head + _next_word(_printed(markup[at:]))
            found[names[k]] = (before + _lines(after, ctx.style(style), width),
                               before + (_lines(head, ctx.style(style), width) if head else 1))
            k += 1
        before += _count(para, width)
    return paras, found


def _printed(markup: str) -> str:
    """The markup without its anchors (and the space one stood between)."""
    return markup.replace(f" {MARK} ", " ").replace(MARK, "")


def _next_word(rest: str) -> str:
    """The start of `rest` up to the end of its first word (tags kept whole)."""
    inside, started = False, False
    for i, ch in enumerate(rest):
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside and ch == " " and started:
            return rest[:i]
        elif not inside and ch != " ":
            started = True
    return rest


def _closed(markup: str) -> str:
    """`markup` with the tags it leaves open closed, in order."""
    open_tags: list[str] = []
    for match in _TAG.finditer(markup):
        closing, name, empty = match.groups()
        if empty:
            continue
        if closing:
            if name in open_tags:  # the last one of its name opened
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name)]
        else:
            open_tags.append(name)
    return markup + "".join(f"</{name}>" for name in reversed(open_tags))


def _lines(markup: str, style, width: float) -> int:
    para = Paragraph(_closed(markup), style)
    return _count(para, width)


def _count(para, width: float) -> int:
    para.wrap(width, 1e6)
    return max(1, len(para.blPara.lines))
