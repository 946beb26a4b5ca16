"""How each answer-space kind prints: the `view` module of each folder of `studypack/kinds/spaces/`.

A space's view defines `student(space, question, ctx, floor)` returning its flowables (ruled
lines, or one `views.working.WorkingSpace`); `compose` picks the question's space (ruled lines
when it names none) and puts its `final:` line under it, kept with it."""

from __future__ import annotations

from types import ModuleType

from reportlab.platypus import Flowable

from studypack.base import registry
from studypack.views.flowables import AnswerLines
from studypack.views.working import WorkingSpace, final_line

SPACE_VIEWS: dict[str, ModuleType] = registry.modules("spaces", "view")


def compose(question, ctx, floor: int = 0) -> list[Flowable]:
    """The question's answer space on a student sheet, its final line under it."""
    space = getattr(question, "space", None)
    kind = space.kind if space is not None else "lines"
    body = SPACE_VIEWS[kind].student(space, question, ctx, floor)
    final = getattr(question, "final", None)
    if final is None:
        return body
    line = final_line(ctx, final)
    if body and isinstance(body[-1], (AnswerLines, WorkingSpace)):
        body[-1].closing = body[-1].closing + [line]  # drawn under the space, never parted from it
        return body
    return body + [line]

