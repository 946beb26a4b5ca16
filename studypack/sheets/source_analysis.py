"""A source-analysis sheet: each source boxed with numbered lines and provenance, then questions."""

from __future__ import annotations

KIND = "source-analysis"


def check(sheet) -> list[str]:
    if not sheet.sources:
        return ["a source-analysis sheet needs its sources listed, like 'sources: [A, B]'"]
    return []


def compose(sheet, pack, ctx) -> list:
    parts = [ctx.sheet_opening(sheet)]
    for letter in sheet.sources:
        parts.append(ctx.source_box(pack.source(letter)))
    parts.extend(ctx.questions(sheet))
    return parts
