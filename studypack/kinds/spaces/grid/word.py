"""Word: an empty bordered area as tall as the grid on paper (Word draws no squared paper)."""

from __future__ import annotations


def write(space, q, doc) -> None:
    doc.working_area(space.height or doc.lines_height(q))
