"""Word: the number line's ticks as a row of cells, one a step, each with its number (unless
`labels: false`), for a student to mark on."""

from __future__ import annotations

from studypack.export.common import plain
from studypack.spec.space_fields import shown


def write(space, q, doc) -> None:
    scale = space.scale
    values = scale.ticks(scale.step)
    doc.table(None, [[shown(v) if space.labels else "" for v in values]])
    if space.label:
        doc.words(plain(space.label), "Table Text")
