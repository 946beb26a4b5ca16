"""Moodle: a multichoice question, the options unlettered; one right answer, or several each
with an equal share (and as much taken off for each wrong one)."""

from __future__ import annotations

from html import escape

from studypack.export.moodle_xml import Form, answer, feedback, grade, inline_html, settings
from studypack.kinds.questions.circle.spec import circled, note as instruction

TYPE = "multichoice"


def form(q, exporter) -> Form:
    right = circled(q)
    each = 100 if len(right) == 1 else grade(100 / len(right))
    answers = [answer(each if i in right else (0 if len(right) == 1 else -each), inline_html(o))
               for i, o in enumerate(q.options)]
    note = instruction(q)
    body = f"<p><em>{escape(note)}</em></p>" if note else ""
    choice = settings(single="true" if len(right) == 1 else "false", shuffleanswers="true" if q.shuffle else "false",
                      answernumbering="none")
    return Form("multichoice", body, [], choice + answers + feedback(q.explanation), q.marks)
