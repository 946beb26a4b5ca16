"""Class lists as Excel workbooks (.xlsx): the first sheet read as a CSV file is, cells as a
teacher sees them, rows located as 'class.xlsx: row 5', and the extra named when missing."""

from __future__ import annotations

import datetime
import sys

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from studypack.base.errors import StudypackError
from studypack.commands.cli import main
from studypack.io import roster as rosters
from studypack.io import workbook

from conftest import squash

openpyxl = pytest.importorskip("openpyxl")

PACK = """\
title: A small pack
subject: History
level: Ages 14-16
sheets:
  - id: s1
    kind: worksheet
    title: Sheet one
    questions:
      - {kind: short, prompt: "Who led the USSR in 1936?", marks: 1, answer: Stalin}
"""


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # places are said relative to the folder the command runs in


def save(path, rows, first_sheet: str = "Class 9B", other=None):
    book = openpyxl.Workbook()
    book.active.title = first_sheet
    for row in rows:
        book.active.append(row)
    if other is not None:
        sheet = book.create_sheet("Other", 0) if other == "first" else book.create_sheet("Other")
        sheet.append(["Name"])
        sheet.append(["Not a student"])
    book.save(path)
    return path


def test_cells_read_as_the_teacher_sees_them(tmp_path):
    path = save(tmp_path / "class.xlsx", [
        [],  # a blank row above the header, as an MIS export has under its title
        ["Forename", "Surname", "Form", "Candidate number", "Date of birth", "Tier"],
        ["Aoife", "O'Brien", "9B", 4101.0, datetime.datetime(2011, 3, 14), "F"],
        ["Sam", " Smith ", "9B", 4102, datetime.date(2011, 5, 2), None],
        [None, None, "9B", 4103, None, None],
        [],
        ["Zoë", "Müller", 9, 4104.5, None, "higher"],
    ], other="last")
    roster = rosters.read(path)
    assert [(s.line, s.first, s.last, s.group, s.id, s.tier) for s in roster.students] == [
        (3, "Aoife", "O'Brien", "9B", "4101", "F"),  # a number typed into a cell is 4101.0 inside the file
        (4, "Sam", "Smith", "9B", "4102", ""),
        (7, "Zoë", "Müller", "9", "4104.5", "higher")]
    assert [str(p) for p in roster.problems] == [
        "class.xlsx: row 5: no name in this row (the name columns are empty); row left out"]
    assert roster.columns["id"] == "Candidate number"


def test_cell_values_in_plain_text():
    assert workbook.text(4101.0) == "4101" and workbook.text(4101) == "4101" and workbook.text(0.5) == "0.5"
    assert workbook.text(datetime.datetime(2011, 3, 14)) == "2011-03-14"
    assert workbook.text(datetime.datetime(2011, 3, 14, 9, 30)) == "2011-03-14 09:30:00"
    assert workbook.text(True) == "TRUE" and workbook.text(None) == "" and workbook.text("  x ") == "x"


def test_the_first_sheet_is_the_class_list(tmp_path):
    path = save(tmp_path / "class.xlsx", [["Name"], ["Ola Nowak"]], other="first")
    assert [s.name for s in rosters.read(path).students] == ["Not a student"]  # the sheet first in the workbook


def test_header_problems_are_located_as_rows(tmp_path):
    path = save(tmp_path / "class.xlsx", [[], ["Pupil", "Vorname"], ["Ola", "x"]])
    with pytest.raises(StudypackError) as caught:
        rosters.read(path, {"first": "Nachname"})
    assert str(caught.value.problems[0]).startswith("class.xlsx: row 2: --columns first=Nachname: no column 'Nachname'")
    empty = save(tmp_path / "empty.xlsx", [])
    with pytest.raises(StudypackError) as caught:
        rosters.read(empty)
    assert str(caught.value.problems[0]) == ("empty.xlsx: row 1: the first sheet of the workbook is empty: it needs a "
                                             "header row and one row per student")


def test_a_workbook_that_would_unpack_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = save(tmp_path / "class.xlsx", [["Name"], ["Ola Nowak"]])
    monkeypatch.setattr(workbook, "UNPACKED_BYTES", 1000)
    with pytest.raises(StudypackError) as caught:
        rosters.read(path)
    assert "would unpack to" in caught.value.problems[0].message and "is it the class list?" in caught.value.problems[0].message


def test_without_openpyxl_the_extra_is_named(tmp_path, monkeypatch):
    path = save(tmp_path / "class.xlsx", [["Name"], ["Ola Nowak"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    with pytest.raises(StudypackError) as caught:
        rosters.read(path)
    assert str(caught.value.problems[0]) == (
        "class.xlsx: row 1: reading an Excel workbook needs openpyxl: pip install 'studypack[xlsx]' (from a checkout: "
        "pip install '.[xlsx]'), or save the class list as 'CSV UTF-8' in Excel")


def test_build_and_check_take_a_workbook(tmp_path):
    pack = tmp_path / "sources" / "small"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    path = save(tmp_path / "9b.xlsx", [["First name", "Surname", "Class", "Candidate number", "Layout"],
                                       ["Aoife", "O'Brien", "9B", 4101.0, None],
                                       ["Sam", "Smith", "9B", 4102.0, "no-such-layout"]])
    checked = CliRunner().invoke(main, ["check", str(pack), "--roster", str(path)])
    assert checked.exit_code == 1
    assert "9b.xlsx: row 3: layout 'no-such-layout'" in checked.output
    built = CliRunner().invoke(main, ["build", str(pack), "--roster", str(path)])
    assert built.exit_code == 1 and "9b.xlsx: row 3: layout 'no-such-layout'" in built.output
    out = tmp_path / "output" / "small" / "9b"
    assert sorted(p.name for p in out.glob("*.pdf")) == ["O'Brien-Aoife-4101.pdf", "answer-key.pdf", "class-set.pdf"]
    assert "Aoife O'Brien" in squash(PdfReader(str(out / "class-set.pdf")).pages[0].extract_text())
