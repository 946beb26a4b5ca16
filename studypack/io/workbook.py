"""Excel workbooks (.xlsx) as rows of text, for the roster reader.

Every MIS exports class lists as .xlsx. The first worksheet is read as the CSV reader reads
a file: (row number, cells as text) for every row that is not blank, so the roster's header
search, columns and located problems work the same. A cell holds what Excel shows, in
plain text: a candidate number typed as a number (4101, stored as 4101.0) is "4101", a
date is 2011-03-14. openpyxl (the optional `xlsx` extra) reads the
file; it is imported only for a workbook. A workbook is a ZIP archive, so its parts are
measured before anything is unpacked: a file that would unpack to far more than any class
list (a ZIP bomb) is refused.
"""

from __future__ import annotations

import datetime
import re
import io
import warnings
import zipfile
from typing import Callable, Iterator

from studypack.base.errors import Location, Problem, StudypackError, install_aside, said
from studypack.base.extras import install

UNPACKED_BYTES = 200 * 1024 * 1024  # a class list's workbook unpacks to a few hundred kilobytes
MAX_COLUMNS = 200  # cells read from a row: a class list has a dozen columns, a sheet may claim 16,384


def is_workbook(raw: bytes) -> bool:
    """Whether the bytes are a ZIP archive (an .xlsx workbook, or an .ods / .docx by mistake)."""
    return raw.startswith(b"PK\x03\x04")


def rows(raw: bytes, where: str, at: Callable[[int], Location], limit: int) -> list[tuple[int, list[str]]]:
    """(row number, cells) of the first worksheet's non-blank rows, at most `limit` of them
    (one more than a roster may have, so the reader can say it is too long)."""
    _refuse_bomb(raw, at)
    try:
        import openpyxl
    except ImportError:
        raise StudypackError(Problem(said("term.workbook-needs", "reading an Excel workbook needs openpyxl: {install}, or save "
                                          "the class list as 'CSV UTF-8' in Excel", install=install("xlsx", install_aside())), at(1))) from None
    try:
        with warnings.catch_warnings():  # openpyxl's notes on features it skips (data validation, styles)
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                return list(_first_sheet(book, limit))
            finally:
                book.close()
    except StudypackError:
        raise
    except Exception as exc:  # a damaged archive, or a ZIP that is not a workbook: openpyxl raises many kinds
        raise StudypackError(Problem(said("term.workbook-unreadable", "cannot read this as an Excel workbook ({error}): open "
                                          "it in Excel or LibreOffice and save it again as .xlsx, or as 'CSV UTF-8'",
                                          error=exc), Location(where))) from None


def _first_sheet(book, limit: int) -> Iterator[tuple[int, list[str]]]:
    if not book.worksheets:
        return
    found = 0
    for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        cells = [text(value) for value in values[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        yield number, cells
        found += 1
        if found >= limit:
            return


def text(value) -> str:
    """A cell's value as the text a teacher sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


def _refuse_bomb(raw: bytes, at: Callable[[int], Location]) -> None:
    """Refuse an archive that would unpack to far more than a class list, before unpacking it."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise StudypackError(Problem(said("term.workbook-damaged", "this file is a damaged ZIP archive or workbook ({error}): "
                                          "save the class list again as .xlsx or as 'CSV UTF-8'", error=exc), at(1))) from None
    if unpacked > UNPACKED_BYTES:
        raise StudypackError(Problem(said("term.workbook-bomb", "this workbook would unpack to {mb} MB: is it the class list? "
                                          "Save one class (or year group) as .xlsx or CSV", mb=f"{unpacked // 1024 // 1024:,}"),
                                     at(1)))


FIXED_TIME = datetime.datetime(2000, 1, 1)  # a written workbook's dates: the same rows give the same bytes


def write(sheets: list[tuple[str, list[list[str]]]]) -> bytes | None:
    """An .xlsx workbook of these sheets (name, rows of text, a header first), or None where
    openpyxl is not installed. A cell of whole digits (a mark, a total) is written as a number
    so that the spreadsheet can add it up; the rest as text, never as a formula. The bytes hang
    on the rows alone: openpyxl's save time is taken out of the document's properties and the
    archive's entries."""
    try:
        import openpyxl
    except ImportError:
        return None
    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "studypack"
    book.properties.created = FIXED_TIME
    for name, rows in sheets:
        sheet = book.create_sheet(name[:31])
        for number, row in enumerate(rows):
            sheet.append([_cell(value, number == 0) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return _steady(buffer.getvalue())


def _cell(value: str, header: bool):
    if not header and value.isdigit() and value.isascii() and (value == "0" or not value.startswith("0")) and len(value) < 10:
        return int(value)
    return _text(value)


def _text(value: str):
    """Text that openpyxl writes as text: a leading '=' would be stored as a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value[:1] == "=" else value


def _steady(raw: bytes) -> bytes:
    """The archive again with every entry dated FIXED_TIME and the modified date set to it."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
