"""The composer: turns the typed pack into Platypus flowables, styled by the layout.

Sheet kinds and question kinds describe *what* goes on the page by calling the composer
(`ctx.source_box`, `ctx.answer_lines`, `ctx.levels` …); the composer decides *how* it is
drawn from the layout's semantic styles. One composer serves student sheets and the key.
"""

from __future__ import annotations

import string

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, FrameBreak, KeepTogether, Spacer, Table, TableStyle

from studypack.media import images, text
from studypack.base.errors import Problem
from studypack.settings.layout import Layout
from studypack.settings.provenance import provenance as provenance_lines
from studypack.io.roster import field_for_label
from studypack.spec import references
from studypack.spec.fields import in_tier
from studypack.spec.sheets import booklet_letters
from studypack.base.units import MM
from studypack.views.boxes import CandidateBoxes
from studypack.views.flowables import AnswerLines, SourceBox, StudentField, TickBox
from studypack.views.paragraph import Heading, Paragraph
from studypack.views.questions import view_of
from studypack.views.drawing import LetterBox
from studypack.views.toolkit import (
    FullWidth,
    Indented,
    Options,
    StretchTable,
    column_minimums,
    flatten,
    fonts_width,
    keep_with_stem,
    lead_in,
    shrink_to_fit,
    squeeze_to_fit,
    widest_word,
)

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER, "justify": TA_JUSTIFY}


class Composer:
    """Builds flowables for one pack and layout; `key=True` for the answer key; `tier`
    ("foundation" / "higher") leaves out the other tier's questions, sources and scaffolds."""

    def __init__(self, layout: Layout, pack, root, key: bool = False, tier: str | None = None):
        self.layout, self.pack, self.root, self.key, self.tier = layout, pack, root, key, tier
        self.covered: frozenset = frozenset()  # ids of papers printed behind their cover in this document
        self._styles: dict[str, ParagraphStyle] = {}
        self._varied: dict[tuple, ParagraphStyle] = {}  # (style, overrides) -> the style with them (see `para`)
        self._marks_template = text.compile_template(layout.marks)
        self._continued_template = text.compile_template(layout.questions.continued)
        self._total_template = text.compile_template(layout.questions.total) if layout.questions.total else None
        self._paper_template = text.compile_template(layout.questions.paper_total) if layout.questions.paper_total else None
        self.number_width = layout.questions.number_width
        self.marks_width = layout.questions.marks_width
        self.warnings: list = []  # Problems noticed while typesetting; the build shows them at the end
        self.tighten = 0.0  # how far (0 to 1) answer lines close up and lose lines to end a sheet a page sooner

    def warn(self, message: str, location=None, about: tuple | None = None) -> None:
        self.warnings.append(Problem(message, location, about))

    # ------------------------------------------------------------------ styles
    def style(self, name: str) -> ParagraphStyle:
        if name not in self._styles:
            s = self.layout.style(name)
            self._styles[name] = ParagraphStyle(
                name, fontName=self.layout.face(name),
                fontSize=s["size"], leading=max(s["leading"], s["size"] * 1.1),
                textColor=HexColor(s["colour"]), spaceBefore=s["space_before"],
                spaceAfter=s["space_after"], alignment=_ALIGN[s["align"]],
                # ReportLab lets a line run up to 5% of its spaces past the edge (room a justified
                # line shrinks its spaces into); ragged text would stick out of its box
                spaceShrinkage=0.05 if s["align"] == "justify" else 0,
                allowWidows=0, allowOrphans=0,  # a paragraph never leaves one line alone across a page break
            )
        return self._styles[name]

    def table_style(self, commands) -> TableStyle:
        """Table commands plus the body font, so no cell falls back to an unembedded Helvetica."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.style("body").fontName)] + list(commands))

    def para(self, markup: str, style: str, **overrides) -> Paragraph:
        if style in _TIED and markup.count(" ") >= 5:  # a short cell (a name, "1 December") stays breakable
            markup = text.tie_last(markup)
        st = self.style(style)
        if overrides:  # made once per composer, like the styles themselves: no paragraph changes its style
            key = (style, tuple(sorted(overrides.items())))
            varied = self._varied.get(key)
            if varied is None:
                varied = self._varied[key] = ParagraphStyle(f"{style}+", parent=st, **overrides)
            st = varied
        return Paragraph(markup, st)

    def heading_cell(self, markup: str, style: str = "key.label") -> Paragraph:
        """A table's heading cell whose lines are balanced: it never ends on a runt."""
        return Heading(markup, self.para(markup, style).style)

    def paras(self, user_text: str, style: str, quotes: bool = True, **overrides) -> list[Paragraph]:
        """User text as paragraphs; `quotes=False` keeps its straight quotes (a source's own words)."""
        return [self.para(p, style, **overrides) for p in text.paragraphs(user_text, quotes)]

    def cell_paras(self, user_text: str, style: str, **overrides) -> list[Paragraph]:
        """User text for a table cell: in a narrow column a last word alone on its line
        ("…accepted all the / blame.") stands out, so a paragraph of six words or more ties its last two."""
        return [self.para(text.tie_last(p) if p.count(" ") >= 5 else p, style, **overrides)
                for p in text.paragraphs(user_text)]

    def marks_label(self, n: int, spag: int | None = None) -> str:
        """"[4 marks]"; with marks for spelling, punctuation and grammar "[16 marks + 4 SPaG]"."""
        label = _marks_label(self._marks_template, n)
        if spag:
            extra = f" + {spag} SPaG"
            label = label[:-1] + extra + label[-1] if label[-1:] in ")]" else label + extra
        return label

    def shows(self, item) -> bool:
        """Whether a tier-tagged question, section, source or scaffold prints in this build."""
        return in_tier(item, self.tier)

    def total_words(self, sheet) -> str:
        total, spag = sheet.total_for(self.tier), sheet.spag_for(self.tier)
        words = f"Total:\xa0{total}\xa0mark{'s' if total != 1 else ''}"  # never "Total: / 31 marks"
        return words + (f" (including\xa0{spag}\xa0for\xa0SPaG)" if spag else "")

    # ------------------------------------------------------------------ sheet parts
    def sheet_opening(self, sheet) -> list[Flowable]:
        pack = self.pack
        parts: list[Flowable] = [self.para(text.tie_last(text.inline(sheet.title)), "title")]
        meta = [text.literal(text.plain(pack.subject)), text.literal(text.plain(pack.level))]
        own = []  # short phrases that never break inside ("Time: / 1 hour")
        if sheet.time:
            own.append(f"Time: {sheet.time}")
        if self.tier:
            own.append(f"{self.tier.capitalize()} tier")
        meta.append(self.total_words(sheet))  # the tool's own words, tied where they must not part ("Total: / 31 marks")
        meta += [text.literal(text.plain(m)).replace(" ", "\xa0") if len(m) <= 30 else text.literal(text.plain(m))
                 for m in own]
        parts.append(self.para(" · ".join(meta), "subtitle"))
        covered = sheet.id in self.covered  # its cover already asks for name, class and number
        if not self.key and self.layout.name_line and not covered:
            parts.append(self.student_line())
        if not self.key and self.layout.candidate_boxes and not covered:
            parts.append(CandidateBoxes(self.layout.candidate_fields(), self.style("candidate.label")))
        if sheet.instructions_for(self.tier):
            parts.extend(self.paras(sheet.instructions_for(self.tier), "instructions"))
        if not self.key:
            shown = booklet_letters(sheet, self.pack, self.tier)
            if shown:
                named = text.literal(references.phrase([self.pack.source(letter).name for letter in shown]))
                booklet = text.literal(text.plain(self.pack.booklet_name(sheet)))
                parts.append(self.para(f"<b>{named} {'are' if len(shown) > 1 else 'is'} in the separate {booklet}.</b>",
                                       "instructions"))
        parts.append(Spacer(1, 3 * MM))
        return parts

    def student_line(self) -> Flowable:
        """'Name ________   Class ______' on the first page of a student sheet."""
        style = self.style("student-line")
        labels = self.layout.name_line
        row, widths, blanks = [], [], []
        for i, label in enumerate(labels):
            if i:
                row.append("")
                widths.append(8 * MM)
            field = field_for_label(label)  # a class set writes the student's value on the blank
            row += [Paragraph(text.literal(label), style), StudentField(field, style) if field else ""]
            widths += [fonts_width(label, style) + 6, None]
            blanks.append(len(row) - 1)
        shares = [0.6] + [0.4 / (len(labels) - 1)] * (len(labels) - 1) if len(labels) > 1 else [1.0]
        table = Table([row], rowHeights=[max(9 * MM, style.fontSize * 1.7)])
        commands = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), style.fontName),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
        for col in blanks:
            commands.append(("LINEBELOW", (col, 0), (col, 0), 0.7, HexColor("#000000")))
        table.setStyle(self.table_style(commands))
        return StretchTable(table, widths, shares)

    def source_box(self, source, opens: bool = False) -> Flowable:
        """The boxed source; `opens`: it comes straight after the sheet's opening, so where the
        page has more than half its room left it splits there rather than leave the page empty."""
        lay = self.layout.source
        name = text.literal(source.name)
        board = lay.attribution == "board"
        heading = self.para(name if board else text.tie_last(f"{name.replace(' ', chr(160))}: {text.inline(source.title)}"),
                            "source.heading")
        continued = self.para(f"{name} (continued)", "source.heading")
        provenance = self.provenance(source)
        before: list[Flowable] = list(provenance) if lay.provenance == "above" or board else []
        after: list[Flowable] = [] if lay.provenance == "above" or board else list(provenance)
        if board and source.note:  # boards print who the author was under the attribution, above the text
            before.extend(self.paras(source.note, "source.note"))
        if source.image:
            before.append(images.flowable(self.root, source.image, self.text_width() - 2 * lay.padding,
                                          images.greyscale(self.layout), images.max_height(self.layout)))
            if source.image.caption:
                before.extend(self.paras(source.image.caption, "source.note"))
        body = self.paras(source.text, "source.body", quotes=False) if source.text else []
        if source.glossary:
            notes = "; ".join(f"<b>{text.inline(word)}</b>: {text.inline(gloss)}" for word, gloss in source.glossary.items())
            after.append(self.para(f"Glossary: {notes}", "source.note"))
        if source.note and not board:
            after.extend(self.paras(source.note, "source.note"))
        box = SourceBox(heading, continued, body, before, after,
                        number_every=lay.line_numbers, number_style=self.style("source.line-number"),
                        padding=lay.padding, border=lay.border, border_colour=lay.border_colour,
                        tint=lay.tint, gutter=self.gutter() if lay.line_numbers else 0, gap=2.5,
                        page_room=self.text_height(), name=source.name, opens=opens)
        return [box, Spacer(1, 5 * MM)]

    def provenance(self, source) -> list[Paragraph]:
        """The teaching or the board form, as the layout says (`settings.provenance`, shared with the exports)."""
        return [self.para(line, "source.provenance") for line in provenance_lines(source, self.layout.source.attribution)]

    # ------------------------------------------------------------------ questions
    def questions(self, sheet, lead: list[Flowable] = ()) -> list[Flowable]:
        """Every question of the sheet in this build's tier, numbered through the sheet,
        under its section heading; in the key, section totals after each section. `lead` (the
        key's sheet heading) is kept on the page with the first question's start."""
        parts: list[Flowable] = []
        first = list(lead)
        numbered = sheet.key_labels() if self.key and self.tier is None and sheet.tiered else sheet.numbered(self.tier)
        for section, _k, _qs in sheet.groups():
            mine = [(n, q) for n, sec, q in numbered if sec is section]
            if not mine:
                continue
            opening, first = first, []
            marks, spag = sum(q.marks for _n, q in mine), sum(q.spag or 0 for _n, q in mine)
            if section is not None:
                opening = opening + self.section_opening(section, marks, spag)
            for number, question in mine:
                block = self.question(number, question, opening)
                if self._total_template is not None and not self.key:  # exam boards: "(Total for Question 3 = 4 marks)"
                    block = _with_closing_line(block, [Spacer(1, 2 * MM), self.question_total(number, question)],
                                               self.text_height())
                parts.extend(block)
                opening = []
            if section is not None and self.key:  # the total stays on the page of the section's end
                parts = self.closed(parts, [Spacer(1, 2 * MM), self.total_line(f"Total for {text.plain(section.title)}",
                                                                                marks, spag)])
        parts = first + parts  # no question took the lead: it prints on its own
        if not self.key:
            closing: list[Flowable] = [Spacer(1, 6 * MM)]
            if self._paper_template is not None and sheet.kind == "exam":
                words = text.render_template(self._paper_template, {"total": sheet.total_for(self.tier)}).strip()
                closing += [self.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_RIGHT),
                            Spacer(1, 4 * MM)]
            closing.append(self.para("End of questions", "question.marks", alignment=TA_CENTER))
            parts = _with_closing_line(parts, closing, self.text_height(), ends=True)
        return parts

    def closed(self, parts: list[Flowable], closing: list[Flowable], ends: bool = False) -> list[Flowable]:
        """`parts`, then `closing` (totals, "End of questions") kept on the page of their last block;
        where they `end` the document, with enough of the blocks before (see `_gathered`) that
        a page they go over to never holds only a line or two and the totals."""
        if not ends:
            return _with_closing_line(parts, closing, self.text_height())
        parts = _with_closing_line(_gathered(parts, self.text_width(), self.text_height()), closing, self.text_height())
        if parts and isinstance(parts[-1], _KeepClosing):
            parts[-1].least = LEAST * self.text_height()  # what it may leave here, the rest going on with the totals
        return parts

    def question_total(self, number, question) -> Flowable:
        """"(Total for Question 3 = 4 marks)" under a question's answer space (exam layout)."""
        marks = question.marks + (getattr(question, "spag", None) or 0)
        words = text.render_template(self._total_template, {"n": str(number), "marks": marks}).strip()
        return self.para(f"<b>{text.literal(words)}</b>", "question.marks", alignment=TA_RIGHT)

    def question(self, number: int, question, opening: list[Flowable] = ()) -> list[Flowable]:
        """One numbered question: stem, then its body. `opening` (a section heading) is kept on
        the page with the question's start. A kind that prints more than a body under one stem
        (sub-questions) lays itself out with its view's `question`."""
        opening = [f for f in opening if not isinstance(f, CondPageBreak)]
        whole = getattr(view_of(question), "question", None)
        if whole is not None:
            return whole(self, number, question, opening)
        gap = self.question_gap()
        body = self.labelled(self.body(question), number)
        head, tail = keep_with_stem(body)
        lead = opening + [Spacer(1, gap)] if opening else []
        return [Spacer(1, gap if not opening else 0), self.keep(lead + [self.stem(number, question)] + head)] + tail

    def question_gap(self) -> float:
        return self.layout.style("question.stem")["space_before"] or 4 * MM

    def keep(self, block: list[Flowable], most: float | None = None) -> Flowable:
        """`block` kept on one page; `most`: the tallest it may be and still go on whole to the
        next page (by default the layout's `questions.keep_together`)."""
        if most is not None:
            return _KeepStart(block, most, self.text_height())
        # a key's question is read by the teacher, not answered on the page: an opening taller than
        # KEY_KEEP may break after its stem and a first part of its answer rather than leave a page
        # holding only the last lines of the question before it
        most = min(self.layout.questions.keep_together, KEY_KEEP) if self.key else self.layout.questions.keep_together
        return _KeepStart(block, most, self.text_height())

    def labelled(self, body: list[Flowable], number) -> list[Flowable]:
        """Give the question's answer lines, and its tables' rows, the words they print if
        carried to a new page ("Question 2 continued"); its tables break only at natural points."""
        label = ""
        if self.layout.questions.continued:
            label = text.render_template(self._continued_template, {"n": str(number)}).strip()
        for flowable in _walk(body):
            if isinstance(flowable, AnswerLines) and label and not self.key:
                flowable.label, flowable.label_style = label, self.style("question.marks")
                flowable.top_room = self.text_height()
            if getattr(flowable, "_studypack_carries", False) and label:  # a passage going on overleaf
                flowable.label, flowable.label_style = text.literal(label), self.style("question.marks")
            if isinstance(flowable, Indented):  # its rows carried to a new page say whose they are
                flowable.page_room = self.text_height()
                if label:
                    flowable.label, flowable.label_style = text.literal(label), self.style("question.marks")
        return body

    def body(self, question) -> list[Flowable]:
        view = view_of(question)
        body = flatten(view.key(question, self) if self.key else view.student(question, self))
        if self.key and getattr(question, "notes", None):
            body = body + self.key_list("Marking notes", question.notes)
        if self.key and getattr(question, "tier", None):
            body = [self.note(f"{question.tier.capitalize()} tier only.")] + body
        if not self.key and getattr(question, "stimulus", None):
            body = [self.stimulus(question.stimulus)] + body
        scaffold = getattr(question, "scaffold", None)
        if scaffold is not None and not self.key and self.shows(scaffold):
            help_box = self.scaffold(scaffold)
            if body and isinstance(body[0], AnswerLines):
                return [help_box] + body
            body = body + [help_box]
        return body

    def stem(self, number, question, marks: bool = True) -> Table:
        num = self.para(f"{number}", "question.number")
        prompt = self.paras(question.prompt, "question.stem", spaceBefore=0, spaceAfter=0)
        if prompt:  # never a single word on the prompt's last line
            prompt[-1] = self.para(text.tie_last(prompt[-1].text), "question.stem", spaceBefore=0, spaceAfter=0)
        for p in prompt[:-1]:
            p.style = ParagraphStyle("stem-gap", parent=p.style, spaceAfter=3)
        label = self.marks_label(question.marks, getattr(question, "spag", None)) if marks else ""
        style = self.style("question.marks")
        left = max(self.number_width, fonts_width(str(number), self.style("question.number")) + 2.5 * MM)
        mark_cell = self.para(text.literal(label), "question.marks", alignment=TA_RIGHT)
        if self.layout.questions.marks_position == "below" and label:  # large print: the stem keeps the width
            table = Table([[num, prompt + [mark_cell], ""]], colWidths=[left, None, 0])
            right = 0
        else:
            right = max(self.marks_width, fonts_width(label, style) + 3 * MM)
            table = Table([[num, prompt, mark_cell]], colWidths=[left, None, right])
        table.setStyle(self.table_style(_STEM_STYLE))
        return FullWidth(table, left, right)

    def section_opening(self, section, marks: int, spag: int = 0) -> list[Flowable]:
        """A section heading with its rubric, suggested time and marks (SPaG apart: "36 marks + 4 SPaG")."""
        out = self.section_heading(text.inline(section.title), "section.heading")
        facts = [marks_words(marks, spag)] + ([f"Suggested time: {text.plain(section.time)}"] if section.time else [])
        out.append(self.para(text.literal(" · ".join(facts)), "subtitle"))
        if section.rubric and not self.key:
            out.extend(self.paras(section.rubric, "instructions", spaceBefore=1))
        return out

    def options(self, options: list[str], correct=None) -> Table:
        """Lettered options with tick boxes; `correct` is an index, or a set of them."""
        box = self.style("question.option").fontSize * 1.15
        right = correct if isinstance(correct, (set, frozenset)) else {correct}
        rows = []
        for i, option in enumerate(options):
            letter = string.ascii_uppercase[i]
            is_right = i in right
            label = f"<b>{letter}</b>"
            body = text.inline(option)
            if is_right:
                body = f"<b>{body}</b>  (correct answer)"
            rows.append([TickBox(box, ticked=is_right), self.para(label, "question.option"),
                         self.para(body, "question.option")])
        letter = max(7 * MM, self.style("question.option").fontSize * 1.4)
        table = Table(rows, colWidths=[box + max(6, box * 0.3), letter, None])
        table.setStyle(self.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]))
        return Options(table, self.number_width, self.text_height())

    def line_count(self, question) -> int:
        rule = self.layout.answer_lines
        if getattr(question, "lines", None) is not None:
            return int(question.lines * rule.stretch + 0.5)
        return max(rule.minimum, min(rule.maximum, int(question.marks * rule.per_mark + 0.5)))

    def answer_lines(self, question, floor: int = 0) -> list[Flowable]:
        """The question's ruled lines; where the sheet closes up to end a page sooner (`tighten`,
        set by the typesetter) fewer of them, down to `trim` of them, never under `minimum` or `floor`."""
        rule = self.layout.answer_lines
        count = self.line_count(question)
        if count == 0:
            return []
        if self.tighten:
            count = max(min(count, max(rule.minimum, floor)), count - int(count * rule.trim * self.tighten))
        spacing = rule.spacing * (1 - (1 - rule.squeeze) * self.tighten)
        lines = AnswerLines(count, spacing, rule.colour, rule.weight, indent=self.number_width)
        lines.squeeze, lines.spill, lines.least, lines.carried = rule.squeeze, rule.spill, rule.least, rule.carried
        lines.squeeze = min(1.0, rule.squeeze * rule.spacing / spacing)  # never closer than the layout allows
        return [lines]

    # ------------------------------------------------------------------ parts several kinds share
    def table(self, rows, widths, commands, bottom: float = 0, **kwargs) -> Flowable:
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
        each = f"{scheme.each} mark{'s' if scheme.each != 1 else ''}"
        return self.key_text("Mark scheme", f"{each} for each {scheme.credit}, up to {top} mark{'s' if top != 1 else ''}.")

    def word_bank(self, words: list[str], title: str = "Word bank") -> Flowable:
        cells = [self.para(text.inline(w), "question.option", alignment=TA_CENTER) for w in words]
        # as many columns (at most 4) as the longest word, in its print size, allows
        room = self.text_width() - self.number_width
        need = max((widest_word(c) for c in cells), default=0) + 12
        columns = max(1, min(4, int(room // max(need, 1)), len(cells) or 1))
        if columns == 4 and max((len(w) for w in words), default=0) >= 18:
            columns = 2  # long phrases: two to a row
        while len(cells) % columns:
            cells.append("")
        rows = [[self.para(f"<b>{text.literal(title)}</b>", "key.label")] + [""] * (columns - 1)]
        rows += [cells[i:i + columns] for i in range(0, len(cells), columns)]
        # equal columns sharing the width: each holds the longest word (left to ReportLab, a column
        # could come out narrower and break a name inside a word: "Nikolai Yez / hov")
        bank = self.table(rows, [room / columns] * columns, bottom=self.style("question.option").leading * 0.5, commands=[
            ("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, -1), self.shade("#f6f6f6")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ])
        bank._studypack_whole = True  # never split between pages: its words go with what they serve
        return lead_in(bank)

    def letter_box(self, letter: str = "", size: float = 8.5 * MM) -> Flowable:
        """A square to write a letter in (matching, ordering); the key's letter printed in it."""
        size = max(size, self.style("question.option").fontSize / 0.55)  # the letter is 0.55 of the box
        return LetterBox(size, letter, self.style("question.marks").fontName)

    def scaffold(self, scaffold) -> Flowable:
        """A light box of help: hint, sentence starters, word bank."""
        parts = []
        if scaffold.hint:
            parts.append(self.para(f"<b>Hint:</b> {' '.join(text.paragraphs(scaffold.hint))}", "help"))
        if scaffold.starters:
            parts.append(self.para("<b>Sentence starters:</b>", "help"))
            for starter in scaffold.starters:
                parts.append(self.para(f"{text.inline(starter)} …", "help", leftIndent=4 * MM,
                                       bulletIndent=0, bulletText="•",
                                       bulletFontName=self.style("help").fontName,
                                       bulletFontSize=self.style("help").fontSize))
        if scaffold.words:
            parts.append(self.para("<b>Words you could use:</b> " + " · ".join(text.inline(w) for w in scaffold.words),
                                   "help"))
        return self.table([[parts]], [None], [
            ("BOX", (0, 0), (-1, -1), 0.6, HexColor("#888888")), ("BACKGROUND", (0, 0), (-1, -1), self.shade("#f4f4f4")),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])

    # ------------------------------------------------------------------ answer key
    def key_text(self, label: str, user_text: str) -> list[Flowable]:
        paras = text.paragraphs(user_text)
        first = f"<b>{text.literal(label)}:</b> {paras[0]}" if paras else f"<b>{text.literal(label)}:</b>"
        out = [self.para(first, "key.answer", leftIndent=self.number_width)]
        out += [self.para(p, "key.answer", leftIndent=self.number_width) for p in paras[1:]]
        for paragraph in out:  # an explanation never leaves two lines alone at the top of a page
            paragraph.widows = 3
        return out

    def key_list(self, label: str, items: list[str], markers: list[str] | None = None) -> list[Flowable]:
        """A labelled list, each item with a bullet or its own marker ("1."), its lines hanging
        clear of the marker at any size."""
        out = [self.para(f"<b>{text.literal(label)}:</b>", "key.answer", leftIndent=self.number_width,
                         keepWithNext=1)]
        st = self.style("key.answer")
        marks = markers or ["•"] * len(items)
        hang = max(4 * MM, max(fonts_width(m, st) for m in marks) + 0.6 * st.fontSize + 1) if marks else 4 * MM
        for item, marker in zip(items, marks):
            out.append(self.para(" ".join(text.paragraphs(item)), "key.answer",
                                 leftIndent=self.number_width + hang, bulletIndent=self.number_width,
                                 bulletText=marker, bulletFontName=st.fontName, bulletFontSize=st.fontSize))
            out[-1].widows = 3  # never two lines alone at the top of a page
        return out

    def levels(self, levels, spag: bool = False) -> Flowable:
        """A mark scheme's bands as boards write them: "Level 2" with its marks, IB markbands
        ("7–9") with no level column, named bands ("High performance"); a band may be worth 0.
        SPaG bands never print as levels."""
        head = self.style("key.label")
        labelled = any(level.label for level in levels)
        numbered = not spag and not labelled and all(level.level is not None for level in levels)
        first = "SPaG" if spag and labelled else ("Level" if numbered else ("Band" if labelled else None))
        rows = [([Paragraph(first, head)] if first else []) + [Paragraph("Marks", head), Paragraph("Descriptor", head)]]
        names = []
        for level in levels:
            band = _band(level.marks)
            name = level.label and text.inline(level.label) or (f"Level\xa0{level.level}" if numbered else "")
            names.append(name)
            cells = [self.para(band, "key.level"), [self.para(p, "key.level") for p in text.paragraphs(level.descriptor)]]
            rows.append(([self.para(f"<b>{name}</b>", "key.level")] if first else []) + cells)
        # the level column holds its tied names ("Level 4") whole, bold
        named = max((fonts_width(text.plain(n), self.style("key.level")) * 1.1 + 12 for n in names), default=0)
        widths = ([max(self.grown(26 * MM if labelled else 18 * MM, "key.level", most=0.3), named)] if first else []) + [15 * MM, None]
        table = Table(rows, colWidths=widths, repeatRows=1)
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), *self.table_rules(),
                    ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        table.setStyle(self.table_style(commands))
        mins = column_minimums(table)
        if sum(mins[:-1]) > 0.3 * (self.text_width() - self.number_width):
            # large print: the level and its marks head each descriptor, which keeps the full width
            stacked = []
            for level, name, row in zip(levels, names, rows[1:]):
                unit = "mark" if level.marks[0] == level.marks[1] == 1 else "marks"
                lead = f"<b>{name}</b> · " if name else ""
                stacked.append([[self.para(f"{lead}{_band(level.marks)} {unit}", "key.level")] + row[-1]])
            table = Table(stacked, colWidths=[None])
            table.setStyle(self.table_style(commands))
        return Indented(table, self.number_width, top=3)

    def stimulus(self, stimulus) -> Flowable:
        """Given bullet points in a box under the question, in the question's own size."""
        style = "question.option"
        parts = [self.para(text.inline(stimulus.lead), style)]
        for point in stimulus.points:
            parts.append(self.para(text.inline(point), style, leftIndent=5 * MM, bulletIndent=1 * MM, bulletText="•",
                                   bulletFontName=self.style(style).fontName, bulletFontSize=self.style(style).fontSize))
        if stimulus.own:
            parts.append(self.para(f"<b>{text.inline(stimulus.own)}</b>", style, spaceBefore=3))
        return lead_in(self.table([[parts]], [None], [
            ("BOX", (0, 0), (-1, -1), 0.9, HexColor("#000000")),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))

    def points(self, label: str, points) -> list[Flowable]:
        """Creditable points as a bulleted list, or grouped under their headings."""
        if isinstance(points, dict):
            out = [self.para(f"<b>{text.literal(label)}:</b>", "key.answer", leftIndent=self.number_width, keepWithNext=1)]
            for group, items in points.items():
                out += self.key_list(text.plain(group), items)
            return out
        return self.key_list(label, points)

    def total_line(self, label: str, marks: int, spag: int = 0) -> Paragraph:
        """"Total for Section B: 32 marks + 4 SPaG": `marks` without the SPaG marks, `spag` apart."""
        marks_said = marks_words(marks, spag).replace(" +", "\xa0+")  # a line too long breaks after the colon, never in the marks
        return self.para(f"{text.literal(label)}: {marks_said}", "key.total", alignment=TA_RIGHT)

    def section_heading(self, markup: str, style: str = "section.heading") -> list[Flowable]:
        return [CondPageBreak(40 * MM), self.para(text.tie_last(markup), style)]

    def small(self, size: float) -> float:
        """A fixed small size (gap numbers, axis labels), raised to the layout's minimum (large print)."""
        return max(size, self.layout.minimum_text_size)

    def grown(self, width: float, style: str, most: float = 0.4) -> float:
        """A fixed column width (set for 10.5 pt text) grown with its text's size, at most
        `most` of the text width: large print keeps whole words in labels and headings."""
        return min(width * max(1.0, self.style(style).fontSize / 10.5), most * self.text_width())

    def shade(self, colour: str):
        """A light fill behind table cells and boxes, or None where the layout has no fills (ink-saver)."""
        return HexColor(colour) if self.layout.tables.fills else None

    def table_rules(self) -> list:
        """Grid and header-row tint of the key's tables, from the layout (ink-saver: no tint)."""
        t = self.layout.tables
        rules = [("GRID", (0, 0), (-1, -1), t.rule_weight, HexColor(t.rule_colour))]
        if t.header_tint and t.fills:
            rules.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(t.header_tint)))
        return rules

    def gutter(self) -> float:
        """Room for source line numbers: 9 mm, or more when the numbers are large."""
        st = self.style("source.line-number")
        return max(9 * MM, fonts_width("00", st) / 0.6 + 2 * MM)

    def text_height(self) -> float:
        _, height = self.layout.page.dimensions
        m = self.layout.page.margins
        return height - m.top - m.bottom

    def text_width(self) -> float:
        width, _ = self.layout.page.dimensions
        m = self.layout.page.margins
        return width - m.left - m.right


# ---------------------------------------------------------------------- helpers

KEY_KEEP = 90 * MM  # see Composer.keep

# styles whose paragraphs never end on a single word (options, statements, rubrics, help boxes)
_TIED = frozenset({"question.option", "instructions", "help", "key.level"})  # also mark-scheme descriptors

_STEM_STYLE = [
    ("VALIGN", (0, 0), (1, 0), "TOP"), ("VALIGN", (2, 0), (2, 0), "BOTTOM"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def marks_words(marks: int, spag: int = 0) -> str:
    """"40 marks", or with SPaG shown apart "36 marks + 4 SPaG"."""
    words = f"{marks}\xa0mark{'s' if marks != 1 else ''}"  # no-break spaces: a number never parts from its noun
    return words + (f" +\xa0{spag}\xa0SPaG" if spag else "")


def _walk(flowables):
    """The flowables and those kept together inside them (a key's SPaG bands under their line)."""
    for flowable in flowables:
        yield flowable
        if isinstance(flowable, KeepTogether):
            yield from _walk(flowable._content)


def _band(marks: tuple[int, int]) -> str:
    low, high = marks
    return f"{low}–{high}" if low != high else f"{low}"


def _marks_label(template, n: int) -> str:
    return text.render_template(template, {"n": n}).strip()


def _with_closing_line(parts: list[Flowable], closing: list[Flowable], page_room: float,
                       ends: bool = False) -> list[Flowable]:
    """End with `closing` kept on the page of the last answer space: answer lines go with it
    (enough to fill `carried` of a page where they `end` the sheet), or the last block, so no
    page holds "End of questions" alone or with a token remainder."""
    if not parts:
        return closing
    last = parts[-1]
    if isinstance(last, _KeepStart) and isinstance(last._content[-1], AnswerLines) and last._content[-1].count >= 2:
        return parts[:-1] + [last.ending(closing, ends)]
    if isinstance(last, AnswerLines) and last.count >= 2:
        return parts[:-1] + [_closed(last, closing, ends)]
    content = list(last._content) if isinstance(last, KeepTogether) else [last]  # never nested: see KeepTogether.wrap
    return parts[:-1] + [_KeepClosing(content + closing, len(closing), page_room)]


ENDING = 0.2  # the least share of a page the blocks kept with a document's closing totals fill
GATHER = 0.5  # the blocks before them that may go with them, as much of a page (whole blocks part it) …
LEAST = 0.12  # … so long as this much of a page of them goes on with the totals


def _gathered(parts: list[Flowable], width: float, page_room: float) -> list[Flowable]:
    """`parts` with the plain blocks at their end (paragraphs, tables, not a question's kept
    opening) gathered into one, up to GATHER of a page, for the closing lines to keep with: it
    parts between whole blocks, at least LEAST of a page going on with them (`_KeepClosing.least`)."""
    if not parts or isinstance(parts[-1], AnswerLines):
        return parts
    last = parts[-1]
    content = list(last._content) if isinstance(last, KeepTogether) else [last]
    height = sum(f.wrap(width, page_room)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in content)
    start = len(parts) - 1
    while start > 0 and height < GATHER * page_room:
        before = parts[start - 1]
        if isinstance(before, (KeepTogether, CondPageBreak, AnswerLines)) or getattr(before, "_studypack_whole", False):
            break
        height += before.wrap(width, page_room)[1] + before.getSpaceBefore() + before.getSpaceAfter()
        start -= 1
    if start == len(parts) - 1:
        return parts
    return parts[:start] + [KeepTogether(parts[start:-1] + content)]


def _closed(lines: AnswerLines, closing: list[Flowable], ends: bool) -> AnswerLines:
    twin = lines._copy(lines.count, lines.continued, lines.closing + closing)
    twin.ends = lines.ends or ends
    return twin


def _continued(flowable: Flowable, aw: float) -> Flowable:
    """A table going on whole to the next page, away from its stem, headed "Question N
    continued" where that line leaves as many of its rows on that page."""
    if not (isinstance(flowable, Indented) and flowable.label and flowable.label_style is not None
            and flowable.heading is None and flowable.page_room):
        return flowable
    _w, before = flowable.wrap(aw, flowable.page_room)
    rows = _rows_within(flowable, flowable.page_room)
    flowable.heading = Paragraph(flowable.label, flowable.label_style)
    _w, after = flowable.wrap(aw, flowable.page_room)
    if after > flowable.page_room and _rows_within(flowable, flowable.page_room - (after - before)) < rows:
        flowable.heading = None
    return flowable


def _rows_within(flowable: Indented, room: float) -> int:
    """How many of the table's rows (as last wrapped) fit in `room` under its top."""
    used, count = flowable.top, 0
    for height in flowable.table._rowHeights:
        used += height
        if used > room:
            break
        count += 1
    return count


class _KeepStart(KeepTogether):
    """A question's opening kept on one page; when it is taller than `most` (large print)
    it may break where the page ends, once the stem and a first part of its answer (two
    options, three lines, some events) are on the page, instead of leaving a gap. Answer
    lines that end it break only into substantial parts (see `AnswerLines.pieces`); where
    they cannot, the question goes on whole to the next page. One that fits a page may still
    break at a table's natural point rather than leave more than `OPEN` of this page empty;
    a stem never stays at a page's foot with only what leads into its answer (a mark scheme),
    unless moving on would leave more than `OPEN` empty: then the table says whose it is."""

    def __init__(self, flowables, most: float, page_room: float | None = None):
        super().__init__(flowables)
        self.most, self.page_room = most, page_room

    def ending(self, closing: list[Flowable], ends: bool) -> "_KeepStart":
        """The same opening with `closing` under its answer lines."""
        return _KeepStart(self._content[:-1] + [_closed(self._content[-1], closing, ends)], self.most, self.page_room)

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        if self._H > ah and squeeze_to_fit(self._content, aw, self._H - ah):
            return list(self._content)  # its lines a little closer: it stays on this page
        if self._H > ah and isinstance(self._content[-1], AnswerLines):
            pieces = self._lines_split(aw, ah)
            if pieces is not None:
                return pieces
        taller = self.page_room is not None and self._H > self.page_room
        if taller and shrink_to_fit(self._content, aw, self._H - self.page_room):
            self.wrap(aw, ah)  # a picture a little smaller: the question fits a page of its own
            taller = False
        # a question that fits a page goes on whole, unless that would leave more than half of
        # this page empty and a table of it breaks here at a natural point (see `Indented`)
        gap = self.page_room is not None and ah > OPEN * self.page_room
        if self._H <= ah or self._H <= self.most and not taller and not gap:
            return super().split(aw, ah)
        fits_page = self._H <= self.most and not taller  # only a table's natural break parts it
        content, placed, room = list(self._content), [], ah
        stem_seen = not any(isinstance(f, FullWidth) for f in content)  # a key's block under a line of its own
        for i, flowable in enumerate(content):
            _w, h = flowable.wrap(aw, room)
            h += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if h <= room:
                placed.append(flowable)
                room -= h
                stem_seen = stem_seen or isinstance(flowable, FullWidth)
                continue
            if not stem_seen or getattr(flowable, "_studypack_whole", False) or fits_page and not isinstance(flowable, Indented):
                break  # an option list stays whole, with its question
            pieces = self._part(flowable, aw, room, ah) if room > 0 else []
            if len(pieces) >= 2:
                return placed + pieces + content[i + 1:]
            if fits_page:
                break
            carried = self._carry_lead(placed, content[i:], aw)
            if carried is not None:
                return carried
            if len(placed) > 1 and not isinstance(placed[-1], FullWidth):
                if not getattr(placed[-1], "_studypack_lead", False):
                    return placed + content[i:]  # the stem has something of its answer
                if self.page_room is not None and ah > OPEN * self.page_room:
                    # only what leads into it (a mark scheme) is here, and moving on would leave more
                    # than half of this page empty: they stay, and the table goes on saying whose it is
                    return placed + [_continued(f, aw) for f in content[i:]]
            break
        if taller and self.page_room is not None and ah < self.page_room - 1:
            # taller than a page: it starts the next, and breaks there at a natural point
            return [FrameBreak(), _KeepStart(self._content, self.most, self.page_room)]
        return super().split(aw, ah)

    def _part(self, flowable, aw, room, ah) -> list:
        """`flowable` split to fit `room`; a table in a question that starts a page has no
        better place to go, and breaks as one that starts a page does (see `Indented`)."""
        starts = isinstance(flowable, Indented) and self.page_room is not None and ah >= self.page_room - 1
        if starts:
            flowable.page_start = True
        try:
            return flowable.split(aw, room)
        finally:
            if starts:
                flowable.page_start = False

    def _carry_lead(self, placed: list, rest: list, aw) -> list | None:
        """An answer space (a row of boxes) that goes on to the next page takes the last rows
        of what leads into it (the events it orders) with it, never going over alone: those
        rows start the next page, "continued"; None where nothing before it breaks so."""
        j = len(placed) - 1
        if j < 1:
            return None
        while j > 0 and (isinstance(placed[j], Spacer) or getattr(placed[j], "_studypack_lead", False)
                         and not isinstance(placed[j], Indented)):
            j -= 1
        lead = placed[j]
        if j == 0 or not isinstance(lead, Indented) or not getattr(lead, "_studypack_lead", False):
            return None
        _w, h = lead.wrap(aw, 1e6)
        pieces = lead.split(aw, h - 1)
        if len(pieces) != 2:
            return None
        return placed[:j] + [pieces[0], FrameBreak(),
                             _KeepStart([pieces[1]] + placed[j + 1:] + rest, self.most, self.page_room)]

    def _lines_split(self, aw, ah) -> list | None:
        """The opening, then its answer lines in two substantial parts; None where they do not
        part well here (the question goes on whole) or what comes before them does not fit."""
        *before, lines = self._content
        room = ah
        for flowable in before:
            _w, h = flowable.wrap(aw, room)
            room -= h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if room <= 0:
            return None
        at_top = self.page_room is not None and ah >= self.page_room - lines.spacing  # a new page gains no line
        must = at_top or self._H > (self.page_room or ah)  # no page holds all of it: it breaks somewhere
        pieces = lines.pieces(aw, room, must=must and at_top)
        if len(pieces) == 2 or pieces == [lines] or len(pieces) == 1 and pieces[0] is not lines:
            return before + pieces
        if must and not at_top:  # too little would stay here: it starts the next page, and breaks there
            return [FrameBreak(), _KeepStart(self._content, self.most, self.page_room)]
        return None


OPEN = 0.5  # a question that fits a page may break at a table's natural point rather than leave more of one empty
GAP = 0.3  # a block kept with its closing lines breaks rather than leave more than this share of a page empty


class _KeepClosing(KeepTogether):
    """Keeps its content on one page; answer lines it carries to a new page say so. Content
    taller than a page flows, its last block kept with the closing lines (never a page
    holding "End of questions" alone)."""

    least = 0.0  # where set: blocks may stay on this page as long as this much goes on with the closing lines

    def __init__(self, flowables, closing: int = 0, page_room: float | None = None):
        super().__init__(flowables)
        self.closing, self.page_room = closing, page_room

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        if self._H > ah and squeeze_to_fit(self._content, aw, self._H - ah):
            return list(self._content)
        if self._H > ah and self.least and self.closing:
            parted = self._parted(aw, ah)
            if parted is not None:
                return parted
        if self._H > ah and self.closing and self.page_room and ah > GAP * self.page_room:
            flowing = self._flow(aw, ah)  # moving on whole would leave a large gap here: break a paragraph
            if flowing is not None:
                return flowing
        tail = self.closing + 1
        if self.closing and len(self._content) > tail:
            room = self.page_room or ah
            if self._H > room or self._H > ah and ah >= room - 1:  # not even a page of its own holds it all
                if self._content[0].wrap(aw, ah)[1] > ah:
                    return []  # not even its first block fits here: it starts the next page
                return self._content[:-tail] + [_KeepClosing(self._content[-tail:], self.closing, room)]
        return self._moved(aw, ah)

    def _parted(self, aw, ah) -> list | None:
        """Whole blocks on this page, as many as fit while at least `least` of them goes on
        with the closing lines; None where not even the first fits so."""
        body = self._content[:-self.closing]
        heights = [f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in body]
        for i in range(len(body) - 1, 0, -1):
            if sum(heights[:i]) <= ah and sum(heights[i:]) >= self.least and not body[i - 1].getKeepWithNext():
                rest = _KeepClosing(self._content[i:], self.closing, self.page_room)
                return list(self._content[:i]) + [rest]
        return None

    def _flow(self, aw, ah) -> list | None:
        """What fits here, a paragraph broken where the page ends, and the rest kept with the
        closing lines on the next page; None where no paragraph breaks there."""
        content, room = list(self._content), ah
        for i, flowable in enumerate(content[:-self.closing]):
            _w, h = flowable.wrap(aw, room)
            h += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if h <= room:
                room -= h
                continue
            if not isinstance(flowable, Paragraph) or room <= 0:
                return None
            pieces = flowable.split(aw, room)
            if len(pieces) != 2:
                return None
            return content[:i] + [pieces[0], _KeepClosing([pieces[1]] + content[i + 1:], self.closing, self.page_room)]
        return self._last_lines(content, aw)

    def _last_lines(self, content, aw) -> list | None:
        """All but the closing lines fit here: the last paragraph stays, its last lines going on
        with the closing (never the whole block pushed on for the totals' sake); None where it
        has too few lines to part."""
        i = len(content) - self.closing - 1
        while i > 0 and (isinstance(content[i], Spacer) or  # over closing lines kept before (a section's total)
                         isinstance(content[i], Paragraph) and content[i].style.alignment == TA_RIGHT):
            i -= 1
        last = content[i]
        if not isinstance(last, Paragraph):
            return None
        _w, h = last.wrap(aw, self.page_room or 1e6)
        lines = len(getattr(last.blPara, "lines", []))
        if lines < 4:  # at least two lines each side
            return None
        pieces = last.split(aw, h - 2 * last.style.leading + 0.01)
        if len(pieces) != 2:
            return None
        return content[:i] + [pieces[0], _KeepClosing([pieces[1]] + content[i + 1:], self.closing, self.page_room)]

    def _moved(self, aw, ah):
        pieces = super().split(aw, ah)
        if pieces and pieces[0] is not self._content[0]:  # a break first: all of it moves on
            for flowable in self._content:
                if isinstance(flowable, AnswerLines):
                    flowable.continued = True
        return pieces
