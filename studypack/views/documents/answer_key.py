"""The answer key: every question sheet's questions with the same numbers and marks as the
student sheets, correct options ticked, model answers, mark schemes, and totals per
section, sheet and pack (for the build's tier)."""

from __future__ import annotations

from typing import Sequence

from reportlab.platypus import CondPageBreak, Spacer, Table

from studypack.media import text
from studypack.spec import key_totals, references
from studypack.base.units import MM
from studypack.views.paragraph import Paragraph
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
    facts = [ctx.say("key.subtitle"), text.literal(text.plain(pack.subject)), text.literal(text.plain(pack.level))]
    subtitle = text.separated(facts + ([ctx.say(f"tier.{tier}-tier")] if tier else []))
    parts = [ctx.para(text.inline(pack.title), "title"), ctx.para(subtitle, "subtitle")]
    if note:
        parts.append(ctx.para(note, "subtitle"))
    parts += [Spacer(1, 3 * MM), _summary(sheets, ctx, tier), Spacer(1, 4 * MM)]
    totals = [ctx.total_line(*line) for line in key_totals.pack_lines(ctx.say("key.total-pack"), sheets, tier, ctx.say)]
    for number, sheet in enumerate(sheets, start=1):
        parts += sheet_scheme(sheet, number, ctx, tier, [Spacer(1, 4 * MM)] + totals if number == len(sheets) else [])
    return parts


# the totals' words are composed once, for the PDF and the Word key (`spec.key_totals`)
TIER_NAMES = key_totals.TIER_NAMES
_tiers, _marks, _apart = key_totals.tiers, key_totals.sheet_marks, key_totals.apart
_short_marks, _marks_apart = key_totals.short_marks, key_totals.heading_marks


def _key_name(source, say) -> str:
    """A source as the key names it: as the paper prints it; one the paper prints unlabelled
    (`label: none`: AQA's extract) by its title, so the key never names what the paper does not."""
    printed = source.printed_name_in(say)
    title = getattr(source, "title", None)
    return printed or (text.plain(title) if title else source.name_in(say))


def _tied(marks: str) -> str:
    """Short marks ("14 marks") kept on one line with the dash before them; a long one
    ("Foundation 9, Higher 11 marks", both languages) may break within, as a tie wider than a
    large-print line would part anywhere, leaving "marks" alone."""
    return marks.replace(" ", "\u00a0") if len(marks) <= 20 else marks


def sheet_scheme(sheet, number: int, ctx, tier, after: Sequence = ()) -> list:
    """One sheet's part of the key: heading with marks, its sources, its questions, its total
    (and `after` it, the pack's totals), the totals kept on the page of the last question."""
    heading = ctx.say.alone("key.sheet-heading", number=number, title=text.tie_last(text.inline(sheet.title)),
                            marks=_tied(_marks_apart(sheet, tier, ctx.say)))  # in both languages
    parts = list(ctx.section_heading(heading, "key.heading"))
    if tier is None and sheet.tiered:
        parts.append(ctx.para(ctx.say("key.two-tiers"), "key.label"))
    # the texts the sheet's questions are marked against; a figure or table (`NUMBERED`: "Figure 1")
    # is left out: its questions name it, and on its own line under the heading it read as a
    # caption without its picture
    read = [letter for letter in sheet.sources if not ctx.pack.source(letter).NUMBERED]
    if read:
        named = [ctx.pack.source(letter) for letter in read]
        if any(source.label or source.name != f"Source {source.letter}" for source in named):  # "Sources A and B and Figure 1"
            parts.append(ctx.para(ctx.say.composed(lambda say: text.literal(references.phrase(
                [_key_name(source, say) for source in named], say))), "key.label"))
        else:
            letters = ", ".join(read)
            parts.append(ctx.para(f"{ctx.say('noun.source', len(read))} {letters}", "key.label"))
    totals: list = [Spacer(1, 3 * MM)]
    totals += [ctx.total_line(*line) for line in key_totals.total_lines(ctx.say("key.total-for", title=text.plain(sheet.title)), [sheet], tier, ctx.say)]
    # the heading, its preamble and sources go on the page with the first question's start: kept
    # in one block with it, never left at a page's foot with the question overleaf
    breaks = [f for f in parts if isinstance(f, CondPageBreak)]
    lead = [f for f in parts if not isinstance(f, CondPageBreak)]
    body = ctx.questions(sheet, lead)
    closing = totals + list(after)
    for line in closing[:-1]:  # where the closing lines flow (their block taller than a page), the
        line.keepWithNext = 1  # pack's total never goes on alone (physics, large-print-36)
    parts = breaks + list(ctx.closed(body, closing, ends=bool(after)))
    parts.append(Spacer(1, 4 * MM))
    return parts


def _summary(sheets, ctx, tier) -> Table:
    label, cell = ctx.style("key.label"), ctx.style("key.answer")
    totals = key_totals.pack_totals(sheets, tier)
    # wide enough for each tier's total on a line of its own, up to a third of the page; where
    # that is too narrow (large print) the SPaG marks go under the total ("F 151 / + 4 SPaG")
    # rather than crush the sheets' titles (wider, "Confessions" broke inside the word)
    room = ctx.text_width() / 3
    say = ctx.say
    widest = max(fonts_width(_apart(say(f"tier.{t}-letter") if t else "", total, spag, say=say), cell)
                 for t, total, spag in totals) * 1.1 + 12
    under = widest > room
    marks = max(32 * MM if len(totals) > 1 else 20 * MM, min(widest, room))
    rows = [[Paragraph(say("key.sheet"), label), Paragraph(say("key.questions"), label), Paragraph(say("key.marks"), label)]]
    count = 0
    for number, sheet in enumerate(sheets, start=1):
        questions = len(sheet.numbered(tier))
        count += questions
        rows.append([Paragraph(f"{number}. {text.inline(sheet.title)}", cell),
                     Paragraph(str(questions), cell), Paragraph(_short_marks(sheet, tier, under, say), cell)])
    said = key_totals.summary_total(sheets, tier, under, say)  # parts after a comma
    rows.append([Paragraph(f"<b>{say('key.total')}</b>", cell), Paragraph(f"<b>{count}</b>", cell), Paragraph(f"<b>{said}</b>", cell)])
    count_width = fonts_width(say("key.questions"), label) * 1.1 + 12  # as narrow as its heading: the sheets' titles get the room
    # a table carried to a second page says again what its columns are
    table = Table(rows, colWidths=[None, count_width, marks], repeatRows=1)
    table.setStyle(ctx.table_style([
        *ctx.table_rules(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return Indented(table, 0)  # the number columns widen to hold "Questions" in large print


def parts(document, job):
    ctx = job.composer(key=True)
    info = {"id": "answer-key", "title": ctx.say("key.title"), "kind": "answer-key", "total": job.pack.total_for(job.tier)}
    return [(info, compose(job.pack, ctx, document.sheets))], ctx
