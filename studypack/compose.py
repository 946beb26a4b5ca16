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
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from . import images, text
from .flowables import AnswerLines, SourceBox, StudentField, TickBox
from .layout import Layout
from .model import in_tier
from .compose_kinds import QuestionParts
from .paragraph import Paragraph
from .questions import kind_of
from .roster import field_for_label
from .units import MM

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER, "justify": TA_JUSTIFY}


class Composer(QuestionParts):
    """Builds flowables for one pack and layout; `key=True` for the answer key; `tier`
    ("foundation" / "higher") leaves out the other tier's questions, sources and scaffolds."""

    def __init__(self, layout: Layout, pack, root, key: bool = False, tier: str | None = None):
        self.layout, self.pack, self.root, self.key, self.tier = layout, pack, root, key, tier
        self.covered: frozenset = frozenset()  # ids of papers printed behind their cover in this document
        self._styles: dict[str, ParagraphStyle] = {}
        self._marks_template = text.compile_template(layout.marks)
        self._continued_template = text.compile_template(layout.questions.continued)
        self.number_width = layout.questions.number_width
        self.marks_width = layout.questions.marks_width
        self.warnings: list = []  # Problems noticed while typesetting; the build shows them at the end

    def warn(self, message: str, location=None) -> None:
        from .errors import Problem

        self.warnings.append(Problem(message, location))

    # ------------------------------------------------------------------ styles
    def style(self, name: str) -> ParagraphStyle:
        if name not in self._styles:
            s = self.layout.style(name)
            self._styles[name] = ParagraphStyle(
                name, fontName=self.layout.face(name),
                fontSize=s["size"], leading=max(s["leading"], s["size"] * 1.1),
                textColor=HexColor(s["colour"]), spaceBefore=s["space_before"],
                spaceAfter=s["space_after"], alignment=_ALIGN[s["align"]],
            )
        return self._styles[name]

    def table_style(self, commands) -> TableStyle:
        """Table commands plus the body font, so no cell falls back to an unembedded Helvetica."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.style("body").fontName)] + list(commands))

    def para(self, markup: str, style: str, **overrides) -> Paragraph:
        st = self.style(style)
        if overrides:
            st = ParagraphStyle(f"{style}+", parent=st, **overrides)
        return Paragraph(markup, st)

    def paras(self, user_text: str, style: str, **overrides) -> list[Paragraph]:
        return [self.para(p, style, **overrides) for p in text.paragraphs(user_text)]

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
        words = f"Total: {total} mark{'s' if total != 1 else ''}"
        return words + (f" (including {spag} for SPaG)" if spag else "")

    # ------------------------------------------------------------------ sheet parts
    def sheet_opening(self, sheet) -> list[Flowable]:
        pack = self.pack
        parts: list[Flowable] = [self.para(text.inline(sheet.title), "title")]
        meta = [pack.subject, pack.level, self.total_words(sheet)]
        if sheet.time:
            meta.append(f"Time: {sheet.time}")
        if self.tier:
            meta.append(f"{self.tier.capitalize()} tier")
        parts.append(self.para(" · ".join(text.literal(text.plain(m)) for m in meta), "subtitle"))
        covered = sheet.id in self.covered  # its cover already asks for name, class and number
        if not self.key and self.layout.name_line and not covered:
            parts.append(self.student_line())
        if not self.key and self.layout.candidate_boxes and not covered:
            from .boxes import CandidateBoxes

            parts.append(CandidateBoxes(self.layout.candidate_fields(), self.style("candidate.label")))
        if sheet.instructions_for(self.tier):
            parts.extend(self.paras(sheet.instructions_for(self.tier), "instructions"))
        if not self.key:
            from .sheets import booklet_letters

            shown = booklet_letters(sheet, self.pack, self.tier)
            if shown:
                named = _letters(shown)
                parts.append(self.para(f"<b>{named} {'are' if len(shown) > 1 else 'is'} in the separate Source Booklet.</b>",
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
        return _StretchTable(table, widths, shares)

    def source_box(self, source) -> Flowable:
        lay = self.layout.source
        kind = "Primary source" if source.kind == "primary" else "Secondary source"
        heading = self.para(f"Source {source.letter}: {text.inline(source.title)}", "source.heading")
        continued = self.para(f"Source {source.letter} (continued)", "source.heading")
        provenance = self.provenance(source, kind)
        before: list[Flowable] = list(provenance) if lay.provenance == "above" else []
        after: list[Flowable] = [] if lay.provenance == "above" else list(provenance)
        if source.image:
            before.append(images.flowable(self.root, source.image, self._text_width() - 2 * lay.padding,
                                          images.greyscale(self.layout), images.max_height(self.layout)))
            if source.image.caption:
                before.extend(self.paras(source.image.caption, "source.note"))
        body = self.paras(source.text, "source.body") if source.text else []
        if source.glossary:
            notes = "; ".join(f"<b>{text.inline(word)}</b>: {text.inline(gloss)}" for word, gloss in source.glossary.items())
            after.append(self.para(f"Glossary: {notes}", "source.note"))
        if source.note:
            after.extend(self.paras(source.note, "source.note"))
        box = SourceBox(heading, continued, body, before, after,
                        number_every=lay.line_numbers, number_style=self.style("source.line-number"),
                        padding=lay.padding, border=lay.border, border_colour=lay.border_colour,
                        tint=lay.tint, gutter=self._gutter() if lay.line_numbers else 0, gap=2.5,)
        return [box, Spacer(1, 5 * MM)]

    def provenance(self, source, kind: str) -> list[Paragraph]:
        origin = source.origin.rstrip().rstrip(".,;")
        lines = [f"<b>{kind}.</b> {text.inline(origin)}, {text.inline(source.date.rstrip().rstrip('.'))}."]
        extra = []
        if source.purpose:
            extra.append(f"<b>Purpose:</b> {text.inline(source.purpose)}")
        if source.audience:
            extra.append(f"<b>Audience:</b> {text.inline(source.audience)}")
        if extra:
            lines.append(" ".join(e.rstrip(".") + "." for e in extra))
        lines.append(f"<b>Taken from:</b> {text.inline(source.citation)}")
        return [self.para(line, "source.provenance") for line in lines]

    # ------------------------------------------------------------------ questions
    def questions(self, sheet) -> list[Flowable]:
        """Every question of the sheet in this build's tier, numbered through the sheet,
        under its section heading; in the key, section totals after each section."""
        parts: list[Flowable] = []
        numbered = sheet.numbered(self.tier)
        for section, _k, _qs in sheet.groups():
            mine = [(n, q) for n, sec, q in numbered if sec is section]
            if not mine:
                continue
            opening = []
            if section is not None:
                opening = self.section_opening(section, sum(q.marks + (q.spag or 0) for _n, q in mine))
            for number, question in mine:
                parts.extend(self.question(number, question, opening))
                opening = []
            if section is not None and self.key:
                parts.append(Spacer(1, 2 * MM))
                parts.append(self.total_line(f"Total for {text.plain(section.title)}",
                                             sum(q.marks + (q.spag or 0) for _n, q in mine)))
        if not self.key:
            parts = _with_closing_line(parts, [Spacer(1, 6 * MM),
                                               self.para("End of questions", "question.marks", alignment=TA_CENTER)])
        return parts

    def question(self, number: int, question, opening: list[Flowable] = ()) -> list[Flowable]:
        """One numbered question: stem, then its body (or, for sub-questions, each part).
        `opening` (a section heading) is kept on the page with the question's start."""
        gap = self.layout.style("question.stem")["space_before"] or 4 * MM
        opening = [f for f in opening if not isinstance(f, CondPageBreak)]
        if question.kind == "parts":
            out: list[Flowable] = []
            lead = [self.stem(number, question, marks=False), Spacer(1, gap * 0.5)] if question.prompt else []
            lead = opening + [Spacer(1, gap)] + lead if opening else lead
            if self.key and question.tier:
                lead = lead + [self.note(f"{question.tier.capitalize()} tier only.")]
            for i, part in enumerate(question.parts):
                label = f"{number}({string.ascii_lowercase[i]})"
                head, tail = _keep_with_stem(self._labelled(self._body(part), label))
                block = lead + [self.stem(label, part)] + head
                lead = []
                out += [Spacer(1, gap), self._keep(block)] + tail
            return out
        body = self._labelled(self._body(question), number)
        head, tail = _keep_with_stem(body)
        lead = opening + [Spacer(1, gap)] if opening else []
        return [Spacer(1, gap if not opening else 0), self._keep(lead + [self.stem(number, question)] + head)] + tail

    def _keep(self, block: list[Flowable]) -> Flowable:
        return _KeepStart(block, self.layout.questions.keep_together)

    def _labelled(self, body: list[Flowable], number) -> list[Flowable]:
        """Give the question's answer lines the words they print if carried to a new page."""
        if self.layout.questions.continued and not self.key:
            label = text.render_template(self._continued_template, {"n": str(number)}).strip()
            for flowable in body:
                if isinstance(flowable, AnswerLines):
                    flowable.label, flowable.label_style = label, self.style("question.marks")
                    flowable.top_room = self._text_height()
        return body

    def _body(self, question) -> list[Flowable]:
        kind = kind_of(question)
        body = _flatten(kind.key(question, self) if self.key else kind.student(question, self))
        if self.key and getattr(question, "tier", None):
            body = [self.note(f"{question.tier.capitalize()} tier only.")] + body
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
        return _FullWidth(table, left, right)

    def section_opening(self, section, marks: int) -> list[Flowable]:
        """A section heading with its rubric, suggested time and marks."""
        unit = "mark" if marks == 1 else "marks"
        out = self.section_heading(text.inline(section.title), "section.heading")
        facts = [f"{marks} {unit}"] + ([f"Suggested time: {text.plain(section.time)}"] if section.time else [])
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
        return _Indented(table, self.number_width)

    def line_count(self, question) -> int:
        if getattr(question, "lines", None) is not None:
            return question.lines
        rule = self.layout.answer_lines
        return max(rule.minimum, min(rule.maximum, int(question.marks * rule.per_mark + 0.5)))

    def answer_lines(self, question) -> list[Flowable]:
        rule = self.layout.answer_lines
        count = self.line_count(question)
        if count == 0:
            return []
        return [AnswerLines(count, rule.spacing, rule.colour, rule.weight, indent=self.number_width)]

    # ------------------------------------------------------------------ answer key
    def key_text(self, label: str, user_text: str) -> list[Flowable]:
        paras = text.paragraphs(user_text)
        first = f"<b>{text.literal(label)}:</b> {paras[0]}" if paras else f"<b>{text.literal(label)}:</b>"
        out = [self.para(first, "key.answer", leftIndent=self.number_width)]
        out += [self.para(p, "key.answer", leftIndent=self.number_width) for p in paras[1:]]
        return out

    def key_list(self, label: str, items: list[str]) -> list[Flowable]:
        out = [self.para(f"<b>{text.literal(label)}:</b>", "key.answer", leftIndent=self.number_width,
                         keepWithNext=1)]
        for item in items:
            out.append(self.para(" ".join(text.paragraphs(item)), "key.answer",
                                 leftIndent=self.number_width + 4 * MM, bulletIndent=self.number_width,
                                 bulletText="•", bulletFontName=self.style("key.answer").fontName,
                                 bulletFontSize=self.style("key.answer").fontSize))
        return out

    def levels(self, levels) -> Flowable:
        head = self.style("key.label")
        rows = [[Paragraph("Level", head), Paragraph("Marks", head), Paragraph("Descriptor", head)]]
        for level in levels:
            low, high = level.marks
            band = f"{low}–{high}" if low != high else f"{low}"
            rows.append([self.para(f"<b>Level {level.level}</b>", "key.level"), self.para(band, "key.level"),
                         [self.para(p, "key.level") for p in text.paragraphs(level.descriptor)]])
        table = Table(rows, colWidths=[18 * MM, 15 * MM, None], repeatRows=1)
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), *self.table_rules(),
                    ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        table.setStyle(self.table_style(commands))
        mins = column_minimums(table)
        if mins[0] + mins[1] > 0.3 * (self._text_width() - self.number_width):
            # large print: the level and its marks head each descriptor, which keeps the full width
            stacked = []
            for level, row in zip(levels, rows[1:]):
                unit = "mark" if level.marks[0] == level.marks[1] == 1 else "marks"
                head = self.para(f"<b>Level {level.level}</b> · {row[1].text} {unit}", "key.level")
                stacked.append([[head] + row[2]])
            table = Table(stacked, colWidths=[None])
            table.setStyle(self.table_style(commands))
        return _Indented(table, self.number_width, top=3)

    def total_line(self, label: str, marks: int) -> Paragraph:
        unit = "mark" if marks == 1 else "marks"
        return self.para(f"{text.literal(label)}: {marks} {unit}", "key.total", alignment=TA_RIGHT)

    def section_heading(self, markup: str, style: str = "section.heading") -> list[Flowable]:
        return [CondPageBreak(40 * MM), self.para(markup, style)]

    def small(self, size: float) -> float:
        """A fixed small size (gap numbers, axis labels), raised to the layout's minimum (large print)."""
        return max(size, self.layout.minimum_text_size)

    def grown(self, width: float, style: str, most: float = 0.4) -> float:
        """A fixed column width (set for 10.5 pt text) grown with its text's size, at most
        `most` of the text width: large print keeps whole words in labels and headings."""
        return min(width * max(1.0, self.style(style).fontSize / 10.5), most * self._text_width())

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

    def _gutter(self) -> float:
        """Room for source line numbers: 9 mm, or more when the numbers are large."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        st = self.style("source.line-number")
        return max(9 * MM, stringWidth("00", st.fontName, st.fontSize) / 0.6 + 2 * MM)

    def _text_height(self) -> float:
        _, height = self.layout.page.dimensions
        m = self.layout.page.margins
        return height - m.top - m.bottom

    def _text_width(self) -> float:
        width, _ = self.layout.page.dimensions
        m = self.layout.page.margins
        return width - m.left - m.right


# ---------------------------------------------------------------------- helpers

_STEM_STYLE = [
    ("VALIGN", (0, 0), (1, 0), "TOP"), ("VALIGN", (2, 0), (2, 0), "BOTTOM"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def _letters(letters: list[str]) -> str:
    if len(letters) == 1:
        return f"Source {letters[0]}"
    return f"Sources {', '.join(letters[:-1])} and {letters[-1]}"


def _marks_label(template, n: int) -> str:
    return text.render_template(template, {"n": n}).strip()


def fonts_width(label: str, style: ParagraphStyle) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(label, style.fontName, style.fontSize)


def _flatten(items) -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(item))
        elif item is not None:
            out.append(item)
    return out


def _with_closing_line(parts: list[Flowable], closing: list[Flowable]) -> list[Flowable]:
    """End with `closing` kept on the page of the last answer space: the last two answer
    lines (or the last block) go with it, so no page holds "End of questions" alone."""
    if not parts:
        return closing
    last = parts[-1]
    if isinstance(last, AnswerLines) and last.count >= 2:
        return parts[:-1] + [last._copy(last.count, last.continued, closing)]
    content = list(last._content) if isinstance(last, KeepTogether) else [last]  # never nested: see KeepTogether.wrap
    return parts[:-1] + [_KeepClosing(content + closing)]


class _KeepStart(KeepTogether):
    """A question's opening kept on one page; when it is taller than `most` (large print)
    it may break where the page ends, once the stem and a first part of its answer (two
    options, three lines, some events) are on the page, instead of leaving a gap."""

    def __init__(self, flowables, most: float):
        super().__init__(flowables)
        self.most = most

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        if self._H <= ah or self._H <= self.most:
            return super().split(aw, ah)
        content, placed, room, stem_seen = list(self._content), [], ah, False
        for i, flowable in enumerate(content):
            _w, h = flowable.wrap(aw, room)
            h += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if h <= room:
                placed.append(flowable)
                room -= h
                stem_seen = stem_seen or isinstance(flowable, _FullWidth)
                continue
            if not stem_seen:
                break
            pieces = flowable.split(aw, room) if room > 0 else []
            if len(pieces) >= 2:
                return placed + pieces + content[i + 1:]
            if not isinstance(placed[-1], _FullWidth):  # the stem has something of its answer
                return placed + content[i:]
            break
        return super().split(aw, ah)


class _KeepClosing(KeepTogether):
    """Keeps its content on one page; answer lines it carries to a new page say so."""

    def split(self, aw, ah):
        pieces = super().split(aw, ah)
        if pieces and pieces[0] is not self._content[0]:  # a break first: all of it moves on
            for flowable in self._content:
                if isinstance(flowable, AnswerLines):
                    flowable.continued = True
        return pieces


def _keep_with_stem(body: list[Flowable]) -> tuple[list[Flowable], list[Flowable]]:
    """Keep the stem with the start of its answer: 3 answer lines, or the first key block,
    after any lead-in parts (word bank, "Tick two boxes")."""
    lead = 0
    while lead < len(body) - 1 and getattr(body[lead], "_studypack_lead", False):
        lead += 1
    if lead:
        head, tail = _keep_with_stem(body[lead:])
        return body[:lead] + head, tail
    if body and isinstance(body[0], AnswerLines) and body[0].count > 3:
        first = body[0]
        return [first._copy(3)], [first._copy(first.count - 3)] + body[1:]
    if body and isinstance(body[0], _Indented):
        return body[:1], body[1:]
    return body[:2], body[2:]


class _FullWidth(Flowable):
    """A stem table whose middle column takes whatever width the frame leaves."""

    def __init__(self, table: Table, left: float, right: float):
        super().__init__()
        self.table, self.left, self.right = table, left, right

    def wrap(self, aw, ah):
        self.table._argW = [self.left, aw - self.left - self.right, self.right]
        self.table._colWidths = self.table._argW
        w, h = self.table.wrap(aw, ah)
        self.width, self.height = w, h
        return w, h

    def draw(self):
        self.table.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):
        return 0


def widest_word(cell) -> float:
    """The widest thing in a table cell that cannot be broken: its longest word in the
    font and size it prints in, or a drawn box's width."""
    if cell is None or isinstance(cell, str):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return max((stringWidth(w, "Helvetica", 10) for w in (cell or "").split()), default=0)
    if isinstance(cell, (list, tuple)):
        return max((widest_word(c) for c in cell), default=0)
    if isinstance(cell, Paragraph):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        widest, indent = 0.0, cell.style.leftIndent
        for frag in cell.frags:
            for word in (getattr(frag, "text", "") or "").replace("\xa0", " ").split():
                widest = max(widest, stringWidth(word, frag.fontName, frag.fontSize))
        return widest + indent + 0.5
    if isinstance(cell, AnswerLines):
        return 0  # ruled lines take any width
    return getattr(cell, "width", 0) or 0  # a tick box or letter box: its drawn size


def column_minimums(table: Table) -> list[float]:
    """Per column, the width its widest word (plus the cell's padding) needs, so no word
    is broken inside a cell: spanned cells are left out."""
    spanned = set()
    rows, cols = len(table._cellvalues), len(table._cellvalues[0]) if table._cellvalues else 0
    for _cmd, (c0, r0), (c1, r1) in getattr(table, "_spanCmds", []):
        c0, c1 = c0 % cols, c1 % cols
        r0, r1 = r0 % rows, r1 % rows
        spanned |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    mins = [0.0] * cols
    for r, row in enumerate(table._cellvalues):
        for c, cell in enumerate(row):
            if (r, c) in spanned:
                continue
            st = table._cellStyles[r][c]
            need = widest_word(cell)
            if need:
                mins[c] = max(mins[c], need + st.leftPadding + st.rightPadding)
    return mins


def fit_columns(spec, mins, room: float) -> list[float]:
    """Column widths: fixed ones (set for 10.5 pt) raised to what their words need, free
    ones (None) share the rest, none below its own need where the room allows."""
    widths = [max(w, m) if w is not None else None for w, m in zip(spec, mins)]
    free = [i for i, w in enumerate(widths) if w is None]
    left = room - sum(w for w in widths if w is not None)
    if free:
        share = left / len(free)
        needy = [i for i in free if mins[i] > share]
        while needy and len(needy) < len(free):
            for i in needy:
                widths[i] = mins[i]
            free = [i for i in free if i not in needy]
            left = room - sum(w for w in widths if w is not None)
            share = left / len(free)
            needy = [i for i in free if mins[i] > share]
        for i in free:
            widths[i] = max(share, 0)
    return widths


class _Indented(Flowable):
    """A table set in from the left by the question-number column; splits like a table.
    Columns are never narrower than their longest word (large print)."""

    def __init__(self, table: Table, indent: float, top: float = 0, spec=None, mins=None):
        super().__init__()
        self.table, self.indent, self.top = table, indent, top
        self.spec = spec or list(table._argW)
        self.mins = mins if mins is not None else column_minimums(table)

    def _fit(self, aw):
        self.table._argW = self.table._colWidths = fit_columns(self.spec, self.mins, aw - self.indent)

    def wrap(self, aw, ah):
        self._fit(aw)
        w, h = self.table.wrap(aw - self.indent, ah)
        self.width, self.height = aw, h + self.top
        return aw, self.height

    def split(self, aw, ah):
        self._fit(aw)
        pieces = self.table.split(aw - self.indent, ah - self.top)
        return [_Indented(p, self.indent, self.top if i == 0 else 0, self.spec, self.mins) for i, p in enumerate(pieces)]

    def draw(self):
        self.table.drawOn(self.canv, self.indent, 0)


class _Shared(_Indented):
    """An indented table whose columns split the width in given proportions (a grid)."""

    def __init__(self, table: Table, indent: float, shares, top: float = 0, mins=None):
        super().__init__(table, indent, top, spec=[None] * len(shares), mins=mins)
        self.shares = shares

    def _fit(self, aw):
        room = aw - self.indent
        total = sum(self.shares)
        widths = [room * share / total for share in self.shares]
        short = [i for i, w in enumerate(widths) if w < self.mins[i]]
        if short and sum(self.mins) <= room:  # a narrow column would break a word: widen it
            fixed = sum(self.mins[i] for i in short)
            rest = [i for i in range(len(widths)) if i not in short]
            spare = sum(self.shares[i] for i in rest) or 1
            for i in short:
                widths[i] = self.mins[i]
            for i in rest:
                widths[i] = (room - fixed) * self.shares[i] / spare
        self.table._argW = self.table._colWidths = widths

    def split(self, aw, ah):
        self._fit(aw)
        pieces = self.table.split(aw - self.indent, ah - self.top)
        return [_Shared(p, self.indent, self.shares, self.top if i == 0 else 0, self.mins) for i, p in enumerate(pieces)]


class _StretchTable(Flowable):
    """The Name / Class line: label widths fixed, blanks share the rest of the line."""

    def __init__(self, table: Table, widths, shares):
        super().__init__()
        self.table, self.widths, self.shares = table, widths, shares

    def wrap(self, aw, ah):
        labels = sum(w for w in self.widths if w is not None)
        room = aw - labels
        blanks = iter(self.shares)
        self.table._argW = [w if w is not None else room * next(blanks) for w in self.widths]
        self.table._colWidths = self.table._argW
        w, h = self.table.wrap(aw, ah)
        self.width, self.height = aw, h
        return aw, h

    def draw(self):
        self.table.drawOn(self.canv, 0, 0)
