"""The r34 review of issue 22's subject examples (chemistry, physics, maths), read back from the
PDF or the spec: a matching item's letter on the first line of its two-line words, a heading's
"— 14 marks" and a subtitle's "·" never beginning or ending a line where they would stand
alone, and a mark-scheme point's "(2 marks; 1 mark for …)" read as its 2 marks."""

from __future__ import annotations

import pytest

from test_review22_pages import _build, _chars, _page_of


def _label_beside(path, page: int, words: str, label: str) -> tuple[float, float]:
    """The bottom of `words`' first glyph and of the `label` glyph nearest left of it."""
    chars = _chars(path, page)
    at = "".join(c[0] for c in chars).index(words.replace(" ", ""))
    first = chars[at]
    labels = [c for c in chars if c[0] == label and 0 < first[2] - c[4] < 60]
    nearest = min(labels, key=lambda c: abs(c[3] - first[3]))
    return first[3], nearest[3]


@pytest.mark.parametrize("subject, document, words, pairs", [
    ("physics", "pack.pdf", "Unit", [("metre per second", "C"), ("kilogram metre", "D")]),
    ("physics", "answer-key.pdf", "Unit", [("metre per second", "C"), ("kilogram metre", "D")]),
    ("maths", "pack.pdf", "Meaning", [("is more than −2", "C")]),
    ("maths", "answer-key.pdf", "Meaning", [("is more than −2", "C")]),
])
def test_a_matching_letter_stands_on_the_first_line_of_its_two_line_words(tmp_path, subject, document, words, pairs):
    """r34: in large print on A3 the letters C and D stood centred on their two-line units
    ("metre per second / squared (m/s²)"), between the lines: each letter is on its words'
    first baseline."""
    folder = _build(subject, "large-print-24-a3", tmp_path)
    path = folder / document
    page = _page_of(path, words)
    for said, letter in pairs:
        text, label = _label_beside(path, page, said, letter)
        assert abs(text - label) < 1.0, (document, said, letter, text, label)
