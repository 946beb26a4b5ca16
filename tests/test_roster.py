"""Rosters as schools export them: encodings, delimiters, header aliases, bad rows, file names."""

from __future__ import annotations

import codecs

import pytest

from studypack.io import columns, roster
from studypack.base.errors import StudypackError

NAMES = "First name,Surname,Class,Candidate number\nAoife,O'Brien,9B,4101\nНиколай,Бухарин,9B,4102\n"


def write(tmp_path, data: bytes, name="class.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    lambda s: s.encode("utf-16"),
], ids=["utf-8", "utf-8-bom", "utf-16"])
def test_encodings(tmp_path, encode):
    result = roster.read(write(tmp_path, encode(NAMES)))
    assert [s.name for s in result.students] == ["Aoife O'Brien", "Николай Бухарин"]
    assert result.columns["first"] == "First name"  # no BOM left on the first header


def test_cp1252_falls_back(tmp_path):
    data = "Forename;Surname\nZoë;Ångström\nRené;Müller\n".encode("cp1252")
    result = roster.read(write(tmp_path, data))
    assert [s.name for s in result.students] == ["Zoë Ångström", "René Müller"]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_delimiters_quotes_crlf_blank_rows(tmp_path, sep):
    lines = [f"Given name{sep}Family name{sep}Tutor group",
             f'Jean-Luc{sep}"de la Tour{sep} Jr."{sep}9C',
             f"{sep}{sep}",
             "",
             f"  Sam  {sep} Smith {sep} 9C "]
    result = roster.read(write(tmp_path, "\r\n".join(lines).encode()))
    assert [(s.first, s.last, s.group) for s in result.students] == [
        ("Jean-Luc", " ".join(f"de la Tour{sep} Jr.".split()), "9C"), ("Sam", "Smith", "9C")]
    assert [s.line for s in result.students] == [2, 5]


@pytest.mark.parametrize("header,field", [
    ("FORENAME", "first"), ("Forename(s)", "first"), ("given_name", "first"), ("Legal Surname", "last"),
    ("last-name", "last"), ("Full Name", "name"), ("Reg Group", "class"), ("Tutor group", "class"),
    ("Set", "class"), ("UPN", "id"), ("Candidate No.", "id"), ("Student Number", "id"), ("form", "class"),
])
def test_header_aliases(tmp_path, header, field):
    name_col = "" if field in ("first", "last", "name") else "Name,"
    data = f"{name_col}{header}\n{'Ann,' if name_col else ''}X1\n".encode()
    result = roster.read(write(tmp_path, data))
    assert result.columns[field] == header


def test_full_name_column(tmp_path):
    result = roster.read(write(tmp_path, b"Name,Form\nO'Brien & <Sons>,9B\n"))
    assert result.students[0].name == "O'Brien & <Sons>"


def test_columns_option_maps_other_headers(tmp_path):
    data = "Vorname;Nachname;Klasse;Nummer\nJürgen;Groß;9a;17\n".encode()
    columns = roster.parse_columns("first=Vorname,last=Nachname,class=Klasse,id=Nummer")
    student = roster.read(write(tmp_path, data), columns).students[0]
    assert (student.first, student.last, student.group, student.id) == ("Jürgen", "Groß", "9a", "17")


def test_columns_option_errors(tmp_path):
    with pytest.raises(StudypackError) as exc:
        roster.parse_columns("colour=Farbe")
    assert str(exc.value) == "--columns: unknown field 'colour'; the fields are first, last, name, class, id, layout, tier, language"
    with pytest.raises(StudypackError) as exc:
        roster.read(write(tmp_path, b"A,B\n1,2\n"), {"first": "Vorname"})
    assert str(exc.value).endswith("class.csv:1: --columns first=Vorname: no column 'Vorname' in the header ('A', 'B')")


def test_no_name_column_is_one_located_error(tmp_path):
    with pytest.raises(StudypackError) as exc:
        roster.read(write(tmp_path, b"\n\nColour,Size\nred,4\n"))
    assert "class.csv:3: no name column in the header ('Colour', 'Size')" in str(exc.value)


def test_bad_rows_are_located_and_the_rest_kept(tmp_path):
    data = b"First name,Surname,Class\nAnn,Lee,9B\n,,9B\nBob,Ray,9B,extra\nCy,Dee,9B\n"
    result = roster.read(write(tmp_path, data))
    assert [s.name for s in result.students] == ["Ann Lee", "Cy Dee"]
    assert [(p.location.line, p.message.split(";")[0]) for p in result.problems] == [
        (3, "no name in this row (the name columns are empty)"),
        (4, "this row has 4 values but the header has 3 columns (is there a comma or semicolon inside a name? put that value in double quotes)"),
    ]


def test_namesakes_stay_two_students(tmp_path):
    result = roster.read(write(tmp_path, b"Name\nSam Smith\nSam Smith\n"))
    assert len(result.students) == 2
    stems = roster.file_stems(result.students)
    assert stems == ["Sam-Smith", "Sam-Smith-2"]


def test_safe_unique_file_names():
    hostile = ["O'Brien & <Sons>", "../../etc/passwd", "a\\b/c:d*e?f\"g|h", "Николай Бухарин", "CON",
               "Nguyễn Thị Minh Khai", "Ω" * 100, "...", "Ζωή Παπαδοπούλου"]
    students = [roster.Student(i, name) for i, name in enumerate(hostile)]
    stems = roster.file_stems(students)
    assert len(set(s.lower() for s in stems)) == len(stems)
    for stem in stems:
        assert "/" not in stem and "\\" not in stem and not any(c in stem for c in '<>:"|?*')
        assert not stem.startswith(".") and len(stem.encode()) < 200
    assert stems[0] == "O'Brien-&-Sons"
    assert stems[3] == "Николай-Бухарин"
    assert stems[4] == "CON-student"  # not the console device Windows reserves
    assert stems[5] == "Nguyễn-Thị-Minh-Khai"
    assert stems[7] == "student"


def test_label_fields():
    assert [columns.field_for_label(x) for x in ("Name", "Class", "Candidate number", "Forename(s)", "Surname", "Date")] \
        == ["name", "class", "id", "first", "last", None]


def test_a_roster_is_read_with_a_bound(tmp_path, monkeypatch):
    from studypack.base import limits

    monkeypatch.setattr(limits, "ROSTER_BYTES", 1024 * 1024)
    big = tmp_path / "class.csv"
    big.write_text("Name\n" + "A pupil\n" * 200_000)
    with pytest.raises(StudypackError, match=r"class.csv:1: the roster is larger than 1 MB: is this the class list"):
        roster.read(big)


def test_invisible_formatting_characters_stay_out_of_file_names():
    sneaky = roster.Student(2, "Ada\u202egnp.exe", "Ada\u202egnp.exe", "Love\u200blace")
    assert roster.file_stems([sneaky]) == ["Lovelace-Adagnp.exe"]
    assert roster.invisible(sneaky.first) == "U+202E RIGHT-TO-LEFT OVERRIDE"


def test_names_that_need_shaping_or_hide_characters_are_warned_about(tmp_path):
    from studypack.app import batch
    from studypack.media import fonts
    from test_robust import small_pack, write_pack

    pack = write_pack(tmp_path / "trials", small_pack())
    path = tmp_path / "class.csv"
    path.write_text("Name\nمحمد علي\nAda\u202eLovelace\nSam Smith\n", encoding="utf-8")
    _students, problems, warnings = batch.check(pack, path)
    shown = [str(w) for w in warnings]
    assert problems == []
    if not fonts.rtl_support():
        assert any(w.startswith(f"{path}:2: right-to-left text (Arabic or Hebrew) would print") and
                   "pip install 'studypack[rtl]'" in w for w in shown), shown
    assert f"{path}:3: the name holds invisible formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE): they are " \
           "left out of its file name; retype the name if they were not meant" in shown
    assert not any(":4:" in w for w in shown)


def stems_of(rows):
    return roster.file_stems([roster.Student(i, f"{f} {l}", f, l, "9B", ident) for i, (f, l, ident) in enumerate(rows, 2)])


def test_file_names_come_from_the_id_and_name_never_the_row():
    rows = [("Aoife", "O'Brien", "4101"), ("Sam", "Smith", "4106"), ("Sam", "Smith", "4107"), ("Ola", "Nowak", "4111")]
    stems = stems_of(rows)
    assert stems == ["O'Brien-Aoife-4101", "Smith-Sam-4106", "Smith-Sam-4107", "Nowak-Ola-4111"]
    for left_out in range(len(rows)):  # any row left out, or the roster sorted otherwise: nobody else is renamed
        kept = rows[:left_out] + rows[left_out + 1:]
        assert stems_of(kept) == stems[:left_out] + stems[left_out + 1:]
        assert stems_of(kept[::-1]) == (stems[:left_out] + stems[left_out + 1:])[::-1]


def test_without_an_id_namesakes_are_numbered_in_roster_order_and_others_keep_their_names():
    rows = [("Sam", "Smith", ""), ("Ann", "Lee", ""), ("Sam", "Smith", ""), ("SAM", "SMITH", ""), ("Sam", "Smith", "2")]
    assert stems_of(rows) == ["Smith-Sam", "Lee-Ann", "Smith-Sam-3", "SMITH-SAM-4", "Smith-Sam-2"]
    assert stems_of(rows[1:2]) == ["Lee-Ann"]  # told apart on a disk that ignores case (Windows, macOS)
    students = [roster.Student(i, f"{f} {l}", f, l, "9B", ident) for i, (f, l, ident) in enumerate(rows, 2)]
    assert [(s.line, e.line, stem) for s, e, stem in roster.namesakes(students)] == [(4, 2, "Smith-Sam-3"),
                                                                                       (5, 2, "SMITH-SAM-4")]


def test_a_name_never_makes_the_class_folders_own_pdf_names():
    students = [roster.Student(2, "Class Set"), roster.Student(3, "answer key"), roster.Student(4, "Nul")]
    assert roster.file_stems(students) == ["Class-Set-student", "answer-key-student", "Nul-student"]


def test_a_language_column_gives_each_names_language_and_a_wrong_one_is_located(tmp_path):
    data = "Name,Class,Home language\nSiân Llywelyn,9B,cy\nSam Smith,9B,\nLi Wei,9B,zh-Hant\nAnn Lee,9B,Welsh please\n"
    result = roster.read(write(tmp_path, data.encode("utf-8")))
    assert [(s.name, s.language) for s in result.students] == [("Siân Llywelyn", "cy"), ("Sam Smith", ""),
                                                                ("Li Wei", "zh-Hant")]
    assert [(p.location.line, p.message) for p in result.problems] == [
        (5, "language 'Welsh please' is not a language tag: write the name's language as a code like cy, pl, ar or "
            "zh-Hant (or leave the cell empty); row left out")]
    assert result.students[0].variables()["language"] == "cy"
