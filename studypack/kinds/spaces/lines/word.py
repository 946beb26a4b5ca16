"""Word: ruled lines, as many as on paper (the question's `lines:` or the space's `count:`, else
by marks), and for an extended answer never fewer than the layout's lines a mark for an essay
(`answer_lines.extended_per_mark`: exam boards give an essay 3-4 lines a mark)."""

from __future__ import annotations


def write(space, q, doc) -> None:
    count = space.count if space is not None and space.count is not None else doc.lines_for(q)
    per_mark = doc.layout.answer_lines.extended_per_mark if getattr(q, "kind", "") == "extended" else 0
    least = int((q.marks + (getattr(q, "spag", None) or 0)) * per_mark + 0.5) if per_mark else 0
    doc.answer_lines(max(count, least))
