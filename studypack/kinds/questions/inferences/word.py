"""Word: a table of inferences and details to fill; the key's example answers."""

from __future__ import annotations

from studypack.export.common import inline_runs
from studypack.kinds.questions.inferences import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    where = spec.where(q, doc.say)
    header = ["", doc.say("question.infer").rstrip(":\u00a0 "), doc.say("question.details", source=where).rstrip(":\u00a0 ")]
    if doc.key:
        rows = [[str(i + 1), inline_runs(a.inference), inline_runs(a.detail)] for i, a in enumerate(q.answers)]
    else:
        rows = [[str(i + 1), doc.blank(q.lines), doc.blank(q.lines)] for i in range(q.count)]
    doc.table(header, rows, [1, 6, 6])
    doc.point_scheme(q.mark_scheme, q.marks)
