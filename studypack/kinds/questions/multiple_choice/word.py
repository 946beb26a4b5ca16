"""Word: the lettered options, each with a Word check box; the key ticks the right one."""

from __future__ import annotations

from studypack.export.picture_options import word_options
from studypack.kinds.questions.multiple_choice import spec
from studypack.spec.picture_options import pictured


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if pictured(q.options):
        word_options(doc, q.options, {spec.correct_index(q)})
    else:
        doc.options(q.options, {spec.correct_index(q)})
    if doc.key and q.explanation:
        doc.key_text(doc.say("key.explanation"), q.explanation)
