"""Class lists as schools export them -> Student records, with each bad row located.

A roster comes from an MIS or from Excel: an .xlsx workbook (its first sheet, read by
`workbook`, rows said as 'class.xlsx: row 5'), or text in UTF-8 with or without a byte-order mark,
UTF-16 ("Unicode text"), or the Windows code page of an older Excel (guessed by
`charsets`, with a warning naming it); commas, semicolons or tabs;
quoted fields and CRLF line ends; headers in any case and in several words for the
same thing. A row that cannot be used is reported with its line number and left out;
the rest still build. Nothing here knows about PDFs.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from studypack.base import charsets, limits
from studypack.io import workbook
from studypack.io.columns import ALIASES, FIELDS, header_key
from studypack.base.errors import Location, Problem, StudypackError, display_path, os_reason, said

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # BCP 47's shape: cy, pt-BR, zh-Hant
MAX_NAME = 300  # characters; longer is a paste gone wrong, not a name


@dataclass(frozen=True)
class Student:
    """One row of the class list, as written (trimmed), plus where it was."""

    line: int
    name: str  # the name as printed: the full-name column, or first and last joined
    first: str = ""
    last: str = ""
    group: str = ""  # the class / form / set
    id: str = ""
    layout: str = ""
    tier: str = ""
    language: str = ""  # the name's own language (a BCP 47 tag: cy, pl, zh-Hant), for a screen reader

    @property
    def key(self) -> str:
        """What identifies this student for seeded shuffles: the id, else the name."""
        return self.id or self.name

    def variables(self, variant: str = "") -> dict:
        """The `student` mapping header, footer and cover templates see."""
        return {"name": self.name, "first": self.first, "last": self.last, "class": self.group,
                "id": self.id, "variant": variant, "language": self.language}


@dataclass(frozen=True)
class Row(Location):
    """A row of a spreadsheet, said as a spreadsheet numbers it: 'class.xlsx: row 5'."""

    def __str__(self) -> str:
        return f"{self.file}: row {self.line}" if self.line else self.file


@dataclass
class Roster:
    path: Path
    name: str  # the folder name the copies go into
    students: list[Student] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows left out
    warnings: list[Problem] = field(default_factory=list)  # a guessed encoding, names that look mis-decoded
    columns: dict[str, str] = field(default_factory=dict)  # field -> header used
    spreadsheet: bool = False  # read from an .xlsx workbook: places are its rows, not a text file's lines
    _where: tuple = field(default=(), repr=False, compare=False)  # (path, how it is said): said once, not per row

    def at(self, line: int | None) -> Location:
        """Where a row is, as the teacher finds it: 'class.csv:5' or 'class.xlsx: row 5'."""
        if not self._where or self._where[0] is not self.path:
            self._where = (self.path, display_path(self.path))  # resolving the path costs more than the row
        where = self._where[1]
        return Row(where, line) if self.spreadsheet else Location(where, line)


def read(path: Path, columns: dict[str, str] | None = None) -> Roster:
    """Read a class list (CSV text, or the first sheet of an .xlsx workbook). A file that
    cannot be read at all raises; bad rows are collected."""
    path = Path(path)
    where = display_path(path)
    raw = _read_bytes(path, where)
    roster = Roster(path, folder_name(path.stem), spreadsheet=workbook.is_workbook(raw))
    if roster.spreadsheet:
        rows = workbook.rows(raw, where, roster.at, limits.ROSTER_STUDENTS + 2)
        if not rows:
            raise StudypackError(Problem(said("term.roster-sheet-empty", "the first sheet of the workbook is empty: it needs "
                                              "a header row and one row per student"), roster.at(1)))
    else:
        decoded = charsets.decode(raw)
        if decoded.guessed:
            roster.warnings.append(Problem(said(
                "term.roster-guessed", "read as {encoding}, guessed — save it as UTF-8 to be sure (Excel: Save As, 'CSV UTF-8'); "
                "a name that looks wrong means the guess was wrong{doubt}", encoding=decoded.label, doubt=decoded.doubt),
                Location(where)))
        rows = _rows(decoded.text, where)
    return _students(roster, rows, columns or {})


def _students(roster: Roster, rows: list[tuple[int, list[str]]], columns: dict[str, str]) -> Roster:
    """The header (the first row) mapped to fields, and a student (or a located problem) per row."""
    header_line, header = rows[0]
    mapping = _columns(header, columns, roster.at(header_line))
    roster.columns = {f: header[i] for f, i in mapping.items()}
    if len(rows) - 1 > limits.ROSTER_STUDENTS:
        raise StudypackError(Problem(said(*(ROWS_MORE if roster.spreadsheet else ROWS), rows=f"{len(rows) - 1:,}",
                                          most=f"{limits.ROSTER_STUDENTS:,}"),
                                     roster.at(rows[limits.ROSTER_STUDENTS + 1][0])))
    odd = _Odd()
    for line, cells in rows[1:]:
        at = roster.at(line)
        student = _student(line, cells, len(header), mapping, at, roster.problems)
        if student is not None:
            roster.students.append(student)
            odd.note("name", student.name, at)
            odd.note("class", student.group, at)
    roster.warnings += odd.warnings()
    if not roster.students and not roster.problems:
        raise StudypackError(Problem(said("term.roster-no-students", "the roster has a header but no students"),
                                     roster.at(header_line)))
    return roster


def _read_bytes(path: Path, where: str) -> bytes:
    """The file's bytes, refused when it is not a class list's size, or neither text nor a workbook."""
    try:
        with open(path, "rb") as handle:  # bounded: a wrong file (or /dev/zero) is not read to the end
            raw = handle.read(limits.ROSTER_BYTES + 1)
    except FileNotFoundError:
        raise StudypackError(said("term.roster-not-found", "roster not found: {path}", path=where)) from None
    except OSError as exc:
        raise StudypackError(said("term.roster-unreadable", "cannot read the roster {path}: {reason}", path=where,
                                  reason=os_reason(exc))) from None
    if not workbook.is_workbook(raw):
        _refuse_binary(raw, where)
    if len(raw) > limits.ROSTER_BYTES:
        raise StudypackError(Problem(said("term.roster-large", "the roster is larger than {most} MB: is this the class list? "
                                          "Save one class (or year group) as CSV", most=limits.ROSTER_BYTES // 1024 // 1024),
                                     Location(where, 1)))
    return raw


def _rows(text: str, where: str) -> list[tuple[int, list[str]]]:
    """The header and the rows under it, refused when there are none or a quote never closes."""
    try:
        rows = list(_records(text))
    except _CellTooLong as exc:
        line = _unclosed_quote(text) or exc.line
        raise StudypackError(Problem(said(
            "term.roster-cell-long", "a cell on this line is longer than {most} characters, so this is not a class list: "
            "close any quote left open, or save the class list from your MIS or Excel as CSV",
            most=f"{csv.field_size_limit():,}"),
            Location(where, line))) from None
    if not rows:
        raise StudypackError(Problem(said("term.roster-empty", "the roster is empty: it needs a header row and one row per "
                                          "student"),
                                     Location(where, 1)))
    unclosed = _unclosed_quote(text)
    if unclosed:
        raise StudypackError(Problem(said(
            "term.roster-quote", "a double quote opened on this line is never closed, so every row after it would merge "
            "into one student: close the quote (\"O'Brien, Aoife\") or remove it"), Location(where, unclosed)))
    return rows


def _student(line: int, cells: list[str], width: int, mapping: dict[str, int], at: Location,
             problems: list[Problem]) -> Student | None:
    """The student of one row, or None with the reason added to `problems` (the row is left out)."""
    extra = [c for c in cells[width:] if c]
    if extra:
        problems.append(Problem(said(
            "term.row-values", "this row has {values} values but the header has {columns} columns (is there a comma or "
            "semicolon inside a name? put that value in double quotes); row left out", values=len(cells), columns=width), at))
        return None
    values = {f: _clean(cells[i]) if i < len(cells) else "" for f, i in mapping.items()}
    first, last, full = values.get("first", ""), values.get("last", ""), values.get("name", "")
    name = full or " ".join(part for part in (first, last) if part)
    if not name:
        problems.append(Problem(said("term.row-no-name", "no name in this row (the name columns are empty); row left out"), at))
        return None
    if len(name) > MAX_NAME:
        problems.append(Problem(said("term.row-long-name", "the name is {length} characters long (at most {most}); row left out",
                                     length=len(name), most=MAX_NAME), at))
        return None
    language = values.get("language", "")
    if language and not LANGUAGE_TAG.fullmatch(language):
        problems.append(Problem(said("term.row-language", "language '{language}' is not a language tag: write the name's "
                                     "language as a code like cy, pl, ar or zh-Hant (or leave the cell empty); row left out",
                                     language=language), at))
        return None
    return Student(line, name, first, last, values.get("class", ""), values.get("id", ""),
                   values.get("layout", ""), values.get("tier", ""), language)


ROWS = ("term.roster-rows", "the roster has {rows} rows (at most {most} students in one build): split it into classes or "
        "year groups")
ROWS_MORE = ("term.roster-rows-more", "the roster has {rows} rows or more (at most {most} students in one build): split it "
             "into classes or year groups")
_ODD = {"name": ("term.roster-odd-name", "the name {value} looks mis-decoded{also}: {why}"),
        "class": ("term.roster-odd-class", "the class {value} looks mis-decoded{also}: {why}")}


class _Odd:
    """Names and classes that look mis-decoded, each value once: a class shared by 300 rows is one warning."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list] = {}  # (field, value) -> [why, first place, rows]

    def note(self, what: str, value: str, at: Location) -> None:
        if (what, value) in self.found:
            self.found[(what, value)][2] += 1
            return
        why = charsets.misdecoded(value)
        if why:
            self.found[(what, value)] = [why, at, 1]

    def warnings(self) -> list[Problem]:
        out = []
        for (what, value), (why, at, count) in self.found.items():
            also = said("term.roster-first-of", {"one": " (the first of {n} row that holds it)",
                                                "other": " (the first of {n} rows that hold it)"}, count) if count > 1 else ""
            key, english = _ODD[what]
            out.append(Problem(said(key, english, value=repr(value), also=also, why=why), at))
        return out


def _refuse_binary(raw: bytes, where: str) -> None:
    """An old Excel workbook or other binary file: say what it is, not 'no name column'."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise StudypackError(Problem(said(
            "term.roster-xls", "this is an Excel 97-2003 workbook (.xls) or a password-protected one, which studypack cannot "
            "read: in Excel use Save As and choose 'Excel Workbook (.xlsx)' or 'CSV UTF-8 (comma delimited)'"),
            Location(where, 1)))
    if not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in raw[:4096]:
        raise StudypackError(Problem(said("term.roster-binary", "this is not a text file (it contains NUL bytes): save the "
                                          "class list as CSV"),
                                     Location(where, 1)))


def delimiter(line: str) -> str:
    """Comma, semicolon or tab: whichever the header row has most of, outside quotes."""
    counts = {d: 0 for d in (",", ";", "\t")}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts.values())
    if best == 0:
        return ","
    return next(d for d in ("\t", ";", ",") if counts[d] == best)


def _records(text: str):
    """(line number, cells) for every non-blank record; quoted fields may span lines."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first), quotechar='"',
                        skipinitialspace=False, strict=False)
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            cells = [c.strip() for c in cells]
            if any(cells):
                yield line, cells
    except csv.Error:  # with strict=False the one error left is a field over the csv module's limit
        raise _CellTooLong(start) from None


class _CellTooLong(Exception):
    """A cell longer than the csv module reads, starting on `line`."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def _unclosed_quote(text: str) -> int:
    """The line where a quoted field starts that the file never closes (0 if none). Other
    quoting quirks are read leniently, as Excel would."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first), quotechar='"', strict=True)
    start = 1
    try:
        for _cells in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        return start if "end of data" in str(exc) else 0
    return 0


def _columns(header: list[str], given: dict[str, str], at: Location) -> dict[str, int]:
    """field -> column index, from --columns first and then the aliases."""
    normal = [header_key(h) for h in header]
    mapping: dict[str, int] = {}
    problems = []
    for name, wanted in given.items():
        if wanted in header:
            mapping[name] = header.index(wanted)
        elif header_key(wanted) in normal:
            mapping[name] = normal.index(header_key(wanted))
        else:
            problems.append(Problem(said("term.roster-no-column", "--columns {name}={wanted}: no column '{wanted}' in the "
                                         "header ({header})", name=name, wanted=wanted,
                                         header=", ".join(repr(h) for h in header)), at))
    if problems:
        raise StudypackError(problems)
    taken = set(mapping.values())
    for name, spellings in ALIASES.items():
        if name in mapping:
            continue
        for i, value in enumerate(normal):
            if i not in taken and value in spellings:
                mapping[name] = i
                taken.add(i)
                break
    if not {"first", "last", "name"} & set(mapping):
        raise StudypackError(Problem(said(
            "term.roster-no-name-column", "no name column in the header ({header}): call a column 'First name' and 'Surname', "
            "or 'Name', or map yours with --columns first=HEADER,last=HEADER", header=", ".join(repr(h) for h in header)), at))
    return mapping


def parse_columns(option: str | None) -> dict[str, str]:
    """`first=Vorname,last=Nachname` -> {'first': 'Vorname', 'last': 'Nachname'}."""
    if not option:
        return {}
    out: dict[str, str] = {}
    for part in option.split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = name.strip().lower()
        name = {"forename": "first", "surname": "last", "form": "class", "candidate": "id"}.get(name, name)
        if not sep or not header.strip():
            raise StudypackError(said("term.columns-form", "--columns: '{part}' should look like first=Vorname",
                                      part=part.strip()))
        if name not in FIELDS:
            raise StudypackError(said("term.columns-unknown", "--columns: unknown field '{name}'; the fields are {fields}",
                                      name=name, fields=", ".join(FIELDS)))
        out[name] = header.strip()
    return out


def _clean(value: str) -> str:
    """Trim and join a value's lines and runs of spaces; drop control characters."""
    value = " ".join(_CONTROL.sub("", value).split())
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc) but tab and line ends


# ---------------------------------------------------------------- file names

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"-{2,}")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def invisible(value: str) -> str:
    """The invisible formatting characters in `value` (bidi overrides, zero-width joiners and
    spaces), named: in a file name they reorder or hide what the teacher sees."""
    if value.isascii():  # ASCII has none
        return ""
    found = sorted({ch for ch in value if unicodedata.category(ch) == "Cf"})
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for ch in found[:4])


def safe_part(value: str, limit: int = 60) -> str:
    """A readable piece of a file name from any text: letters of any script kept, path
    separators and characters Windows refuses turned into '-', invisible formatting
    characters (bidi overrides, zero-width) left out, at most `limit` characters."""
    value = unicodedata.normalize("NFC", value)
    if not value.isascii():  # ASCII has no formatting characters (a class of ten thousand: two names each)
        value = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    value = _UNSAFE.sub("-", value)
    value = _SPACES.sub("-", value.strip())
    value = _DASHES.sub("-", value).strip("-. ")
    if len(value) > limit:
        value = value[:limit].rstrip("-. ")
    value = _encodable(value)
    while len(value.encode("utf-8")) > 3 * limit:  # stay far below the 255-byte limit of most disks
        value = value[:-1]
    return value


def _encodable(value: str) -> str:
    """Letters the system cannot put in a file name (an ASCII-only locale) lose their accents,
    or become '-', so a build never stops half-way on a name."""
    encoding = sys.getfilesystemencoding()
    try:
        value.encode(encoding)
        return value
    except UnicodeEncodeError:
        pass
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))
    kept = "".join(ch if _fits(ch, encoding) else "-" for ch in folded)
    return unicodedata.normalize("NFC", re.sub(r"-{2,}", "-", kept).strip("-. "))


def _fits(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def folder_name(stem: str) -> str:
    """The class folder's name: never one a document could have (a roster 'pack.pdf.csv'
    must not make a folder where pack.pdf goes) nor one Windows reserves."""
    if re.search("[\udc80-\udcff]", stem):  # a file name's bytes the locale could not decode
        stem = os.fsencode(stem).decode("utf-8", "replace")
    value = safe_part(stem) or "roster"
    if value.lower() in _WINDOWS_RESERVED or value.lower().endswith(".pdf"):
        return f"{value}-roster"
    return value


def file_stems(students: list[Student], stems: list[tuple[str, int | None]] | None = None) -> list[str]:
    """One unique, readable stem per student that does not depend on the row's position:
    surname, first name and the id column's value ('OBrien-Aoife-4101'), or without an id
    the name alone ('Smith-Sam'), so leaving a row out or sorting the roster renames no
    one else's copy. Stems that would be the same (two students of one name and no id, or
    names alike once shortened) get '-2', '-3' in roster order; compared as a Windows or
    macOS disk compares names (case and accents' encoding ignored). `stems`: `stems(students)`,
    worked out before (a class of ten thousand: a tenth of a second each time)."""
    return [stem for stem, _first in (stems if stems is not None else _stems(students))]


def namesakes(students: list[Student], stems: list[tuple[str, int | None]] | None = None
              ) -> list[tuple[Student, Student, str]]:
    """(student, the earlier student whose stem theirs clashed with, the stem given): only
    their order in the roster tells these copies apart, so their file names can swap.
    `stems`: `stems(students)`, worked out before."""
    stems = stems if stems is not None else _stems(students)
    return [(student, students[first], stem) for student, (stem, first) in zip(students, stems) if first is not None]


def stems(students: list[Student]) -> list[tuple[str, int | None]]:
    """Each student's file stem and, where it clashed with an earlier student's, that
    student's index (see `file_stems`, `namesakes`): worked out once for both."""
    return _stems(students)


def _stems(students: list[Student]) -> list[tuple[str, int | None]]:
    bases, folds = [], []  # each stem, and as a disk compares it (worked out once)
    for student in students:
        parts = [student.last, student.first] if (student.last or student.first) else [student.name]
        label = safe_part("-".join(p for p in parts if p)) or "student"
        ident = safe_part(student.id, 40)
        base = f"{label}-{ident}" if ident else label
        folded = _fold(base)
        if folded.split(".")[0] in _WINDOWS_RESERVED or folded in _DOCUMENT_STEMS:
            base = f"{base}-student"  # a student called Con, or Class Set: never a device nor the class's own PDF
            folded = _fold(base)
        bases.append(base)
        folds.append(folded)
    taken = set(folds)
    given: dict[str, int] = {}  # folded stem -> index of the student who has it
    out: list[tuple[str, int | None]] = []
    for index, (base, folded) in enumerate(zip(bases, folds)):
        if folded not in given:
            given[folded] = index
            out.append((base, None))
            continue
        number = 2
        while _fold(f"{base}-{number}") in taken or _fold(f"{base}-{number}") in given:
            number += 1
        stem = f"{base}-{number}"
        given[_fold(stem)] = index
        out.append((stem, given[folded]))
    return out


_DOCUMENT_STEMS = {"class-set", "answer-key"}  # the class folder's own PDFs


def _fold(stem: str) -> str:
    return unicodedata.normalize("NFC", stem).casefold()
