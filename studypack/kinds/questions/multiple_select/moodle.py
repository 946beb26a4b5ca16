"""Moodle: each right option an equal share, each wrong one as much taken off; picture options as pictures."""

from __future__ import annotations

from html import escape

from studypack.export.moodle_xml import Form, answer, choice, feedback, grade, inline_html
from studypack.export.picture_options import moodle_answers
from studypack.kinds.questions.multiple_select.spec import correct_indexes, note as instruction
from studypack.spec.picture_options import pictured

TYPE = "multichoice"


def form(q, exporter) -> Form:
    right = correct_indexes(q)
    each = grade(100 / len(right))
    if pictured(q.options):
        answers = moodle_answers(exporter, q.options, [each if i in right else -each for i in range(len(q.options))])
    else:
        answers = [answer(each if i in right else -each, inline_html(o)) for i, o in enumerate(q.options)]
    said = instruction(q)
    note = f"<p><em>{escape(said)}</em></p>" if said else ""
    return Form("multichoice", note, [], choice(False) + answers + feedback(q.explanation), q.marks)
