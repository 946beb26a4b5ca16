"""How a multiple-choice question prints: lettered options with tick boxes (or a board's
form: circles to shade, or a "Your answer" box), under the layout's instruction if it gives
one; the key ticks the correct one and gives the reason, where the pack has one."""

from __future__ import annotations

from studypack.views.picture_grid import choices
from studypack.kinds.questions.multiple_choice.spec import correct_index


def student(q, ctx) -> list:
    """The layout's instruction, if any, then the options in its `choices` form."""
    return ctx.choice_instruction() + [choices(ctx, q.options, single=True)]


def key(q, ctx) -> list:
    parts = [choices(ctx, q.options, correct_index(q), single=True)]
    if q.explanation:
        parts.append(ctx.key_text(ctx.say("key.why"), q.explanation))
    return parts

