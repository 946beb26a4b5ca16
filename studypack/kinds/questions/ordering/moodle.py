"""Moodle: Moodle's ordering question, graded by absolute position."""

from __future__ import annotations

from studypack.export.moodle_xml import Form, answer, feedback, inline_html, settings
from studypack.kinds.questions.ordering.spec import ends

TYPE = "ordering"


def form(q, exporter) -> Form:
    items = [answer(i, inline_html(item)) for i, item in enumerate(q.items, start=1)]  # its place as its "fraction"
    extra = settings(layouttype="VERTICAL", selecttype="ALL", selectcount=len(q.items), gradingtype="ABSOLUTE_POSITION",
                     showgrading="SHOW", numberingstyle="none")
    first, last = ends(q, exporter.say)
    note = f"<p><em>{exporter.say('question.order-note', first=inline_html(first), last=inline_html(last))}</em></p>"
    return Form("ordering", note, [], extra + items + feedback(q.explanation), q.marks)
