"""What each flowable is in a tagged PDF's structure tree (see `pdf.tagging`).

A paragraph is what its style says (the layout's `tagging.roles`: `title` a first-level
heading, `section.heading` a second …, any other style a paragraph); a table with header
rows (`repeatRows`) is a data table, its header cells `TH` with column scope; a picture is a
`Figure` with its alt text; a flowable may say what it is itself with a `tag` attribute (a
role, or `Artifact` for answer lines and other drawing a reader skips), and its alt text
with `alt`. A table without header rows only lays its cells out: their paragraphs are read
in order, its rules and tints are drawing."""

from __future__ import annotations

from reportlab.platypus import Image, Paragraph, Table


def role_of(flowable, roles: dict[str, str]) -> tuple[str | None, dict]:
    """The flowable's role (None: no element of its own) and the element's attributes."""
    tag = getattr(flowable, "tag", None)
    alt = getattr(flowable, "alt", None)
    if tag is not None:
        return tag, ({"Alt": alt} if alt else {})
    if isinstance(flowable, Paragraph):
        return roles.get(flowable.style.name.rstrip("+"), "P"), {}
    if isinstance(flowable, Image):
        return "Figure", {"Alt": alt or ""}
    if isinstance(flowable, Table) and header_rows(flowable):
        return "Table", {}
    return None, {}


def header_rows(table) -> int:
    """How many rows head the table's columns (those repeated on each page it runs onto)."""
    rows = getattr(table, "repeatRows", 0) or 0
    return rows if isinstance(rows, int) else len(rows)


class TableCells:
    """ReportLab's table callback (`renderCB`) opening a row element for each row and a
    header or data cell for each cell as the table draws them."""

    def __init__(self, tagger, headers: int):
        self.tagger, self.headers = tagger, headers
        self.cell: str | None = None

    def __call__(self, _table, event: str, *args) -> None:
        if event == "startRow":
            self.tagger.push("TR")
        elif event == "endRow":
            self.tagger.pop("TR")
        elif event == "startCell":
            self.cell = "TH" if args[0] < self.headers else "TD"
            self.tagger.push(self.cell, Scope="Column" if self.cell == "TH" else None)
        elif event == "endCell":
            self.tagger.pop(self.cell)
