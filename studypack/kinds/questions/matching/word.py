"""Word: the numbered items with a Letter column, and the lettered matches; the key fills the
letters. Drawn with lines: the two columns side by side under the instruction, with a blank
column between them to draw across; the key lists the pairs."""

from __future__ import annotations

import string

from studypack.export.common import inline_runs, runs_of
from studypack.kinds.questions.matching import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if q.style == "lines":
        _lines(q, doc)
        return
    column = spec.right_column(q)
    answers = spec.answers(q)
    left, right = q.headings or ("", "")
    doc.table(["", inline_runs(left) if left else doc.say("word.item"), doc.say("word.letter")],
               [[str(i + 1), inline_runs(p.left), answers[i] if doc.key else None] for i, p in enumerate(q.pairs)],
               [1, 8, 2])
    doc.table(["", inline_runs(right) if right else doc.say("word.matches")],
               [[string.ascii_uppercase[i], inline_runs(item)] for i, item in enumerate(column)], [1, 10])


def _lines(q, doc) -> None:
    note = spec.note(q)
    if note and not doc.key:
        doc.words(note, "Question Text")
    left, right = q.headings or ("", "")
    items, column = [p.left for p in q.pairs], spec.right_column(q)
    rows = [[inline_runs(items[i]) + runs_of("  ●") if i < len(items) else None, None,
             runs_of("●  ") + inline_runs(column[i]) if i < len(column) else None]
            for i in range(max(len(items), len(column)))]
    doc.table([inline_runs(left) if left else "", "", inline_runs(right) if right else ""], rows, [5, 3, 5])
    if doc.key:
        doc.key_text(doc.say("key.answer"), "; ".join(f"{p.left} – {p.right}" for p in q.pairs))
