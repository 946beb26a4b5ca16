"""The key of a class set with variants: one master grid (variant x question -> correct
option) and a page per variant listing every question as numbered on that variant."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

from studypack.spec import picture_options
from studypack.media import text
from studypack.base.units import MM
from studypack.views.documents import answer_key
from studypack.views.paragraph import Paragraph as TextParagraph

KIND = "class-key"


def grid(pack, variants: list[tuple[str, list]], ctx) -> list:
    """One page: for each sheet, a table of variants (rows) by question number (columns)."""
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    parts = [ctx.para(text.inline(pack.title), "title"),
             ctx.para(ctx.say("class-key.grid-note"), "subtitle"),
             Spacer(1, 3 * MM)]
    for index, sheet in enumerate(pack.sheets):
        count = len(sheet.all_questions)
        if not any(answers[index][n].correct for _name, answers in variants for n in range(count)):
            continue  # no options to tick on this sheet: nothing differs between variants
        block = [ctx.para(f"{index + 1}. {text.inline(sheet.title)}", "key.heading")]
        for start in range(0, count, 15):  # 15 questions a row keeps the cells readable
            numbers = range(start + 1, min(count, start + 15) + 1)
            rows = [[Paragraph(ctx.say("class-key.variant"), label)] + [Paragraph(ctx.say("class-key.q", n=n), label) for n in numbers]]
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
    parts = [ctx.para(ctx.say("class-key.answers", variant=text.literal(name)), "title"),
             ctx.para(ctx.say("class-key.answers-note", title=text.inline(pack.title), variant=text.literal(name)), "subtitle"),
             Spacer(1, 2 * MM)]
    moved = any(a.number != a.original for rows in answers for a in rows)  # else "Pack Q" would repeat "Q"
    for index, sheet in enumerate(variant_pack.sheets):
        listed = [(a, q) for a, q in zip(answers[index], sheet.all_questions) if a.correct or a.number != a.original]
        if not listed:
            continue
        parts.append(ctx.para(f"{index + 1}. {text.inline(sheet.title)}", "key.heading"))
        rows = [[Paragraph(ctx.say("class-key.q", n=""), label), Paragraph(ctx.say("key.answer"), label),
                 Paragraph(ctx.say("key.marks"), label)] + ([Paragraph(ctx.say("class-key.pack-q"), label)] if moved else [])]
        for answer, question in listed:
            if answer.correct:
                option = question.options["ABCDEFGHIJKLMNOPQRSTUVWXYZ".index(answer.correct)]
                shown = f"<b>{answer.correct}</b>  {text.inline(picture_options.words(option))}"
            else:
                shown = ctx.say("class-key.see-scheme", kind=text.literal(answer.kind.replace('-', ' ')))
            rows.append([Paragraph(f"<b>{answer.number}</b>", cell), TextParagraph(shown, cell),  # an option may hold $maths$
                         Paragraph(str(answer.marks), cell)]
                        + ([Paragraph(ctx.say("class-key.q", n=answer.original), cell)] if moved else []))
        table = Table(rows, colWidths=[10 * MM, None, 15 * MM] + ([25 * MM] if moved else []), repeatRows=1)
        table.setStyle(ctx.table_style([
            ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#9a9a9a")),
            ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8")), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        parts += [table, Spacer(1, 3 * MM)]
    return parts + [PageBreak()]


def parts(document, job):
    """With variants: the master grid; then, for each variant, a page of its answers and the
    mark scheme of each sheet that differs in that variant, in that variant's order and
    letters; then the mark scheme of the sheets every variant shares. So every letter in the
    key is a letter on some printed paper. With --shuffle (no variant pages): the grid (a row
    per student) and the mark scheme in the pack's own order, saying so."""
    pack, key = job.pack, job.composer(key=True)
    order, named, covers = document.sheets, list(document.variants), document.note
    title = text.inline(pack.title)
    total = pack.total_for(job.tier)
    sheets = []
    shared = None  # sheet ids that are the same in every variant
    if named:
        info = {"id": "answer-grid", "title": key.say("class-key.grid"), "kind": "answer-key", "total": total}
        parts = grid(pack, [(name, answers) for name, _p, answers in named], key)
        if covers:
            parts.insert(2, key.para(covers, "subtitle"))
        sheets.append((info, parts))
        if document.variant_pages:
            first = named[0][1]
            shared = {sheet.id for i, sheet in enumerate(first.sheets)
                      if all(p.sheets[i] == sheet for _n, p, _a in named)}
            for name, variant_pack, answers in named:
                differ = {sheet.id for sheet in variant_pack.sheets} - shared
                info = {"id": f"variant-{name}", "title": key.say("class-key.answers-scheme", variant=text.plain(name)),
                        "kind": "answer-key", "total": total}
                parts = per_variant(pack, name, variant_pack, answers, key)
                parts += answer_key.compose(
                    variant_pack, key, order, select=differ, heading=key.say("class-key.scheme", variant=text.literal(name)),
                    note=key.say("class-key.scheme-note", title=title, variant=text.literal(name)))
                sheets.append((info, parts))
    info = {"id": "answer-key", "title": key.say("key.title"), "kind": "answer-key", "total": total}
    if shared is not None:
        info["title"] = key.say("class-key.all-variants")
        parts = answer_key.compose(pack, key, order, select=shared, heading=key.say("class-key.all-variants"),
                                   note=key.say("class-key.shared-note", title=title))
    else:
        note = covers
        if named:  # --shuffle: every student has their own letters
            note = (note + " " if note else "") + key.say("class-key.shuffled-note")
        parts = answer_key.compose(pack, key, order, note=note)
    sheets.append((info, parts))
    return sheets, key
