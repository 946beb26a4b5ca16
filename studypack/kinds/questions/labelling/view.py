"""How an image-labelling question prints: the picture with numbered points, an optional
word bank, and numbered lines to write each label on; the key fills the lines in."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER

from studypack.media import images, text
from studypack.base.paths import inside
from studypack.base.units import MM
from studypack.views import callouts
from studypack.views.drawing import LabelledImage
from studypack.views.flowables import AnswerLines
from studypack.views.toolkit import Whole, lead_in

DESIGN_LABEL = 9.0  # points: the markers' size (the default layout's picture.label) a picture's width is set for


def student(q, ctx) -> list:
    parts = [ctx.word_bank(sorted(label.answer for label in q.labels))] if q.word_bank else []
    # the picture leads into its label lines: the question keeps them on one page (the
    # picture a little smaller where that makes it fit), never the lines alone overleaf
    parts.extend(lead_in(f) for f in _picture(ctx, q.image, [(lb.x, lb.y) for lb in q.labels], q.style))
    parts.append(_numbered_lines(ctx, len(q.labels)))
    return parts


def key(q, ctx) -> list:
    return [_picture(ctx, q.image, [(lb.x, lb.y) for lb in q.labels], q.style),
            _numbered_lines(ctx, len(q.labels), [lb.answer for lb in q.labels])]


def _picture(ctx, picture, points, style: str) -> list:
    full = ctx.text_width() - ctx.number_width
    # enlarged as the layout enlarges a source's picture (`images.enlarge`), or (large print)
    # at the markers' scale where that is more
    scale = ctx.layout.images.enlarge
    if ctx.layout.images.labels_scale:
        scale = max(scale, ctx.style("picture.label").fontSize / DESIGN_LABEL)
    width = min(full, full * picture.width / 100 * scale)
    if scale > 1 and style == "leaders" and width > full - 2 * callouts.margin(style, callouts.Sizes(
            ctx.style("picture.label").fontSize, ctx.style("body").fontName)):
        # the columns of boxes beside it would keep the picture at its unenlarged size or less
        # (large print: 303 pt against the default layout's 318): numbers on the picture instead
        style = "markers"
    done = images.prepare(inside(ctx.root, picture.file), width, images.greyscale(ctx.layout),
                          images.max_height(ctx.layout))
    parts = [LabelledImage(done.data, done.width_pt, done.height_pt, points, ctx.style("body").fontName,
                           indent=ctx.number_width, size=ctx.style("picture.label").fontSize, style=style,
                           alt=picture.alt or picture.caption or "",
                           blend="Multiply" if ctx.layout.page.tint else None)]  # on a tint: no white rectangle
    if picture.caption:
        parts.append(ctx.para(text.inline(picture.caption), "source.note", alignment=TA_CENTER,
                              leftIndent=ctx.number_width))
    return parts


LABEL_LINE = 7  # answer-line spacings: the room a label of three or four words takes, handwritten at that size


def _numbered_lines(ctx, count: int, answers: list[str] | None = None):
    """Numbered lines, one per label: in two columns where a column's line holds a label written
    at the layout's handwriting size, else one under another (large print: "Local party
    organisations" in 24 pt handwriting needs most of the measure)."""
    rule = ctx.layout.answer_lines
    two = (ctx.text_width() - ctx.number_width - 22 * MM) / 2 >= LABEL_LINE * rule.spacing
    cells = []
    for i in range(count):
        # in the key, the number in its answer's style: the two share their first baseline
        label = ctx.para(f"<b>{i + 1}</b>", "key.answer", spaceBefore=0) if answers else \
            ctx.para(f"<b>{i + 1}</b>", "question.option")
        body = (ctx.para(f"<b>{text.inline(answers[i])}</b>", "key.answer", spaceBefore=0) if answers
                else AnswerLines(1, rule.spacing, rule.colour, rule.weight))
        if isinstance(body, AnswerLines):
            body.dotted = rule.style == "dotted"  # the layout's lines
        cells.append([label, body])
    if two:
        half = (count + 1) // 2
        rows = [cells[i] + [""] + (cells[i + half] if i + half < count else ["", ""]) for i in range(half)]
        widths: list = [7 * MM, None, 8 * MM, 7 * MM, None]
    else:
        rows, widths = cells, [7 * MM, None]
    # a line to write on sits at the foot of its number; an answer that wraps starts beside it
    table = ctx.table(rows, widths, [
        ("VALIGN", (0, 0), (-1, -1), "TOP" if answers else "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    # the lines go on together: a row of them never goes over to a page alone
    return Whole(table.table, table.indent, ctx.text_height(), table.top, table.spec, table.mins)
