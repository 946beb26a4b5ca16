"""How a table-completion question prints: rows × columns, given cells printed, blank cells
left with room to write; the key fills the blanks in."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table

from studypack.media import text
from studypack.kinds.questions.table.spec import cells, room
from studypack.views.toolkit import GRID, Shared, lead_in


def student(q, ctx) -> list:
    return [_grid(ctx, q.columns, cells(q, False), room(q), q.widths)]


def key(q, ctx) -> list:
    parts = [lead_in(p) for p in ctx.point_scheme(q.mark_scheme, q.marks)] if q.mark_scheme else []  # never without what it marks
    parts.append(_grid(ctx, q.columns, cells(q, True), room(q), q.widths))
    return parts


def _grid(ctx, columns: list[str], rows_of_cells, lines: int, widths=None):
    rows = [[ctx.heading_cell(f"<b>{text.inline(c, units=True)}</b>") for c in columns]]
    commands = [("GRID", (0, 0), (-1, -1), 0.6, GRID), ("BACKGROUND", (0, 0), (-1, 0), ctx.shade("#ececec")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    room = lines * ctx.layout.spaces.cell_line  # deep enough for the layout's handwriting
    for r, row in enumerate(rows_of_cells, start=1):
        out = []
        for c, (kind, value) in enumerate(row):
            if kind == "given":
                out.append(ctx.paras(value, "question.option"))
                if c == 0:
                    commands.append(("BACKGROUND", (0, r), (0, r), ctx.shade("#f6f6f6")))
            elif kind == "answer":
                out.append(ctx.cell_paras(value, "key.answer", spaceBefore=0))
            else:
                out.append(Spacer(1, room))
        rows.append(out)
    table = Table(rows, colWidths=[None] * len(columns), repeatRows=1)
    table.setStyle(ctx.table_style(commands))
    labels = [c for c in range(len(columns))  # a column of given words in every row: the row's labels
              if rows_of_cells and all(row[c][0] == "given" for row in rows_of_cells)]
    return Shared(table, ctx.number_width, list(widths or [1.0] * len(columns)), top=2, labels=labels)
