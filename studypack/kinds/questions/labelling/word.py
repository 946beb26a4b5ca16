"""Word: the picture with numbered points, and a line for each label; the key gives the labels."""

from __future__ import annotations

from studypack.export.common import inline_runs, joined_runs, picture, plain


def write(q, doc) -> None:
    """The question's body under its prompt; `doc` is the Word writer (`export.word`)."""
    if q.word_bank and not doc.key:
        doc.para(joined_runs(sorted((lb.answer for lb in q.labels), key=plain)), "Word Bank", doc.say("key.label", label=doc.say("question.word-bank")) + " ")
    done = picture(doc.root, q.image.file, q.image.width, [(lb.x, lb.y) for lb in q.labels])
    doc.image(done, plain(q.image.caption or q.prompt) + f" ({len(q.labels)} numbered points to label)")
    if q.image.caption:
        doc.text(q.image.caption, "Source Note")
    for i, label in enumerate(q.labels, start=1):
        if doc.key:
            doc.para(inline_runs(label.answer), "Key Answer", f"{i}  ")
        else:
            doc.para([], "Answer Line", f"{i}  ")
