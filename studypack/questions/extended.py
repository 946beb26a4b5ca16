"""Extended answer marked by levels: level, mark band and descriptor, plus indicative content."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ._base import Level, Lines, QuestionBase, Strict, Text, check_levels

KIND = "extended"


class MarkScheme(Strict):
    levels: list[Level] = Field(min_length=1)
    indicative: list[Text] = []
    spag: list[Level] = []  # performance descriptors for the spelling, punctuation and grammar marks


class Model(QuestionBase):
    kind: Literal["extended"]
    lines: Lines | None = None
    mark_scheme: MarkScheme
    answer: Text | None = None


def check(q: Model) -> list[tuple[tuple, str]]:
    problems = check_levels(q.mark_scheme.levels, q.marks)
    if q.mark_scheme.spag and not q.spag:
        problems.append((("mark_scheme", "spag"), "SPaG descriptors are given but the question has no 'spag:' marks"))
    elif q.mark_scheme.spag:
        for where, message in check_levels(q.mark_scheme.spag, q.spag):
            problems.append((("mark_scheme", "spag") + where[2:], "SPaG " + message))
    return problems


def student(q: Model, ctx) -> list:
    return [ctx.answer_lines(q)]


def key(q: Model, ctx) -> list:
    parts = [ctx.levels(q.mark_scheme.levels)]
    if q.mark_scheme.spag:
        parts.append(ctx.key_text("Spelling, punctuation and grammar", f"up to {q.spag} marks"))
        parts.append(ctx.levels(q.mark_scheme.spag))
    if q.mark_scheme.indicative:
        parts.append(ctx.key_list("Indicative content", q.mark_scheme.indicative))
    if q.answer:
        parts.append(ctx.key_text("Model answer", q.answer))
    return parts
