"""A blank box with a ruled border, as tall as the question's lines would be (or its `height`); one
sized by marks closes up as its lines would (the layout's `answer_lines.squeeze`) to keep with its question."""

from __future__ import annotations

from studypack.views.working import WorkingSpace, closes_to, lines_height


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
    box = Box(height, ctx.number_width, rule.colour, rule.border)
    if not space.height:  # sized by marks: it closes up as its lines would to stay with its question
        box.floor = closes_to(height, ctx)
    return [box]

