"""How a tick-two (multiple-select) question prints: "Tick two boxes." over the options;
the key ticks every correct one."""

from __future__ import annotations

from studypack.views.picture_grid import choices
from studypack.kinds.questions.multiple_select.spec import correct_indexes, note


def student(q, ctx) -> list:
    said = note(q, ctx.say)
    return ([ctx.note(said)] if said else []) + [choices(ctx, q.options)]


def key(q, ctx) -> list:
    parts = [choices(ctx, q.options, correct_indexes(q))]
    if q.explanation:
        parts.append(ctx.key_text(ctx.say("key.why"), q.explanation))
    return parts

