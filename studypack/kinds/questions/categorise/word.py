"""Word: the lettered items, and a table of groups to write their letters in; the key fills it."""

from __future__ import annotations

import string

from studypack.export.common import inline_runs
from studypack.kinds.questions.categorise import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    for i, item in enumerate(spec.printed(q)):
        doc.para(inline_runs(item.text), "Option", f"{string.ascii_uppercase[i]}\t")
    found = spec.answers(q) if doc.key else [[] for _group in q.groups]
    doc.table([inline_runs(group) for group in q.groups], [[", ".join(letters) or None for letters in found]])
    if doc.key and q.explanation:
        doc.key_text(doc.say("key.explanation"), q.explanation)
