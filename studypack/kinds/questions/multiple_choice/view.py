"""How a multiple-choice question prints: lettered options with tick boxes; the key ticks
the correct one and gives the reason, where the pack has one."""

from __future__ import annotations

from studypack.kinds.questions.multiple_choice.spec import correct_index


def student(q, ctx) -> list:
    return [ctx.options(q.options)]


def key(q, ctx) -> list:
    parts = [ctx.options(q.options, correct=correct_index(q))]
    if q.explanation:
        parts.append(ctx.key_text("Why", q.explanation))
    return parts
