"""Moodle export: every bank parses, holds one question per exportable question with the
right type, grades equal marks and answers equal the key; cloze gaps are checked with a
small parser of Moodle's embedded-answers syntax; unexportable questions warn with file:line."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, build_written
from studypack.commands.cli import main
from moodle_rules import cloze_gaps
from studypack.export import moodle_xml
from studypack.kinds.questions.cloze import spec as cloze
from studypack.kinds.questions.multiple_choice import spec as multiple_choice
from studypack.kinds.questions.multiple_select import spec as multiple_select
from studypack.media.text import plain
from studypack.content.validate import load_pack


@pytest.fixture(scope="module")
def banks(tmp_path_factory):
    out = tmp_path_factory.mktemp("moodle")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", "moodle", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Moodle question banks" in result.output
    return out / "show-trials"


def leaves(sheet):
    for number, _section, q in sheet.numbered(None):
        if q.kind == "parts":
            yield from ((f"{number}({string.ascii_lowercase[i]})", p) for i, p in enumerate(q.parts))
        else:
            yield str(number), q


def expected_type(q) -> str:
    if q.kind == "true-false":
        return "truefalse" if len(q.statements) == 1 else "matching"
    if q.kind == "short":
        return "shortanswer" if moodle_xml.is_word(plain(q.answer)) and not q.points and not q.mark_scheme else "essay"
    return {"multiple-choice": "multichoice", "multiple-select": "multichoice", "cloze": "cloze", "labelling": "cloze",
            "matching": "matching", "ordering": "ordering", "extended": "essay", "inferences": "essay",
            "table": "essay", "categorise": "matching", "circle": "multichoice"}[q.kind]


def parse_embedded(text: str) -> list[tuple[int, str, list[tuple[bool, str]]]]:
    """The gaps as Moodle itself reads them (tests/moodle_rules.py): every gap has a right
    answer, and no brace outside the gaps is left for Moodle to read as one."""
    gaps, rest = cloze_gaps(text)
    found = []
    for gap in gaps:
        assert gap.right, f"no right answer in gap {gap}"
        found.append((gap.weight, "SHORTANSWER" if gap.qtype == "shortanswer" else "MULTICHOICE",
                      [(a.fraction == 1, a.answer) for a in gap.alternatives]))
    assert "{" not in re.sub(r"\{#\d+\}", "", rest), f"a brace that is not an embedded answer in {text!r}"
    return found


def test_every_bank_parses_with_one_question_per_exportable_question(banks):
    pack = load_pack(EXAMPLE).pack
    written = sorted(p.name for p in banks.glob("*.moodle.xml"))
    with_questions = [s for s in pack.sheets if s.all_questions]
    assert written == sorted(f"{s.id}.moodle.xml" for s in with_questions)
    for sheet in with_questions:
        root = ET.parse(banks / f"{sheet.id}.moodle.xml").getroot()
        assert root.tag == "quiz"
        items = root.findall("question")
        assert items[0].get("type") == "category"
        assert items[0].find("category/text").text == f"$course$/top/{plain(pack.title)}/{plain(sheet.title)}"
        sources = [q for q in items if q.get("type") == "description"]
        assert [q.find("name/text").text.replace("\xa0", " ") for q in sources] == [f"Source {letter}: {plain(pack.source(letter).title)}".replace("\xa0", " ")
                                                               for letter in sheet.sources]
        questions = [q for q in items if q.get("type") not in ("category", "description")]
        expected = list(leaves(sheet))
        assert [q.find("name/text").text.split(".")[0] for q in questions] == [label for label, _q in expected]
        for item, (label, q) in zip(questions, expected):
            assert item.get("type") == expected_type(q), (sheet.id, label)
            assert float(item.find("defaultgrade").text) == q.marks + (getattr(q, "spag", None) or 0), label
            check_answers(item, q)


def check_answers(item, q) -> None:
    answers = [(float(a.get("fraction")), a.find("text").text) for a in item.findall("answer")]
    text = item.find("questiontext/text").text
    if q.kind == "multiple-choice":
        right = [t for f, t in answers if f == 100]
        assert right == [plain(q.options[multiple_choice.correct_index(q)])]
    elif q.kind == "circle":
        assert {t for f, t in answers if f > 0} == {plain(a) for a in q.answers}
    elif q.kind == "multiple-select":
        right = {t for f, t in answers if f > 0}
        assert right == {plain(q.options[i]) for i in multiple_select.correct_indexes(q)}
        assert sum(f for f, _t in answers if f > 0) == pytest.approx(100, abs=0.01)
    elif q.kind == "matching" or (q.kind == "true-false" and len(q.statements) > 1):
        pairs = [(s.find("text").text, s.find("answer/text").text) for s in item.findall("subquestion")]
        if q.kind == "matching":
            assert pairs[:len(q.pairs)] == [(plain(p.left), plain(p.right)) for p in q.pairs]
        else:
            assert pairs == [(plain(s.text), "True" if s.answer else "False") for s in q.statements]
    elif q.kind == "categorise":
        pairs = sorted((s.find("text").text, s.find("answer/text").text) for s in item.findall("subquestion"))
        assert pairs == sorted((plain(i.text), plain(i.group)) for i in q.items)
    elif q.kind == "ordering":
        ordered = [t for _f, t in sorted(answers)]
        assert ordered == [plain(i) for i in q.items]
    elif q.kind == "cloze":
        gaps = parse_embedded(text)
        assert sum(w for w, _k, _c in gaps) == q.marks
        assert [[c for right, c in choices if right][0] for _w, _k, choices in gaps] == [a[0] for a in cloze.gaps(q)]
        assert {k for _w, k, _c in gaps} == {"MULTICHOICE" if q.word_bank else "SHORTANSWER"}
    elif q.kind == "labelling":
        gaps = parse_embedded(text)
        assert [[c for right, c in choices if right] for _w, _k, choices in gaps] == [[plain(lb.answer)] for lb in q.labels]
        assert item.find("questiontext/file").get("encoding") == "base64"
        assert '@@PLUGINFILE@@/' in text
    elif item.get("type") == "shortanswer":
        assert answers == [(100, plain(q.answer))]
    elif item.get("type") == "essay":
        info = item.find("graderinfo/text").text
        if q.kind == "extended":
            assert all(f"Level {lv.level}" in info for lv in q.mark_scheme.levels)
        elif q.kind == "short":
            assert plain(q.answer).split()[0] in info


def test_the_parser_refuses_bad_cloze_syntax():
    assert parse_embedded(r"a {2:SHORTANSWER:=x\}y~=z} b") == [(2, "SHORTANSWER", [(True, "x}y"), (True, "z")])]
    for bad in ("{1:SHORTANSWER:x}", "{oops}"):
        with pytest.raises(AssertionError):
            parse_embedded(bad)


def test_special_characters_in_a_gap_come_back_from_moodle_as_written():
    typed = moodle_xml.embedded(1, ['a}b#c~d/e"f', "=R&", "5 * 3"], [])
    assert [c for _r, c in parse_embedded(typed)[0][2]] == ['a}b#c~d/e"f', "=R&", "5 \\* 3"]
    chosen = moodle_xml.embedded(2, ["x~y"], ["%100%p", "x~y", "1936/37"])
    assert parse_embedded(chosen)[0][2] == [(False, "%100%p"), (True, "x~y"), (False, "1936/37")]


PACK = """\
title: Tiny
subject: History
level: Year 9
sheets:
  - id: quiz
    kind: worksheet
    title: Quiz
    questions:
      - kind: short
        prompt: Who led Leningrad?
        marks: 1
        answer: Kirov
      - kind: cloze
        prompt: Fill the gaps.
        marks: 1
        text: "On [[1 December]] in [[Leningrad]]."
"""


def test_a_question_moodle_cannot_hold_is_left_out_with_a_located_warning(tmp_path):
    result, _out = build_written(tmp_path, "tiny", PACK, "--format", "moodle")
    assert result.exit_code == 0, result.output
    assert re.search(r"pack\.yaml:13: question 2 of sheet 'quiz' is left out of the Moodle export: it has 2 gaps "
                     r"but 1 mark", result.output), result.output
    root = ET.parse(tmp_path / "out" / "tiny" / "quiz.moodle.xml").getroot()
    assert [q.get("type") for q in root.findall("question")] == ["category", "shortanswer"]
    strict = CliRunner().invoke(main, ["build", str(tmp_path / "tiny"), "--format", "moodle", "--strict", "--out", str(tmp_path / "o2")])
    assert strict.exit_code == 2 and not (tmp_path / "o2" / "tiny").exists()


def test_a_kind_without_a_moodle_form_is_left_out_with_a_located_warning(tmp_path, monkeypatch):
    """A kind whose moodle.py says `UNSUPPORTED = "why"` is named, located and left out; never a silent fallback."""
    from studypack.kinds.questions.short import moodle as short_form

    monkeypatch.delattr(short_form, "form")
    monkeypatch.setattr(short_form, "UNSUPPORTED", "not yet", raising=False)
    result, _out = build_written(tmp_path, "tiny", PACK, "--format", "moodle")
    assert result.exit_code == 0, result.output
    assert re.search(r"pack\.yaml:9: question 1 of sheet 'quiz' is left out of the Moodle export: a short question "
                     r"has no Moodle form: not yet", result.output), result.output


def test_the_doc_names_every_kinds_moodle_type():
    """docs/beyond-paper.md has a row for every question kind the registry finds."""
    from studypack.export.moodle import types

    doc = (EXAMPLE.parent.parent / "docs" / "beyond-paper.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", doc, re.M))
    assert set(types()) <= rows, sorted(set(types()) - rows)


def moodle_edit_form_problems(item) -> list[str]:
    """What Moodle's editing form for a matching question (question/type/match/edit_match_form.php)
    refuses: fewer than 2 questions or 3 rows (a row: a question or an answer), a question without
    its answer. A teacher who opens such a question to edit it cannot save it."""
    rows = [((s.findtext("text") or "").strip(), (s.findtext("answer/text") or "").strip())
            for s in item.findall("subquestion")]
    questions = sum(1 for q, _a in rows if q)
    problems = [f"{q!r} has no answer" for q, a in rows if q and not a]
    if questions < 2 or sum(1 for q, a in rows if q or a) < 3:
        problems.append(f"{questions} questions and {len(rows)} rows: Moodle needs 2 questions and 3 rows")
    return problems


def test_every_matching_question_can_be_edited_in_moodle(banks):
    matching = [item for path in banks.glob("*.moodle.xml") for item in ET.parse(path).getroot().iter("question")
                if item.get("type") == "matching"]
    assert matching
    assert [moodle_edit_form_problems(item) for item in matching] == [[] for _item in matching]


SMALL = """\
title: Small
subject: History
level: GCSE
sheets:
  - id: s
    kind: worksheet
    title: Small matching questions
    questions:
      - kind: matching
        prompt: Match each man to his post.
        marks: 2
        pairs:
          - {left: Yagoda, right: NKVD chief to 1936}
          - {left: Vyshinsky, right: Chief prosecutor}
      - kind: true-false
        prompt: True or false?
        marks: 2
        statements:
          - {text: The first trial was in 1936., answer: true}
          - {text: Bukharin was tried in 1938., answer: true}
      - kind: categorise
        prompt: Sort them.
        marks: 2
        groups: [Defendant, Prosecutor]
        items:
          - {text: Zinoviev, group: Defendant}
          - {text: Vyshinsky, group: Prosecutor}
"""


def test_two_pair_matching_gets_three_rows_and_every_answer_offered(tmp_path):
    """Moodle shows each answer once: a repeated row changes nothing a student sees, and a
    statement table offers False even where every statement is true, as the paper's columns do."""
    result, out = build_written(tmp_path, "small", SMALL, "--format", "moodle")
    assert result.exit_code == 0, result.output
    items = [q for q in ET.parse(out / "s.moodle.xml").getroot().iter("question") if q.get("type") == "matching"]
    assert len(items) == 3
    for item in items:
        assert moodle_edit_form_problems(item) == []
    offered = [{s.findtext("answer/text") for s in item.findall("subquestion")} for item in items]
    assert offered == [{"NKVD chief to 1936", "Chief prosecutor"}, {"True", "False"}, {"Defendant", "Prosecutor"}]
    right = [[(s.findtext("text"), s.findtext("answer/text")) for s in item.findall("subquestion") if s.findtext("text")]
             for item in items]
    assert right[1] == [("The first trial was in 1936.", "True"), ("Bukharin was tried in 1938.", "True")]
    # two pairs and no distractor: the student gets the last match free, which the teacher is told where it is written;
    # a true/false table and two groups offer all the paper offers, and are not warned
    said = re.findall(r"warning: (.*)", result.output)
    assert said == [f"{tmp_path / 'small' / 'pack.yaml'}:12: question 1 of sheet 's' in the Moodle export: it offers "
                    "Moodle 2 answers to match; Moodle's matching wants 3 (the export repeats one so the question can "
                    "be edited, but a student gets the last match free): add a `distractors:` entry"], result.output


def test_a_distractor_gives_two_pair_matching_its_third_answer_and_no_warning(tmp_path):
    pack = SMALL.replace("      - kind: true-false", "        distractors: [Head of the Red Army]\n      - kind: true-false")
    result, out = build_written(tmp_path, "small", pack, "--format", "moodle", "--strict")
    assert result.exit_code == 0, result.output
    item = next(q for q in ET.parse(out / "s.moodle.xml").getroot().iter("question") if q.get("type") == "matching")
    rows = [(s.findtext("text"), s.findtext("answer/text")) for s in item.findall("subquestion")]
    assert rows == [("Yagoda", "NKVD chief to 1936"), ("Vyshinsky", "Chief prosecutor"), ("", "Head of the Red Army")]


def test_the_pieces_are_elements_and_no_text_ends_one_early():
    """Every piece is built as an element; text that looks like XML or CDATA is text, read back as written."""
    hostile = "]]><script>x</script>&amp; <![CDATA[ \u202e שלום 😀"
    question = moodle_xml.question_xml(moodle_xml.Form("multichoice", "", [], moodle_xml.choice(True) + [
        moodle_xml.answer(100, hostile, hostile)] + moodle_xml.feedback(hostile), 1), hostile, hostile)
    written = moodle_xml.quiz_xml([question])
    assert "<![CDATA[" not in written and "<script" not in written  # escaped, never markup
    read = ET.fromstring(written.encode("utf-8")).find("question")
    assert read.findtext("name/text") == hostile and read.findtext("questiontext/text") == hostile
    assert read.findtext("answer/text") == hostile and read.get("type") == "multichoice"
    assert read.findtext("answer/feedback/text") == moodle_xml.paras_html(hostile)
    assert [e.tag for e in read] == ["name", "questiontext", "defaultgrade", "single", "shuffleanswers",
                                     "answernumbering", "answer", "generalfeedback"]
    assert moodle_xml.quiz_xml([question]) == written  # the same bytes every time
    with pytest.raises(ValueError, match="U\\+0007"):  # never a bank no XML parser reads
        moodle_xml.quiz_xml([moodle_xml.category_xml("top/bell\x07", "")])
