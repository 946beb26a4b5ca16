"""How a case study prints: "Resource A: its title", its picture and text, "Source: credit."."""

from __future__ import annotations

from studypack.views.stimulus_parts import prose_box, prose_lines


def box(stimulus, ctx, opens: bool = False) -> list:
    return prose_box(stimulus, ctx, opens, title=stimulus.title)


def lines(stimulus, ctx) -> dict[str, tuple[int, int]]:
    return prose_lines(stimulus, ctx)
