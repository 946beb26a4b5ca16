"""Word: answer lines; the key's model answer, levels, indicative content and SPaG bands."""

from __future__ import annotations



def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if not doc.key:
        per_mark = doc.layout.answer_lines.extended_per_mark  # as on paper: exam boards give an essay 3-4 lines a mark
        need = int((q.marks + (q.spag or 0)) * per_mark + 0.5) if per_mark else 0
        return doc.answer_lines(max(need, doc.lines_for(q)))
    if q.answer:
        doc.key_text("Model answer", q.answer)
    doc.levels("Levels", q.mark_scheme.levels)
    if q.mark_scheme.indicative:
        doc.key_list("Indicative content", q.mark_scheme.indicative)
    if q.mark_scheme.spag:
        doc.levels("Spelling, punctuation and grammar", q.mark_scheme.spag)
