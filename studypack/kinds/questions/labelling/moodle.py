"""Moodle: the picture with its numbered points, each label an embedded answer."""

from __future__ import annotations

from studypack.export.common import plain
from studypack.export.moodle_text import outside_gaps
from studypack.export.moodle_xml import Form, embedded, paras_html, weights

TYPE = "cloze"


def form(q, exporter) -> Form:
    shares = weights(q.marks, len(q.labels))
    words = sorted(plain(lb.answer) for lb in q.labels) if q.word_bank else []
    img, file = exporter.image(q.image.file, q.image.width, [(lb.x, lb.y) for lb in q.labels],
                               plain(q.image.caption or q.prompt) + f" ({len(q.labels)} numbered points)")
    caption = paras_html(q.image.caption) if q.image.caption else ""
    rows = "".join(f"<li>{i}: {embedded(w, [plain(lb.answer)], words)}</li>"
                   for i, (w, lb) in enumerate(zip(shares, q.labels), start=1))
    return Form("cloze", outside_gaps(img + caption) + f"<ol style=\"list-style:none\">{rows}</ol>", [file], [], q.marks)
