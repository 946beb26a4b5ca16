"""How a gap-fill (cloze) question prints: an optional word bank, then the text with numbered
gaps of one length (so the length gives nothing away); the key prints the answers in bold."""

from __future__ import annotations

import re
from typing import Callable

from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Spacer

from studypack.media import text
from studypack.kinds.questions.cloze.spec import GAP, bank, gaps
from studypack.views.paragraph import Paragraph  # font fallback and $maths$, as every paragraph of user text
from studypack.views import exercises
from studypack.views.split_state import CarriedText
from studypack.views.toolkit import fonts_width, keep_with_stem

OPEN = 0.5  # the most of a page a question may leave empty by going on whole to the next
SLACK = 4.0  # points: see Passage.split
REPEATED = "question.word-bank-repeated"  # "Word bank (repeated)": over a large-print passage's part overleaf
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
    return [Spacer(1, gap if not opening else 0),
            _Whole(lead + [ctx.stem(number, q)] + body, ctx.text_height(), ctx.exercises_whole())]


class _Whole(KeepTogether):
    """The question on one page where it fits one, unless moving it on would leave more than
    OPEN of this page empty (the first question under a sheet's opening): then it breaks in its
    passage, which goes on headed (see `Passage`). In large print (`whole`) only one taller
    than a page breaks so."""

    def __init__(self, flowables, page_room: float, whole: bool = False):
        super().__init__(flowables)
        self.page_room, self.whole = page_room, whole

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        fits = self._H <= self.page_room
        if self._H > ah and ah > OPEN * self.page_room and not (self.whole and fits):
            return list(self._content)
        return super().split(aw, ah)


class Passage(CarriedText, Paragraph):
    """A paragraph of the passage. Where it must break across pages (a passage taller than a
    page, or the first question under a sheet's opening), the part carried over starts the next
    page under "Question N continued"; in large print (`questions.whole`) under the word bank
    again, "Word bank (repeated)", so no gap is read without the words to choose from."""

    repeat: Callable[[], Flowable] | None = None  # makes the repeated word bank
    moved = False  # this paragraph already went on whole under the repeated bank

    def split(self, aw, ah):
        # a little room to spare: the part kept here is placed in what its question leaves of the
        # page, a few points less than it was split for, and must not split again there (its
        # last line then went over alone, a page of it before the rest)
        pieces = super().split(aw, ah - SLACK if self.carry.shown else ah)
        if not self.carry.shown:
            return pieces
        if not pieces and self.repeat is not None and not self.moved:
            self.moved = True  # the page ends between paragraphs: this one goes on under the bank
            return [FrameBreak(), *self._overleaf(self, aw), self]
        if len(pieces) != 2:
            return pieces
        first, rest = pieces
        rest.carried_as(self.carry)
        rest.repeat, rest.moved = self.repeat, False
        return [first, FrameBreak(), *self._overleaf(rest, aw), rest]

    def _overleaf(self, rest: Paragraph | None = None, aw: float = 0) -> list[Flowable]:
        """What heads the passage's part on the next page: "Question N continued", and the word
        bank where it is repeated and that part has a gap."""
        label = exercises.announces(Paragraph(self.carry.label, self.carry.style))
        if self.repeat is None or rest is not None and not _has_gap(rest, aw):
            return [label]
        return [label, self.repeat(), Spacer(1, 2)]


def _has_gap(paragraph: Paragraph, aw: float) -> bool:
    """Whether a part of the passage prints a numbered gap ("(4)")."""
    paragraph.wrap(aw, 1e6)
    lines = paragraph.blPara.lines
    words = " ".join(" ".join(str(getattr(w, "text", w)) for w in (line[1] if isinstance(line, tuple) else line.words))
                     for line in lines)
    return GAP_NUMBER.search(words) is not None


GAP_NUMBER = re.compile(r"\(\d+\)")
NUMBER = re.compile(r"[-+\u2212]?\d+(?:[.,/]\d+)?")  # a gap's answer that is a number ("2", "0.5", "-3")
LEAST_WORDS, LEAST_NUMBERS = 10, 5  # the shortest a gap is (in pairs of spaces): where any answer is words, where all are numbers


def _least(answers: list[str]) -> int:
    """The shortest every gap of the passage is: room for a word or two, so a short word's gap is as
    long as a long word's; where every gap takes a number (a coefficient), room for a number,
    which says nothing the prompt ("Write a number in each gap") does not."""
    return LEAST_NUMBERS if all(NUMBER.fullmatch(a.strip()) for a in answers) else LEAST_WORDS


def student(q, ctx) -> list:
    parts = [ctx.word_bank(bank(q))] if q.word_bank else []
    passage = _running_text(ctx, q.text, [a[0] for a in gaps(q)], show=False)
    if q.word_bank and ctx.exercises_whole():
        for paragraph in passage:
            paragraph.repeat = lambda: ctx.word_bank(bank(q), ctx.say(REPEATED))
    parts.append(passage)
    return parts


def key(q, ctx) -> list:
    parts = [_running_text(ctx, q.text, [a[0] for a in gaps(q)], show=True)]
    also = [ctx.say("key.gap-also", gap=i, words=", ".join(a[1:])) for i, a in enumerate(gaps(q), start=1) if len(a) > 1]
    if also:
        parts.append(ctx.key_list(ctx.say("key.also-accept"), also))
    if q.word_bank and q.distractors:
        if also:  # the distractors never go on alone under "continued": the last accepted answer goes with them
            parts[-1][-1].keepWithNext = 1
        parts.append(ctx.key_text(ctx.say("key.distractors"), ", ".join(q.distractors)))
    return parts


def _running_text(ctx, user_text: str, answers: list[str], show: bool) -> list:
    style = ctx.style("question.option")
    room = ctx.text_width() - ctx.number_width
    space = fonts_width("\xa0", style) or style.fontSize * 0.25
    # as long as the longest answer (so the length gives nothing away), but never so long that a
    # numbered gap cannot share a line with the words around it
    width = min(max(_least(answers), min(22, max(len(a) for a in answers) + 3)) * 2, int(GAP_SHARE * room / space))
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
