"""Moodle: an essay with the blank grid as its template, the filled grid as grader information."""

from __future__ import annotations

from studypack.export.moodle_xml import Form, essay, inline_html, points_html
from studypack.kinds.questions.table.spec import cells

TYPE = "essay"


def form(q, exporter) -> Form:
    def grid(show: bool) -> str:
        head = "".join(f"<th>{inline_html(c)}</th>" for c in q.columns)
        rows = "".join("<tr>" + "".join(f"<td>{inline_html(v or '') if k != 'blank' else '&nbsp;'}</td>" for k, v in row) + "</tr>"
                       for row in cells(q, show))
        return f'<table border="1"><tr>{head}</tr>{rows}</table>'

    return essay(q, "<p><strong>Answers:</strong></p>" + grid(True) + points_html(q.mark_scheme, q.marks),
                 template=grid(False))
