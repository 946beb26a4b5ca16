"""What question sheets share when they print: the opening, the sources (on the sheet or in
a booklet), the questions."""

from __future__ import annotations


def compose(sheet, pack, ctx, booklet: bool) -> list:
    parts = [ctx.sheet_opening(sheet)]
    if not booklet:
        for letter in sheet.sources:
            source = pack.source(letter)
            if ctx.shows(source):
                parts.append(ctx.source_box(source, opens=len(parts) == 1))
    parts.extend(ctx.questions(sheet))
    return parts
