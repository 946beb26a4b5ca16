"""Checks for sheets that carry no questions (cover, glossary, timeline)."""

from __future__ import annotations


def no_questions(sheet, what: str) -> list[str]:
    problems = []
    if sheet.questions or sheet.sections:
        problems.append(f"a {what} has no questions: move them to a worksheet, source-analysis or exam sheet")
    if sheet.sources:
        problems.append(f"a {what} prints no sources: remove 'sources:'")
    return problems
