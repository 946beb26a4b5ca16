"""Moodle: Moodle's ordering question, graded by absolute position."""

from __future__ import annotations

from studypack.export.moodle_xml import cdata, feedback, inline_html

TYPE = "ordering"


def form(q, exporter):
    """(Moodle type, body after the prompt, files, the type's own XML, grade)."""
    items = "".join(f'    <answer fraction="{i}" format="html"><text>{cdata(inline_html(item))}</text></answer>\n'
                    for i, item in enumerate(q.items, start=1))
    extra = ("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n"
             f"    <selectcount>{len(q.items)}</selectcount>\n    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n"
             "    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n" + items
             + feedback(q.explanation))
    note = f"<p><em>{inline_html(q.first)} at the top, {inline_html(q.last)} at the bottom.</em></p>"
    return "ordering", note, [], extra, q.marks
