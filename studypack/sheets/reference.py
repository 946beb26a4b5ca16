"""The reference pages: the pack's glossary and a drawn timeline, for students to keep."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from .. import text

MM = 72 / 25.4
TITLE = "Glossary and timeline"


def wanted(pack) -> bool:
    return bool(pack.glossary or pack.timeline)


def compose(pack, ctx) -> list:
    parts = [ctx.para(TITLE, "title"),
             ctx.para(f"{text.literal(text.plain(pack.subject))} · {text.literal(text.plain(pack.level))}", "subtitle"),
             Spacer(1, 4 * MM)]
    if pack.glossary:
        parts.append(ctx.para("Glossary", "section.heading"))
        rows = [[ctx.para(text.inline(term), "glossary.term"), ctx.para(text.inline(meaning), "glossary.definition")]
                for term, meaning in sorted(pack.glossary.items(), key=lambda item: text.plain(item[0]).casefold())]
        table = Table(rows, colWidths=[_column(ctx, 42 * MM, "glossary.term"), None])
        table.setStyle(ctx.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, HexColor("#cccccc")),
        ]))
        parts += [table, Spacer(1, 6 * MM)]
    if pack.timeline:
        rows = [[ctx.para(text.inline(event.date), "timeline.date", alignment=2), _Dot(),
                 ctx.para(text.inline(event.event), "timeline.event")] for event in pack.timeline]
        table = Table(rows, colWidths=[_column(ctx, 50 * MM, "timeline.date"), 8 * MM, None])
        table.setStyle(ctx.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEAFTER", (0, 0), (0, -1), 1.5, HexColor("#777777")),
        ]))
        parts += [KeepTogether([ctx.para("Timeline", "section.heading"), Spacer(1, 2 * MM)]), table]
    return parts


def _column(ctx, width: float, style: str) -> float:
    """A label column's width, grown with its text size (large print), at most 40 % of the page."""
    grown = width * max(1.0, ctx.style(style).fontSize / 10.5)
    return min(grown, 0.4 * ctx._text_width())


class _Dot(Flowable):
    """A marker on the timeline's line, level with the first line of the event."""

    def wrap(self, aw, ah):
        return 0, 8

    def draw(self):
        c = self.canv
        c.setFillColor(HexColor("#ffffff"))
        c.setStrokeColor(HexColor("#333333"))
        c.setLineWidth(1.2)
        c.circle(0, 4, 3.2, stroke=1, fill=1)
