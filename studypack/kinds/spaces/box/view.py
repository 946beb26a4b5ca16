"""A blank box with a ruled border, as tall as the question's lines would be (or its `height`)."""

from __future__ import annotations

from studypack.views.working import WorkingSpace, lines_height


class Box(WorkingSpace):
    def __init__(self, height: float, indent: float, colour: str, weight: float):
        super().__init__(height, indent)
        self.colour, self.weight = colour, weight

    def draw_space(self, x, y, width, height):
        self.stroke(self.colour, self.weight)
        inset = self.weight / 2
        self.canv.rect(x + inset, y + inset, width - 2 * inset, height - 2 * inset, stroke=1, fill=0)


def student(space, q, ctx, floor: int = 0) -> list:
    rule = ctx.layout.spaces
    height = space.height or lines_height(q, ctx)
    return [Box(height, ctx.number_width, rule.colour, rule.border)]

