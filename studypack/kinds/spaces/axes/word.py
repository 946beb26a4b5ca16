"""Word: an empty bordered area as tall as the axes on paper, their scales said in words at
its top (Word draws no graph paper), for a student to draw them or a teacher to paste a grid."""

from __future__ import annotations

from studypack.export.common import inline_runs, runs_of
from studypack.spec.space_fields import shown


def _scale(name: str, scale, say) -> list:
    label = runs_of(" (") + inline_runs(scale.label) + runs_of(")") if scale.label else []
    return runs_of(name) + label + runs_of(" " + say("word.axis-scale", start=shown(scale.start), to=shown(scale.to),
                                                       step=shown(scale.step)))


def write(space, q, doc) -> None:
    height = space.height or max(doc.lines_height(q), doc.layout.spaces.axes_height)
    doc.working_area(height, runs_of(doc.say("word.axes") + " ") + _scale("x", space.x, doc.say) + runs_of("; ")
                     + _scale("y", space.y, doc.say) + runs_of("."))
