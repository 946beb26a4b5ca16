"""Table completion: rows × columns with some cells left blank for the student, such as
an OPVL grid (Origin, Purpose, Value, Limitation) for a source. A blank cell is written
`{answer: ...}`; the key prints the answer in it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from studypack.base.errors import said
from studypack.spec.fields import Lines, PointScheme, QuestionBase, Strict, Text, _number_as_text, check_points

KIND = "table"


class Blank(Strict):
    """A cell: text printed on the sheet (`given`, written as plain text in YAML) or a
    blank the student fills in (`{answer: ...}`), never both."""

    given: Annotated[str, BeforeValidator(_number_as_text)] | None = None  # may be "": an empty cell
    answer: Text | None = None


def _cell(value: Any) -> Any:
    return value if isinstance(value, dict) else {"given": value}


Cell = Annotated[Blank, BeforeValidator(_cell, json_schema_input_type=str | int | float | Blank)]


class Model(QuestionBase):
    kind: Literal["table"]
    columns: list[str] = Field(min_length=1, max_length=8)  # a heading may be "" (above row labels)
    rows: list[list[Cell]] = Field(min_length=1, max_length=30)
    lines: Lines | None = None  # writing room in each blank cell, in lines (see `room`)
    widths: list[float] | None = None  # relative column widths, e.g. [1, 3]
    mark_scheme: PointScheme | None = None


_ROW_CELLS = {"one": "row {row} has {n} cells but there are {columns} columns",
              "other": "row {row} has {n} cells but there are {columns} columns"}


def check(q: Model) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    for i, row in enumerate(q.rows):
        if len(row) != len(q.columns):
            problems.append((("rows", i), said("term.kind-table-row-cells", _ROW_CELLS, len(row), row=i + 1, columns=len(q.columns))))
    for i, row in enumerate(q.rows):
        for j, cell in enumerate(row):
            if (cell.given is None) == (cell.answer is None):
                problems.append((("rows", i, j), said("term.kind-table-cell", "row {row}, cell {cell}: write the cell as text, or as "
                                                          "a blank {{answer: ...}}", row=i + 1, cell=j + 1)))
    if not any(cell.answer is not None for row in q.rows for cell in row):
        problems.append((("rows",), said("term.kind-table-no-blank", "no cell is left blank for the student: write a blank "
                                            "cell as {answer: ...}")))
    if q.widths is not None and (len(q.widths) != len(q.columns) or any(w <= 0 for w in q.widths)):
        problems.append((("widths",), said("term.kind-table-widths", "widths needs {columns} positive numbers, one per column",
                                              columns=len(q.columns))))
    return problems + check_points(q.mark_scheme, q.marks)


MOST_LINES = 3  # the most lines a blank cell gets from its marks alone (a pack writes `lines:` for more)


def room(q: Model) -> int:
    """The lines of writing each blank cell gets: the pack's `lines:`, else a line for each mark a
    cell is worth (the mark scheme's `each`, else the question's marks shared among its blanks),
    one at least and `MOST_LINES` at most: a cell for one number is one line deep, not three."""
    if q.lines is not None:
        return q.lines
    blanks = sum(cell.answer is not None for row in q.rows for cell in row) or 1
    each = q.mark_scheme.each if q.mark_scheme else -(-q.marks // blanks)
    return max(1, min(MOST_LINES, each))


def cells(q: Model, show: bool) -> list[list[tuple[str, str | None]]]:
    """Each cell as (kind, text): ("given", text), ("blank", None) or ("answer", text)."""
    out = []
    for row in q.rows:
        out.append([("given", c.given) if c.given is not None else ("answer", c.answer) if show else ("blank", None)
                    for c in row])
    return out
