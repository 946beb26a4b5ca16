"""Moodle: each item matched to its group (Moodle's matching lets several items share an answer)."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from studypack.export.common import plain
from studypack.export.moodle_xml import cdata, feedback, inline_html
from studypack.kinds.questions.categorise.spec import printed

TYPE = "matching"


def form(q, exporter):
    """(Moodle type, body after the prompt, files, the type's own XML, grade)."""
    pairs = "".join(f'    <subquestion format="html"><text>{cdata(inline_html(item.text))}</text>'
                    f"<answer><text>{xml_escape(plain(item.group))}</text></answer></subquestion>\n"
                    for item in printed(q))
    return "matching", "", [], "    <shuffleanswers>true</shuffleanswers>\n" + pairs + feedback(q.explanation), q.marks
