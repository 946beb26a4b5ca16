"""How a data table prints: "Table 1: its caption", headers with their units, each column of
numbers aligned on the decimal point (centred as a block in its column), alternate rows shaded
where asked, "Source: credit." under it."""

from __future__ import annotations

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from studypack.kinds.stimuli.table.spec import numeric_columns
from studypack.media import text
from studypack.views.stimulus_parts import boxed, heading
from studypack.views.stimulus_parts import credits, notes

PADDING = 4  # points either side of a cell's words
SHADE = "#eeeeee"  # behind every other row, where the table asks for shading


def box(table, ctx, opens: bool = False) -> list:
    _above, below = credits(table, ctx, always_below=True)
    grid = _grid(table, ctx, ctx.text_width() - 2 * ctx.layout.source.padding)
    return boxed(ctx, table, heading(ctx, table, table.title), [grid], [], below + notes(table, ctx),
                 number_every=0, opens=opens)


def lines(table, ctx) -> dict[str, tuple[int, int]]:
    return {}


def _grid(table, ctx, width: float) -> Table:
    numbers = numeric_columns(table)
    head = [ctx.para(f"<b>{text.inline(h)}</b>" + (f" ({text.inline(u)})" if u else ""), "source.body",
                     alignment=TA_CENTER if numbers[k] else 0)
            for k, (h, u) in enumerate(table.headers())]
    body = [[cell.strip() if numbers[k] else ctx.para(text.inline(cell), "source.body", alignment=0)
             for k, cell in enumerate(row)] for row in table.rows]
    widths = _widths(table, ctx, numbers, width)
    grid = Table([head] + body, colWidths=widths, repeatRows=1)
    grid.setStyle(ctx.table_style(_commands(table, ctx, numbers, widths)))
    return grid


def _widths(table, ctx, numbers: list[bool], width: float) -> list[float]:
    """Each column as wide as its widest number or longest word needs, the rest shared out."""
    style = ctx.style("source.body")
    need = []
    for k, (header, unit) in enumerate(table.headers()):
        words = (text.plain(header) + " " + (unit or "")).split()
        cells = [row[k] for row in table.rows]
        if not numbers[k]:
            words += [w for cell in cells for w in text.plain(cell).split()]
        wide = [stringWidth(w, style.fontName, style.fontSize) for w in words]
        if numbers[k]:
            wide.append(_block(cells, style)[0] + _block(cells, style)[1])
        need.append(max(wide, default=0) + 2 * PADDING + 2)
    spare = max(0.0, width - sum(need))
    return [n + spare * n / sum(need) for n in need]


def _block(cells, style) -> tuple[float, float]:
    """(widest part before the decimal point, widest from the point on) of a column's numbers."""
    left = right = 0.0
    for cell in cells:
        whole, _dot, fraction = cell.strip().partition(".")
        left = max(left, stringWidth(whole, style.fontName, style.fontSize))
        if fraction:
            right = max(right, stringWidth("." + fraction, style.fontName, style.fontSize))
    return left, right


def _commands(table, ctx, numbers: list[bool], widths: list[float]) -> list[tuple]:
    style, rules = ctx.style("source.body"), ctx.layout.tables
    commands: list[tuple] = [
        ("FONTNAME", (0, 1), (-1, -1), style.fontName), ("FONTSIZE", (0, 1), (-1, -1), style.fontSize),
        ("LEADING", (0, 1), (-1, -1), style.leading), ("TEXTCOLOR", (0, 1), (-1, -1), style.textColor),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("GRID", (0, 0), (-1, -1), rules.rule_weight, HexColor(rules.rule_colour)),
        ("LINEBELOW", (0, 0), (-1, 0), rules.rule_weight * 2, HexColor(rules.rule_colour)),
        ("BACKGROUND", (0, 1), (-1, -1), white),
    ]
    if rules.fills and rules.header_tint:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(rules.header_tint)))
    if table.shade and rules.fills:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, HexColor(SHADE)]))
    for k, numeric in enumerate(numbers):
        if numeric:
            left, right = _block([row[k] for row in table.rows], style)
            point = stringWidth(".", style.fontName, style.fontSize)
            pad = (widths[k] - left - right) / 2 + right - point / 2  # the numbers as a block, centred
            commands += [("ALIGN", (k, 1), (k, -1), "DECIMAL"), ("RIGHTPADDING", (k, 1), (k, -1), pad)]
    return commands
