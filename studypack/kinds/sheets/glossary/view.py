"""How a glossary page prints: the pack's key terms in alphabetical order, for students to keep."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Spacer, Table

from studypack.media import text
from studypack.base.units import MM
from studypack.views.toolkit import Balanced, widest_word


def opening(title: str, sheet, pack, ctx) -> list:
    parts = [ctx.para(text.inline(title), "title"),
             ctx.para(f"{text.literal(text.plain(pack.subject))} · {text.literal(text.plain(pack.level))}", "subtitle")]
    if sheet is not None and sheet.instructions_for(ctx.tier):
        parts.extend(ctx.paras(sheet.instructions_for(ctx.tier), "instructions"))
    parts.append(Spacer(1, 4 * MM))
    return parts


LARGE = 16  # points: above this text size (large print, 18 pt and over) each term heads its definition, set the full width


def body(pack, ctx) -> list:
    terms = sorted(pack.glossary.items(), key=lambda item: text.plain(item[0]).casefold())
    if not terms:
        return [ctx.para(ctx.say("glossary.none"), "body")]
    if ctx.layout.minimum_text_size > LARGE:
        return _listed(terms, ctx)
    rows = [[ctx.para(_term(term), "glossary.term"), ctx.para(text.inline(meaning), "glossary.definition")]
            for term, meaning in terms]
    term = max(ctx.grown(42 * MM, "glossary.term"), max(widest_word(t) for t, _m in rows))  # no term broken mid-word
    table = Table(rows, colWidths=[term, None])
    table.setStyle(ctx.table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -2), ctx.layout.tables.divider_weight, HexColor(ctx.layout.tables.divider_colour)),
    ]))
    return [Balanced(table, ctx.text_height())]  # no last page holds only a term or two


def _listed(terms, ctx) -> list:
    """Large print: each term run in before its definition, in the term's larger size (the text
    is all bold), its definition taking the whole width after it, a rule between entries rather
    than a blank line (a term over its definition, a gap under each, took a page for two or
    three terms); an entry never breaks across pages."""
    size = ctx.style("glossary.term").fontSize
    rows = [[ctx.para(f'<font size="{size:g}">{_term(term)}</font>\u2002{text.inline(meaning)}', "glossary.definition")]
            for term, meaning in terms]
    table = Table(rows, colWidths=[None])
    table.setStyle(ctx.table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LINEBELOW", (0, 0), (-1, -2), ctx.layout.tables.divider_weight, HexColor(ctx.layout.tables.divider_colour)),
    ]))
    return [Balanced(table, ctx.text_height())]  # no last page holds only a term or two


def compose(sheet, pack, ctx) -> list:
    return opening(sheet.title, sheet, pack, ctx) + body(pack, ctx)


def _term(term: str) -> str:
    """A term of three words or more never leaves its last word alone on a line ("Great
    Terror (Great / Purge)"): its last two go down together (the column widens to hold them)."""
    markup = text.inline(term)
    return text.tie_last(markup) if len(text.plain(term).split()) >= 3 else markup
