"""What `studypack mark` writes beyond the marks: the class list's names and who is absent,
the .xlsx, the item-analysis PDF and the annotated copies. A small class set, its pages
rendered straight (the reading itself is tests/test_mark.py's), each copy answered as planned."""

from __future__ import annotations

import csv
import io
import json
import random
import re

import pypdfium2
import pytest
from click.testing import CliRunner

import scanner
from studypack.commands.cli import main
from studypack.io import words
from studypack.mark import attendance, report, run

STUDENTS = 4


def _answer(entry: dict, how: str) -> list[str]:
    """The choices a student ticks: all right, or the first wrong one of each group."""
    if how == "right":
        return list(entry["correct"])
    return [next(c for c in choices if c not in entry["correct"]) for choices in entry["groups"].values()]


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """Copy 1 answers every question right, copy 2 every one wrong, copy 3 hands in a blank
    copy, copy 4 is absent (no page scanned)."""
    work = tmp_path_factory.mktemp("outputs")
    folder = scanner.class_set(work, STUDENTS)
    data = scanner.marking_map(folder)
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    out = work / "scans"
    out.mkdir()
    rng = random.Random(5)
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        if copy in (0, 4):
            continue
        image = scanner.render(pdf, index, 150)
        unit = data["units"][data["copies"][copy - 1]["unit"]]
        page = unit["pages"][number - 1]
        ticked = {(e["question"], c) for e in unit["questions"] for c in _answer(e, "right" if copy == 1 else "wrong")}
        if copy in (1, 2):
            for box in page["boxes"]:
                if (box["question"], box["choice"]) in ticked:
                    scanner.draw(image, box["rect"], scanner.Pen("cross"), 150, page["size"][1], rng)
        image.save(out / f"page-{index:02d}.png")
    return folder, data, out


@pytest.fixture(scope="module")
def marked(scans):
    _folder, data, out = scans
    return run.read_scans([out], data)


def _table(raw: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_without_a_class_list_the_absent_copy_has_no_marks_not_zero(marked, tmp_path):
    summary = report.write(marked, tmp_path, force=False)
    rows = _table((tmp_path / "marks.csv").read_bytes())
    assert [r["Student"] for r in rows] == [f"Student {n:02d}" for n in range(1, STUDENTS + 1)]
    assert [r["Total"] for r in rows] == ["9", "0", "0", ""]
    assert rows[3]["Not marked because"] == attendance.ABSENT and rows[3]["quiz Q1"] == "" and rows[3]["Out of"] == "9"
    assert summary.absent == 1 and summary.to_review == 0
    assert [(r["Student"], r["Copy"], r["Why"]) for r in _table((tmp_path / "absent.csv").read_bytes())] == [
        ("Student 04", "4", attendance.ABSENT)]


def test_the_class_list_names_and_orders_the_students_and_finds_who_is_missing(scans, tmp_path):
    folder, _data, out = scans
    roster = tmp_path / "9x.csv"
    roster.write_text("Name,Class,Candidate number\nNew Pupil,9X,5099\nSTUDENT 02,9x,\nStudent 01,9X,5001\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["mark", str(out), "--map", str(folder / "marking-map.json"),
                                       "--out", str(tmp_path / "m"), "--roster", str(roster)])
    assert result.exit_code == 1, result.output
    assert "3 students have no marks (absent, or on one list only): see absent.csv" in result.output
    rows = _table((tmp_path / "m" / "marks.csv").read_bytes())
    assert [(r["Student"], r["Total"], r["Not marked because"]) for r in rows] == [
        ("New Pupil", "", attendance.NO_COPY),
        ("STUDENT 02", "0", ""),  # matched by name and class, written as the list writes it
        ("Student 01", "9", ""),  # matched by candidate number
        ("Student 03", "0", attendance.NOT_LISTED),
        ("Student 04", "", f"{attendance.ABSENT}; {attendance.NOT_LISTED}")]
    absent = _table((tmp_path / "m" / "absent.csv").read_bytes())
    assert [r["Student"] for r in absent] == ["New Pupil", "Student 03", "Student 04"]


def test_a_bad_class_list_stops_before_reading_the_scans(scans, tmp_path):
    folder, _data, out = scans
    roster = tmp_path / "bad.csv"
    roster.write_text("Colour\nred\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["mark", str(out), "--map", str(folder / "marking-map.json"),
                                       "--out", str(tmp_path / "m"), "--roster", str(roster)])
    assert result.exit_code == 2 and "bad.csv" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "m").exists()


def test_the_marks_workbook_holds_the_csv_rows_with_marks_as_numbers(marked, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    report.write(marked, tmp_path, force=False)
    book = openpyxl.load_workbook(tmp_path / "marks.xlsx")
    sheet = book["Marks"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = list(csv.reader(io.StringIO((tmp_path / "marks.csv").read_text(encoding="utf-8-sig"))))
    assert [[("" if v is None else str(v)) for v in row] for row in values] == rows
    total = rows[0].index("Total")
    assert values[1][total] == 9 and isinstance(values[1][total], int)
    first = (tmp_path / "marks.xlsx").read_bytes()
    report.write(marked, tmp_path, force=True)
    assert (tmp_path / "marks.xlsx").read_bytes() == first


def _text(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_each_present_student_gets_an_annotated_copy_with_marks_and_total(marked, tmp_path):
    report.write(marked, tmp_path, force=False)
    folder = tmp_path / report.COPIES
    assert sorted(p.name for p in folder.iterdir()) == [
        "001-Student-01.pdf", "002-Student-02.pdf", "003-Student-03.pdf", "class.pdf"]  # the absent copy has none
    first = _text((folder / "001-Student-01.pdf").read_bytes())
    assert len(first) == 2
    assert "Marked" in first[0] and "9/9" in first[0]
    assert all(f"{m}/{m}" in first[0] for m in (1, 2, 3))  # each question's mark beside it
    second = _text((folder / "002-Student-02.pdf").read_bytes())
    assert "0/9" in second[0] and "0/3" in second[0]
    assert len(_text((folder / "class.pdf").read_bytes())) == 6
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    report.write(marked, tmp_path, force=True)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_page_not_scanned_is_said_on_the_copy(scans, tmp_path):
    _folder, data, out = scans
    pages = sorted(out.glob("*.png"))
    marked = run.read_scans([p for p in pages if p != pages[1]], data)  # copy 1's second page
    report.write(marked, tmp_path, force=False)
    text = _text((tmp_path / report.COPIES / "001-Student-01.pdf").read_bytes())
    assert "Page 2 was not scanned" in text[1] and "7/9" in text[0] and "+2 ?" in text[0]  # two questions on page 2


def test_the_item_analysis_pdf_holds_the_csv_figures_and_a_chart_per_question(marked, tmp_path):
    report.write(marked, tmp_path, force=False)
    items = _table((tmp_path / "item-analysis.csv").read_bytes())
    pages = _text((tmp_path / "item-analysis.pdf").read_bytes())
    whole = " ".join(" ".join(page.split()) for page in pages)
    assert whole.startswith("Item analysis: Marking test 4 copies in the class set.")
    assert "Marking test · item analysis Page 1 of 2" in whole  # the layout's header and footer
    for row in items:
        figures = f"Marked on {row['Copies marked']} copies. Facility {row['Facility']}, discrimination {row['Discrimination']}."
        assert f"{row['Question']} (" in whole and figures in whole, row
    for part in items[0]["Ticks per option"].split("; "):  # each option's bar, labelled with its words and count
        option, count = part.rsplit(": ", 1)
        assert f"{option.replace(' (right)', '')} " in whole and count in whole


@pytest.mark.parametrize("layout", ["default", "large-print-36"])
def test_a_flagged_question_says_why_in_every_layout(layout):
    from studypack.mark import analysis, item_report
    from studypack.settings import layout as layouts
    found = [analysis.Item("quiz Q1", "multiple-choice", 1, 20, 0.1, -0.3, [("Neva", True, 2), ("Don", False, 15)],
                           ["few earned its marks (facility under 0.2)", "the stronger students did worse on it"])]
    laid = layouts.load(layout)
    pdf = item_report.pdf(found, {"title": "Quiz", "copies": [{}] * 20}, laid)
    whole = " ".join(" ".join(page.split()) for page in _text(pdf))
    assert ("Check: few earned its marks (facility under 0.2); the stronger students did worse on it." in whole)
    assert "Facility 0.10, discrimination -0.30." in whole
    document = pypdfium2.PdfDocument(pdf)
    assert tuple(round(v) for v in document[0].get_size()) == tuple(round(v) for v in laid.page.dimensions)


MATCHING_PACK = """\
title: Matching and ordering
subject: History
level: Year 9
sheets:
  - id: quiz
    kind: worksheet
    title: Quiz
    questions:
      - kind: matching
        prompt: Match each person to their role.
        marks: 3
        pairs:
          - {left: Yezhov, right: Head of the NKVD}
          - {left: Vyshinsky, right: Chief prosecutor}
          - {left: Bukharin, right: Defendant in 1938}
        distractors: [Leader of the Red Army]
      - kind: ordering
        prompt: Put these events in order.
        marks: 2
        items: [Kirov murdered, First show trial, Trial of the Seventeen, Bukharin trial]
      - kind: matching
        style: lines
        prompt: Draw a line from each city to its river.
        marks: 2
        pairs: [{left: Kyiv, right: Dnieper}, {left: Rostov, right: Don}]
"""


def _build(tmp_path, layout=None, text=MATCHING_PACK):
    from studypack.app import batch
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    roster = tmp_path / "class.csv"
    roster.write_text("Name\nAnn Lee\nBo Ray\nCy Dee\n", encoding="utf-8")
    batch.build(pack, roster, layout, tmp_path / "out", batch.Options(variants=2, marking=True, write="both"))
    folder = next((tmp_path / "out").glob("*/class"))
    return folder, scanner.marking_map(folder)


def test_matching_and_ordering_are_ticked_in_a_grid_read_and_marked(tmp_path):
    """Marking on: each numbered item (a place in the order) has a row of boxes, one a letter;
    the scanner reads them and the shared rule marks them, a share of the marks a row right.
    Copy 1 ticks every right box, copy 2 a wrong one in every row, copy 3 the first row right
    of each (and a wrong box in the others)."""
    folder, data = _build(tmp_path)
    kinds = {e["question"]: e for e in data["units"][0]["questions"]}
    assert [e["kind"] for e in kinds.values()] == ["matching", "ordering"]  # lines drawn are the teacher's
    assert kinds["quiz:1"]["groups"]["1"] == ["1 A", "1 B", "1 C", "1 D"]
    assert all(len(kinds["quiz:2"]["groups"][str(p)]) == 4 for p in range(1, 5))
    assert {e["question"]: e["correct"] for e in data["units"][0]["questions"]} != {
        e["question"]: e["correct"] for e in data["units"][1]["questions"]}  # variants differ
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    rng = random.Random(9)
    out = tmp_path / "scans"
    out.mkdir()
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        if not copy:
            continue
        image = scanner.render(pdf, index, 200)
        unit = data["units"][data["copies"][copy - 1]["unit"]]
        page = unit["pages"][number - 1]
        ticked = set()
        for entry in unit["questions"]:
            for group, choices in sorted(entry["groups"].items()):
                right = copy == 1 or (copy == 3 and group == "1")
                ticked.add((entry["question"], next(c for c in choices if (c in entry["correct"]) == right)))
        for box in page["boxes"]:
            if (box["question"], box["choice"]) in ticked:
                scanner.draw(image, box["rect"], scanner.Pen("cross"), 200, page["size"][1], rng)
        (out / f"scan-{index:02d}.jpg").write_bytes(scanner.degrade(image, rng, rng.uniform(-4, 4), noise=4, quality=80))
    marked = run.read_scans([out], data)
    report.write(marked, tmp_path / "m", force=False)
    rows = _table((tmp_path / "m" / "marks.csv").read_bytes())
    assert [(r["quiz Q1"], r["quiz Q2"], r["Total"], r["Out of"], r["To review"]) for r in rows] == [
        ("3", "2", "5", "5", "0"), ("0", "0", "0", "5", "0"), ("1", "0", "1", "5", "0")]  # one of four places: half a mark, rounded down
    items = {r["Question"]: r for r in _table((tmp_path / "m" / "item-analysis.csv").read_bytes())}
    assert "Yezhov – Head of the NKVD (right): 1" in items["quiz Q1"]["Ticks per option"]  # copy 1 only ticked it right


def test_a_grid_too_wide_for_the_line_leaves_the_letter_boxes_and_the_question_to_the_teacher(tmp_path):
    wide = "\n".join(f"          - {{left: Item {n}, right: Answer {n}}}" for n in range(1, 19))
    text = MATCHING_PACK.replace("          - {left: Yezhov, right: Head of the NKVD}\n", wide + "\n").replace(
        "distractors: [Leader of the Red Army]", "distractors: [D1, D2, D3, D4, D5, D6]")
    _folder, data = _build(tmp_path, text=text)
    assert [e["question"] for e in data["units"][0]["questions"]] == ["quiz:2"]  # 26 letters do not fit: Q1 is by hand


def test_an_unknown_layout_for_the_item_analysis_stops_before_reading(scans, tmp_path):
    folder, _data, out = scans
    result = CliRunner().invoke(main, ["mark", str(out), "--map", str(folder / "marking-map.json"),
                                       "--out", str(tmp_path / "m"), "--layout", "large-prnt-24"])
    assert result.exit_code == 2 and "large-prnt-24" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "m").exists()


def test_questions_the_teacher_marks_have_a_column_and_a_box_on_the_copy(marked, tmp_path):
    data = marked.data
    assert [(h["question"], h["kind"], h["marks"], h["page"]) for h in data["units"][0]["by_hand"]] == [
        ("quiz:5", "short", 2, 1)]
    assert all("quiz:5" not in {e["question"] for e in unit["questions"]} for unit in data["units"])
    report.write(marked, tmp_path, force=False)
    rows = _table((tmp_path / "marks.csv").read_bytes())
    assert all(r["quiz Q5 by hand (out of 2)"] == "" for r in rows)  # for the teacher's mark
    assert list(rows[0])[-1] == "quiz Q5 by hand (out of 2)" and rows[0]["Out of"] == "9"
    first = " ".join(_text((tmp_path / report.COPIES / "001-Student-01.pdf").read_bytes())[0].split())
    assert "+ /2 by hand" in first and first.count("/2") >= 2  # the total's note and the box by Q5


FULL = ("fr", "de", "es", "cy")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _catalogue_words(code: str, prefix: str = "") -> set[str]:
    """The words of the catalogue's messages that go into files (the terminal's, `term.*`, never
    do, and may quote a file's English, such as decisions.json's "boxes")."""
    found: set[str] = set()
    for key, message in words.catalogue(code).messages.items():
        if key.startswith(prefix) and not key.startswith("term."):
            for form in (message.values() if isinstance(message, dict) else [message]):
                found |= _words(re.sub(r"\{[a-z]+\}", " ", str(form)))
    return found


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _everything_written(folder) -> str:
    """Every word a marking wrote for the teacher: the CSV files, the item analysis, the annotated copies."""
    texts = [path.read_bytes().decode("utf-8-sig") for path in folder.glob("*.csv")]
    texts += [" ".join(_text(path.read_bytes())) for path in [folder / "item-analysis.pdf", *folder.glob("annotated/*.pdf")]]
    return " ".join(texts)


@pytest.mark.parametrize("code", FULL)
def test_every_file_the_marking_writes_is_in_the_class_sets_language(scans, code, tmp_path):
    """No English word of `mark`'s own in the files of a class set built in another language
    (the class's names, the pack's title and options stay as written)."""
    _folder, data, out = scans
    pages = sorted(out.glob("*.png"))
    in_language = {**data, "language": code}
    marked = run.read_scans([p for p in pages if p != pages[1]], in_language)  # a page missing: its questions wait
    report.write(marked, tmp_path, force=False)
    written = _everything_written(tmp_path)
    content = _words(json.dumps(data, ensure_ascii=False)) | _words(" ".join(p.name for p in pages))
    english = {w for w in _catalogue_words("en", "mark.") - _catalogue_words(code) - content if len(w) > 2}
    assert sorted(english & _words(written)) == [], f"English words of the marking's own in {code}"
    say = words.words(code)
    for key in ("mark.student", "mark.to-review", "mark.facility", "mark.ticks"):
        assert say(key) in written, key
    flat = _flat(written)
    assert _flat(say.alone("mark.analysis-title", title=data["title"])) in flat
    assert say.alone("mark.absent") in written and say.alone("mark.not-scanned") in written
    assert _flat(say("mark.page-missing", page=2)) in flat


def test_the_check_finds_the_markings_english(marked, tmp_path):
    """The check above is not blind: an English marking, held to French, fails it."""
    report.write(marked, tmp_path, force=False)
    english = _catalogue_words("en", "mark.") - _catalogue_words("fr")
    assert {"facility", "ticks", "boxes", "crops"} <= english & _words(_everything_written(tmp_path))


def test_the_markings_language_is_the_class_sets_else_the_layouts_else_the_workspaces():
    from studypack.settings import layout as layouts
    welsh = layouts.load("default").model_copy(update={"language": "cy"})
    assert report.language({"language": "fr"}, welsh, "de") == "fr"
    assert report.language({}, welsh, "de") == "cy"
    assert report.language({}, layouts.load("default"), "de") == "de"
    assert report.language({}, None, None) is None


def test_a_class_set_in_french_keeps_its_language_for_the_marking(tmp_path):
    folder, data = _build(tmp_path, text="language: fr\n" + MATCHING_PACK)
    assert data["language"] == "fr"
    report.write(run.Marked(data), tmp_path / "marked", force=False)  # no page scanned: every student absent
    rows = list(csv.reader(io.StringIO((tmp_path / "marked" / "marks.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[0][:5] == ["Élève", "Classe", "Numéro de candidat", "Sujet", "Niveau"]
    assert rows[0][5] == "quiz Q1" and rows[1][-1 - len(report.hand_columns(data))].startswith("absent\u00a0: aucune page")


def test_every_kind_a_machine_marks_has_its_name_in_the_catalogue():
    from studypack.base import registry
    marked_kinds = [k for k, module in registry.modules("questions", "spec").items() if hasattr(module, "boxes")]
    assert marked_kinds and all(f"mark.kind-{k}" in words.catalogue("en").messages for k in marked_kinds)
