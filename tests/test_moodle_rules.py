"""The Moodle-rules reader (tests/moodle_rules.py) reads cloze syntax and short-answer
wildcards as Moodle does, and the exporter's escapes (export/moodle_text.py) survive it:
whatever a teacher types comes back from Moodle as the same answer, graded as meant."""

from __future__ import annotations

import pytest

from conftest import build_written
from moodle_rules import cloze_gaps, shortanswer_matches
from studypack.export.common import without_bidi_controls
from studypack.export.moodle_text import gap_answer, outside_gaps, shortanswer


def test_the_reader_reads_moodles_own_examples():
    gaps, text = cloze_gaps("Paris is {1:SHORTANSWER:=Paris#Yes~%50%paris} and {2:MC:London~=Berlin#Right}.")
    assert text == "Paris is {#1} and {#2}."
    assert [(g.weight, g.qtype) for g in gaps] == [(1, "shortanswer"), (2, "multichoice")]
    assert [(a.fraction, a.answer, a.feedback) for a in gaps[0].alternatives] == [(1.0, "Paris", "Yes"),
                                                                                 (0.5, "paris", "")]
    assert gaps[1].right == ["Berlin"]


def test_the_reader_keeps_the_backslashes_moodle_keeps():
    """Moodle undoes only \\} and \\#: the old exporter's \\/ and \\~ stayed in the answers."""
    gaps, _ = cloze_gaps(r"{1:MC:=1936\/37~a\}b~c\#d}")
    assert gaps[0].answers == ["1936\\/37", "a}b", "c#d"]


def test_an_ampersand_before_a_brace_swallows_the_next_gap_in_moodle():
    """Why `&` is written as a reference: `R&amp;}` does not end its gap in Moodle."""
    gaps, _ = cloze_gaps("{1:SA:=R&amp;} and {1:SA:=x}")
    assert len(gaps) == 1


HOSTILE = ["=Moscow", "%100%Trotsky", "R&", "1936/37", "a~b", "x#y", "}{", "back\\slash", "5 * 3", "&amp;",
           '"quoted"', "<b>not bold</b>", "{1:SHORTANSWER:=injected}", "ends with \\", "50%", "#1"]


@pytest.mark.parametrize("typed", [True, False])
def test_every_hostile_answer_comes_back_as_written(typed):
    kind = "SHORTANSWER" if typed else "MULTICHOICE"
    body = "{1:%s:%s}" % (kind, "~".join(("=" if i == 0 else "") + gap_answer(a, typed) for i, a in enumerate(HOSTILE)))
    gaps, text = cloze_gaps(f"Before {body} after {{1:SHORTANSWER:=x}}")
    assert text == "Before {#1} after {#2}"
    assert gaps[0].right == ([HOSTILE[0].replace("*", "\\*")] if typed else [HOSTILE[0]])
    answers = gaps[0].answers
    if typed:  # a typed answer keeps `*` literal: Moodle's marking accepts exactly the text
        assert all(shortanswer_matches(pattern, answer) for pattern, answer in zip(answers, HOSTILE))
        assert not shortanswer_matches(answers[HOSTILE.index("5 * 3")], "5 x 3")
    else:
        assert answers == HOSTILE


def test_literal_gap_syntax_in_a_question_never_becomes_a_gap():
    gaps, _ = cloze_gaps(outside_gaps("Type {1:SHORTANSWER:=injected} here: ") + "{1:SA:=real}")
    assert [g.right for g in gaps] == [["real"]]


def test_a_short_answer_with_an_asterisk_is_not_a_wildcard():
    assert shortanswer_matches("5 * 3", "5 times 3")  # what Moodle does with a raw asterisk
    assert not shortanswer_matches(shortanswer("5 * 3"), "5 times 3")
    assert shortanswer_matches(shortanswer("5 * 3"), "5 * 3")


def test_bidi_overrides_are_found_and_removed():
    assert without_bidi_controls("Pick \u202eevil\u202c") == ("Pick evil", True)
    assert without_bidi_controls("plain") == ("plain", False)


HOSTILE_PACK = """\
title: Hostile
subject: History
level: Year 9
sheets:
  - id: quiz
    kind: worksheet
    title: Quiz
    questions:
      - kind: short
        prompt: "What is 5 * 3 written as a product? Type {1:SHORTANSWER:=injected} as it is."
        marks: 1
        answer: "5 * 3"
      - kind: cloze
        prompt: "Fill the gaps. {1:SHORTANSWER:=injected}"
        marks: 3
        text: "The firm [[R&]] met in [[1936/37]] at [[Moscow]]."
      - kind: cloze
        prompt: Choose from the bank.
        marks: 2
        word_bank: true
        distractors: ["=Kiev", "%100%Trotsky"]
        text: "Stalin ruled from [[Moscow]]; [[Bukharin]] was tried."
"""


def test_a_hostile_pack_exports_to_the_gaps_and_answers_it_holds(tmp_path):
    import xml.etree.ElementTree as ET

    result, out = build_written(tmp_path, "hostile", HOSTILE_PACK, "--format", "moodle")
    assert result.exit_code == 0, result.output
    root = ET.parse(out / "quiz.moodle.xml").getroot()
    short, typed, chosen = [q for q in root.findall("question") if q.get("type") not in ("category", "description")]
    pattern = short.find("answer/text").text
    assert shortanswer_matches(pattern, "5 * 3") and not shortanswer_matches(pattern, "5 and 3")
    gaps, rest = cloze_gaps(typed.find("questiontext/text").text)
    assert [g.right for g in gaps] == [["R&"], ["1936/37"], ["Moscow"]]
    assert "injected" in rest and "{1:SHORTANSWER" not in rest
    gaps, _ = cloze_gaps(chosen.find("questiontext/text").text)
    assert [g.right for g in gaps] == [["Moscow"], ["Bukharin"]]
    assert all({"=Kiev", "%100%Trotsky"} <= set(g.answers) for g in gaps)


def test_bidi_controls_never_reach_word_or_moodle_and_are_named_where_written(tmp_path):
    import zipfile

    pytest.importorskip("docx")
    bidi = (
        "title: Bidi\nsubject: History\nlevel: Year 9\nsheets:\n  - id: quiz\n    kind: worksheet\n    title: Quiz\n"
        "    questions:\n      - kind: multiple-choice\n        prompt: \"Pick \u202eevil\u202c\"\n        marks: 1\n"
        "        options: [\"a\u202eb\", c]\n        answer: A\n")
    for fmt, name in (("moodle", "quiz.moodle.xml"), ("docx", "quiz.docx")):
        result, out = build_written(tmp_path / fmt, "bidi", bidi, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "pack.yaml:10: this text holds a right-to-left or left-to-right override" in result.output
        assert "pack.yaml:12:" in result.output
        target = out / name
        data = target.read_text(encoding="utf-8") if fmt == "moodle" else \
            zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
        assert "\u202e" not in data and "\u202c" not in data and "evil" in data
