"""Word: answer lines; the key's answer, creditable points and mark scheme."""

from __future__ import annotations



def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if not doc.key:
        return doc.answer_space(q)  # ruled lines unless its `space:` names another kind
    doc.key_text(doc.say("key.answer"), q.answer)
    if q.points:
        doc.key_list(doc.say("key.creditable"), q.points)
    doc.point_scheme(q.mark_scheme, q.marks)
