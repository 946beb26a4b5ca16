"""Word: the numbered items with a Letter column, and the lettered matches; the key fills the letters."""

from __future__ import annotations

import string

from studypack.export.common import inline_runs
from studypack.kinds.questions.matching import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    column = spec.right_column(q)
    answers = spec.answers(q)
    left, right = q.headings or ("", "")
    doc.table(["", inline_runs(left) if left else "Item", "Letter"],
               [[str(i + 1), inline_runs(p.left), answers[i] if doc.key else None] for i, p in enumerate(q.pairs)],
               [1, 8, 2])
    doc.table(["", inline_runs(right) if right else "Matches"],
               [[string.ascii_uppercase[i], inline_runs(item)] for i, item in enumerate(column)], [1, 10])
