"""Moodle: one answer right, the others wrong, shuffled by Moodle; picture options as pictures."""

from __future__ import annotations

from studypack.export.moodle_xml import Form, answer, choice, feedback, inline_html
from studypack.export.picture_options import moodle_answers
from studypack.kinds.questions.multiple_choice.spec import correct_index
from studypack.spec.picture_options import pictured

TYPE = "multichoice"


def form(q, exporter) -> Form:
    right = correct_index(q)
    if pictured(q.options):
        answers = moodle_answers(exporter, q.options, [100 if i == right else 0 for i in range(len(q.options))])
    else:
        answers = [answer(100 if i == right else 0, inline_html(o)) for i, o in enumerate(q.options)]
    return Form("multichoice", "", [], choice(True) + answers + feedback(q.explanation), q.marks)
