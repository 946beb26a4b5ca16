"""Word: the lettered items, and a row of boxes from first to last; the key fills it."""

from __future__ import annotations

import string

from studypack.export.common import inline_runs
from studypack.kinds.questions.ordering import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    shown = spec.printed(q)
    for i, item in enumerate(shown):
        doc.para(inline_runs(item), "Option", f"{string.ascii_uppercase[i]}\t")
    answer = spec.answer(q) if doc.key else [None] * len(q.items)
    first, last = spec.ends(q, doc.say)
    doc.table([inline_runs(first)] + [""] * (len(q.items) - 2) + [inline_runs(last)], [answer])
    if doc.key and q.explanation:
        doc.key_text(doc.say("key.explanation"), q.explanation)
