"""The answer key: every question sheet's questions with the same numbers and marks as the
student sheets, correct options ticked, model answers, mark schemes, and totals per
section, sheet and pack (for the build's tier)."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table

from .. import text

MM = 72 / 25.4


def _question_sheets(pack, order):
    indexes = order if order is not None else range(len(pack.sheets))
    return [pack.sheets[i] for i in indexes if pack.sheets[i].all_questions]


def compose(pack, ctx, order=None, note: str = "", select=None, heading: str = "") -> list:
    """The whole key; `note` (markup) goes under the subtitle. With `select` (a set of
    sheet ids), only those sheets' mark schemes, numbered as in the whole key, under
    `heading` instead of the title and summary (a class set's per-variant mark schemes)."""
    sheets = _question_sheets(pack, order)
    tier = getattr(ctx, "tier", None)
    if select is not None:
        parts = [ctx.para(heading, "title")] + ([ctx.para(note, "subtitle")] if note else [])
        for number, sheet in enumerate(sheets, start=1):
            if sheet.id in select:
                parts += sheet_scheme(sheet, number, ctx, tier)
        return parts
    subtitle = f"Answer key and mark scheme · {text.literal(text.plain(pack.subject))} · {text.literal(text.plain(pack.level))}"
    if tier:
        subtitle += f" · {tier.capitalize()} tier"
    parts = [ctx.para(text.inline(pack.title), "title"), ctx.para(subtitle, "subtitle")]
    if note:
        parts.append(ctx.para(note, "subtitle"))
    parts += [Spacer(1, 3 * MM), _summary(sheets, ctx, tier), Spacer(1, 4 * MM)]
    for number, sheet in enumerate(sheets, start=1):
        parts += sheet_scheme(sheet, number, ctx, tier)
    parts.append(ctx.total_line("Total for the pack", sum(s.total_for(tier) for s in sheets)))
    return parts


def sheet_scheme(sheet, number: int, ctx, tier) -> list:
    """One sheet's part of the key: heading with marks, its sources, its questions, its total."""
    total = sheet.total_for(tier)
    parts = list(ctx.section_heading(f"{number}. {text.inline(sheet.title)} — {total} marks", "key.heading"))
    if sheet.sources:
        letters = ", ".join(sheet.sources)
        parts.append(ctx.para(f"Sources {letters}" if len(sheet.sources) > 1 else f"Source {letters}", "key.label"))
    parts.extend(ctx.questions(sheet))
    parts.append(Spacer(1, 3 * MM))
    parts.append(ctx.total_line(f"Total for {text.plain(sheet.title)}", total))
    parts.append(Spacer(1, 4 * MM))
    return parts


def _summary(sheets, ctx, tier) -> Table:
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    from ..paragraph import Paragraph

    rows = [[Paragraph("Sheet", label), Paragraph("Questions", label), Paragraph("Marks", label)]]
    count = 0
    for number, sheet in enumerate(sheets, start=1):
        questions = len(sheet.numbered(tier))
        count += questions
        rows.append([Paragraph(f"{number}. {text.inline(sheet.title)}", cell),
                     Paragraph(str(questions), cell), Paragraph(str(sheet.total_for(tier)), cell)])
    rows.append([Paragraph("<b>Total</b>", cell), Paragraph(f"<b>{count}</b>", cell),
                 Paragraph(f"<b>{sum(s.total_for(tier) for s in sheets)}</b>", cell)])
    table = Table(rows, colWidths=[None, 25 * MM, 20 * MM])
    table.setStyle(ctx.table_style([
        *ctx.table_rules(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table
