"""Moodle: each left item matched to its right one; distractors as answers with no question."""

from __future__ import annotations

from studypack.export.common import plain
from studypack.export.moodle_xml import inline_html, subquestions

TYPE = "matching"


def form(q, exporter):
    """(Moodle type, body after the prompt, files, the type's own XML, grade)."""
    heads = f"<p>{inline_html(q.headings[0])} → {inline_html(q.headings[1])}</p>" if q.headings else ""
    pairs = subquestions([(inline_html(p.left), plain(p.right)) for p in q.pairs], [plain(d) for d in q.distractors])
    return "matching", heads, [], "    <shuffleanswers>true</shuffleanswers>\n" + pairs, q.marks
