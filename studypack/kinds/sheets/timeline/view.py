"""How a timeline page prints: the pack's events on a time axis drawn to scale, each event a dot on
the axis with its date and description beside it, under a line saying it is to scale (large
print: a list in date order, saying it is a list). A timeline carried over a page is headed
"... (continued)" there, with a caption saying whether it keeps the scale of the page before;
a layout asking for left alignment (dyslexia) sets the left-hand entries flush left too."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, Spacer

from studypack.media import text
from studypack.base.units import MM
from studypack.views.drawing import Timeline, scale_change, when
from studypack.views.toolkit import RuledList, widest_word
from studypack.kinds.sheets.glossary import view as glossary


def body(pack, ctx, title: str | None = None) -> list:
    title = ctx.say("reference.timeline") if title is None else title
    if not pack.timeline:
        return [ctx.para(ctx.say("timeline.none"), "body")]
    times = [when(event.date) for event in pack.timeline]
    dated = not any(t is None for t in times)
    if ctx.layout.minimum_text_size > 12:  # large print: a plain list, as modified papers simplify diagrams
        return [ctx.para(ctx.say("timeline.list-dated" if dated else "timeline.list-given"), "instructions"),
                Spacer(1, 2 * MM)] + _listed(pack, ctx, times if dated else None)
    if not dated:  # undated entries: keep the teacher's order, evenly spaced
        times = list(range(len(times)))
    events = sorted(zip(times, range(len(times)), pack.timeline))
    size = _smallest(ctx, "timeline.label")
    small = {"fontSize": size, "leading": size * 1.28} if size < ctx.style("timeline.event").fontSize else {}
    rows: list[tuple] = [(t, ctx.para(text.inline(e.date), "timeline.date", **small),
             ctx.para(text.tie_last(text.inline(e.event)), "timeline.event", **small))  # never one word alone on a line
            for t, _i, e in events]
    font, label_size = ctx.style("body").fontName, _smallest(ctx, "timeline.axis")
    years = all(isinstance(t, float) for t in times)
    # the room a timeline page leaves under its heading, introduction and this caption
    change = scale_change(rows, font, label_size, ctx.text_width(), min(235 * MM, ctx.text_height() - OPENING)) \
        if years else None
    caption = _caption(dated, change, ctx.say)
    line = Timeline(rows, font, years=years, label_size=label_size, change=change, flush_left=_flush_left(ctx),
                    titles=(text.inline(title), ctx.style("section.heading"), ctx.style("instructions"), ctx.say))
    room = ctx.text_height() - OPENING
    if ctx.style("body").fontSize >= 12 and line.wrap(ctx.text_width(), room)[1] > room + 0.01:
        # at 12 pt (dyslexia) a line too long for one page would run over pages at more than one
        # scale: a list in date order reads better than a line whose scale changes from page to page
        return [ctx.para(ctx.say("timeline.too-many-dated" if dated else "timeline.too-many-given"), "instructions"),
                Spacer(1, 2 * MM)] + _listed(pack, ctx, times if dated else None)
    return [ctx.para(caption, "instructions"), Spacer(1, 2 * MM), line]


OPENING = 45 * MM  # what a timeline page's heading, introduction and caption take above the line


def _flush_left(ctx) -> bool:
    """Whether the layout asks for its text left aligned (`align: left` on its body or timeline
    styles, as dyslexia does): the left-hand entries are then not mirrored flush right."""
    styles = [ctx.layout.styles.get(name) for name in ("body", "timeline.date", "timeline.event")]
    return any(style is not None and style.align == "left" for style in styles)


def _caption(dated: bool, change: tuple[int, int] | None, say) -> str:
    """What the line under the heading says about the scale, true to how it is drawn."""
    if not dated:
        return say("timeline.in-order")
    if change is None:
        return say("timeline.to-scale")
    year, times = change
    return say("timeline.scale-changes", year=year, times=times,
               count=say(f"number.{times}") if 2 <= times <= 10 else str(times))


def _smallest(ctx, style: str) -> float:
    """The size a drawn timeline's small text takes (`timeline.label` for its entries,
    `timeline.axis` for its years): the style's, never below 12 pt where the layout's body
    is 12 pt or more (dyslexia)."""
    body = ctx.style("body").fontSize
    return max(ctx.style(style).fontSize, 12.0 if body >= 12 else 0.0)


def compose(sheet, pack, ctx) -> list:
    return glossary.opening(sheet.title, sheet, pack, ctx) + body(pack, ctx, sheet.title)


def _listed(pack, ctx, times=None):
    """The events as a list, by date where every date can be read (`times`), else as given."""
    events = [e for _t, _i, e in sorted(zip(times, range(len(times)), pack.timeline))] if times else pack.timeline
    rows = [[ctx.para(text.inline(e.date), "timeline.date"), ctx.para(text.tie_last(text.inline(e.event)), "timeline.event")]
            for e in events]
    column = ctx.grown(50 * MM, "timeline.date")
    stacked = max(widest_word(date) for date, _e in rows) > column  # a date would break mid-word: it stands above
    if stacked:
        rows = [[[date, event]] for date, event in rows]
    widths = [None] if stacked else [column, None]
    # the last two entries stay together: no page holds a single entry at the end
    cut = len(rows) - 2 if len(rows) > 3 else len(rows)
    out = []
    for chunk, last in ((rows[:cut], cut == len(rows)), (rows[cut:], True)):
        if not chunk:
            continue
        table = RuledList(chunk, colWidths=widths)
        table.setStyle(ctx.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, -2 if last else -1), 0.8, HexColor("#777777")),
        ]))
        out.append(table)
    if len(out) == 2:
        out[1] = KeepTogether([out[1]])
    return out
