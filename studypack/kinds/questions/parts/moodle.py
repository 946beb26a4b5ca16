"""Moodle holds no question in parts: each part goes in as its own question, 3(a), 3(b) …,
under the shared prompt."""

from __future__ import annotations

import string

from studypack.export.moodle_xml import paras_html

TYPE = "one question per part"


def split(q, label: str) -> list[tuple[str, object, tuple, str]]:
    """(label, part, key path within the question, stem HTML) for each part."""
    stem = paras_html(q.prompt) if q.prompt else ""
    return [(f"{label}({string.ascii_lowercase[i]})", part, ("parts", i), stem) for i, part in enumerate(q.parts)]
