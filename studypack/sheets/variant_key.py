"""Keys for a class set with variants: one master grid (variant x question -> correct
option) and a page per variant listing every question as numbered on that variant."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

from .. import text
from ..units import MM



def grid(pack, variants: list[tuple[str, list]], ctx) -> list:
    """One page: for each sheet, a table of variants (rows) by question number (columns)."""
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    parts = [ctx.para(text.inline(pack.title), "title"),
             ctx.para("Answer grid for the class set: the correct option of each multiple-choice question "
                      "in each variant; – marks a question marked from the mark scheme.", "subtitle"),
             Spacer(1, 3 * MM)]
    for index, sheet in enumerate(pack.sheets):
        count = len(sheet.all_questions)
        if not any(answers[index][n].correct for _name, answers in variants for n in range(count)):
            continue  # no options to tick on this sheet: nothing differs between variants
        block = [ctx.para(f"{index + 1}. {text.inline(sheet.title)}", "key.heading")]
        for start in range(0, count, 15):  # 15 questions a row keeps the cells readable
            numbers = range(start + 1, min(count, start + 15) + 1)
            rows = [[Paragraph("Variant", label)] + [Paragraph(f"Q{n}", label) for n in numbers]]
            for name, answers in variants:
                row = [Paragraph(f"<b>{text.literal(name)}</b>", cell)]
                for n in numbers:
                    row.append(Paragraph(answers[index][n - 1].correct or "–", cell))
                rows.append(row)
            table = Table(rows, colWidths=[20 * MM] + [10 * MM] * len(numbers), hAlign="LEFT", repeatRows=1)
            table.setStyle(ctx.table_style([
                ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#9a9a9a")),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8")),
                ("ALIGN", (1, 0), (-1, -1), "CENTER")]))
            block += [table, Spacer(1, 3 * MM)]
        parts.append(KeepTogether(block))
    return parts


def per_variant(pack, name: str, variant_pack, answers: list, ctx) -> list:
    """A page for one variant: each multiple-choice question's number on that paper, its
    correct option with its text, and its marks. Other questions are listed only where they
    moved (a sheet with `shuffle: true`), with their number in the pack as written; the
    variant's own mark scheme follows, numbered and lettered as its paper."""
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    parts = [ctx.para(f"Variant {text.literal(name)}: answers", "title"),
             ctx.para(f"{text.inline(pack.title)}. Each multiple-choice answer as printed on Variant "
                      f"{text.literal(name)}; every question's mark scheme for this variant follows.", "subtitle"),
             Spacer(1, 2 * MM)]
    moved = any(a.number != a.original for rows in answers for a in rows)  # else "Pack Q" would repeat "Q"
    for index, sheet in enumerate(variant_pack.sheets):
        listed = [(a, q) for a, q in zip(answers[index], sheet.all_questions) if a.correct or a.number != a.original]
        if not listed:
            continue
        parts.append(ctx.para(f"{index + 1}. {text.inline(sheet.title)}", "key.heading"))
        rows = [[Paragraph("Q", label), Paragraph("Answer", label), Paragraph("Marks", label)]
                + ([Paragraph("Pack Q", label)] if moved else [])]
        for answer, question in listed:
            if answer.correct:
                option = question.options["ABCDEFGHIJKLMNOPQRSTUVWXYZ".index(answer.correct)]
                shown = f"<b>{answer.correct}</b>  {text.inline(option)}"
            else:
                shown = f"see the mark scheme ({text.literal(answer.kind.replace('-', ' '))})"
            rows.append([Paragraph(f"<b>{answer.number}</b>", cell), Paragraph(shown, cell),
                         Paragraph(str(answer.marks), cell)]
                        + ([Paragraph(f"Q{answer.original}", cell)] if moved else []))
        table = Table(rows, colWidths=[10 * MM, None, 15 * MM] + ([25 * MM] if moved else []), repeatRows=1)
        table.setStyle(ctx.table_style([
            ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#9a9a9a")),
            ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8")), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        parts += [table, Spacer(1, 3 * MM)]
    return parts + [PageBreak()]
