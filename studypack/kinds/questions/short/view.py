"""How a short-answer question prints: ruled lines in proportion to the marks (or the working
space its `space:` names, and its `final:` line); the key gives
the answer, the points to credit and the point scheme."""

from __future__ import annotations

from studypack.kinds.questions.short.spec import each_earns


def student(q, ctx) -> list:
    return ctx.answer_space(q)  # ruled lines unless its `space:` names another kind


def key(q, ctx) -> list:
    parts = [ctx.point_scheme(q.mark_scheme, q.marks)] if q.mark_scheme else []
    parts.append(ctx.key_text(ctx.say("key.answer"), q.answer))
    if q.points:
        # points that each name their mark add up: the mark scheme, not alternatives to credit any of
        parts.append(ctx.points(ctx.say("key.mark-scheme" if each_earns(q.points) else "key.credit-any"), q.points))
    return parts
