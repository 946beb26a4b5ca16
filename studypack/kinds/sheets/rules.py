"""Rules the sheet kinds share: question sheets need questions; plain pages carry none."""

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


def no_questions(sheet, what: str) -> list[str]:
    problems = []
    if sheet.questions or sheet.sections:
        problems.append(f"a {what} has no questions: move them to a worksheet, source-analysis or exam sheet")
    if sheet.sources:
        problems.append(f"a {what} prints no sources: remove 'sources:'")
    return problems
