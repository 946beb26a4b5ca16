"""The semantic parts several sheets and kinds share, drawn from the layout's styles: a
question's stem, options, answer lines, tables, word banks and letter boxes; scaffolds and
stimuli; the key's answers, lists, mark-scheme levels and point schemes; totals and headings.

Sheet kinds and question kinds say *what* goes on the page by calling these on the composer
(`ctx.options`, `ctx.answer_lines`, `ctx.levels` …); they decide *how* it is drawn."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Iterator

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Table

from studypack.base.units import MM
from studypack.io.columns import field_for_label
from studypack.media import text
from studypack.settings.layout import Layout
from studypack.spec import key_totals
from studypack.spec.fields import in_tier
from studypack.views.drawing import LetterBox, NumberBoxes
from studypack.views.flowables import AnswerLines, StudentField, TickBox
from studypack.views import exercises
from studypack.views.notes import AnswerTag
from studypack.views.split_state import given
from studypack.views.paragraph import Abreast, Paragraph
from studypack.views.styles import Styles
from studypack.views.toolkit import (
    Bands,
    FullWidth,
    Indented,
    Options,
    Overleaf,
    PageMark,
    StretchTable,
    column_minimums,
    fonts_width,
    kept_whole,
    lead_in,
    widest_word,
)


EXPLANATION = "key.why"  # the key's label for why an answer is right, kept with that answer


@dataclass(frozen=True)
class SheetSettings:
    """What the document says about the sheet being composed, fixed while it is."""

    covered: frozenset[str] = frozenset()  # ids of papers printed behind their cover in this document
    tighten: float = 0.0  # how far (0 to 1) answer lines close up and lose lines to end the sheet a page sooner
    pages: int = 0  # the pages the sheet printed on when last laid out (its cover's "This document has N pages.")


class Parts(Styles):
    """The parts, for one layout; `key=True` for the answer key; `tier` ("foundation" /
    "higher") leaves out the other tier's questions, sources and scaffolds."""

    def __init__(self, layout: Layout, key: bool = False, tier: str | None = None,
                 sheet: SheetSettings = SheetSettings()):
        super().__init__(layout)
        self.key, self.tier, self.sheet = key, tier, sheet
        self._reading: Iterator[AnswerTag] | None = None  # the tags of the question's tick boxes (see `tick_box`)
        own = layout.key_marks if key and layout.key_marks is not None else layout.marks  # AP: points in the key only
        self._marks_template = text.compile_template(own)
        self.say = layout.say  # the tool's words in the layout's language
        self._total_template = text.compile_template(layout.questions.total) if layout.questions.total else None

    def marks_label(self, n: int, spag: int | None = None) -> str:
        """"[4 marks]"; with marks for spelling, punctuation and grammar "[16 marks + 4 SPaG]"."""
        label = text.render_template(self._marks_template, {"n": n}).strip()
        if spag and not self.layout.questions.spag:  # printed apart, under the answer space
            extra = " + " + self.say("marks.label-spag", spag)
            label = label[:-1] + extra + label[-1] if label[-1:] in ")]" else label + extra
        return label

    def shows(self, item) -> bool:
        """Whether a tier-tagged question, section, source or scaffold prints in this build."""
        return in_tier(item, self.tier)

    def total_words(self, sheet) -> str:
        total, spag = sheet.total_for(self.tier), sheet.spag_for(self.tier)
        # never "Total: / 31 marks"; on bilingual paper each language's total with its own SPaG words
        return self.say.composed(lambda say: say("sheet.total", total) + (say("sheet.total-spag", spag) if spag else ""))

    def student_line(self) -> Flowable:
        """'Name ________   Class ______' on the first page of a student sheet."""
        style = self.style("student-line")
        labels = self.layout.name_line
        row: list = []
        widths: list = []
        blanks = []
        for i, label in enumerate(labels):
            if i:
                row.append("")
                widths.append(8 * MM)
            field = field_for_label(self.say.english_of(label))  # a class set writes the student's value on the blank
            row += [Paragraph(text.literal(label), style), StudentField(field, style) if field else ""]
            widths += [fonts_width(label, style) + 6, None]
            blanks.append(len(row) - 1)
        shares = [0.6] + [0.4 / (len(labels) - 1)] * (len(labels) - 1) if len(labels) > 1 else [1.0]
        table = Table([row], rowHeights=[max(9 * MM, style.fontSize * 1.7)])
        commands: list = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), style.fontName),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
        for col in blanks:
            commands.append(("LINEBELOW", (col, 0), (col, 0), 0.7, HexColor("#000000")))
        table.setStyle(self.table_style(commands))
        return StretchTable(table, widths, shares)

    # ------------------------------------------------------------------ a question's own parts
    def question_total(self, number, question) -> Flowable:
        """"(Total for Question 3 = 4 marks)" under a question's answer space (exam layout), in its column."""
        assert self._total_template is not None
        marks = question.marks + (getattr(question, "spag", None) or 0)
        words = text.render_template(self._total_template, {"n": str(number), "marks": marks}).strip()
        return self.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_RIGHT, leftIndent=self.number_width)

    def spag_total(self, number, question) -> Flowable | None:
        """The question's SPaG marks on a line of their own (Pearson Edexcel), where the layout
        says them apart from its marks; None where it has none or does not."""
        spag = getattr(question, "spag", None)
        if not spag or not self.layout.questions.spag:
            return None
        words = text.render_template(text.compile_template(self.layout.questions.spag),
                                     {"n": str(number), "spag": spag}).strip()
        # in the answer column, as the lines over it: never out into the number gutter; where it
        # wraps, its last words go down together ("terminology = 4 marks)")
        words = words.replace(" = ", "\xa0=\xa0")
        return self.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_RIGHT, leftIndent=self.number_width)

    def part_label(self, number, index: int, printed: bool = True, opens: bool = False) -> str:
        """A sub-question's number: `3(b)`, AQA's `03.2` where numbers are boxed, `(b)` under
        its question where they are lettered, dotted or spaced, the IB's `3. (a)` (Pearson's
        `3 (a)` where spaced) for a first part that `opens` its question (no stem of its own
        above it). The key keeps `3(b)`, read
        without the paper, and so does "Question 3(b) continued": `printed=False`."""
        numbers, letter = self.layout.questions.numbers, string.ascii_lowercase[index]
        if numbers == "boxed":
            return f"{self.number_text(number)}.{index + 1}"
        if numbers in ("dotted", "spaced") and printed and not self.key and opens and index == 0:
            return f"{number}{'.' if numbers == 'dotted' else ''} ({letter})"
        if numbers in ("lettered", "dotted", "spaced") and printed and not self.key:
            return f"({letter})"
        return f"{number}({letter})"

    def number_text(self, number) -> str:
        """The question number as printed: `3`, or `03` where numbers are boxed."""
        if self.layout.questions.numbers == "boxed" and str(number).isdigit():
            return f"{int(number):02d}"
        return str(number)

    def number_cell(self, number) -> Flowable:
        """The number in the stem's first column: plain, each digit boxed (AQA), or dotted (the
        IB's `3.`, a part's letter in a column of its own: `3. (a)`, then `(b)` under it), or
        spaced (Pearson's `3 (a)`, the same columns without the dot)."""
        numbers = self.layout.questions.numbers
        if numbers == "boxed" and not self.key:
            style = self.style("question.number")
            return NumberBoxes(self.number_text(number), style.fontName, style.fontSize)
        if numbers in ("dotted", "spaced") and not self.key:
            return self._dotted_cell(str(number), "." if numbers == "dotted" else "")
        return self.para(self.number_text(number), "question.number")

    def _dotted_cell(self, label: str, dot: str = ".") -> Flowable:
        """`3.` alone, or a part's `3. (a)` / `(b)` as two columns, so every part's letter and
        prompt stand level whether its question's number is beside it or not (`dot` ""
        for Pearson's `3 (a)`)."""
        if label.isdigit():
            return self.para(f"{label}{dot}", "question.number")
        number, _space, letter = label.rpartition(" ")
        number = number.removesuffix(dot) if dot else number
        style = self.style("question.number")
        first = fonts_width(f"00{dot}", style) + 1.5 * MM
        cells = [self.para(f"{number}{dot}" if number else "", "question.number"), self.para(letter, "question.number")]
        table = Table([cells], colWidths=[first, fonts_width("(m)", style) + 1 * MM])
        table.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return table

    def question_gap(self) -> float:
        return self.layout.style("question.stem")["space_before"] or 4 * MM

    def number_column(self, number) -> tuple[Flowable, float]:
        """The number's cell and the width of the column it stands in (wider than the layout's
        where boxed digits need it)."""
        num = self.number_cell(number)
        return num, max(self.number_width, _number_width(num, self.number_text(number), self.style("question.number")) + 2.5 * MM)

    def stem(self, number, question, marks: bool = True, numbered: bool = True,
             again: PageMark | None = None) -> Flowable:
        """The question's number, prompt and marks in a row; `numbered=False`: the number's
        column left empty (it stands beside the question's extract above: `source.place: in-question`),
        but for `again`, where that extract ends: the number prints beside the prompt where the
        prompt stands on a page after it (AQA's "0 9" again over the page the extract ends before)."""
        num, left = self.number_column(number)
        if not numbered:
            num = Overleaf(num, again) if again is not None else self.para("", "question.number")
        prompt = self.paras(question.prompt, "question.stem", spaceBefore=0, spaceAfter=0)
        if prompt:  # never a single word on the prompt's last line
            prompt[-1] = self.para(text.tie_last(prompt[-1].text), "question.stem", spaceBefore=0, spaceAfter=0)
        for p in prompt[:-1]:
            p.style = ParagraphStyle("stem-gap", parent=p.style, spaceAfter=3)
        label = self.marks_label(question.marks, getattr(question, "spag", None)) if marks and not self.marks_after() else ""
        style = self.style("question.marks")
        mark_cell = self.para(text.literal(label), "question.marks", alignment=TA_RIGHT)
        moved = any(p.__dict__.get("_studypack_maths") for p in prompt[:1])  # a tall formula may move its first line down
        if moved:
            num = Abreast(num, prompt)
        if self.marks_after():  # the marks stand after the answer space: the stem keeps the width
            table = Table([[num, prompt, ""]], colWidths=[left, None, 0])
            right: float = 0
        elif self.layout.questions.marks_position == "below":  # large print: the stem keeps the width,
            # a shared stem with no marks of its own too (chemistry large-print-24, Q4's "The forward
            # reaction / is exothermic." broke short of an empty marks column)
            table = Table([[num, prompt + ([mark_cell] if label else []), ""]], colWidths=[left, None, 0])
            right = 0
        else:
            right = max(self.marks_width, fonts_width(label, style) + 3 * MM)
            if moved:
                mark_cell = Abreast(mark_cell, prompt, whole=True)
            table = Table([[num, prompt, mark_cell]], colWidths=[left, None, right])
        table.setStyle(self.table_style(_STEM_STYLE))
        return FullWidth(table, left, right)

    def marks_after(self) -> bool:
        """Whether a question's marks stand after its answer space (`after-space`, `line-end`:
        Pearson's "(4)", OCR's "[2]"), on a student's paper; the key keeps them beside it."""
        return not self.key and self.layout.questions.marks_position in ("after-space", "line-end")

    def with_marks_after(self, body: list[Flowable], question) -> list[Flowable]:
        """`body` with the question's marks after it, at the right (`marks_after`): at the end of
        its last answer line where the layout says `line-end` and the body ends in ruled lines,
        else on a line of their own under its last line, never parted from the lines."""
        label = self.marks_label(question.marks, getattr(question, "spag", None))
        if not label:
            return body
        mark = self.para(f"<b>{text.literal(label)}</b>", "question.marks", alignment=TA_RIGHT,
                         leftIndent=self.number_width)
        last = body[-1] if body else None
        width = fonts_width(label, self.style("question.marks")) * 1.1 + 2 * MM  # bold is wider
        closing = getattr(last, "closing", None)
        if self.layout.questions.marks_position == "line-end":
            if isinstance(last, AnswerLines) and not closing:
                last.end_label, last.end_width = mark, width
                return body
            if closing and last is not None:  # "speed = ........ m/s [2]": the marks at the end of the answer's own line
                beside = Table([[closing[-1], self.para(f"<b>{text.literal(label)}</b>", "question.marks",
                                                        alignment=TA_RIGHT)]],
                               colWidths=[self.text_width() - width, width], vAlign="BOTTOM")
                beside.setStyle(self.table_style(_BESIDE))
                last.closing = closing[:-1] + [beside]
                return body
        if last is not None and isinstance(closing, list):
            last.closing = closing + [mark]  # drawn under the space, never parted from it
            return body
        return body + [mark]

    def section_opening(self, section, marks: int, spag: int = 0) -> list[Flowable]:
        """A section heading with its rubric, suggested time and marks (SPaG apart: "36 marks + 4 SPaG")."""
        out = self.section_heading(text.inline(section.title), "section.heading")
        facts = [marks_words(marks, spag, self.say)]
        facts += [self.say("section.time", time=text.plain(section.time))] if section.time else []
        if self.key or self.layout.questions.section_marks:
            out.append(self.para(text.separated(text.literal(fact) for fact in facts), "subtitle"))
        if section.rubric and not self.key:
            out.extend(self.paras(section.rubric, "instructions", spaceBefore=1))
        return out

    def options(self, options: list[str], correct=None, single: bool = False) -> Flowable:
        """Lettered options with tick boxes; `correct` is an index, or a set of them. A `single`
        answer's options take the layout's `choices` form: circles to shade, or (on a
        student's paper not read by the scanner) no boxes and one "Your answer" box after them."""
        box = self.style("question.option").fontSize * 1.15
        right = correct if isinstance(correct, (set, frozenset)) else {correct}
        form = self.layout.choices
        if single and form.row and not self.machine_read:  # the key in the paper's form, the right one marked
            in_row = self._options_row(options, right if self.key else set())
            if in_row is not None:
                return in_row
        answer = form.answer if single and not self.key and not self.machine_read else ""
        rows: list[list] = []
        for i, option in enumerate(options):
            letter = string.ascii_uppercase[i]
            is_right = i in right
            label = f"<b>{letter}</b>"
            body = text.inline(option)
            if is_right:
                body = f"<b>{body}</b>  ({self.say('key.correct-answer')})"
            mark = [] if answer else [self.tick_box(box, is_right, round=single and form.mark == "circle")]
            rows.append(mark + [self.para(label, "question.option"), self.para(body, "question.option")])
        letter = max(7 * MM, self.style("question.option").fontSize * 1.4)
        widths = ([] if answer else [box + max(6, box * 0.3)]) + [letter, None]
        style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
        if answer:  # OCR: "Your answer" and a box for the letter, under the options
            rows.append([self._answer_box(answer, box * 1.8), ""])
            style += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)), ("TOPPADDING", (0, len(rows) - 1), (-1, -1), 6)]
        table = Table(rows, colWidths=widths)
        table.setStyle(self.table_style(style))
        flowable = Options(table, self.number_width, self.text_height())
        if answer:
            flowable.items = ("Lbl", "LBody")  # in a tagged PDF, no box column to skip
        return flowable

    def _options_row(self, options: list[str], right: set | frozenset = frozenset()) -> Flowable | None:
        """The options in one row, each boxed to circle (AQA's maths form); in the key the right
        one bold in a heavy box, "(correct answer)" after the row; None where they do not fit
        the line beside the question's number."""
        style = self.style("question.option")
        cells = [self.para(f"<b>{text.inline(option)}</b>" if i in right else text.inline(option), "question.option",
                           alignment=TA_CENTER) for i, option in enumerate(options)]
        widths = [max(fonts_width(text.plain(option), style) + 6 * MM, 16 * MM) for option in options]
        gap = 6 * MM
        said = f"({self.say('key.correct-answer')})" if right else ""
        room = self.text_width() - self.number_width - self.marks_width - (fonts_width(said, style) + gap if said else 0)
        if sum(widths) + gap * (len(options) - 1) > room:
            return None
        row: list = []
        columns: list[float] = []
        for i, (cell, width) in enumerate(zip(cells, widths)):
            row += ([""] if i else []) + [cell]
            columns += ([gap] if i else []) + [width]
        boxes = [("BOX", (2 * i, 0), (2 * i, 0), 2.4 if i in right else 0.8, HexColor("#000000")) for i in range(len(options))]
        if said:
            row += ["", self.para(said, "question.option")]
            columns += [gap, fonts_width(said, style) + 2]
        table = Table([row], colWidths=columns)
        table.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 5)] + boxes))
        table.hAlign = "LEFT"
        flowable = Options(table, self.number_width, self.text_height(), top=4)
        flowable.items = tuple("" if i % 2 else "LBody" for i in range(len(row)))  # one item: the options, gaps skipped
        return flowable

    def _answer_box(self, label: str, side: float) -> Table:
        """A board's "Your answer" and the box its letter is written in."""
        words = self.para(text.literal(label), "question.option")
        width = fonts_width(label, self.style("question.option")) + 3 * MM
        table = Table([[words, LetterBox(side)]], colWidths=[width, side + 2])
        table.setStyle(self.table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        table.hAlign = "LEFT"
        return table

    def choice_instruction(self) -> list[Flowable]:
        """The layout's line under a one-answer question ("Shade **one** circle only."), if any."""
        said = self.layout.choices.instruction
        if not said or self.key:
            return []
        return [lead_in(self.para(text.inline(said), "question.option", leftIndent=self.number_width,
                                  spaceBefore=2, spaceAfter=2))]  # upright, as the board prints it

    @property
    def machine_read(self) -> bool:
        """Whether this question's boxes are being named for the scanner (a class set built
        for marking): a kind that asks for a written letter offers boxes to tick instead."""
        return self._reading is not None

    def tick_grid(self, rows: list[str], columns: list[str], instruction: str) -> Flowable | None:
        """A grid of tick boxes under its instruction, a row an item and a column a letter, for
        one tick a row (a matching or ordering question's answer, read by the scanner instead
        of a written letter), kept whole with its instruction; None where its columns do not
        fit the text width (the question then keeps its letter boxes and is marked by hand)."""
        option = self.style("question.option")
        size = option.fontSize * 1.15
        cell = max(size + max(8, size * 0.6), fonts_width("W", option) + 8)
        label = max(fonts_width(text.plain(r), option) for r in rows) + 8
        if label + cell * len(columns) > self.text_width() - self.number_width:
            return None
        said = self.para(f"<i>{text.literal(instruction)}</i>", "question.option")
        head = [""] + [self.para(f"<b>{c}</b>", "question.option", alignment=TA_CENTER) for c in columns] + [""]
        body = [[self.para(f"<b>{text.literal(r)}</b>", "question.option")] + [self.tick_box(size) for _c in columns]
                + [""] for r in rows]
        # a last column takes the rest of the line, so the instruction above spans the text width
        table = Table([[said] + [""] * (len(columns) + 1), head] + body, colWidths=[label] + [cell] * len(columns) + [None])
        table.setStyle(self.table_style([
            ("SPAN", (0, 0), (-1, 0)), ("ALIGN", (1, 1), (-1, -1), "CENTER"), ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4), ("LINEBELOW", (0, 1), (-2, -2), 0.3, HexColor("#c8c8c8"))]))
        return Options(table, self.number_width, self.text_height(), top=2)

    def tick_box(self, size: float, ticked: bool = False, round: bool = False) -> TickBox:
        """A box to tick (`round`: a circle to shade); on a page the scanner reads, named by the
        next of the question's tags."""
        tag = next(self._reading, None) if self._reading is not None else None
        return TickBox(size, ticked=ticked, tag=tag, round=round)

    def line_count(self, question) -> int:
        if not self.layout.answer_lines.on_paper:  # answers go in a separate answer booklet
            return 0
        return self.layout.answer_lines.count(question)

    def answer_lines(self, question, floor: int = 0) -> list[Flowable]:
        """The question's ruled lines; where the sheet closes up to end a page sooner (`tighten`,
        from the typesetter) fewer of them, down to `trim` of them, never under `minimum` or `floor`."""
        rule = self.layout.answer_lines
        count = self.line_count(question)
        if count == 0:
            return []
        tighten = self.sheet.tighten
        if tighten:
            count = max(min(count, max(rule.minimum, floor)), count - int(count * rule.trim * tighten))
        spacing = rule.spacing if rule.fill else rule.spacing * (1 - (1 - rule.squeeze) * tighten)
        lines = AnswerLines(count, spacing, rule.colour, rule.weight, indent=self.number_width)
        lines.squeeze, lines.spill, lines.least, lines.carried = rule.squeeze, rule.spill, rule.least, rule.carried
        lines.fill, lines.dotted = rule.fill, rule.style == "dotted"
        lines.squeeze = min(1.0, rule.squeeze * rule.spacing / spacing)  # never closer than the layout allows
        return [lines]

    # ------------------------------------------------------------------ parts several kinds share
    def table(self, rows, widths, commands, bottom: float = 0, **kwargs) -> Indented:
        """A table in the body font, set in by the question number's column, columns fitted to
        words; `bottom`: room kept under it (a word bank never touches the text after it)."""
        table = Table(rows, colWidths=widths, **kwargs)
        table.setStyle(self.table_style(commands))
        return Indented(table, self.number_width, top=2, bottom=bottom)

    def note(self, words: str) -> Flowable:
        """A short instruction under a stem, such as "Tick two boxes."""
        return lead_in(self.para(f"<i>{text.literal(words)}</i>", "question.option", leftIndent=self.number_width,
                                 spaceBefore=2, spaceAfter=2))

    def point_scheme(self, scheme, marks: int) -> list[Flowable]:
        top = scheme.up_to or marks
        return self.key_text(self.say("key.mark-scheme"), self.say("key.point-scheme", top, each=self.say(
            "marks.count", scheme.each), credit=scheme.credit))

    def word_bank(self, words: list[str], title: str | None = None) -> Flowable:
        title = self.say("question.word-bank") if title is None else title
        cells: list = [self.para(text.inline(w), "question.option", alignment=TA_CENTER) for w in words]
        # as many columns (at most 4) as the longest word, in its print size, allows
        room = self.text_width() - self.number_width
        need = max((widest_word(c) for c in cells), default=0) + 12
        columns = max(1, min(4, int(room // max(need, 1)), len(cells) or 1))
        if columns == 4 and max((len(w) for w in words), default=0) >= 18:
            columns = 2  # long phrases: two to a row
        rows_needed = -(-len(cells) // columns) if cells else 1
        columns = max(1, -(-len(cells) // rows_needed)) if cells else columns  # rows filled evenly: 3 + 2, not 4 + 1
        while len(cells) % columns:
            cells.append("")
        rows = [[self.para(f"<b>{text.literal(title)}</b>", "question.label")] + [""] * (columns - 1)]
        rows += [cells[i:i + columns] for i in range(0, len(cells), columns)]
        # equal columns sharing the width: each holds the longest word (left to ReportLab, a column
        # could come out narrower and break a name inside a word: "Nikolai Yez / hov")
        bank = self.table(rows, [room / columns] * columns, bottom=self.style("question.option").leading * 0.5, commands=[
            ("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, -1), self.shade("#f6f6f6")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ])
        return lead_in(kept_whole(bank))  # never split between pages: its words go with what they serve

    def letter_box(self, letter: str = "", size: float = 8.5 * MM) -> Flowable:
        """A square to write a letter in (matching, ordering); the key's letter printed in it."""
        size = max(size, self.style("question.option").fontSize / 0.55)  # the letter is 0.55 of the box
        return LetterBox(size, letter, self.style("question.marks").fontName)

    def scaffold(self, scaffold) -> Flowable:
        """A light box of help: hint, sentence starters, word bank."""
        parts = []
        if scaffold.hint:
            parts.append(self.para(f"<b>{self.say('help.hint')}</b> {' '.join(text.paragraphs(scaffold.hint))}", "help"))
        if scaffold.starters:
            parts.append(self.para(f"<b>{self.say('help.starters')}</b>", "help"))
            for starter in scaffold.starters:
                parts.append(self.para(f"{text.inline(starter)} …", "help", leftIndent=4 * MM,
                                       bulletIndent=0, bulletText="•",
                                       bulletFontName=self.style("help").fontName,
                                       bulletFontSize=self.style("help").fontSize))
        if scaffold.words:
            parts.append(self.para(f"<b>{self.say('help.words')}</b> " + " · ".join(text.inline(w) for w in scaffold.words),
                                   "help"))
        return self.table([[parts]], [None], [
            ("BOX", (0, 0), (-1, -1), 0.6, HexColor("#888888")), ("BACKGROUND", (0, 0), (-1, -1), self.shade("#f4f4f4")),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])

    def stimulus(self, stimulus) -> Flowable:
        """Given bullet points in a box under the question, in the question's own size."""
        style = "question.option"
        lead, own = stimulus.said(self.say)
        parts = [self.para(text.inline(lead), style)] if lead else []
        for point in stimulus.points:
            parts.append(self.para(text.inline(point), style, leftIndent=5 * MM, bulletIndent=1 * MM, bulletText="•",
                                   bulletFontName=self.style(style).fontName, bulletFontSize=self.style(style).fontSize))
        if own:
            parts.append(self.para(f"<b>{text.inline(own)}</b>", style, spaceBefore=3))
        return lead_in(self.table([[parts]], [None], [
            ("BOX", (0, 0), (-1, -1), 0.9, HexColor("#000000")),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))

    # ------------------------------------------------------------------ answer key
    def key_text(self, label: str, user_text: str) -> list[Flowable]:
        paras = text.paragraphs(user_text)
        head = f"<b>{self.say('key.label', label=text.literal(label))}</b>"
        first = f"{head} {paras[0]}" if paras else head
        out = [self.para(first, "key.answer", leftIndent=self.number_width)]
        out += [self.para(p, "key.answer", leftIndent=self.number_width) for p in paras[1:]]
        for paragraph in out:  # an explanation never leaves two lines alone at the top of a page, nor
            paragraph.widows, paragraph.sentences = 3, True  # a sentence broken over one
        if label == self.say(EXPLANATION):  # "Why:" never starts a page away from the answer it explains
            given(exercises.named(out[0], "explanation"), whole=True)
        return list(out)

    def key_list(self, label: str, items: list[str], markers: list[str] | None = None) -> list[Flowable]:
        """A labelled list, each item with a bullet or its own marker ("1."), its lines hanging
        clear of the marker at any size."""
        out = [self.para(f"<b>{self.say('key.label', label=text.literal(label))}</b>", "key.answer", leftIndent=self.number_width,
                         keepWithNext=1)]
        if label == self.say(EXPLANATION):
            exercises.named(out[0], "explanation")
        st = self.style("key.answer")
        marks = markers or ["•"] * len(items)
        hang = max(4 * MM, max(fonts_width(m, st) for m in marks) + 0.6 * st.fontSize + 1) if marks else 4 * MM
        for item, marker in zip(items, marks):
            out.append(self.para(" ".join(text.paragraphs(item)), "key.answer",
                                 leftIndent=self.number_width + hang, bulletIndent=self.number_width,
                                 bulletText=marker, bulletFontName=st.fontName, bulletFontSize=st.fontSize))
            out[-1].widows, out[-1].sentences = 3, True  # never two lines alone at the top of a page, nor a sentence broken
        if len(items) >= 2:  # the list's last item never goes on alone under "continued": the one before goes with it
            out[-2].keepWithNext = 1
            out[1].keepWithNext = 1  # nor its first alone under its label at a page's foot: the second goes with it
        return list(out)

    def levels(self, levels, spag: bool = False) -> Flowable:
        """A mark scheme's bands as boards write them: "Level 2" with its marks, IB markbands
        ("7–9") with no level column, named bands ("High performance"); a band may be worth 0.
        SPaG bands never print as levels."""
        head = self.style("key.label")
        labelled = any(level.label for level in levels)
        numbered = not spag and not labelled and all(level.level is not None for level in levels)
        say = self.say
        first = say("key.spag") if spag and labelled else (say("key.level") if numbered else (say("key.band") if labelled else None))
        rows: list[list] = [([Paragraph(first, head)] if first else []) + [Paragraph(say("key.marks"), head),
                                                                           Paragraph(say("key.descriptor"), head)]]
        names = []
        for level in levels:
            name = level.label and text.inline(level.label) or (say("key.level-n", level=level.level) if numbered else "")
            names.append(name)
            cells: list = [self.para(_band(level.marks), "key.level"),
                     [self.para(p, "key.level") for p in text.paragraphs(level.descriptor)]]
            rows.append(([self.para(f"<b>{name}</b>", "key.level")] if first else []) + cells)
        # the level column holds its tied names ("Level 4") whole, bold
        named = max((fonts_width(text.plain(n), self.style("key.level")) * 1.1 + 12 for n in names), default=0)
        widths = ([max(self.grown(26 * MM if labelled else 18 * MM, "key.level", most=0.3), named)] if first else []) + [15 * MM, None]
        table = Table(rows, colWidths=widths, repeatRows=1)
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), *self.table_rules(),
                    ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        table.setStyle(self.table_style(commands))
        if sum(column_minimums(table)[:-1]) > 0.3 * (self.text_width() - self.number_width):
            return self._stacked_levels(levels, names, rows[1:], commands)
        return Indented(table, self.number_width, top=3)

    def _stacked_levels(self, levels, names: list[str], rows: list, commands: list) -> Bands:
        """Large print: the level and its marks head each descriptor, which keeps the full width;
        a band taller than the room breaks where a sentence ends, its head again over the rest."""
        stacked, again = [], {}
        for level, name, row in zip(levels, names, rows):
            unit = "mark" if level.marks[0] == level.marks[1] == 1 else "marks"
            lead = f"<b>{name}</b> · " if name else ""
            said = f"{lead}{_band(level.marks)} {unit}"
            head = self.para(said, "key.level")
            again[id(head)] = (self.say("source.continued", name=said), head.style)
            stacked.append([[head, *row[-1]]])
        table, style = Table(stacked, colWidths=[None]), self.table_style(commands)
        table.setStyle(style)
        return Bands(table, self.number_width, again, style, top=3)

    def points(self, label: str, points) -> list[Flowable]:
        """Creditable points as a bulleted list, or grouped under their headings."""
        if isinstance(points, dict):
            out = [self.para(f"<b>{self.say('key.label', label=text.literal(label))}</b>", "key.answer",
                             leftIndent=self.number_width, keepWithNext=1)]
            for group, items in points.items():
                out += self.key_list(text.plain(group), items)
            return out
        return self.key_list(label, points)

    def total_line(self, label: str, marks: int, spag: int = 0) -> Paragraph:
        """"Total for Section B: 32 marks + 4 SPaG": `marks` without the SPaG marks, `spag` apart."""
        # never in the marks, nor with the marks alone on the last line ("Total for Formulae and
        # equations: / 12 marks" in large print): they are tied to the label's last word
        marks_said = marks_words(marks, spag, self.say).replace(" ", "\xa0")
        return self.para(f"{self.say('key.label', label=text.literal(label))}\xa0{marks_said}", "key.total", alignment=TA_RIGHT)

    def section_heading(self, markup: str, style: str = "section.heading") -> list[Flowable]:
        return [CondPageBreak(40 * MM), self.para(text.tie_last(markup), style)]


_BESIDE = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
"""A final answer line and the marks at its end: one row, no padding."""

_STEM_STYLE = [
    ("VALIGN", (0, 0), (1, 0), "TOP"), ("VALIGN", (2, 0), (2, 0), "BOTTOM"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


marks_words = key_totals.marks_words  # "40 marks", "36 marks + 4 SPaG": one composition for PDF and Word


def _number_width(cell: Flowable, words: str, style: ParagraphStyle) -> float:
    if isinstance(cell, (NumberBoxes, Table)):
        return cell.wrap(0, 0)[0]
    return fonts_width(words, style)


def _band(marks: tuple[int, int]) -> str:
    low, high = marks
    return f"{low}–{high}" if low != high else f"{low}"
