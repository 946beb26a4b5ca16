"""Word: the options in a row, spaced apart, for the student to circle (or, on screen, to
highlight); the key sets the right ones bold and underlined."""

from __future__ import annotations

from studypack.export.common import inline_runs, joined_runs
from studypack.export.equations import add_run
from studypack.kinds.questions.circle.spec import circled, note as instruction

_SPACE = "\u2003\u2003\u2003"  # three em spaces between options: room for a pen


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    note = instruction(q)
    if note:
        doc.words(note, "Question Text")
    right = circled(q) if doc.key else set()
    p = doc.doc.add_paragraph(style="Option")
    for i, option in enumerate(q.options):
        if i:
            p.add_run(_SPACE)
        for run in inline_runs(option):
            add_run(p, run, (run.bold or i in right) or None, run.italic or None, True if i in right else None,
                    upright=doc.upright)
    if doc.key:
        doc.para(joined_runs([option for i, option in enumerate(q.options) if i in right], ", "), "Key Answer", doc.say("key.label", label=doc.say("word.circled")) + " ")
        if q.explanation:
            doc.key_text(doc.say("key.explanation"), q.explanation)
