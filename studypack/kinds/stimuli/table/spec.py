"""A data table: "Table 1: caption", headers with their units, numbers aligned on the decimal
point, alternate rows shaded where asked, and "Source: credit." under it."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Strict, Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece, StimulusFields, credit_line

KIND = "table"
TITLED = True  # its heading says its title: "Figure 2: River Severn discharge, 2024"
NUMBER = re.compile(r"^[−+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?$")


class Column(Strict):
    """A column's header and unit ("Discharge", "m³/s"): printed "Discharge (m³/s)"."""

    header: Text
    unit: Text | None = None


class Model(StimulusFields):
    """`columns`: a header (or `{header, unit}`) per column; `rows`: the cells, a row a list."""

    NOUN: ClassVar[str] = "Table"
    NUMBERED: ClassVar[bool] = True
    kind: Literal["table"]
    title: Text
    columns: list[Column | Text] = Field(min_length=1, max_length=12)
    rows: list[list[Text]] = Field(min_length=1, max_length=200)
    shade: bool = False  # alternate rows tinted, for reading across a wide table
    credit: Text | None = None

    def headers(self) -> list[tuple[str, str | None]]:
        return [(c.header, c.unit) if isinstance(c, Column) else (c, None) for c in self.columns]


def numeric(cell: str) -> bool:
    """Whether a cell is a number (aligned on its decimal point): 12, 3.75, -0.5, 1,200, 45%."""
    return bool(cell.strip()) and any(ch.isdigit() for ch in cell) and NUMBER.match(cell.strip()) is not None


def numeric_columns(s: Model) -> list[bool]:
    """Columns whose every filled cell is a number."""
    out = []
    for k in range(len(s.columns)):
        cells = [row[k] for row in s.rows if k < len(row) and row[k].strip() not in ("", "–", "-")]
        out.append(bool(cells) and all(numeric(c) for c in cells))
    return out


_ROW_CELLS = {"one": "{name}: row {row} has {n} cells, but the table has {width} columns: give each row {width} cells "
                     "(\"\" for an empty one)",
              "other": "{name}: row {row} has {n} cells, but the table has {width} columns: give each row {width} cells "
                       "(\"\" for an empty one)"}


def check(s: Model) -> list[tuple[tuple, str]]:
    width = len(s.columns)
    return [(("rows", i), said("term.stimulus-table-row", _ROW_CELLS, len(row), name=s.name, row=i + 1, width=width))
            for i, row in enumerate(s.rows) if len(row) != width]


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    return credit_line(s.credit, say)
