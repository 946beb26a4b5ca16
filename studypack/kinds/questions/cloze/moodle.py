"""Moodle: each gap an embedded answer, typed or (with a word bank) chosen."""

from __future__ import annotations

import re

from studypack.export.moodle_text import outside_gaps
from studypack.export.moodle_xml import Form, embedded, paras_html, weights
from studypack.kinds.questions.cloze import spec

TYPE = "cloze"


def form(q, exporter) -> Form:
    gaps = spec.gaps(q)
    shares = weights(q.marks, len(gaps))
    words = spec.bank(q) if q.word_bank else []
    pieces = iter(embedded(w, accepted, words) for w, accepted in zip(shares, gaps))
    body = re.sub("\x00", lambda _m: next(pieces), outside_gaps(paras_html(spec.GAP.sub("\x00", q.text))))
    return Form("cloze", body, [], [], q.marks)
