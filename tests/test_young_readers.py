"""The young-readers layout, read back from the PDFs: Andika regular at 14 pt or more for the
text children read, every label of an exercise as large, no line numbers beside a story, and
the example and a small story pack built `--strict` (no character the fonts cannot print)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from studypack.commands.cli import main
from studypack.settings import layout as layouts

from conftest import EXAMPLE, build_written

STORY = """\
title: "The Lost Kite"
subject: English
level: "Year 3 (ages 7-8)"
sources:
  - letter: A
    title: "The Lost Kite"
    kind: secondary
    origin: "A story written for this sheet"
    date: "2026"
    citation: "Written for this reading sheet"
    text: |-
      Maya had a red kite with a long blue tail. Every Saturday she ran with it up the
      hill behind her house, and every Saturday the wind lifted it high above the trees.

      One windy morning the string slipped through her fingers. The kite danced away over
      the fields, past the church and the old mill, until it was only a red dot in the sky.

      Maya sat down on the grass and cried. Then she heard a bark. Her dog, Biscuit, came
      running up the hill with something red in his mouth. It was the kite, a little torn
      but still flying its long blue tail.

      "Good dog," said Maya, and she gave him the biggest hug of his life.
sheets:
  - id: reading
    kind: source-analysis
    title: "Reading: The Lost Kite"
    instructions: "Read the story. Then answer the questions."
    sources: [A]
    questions:
      - id: true-false
        kind: true-false
        prompt: "Are these sentences true or false? Tick one box for each."
        marks: 2
        statements:
          - {text: "Maya's kite was red.", answer: true}
          - {text: "Biscuit is Maya's cat.", answer: false}
      - id: order
        kind: ordering
        prompt: "Put these in the order they happen in the story. Write the letters in the boxes."
        marks: 1
        first: First
        last: Last
        items:
          - "The string slips through Maya's fingers."
          - "Biscuit comes back with the kite."
          - "Maya hugs Biscuit."
      - id: words
        kind: matching
        prompt: "Match each word to its meaning. Write the letter in the box."
        marks: 2
        headings: [Word, Meaning]
        pairs:
          - {left: "lifted", right: "picked up"}
          - {left: "slipped", right: "slid out by mistake"}
      - id: feel
        kind: short
        prompt: "How did Maya feel when the kite flew away? How do you know?"
        marks: 2
        answer: "Sad: she sat down on the grass and cried."
"""


def _runs(path):
    """(page, text, size, font) of every piece of text, the size scaled by its matrices."""
    for number, page in enumerate(PdfReader(str(path)).pages, start=1):
        found: list[tuple[int, str, float, str]] = []

        def visit(text, cm, tm, font, size, found=found, number=number):
            if text.strip() and size:
                scale = abs(tm[3] * cm[3] + tm[2] * cm[1]) or abs(tm[0] * cm[0])
                found.append((number, text.strip(), size * scale, (font or {}).get("/BaseFont", "")))

        page.extract_text(visitor_text=visit)
        yield from found


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """The story pack built --strict in young-readers and in default (to show what it changes)."""
    built = {}
    for name in ("young-readers", "default"):
        result, out = build_written(tmp_path_factory.mktemp(name), "kite", STORY, "--layout", name, "--strict")
        assert result.exit_code == 0, result.output
        (built[name],) = out.parent.iterdir()  # out/kite, or out/kite-<layout> for another layout
    return built


def test_the_example_builds_strict_in_young_readers(tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--layout", "young-readers", "--strict",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "cannot be printed" not in result.output
    runs = list(_runs(tmp_path / "show-trials-young-readers" / "moscow-trials.pdf"))
    assert min(size for _page, _text, size, _font in runs) >= 14 - 0.05


def test_the_story_is_andika_regular_at_16_pt(story):
    runs = list(_runs(story["young-readers"] / "reading.pdf"))
    by_font = Counter()
    for _page, text, size, font in runs:
        by_font[(re.sub(r"^[A-Z]{6}\+", "", font), round(size, 1))] += len(text)
    (font, size), _count = by_font.most_common(1)[0]
    assert "andika" in font.lower() and "bold" not in font.lower() and size >= 14, by_font.most_common(3)
    story_runs = [r for r in runs if "Maya had a red kite" in r[1] or "Good dog" in r[1]]
    assert story_runs and all("andika" in r[3].lower() and "Bold" not in r[3] and r[2] >= 14 for r in story_runs)
    assert min(r[2] for r in runs) >= layouts.load("young-readers").minimum_text_size - 0.05


@pytest.mark.parametrize("label", ["True", "False", "First", "Last", "Word", "Meaning"])
def test_the_labels_of_exercises_are_as_large_as_the_text(story, label):
    young = [size for _p, text, size, _f in _runs(story["young-readers"] / "reading.pdf") if text == label]
    default = [size for _p, text, size, _f in _runs(story["default"] / "reading.pdf") if text == label]
    assert young and min(young) >= 14 - 0.05, young
    assert default and max(default) < 10, default  # the default's small label, which young-readers enlarges


def _numbers_beside(path, first_words: str, last_words: str) -> list[str]:
    """The bare numbers printed level with the story's lines, from its first to its last:
    line numbers, were there any (question numbers stand below it)."""
    found = []
    for page in PdfReader(str(path)).pages:
        runs: list[tuple[str, float]] = []

        def visit(text, cm, tm, _font, _size, runs=runs):
            if text.strip():
                runs.append((text.strip(), cm[1] * tm[4] + cm[3] * tm[5] + cm[5]))

        page.extract_text(visitor_text=visit)
        tops = [y for text, y in runs if first_words in text]
        feet = [y for text, y in runs if last_words in text]
        if tops and feet:
            found += [text for text, y in runs if feet[0] - 1 <= y <= tops[0] + 1 and re.fullmatch(r"\d{1,2}", text)]
    return found


def test_a_story_has_no_line_numbers_in_young_readers(story):
    assert _numbers_beside(story["young-readers"] / "reading.pdf", "Maya had a red kite", "Good dog") == []
    assert layouts.load("young-readers").source.line_numbers == 0
    # the same story in default is numbered every 5th line: the check sees numbers where there are some
    assert _numbers_beside(story["default"] / "reading.pdf", "Maya had a red kite", "Good dog") == ["5"]


@pytest.mark.parametrize("size", [10, 11, 12, 18, 24, 36])
def test_draw_a_line_dots_stand_clear_of_the_words(size):
    """A dot touching its item's last letter reads as a full stop or a smudge; a pupil needs
    clear room to start a line: at least 2 mm between the words' edge and the dot's."""
    from studypack.base.units import MM
    from studypack.views.dot_columns import DotColumns

    columns = DotColumns([], [], None, [], indent=0, size=size)
    assert columns.space - columns.dot >= 2 * MM
