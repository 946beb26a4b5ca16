"""Word: the passage with numbered gaps (and the word bank); the key fills them."""

from __future__ import annotations

from studypack.export.common import inline_runs, joined_runs, paragraphs
from studypack.export.equations import add_run
from studypack.kinds.questions.cloze import spec


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if q.word_bank and not doc.key:
        doc.para(joined_runs(spec.bank(q)), "Word Bank", doc.say("key.label", label=doc.say("question.word-bank")) + " ")
    gaps = spec.gaps(q)
    number = iter(range(1, len(gaps) + 1))
    for para in paragraphs(spec.GAP.sub(lambda m: f"\x00{next(number)}\x00", q.text)):
        p = doc.doc.add_paragraph(style="Question Text")
        for run in para:
            if run.formula is not None:  # a formula in the passage: a Word equation
                add_run(p, run, upright=doc.upright)
                continue
            for k, piece in enumerate(run.text.split("\x00")):
                if k % 2:
                    _gap(p, int(piece), gaps[int(piece) - 1][0] if doc.key else None, doc.upright)
                elif piece:
                    r = p.add_run(piece)
                    r.bold, r.italic = run.bold or None, run.italic or None
    if doc.key and any(len(a) > 1 for a in gaps):
        doc.key_list(doc.say("key.also-accept"), [f"({n}) " + doc.say("word.or").join(a[1:]) for n, a in enumerate(gaps, 1) if len(a) > 1])


def _gap(p, n: int, answer: str | None, upright: bool) -> None:
    """Gap `n`: a line to write on, or in the key its answer in bold (a formula as an equation)."""
    if answer is None:
        p.add_run(f"({n}) ____________")
        return
    p.add_run(f"({n}) ").bold = True
    for run in inline_runs(answer):
        add_run(p, run, True, run.italic or None, upright=upright)
