"""Moodle: each item matched to its group (Moodle's matching lets several items share an answer)."""

from __future__ import annotations

from studypack.export.common import plain
from studypack.export.moodle_xml import Form, feedback, inline_html, settings, subquestions
from studypack.kinds.questions.categorise.spec import printed

TYPE = "matching"


def form(q, exporter) -> Form:
    pairs = subquestions([(inline_html(item.text), plain(item.group)) for item in printed(q)],
                         [plain(group) for group in q.groups])  # every group offered, as on paper
    return Form("matching", "", [], settings(shuffleanswers="true") + pairs + feedback(q.explanation), q.marks)
