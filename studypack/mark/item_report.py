"""item-analysis.pdf: the class's item analysis for the teacher, set in a layout of the
project's own (its page, fonts, styles, header and footer) through the same renderer as
the packs: a summary table of every machine-marked question (facility, discrimination,
copies marked, what behaved badly), then a block a question with a bar chart of how many
ticked each option (the right ones dark, by the option's words whatever letter a variant
gave it) and its flags in words."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, Spacer, Table

from studypack.base.units import MM
from studypack.mark.analysis import HARD, WEAK, Item, checks, kind_name, number
from studypack.mark.reasons import said
from studypack.media import text
from studypack.pdf import render
from studypack.settings import layout as layouts
from studypack.views.parts import Parts

RIGHT, WRONG, FLAG = HexColor("#2f6b3a"), HexColor("#b9b9b9"), HexColor("#a11d1d")


def pdf(found: list[Item], data: dict, layout: layouts.Layout) -> bytes:
    """The PDF's bytes, in the layout's language; the same items give the same bytes."""
    ctx = Parts(layout)
    say = layout.say
    title = data.get("title", "") or data.get("pack", "")
    flowables = [ctx.para(text.literal(say.alone("mark.analysis-title", title=title)), "title"),
                 ctx.para(text.literal(say.alone("mark.analysis-intro", len(data["copies"]), hard=HARD, weak=WEAK)),
                          "subtitle"),
                 Spacer(1, 3 * MM), _summary(found, ctx), Spacer(1, 5 * MM)]
    flowables += [_question(item, ctx) for item in found]
    info = {"id": "item-analysis", "title": say.alone("mark.analysis"), "kind": "item-analysis",
            "total": sum(i.marks for i in found)}
    pack = {"title": text.plain(title), "subtitle": "", "subject": text.plain(title),
            "level": say.alone("mark.analysis-level"), "author": "", "total": info["total"]}
    meta = {"title": say.alone("mark.analysis-title", title=text.plain(title)), "pack": pack, "furniture": False}
    data_bytes, _pages = render.render([(info, flowables)], layout, ctx, meta)
    return data_bytes


HEADS = ("mark.question", "mark.marks", "mark.marked", "mark.facility", "mark.discrimination")
SHORT = ("mark.q-short", "mark.marks", "mark.marked", "mark.facility-short", "mark.discrimination-short")  # where the
# long headings do not fit the text width (large print)


def _summary(found: list[Item], ctx) -> Table:
    """A row a question: the figures; a flagged question's checks in red in a row under it."""
    cells = [[i.heading, str(i.marks), str(i.copies), number(i.facility) or "–", number(i.discrimination) or "–"]
             for i in found]
    heads = [ctx.say.alone(key) for key in HEADS]
    widths = [_fit(ctx, [row[c] for row in cells] + [heads[c]]) for c in range(len(heads))]
    if sum(widths) > ctx.text_width():
        heads = [ctx.say.alone(key) for key in SHORT]
        widths = [_fit(ctx, [row[c] for row in cells] + [heads[c]]) for c in range(len(heads))]
    rows = [[ctx.para(text.literal(h), "key.label") for h in heads]]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, HexColor("#9a9a9a")),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for item, row in zip(found, cells):
        rows.append([ctx.para(text.literal(cell), "key.answer") for cell in row])
        if item.check:
            note = ctx.say.alone("mark.check-note", notes=checks(item, ctx.say))
            rows.append([ctx.para(f'<font color="#a11d1d">{text.literal(note)}</font>', "key.answer")]
                        + [""] * (len(heads) - 1))
            commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(ctx.table_style(commands))
    return table


def _question(item: Item, ctx) -> KeepTogether:
    """One question's block: heading, figures, the chart of ticks per option, its flags."""
    say = ctx.say
    parts = [ctx.para(text.literal(say.alone("mark.item-heading", item.marks, heading=item.heading,
                                             kind=kind_name(item.kind, say))), "key.heading"),
             ctx.para(text.literal(say.alone("mark.item-figures", item.copies, facility=number(item.facility) or "–",
                                             discrimination=number(item.discrimination) or "–")), "body"),
             _chart(item, ctx)]
    parts += [ctx.para(f'<font color="#a11d1d">{text.literal(say.alone("mark.check-note", notes=said(note, say)))}</font>',
                       "body") for note in item.check]
    return KeepTogether(parts + [Spacer(1, 4 * MM)])


def _chart(item: Item, ctx) -> Drawing:
    """A bar an option, as long as its ticks are many (the right options dark), its count at its end."""
    style = ctx.style("body")
    font, size = style.fontName, style.fontSize
    width = min(ctx.text_width(), 150 * MM)
    names = [option for option, _r, _c in item.ticks]
    name_width = min(width * 0.45, max((_width(n, font, size) for n in names), default=0) + 3 * MM)
    most = max((count for _o, _r, count in item.ticks), default=0) or 1
    right_words = ctx.say.alone("mark.right")
    room = width - name_width - _width(f"000 {right_words}", font, size) - 2 * MM
    bar_height = size * 1.45
    drawing = Drawing(width, bar_height * len(item.ticks) + 2 * MM)
    for row, (option, right, count) in enumerate(item.ticks):
        y = drawing.height - (row + 1) * bar_height
        shown = option if _width(option, font, size) <= name_width - 3 * MM else _cut(option, font, size, name_width - 3 * MM)
        drawing.add(String(0, y + size * 0.2, shown, fontName=font, fontSize=size))
        bar = room * count / most
        drawing.add(Rect(name_width, y, max(bar, 0.5), size * 1.05, fillColor=RIGHT if right else WRONG, strokeColor=None))
        drawing.add(String(name_width + bar + 1.5 * MM, y + size * 0.2, f"{count} {right_words}" if right else str(count),
                           fontName=font, fontSize=size))
    return drawing


def _fit(ctx, words: list[str]) -> float:
    """A column as wide as its widest words in the table's style, with the cell's padding."""
    style = ctx.style("key.label")
    return max(_width(w, style.fontName, style.fontSize) for w in words) + 12 + 2


def _width(words: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    return stringWidth(words, font, size)


def _cut(words: str, font: str, size: float, room: float) -> str:
    """The option's words shortened with "…" to fit its room."""
    while words and _width(words + "…", font, size) > room:
        words = words[:-1]
    return words + "…"
