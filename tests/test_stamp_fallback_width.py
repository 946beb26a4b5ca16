"""A student's details are fitted to their blank as they are drawn: a name the layout's face
cannot print is set in a fallback face (large print's Atkinson Hyperlegible has no Cyrillic:
Noto Sans, a fifth wider), and measured in that face, so it never runs past its blank into
the next label (large-print-24, 'Николай Бухарин' ran into 'Class')."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from studypack.media import fonts
from studypack.pdf import stamp
from studypack.settings import layout as layouts


def _drawn(line: str, face: str, size: float) -> float:
    return sum(stringWidth(segment, f, size) for segment, f in fonts.runs(line, face))


@pytest.mark.parametrize("layout, name", [("large-print-24", "Николай Бухарин"), ("large-print-24", "Ζωή Παπαδοπούλου"),
                                          ("dyslexia", "Николай Бухарин"), ("default", "Aoife O'Brien-Ní Bhraonáin")])
def test_a_name_in_a_fallback_face_fits_its_blank(layout, name):
    face = layouts.load(layout).face("body")
    room = 180.0
    lines, size = stamp.fit(name, face, 24, room, least=18)
    assert all(_drawn(line, face, size) <= room + 0.01 for line in lines), (lines, size)
    assert " ".join(lines).replace("…", "") in name  # wrapped or shortened, never changed


def test_the_fallback_face_is_wider_than_the_face_that_lacks_the_letters():
    """What made the old measure wrong: the face's own width for letters it does not have."""
    face = layouts.load("large-print-24").face("body")
    name = "Николай Бухарин"
    assert fonts.runs(name, face)[0][1] != face
    assert _drawn(name, face, 24) > stringWidth(name, face, 24) * 1.1
