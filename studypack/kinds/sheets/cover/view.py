"""How a cover sheet prints: title, boxes for name, class and candidate number (or the
layout's candidate boxes: Surname, Forename(s), Centre number …), the
instructions and time allowed, and a grading table (question × marks available × marks
awarded) for the teacher to fill in. It is printed in front of the paper it names."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import KeepTogether, Spacer, Table

from studypack.io.words import Said
from studypack.media import text
from studypack.io.columns import field_for_label
from studypack.kinds.sheets.cover.spec import rows_for
from studypack.base.units import MM
from studypack.views import exercises
from studypack.views.boxes import CandidateBoxes
from studypack.views.exercises import Exercise
from studypack.views.flowables import StudentField
from studypack.views.toolkit import fonts_width


def compose(sheet, pack, ctx) -> list:
    paper = next(s for s in pack.sheets if s.id == sheet.paper)
    total = paper.total_for(ctx.tier)
    parts = [Spacer(1, 6 * MM),
             ctx.para(f"{text.inline(pack.title)} · {text.literal(text.plain(pack.subject))} · "
                      f"{text.literal(text.plain(pack.level))}", "subtitle"),
             ctx.para(text.inline(paper.title), "title"),
             ctx.para(text.inline(sheet.title), "section.heading")]
    if ctx.tier:
        parts.append(ctx.para(ctx.say.block(f"tier.{ctx.tier}-tier"), "section.heading"))
    parts += [Spacer(1, 5 * MM), _candidate_boxes(ctx), Spacer(1, 6 * MM)]
    facts = []
    if paper.time:
        facts.append(f"<b>{ctx.say('cover.time')}</b> {text.inline(paper.time)}")
    spag = paper.spag_for(ctx.tier)
    # on bilingual paper each language says its own sentence whole: "Cyfanswm y marciau: 31 (gan
    # gynnwys 4 …) / Total marks: 31 (including 4 …)", never the labels paired before one number
    facts.append(ctx.say.composed(
        lambda say: f"<b>{say('cover.total')}</b> {total}" + (say("cover.total-spag", spag) if spag else "")))
    if paper.sources and (paper.kind == "exam" or paper.source_booklet):
        def you_need(say) -> str:
            name = pack.booklet_name(paper, say)
            booklet = name if isinstance(name, Said) else text.literal(text.plain(name))
            return f"<b>{say('cover.you-need')}</b> {say('cover.booklet', booklet=booklet)}"
        facts.append(ctx.say.composed(you_need))
    parts.append(ctx.para(ctx.say.block("cover.information"), "section.heading", keepWithNext=1))
    parts += [ctx.para(f, "instructions", spaceBefore=1) for f in facts]
    if sheet.instructions_for(ctx.tier):
        parts += _instructions(sheet, ctx)
    # the teacher's table goes on whole: never its Total row alone on a page
    parts += [Spacer(1, 5 * MM), KeepTogether([_grading_table(rows_for(paper, ctx.tier), total, ctx)])]
    return parts


def _instructions(sheet, ctx) -> list:
    """The instructions under their heading, kept whole (large print: on the next page where this
    one cannot hold them all, never read half here and half overleaf), marked as one block for
    the preflight (split over a page, it is counted as an exercise would be)."""
    block = [ctx.para(ctx.say.block("cover.instructions"), "section.heading", keepWithNext=1),  # never alone at a page's foot
             *ctx.paras(sheet.instructions_for(ctx.tier), "instructions", spaceBefore=1)]
    exercises.mark(block, Exercise(f"{sheet.id}:instructions", text.plain(str(ctx.say("cover.instructions")))))
    return [KeepTogether(block)]


def _candidate_boxes(ctx):
    if ctx.layout.candidate_boxes:  # the layout's own fields, as its worksheets ask (exam: Surname, Forename(s) …)
        return CandidateBoxes(ctx.layout.candidate_fields(), ctx.style("candidate.label"))
    label = ctx.style("student-line")
    labels = list(ctx.layout.name_line or [])[:2]  # the layout's own words for Name and Class
    names = labels + [ctx.say("layout.name"), ctx.say("layout.class")][len(labels):]
    fill = dict(style=label, height=label.fontSize)  # a class set writes each student's details in the boxes
    fields = [field_for_label(ctx.say.english_of(n)) or default for n, default in zip(names, ("name", "class"))]
    cell = [ctx.para(text.literal(names[0]), "student-line"), StudentField(fields[0], **fill),
            ctx.para(text.literal(names[1]), "student-line"), StudentField(fields[1], **fill)]
    number = ctx.say("layout.candidate-number")
    digits = [ctx.para(text.literal(number), "student-line"), "", "", "", ""]
    def need(*words):  # label columns fit their words at any print size (large print)
        return max(fonts_width(w, label) for w in words) + 5 * MM

    first, third = max(42 * MM, need(names[0], number)), max(16 * MM, need(names[1]))
    blanks = max(40 * MM, ctx.text_width() - first - third - 20 * MM)
    row = max(11 * MM, label.fontSize * 1.8)
    if blanks * 0.33 < 8 * label.fontSize or blanks * 0.67 < 16 * label.fontSize:
        return _stacked_boxes(ctx, cell, fields, fill, row, label)
    table = Table([cell + [""], digits], colWidths=[first, blanks * 0.67, third, blanks * 0.33, 20 * MM],
                  rowHeights=[row, row])
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), label.fontName),
                ("BOX", (1, 0), (1, 0), 0.9, HexColor("#000000")), ("BOX", (3, 0), (3, 0), 0.9, HexColor("#000000")),
                ("LEFTPADDING", (2, 0), (2, 0), 8)]
    table.setStyle(ctx.table_style(commands))
    # the candidate number: four separate boxes, one per digit
    side = max(9 * MM, label.fontSize * 1.5)
    boxes = Table([[StudentField("id", part=k, parts=4, **fill) for k in range(4)]], colWidths=[side] * 4,
                  rowHeights=[side])
    boxes.setStyle(ctx.table_style([("GRID", (0, 0), (-1, -1), 0.9, HexColor("#000000"))]))
    table._cellvalues[1][1] = boxes
    table.setStyle(ctx.table_style([("SPAN", (1, 1), (4, 1)), ("LEFTPADDING", (1, 1), (1, 1), 0)]))
    return table


def _stacked_boxes(ctx, cell, fields, fill, row, label):
    """Large print: name, class and candidate number each on a line of their own, the
    boxes as wide as the line leaves, big enough to write in at that size."""
    number = ctx.say("layout.candidate-number")
    words = [cell[0].text, cell[2].text, number]
    first = max(fonts_width(w, label) for w in words) + 5 * MM
    side = max(9 * MM, label.fontSize * 1.5)
    boxes = Table([[StudentField("id", part=k, parts=4, **fill) for k in range(4)]], colWidths=[side] * 4,
                  rowHeights=[side])
    boxes.setStyle(ctx.table_style([("GRID", (0, 0), (-1, -1), 0.9, HexColor("#000000"))]))
    row = max(row, 2.2 * label.fontSize)  # room to write a name by hand at this size
    rows = [[cell[0], cell[1]], [cell[2], cell[3]], [ctx.para(text.literal(number), "student-line"), boxes]]
    table = Table(rows, colWidths=[first, ctx.text_width() - first], rowHeights=[row, row, side + 6])
    table.setStyle(ctx.table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), label.fontName),
        ("BOX", (1, 0), (1, 0), 0.9, HexColor("#000000")), ("BOX", (1, 1), (1, 1), 0.9, HexColor("#000000")),
        ("LEFTPADDING", (1, 2), (1, 2), 0), ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _grading_table(rows, total, ctx):
    head = [ctx.para(f"<b>{ctx.say('cover.question')}</b>", "cover.label", alignment=TA_CENTER),
            ctx.para(f"<b>{ctx.say('cover.available')}</b>", "cover.label", alignment=TA_CENTER),
            ctx.para(f"<b>{ctx.say('cover.awarded')}</b>", "cover.label", alignment=TA_CENTER)]
    body = [[ctx.para(text.literal(ctx.say("key.spag") if label == "SPaG" else label), "cover.cell", alignment=TA_CENTER),
             ctx.para(str(marks), "cover.cell", alignment=TA_CENTER), ""] for label, marks in rows]
    foot = [ctx.para(f"<b>{ctx.say('key.total')}</b>", "cover.cell", alignment=TA_CENTER),
            ctx.para(f"<b>{total}</b>", "cover.cell", alignment=TA_CENTER), ""]
    title = [ctx.para(f"<b>{ctx.say('cover.teacher')}</b>", "cover.label", alignment=TA_CENTER), "", ""]
    widths = [ctx.grown(w, "question.label", most=0.33) for w in (30 * MM, 34 * MM, 34 * MM)]
    table = Table([title, head] + body + [foot], colWidths=widths, hAlign="RIGHT")
    table.setStyle(ctx.table_style([
        ("SPAN", (0, 0), (-1, 0)), ("GRID", (0, 0), (-1, -1), 0.6, HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 1), ctx.shade("#e8e8e8")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (0, -1), (-1, -1), 1.4, HexColor("#000000")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]))
    return table
