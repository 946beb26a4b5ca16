"""Rules the sheet kinds share: question sheets need questions; plain pages carry none."""

from __future__ import annotations

from studypack.base.errors import said


def needs_questions(sheet) -> list[str]:
    problems = []
    if not sheet.all_questions:
        problems.append(said("term.sheet-no-questions", "it has no questions: add 'questions:' (or 'sections:', each with "
                                                         "questions)"))
    if sheet.questions and sheet.sections:
        problems.append(said("term.sheet-both", "give either 'questions:' or 'sections:', not both: put every question in "
                                                 "a section"))
    if sheet.paper:
        problems.append(said("term.sheet-paper", "'paper:' belongs on a cover sheet only"))
    return problems


def no_questions(sheet, questions: str, sources: str) -> list[str]:
    """`questions`, `sources`: what the sheet kind says of questions, or sources, given to it."""
    problems = []
    if sheet.questions or sheet.sections:
        problems.append(questions)
    if sheet.sources:
        problems.append(sources)
    return problems
