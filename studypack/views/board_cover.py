"""A board's front cover, as its profile writes it (the layout's `cover:`): the qualification
and the paper's code, its title and time, the candidate boxes, the headed blocks
(Materials, Instructions, Information, Advice) and a Total Marks box or an examiner's table;
and the cover of a paper's source booklet. The words are the profile's; this module only
sets them on the page (the few words of its own, the examiner's table's, said in the layout's
language)."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from studypack.base.units import MM
from studypack.media import text
from studypack.views.boxes import CandidateBoxes
from studypack.views.notes import CoverRan
from studypack.views.toolkit import fonts_width


def variables(pack, sheet, ctx) -> dict:
    """What a cover's templates may say of the paper (`layout.COVER_VARIABLES`)."""
    spag = sheet.spag_for(ctx.tier) or 0
    return {"paper": text.plain(sheet.title), "time": text.plain(sheet.time or ""),
            "total": sheet.total_for(ctx.tier), "spag": spag,
            "booklet": text.plain(pack.booklet_name(sheet, ctx.say)), "pack": text.plain(pack.title),
            "questions": len(sheet.numbered(ctx.tier)), "code": sheet.code or "",
            "pages": ctx.sheet.pages or 2}  # 2 until the paper is laid out and its pages counted


def say(source: str, values: dict) -> str:
    """A cover text rendered with the paper's values, its markup (`**all**`) made inline."""
    return text.inline(text.render_template(text.compile_template(source), values).strip())


def paper_cover(sheet, pack, ctx) -> list[Flowable]:
    """The cover of one paper, ended by a page break: one page where it all fits; where it does
    not (large print), the front page (masthead, title, time, candidate boxes) and a second
    page of the blocks, as a modified paper puts its information overleaf. A page that still
    runs over is noted for the preflight, never left to overflow unsaid."""
    cover, values = ctx.layout.cover, variables(pack, sheet, ctx)
    style = [ctx.para(text.literal(cover.style), "subtitle")] if cover.style else []
    front = _masthead(cover, values, ctx)
    if cover.title:
        front.append(ctx.para(f"<b>{say(cover.title, values)}</b>", "title"))
    if cover.time and sheet.time:
        front.append(ctx.para(say(cover.time, values), "subtitle"))
    if ctx.tier:
        front.append(ctx.para(ctx.say(f"tier.{ctx.tier}-tier"), "subtitle"))
    if ctx.layout.candidate_boxes:
        front.append(CandidateBoxes(ctx.layout.candidate_fields(), ctx.style("candidate.label")))
    front.append(Spacer(1, 3 * MM))
    blocks = [_block(block.title, items, ctx) for block in cover.blocks if (items := _items(block, sheet, values))]
    rest = _rest(blocks, cover, sheet, ctx)
    if _height(style + front + rest, ctx) <= ctx.text_height() * ROOM:
        return _page(style + front + rest, "front") + [PageBreak()]
    if _height(style + front, ctx) > ctx.text_height() * ROOM:  # the style line goes overleaf, above the blocks
        front, rest = front, style + rest
    else:
        front = style + front
    out = _page(front, "front") + [PageBreak()]
    for page in _pages(rest, ctx.text_height() * ROOM, ctx):
        out += _page(page, "information") + [PageBreak()]
    return out


def _items(block, sheet, values: dict) -> list[str]:
    """A block's items said of this paper: those said only of papers holding (or lacking)
    some sections where this one does."""
    titles = [text.plain(section.title) for section in sheet.sections]
    return [say(item if isinstance(item, str) else item.text, values) for item in block.items
            if isinstance(item, str) or item.shown(titles)]


def _pages(flowables: list[Flowable], room: float, ctx) -> list[list[Flowable]]:
    """The information overleaf dealt into pages whole block by whole block, by measure (a block
    taller than a page is left to run over, and noted)."""
    pages: list[list[Flowable]] = [[]]
    used = 0.0
    for flowable in flowables:
        height = _height([flowable], ctx)
        if pages[-1] and used + height > room and not isinstance(flowable, Spacer):
            pages.append([])
            used = 0.0
        pages[-1].append(flowable)
        used += height
    return pages


ROOM = 0.97  # the share of the text area a cover page may fill as measured (the header and footer take the rest)


def _rest(blocks: list[list[Flowable]], cover, sheet, ctx) -> list[Flowable]:
    """The blocks with the examiner's table or the Total Marks box (new flowables on each call)."""
    if cover.examiner_table:
        return _with_table(blocks, _examiner_table(cover.examiner_table, sheet, ctx), ctx)
    if blocks and cover.total_box:  # the box at the right of the last block, or under it where the column is narrow
        box = _total_box(cover, ctx)
        if _narrow(box, ctx):
            return [KeepTogether(block) for block in blocks] + [Spacer(1, 4 * MM), box]
        return [KeepTogether(block) for block in blocks[:-1]] + [KeepTogether([_beside(blocks[-1], box, ctx, "BOTTOM")])]
    return [KeepTogether(block) for block in blocks]


def _narrow(beside: Flowable, ctx) -> bool:
    """Whether the column left of `beside` would hold fewer than some 45 characters a line."""
    side = beside.wrap(ctx.text_width(), ctx.text_height())[0]
    return ctx.text_width() - side - 6 * MM < 45 * 0.5 * ctx.style("instructions").fontSize


def _height(flowables: list[Flowable], ctx) -> float:
    """The height the flowables take stacked in the text area's width."""
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):  # its wrap needs a canvas: its content measured instead
            total += _height(flowable._content, ctx)
            continue
        total += flowable.wrap(ctx.text_width(), ctx.text_height())[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _page(flowables: list[Flowable], which: str) -> list[Flowable]:
    """One cover page between two marks that note it if it ends on a later page than it began."""
    start = PageMark(which)
    return [start, *flowables, PageMark(which, start)]


class PageMark(Flowable):
    """Draws nothing: the first notes the page a cover page begins on, the second (given the
    first) notes `CoverRan` where it is drawn on another page."""

    def __init__(self, which: str, start: "PageMark | None" = None):
        super().__init__()
        self.which, self.start, self.page = which, start, 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):  # no drawing state saved: the page's bytes are as without it
        self.page = canvas.getPageNumber()
        notes = getattr(canvas, "_studypack_notes", None)
        if self.start is not None and self.page != self.start.page and notes is not None:
            notes.append(CoverRan(self.which))


def _with_table(blocks: list[list[Flowable]], table: Table, ctx) -> list[Flowable]:
    """The examiner's table beside the blocks, as AQA prints it, where the column left holds a
    line of some 45 characters; under them where it would not (large print)."""
    if _narrow(table, ctx):
        return [KeepTogether(block) for block in blocks] + [Spacer(1, 4 * MM), KeepTogether([table])]
    return [_beside([f for block in blocks for f in block], table, ctx, "TOP")]


def _beside(left: list[Flowable], right: Flowable, ctx, align: str) -> Table:
    side = right.wrap(ctx.text_width(), ctx.text_height())[0]
    table = Table([[left, right]], colWidths=[ctx.text_width() - side - 6 * MM, side + 6 * MM])
    table.setStyle(ctx.table_style([("VALIGN", (0, 0), (0, 0), "TOP"), ("VALIGN", (1, 0), (1, 0), align),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return table


def booklet_cover(name: str, paper_title: str, pack, ctx) -> list[Flowable]:
    """The cover page of a source booklet ([] where the profile gives it none): a paper's, or
    the pack's (named for its paper where the pack has one)."""
    cover = ctx.layout.cover
    if not cover.on or not cover.booklet:
        return []
    if not paper_title:
        papers = ([sheet.title for sheet in pack.sheets if sheet.kind == "exam"]
                  or [sheet.title for sheet in pack.sheets if sheet.sources])  # as the profile reads "papers"
        paper_title = papers[0] if len(papers) == 1 else ""
    codes = {sheet.code for sheet in pack.sheets if paper_title and sheet.title == paper_title and sheet.code}
    values = {"paper": text.plain(paper_title), "time": "", "total": 0, "spag": 0, "booklet": text.plain(name),
              "pack": text.plain(pack.title), "questions": 0, "code": codes.pop() if len(codes) == 1 else ""}
    parts = _masthead(cover, values, ctx, style=True)
    parts.append(ctx.para(f"<b>{text.literal(text.plain(name))}</b>", "title"))
    if paper_title:
        parts.append(ctx.para(text.inline(paper_title), "subtitle"))
    parts.append(Spacer(1, 6 * MM))
    parts += [ctx.para(say(line, values), "instructions", spaceBefore=2) for line in cover.booklet]
    return parts + [PageBreak()]


def _masthead(cover, values: dict, ctx, style: bool = False) -> list[Flowable]:
    """The small style line (where asked), then the qualification in large bold type with the
    code at the right."""
    parts: list[Flowable] = []
    if cover.style and style:
        parts.append(ctx.para(text.literal(cover.style), "subtitle"))
    if not cover.heading and not cover.code and not values.get("code"):
        return parts
    lines = [ctx.para(f"<b>{say(line, values)}</b>", "section.heading", spaceBefore=0) for line in cover.heading]
    own = values.get("code")  # the paper's own code (its option's: 8145/1A/C) over the profile's (8145/1A)
    words = text.literal(own) if own else say(cover.code, values) if cover.code else ""
    code = ctx.para(f"<b>{words}</b>", "section.heading", alignment=TA_RIGHT) if words else ""
    table = Table([[lines, code]], colWidths=[ctx.text_width() * 0.65, ctx.text_width() * 0.35])
    table.setStyle(ctx.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("LINEBELOW", (0, 0), (-1, 0), 1.2, HexColor("#000000"))]))
    return parts + [table, Spacer(1, 3 * MM)]


def _block(title: str, items: list[str], ctx) -> list[Flowable]:
    style = ctx.style("instructions")
    out: list[Flowable] = [ctx.para(f"<b>{text.literal(title)}</b>", "section.heading", keepWithNext=1)]
    for item in items:
        out.append(ctx.para(item, "instructions", leftIndent=5 * MM, bulletIndent=0, bulletText="•",
                            bulletFontName=style.fontName, bulletFontSize=style.fontSize, spaceBefore=1))
    return out


def _total_box(cover, ctx) -> Table:
    """A box for the paper's total, its label beside it (Pearson Edexcel's "Total Marks")."""
    side = max(16 * MM, ctx.style("question.marks").fontSize * 3)
    label = ctx.para(f"<b>{text.literal(cover.total_box)}</b>", "question.marks", alignment=TA_RIGHT)
    width = fonts_width(cover.total_box, ctx.style("question.marks")) + 4 * MM
    table = Table([[label, ""]], colWidths=[width, side * 1.6], rowHeights=[side])
    table.setStyle(ctx.table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                                    ("BOX", (1, 0), (1, 0), 1.2, HexColor("#000000"))]))
    return table


def _examiner_table(heading: str, sheet, ctx) -> Table:
    """Each question's number with an empty cell for its mark, and the total."""
    rows: list[list] = [[ctx.para(f"<b>{text.literal(heading)}</b>", "question.label", alignment=TA_CENTER), ""],
                        [ctx.para(f"<b>{ctx.say('cover.question')}</b>", "question.label", alignment=TA_CENTER),
                         ctx.para(f"<b>{ctx.say('cover.mark')}</b>", "question.label", alignment=TA_CENTER)]]
    for number, _section, _q in sheet.numbered(ctx.tier):
        rows.append([ctx.para(ctx.number_text(number), "question.option", alignment=TA_CENTER), ""])
    rows.append([ctx.para(f"<b>{ctx.say('cover.total-caps')}</b>", "question.option", alignment=TA_CENTER), ""])
    widths = [ctx.grown(w, "question.label", most=0.3) for w in (28 * MM, 24 * MM)]
    table = Table(rows, colWidths=widths, hAlign="RIGHT")
    table.setStyle(ctx.table_style([
        ("SPAN", (0, 0), (-1, 0)), ("GRID", (0, 0), (-1, -1), 0.8, HexColor("#000000")),
        ("BACKGROUND", (0, 0), (-1, 1), ctx.shade("#e8e8e8")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (0, -1), (-1, -1), 1.4, HexColor("#000000")),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table
