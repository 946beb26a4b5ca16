"""What question sheets share when they print: the opening (or a board's cover, where the
layout gives one), the sources (on the sheet or in a booklet), the questions."""

from __future__ import annotations

from studypack.views import board_cover


def compose(sheet, pack, ctx, booklet: bool) -> list:
    covered = ctx.layout.cover.on and not ctx.key  # the cover holds the title, boxes and instructions
    parts = board_cover.paper_cover(sheet, pack, ctx) if covered else [ctx.sheet_opening(sheet)]
    opened = len(parts)
    if not booklet:
        for letter in sheet.sources:
            source = pack.source(letter)
            if ctx.shows(source):
                parts.append(ctx.source_box(source, opens=len(parts) == opened))
    parts.extend(ctx.questions(sheet))
    return parts
