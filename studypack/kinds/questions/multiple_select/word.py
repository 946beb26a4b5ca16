"""Word: the options with check boxes under how many to tick; the key ticks the right ones."""

from __future__ import annotations

from studypack.export.picture_options import word_options
from studypack.kinds.questions.multiple_select import spec
from studypack.spec.picture_options import pictured


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if pictured(q.options):
        word_options(doc, q.options, spec.correct_indexes(q), spec.note(q) or "")
    else:
        doc.options(q.options, spec.correct_indexes(q), spec.note(q) or "")
    if doc.key and q.explanation:
        doc.key_text(doc.say("key.explanation"), q.explanation)
