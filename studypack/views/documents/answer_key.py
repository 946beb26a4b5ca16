"""The answer key: every question sheet's questions with the same numbers and marks as the
student sheets, correct options ticked, model answers, mark schemes, and totals per
section, sheet and pack (for the build's tier)."""

from __future__ import annotations

from typing import Sequence

from reportlab.platypus import CondPageBreak, Spacer, Table

from studypack.media import text
from studypack.spec import references
from studypack.spec.fields import in_tier
from studypack.base.units import MM
from studypack.views.paragraph import Paragraph
from studypack.views.composer import marks_words
from studypack.views.toolkit import Indented, fonts_width

KIND = "key"


def _question_sheets(pack, order):
    indexes = order if order is not None else range(len(pack.sheets))
    return [pack.sheets[i] for i in indexes if pack.sheets[i].all_questions]


def compose(pack, ctx, order=None, note: str = "", select=None, heading: str = "") -> list:
    """The whole key; `note` (markup) goes under the subtitle. With `select` (a set of
    sheet ids), only those sheets' mark schemes, numbered as in the whole key, under
    `heading` instead of the title and summary (a class set's per-variant mark schemes)."""
    sheets = _question_sheets(pack, order)
    tier = getattr(ctx, "tier", None)
    if select is not None:
        parts = [ctx.para(heading, "title")] + ([ctx.para(note, "subtitle")] if note else [])
        for number, sheet in enumerate(sheets, start=1):
            if sheet.id in select:
                parts += sheet_scheme(sheet, number, ctx, tier)
        return parts
    subtitle = f"Answer key and mark scheme · {text.literal(text.plain(pack.subject))} · {text.literal(text.plain(pack.level))}"
    if tier:
        subtitle += f" · {tier.capitalize()} tier"
    parts = [ctx.para(text.inline(pack.title), "title"), ctx.para(subtitle, "subtitle")]
    if note:
        parts.append(ctx.para(note, "subtitle"))
    parts += [Spacer(1, 3 * MM), _summary(sheets, ctx, tier), Spacer(1, 4 * MM)]
    totals = []
    for label, t in _tiers(sheets, tier):
        spag = sum(s.spag_for(t) for s in sheets if in_tier(s, t))
        totals.append(ctx.total_line(f"Total for the pack{label}", sum(s.total_for(t) for s in sheets if in_tier(s, t)) - spag, spag))
    for number, sheet in enumerate(sheets, start=1):
        parts += sheet_scheme(sheet, number, ctx, tier, [Spacer(1, 4 * MM)] + totals if number == len(sheets) else [])
    return parts


TIER_NAMES = ("foundation", "higher")


def _tiers(sheets, tier) -> list[tuple[str, str | None]]:
    """(label suffix, tier) for the totals: one per tier where a key without a tier covers
    tiered sheets (whose totals differ by tier), else the key's own."""
    if tier is None and any(s.tiered for s in sheets):
        return [(f" ({t.capitalize()} tier)", t) for t in TIER_NAMES]
    return [("", tier)]


def _marks(sheet, tier, short: bool = False) -> str:
    """A sheet's marks: one number, or each tier's where they differ ("Foundation 9, Higher 11";
    short: "F 9, H 11")."""
    if tier is None and sheet.tiered:
        return ", ".join(f"{t[0].upper() if short else t.capitalize()}\xa0{sheet.total_for(t)}" for t in TIER_NAMES)
    return str(sheet.total_for(tier))


def _apart(tier_letter: str, total: int, spag: int, under: bool = False) -> str:
    """A total as the key's headings give it, SPaG apart: "F 151 + 4 SPaG", "27 + 4 SPaG", "26";
    `under`: the SPaG marks may go to the next line ("F 151 / + 4 SPaG")."""
    words = f"{tier_letter}\xa0{total - spag}" if tier_letter else str(total - spag)
    return words + (f"{' ' if under else chr(160)}+\xa0{spag}\xa0SPaG" if spag else "")


def _short_marks(sheet, tier, under: bool = False) -> str:
    """A sheet's marks in the summary table, in the form of its heading ("27 + 4 SPaG"; "F 9, H 11")."""
    if tier is None and sheet.tiered:
        return ", ".join(_apart(t[0].upper(), sheet.total_for(t), sheet.spag_for(t), under) for t in TIER_NAMES)
    return _apart("", sheet.total_for(tier), sheet.spag_for(tier), under)


def _marks_apart(sheet, tier) -> str:
    """A sheet's marks for its heading, SPaG apart where it has some: "48 marks + 4 SPaG"."""
    spag = sheet.spag_for(tier)
    if not spag or (tier is None and sheet.tiered):
        return f"{_marks(sheet, tier)}\xa0marks"
    return marks_words(sheet.total_for(tier) - spag, spag)


def sheet_scheme(sheet, number: int, ctx, tier, after: Sequence = ()) -> list:
    """One sheet's part of the key: heading with marks, its sources, its questions, its total
    (and `after` it, the pack's totals), the totals kept on the page of the last question."""
    parts = list(ctx.section_heading(f"{number}. {text.inline(sheet.title)} — {_marks_apart(sheet, tier)}",
                                     "key.heading"))
    if tier is None and sheet.tiered:
        parts.append(ctx.para("Printed in two versions, Foundation and Higher, each numbering its questions 1, 2, 3…: "
                              "where a question’s number differs between them, or it is in one tier only, F and H give "
                              "its number on each tier’s paper (F3 / H4: Foundation question 3, Higher question 4).",
                              "key.label"))
    if sheet.sources:
        named = [ctx.pack.source(letter) for letter in sheet.sources]
        if any(source.label or source.name != f"Source {source.letter}" for source in named):  # "Sources A and B and Figure 1"
            parts.append(ctx.para(text.literal(references.phrase([source.name for source in named])), "key.label"))
        else:
            letters = ", ".join(sheet.sources)
            parts.append(ctx.para(f"Sources {letters}" if len(sheet.sources) > 1 else f"Source {letters}", "key.label"))
    totals: list = [Spacer(1, 3 * MM)]
    for label, t in _tiers([sheet], tier):
        spag = sheet.spag_for(t)
        totals.append(ctx.total_line(f"Total for {text.plain(sheet.title)}{label}", sheet.total_for(t) - spag, spag))
    # the heading, its preamble and sources go on the page with the first question's start: kept
    # in one block with it, never left at a page's foot with the question overleaf
    breaks = [f for f in parts if isinstance(f, CondPageBreak)]
    lead = [f for f in parts if not isinstance(f, CondPageBreak)]
    body = ctx.questions(sheet, lead)
    parts = breaks + list(ctx.closed(body, totals + list(after), ends=bool(after)))
    parts.append(Spacer(1, 4 * MM))
    return parts


def _summary(sheets, ctx, tier) -> Table:
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    totals = [(t, sum(s.total_for(t) for s in sheets if in_tier(s, t)), sum(s.spag_for(t) for s in sheets if in_tier(s, t)))
              for _label, t in _tiers(sheets, tier)]
    # wide enough for each tier's total on a line of its own, up to a third of the page; where
    # that is too narrow (large print) the SPaG marks go under the total ("F 151 / + 4 SPaG")
    # rather than crush the sheets' titles (wider, "Confessions" broke inside the word)
    room = ctx.text_width() / 3
    widest = max(fonts_width(_apart((t or "")[:1].upper(), total, spag), cell) for t, total, spag in totals) * 1.1 + 12
    under = widest > room
    marks = max(32 * MM if len(totals) > 1 else 20 * MM, min(widest, room))
    rows = [[Paragraph("Sheet", label), Paragraph("Questions", label), Paragraph("Marks", label)]]
    count = 0
    for number, sheet in enumerate(sheets, start=1):
        questions = len(sheet.numbered(tier))
        count += questions
        rows.append([Paragraph(f"{number}. {text.inline(sheet.title)}", cell),
                     Paragraph(str(questions), cell), Paragraph(_short_marks(sheet, tier, under), cell)])
    said = ", ".join(_apart((t or "")[:1].upper(), total, spag, under) for t, total, spag in totals)  # parts after a comma
    rows.append([Paragraph("<b>Total</b>", cell), Paragraph(f"<b>{count}</b>", cell), Paragraph(f"<b>{said}</b>", cell)])
    count_width = fonts_width("Questions", label) * 1.1 + 12  # as narrow as its heading: the sheets' titles get the room
    # a table carried to a second page says again what its columns are
    table = Table(rows, colWidths=[None, count_width, marks], repeatRows=1)
    table.setStyle(ctx.table_style([
        *ctx.table_rules(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return Indented(table, 0)  # the number columns widen to hold "Questions" in large print


def parts(document, job):
    ctx = job.composer(key=True)
    info = {"id": "answer-key", "title": "Answer key", "kind": "answer-key", "total": job.pack.total_for(job.tier)}
    return [(info, compose(job.pack, ctx, document.sheets))], ctx
