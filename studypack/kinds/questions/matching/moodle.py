"""Moodle: each left item matched to its right one; distractors as answers with no question."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from studypack.export.common import plain
from studypack.export.moodle_xml import cdata, inline_html

TYPE = "matching"


def form(q, exporter):
    """(Moodle type, body after the prompt, files, the type's own XML, grade)."""
    heads = f"<p>{inline_html(q.headings[0])} → {inline_html(q.headings[1])}</p>" if q.headings else ""
    pairs = "".join(f'    <subquestion format="html"><text>{cdata(inline_html(p.left))}</text>'
                    f"<answer><text>{xml_escape(plain(p.right))}</text></answer></subquestion>\n" for p in q.pairs)
    pairs += "".join(f'    <subquestion format="html"><text></text><answer><text>{xml_escape(plain(d))}</text></answer>'
                     "</subquestion>\n" for d in q.distractors)
    return "matching", heads, [], "    <shuffleanswers>true</shuffleanswers>\n" + pairs, q.marks
