"""How a figure prints: "Figure 2: its caption", the picture, "Source: credit." under it."""

from __future__ import annotations

from studypack.spec.stimulus_base import without_anchors
from studypack.views.stimulus_parts import boxed, heading
from studypack.views.stimulus_parts import credits, notes, picture


def box(figure, ctx, opens: bool = False) -> list:
    _above, below = credits(figure, ctx, always_below=True)
    body = ctx.paras(without_anchors(figure.text), "source.body") if figure.text else []
    return boxed(ctx, figure, heading(ctx, figure, figure.title), picture(figure, ctx), body,
                 below + notes(figure, ctx), number_every=0, opens=opens)


def lines(figure, ctx) -> dict[str, tuple[int, int]]:
    return {}
