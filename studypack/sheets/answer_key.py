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


def compose(pack, ctx, order=None) -> list:
    sheets = _question_sheets(pack, order)
    tier = getattr(ctx, "tier", None)
    subtitle = f"Answer key and mark scheme · {text.literal(text.plain(pack.subject))} · {text.literal(text.plain(pack.level))}"
    if tier:
        subtitle += f" · {tier.capitalize()} tier"
    parts = [ctx.para(text.inline(pack.title), "title"), ctx.para(subtitle, "subtitle"),
             Spacer(1, 3 * MM), _summary(sheets, ctx, tier), Spacer(1, 4 * MM)]
    for number, sheet in enumerate(sheets, start=1):
        total = sheet.total_for(tier)
        heading = f"{number}. {text.inline(sheet.title)} — {total} marks"
        parts.extend(ctx.section_heading(heading, "key.heading"))
        if sheet.sources:
            letters = ", ".join(sheet.sources)
            parts.append(ctx.para(f"Sources {letters}" if len(sheet.sources) > 1 else f"Source {letters}", "key.label"))
        parts.extend(ctx.questions(sheet))
        parts.append(Spacer(1, 3 * MM))
        parts.append(ctx.total_line(f"Total for {text.plain(sheet.title)}", total))
        parts.append(Spacer(1, 4 * MM))
    parts.append(ctx.total_line("Total for the pack", sum(s.total_for(tier) for s in sheets)))
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
    from ..compose import _Indented

    return _Indented(table, 0)  # the number columns widen to hold "Questions" in large print
