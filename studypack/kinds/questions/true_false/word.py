"""Word: a table of statements with True and False check boxes; the key ticks them and says why."""

from __future__ import annotations

from studypack.export.common import inline_runs, runs_of


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    rows = []
    for k, st in enumerate(q.statements):
        row = [inline_runs(st.text)]
        for value, name in ((True, doc.say("question.true")), (False, doc.say("question.false"))):
            row.append(doc.tick_cell(doc.key and st.answer is value, doc.say("word.statement-box", name=name, n=k + 1)))
        if doc.key:
            row.append(runs_of(st.explanation or ""))
        rows.append(row)
    header = [doc.say("word.statement"), doc.say("question.true"), doc.say("question.false")] + (
        [doc.say("key.why")] if doc.key else [])
    doc.table(header, rows, [6, 1, 1] + ([5] if doc.key else []))
