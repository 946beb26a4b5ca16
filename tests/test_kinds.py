"""Every question kind, paper structure, sheet kind and tier, built from the examples in
docs/question-kinds.md exactly as printed there: the student sheet shows what a student
needs and no answer, the key shows the answer, shuffles are deterministic, tiers differ."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import EXAMPLE, ROOT, pdf_text, squash
from studypack.io.words import ENGLISH_WORDS
from studypack.media import text
from studypack.app.build import build
from studypack.commands.cli import main
from studypack.content.validate import load_pack

DOC = ROOT / "docs" / "question-kinds.md"
_EXAMPLE = re.compile(r"<!-- example: (question|sheets) (\S+) -->\n```yaml\n(.*?)```", re.S)
EXAMPLES = {name: (what, body) for what, name, body in _EXAMPLE.findall(DOC.read_text(encoding="utf-8"))}

SKELETON = {
    "title": "Docs example",
    "subject": "History",
    "level": "GCSE",
    "sources": [
        {"letter": letter, "title": f"Test source {letter}", "kind": "primary", "origin": f"Origin of test source {letter}",
         "date": "1936", "citation": f"Citation of test source {letter}", "text": f"Words of test source {letter}."}
        for letter in "AB"
    ],
}


def plain(value: str) -> str:
    return squash(text.plain(value))


def make_pack(folder: Path, name: str) -> Path:
    what, body = EXAMPLES[name]
    data = dict(SKELETON)
    if what == "question":
        data["sheets"] = [{"id": "s", "kind": "worksheet", "title": "Example sheet", "questions": [yaml.safe_load(body)]}]
    else:
        data.update(yaml.safe_load(body))
    pack = folder / name
    pack.mkdir(parents=True)
    shutil.copytree(EXAMPLE / "images", pack / "images")
    (pack / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pack


def built(tmp_path: Path, name: str, tier: str | None = None):
    pack = make_pack(tmp_path / "src", name)
    build(pack, None, tmp_path / "out", jobs=1, tier=tier)
    out = tmp_path / "out" / (f"{name}-{tier}" if tier else name)
    return out, load_pack(pack).pack


def sheet_and_key(tmp_path, name, sheet="s"):
    out, pack = built(tmp_path, name)
    return pdf_text(out / f"{sheet}.pdf"), pdf_text(out / "answer-key.pdf"), pack, out


def test_every_kind_and_structure_has_a_doc_example():
    from studypack.spec.questions import KINDS
    from studypack.spec.sheets import SHEET_KINDS

    documented = {yaml.safe_load(body).get("kind") for what, body in EXAMPLES.values() if what == "question"}
    assert set(KINDS) <= documented
    sheet_kinds = {s["kind"] for what, body in EXAMPLES.values() if what == "sheets"
                   for s in yaml.safe_load(body)["sheets"]}
    assert set(SHEET_KINDS) - {"source-analysis"} <= sheet_kinds
    assert {"sections", "spag", "tiers", "scaffold"} <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_doc_example_builds(tmp_path, name):
    out, pack = built(tmp_path, name)
    assert (out / "answer-key.pdf").is_file() and (out / "pack.pdf").is_file()


def test_multiple_choice(tmp_path):
    sheet, key, pack, _ = sheet_and_key(tmp_path, "multiple-choice")
    assert "Leningrad" in sheet and "(correct answer)" not in sheet and "Smolny" not in sheet
    assert "Leningrad (correct answer)" in key and "Smolny Institute" in key


def test_multiple_select(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "multiple-select")
    assert "Tick two boxes." in sheet and "(correct answer)" not in sheet
    assert key.count("(correct answer)") == 2
    assert "Grigory Zinoviev (correct answer)" in key and "Lev Kamenev (correct answer)" in key
    assert "Bukharin was tried" in key and "Bukharin was tried" not in sheet


def test_true_false(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "true-false")
    assert "True False" in sheet and "1 The Moscow show trials were held in secret." in sheet
    assert "journalists" not in sheet and "Foreign journalists and diplomats watched them." in key


def test_true_false_key_ticks_the_right_box(monkeypatch):
    from studypack.kinds.questions.true_false import spec as true_false
    from studypack.kinds.questions.true_false import view

    seen = []
    monkeypatch.setattr(view, "_statements", lambda ctx, statements, answers=None: seen.append(answers) or [])

    class Spy:
        say = ENGLISH_WORDS  # the tool's words, as the composer says them

        def key_list(self, *args):
            return []

    q = true_false.Model.model_validate(yaml.safe_load(EXAMPLES["true-false"][1]))
    view.student(q, Spy())
    view.key(q, Spy())
    assert seen == [None, [False, True]]


def test_short_and_extended(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "short")
    assert "Give one reason" in sheet and "Old Bolshevik" not in sheet and "United Opposition" not in sheet
    assert "Answer: He was an Old Bolshevik" in key and "Credit any of:" in key
    sheet, key, *_ = sheet_and_key(tmp_path / "x", "extended")
    assert "Explains two or more reasons" not in sheet and "Explains two or more reasons" in key
    assert "Indicative content:" in key and "Model answer:" in key


def test_cloze_gaps_word_bank_and_key(tmp_path):
    sheet, key, pack, _ = sheet_and_key(tmp_path, "cloze")
    from studypack.kinds.questions.cloze import spec as cloze

    q = pack.sheets[0].questions[0]
    words = cloze.bank(q)
    assert sorted(words) == sorted(["Kirov", "Leningrad", "Zinoviev", "Moscow", "Trotsky"])
    assert words != ["Kirov", "Leningrad", "Zinoviev", "Moscow", "Trotsky"]  # shuffled, not as written
    assert f"Word bank {' '.join(words)}" in sheet  # printed in the shuffled order
    # the gaps are numbered blanks of one length, the answers nowhere but in the bank
    # (solid rules now: underlined no-break spaces, not underscores that part into dashes)
    blanks = re.findall(r"\((\d)\)", sheet)
    assert blanks == ["1", "2", "3"] and "_" not in sheet
    assert "Sergei Kirov" not in sheet and "in Leningrad" not in sheet
    assert "Sergei (1) Kirov was shot in (2) Leningrad" in key and "Word bank" not in key  # the number clear of its answer
    assert "Distractors in the word bank: Moscow, Trotsky" in key
    # same words, same order, on every load
    assert cloze.bank(load_pack(tmp_path / "src" / "cloze").pack.sheets[0].questions[0]) == words


def test_cloze_without_gaps_is_an_error(tmp_path):
    pack = make_pack(tmp_path, "cloze")
    yaml_text = (pack / "pack.yaml").read_text(encoding="utf-8").replace("[[", "").replace("]]", "")
    (pack / "pack.yaml").write_text(yaml_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 2
    assert "a cloze text needs gaps: write each missing word as [[word]]" in result.stderr


def test_matching(tmp_path):
    sheet, key, pack, _ = sheet_and_key(tmp_path, "matching")
    from studypack.kinds.questions.matching import spec as matching

    q = pack.sheets[0].questions[0]
    column, answers = matching.right_column(q), matching.answers(q)
    assert sorted(column) == sorted(["August 1936", "January 1937", "March 1938", "June 1937"])
    assert column != ["August 1936", "January 1937", "March 1938", "June 1937"]
    for i, right in enumerate(column):
        assert f"{'ABCD'[i]} {right}" in sheet
    assert "Answer:" not in sheet
    assert f"Answer: 1 {answers[0]}, 2 {answers[1]}, 3 {answers[2]}" in key
    assert [column["ABCD".index(a)] for a in answers] == ["August 1936", "January 1937", "March 1938"]


def test_ordering(tmp_path):
    sheet, key, pack, _ = sheet_and_key(tmp_path, "ordering")
    from studypack.kinds.questions.ordering import spec as ordering

    q = pack.sheets[0].questions[0]
    shown, answer = ordering.printed(q), ordering.answer(q)
    assert shown != list(q.items) and sorted(shown) == sorted(q.items)
    assert [shown["ABC".index(a)] for a in answer] == list(q.items)
    assert "First" in sheet and "Last" in sheet and "Answer:" not in sheet and "August 1936" not in sheet
    assert f"Answer: {', '.join(answer)}" in key and "August 1936, January 1937, March 1938." in key


def test_table_completion(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "table")
    assert "Origin" in sheet and "Value" in sheet and "Source A" in sheet
    assert "Zinoviev in court" not in sheet and "Zinoviev in court, August 1936." in key
    assert "Mark scheme: 1 mark for each valid point, up to 2 marks." in key


def test_table_rows_must_match_columns(tmp_path):
    pack = make_pack(tmp_path, "table")
    data = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    data["sheets"][0]["questions"][0]["rows"][1].append("extra")
    (pack / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert "question 1: row 2 has 3 cells but there are 2 columns" in result.stderr


def test_labelling(tmp_path):
    sheet, key, _pack, out = sheet_and_key(tmp_path, "labelling")
    assert "Politburo" not in sheet and "Central Committee" not in sheet
    assert "1 Politburo" in key and "2 Central Committee" in key
    assert "Each arrow points" in sheet
    page = PdfReader(str(out / "s.pdf")).pages[0]
    assert len(page.images) == 1  # the picture is embedded


def test_inferences(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "inferences")
    assert sheet.count("What I can infer:") == 2 and sheet.count("Details in Source A that tell me this:") == 2
    assert "accepted all the blame" not in sheet
    assert "They accepted all the blame." in key and "(ii) What I can infer: They named Trotsky" in key
    assert "2 marks for each inference supported by a detail from Source A, up to 4 marks." in key


@pytest.mark.parametrize("name", ["default", "exam", "large-print-24"])
def test_an_inference_boxs_last_answer_line_keeps_clear_of_the_rule_under_it(name):
    """Each answer space in an inference box leaves a third of a line's spacing or more between its
    last line and the box's rule, as the key's answers leave their padding."""
    from reportlab.platypus import Table

    from studypack.settings import layout as layouts
    from studypack.views.flowables import AnswerLines
    from studypack.views.job import Job
    from studypack.kinds.questions.inferences import view as inferences

    pack = load_pack(EXAMPLE).pack
    lay = layouts.load(name)
    ctx = Job(lay, pack, EXAMPLE).composer()
    question = next(q for sheet in pack.sheets for _n, _s, q in sheet.numbered(None) if q.kind == "inferences")
    tables = [f.table for f in inferences.student(question, ctx)[0] if isinstance(getattr(f, "table", None), Table)]
    checked = 0
    for table in tables:
        table.wrap(ctx.text_width() - ctx.number_width, 1e6)
        for r, row in enumerate(table._cellvalues):
            for c, value in enumerate(row):
                cell = value[0] if isinstance(value, (list, tuple)) and len(value) == 1 else value  # wrap expands a cell
                if isinstance(cell, AnswerLines):
                    style = table._cellStyles[r][c]
                    under = table._rowHeights[r] - style.topPadding - cell.wrap(100, 1e6)[1]
                    assert under >= 0.35 * lay.answer_lines.spacing - 0.01, (name, r, c, under)
                    checked += 1
    assert checked >= 4


def test_sub_questions_print_1a_1b_with_their_marks(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "parts")
    for words in (sheet, key):
        assert "1 Study Source B. 1(a) What does Source B say" in words
        assert "[1 mark]" in words and "1(b) Identify one error of fact in Source B. [2 marks]" in words
        assert "Total: 3 marks" in words or "— 3 marks" in words
    assert "Norway" not in sheet and "Norway" in key


def test_sections(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "sections", sheet="paper")
    assert "Total: 3 marks · Time: 30 minutes" in sheet
    assert "Section A 1 mark · Suggested time: about 10 minutes Answer all questions in this section. 1 Who" in sheet
    assert "Section B 2 marks · Suggested time: about 20 minutes" in sheet and "2 Describe one feature" in sheet
    assert "Total for Section A: 1 mark" in key and "Total for Section B: 2 marks" in key
    assert "Answer all questions in this section" not in key


def test_spag(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "spag")
    assert "[16 marks + 4 SPaG]" in sheet and "[16 marks + 4 SPaG]" in key
    assert "Total: 20 marks (including 4 for SPaG)" in sheet
    assert "Spelling, punctuation and grammar (SPaG): up to 4 marks" in key and "Accurate spelling" not in sheet
    assert "Marks Descriptor 3–4 Accurate spelling" in key  # SPaG bands print as SPaG, not as levels
    assert "16 marks + 4 SPaG" in key.split("Total for")[-1]
    assert "Total for the pack" not in key  # one sheet: its own total closes the key


def test_prompt_naming_a_missing_source_is_an_error(tmp_path):
    pack = make_pack(tmp_path, "short")
    data = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    data["sheets"][0]["questions"][0]["prompt"] = "Study Sources B to D. Give one reason."
    (pack / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("sheet 's', question 1: the prompt refers to Sources C, D, "
                                          "which the pack does not have (sources: A, B)")


def test_exam_paper_sources_go_in_a_booklet(tmp_path):
    out, pack = built(tmp_path, "exam")
    paper, booklet = (pdf_text(out / n) for n in ("paper-1.pdf", "paper-1-sources.pdf"))
    assert not (out / "source-booklet.pdf").exists()  # the paper's booklet holds every source: written once
    assert "Sources A and B are in the separate Source Booklet." in paper
    assert "Words of test source A." not in paper and "Citation of test source A" not in paper
    assert "Source Booklet" in booklet and "for Paper 1" in booklet
    for letter in "AB":
        assert f"Source {letter}: Test source {letter}" in booklet and f"Words of test source {letter}." in booklet
    assert "Do not write your answers in this booklet." in booklet


def test_cover_sheet(tmp_path):
    out, pack = built(tmp_path, "cover")
    assert not (out / "front.pdf").exists()
    reader = PdfReader(str(out / "paper-1.pdf"))
    cover = squash(reader.pages[0].extract_text())
    assert "Mock examination" in cover and "Paper 1" in cover
    assert "Name" in cover and "Class" in cover and "Candidate number" in cover
    assert "Time allowed: 1 hour" in cover and "Total marks: 1" in cover
    assert "Answer all questions. Use black ink." in cover
    assert "Question Marks available Marks awarded 1 1 Total 1" in cover
    # a cover and its paper are one document, numbered through (the cover is page 1)
    assert "Page 1 of 2" in cover and "Who led the NKVD" not in cover
    paper = squash(reader.pages[1].extract_text())
    assert "Who led the NKVD" in paper and "Page 2 of 2" in paper
    assert "Name" not in paper and "Class" not in paper  # asked for once, on the cover
    words = pdf_text(out / "pack.pdf")
    assert words.index("Mock examination") < words.index("Who led the NKVD")
    assert "Yezhov" in pdf_text(out / "answer-key.pdf") and "Mock examination" not in pdf_text(out / "answer-key.pdf")


def test_cover_rows_per_sub_question_and_spag(example):
    from studypack.kinds.sheets.cover import spec as cover

    paper = next(s for s in example.pack.sheets if s.id == "exam-paper")
    assert cover.rows_for(paper, None) == [("1", 4), ("2", 4), ("3(a)", 1), ("3(b)", 2), ("4", 16), ("SPaG", 4)]


def test_glossary_and_timeline_sheets_replace_the_reference_pages(tmp_path):
    out, pack = built(tmp_path, "glossary")
    words = pdf_text(out / "key-words.pdf")
    assert words.index("NKVD") < words.index("show trial")  # alphabetical
    assert not (out / "reference.pdf").exists()
    out, pack = built(tmp_path / "t", "timeline")
    words = pdf_text(out / "dates.pdf")
    for event in pack.timeline:
        assert plain(event.date) in words and plain(event.event) in words
    assert "1934" in words and "1937" in words  # the year ticks of the drawn axis
    assert not (out / "reference.pdf").exists()


def test_timeline_dates_are_placed_to_scale():
    from studypack.views.drawing import when

    assert when("19–24 August 1936") == pytest.approx(1936 + (7 + 18 / 31) / 12)
    assert when("1 December 1934") < when("January 1935") < when("7 April 1935") < when("1936")
    assert when("November–December 1927") < when("1928")
    assert when("the spring") is None


def test_default_reference_pages_when_not_placed(tmp_path):
    out, pack = built(tmp_path, "short")
    assert not (out / "reference.pdf").exists()  # no glossary, no timeline: no pages
    pack_dir = make_pack(tmp_path / "g", "glossary")
    data = yaml.safe_load((pack_dir / "pack.yaml").read_text(encoding="utf-8"))
    data["sheets"] = [{"id": "s", "kind": "worksheet", "title": "T", "questions": [yaml.safe_load(EXAMPLES["short"][1])]}]
    data["timeline"] = [{"date": "1936", "event": "The first trial."}]
    (pack_dir / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(pack_dir, None, tmp_path / "g-out", jobs=1)
    words = pdf_text(tmp_path / "g-out" / "glossary" / "reference.pdf")
    assert "Glossary and timeline" in words and "NKVD" in words and "The first trial." in words


def test_tiers_number_without_gaps_and_keep_marks(tmp_path):
    everything = pdf_text(built(tmp_path / "all", "tiers")[0] / "tiered.pdf")
    key_all = pdf_text(tmp_path / "all" / "out" / "tiers" / "answer-key.pdf")
    assert "[1 mark] Foundation tier only." in key_all and "[3 marks] Higher tier only." in key_all
    assert "tier only" not in everything
    out_f, _ = built(tmp_path / "f", "tiers", "foundation")
    out_h, _ = built(tmp_path / "h", "tiers", "higher")
    foundation, higher = pdf_text(out_f / "tiered.pdf"), pdf_text(out_h / "tiered.pdf")
    assert "Hint: Think about Zinoviev" in everything and "2 Why did foreign diplomats" in everything
    assert "Hint: Think about Zinoviev" in foundation and "Hint:" not in higher
    assert "2 Who was tried in August 1936? [1 mark]" in foundation and "Who was tried" not in higher
    assert "Why did foreign diplomats" not in foundation
    assert "2 Why did foreign diplomats believe the confessions? [3 marks]" in higher  # no gap where 2 was
    # the key covering both tiers gives each one-tier question its number on that tier's paper
    assert "F2 Who was tried in August 1936? [1 mark]" in key_all and "H2 Why did foreign diplomats" in key_all
    assert "each numbering its questions 1, 2, 3" in key_all
    assert "Total: 3 marks" in foundation and "Total: 5 marks" in higher
    assert "Foundation tier" in foundation and "Higher tier" in higher
    key_f, key_h = pdf_text(out_f / "answer-key.pdf"), pdf_text(out_h / "answer-key.pdf")
    # the sheet's title ends in its own "?", so no colon follows it
    assert "held? 3 marks" in key_f.split("Total for")[-1] and "held? 5 marks" in key_h.split("Total for")[-1]
    assert "1 Give one reason for the trials. [2 marks]" in key_f and "1 Give one reason for the trials. [2 marks]" in key_h


def test_tier_option_on_the_command_line(tmp_path):
    pack = make_pack(tmp_path, "tiers")
    result = CliRunner().invoke(main, ["build", str(pack), "--out", str(tmp_path / "o"), "--tier", "foundation", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "tiers-foundation" / "tiered.pdf").is_file()
    result = CliRunner().invoke(main, ["build", str(pack), "--tier", "middle"])
    assert result.exit_code == 2 and "'middle' is not one of 'foundation', 'higher'" in result.stderr


def test_scaffold_prints_on_the_sheet_only(tmp_path):
    sheet, key, *_ = sheet_and_key(tmp_path, "scaffold")
    assert "Hint: Think about who was watching." in sheet
    assert "Sentence starters: • One reason was … • This helped Stalin because …" in sheet
    assert "Words you could use: fear · propaganda · confession" in sheet
    assert "Hint:" not in key and "Sentence starters" not in key


def test_shuffles_are_the_same_on_every_build(tmp_path):
    first, _ = built(tmp_path / "1", "matching")
    second, _ = built(tmp_path / "2", "matching")
    assert (first / "s.pdf").read_bytes() == (second / "s.pdf").read_bytes()


def test_a_tiered_source_is_left_out_of_the_other_tier(tmp_path):
    pack = make_pack(tmp_path, "exam")
    data = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))
    data["sources"][1]["tier"] = "higher"
    (pack / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(pack, None, tmp_path / "o", jobs=1, tier="foundation")
    out = tmp_path / "o" / "exam-foundation"
    booklet = pdf_text(out / "paper-1-sources.pdf")
    assert "Source A: Test source A" in booklet and "Test source B" not in booklet
    assert not (out / "source-booklet.pdf").exists()  # the tier's every source is in the paper's booklet
    assert "Source A is in the separate Source Booklet." in pdf_text(out / "paper-1.pdf")
    build(pack, None, tmp_path / "o", jobs=1, tier="higher")
    assert "Source B: Test source B" in pdf_text(tmp_path / "o" / "exam-higher" / "paper-1-sources.pdf")


def test_the_complete_example_in_writing_packs_builds(tmp_path):
    """The format stays backward compatible: the v1 example still builds, with its
    glossary and timeline on the default reference pages."""
    doc = (ROOT / "docs" / "writing-packs.md").read_text(encoding="utf-8")
    body = re.search(r"<!-- example: complete -->\n```yaml\n(.*?)```", doc, re.S).group(1)
    pack = tmp_path / "great-fire"
    pack.mkdir()
    (pack / "pack.yaml").write_text(body, encoding="utf-8")
    build(pack, None, tmp_path / "out", jobs=1)
    out = tmp_path / "out" / "great-fire"
    words = pdf_text(out / "reference.pdf")
    assert "Glossary and timeline" in words and "Pudding Lane" in words
    assert len(PdfReader(str(out / "reference.pdf")).pages) == 2  # glossary, then the drawn timeline


BROKEN = """title: T
subject: History
level: GCSE
sheets:
  - id: paper
    kind: exam
    title: P
    sections:
      - title: "Section A"
        questions:
          - {kind: short, prompt: "Q1", marks: 1, answer: "x"}
          - kind: parts
            parts:
              - {kind: short, prompt: "a", marks: 2, answr: "x"}
              - {kind: short, prompt: "b", marks: ten, answer: "x"}
  - {id: c1, kind: cover, title: C, paper: papr}
"""

BROKEN_RULES = """title: T
subject: History
level: GCSE
glossary: {a: b}
sheets:
  - id: paper
    kind: worksheet
    title: P
    sections:
      - title: "A"
        questions: [{kind: short, prompt: "Q1", marks: 1, answer: "x"}]
      - title: "B"
        questions:
          - kind: matching
            prompt: "Match"
            marks: 2
            pairs: [{left: a, right: b}, {left: c, right: b}]
          - kind: labelling
            prompt: "Label"
            marks: 1
            image: {file: missing.png}
            labels: [{x: 1, y: 1, answer: a}]
  - {id: words, kind: glossary, title: W}
  - {id: c1, kind: cover, title: C, paper: words}
  - {id: c2, kind: cover, title: C, paper: paper}
  - {id: c3, kind: cover, title: C, paper: paper}
"""


KIND_RULES = """title: T
subject: History
level: GCSE
sources:
  - {letter: A, title: S, kind: primary, origin: O, date: "1936", citation: C, text: "Words."}
sheets:
  - id: s
    kind: worksheet
    title: S
    questions:
      - {kind: multiple-select, prompt: "Tick two", marks: 2, options: [a, b, c], answers: [A, E]}
      - {kind: multiple-select, prompt: "Tick", marks: 2, options: [a, b, c], answers: [A, B, C]}
      - {kind: ordering, prompt: "Order", marks: 1, items: [a, b, a]}
      - kind: table
        prompt: "Grid"
        marks: 1
        columns: [x]
        rows: [[given]]
      - {kind: short, prompt: "Short", marks: 2, answer: x, mark_scheme: {each: 1, up_to: 3}}
      - kind: extended
        prompt: "Essay"
        marks: 4
        mark_scheme:
          levels: [{level: 1, marks: "1-4", descriptor: d}]
          spag: [{level: 1, marks: "1-2", descriptor: d}]
      - kind: parts
        parts:
          - {kind: short, prompt: "a", marks: 1, answer: x, tier: higher}
          - {kind: short, prompt: "b", marks: 1, answer: x}
      - {kind: inferences, prompt: "Infer", marks: 2, source: B, answers: [{inference: i, detail: d}]}
      - {kind: cloze, prompt: "Fill", marks: 1, text: "A [[gap and more"}
      - {kind: cloze, prompt: "Fill", marks: 1, text: "A [[gap]]", distractors: [x]}
"""


@pytest.mark.parametrize("content, lines", [
    (KIND_RULES, [
        "pack.yaml:11: sheet 's', question 1: each answer is the letter of one option, A to C, got 'E'",
        "pack.yaml:12: sheet 's', question 2: every option is marked correct: leave at least one wrong option",
        "pack.yaml:13: sheet 's', question 3: two items are the same: each item must differ",
        "pack.yaml:18: sheet 's', question 4: no cell is left blank for the student: write a blank cell as {answer: ...}",
        "pack.yaml:19: sheet 's', question 5: mark_scheme: up to 3 marks is more than the question's 2 marks",
        "pack.yaml:25: sheet 's', question 6: SPaG descriptors are given but the question has no 'spag:' marks",
        "pack.yaml:28: sheet 's', question 7: part (a): tag the whole question with a tier, not one part, so the numbering stays the same in every tier",
        "pack.yaml:30: sheet 's', question 8: source B is not in the pack (sources: A)",
        "pack.yaml:31: sheet 's', question 9: a cloze text needs gaps: write each missing word as [[word]]",
        "pack.yaml:32: sheet 's', question 10: distractors are only printed in a word bank: add 'word_bank: true'",
    ]),
    (BROKEN, [
        "pack.yaml:14: sheet 'paper', section 1, question 2, part (a): missing required field 'answer': add it",
        "pack.yaml:14: sheet 'paper', section 1, question 2, part (a): unknown key 'answr' (did you mean 'answer'?)",
        "pack.yaml:15: sheet 'paper', section 1, question 2, part (b): marks must be a positive whole number, got 'ten'",
    ]),
    (BROKEN_RULES, [
        "pack.yaml:17: sheet 'paper', question 2: two items in the right-hand column are the same: each must differ, or the answer is ambiguous",
        "pack.yaml:21: sheet 'paper', question 3: image 'missing.png' not found in the pack folder",
        "pack.yaml:24: sheet 'c1': paper 'words' has no questions: a cover goes in front of a paper with questions",
        "pack.yaml:26: sheet 'c3': paper 'paper' already has a cover ('c2')",
    ]),
])
def test_mistakes_in_new_structures_are_located(tmp_path, content, lines):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 2
    got = [line.replace(str(pack) + "/", "") for line in result.stderr.splitlines() if "nothing was written" not in line]
    assert got == lines


def test_a_long_timeline_continues_on_the_next_page(tmp_path):
    events = [{"date": f"{month} {1900 + i}", "event": f"Event {i}: a description long enough to wrap onto a second line of its label."}
              for i, month in zip(range(40), ["January", "March", "June", "October"] * 10)]
    pack = tmp_path / "long"
    pack.mkdir()
    data = {**SKELETON, "timeline": events, "sheets": [{"id": "t", "kind": "timeline", "title": "Timeline"}]}
    (pack / "pack.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    build(pack, None, tmp_path / "out", jobs=1)
    reader = PdfReader(str(tmp_path / "out" / "long" / "t.pdf"))
    assert len(reader.pages) == 2
    words = squash(" ".join(page.extract_text() for page in reader.pages))
    assert all(f"Event {i}:" in words for i in range(40))


def test_a_sorting_item_in_an_unknown_group_is_located_with_a_suggestion(pack_copy):
    text = (pack_copy / "pack.yaml").read_text(encoding="utf-8")
    typo = '{text: "Karl Radek", group: "A defendent at a Moscow show trial"}'
    text = text.replace('{text: "Karl Radek", group: "A defendant at a Moscow show trial"}', typo)
    (pack_copy / "pack.yaml").write_text(text, encoding="utf-8")
    line = text[: text.index(typo)].count("\n") + 1
    result = CliRunner().invoke(main, ["check", str(pack_copy)])
    assert result.exit_code == 2
    assert (f"pack.yaml:{line}: sheet 'moscow-trials', question 8: item 2: 'A defendent at a Moscow show trial' "
            "is not one of the groups (A defendant at a Moscow show trial, Ran the trials for Stalin) "
            "(did you mean 'A defendant at a Moscow show trial'?): write it exactly as in 'groups:'") in result.stderr


def test_sorting_boxes_stay_on_the_page_of_their_items_in_large_print(shipped):
    pages = [page.extract_text() or "" for page in PdfReader(str(shipped("large-print-24") / "moscow-trials.pdf")).pages]
    holding = [i for i, words in enumerate(pages) if "Sort these people" in words]
    assert holding and "Ran the trials for Stalin" in " ".join(pages[holding[0]].split())


def _label_numbers(pdf: Path) -> list[tuple[float, float]]:
    """Where the labelling question's line numbers stand on the page of the diagram's caption
    (bold, in the ink's colour: the diagram's markers are white on black; right of the
    question numbers), as (x, y)."""
    from conftest import tool

    log = tool("pagelog").page_log(pdf)
    page = next(line.split(" ")[0] for line in log if "Each arrow points" in line)
    places = []
    for line in log:
        parts = line.split(" ")
        said = line[line.find('"'):].strip('" ')
        if (parts[0] == page and "Bold" in parts[2] and "#ffffff" not in line and said in ("1", "2", "3", "4")
                and float(parts[1].split(",")[0]) > 60):
            x, y = parts[1].split(",")
            places.append((float(x), float(y)))
    return places


def test_label_lines_are_one_under_another_where_two_columns_are_too_short_to_write_in(shipped):
    """Large print: "Local party organisations" written at 24 pt needs most of the measure, so
    the four numbered lines stand one under another (r29 found them two to a row, 64 mm each);
    the default layout keeps two columns."""
    large = _label_numbers(shipped("large-print-24") / "moscow-trials.pdf")
    assert len(large) == 4 and len({x for x, _y in large}) == 1 and len({y for _x, y in large}) == 4
    default = _label_numbers(shipped("default") / "moscow-trials.pdf")
    assert len({x for x, _y in default}) == 2


def test_circle(tmp_path):
    """Options in a row with no letters or boxes; the key rings the answer (drawn, so the text is the same)."""
    sheet, key, pack, _ = sheet_and_key(tmp_path, "circle")
    for option in ("Zinoviev", "Kamenev", "Stalin", "Bukharin"):
        assert option in sheet and option in key
    assert "(correct answer)" not in key and "Why: Stalin ordered the trials" in key
    assert "Circle two." not in sheet  # one answer: no count under the prompt


def test_circle_rules():
    from studypack.kinds.questions.circle import spec as circle

    def q(**fields):
        return circle.Model(kind="circle", prompt="Circle the odd one out.", marks=1, **fields)

    assert circle.check(q(options=["cat", "dog", "car"], answers=["car"])) == []
    assert circle.circled(q(options=["cat", "dog", "car"], answers=["Car "])) == {2}
    wrong = circle.check(q(options=["cat", "dog", "car"], answers=["dgo"]))
    assert wrong and "did you mean 'dog'" in wrong[0][1] and wrong[0][0] == ("answers", 0)
    assert "every option" in circle.check(q(options=["cat", "dog"], answers=["cat", "dog"]))[0][1]
    assert "twice" in circle.check(q(options=["cat", "cat", "dog"], answers=["dog"]))[0][1]
    assert circle.instruction(q(options=["a", "b", "c"], answers=["a", "b"])) == "Circle two."


def test_circle_in_word_and_moodle(tmp_path):
    """Word: the options in one row, the key's answer bold and underlined; Moodle: multichoice, unlettered."""
    docx = pytest.importorskip("docx")
    import xml.etree.ElementTree as ET

    pack = make_pack(tmp_path / "src", "circle")
    for fmt in ("docx", "moodle"):
        result = CliRunner().invoke(main, ["build", str(pack), "--format", fmt, "--out", str(tmp_path / "out")])
        assert result.exit_code == 0 and "form" not in result.output, result.output  # no "has no … form" warning
    out = tmp_path / "out" / "circle"
    row = next(p for p in docx.Document(str(out / "answer-key.docx")).paragraphs if p.style.name == "Option")
    assert [r.text for r in row.runs if r.bold and r.underline] == ["Stalin"]
    assert [r.text.strip() for r in row.runs if r.text.strip()] == ["Zinoviev", "Kamenev", "Stalin", "Bukharin"]
    question = next(q for q in ET.parse(out / "s.moodle.xml").getroot() if q.get("type") == "multichoice")
    assert question.findtext("answernumbering") == "none" and question.findtext("single") == "true"
    assert [(a.get("fraction"), a.findtext("text")) for a in question.findall("answer")][2] == ("100", "Stalin")
