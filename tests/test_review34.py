"""The r34 review of issue 22's subject examples (chemistry, physics, maths), read back from the
PDF or the spec: a matching item's letter on the first line of its two-line words, a heading's
"— 14 marks" and a subtitle's "·" never beginning or ending a line where they would stand
alone, and a mark-scheme point's "(2 marks; 1 mark for …)" read as its 2 marks."""

from __future__ import annotations

import re

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


def _line_starts(path) -> list[str]:
    from pypdf import PdfReader

    return [line.strip() for page in PdfReader(str(path)).pages for line in page.extract_text().splitlines()
            if line.strip()]


@pytest.mark.parametrize("subject, layout", [("physics", "young-readers"), ("physics", "large-print-24"),
                                             ("chemistry", "large-print-36"), ("maths", "large-print-24-a3")])
def test_a_key_sheet_heading_never_starts_a_line_with_its_dash(tmp_path, subject, layout):
    """r34: "1. Speed, velocity and acceleration / — 14 marks": the dash before a key sheet's
    marks began the heading's second line. It is tied to the title's last word."""
    folder = _build(subject, layout, tmp_path)
    lines = _line_starts(folder / "answer-key.pdf")
    headings = [line for line in lines if line.startswith("1. ")]
    assert headings, lines[:20]
    assert not [line for line in lines if re.match(r"— \d+ marks?", line)], layout
    # r35: nor does it end one, its marks alone below ("… acceleration —" / "14 marks")
    assert not [line for line in lines if line.endswith(" —")], layout
    assert not [line for line in lines if re.fullmatch(r"\d+ marks?", line)], layout


def test_every_language_ties_the_key_heading_s_dash_to_the_title():
    from studypack.io import words

    for code in ("en", "en-GB", "en-US", "cy", "de", "es", "fr"):
        said = words.words(code).alone("key.sheet-heading", number=1, title="T", marks="14")
        assert "T\u00a0—\u00a014" in said, (code, said)


@pytest.mark.parametrize("subject", ["physics", "maths", "chemistry"])
def test_a_subtitle_s_dot_goes_down_with_the_fact_after_it(tmp_path, subject):
    """r34, large print 36: "Physics · GCSE (ages 14–16) ·" over "Total: 14 marks", and "Answer
    key and mark scheme ·": a separating dot never ends a line, it begins the next one with the
    fact it comes before; and "(ages / 13–16)" no longer breaks inside its parenthesis."""
    folder = _build(subject, "large-print-36", tmp_path)
    for path in sorted(folder.glob("*.pdf")):
        lines = _line_starts(path)
        assert any("·" in line for line in lines), path.name
        # (a formula's own dot, CuSO₄·5H₂O, read out alone on a line is no separator)
        assert not [line for line in lines if line.endswith(" ·")], (path.name, [line for line in lines if "·" in line])
        assert not [line for line in lines if line.endswith("(ages") or re.match(r"1\d–16\)", line)], path.name


def test_separated_facts_tie_each_dot_forward_and_keep_a_short_aside_whole():
    from studypack.media import text

    said = text.separated(["Physics", "GCSE (ages 14–16)", "Total: 14 marks"])
    assert said == "Physics \u00b7\u00a0GCSE (ages\u00a014–16) \u00b7\u00a0Total: 14 marks"
    long = "Key Stage 3 (for pupils from eleven to fourteen)"  # a long aside still breaks where it must
    assert text.separated([long]) == long


def test_a_point_s_note_of_its_whole_mark_and_its_parts_reads_as_its_whole_mark():
    """r34: physics key Q2's "(2 marks; 1 mark for three or four)" was not read as the point's
    mark, so its mark scheme, whose points add up, was headed "Credit any of:"."""
    from studypack.kinds.questions.short.spec import each_earns, earned

    plotted = "All five points plotted to within half a small square (2 marks; 1 mark for three or four)."
    assert earned(plotted) == 2
    assert earned("Straight lines joining them (1 mark).") == 1
    assert earned("Substitution (M1)") == 1 and earned("Evidence: 3 points for a judgement") == 3
    assert earned("Heat is lost to the air; the marks are for any of these") is None
    assert each_earns([plotted, "Straight lines joining them (1 mark)."])
    assert not each_earns([plotted, "Friction, or air resistance"])  # one point names no mark: alternatives


def test_the_physics_key_heads_the_graph_s_points_as_a_mark_scheme(tmp_path):
    folder = _build("physics", "default", tmp_path)
    lines = _line_starts(folder / "answer-key.pdf")
    at = next(i for i, line in enumerate(lines) if line.startswith("• All five points plotted"))
    assert lines[at - 1] == "Mark scheme:", lines[at - 3:at + 1]
