"""The composer: turns the typed pack into Platypus flowables, styled by the layout.

Sheet kinds and question kinds describe *what* goes on the page by calling the composer
(`ctx.source_box`, `ctx.answer_lines`, `ctx.levels` …); the composer decides *how* it is
drawn. It is a facade over three modules with one job each: `styles` (the layout's
paragraph styles and page measures), `parts` (the semantic parts: stems, options, answer
lines, the key's levels …) and `keeping` (the page-break policy). Here: a sheet's opening and
sources, and its questions in order, each kept with its start. One composer serves student
sheets and the key; `for_sheet` gives it what a document says about one sheet.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ActionFlowable, CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from studypack.base.units import MM
from studypack.base.walk import strings
from studypack.io.words import ENGLISH_WORDS, Said
from studypack.media import text
from studypack.base.errors import Problem
from studypack.settings.layout import Layout
from studypack.settings.provenance import provenance as provenance_lines
from studypack.spec.stimulus_base import resolve
from studypack.spec import references
from studypack.spec.questions import kind_of
from studypack.views.notes import BLANK_STYLE, AnswerTag
from studypack.spec.sheets import booklet_letters
from studypack.views import exercises
from studypack.views.boxes import CandidateBoxes
from studypack.views.flowables import AnswerLines, HandMarked
from studypack.views.keeping import closed_at_end, keep_start, with_closing
from studypack.views.paragraph import Paragraph
from studypack.views.parts import Parts, SheetSettings, marks_words
from studypack.views.questions import view_of
from studypack.views import spaces
from studypack.views.working import WorkingSpace
from studypack.views.stimuli import view_of as stimulus_view
from studypack.views.split_state import Carry, CarriedText, Spread
from studypack.views.toolkit import FullWidth, Indented, Options, PageMark, SetIn, flatten, keep_exercise, keep_with_stem

__all__ = ["Composer", "SheetSettings", "marks_words"]

KEY_KEEP = 90 * MM  # see Composer.keep


class Composer(Parts):
    """Builds flowables for one pack and layout; `key=True` for the answer key; `tier`
    ("foundation" / "higher") leaves out the other tier's questions, sources and scaffolds;
    `sheet`: what the document says about the sheet being composed (see `for_sheet`)."""

    def __init__(self, layout: Layout, pack, root, key: bool = False, tier: str | None = None,
                 sheet: SheetSettings = SheetSettings()):
        super().__init__(layout, key, tier, sheet)
        self.pack, self.root = pack, root
        # a board prints no "continued" on its paper (`questions.continued: ""`), but the teacher's
        # key always says whose list or table goes on overleaf: the tool's own words, then
        self._continued = layout.questions.continued or (layout.say("layout.continued") if key else "")
        self._continued_template = text.compile_template(self._continued)
        self._paper_template = text.compile_template(layout.questions.paper_total) if layout.questions.paper_total else None
        self.warnings: list = []  # Problems noticed while typesetting; the build shows them at the end
        self._anchors: dict[str, tuple[int, int]] | None = None  # see line_numbers
        self._sections = 0  # the sections of the sheet being set (`questions`)

    def for_sheet(self, covered: frozenset[str] = frozenset(), tighten: float = 0.0, pages: int = 0) -> "Composer":
        """This composer for one sheet: `covered`, the papers printed behind their cover in the
        document (they do not ask for name and class again); `tighten`, how far the sheet's answer
        lines close up (see `answer_lines`); `pages`, the pages it printed on when last laid out.
        It shares this one's styles and warnings."""
        twin = Composer(self.layout, self.pack, self.root, self.key, self.tier, SheetSettings(covered, tighten, pages))
        twin.share_styles(self)
        twin.warnings = self.warnings
        twin._anchors = self._anchors
        return twin

    def warn(self, message: str, location=None, about: tuple | None = None) -> None:
        self.warnings.append(Problem(message, location, about))

    # ------------------------------------------------------------------ sheet parts
    def sheet_opening(self, sheet) -> list[Flowable]:
        pack = self.pack
        parts: list[Flowable] = [self.para(text.tie_last(text.inline(sheet.title)), "title")]
        meta = [text.literal(text.plain(pack.subject)), text.literal(text.plain(pack.level))]
        own = []  # short phrases that never break inside ("Time: / 1 hour")
        if sheet.time:
            own.append(self.say("sheet.time", time=sheet.time))
        if self.tier:
            own.append(self.say(f"tier.{self.tier}-tier"))
        meta.append(self.total_words(sheet))  # the tool's own words, tied where they must not part ("Total: / 31 marks")
        meta += [text.literal(text.plain(m)).replace(" ", "\xa0") if len(m) <= 30 else text.literal(text.plain(m))
                 for m in own]
        parts.append(self.para(text.separated(meta), "subtitle"))
        covered = sheet.id in self.sheet.covered  # its cover already asks for name, class and number
        if not self.key and self.layout.name_line and not covered:
            parts.append(self.student_line())
        if not self.key and self.layout.candidate_boxes and not covered:
            parts.append(CandidateBoxes(self.layout.candidate_fields(), self.style("candidate.label")))
        if sheet.instructions_for(self.tier):
            parts.extend(self.paras(sheet.instructions_for(self.tier), "instructions"))
        if not self.key:
            shown = booklet_letters(sheet, self.pack, self.tier)
            if shown:
                named = self.say.composed(lambda say: text.literal(references.phrase(
                    [self.pack.source(letter).name_in(say) for letter in shown], say)))
                name = self.pack.booklet_name(sheet, self.say)  # in both languages on bilingual paper: kept so
                booklet = name if isinstance(name, Said) else text.literal(text.plain(name))
                said = self.say.block("sheet.in-booklet", len(shown), sources=named, booklet=booklet)
                parts.append(self.para(f"<b>{said}</b>", "instructions"))
        parts.append(Spacer(1, 3 * MM))
        return parts


    def source_box(self, source, opens: bool = False) -> list[Flowable]:
        """The boxed stimulus as its kind prints it (`kinds/stimuli/<kind>/view.py`); `opens`: it
        comes straight after the sheet's opening, so where the page has more than half its room
        left it splits there rather than leave the page empty."""
        box = stimulus_view(source).box(source, self, opens)
        exercises.mark(box, exercises.Exercise(f"source:{source.letter}", text.plain(source.name)))
        return box

    def line_numbers(self) -> dict[str, tuple[int, int]]:
        """Every anchor of the pack's texts with its lines as this layout numbers them (see
        `spec.stimulus_base.resolve`), found once per composer."""
        if self._anchors is None:
            self._anchors = {}
            for stimulus in self.pack.sources:
                if "{#" in (stimulus.text or ""):
                    self._anchors.update(stimulus_view(stimulus).lines(stimulus, self))
        return self._anchors

    def cited(self, question):
        """The question with its prompts' anchored line citations ("{lines:storm-calm}") as the
        numbers this layout prints ("lines 12–17")."""
        if not any("{line" in words for name in ("prompt", "parts") for _at, words in strings(getattr(question, name, None))):
            return question  # read field by field: a question kind's serializer costs ~15 ms to build
        numbers = self.line_numbers()
        parts = getattr(question, "parts", None)
        update: dict = {"prompt": resolve(question.prompt, numbers, self.say)} if getattr(question, "prompt", None) else {}
        if parts:
            update["parts"] = [self.cited(part) for part in parts]
        return question.model_copy(update=update)

    def provenance(self, source) -> list[Paragraph]:
        """The teaching or the board form, as the layout says (`settings.provenance`, shared with the exports)."""
        form = self.layout.source
        return [self.para(line, "source.provenance")
                for line in provenance_lines(source, form.attribution, self.say, form.provenance_lead, form.author_heading)]

    # ------------------------------------------------------------------ questions
    def questions(self, sheet, lead: Sequence[Flowable] = (), sources: Sequence[Flowable] = ()) -> list[Flowable]:
        """Every question of the sheet in this build's tier, numbered through the sheet,
        under its section heading; in the key, section totals after each section. `lead` (the
        key's sheet heading) is kept on the page with the first question's start; `sources`
        (`source.place: after-heading`) print under the first section's heading and rubric
        (`in-question`: inside its first question)."""
        parts: list[Flowable] = []
        first = list(lead)
        numbered = sheet.key_labels() if self.key and self.tier is None and sheet.tiered else sheet.numbered(self.tier)
        # names the question of a tick box the scanner reads (see `read_body`); a tiered sheet numbers
        # each tier's questions through, so its question 3 is the tier's own
        self._sheet_id = f"{sheet.id} ({self.tier})" if self.tier and sheet.tiered else sheet.id
        self._sections = len(sheet.sections)
        inside: list[Flowable] = []  # sources printed inside the next question (`source.place: in-question`)
        for section, _k, _qs in sheet.groups():
            mine = [(n, q) for n, sec, q in numbered if sec is section]
            if not mine:
                continue
            opening, first = first, []
            marks, spag = sum(q.marks for _n, q in mine), sum(q.spag or 0 for _n, q in mine)
            if section is not None:
                if parts and not self.key and self.layout.questions.sections_start == "new-page":
                    parts.append(PageBreak())  # Pearson Edexcel: Section B starts a page
                opening = opening + self.section_opening(section, marks, spag)
                if sources and self.layout.source.place == "in-question":  # inside the section's first question
                    inside, sources = list(sources), ()
                elif sources:  # the section's heading and rubric, then the sources its questions are on
                    parts.extend(opening + [Spacer(1, 2 * MM)] + list(sources))
                    opening, sources = [], ()
            for number, question in mine:
                parts.extend(self._new_page(question, after=bool(parts)))  # its section's heading with it
                block = self.question(number, question, opening, inside)
                inside = []
                exercises.mark(block, self.question_exercise(number, question), skip=opening)
                after: list[Flowable] = self.question_closing(number, question)
                if after:
                    block = with_closing(block, [Spacer(1, 2 * MM), *after], self.text_height())
                parts.extend(block)
                opening = []
            if section is not None:
                parts = self.section_closing(parts, section, marks, spag)
        parts = first + parts  # no question took the lead: it prints on its own
        return parts if self.key else self.sheet_closing(parts, sheet)

    def _new_page(self, question, after: bool) -> list[Flowable]:
        """A new page for a question that starts one on the student's paper (`questions.page_from`),
        `after` what the sheet has printed so far, unless it is at a page's top already."""
        least = self.layout.questions.page_from
        if not least or self.key or not after or question.marks + (question.spag or 0) < least:
            return []
        return [CondPageBreak(self.text_height() - 1)]

    def sheet_closing(self, parts: list[Flowable], sheet) -> list[Flowable]:
        """A student's sheet's questions with what ends them: the paper's total ("TOTAL FOR PAPER
        = 52 MARKS") where the layout says it, and its end ("END OF QUESTIONS"), kept on the
        page of the last question's end."""
        closing: list[Flowable] = [Spacer(1, 6 * MM)]
        if self._paper_template is not None and sheet.kind == "exam":
            words = text.render_template(self._paper_template, {"total": sheet.total_for(self.tier)}).strip()
            closing += [self.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_RIGHT),
                        Spacer(1, 4 * MM)]
        if self.layout.questions.end:  # a board's own words ("END OF QUESTIONS"), or none
            closing.append(self.para(self._end_words(), "question.marks", alignment=TA_CENTER))
        return with_closing(parts, closing, self.text_height(), ends=True)

    def question_exercise(self, number, question=None, printed: str | None = None) -> exercises.Exercise:
        """Question `number` of the sheet, for the preflight; in the key, and in any document for a
        parts `question`, with the label a page it goes on to prints first ("Question 4 continued":
        a teacher reading a list or a table overleaf knows whose it is, a student turning the page
        to 4(b) that the stem above it is overleaf). `printed`: the number as the key prints it,
        where not the question's own ("05.2", a part's)."""
        carry = Carry()
        # a parts question's next part overleaf says whose it is, unless it is a board's paper
        # whose part numbers say it (AQA's boxed 04.2, Pearson's 3 (b): as their papers print)
        parts = (question is not None and getattr(kind_of(question), "COMPOUND", False)
                 and self.layout.questions.numbers not in ("boxed", "spaced"))
        if (self.key or parts) and self._continued:  # as the key prints its number ("04" where boxed)
            label = text.render_template(self._continued_template, {"n": printed or self.number_text(number)}).strip()
            carry = Carry(text.literal(label), self.style("question.marks"))
        return exercises.Exercise(f"{self._sheet_id}:{number}", f"Question {number}", carry, stems=parts)

    def part_exercise(self, label: str, within: exercises.Exercise | None = None) -> exercises.Exercise:
        """A question's part in the key (`label`, "05.2" or "3(b)"), an exercise of its own: what
        of it goes on overleaf is headed "Question 05.2 continued", not the question's number alone;
        `within`, the question it is part of (the next part overleaf: "Question 5 continued")."""
        return dataclasses.replace(self.question_exercise(label, printed=label), within=within)

    def question_closing(self, number, question) -> list[Flowable]:
        """What a student's paper prints under a question's answer space: its SPaG marks apart
        and "(Total for Question 3 = 4 marks)", where the layout (a board's) says them."""
        if self.key:
            return []
        spag = self.spag_total(number, question)
        out = [spag] if spag is not None else []
        if self._total_template is not None:
            out.append(self.question_total(number, question))
        return out

    def section_closing(self, parts: list[Flowable], section, marks: int, spag: int) -> list[Flowable]:
        """The section's total after its last question: the key's "Total for Section B: 32 marks
        + 4 SPaG", or the paper's "TOTAL FOR SECTION B = 36 MARKS" where the layout says it; kept
        on the page of the section's end."""
        if self.key and self._sections == 1:  # the sheet's own total, just after, says the same
            return parts
        if self.key:
            return self.closed(parts, [Spacer(1, 2 * MM), self.total_line(
                self.say("key.total-for", title=text.plain(section.title)), marks, spag)])
        if not self.layout.questions.section_total:
            return parts
        words = text.render_template(text.compile_template(self.layout.questions.section_total),
                                     {"title": text.plain(section.title), "marks": marks + spag}).strip()
        return self.closed(parts, [Spacer(1, 3 * MM),
                                   self.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_RIGHT)])

    def _end_words(self) -> str:
        """The line after the last question: the tool's own "End of questions" said in the
        layout's language (stacked on bilingual paper), a board's own words as written."""
        end = self.layout.questions.end
        return self.say.block("sheet.end") if end == ENGLISH_WORDS("sheet.end") else text.literal(end)

    def closed(self, parts: list[Flowable], closing: list[Flowable], ends: bool = False) -> list[Flowable]:
        """`parts`, then `closing` (totals, "End of questions") kept on the page of their last block;
        where they `end` the document, with enough of the blocks before (see `keeping.closed_at_end`)
        that a page they go over to never holds only a line or two and the totals."""
        if not ends:
            return with_closing(parts, closing, self.text_height())
        return closed_at_end(parts, closing, self.text_width(), self.text_height())

    def question(self, number: int, question, opening: Sequence[Flowable] = (),
                 inside: Sequence[Flowable] = ()) -> list[Flowable]:
        """One numbered question: stem, then its body. `opening` (a section heading) is kept on
        the page with the question's start. A kind that prints more than a body under one stem
        (sub-questions) lays itself out with its view's `question`. `inside`: the sources the
        question prints around (`source.place: in-question`), its number beside them."""
        kept = [f for f in opening if not isinstance(f, CondPageBreak)]
        question = self.cited(question)
        whole = getattr(view_of(question), "question", None)
        if whole is not None:
            # sub-questions: the sources it would print around go before it
            return kept + list(inside) + whole(self, number, question, []) if inside else whole(self, number, question, kept)
        gap = self.question_gap()
        body = self.labelled(self.read_body(number, question), number)
        head, tail = keep_exercise(body) if self.exercises_whole() else keep_with_stem(body)
        lead = kept + [Spacer(1, gap)] if kept else []
        if inside:  # AQA's extract question: the number beside the extract, the prompt under it
            ends = PageMark()  # … and beside the prompt again where it stands overleaf of the extract's end
            return [Spacer(1, gap if not kept else 0)] + lead + self.set_in(number, inside, ends) + [
                self.keep([self.stem(number, question, numbered=False, again=ends)] + head, number=number)] + tail
        return [Spacer(1, gap if not kept else 0), self.keep(lead + [self.stem(number, question)] + head, number=number)] + tail

    def set_in(self, number, sources: Sequence[Flowable], ends: PageMark | None = None) -> list[Flowable]:
        """The sources set in by the number column, question `number`'s number beside the first
        one's heading (AQA's 0 9 beside its extract); `ends` notes the page the last one ends on."""
        num, left = self.number_column(number)
        out: list[Flowable] = []
        beside: Flowable | None = num
        for flowable in flatten(list(sources)):
            if isinstance(flowable, (Spacer, ActionFlowable)):  # a gap, or a page break (large print's box starts a page)
                out.append(flowable)
                continue
            wrapped = SetIn(flowable, left, beside, self.layout.source.padding + self.layout.source.border, ends)
            beside = None
            exercises.adopt(wrapped, exercises.owner(flowable))
            out.append(wrapped)
        return out

    def keep(self, block: list[Flowable], most: float | None = None, number=None) -> Flowable:
        """`block` kept on one page; `most`: the tallest it may be and still go on whole to the
        next page (by default the layout's `questions.keep_together`); `number`, question
        `number`'s, set across a spread where the layout says (`spread`)."""
        if most is not None:
            return keep_start(block, most, self.text_height(), self.exercises_whole())
        # a key's question is read by the teacher, not answered on the page: an opening taller than
        # KEY_KEEP may break after its stem and a first part of its answer rather than leave a page
        # holding only the last lines of the question before it
        most = min(self.layout.questions.keep_together, KEY_KEEP) if self.key else self.layout.questions.keep_together
        return keep_start(block, most, self.text_height(), self.exercises_whole(), self.spread(number))

    def spread(self, number) -> Spread | None:
        """What question `number`'s parts say when it is set across a spread (`questions.spread`,
        student documents of a layout that keeps exercises whole); None where it is not."""
        chosen = self.layout.questions
        if number is None or not chosen.spread or not self.exercises_whole():
            return None
        style = self.style("question.marks")
        right = ParagraphStyle(f"{style.name}+facing", parent=style, alignment=TA_RIGHT)
        continued = text.render_template(text.compile_template(chosen.facing_continued), {"n": str(number)}).strip()
        short = text.render_template(self._continued_template, {"n": str(number)}).strip()
        heading = self.style("section.heading")
        middle = ParagraphStyle(BLANK_STYLE, parent=heading, alignment=TA_CENTER)
        blank = self.layout.page.blank_page or self.say("layout.blank-page")
        return Spread(Carry(text.literal(chosen.facing_continues), right), Carry(text.literal(continued), style),
                      Carry(text.literal(short), style), Carry(text.literal(blank), middle))

    def exercises_whole(self) -> bool:
        """Whether a question's exercise is never split to fill a page (`questions.whole`: large
        print, student documents; the teacher's key breaks as any layout's)."""
        return self.layout.questions.whole and not self.key

    def stem(self, number, question, marks: bool = True, numbered: bool = True,
             again: PageMark | None = None) -> Flowable:
        """The numbered stem (see `Parts.stem`); a prompt taller than a page breaks, its part
        carried over headed "Question N continued" (see `FullWidth`)."""
        return self.labelled([super().stem(number, question, marks, numbered, again)], number)[0]

    def labelled(self, body: list[Flowable], number) -> list[Flowable]:
        """Give the question's answer lines, and its tables' rows, the words they print if
        carried to a new page ("Question 2 continued"); its tables break only at natural points."""
        label = ""
        if self._continued:
            label = text.render_template(self._continued_template, {"n": str(number)}).strip()
        style = self.style("question.marks")
        for flowable in _walk(body):
            if isinstance(flowable, AnswerLines) and label and not self.key:
                flowable.continues_as(Carry(label, style), self.text_height())
            if isinstance(flowable, CarriedText) and label:  # a passage going on overleaf under its label
                flowable.carried_as(Carry(text.literal(label), style))
            if isinstance(flowable, FullWidth) and label:  # a prompt taller than a page: its part carried over
                flowable.breaks_against(self.text_height(), Carry(text.literal(label), style))
            if isinstance(flowable, Indented):  # its rows carried to a new page say whose they are
                flowable.breaks_against(self.text_height(), Carry(text.literal(label), style) if label else flowable.carry)
                flowable.both_sides = self.key  # a key's table that fits a page leaves no row alone at its foot
            if isinstance(flowable, Options) and self.key and label:  # a key's options part, "continued"
                flowable.parting()
        return body

    def read_body(self, number, question) -> list[Flowable]:
        """The question's body; in a class set built for marking, its tick boxes named (the
        question, the choice, whether this copy's key ticks it) so the pages note where each is."""
        boxes = getattr(kind_of(question), "boxes", None)
        if self.key or not self.layout.marking.on:
            return self.body(question)
        where = f"{getattr(self, '_sheet_id', '')}:{number}"
        tags = [AnswerTag(where, str(number), question.kind, question.marks, group, choice, right, option)
                for group, choice, right, option in (boxes(question) if boxes is not None else [])]
        self._reading = iter(tags)
        try:
            body = self.body(question)
            if len(list(self._reading)) == len(tags):  # no box drawn to read: the teacher marks it
                body = body + [HandMarked(AnswerTag(where, str(number), question.kind, question.marks, "", "", False))]
            return body
        finally:
            self._reading = None

    def answer_space(self, question, floor: int = 0) -> list[Flowable]:
        """A short or extended question's answer space (its `space:`, ruled lines when it names
        none; see `views.spaces`), its `final:` line under it; `floor`: see `answer_lines`."""
        if not self.layout.answer_lines.on_paper:  # answers go in a separate answer booklet
            return []
        return spaces.compose(question, self, floor)

    def body(self, question) -> list[Flowable]:
        view = view_of(question)
        body = flatten(view.key(question, self) if self.key else view.student(question, self))
        if self.marks_after() and not getattr(question, "parts", None):  # Pearson's "(4)", OCR's "[2]"
            body = self.with_marks_after(body, question)
        if self.key and getattr(question, "notes", None):
            body = body + self.key_list(self.say("key.notes"), question.notes)
        if self.key and getattr(question, "tier", None):
            body = [self.note(self.say(f"tier.{question.tier}-only"))] + body
        if not self.key and getattr(question, "stimulus", None):
            body = [self.stimulus(question.stimulus)] + body
        scaffold = getattr(question, "scaffold", None)
        if scaffold is not None and not self.key and self.shows(scaffold):
            help_box = self.scaffold(scaffold)
            if body and isinstance(body[0], (AnswerLines, WorkingSpace)):
                return [help_box] + body
            body = body + [help_box]
        return body


def _walk(flowables):
    """The flowables and those kept together inside them (a key's SPaG bands under their line)."""
    for flowable in flowables:
        yield flowable
        if isinstance(flowable, KeepTogether):
            yield from _walk(flowable._content)
