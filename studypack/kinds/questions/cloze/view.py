"""How a gap-fill (cloze) question prints: an optional word bank, then the text with numbered
gaps of one length (so the length gives nothing away); the key prints the answers in bold."""

from __future__ import annotations

import re

from reportlab.platypus import FrameBreak, KeepTogether, Spacer

from studypack.media import text
from studypack.kinds.questions.cloze.spec import GAP, bank, gaps
from studypack.views.paragraph import Paragraph  # font fallback and $maths$, as every paragraph of user text
from studypack.views.split_state import CarriedText
from studypack.views.toolkit import fonts_width, keep_with_stem

OPEN = 0.5  # the most of a page a question may leave empty by going on whole to the next
GAP_SHARE = 0.4  # the most of a line one numbered gap takes, so gaps never stand alone on lines


def question(ctx, number: int, q, opening: list) -> list:
    """The stem, word bank and passage kept on one page where they fit one, as a publisher of
    modified papers sets a gap-fill: the words to choose from in sight of the gaps."""
    gap = ctx.question_gap()
    lead = opening + [Spacer(1, gap)] if opening else []
    body = ctx.labelled(ctx.body(q), number)
    if ctx.key:  # the teacher reads the answers: the key's passage breaks where its page ends, as any question's
        head, tail = keep_with_stem(body)
        return [Spacer(1, gap if not opening else 0), ctx.keep(lead + [ctx.stem(number, q)] + head)] + tail
    return [Spacer(1, gap if not opening else 0), _Whole(lead + [ctx.stem(number, q)] + body, ctx.text_height())]


class _Whole(KeepTogether):
    """The question on one page where it fits one, unless moving it on would leave more than
    OPEN of this page empty (the first question under a sheet's opening): then it breaks in its
    passage, which goes on headed (see `Passage`)."""

    def __init__(self, flowables, page_room: float):
        super().__init__(flowables)
        self.page_room = page_room

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        if self._H > ah and ah > OPEN * self.page_room:
            return list(self._content)
        return super().split(aw, ah)


class Passage(CarriedText, Paragraph):
    """A paragraph of the passage. Where it must break across pages (a passage taller than a
    page, or the first question under a sheet's opening), the part carried over starts the next
    page under "Question N continued". (Repeating the word bank there too costs each large-print
    quick-checks sheet a page.)"""

    def split(self, aw, ah):
        pieces = super().split(aw, ah)
        if len(pieces) != 2 or not self.carry.shown:
            return pieces
        first, rest = pieces
        rest.carried_as(self.carry)
        return [first, FrameBreak(), Paragraph(self.carry.label, self.carry.style), rest]


def student(q, ctx) -> list:
    parts = [ctx.word_bank(bank(q))] if q.word_bank else []
    parts.append(_running_text(ctx, q.text, [a[0] for a in gaps(q)], show=False))
    return parts


def key(q, ctx) -> list:
    parts = [_running_text(ctx, q.text, [a[0] for a in gaps(q)], show=True)]
    also = [ctx.say("key.gap-also", gap=i, words=", ".join(a[1:])) for i, a in enumerate(gaps(q), start=1) if len(a) > 1]
    if also:
        parts.append(ctx.key_list(ctx.say("key.also-accept"), also))
    if q.word_bank and q.distractors:
        parts.append(ctx.key_text(ctx.say("key.distractors"), ", ".join(q.distractors)))
    return parts


def _running_text(ctx, user_text: str, answers: list[str], show: bool) -> list:
    style = ctx.style("question.option")
    room = ctx.text_width() - ctx.number_width
    space = fonts_width("\xa0", style) or style.fontSize * 0.25
    # as long as the longest answer (so the length gives nothing away), but never so long that a
    # numbered gap cannot share a line with the words around it
    width = min(max(10, min(22, max(len(a) for a in answers) + 3)) * 2, int(GAP_SHARE * room / space))
    counter = iter(range(1, len(answers) + 1))

    def fill(match: re.Match) -> str:
        # the gap's number on the baseline, bound to its gap by a no-break space: "(3)" never ends
        # a line with its gap on the next, nor reads as a line of its own raised above the text
        number = f"<b>({next(counter)})</b>\xa0"
        if show:
            return f"{number}<u><b>{match.group(1).split('|')[0].strip()}</b></u>"
        # a solid rule (underlined no-break spaces), never dashes: letter-spaced layouts part underscores
        return f"{number}<u>{chr(0xa0) * width}</u>"

    out = []
    for paragraph in text.paragraphs(user_text):
        made = ctx.para(GAP.sub(fill, paragraph), "question.option",
                        leftIndent=ctx.number_width, spaceBefore=3, leading=max(22, style.fontSize * 1.9))
        out.append(Passage(made.text, made.style))
    return out
