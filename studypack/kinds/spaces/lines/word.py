"""Word: ruled lines, as many as on paper (the question's `lines:` or the space's `count:`, else by marks)."""

from __future__ import annotations


def write(space, q, doc) -> None:
    count = space.count if space is not None and space.count is not None else doc.lines_for(q)
    doc.answer_lines(count)
