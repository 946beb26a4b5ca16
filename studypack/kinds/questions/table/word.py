"""Word: the grid with its blank cells to fill; the key fills them."""

from __future__ import annotations

from studypack.export.common import inline_runs
from studypack.kinds.questions.table import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    rows = []
    for row in spec.cells(q, doc.key):
        rows.append([inline_runs(value or "") if kind != "blank" else doc.blank(spec.room(q))
                     for kind, value in row])
    doc.table([inline_runs(c) for c in q.columns], rows, list(q.widths) if q.widths else None)
    doc.point_scheme(q.mark_scheme, q.marks)
