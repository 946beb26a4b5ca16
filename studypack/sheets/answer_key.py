"""The answer key: every sheet's questions with the same numbers and marks as the student
sheets, correct options ticked, model answers, level descriptors, and totals."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table

from .. import text

MM = 72 / 25.4


def compose(pack, ctx) -> list:
    parts = [ctx.para(text.inline(pack.title), "title"),
             ctx.para(f"Answer key and mark scheme · {text.literal(text.plain(pack.subject))} · "
                      f"{text.literal(text.plain(pack.level))}", "subtitle"),
             Spacer(1, 3 * MM), _summary(pack, ctx), Spacer(1, 4 * MM)]
    for number, sheet in enumerate(pack.sheets, start=1):
        heading = f"{number}. {text.inline(sheet.title)} — {sheet.total} marks"
        parts.extend(ctx.section_heading(heading, "key.heading"))
        if sheet.sources:
            letters = ", ".join(sheet.sources)
            parts.append(ctx.para(f"Sources {letters}" if len(sheet.sources) > 1 else f"Source {letters}", "key.label"))
        parts.extend(ctx.questions(sheet))
        parts.append(Spacer(1, 3 * MM))
        parts.append(ctx.total_line(f"Total for {text.plain(sheet.title)}", sheet.total))
        parts.append(Spacer(1, 4 * MM))
    parts.append(ctx.total_line("Total for the pack", pack.total))
    return parts


def _summary(pack, ctx) -> Table:
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    from ..paragraph import Paragraph

    rows = [[Paragraph("Sheet", label), Paragraph("Questions", label), Paragraph("Marks", label)]]
    for number, sheet in enumerate(pack.sheets, start=1):
        rows.append([Paragraph(f"{number}. {text.inline(sheet.title)}", cell),
                     Paragraph(str(len(sheet.questions)), cell), Paragraph(str(sheet.total), cell)])
    rows.append([Paragraph("<b>Total</b>", cell), Paragraph(f"<b>{sum(len(s.questions) for s in pack.sheets)}</b>", cell),
                 Paragraph(f"<b>{pack.total}</b>", cell)])
    table = Table(rows, colWidths=[None, 25 * MM, 20 * MM])
    table.setStyle(ctx.table_style([
        *ctx.table_rules(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table
