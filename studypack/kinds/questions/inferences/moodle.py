"""Moodle: an essay with a template of inferences and details, the example answers as grader information."""

from __future__ import annotations

from studypack.export.moodle_xml import Form, essay, inline_html, points_html

TYPE = "essay"


def form(q, exporter) -> Form:
    examples = "".join(f"<tr><td>{inline_html(a.inference)}</td><td>{inline_html(a.detail)}</td></tr>" for a in q.answers)
    info = ("<p><strong>Example answers:</strong></p><table border=\"1\"><tr><th>Inference</th><th>Detail</th></tr>"
            f"{examples}</table>" + points_html(q.mark_scheme, q.marks))
    template = "".join(f"<p>Inference {i}:</p><p>Detail that tells me this:</p>" for i in range(1, q.count + 1))
    return essay(q, info, template=template)
