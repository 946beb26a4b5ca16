"""Ruled lines, exactly as a question without `space:` gets them (`Parts.answer_lines`)."""

from __future__ import annotations


def student(space, q, ctx, floor: int = 0) -> list:
    if space is not None and space.count is not None:
        q = q.model_copy(update={"lines": space.count})  # as if the question said `lines:` …
        if floor > ctx.line_count(q):  # … so an extended question's least lines a mark still apply
            q = q.model_copy(update={"lines": floor})
    return ctx.answer_lines(q, floor=floor)
