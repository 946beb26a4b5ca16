"""A squared grid of whole squares (the question's `square`, else the layout's), in light
rules, as tall as the question's lines would be (or its `height`)."""

from __future__ import annotations

from studypack.views.working import WorkingSpace, lines_height


class Grid(WorkingSpace):
    def __init__(self, height: float, indent: float, square: float, colour: str, weight: float):
        super().__init__(height, indent)
        self.square, self.colour, self.weight = square, colour, weight

    def draw_space(self, x, y, width, height):
        across, down = max(1, int(width / self.square + 1e-6)), max(1, int(height / self.square + 1e-6))
        left, top = x, y + height
        bottom = top - down * self.square
        self.stroke(self.colour, self.weight)
        for i in range(across + 1):
            self.canv.line(left + i * self.square, bottom, left + i * self.square, top)
        for j in range(down + 1):
            self.canv.line(left, top - j * self.square, left + across * self.square, top - j * self.square)


def student(space, q, ctx, floor: int = 0) -> list:
    rule = ctx.layout.spaces
    square = space.square or rule.square
    height = space.height or lines_height(q, ctx)
    height = max(square, int(height / square + 1e-6) * square)  # whole squares: no sliver at the foot
    return [Grid(height, ctx.number_width, square, rule.grid_colour, rule.grid)]
