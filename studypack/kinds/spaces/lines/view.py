"""Ruled lines, exactly as a question without `space:` gets them (`Parts.answer_lines`)."""

from __future__ import annotations


def student(space, q, ctx, floor: int = 0) -> list:
    if space is not None and space.count is not None:
        q = q.model_copy(update={"lines": space.count})
    return ctx.answer_lines(q, floor=floor)
