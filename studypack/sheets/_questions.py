"""What question sheets share: the opening, the sources (on the sheet or in a booklet), the questions."""

from __future__ import annotations


def needs_questions(sheet) -> list[str]:
    problems = []
    if not sheet.all_questions:
        problems.append("it has no questions: add 'questions:' (or 'sections:', each with questions)")
    if sheet.questions and sheet.sections:
        problems.append("give either 'questions:' or 'sections:', not both: put every question in a section")
    if sheet.paper:
        problems.append("'paper:' belongs on a cover sheet only")
    return problems


def compose(sheet, pack, ctx, booklet: bool) -> list:
    parts = [ctx.sheet_opening(sheet)]
    if not booklet:
        for letter in sheet.sources:
            source = pack.source(letter)
            if ctx.shows(source):
                parts.append(ctx.source_box(source))
    parts.extend(ctx.questions(sheet))
    return parts
