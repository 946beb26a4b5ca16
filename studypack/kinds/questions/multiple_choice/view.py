"""How a multiple-choice question prints: lettered options with tick boxes; the key ticks
the correct one and gives the reason, where the pack has one."""

from __future__ import annotations

from studypack.views.picture_grid import choices
from studypack.kinds.questions.multiple_choice.spec import correct_index


def student(q, ctx) -> list:
    return [choices(ctx, q.options)]


def key(q, ctx) -> list:
    parts = [choices(ctx, q.options, correct_index(q))]
    if q.explanation:
        parts.append(ctx.key_text(ctx.say("key.why"), q.explanation))
    return parts

