"""Word: answer lines; the key's model answer, levels, indicative content and SPaG bands."""

from __future__ import annotations



def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if not doc.key:
        return doc.answer_space(q)  # ruled lines unless its `space:` names another kind
    if q.answer:
        doc.key_text(doc.say("key.model-answer"), q.answer)
    doc.levels(doc.say("key.levels"), q.mark_scheme.levels)
    if q.mark_scheme.indicative:
        doc.key_list(doc.say("key.indicative"), q.mark_scheme.indicative)
    if q.mark_scheme.spag:
        doc.levels(doc.say("key.spag-words"), q.mark_scheme.spag)
