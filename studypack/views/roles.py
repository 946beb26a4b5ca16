"""What each flowable is in a tagged PDF's structure tree (see `pdf.tagging`).

A paragraph is what its style says (the layout's `tagging.roles`: `title` a first-level
heading, `section.heading` a second …, any other style a paragraph); a table with header
rows (`repeatRows`, or a view's `header_rows`) is a data table, its header cells `TH` with
column scope; a picture is a `Figure` with its alt text; a flowable may say what it is
itself with a `structure` attribute (a role, `Artifact` for drawing a reader skips, or `INSIDE`), and
its alt text with `alt`. A table without header rows only lays its cells out: their paragraphs are read
in order, its rules and tints are drawing."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from reportlab.platypus import Image, Paragraph, Table

from studypack.media.maths import inline as maths

ARTIFACT = "Artifact"
INSIDE = ""
"""A flowable's `structure` where it is content of the element it is drawn in (a labelled
picture's image and labels, inside the one figure they make)."""


def role_of(flowable, roles: dict[str, str]) -> tuple[str | None, dict]:
    """The flowable's role (None: no element of its own) and the element's attributes."""
    role = getattr(flowable, "structure", None)
    alt = getattr(flowable, "alt", None)
    if role == INSIDE:
        return None, {}
    if role is not None:
        return role, ({"Alt": alt} if alt else {})
    if isinstance(flowable, Paragraph):
        said = {"ActualText": maths.spoken_text(flowable.text)} if flowable.__dict__.get("_studypack_maths") else {}
        return roles.get(flowable.style.name.rstrip("+"), "P"), said
    if isinstance(flowable, Image):
        return "Figure", {"Alt": alt or ""}
    if isinstance(flowable, Table) and header_rows(flowable):
        return "Table", {}
    return None, {}


@contextmanager
def artifact(canvas) -> Iterator[None]:
    """Draw what a reader skips (a source's line numbers, a carried "continued" line) where
    the canvas tags its document; elsewhere, draw as always."""
    tagger = getattr(canvas, "tagger", None)
    if tagger is None:
        yield
        return
    with tagger.element(ARTIFACT):
        yield


def header_rows(table) -> int:
    """How many rows head the table's columns: a view's `header_rows`, else those repeated
    on each page it runs onto."""
    if getattr(table, "header_rows", None) is not None:
        return table.header_rows
    rows = getattr(table, "repeatRows", 0) or 0
    return rows if isinstance(rows, int) else len(rows)


def cells_of(table, role: str | None, within):
    """The table's callback tagging its rows and cells where it is a data table (`TR`, `TH`,
    `TD`), or the rows of a list (`within`, the element it is drawn in, has `columns`: each
    column's role in a list item, as `Options` gives them); None where it only lays out."""
    if role == "Table":
        return TableCells(within, header_rows(table))
    columns = getattr(within.current, "columns", ())
    if role is None and columns:
        return TableCells(within, 0, "LI", columns)
    return None


class TableCells:
    """ReportLab's table callback (`renderCB`): an element for each row (`TR`, or a list's
    `LI`) and for each cell (`TH` in the header rows, with column scope, else `TD`; or the
    column's role in a list item) as the table draws them."""

    def __init__(self, tagger, headers: int, row: str = "TR", columns: tuple = ()):
        self.tagger, self.headers, self.row, self.columns = tagger, headers, row, columns
        self.cells: list[str | None] = []

    def __call__(self, _table, event: str, *args) -> None:
        if event == "startRow":
            self.tagger.push(self.row)
        elif event == "endRow":
            self.tagger.pop(self.row)
        elif event == "startCell":
            row, column = args[0], args[1]
            if self.columns:
                role = self.columns[column] if column < len(self.columns) else None
                self.tagger.push(role)
            else:
                role = "TH" if row < self.headers else "TD"
                self.tagger.push(role, Scope="Column" if role == "TH" else None)
            self.cells.append(role)
        elif event == "endCell":
            self.tagger.pop(self.cells.pop())
