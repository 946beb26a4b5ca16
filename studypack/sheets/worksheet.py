"""A worksheet: numbered questions with answer space; sources optional (printed first)."""

from __future__ import annotations

KIND = "worksheet"


def check(sheet) -> list[str]:
    return []


def compose(sheet, pack, ctx) -> list:
    parts = [ctx.sheet_opening(sheet)]
    for letter in sheet.sources:
        parts.append(ctx.source_box(pack.source(letter)))
    parts.extend(ctx.questions(sheet))
    return parts
