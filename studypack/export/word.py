"""Word (.docx) copies of the planned documents: each student sheet, source booklet, the
reference pages and the answer key, for teachers who edit in Word and for candidates who
use a screen reader (JCQ's "computer reader" arrangement uses Word papers).

Everything is styled with named Word styles (`STYLES`, documented in docs/beyond-paper.md),
never with direct formatting, so restyling a style restyles every sheet. Headings are real
headings (navigable), tick boxes are Word check-box controls, tables have header rows,
pictures have alternative text. Reads the typed pack and the plan; no ReportLab here.
"""

from __future__ import annotations

import datetime
import io
import string
import zipfile
from copy import deepcopy
from pathlib import Path

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.media import text as markup
from studypack.settings.provenance import provenance
from studypack.spec import key_totals
from studypack.spec import references
from studypack.spec.fields import in_tier
from studypack.spec.questions import lined
from studypack.base import registry
from studypack.base.errors import Problem, StudypackError, said
from studypack.spec.sheets import booklet_letters, is_cover
from studypack.kinds.sheets.cover.spec import rows_for
from studypack.kinds.stimuli.table.spec import numeric_columns
from studypack.spec import stimuli
from studypack.export import word_page
from studypack.export.equations import add_run
from studypack.export.common import (inline_runs, joined_runs, marks_words, numbered, paragraphs, picture, plain,
                                     runs, runs_of, cited, stimulus_blocks, stimulus_heading)

# name: (kind, based on, what it is for) — the documented style names
STYLES = {
    "Heading 1": ("paragraph", None, "a sheet's title; in the key, each sheet's heading"),
    "Heading 2": ("paragraph", None, "a section's heading (Section A …), Information and Instructions on a cover"),
    "Sheet Details": ("paragraph", "Normal", "subject, level, total marks and time under a title; a section's marks"),
    "Student Details": ("paragraph", "Normal", "Name ____ Class ____ at the top of a student sheet"),
    "Instructions": ("paragraph", "Normal", "a sheet's instructions and a section's rubric"),
    "Source Heading": ("paragraph", "Heading 2", "Source A: its title"),
    "Source Provenance": ("paragraph", "Normal", "where a source comes from: kind, origin, date, purpose, audience, citation"),
    "Source Text": ("paragraph", "Normal", "the words of a source"),
    "Source Note": ("paragraph", "Normal", "a source's glossary and note; a picture's caption"),
    "Question": ("paragraph", "Heading 3", "Question 1 [4 marks]: the number and marks, a heading to jump to"),
    "Question Text": ("paragraph", "Normal", "the question's prompt"),
    "Option": ("paragraph", "Normal", "a lettered option with its tick box; a lettered item to match or order"),
    "Answer Line": ("paragraph", "Normal", "one ruled line to write (or type) on"),
    "Final Answer": ("paragraph", "Normal", "the line that ends a calculation: speed = ............ m/s"),
    "Help": ("paragraph", "Normal", "a scaffold: hint, sentence starters, words you could use"),
    "Word Bank": ("paragraph", "Normal", "the words to choose from (cloze, labelling)"),
    "Table Text": ("paragraph", "Normal", "a table cell"),
    "Table Heading": ("paragraph", "Table Text", "a table's header row (repeated on each page)"),
    "Key Answer": ("paragraph", "Normal", "an answer, creditable point or mark scheme in the key"),
    "Key Total": ("paragraph", "Normal", "Total for a section, sheet or the pack, in the key"),
    "End of Questions": ("paragraph", "Normal", "the line after a sheet's last question"),
    "Marks": ("character", None, "[4 marks] in a question heading"),
    "Studypack Table": ("table", "Table Grid", "every table: grids, mark schemes, tick-box tables"),
}

KEY_STYLES = frozenset({"Key Answer", "Key Total"})  # only an answer key's paragraphs are in these

_BOX, _TICKED = "\u2610", "\u2612"  # ballot box, and with an X: what a screen reader reads as a tick box
_STABLE_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)  # same pack, same bytes


def document(doc_plan, loaded, layout, tier, lines_for, template: Path | None = None) -> tuple[bytes, list[Problem]]:
    """One planned document (sheets, booklet, reference or key) as .docx bytes, and the warnings
    of making it. `lines_for(question)` is the number of answer lines the layout gives a question;
    `template` a school's reference .docx whose styles, page and header and footer are kept."""
    pack = loaded.pack
    writer = _Writer(loaded, layout, lines_for, key=doc_plan.key, template=template)
    doc = writer.doc
    doc.core_properties.title = plain(doc_plan.title)
    doc.core_properties.subject = f"{plain(pack.subject)}, {plain(pack.level)}"
    doc.core_properties.author = plain(pack.author or "")
    writer.furnish(_band_sheet(doc_plan, pack, tier, layout.say), tier)
    if doc_plan.kind == "key":
        writer.key_document(doc_plan.sheets, tier)
    elif doc_plan.kind == "booklet":
        writer.booklet(doc_plan)
    elif doc_plan.kind == "reference":
        writer.reference(doc_plan.title)
    else:
        tiers = doc_plan.tiers or (tier,) * len(doc_plan.sheets)
        for i, (s, t) in enumerate(zip(doc_plan.sheets, tiers)):
            covered = any(is_cover(pack.sheets[c]) and pack.sheets[c].paper == pack.sheets[s].id
                          for c in doc_plan.sheets)
            writer.sheet(s, t, first=i == 0, covered=covered)
    return writer.save(), writer.warnings


def _band_sheet(doc_plan, pack, tier, say: Words) -> dict:
    """`sheet` for the header and footer templates, as the PDF gives it: the document's own
    sheet (a cover's paper), or the key's, booklet's or reference pages' name."""
    if doc_plan.kind == "key":
        return {"id": "answer-key", "title": say("key.title"), "kind": "answer-key", "total": pack.total_for(tier)}
    if doc_plan.kind in ("booklet", "reference"):
        kind = "source-booklet" if doc_plan.kind == "booklet" else "reference"
        return {"id": kind, "title": plain(doc_plan.title), "kind": kind, "total": 0}
    sheets = [pack.sheets[s] for s in doc_plan.sheets]
    sheet = next((x for x in sheets if not is_cover(x)), sheets[0])
    return {"id": sheet.id, "title": plain(sheet.title), "kind": sheet.kind, "total": sheet.total_for(tier)}


class KeyInStudentDocument(RuntimeError):
    """A kind's Word form wrote key content into a student document: a bug, stopped here."""


class _Writer:
    def __init__(self, loaded, layout, lines_for, key: bool, template: Path | None = None):
        self.pack, self.root, self.lines_for, self.key = loaded.pack, loaded.root, lines_for, key
        self.locate, self.layout = loaded.locate, layout
        self.say = layout.say  # the tool's words in the layout's language
        self.warnings: list[Problem] = []
        self.doc = _opened(template)
        section = self.doc.sections[0]
        kept = _define_styles(self.doc)
        if template is None:
            word_page.set_page(section, layout)
            word_page.apply_styles(self.doc, layout)
        else:
            _restore(self.doc, kept)
        self.width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU to points
        self.bold_emphasis = template is None and layout.emphasis != "italic"
        self.underlined = template is None and layout.emphasis == "underline"  # all-bold large print
        self.upright = layout.maths.variables == "upright"  # a formula's letters, as the layout prints them
        self.template = template
        self._started = False

    def furnish(self, sheet_vars: dict, tier) -> None:
        """The layout's header and footer, where a reference document brings none of its own."""
        section = self.doc.sections[0]
        if self.template is not None and not section.header.is_linked_to_previous:
            return
        pack = self.pack
        pack_vars = {"title": plain(pack.title), "subtitle": plain(pack.subtitle or ""), "subject": plain(pack.subject),
                     "level": plain(pack.level), "author": plain(pack.author or ""), "total": pack.total_for(tier)}
        word_page.furnish(self.doc, self.layout,
                          word_page.page_variables(pack_vars, sheet_vars, self.layout.branding.school))

    # ------------------------------------------------------------------ basics
    def _underline(self, run) -> bool | None:
        """The pack's emphasis underlined where all text is bold (large print), as on paper."""
        return True if self.underlined and run.emphasis else None

    def para(self, user_text_runs, style: str, bold_prefix: str = ""):
        if style in KEY_STYLES and not self.key:  # the one gate: a kind's slip is a failed build, never a leak
            raise KeyInStudentDocument(f"a {style!r} paragraph was written into a student document")
        p = self.doc.add_paragraph(style=style)
        if bold_prefix:
            p.add_run(bold_prefix).bold = True
        for run in user_text_runs:
            add_run(p, run, run.bold or None, run.italic or None, self._underline(run), upright=self.upright)
        return p

    def text(self, user_text: str, style: str, prefix: str = "") -> None:
        """A text field (inline markup, paragraphs) in `style`; `prefix` in bold before it."""
        for i, para in enumerate(paragraphs(user_text)):
            self.para(para, style, prefix if i == 0 else "")

    def words(self, words: str, style: str, prefix: str = ""):
        return self.para(runs_of(words), style, prefix)

    def heading(self, words_markup: str, style: str = "Heading 1"):
        p = self.para(runs(_inline(words_markup)), style)
        if self._started and style == "Heading 1":
            p.paragraph_format.page_break_before = True
        self._started = True
        return p

    def table(self, header: list | None, rows: list[list], widths: list[float] | None = None):
        """A table in the table style: `rows` of cells, each a string (plain), a list of runs,
        a callable that fills the cell, or None (empty); `header` cells a string or a list of
        runs. A header row repeats on each page."""
        columns = len(header) if header else len(rows[0])
        t = self.doc.add_table(rows=0, cols=columns)
        t.style = self.doc.styles["Studypack Table"]
        if header:
            cells = t.add_row().cells
            for cell, words in zip(cells, header):
                _fill(cell, runs_of(words) if isinstance(words, str) else words, "Table Heading", upright=self.upright)
            tr_pr = t.rows[0]._tr.get_or_add_trPr()
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            tr_pr.append(mark)
        for row in rows:
            added = t.add_row()
            added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never parts across a page
            cells = added.cells
            for cell, value in zip(cells, row):
                if callable(value):
                    value(cell)
                elif isinstance(value, str):
                    _fill(cell, runs_of(value), "Table Text", upright=self.upright)
                elif value:
                    _fill(cell, value, "Table Text", self.underlined, self.upright)
                else:
                    _fill(cell, [], "Table Text")
        if widths:
            total = sum(widths)
            t.autofit = False
            for column, w in zip(t.columns, widths):
                column.width = Pt(self.width_pt * w / total)
            for row in t.rows:
                for cell, w in zip(row.cells, widths):
                    cell.width = Pt(self.width_pt * w / total)
        self.doc.add_paragraph(style="Normal")  # room after the table; Word cannot end a cell run otherwise
        return t

    def tick(self, paragraph, ticked: bool, name: str) -> None:
        """A Word check-box content control (click to tick) showing a ballot box."""
        sdt = OxmlElement("w:sdt")
        pr = OxmlElement("w:sdtPr")
        alias = OxmlElement("w:alias")
        alias.set(qn("w:val"), name)
        pr.append(alias)
        box = OxmlElement("w14:checkbox")
        checked = OxmlElement("w14:checked")
        checked.set(qn("w14:val"), "1" if ticked else "0")
        box.append(checked)
        for tag, code in (("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
            state = OxmlElement(tag)
            state.set(qn("w14:val"), code)
            state.set(qn("w14:font"), "Segoe UI Symbol")
            box.append(state)
        pr.append(box)
        sdt.append(pr)
        content = OxmlElement("w:sdtContent")
        run = paragraph.add_run(_TICKED if ticked else _BOX)
        content.append(deepcopy(run._r))
        paragraph._p.remove(run._r)
        sdt.append(content)
        paragraph._p.append(sdt)

    def answer_lines(self, count: int) -> None:
        for _ in range(count):
            self.doc.add_paragraph(style="Answer Line")

    def answer_space(self, q) -> None:
        """A short or extended question's answer space on a student sheet: its `space:` kind's
        Word form (kinds/spaces/<kind>/word.py; ruled lines when it names none), then its `final:` line."""
        space = getattr(q, "space", None)
        module = registry.form_of("spaces", space.kind if space is not None else "lines", "word")
        assert module is not None  # every space kind's folder has its Word form (tests/test_layers.py)
        module.write(space, q, self)
        final = getattr(q, "final", None)
        if final is not None:
            dots = "\u00a0" + "." * 30 + "\u00a0"
            self.para(inline_runs(final.label) + runs_of(dots) + (inline_runs(final.unit) if final.unit else []),
                      "Final Answer")

    def lines_height(self, q) -> float:
        """In points, as tall as the ruled lines the question would get (a box's or grid's own size)."""
        return max(20 * 72 / 25.4, self.lines_for(q) * self.layout.answer_lines.spacing)

    def working_area(self, height: float, caption: list | None = None) -> None:
        """An empty bordered area `height` points tall (a one-cell table of that exact row
        height), with `caption` (runs: what to draw, in words) at its top."""
        t = self.table(None, [[caption or None]])
        row = t.rows[0]
        row.height = Pt(height)
        row.height_rule = 2  # exactly (WD_ROW_HEIGHT_RULE.EXACTLY)
        tr_pr = row._tr.get_or_add_trPr()
        split = OxmlElement("w:cantSplit")  # never broken across pages, as on paper
        split.set(qn("w:val"), "true")
        tr_pr.append(split)

    def image(self, done, alt: str) -> None:
        p = self.doc.add_paragraph(style="Normal")
        shape = p.add_run().add_picture(io.BytesIO(done.data), width=Pt(done.width_pt))
        shape._inline.docPr.set("descr", alt)
        shape._inline.docPr.set("title", alt)

    def save(self) -> bytes:
        if self.bold_emphasis:
            _italics_as_bold(self.doc.element.body)
        core = self.doc.core_properties
        core.created = core.modified = _STABLE_TIME.replace(tzinfo=None)
        core.last_modified_by, core.revision = "studypack", 1
        out = io.BytesIO()
        self.doc.save(out)
        return _stable_zip(out.getvalue())

    # ------------------------------------------------------------------ sheets
    def sheet(self, s: int, tier, first: bool, covered: bool) -> None:
        sheet = self.pack.sheets[s]
        self._tier = tier
        if is_cover(sheet):
            return self.cover(sheet, tier)
        title = sheet.title + (f" ({self.say(f'tier.{tier}-tier')})" if tier else "")
        self.heading(title)
        if sheet.kind == "glossary":
            return self.glossary(sheet.instructions_for(tier))
        if sheet.kind == "timeline":
            return self.timeline(sheet.instructions_for(tier))
        facts = [plain(self.pack.subject), plain(self.pack.level), _total_words(sheet, tier, self.say)]
        if sheet.time:
            facts.append(self.say("sheet.time", time=plain(sheet.time)))
        self.words(" · ".join(facts), "Sheet Details")
        if not self.key and not covered:
            self.name_line(self.layout.name_line)
        if sheet.instructions_for(tier):
            self.text(sheet.instructions_for(tier), "Instructions")
        booklet = booklet_letters(sheet, self.pack, tier)
        if booklet:
            self.words(self.say("sheet.in-booklet", len(booklet), sources=_named(self.pack, booklet, self.say),
                                booklet=self.pack.booklet_name(sheet, self.say)), "Instructions")
        else:
            for letter in sheet.sources:
                source = self.pack.source(letter)
                if in_tier(source, tier):
                    self.source(source)
        self.questions(s, tier)

    def name_line(self, labels: list[str]) -> None:
        """The layout's labels with lines to write on (the first the longest), on one line, or
        one a line where the type is large (a line of three would wrap mid-blank)."""
        if not labels:
            return
        blanks = [f"{self.say('key.label', label=label)} {'_' * (20 if i == 0 else 8)}" for i, label in enumerate(labels)]
        if self.layout.style("student-line")["size"] >= 16:
            for blank in blanks:
                self.words(blank, "Student Details")
        else:
            self.words("   ".join(blanks), "Student Details")

    def cover(self, sheet, tier) -> None:
        paper = next(p for p in self.pack.sheets if p.id == sheet.paper)
        self.heading(paper.title + (f" ({self.say(f'tier.{tier}-tier')})" if tier else ""))
        self.words(f"{plain(self.pack.title)} · {plain(self.pack.subject)} · {plain(self.pack.level)} · "
                   f"{plain(sheet.title)}", "Sheet Details")
        say = self.say
        self.name_line([say("layout.name"), say("layout.class"), say("layout.candidate-number")])
        self.heading(say("cover.information"), "Heading 2")
        if paper.time:
            self.words(f"{say('cover.time')} {plain(paper.time)}", "Instructions")
        spag = paper.spag_for(tier)
        self.words(say.composed(lambda one: f"{one('cover.total')} {paper.total_for(tier)}"
                                + (one("cover.total-spag", spag) if spag else "")), "Instructions")
        if paper.sources and (paper.kind == "exam" or paper.source_booklet):
            self.words(say.composed(lambda one: f"{one('cover.you-need')} "
                                    f"{one('cover.booklet', booklet=self.pack.booklet_name(None, one))}"), "Instructions")
        if sheet.instructions_for(tier):
            self.heading(say("cover.instructions"), "Heading 2")
            self.text(sheet.instructions_for(tier), "Instructions")
        rows = [[say("key.spag") if label == "SPaG" else label, str(marks), None] for label, marks in rows_for(paper, tier)]
        rows.append([say("key.total"), str(paper.total_for(tier)), None])
        self.words(say("cover.teacher"), "Sheet Details")
        self.table([say("cover.question"), say("cover.available"), say("cover.awarded")], rows)

    def source(self, source) -> None:
        self.para(runs(_inline(stimulus_heading(source, self.say, self.layout.source.author_heading))), "Source Heading")
        for line in provenance(source, self.layout.source.attribution, self.say, self.layout.source.provenance_lead, self.layout.source.author_heading):
            self.para(runs(line), "Source Provenance")
        if source.image:
            done = picture(self.root, source.image.file, source.image.width, labels=source.image.labels)
            self.image(done, plain(source.image.caption or stimulus_heading(source, self.say, self.layout.source.author_heading)))
            if source.image.caption:
                self.text(source.image.caption, "Source Note")
        verse = stimuli.verse(source)
        for block in stimulus_blocks(source):
            if not verse:
                self.text(block, "Source Text")
            elif block:
                self.verse_line(block)
            else:  # a poem's stanza break
                self.doc.add_paragraph(style="Source Text")
        if getattr(source, "rows", None):
            self.data_table(source)
        if source.glossary:
            p = self.doc.add_paragraph(style="Source Note")
            p.add_run(self.say("source.glossary") + " ")
            # the language's punctuation around each word and meaning, said with stand-ins for them
            before, rest = self.say.alone("source.glossary-item", word="\x00", meaning="\x01").split("\x00")
            middle, after = rest.split("\x01")
            between = self.say.alone("source.glossary-between")
            for i, (word, gloss) in enumerate(source.glossary.items()):
                lead = (after + between if i else "") + before
                if lead:
                    p.add_run(lead)
                for run in runs(_inline(word)):
                    add_run(p, run, True, upright=self.upright)
                p.add_run(middle)
                for run in runs(_inline(gloss)):
                    add_run(p, run, run.bold or None, run.italic or None, self._underline(run), upright=self.upright)
            if after:
                p.add_run(after)
        if source.note:
            self.text(source.note, "Source Note")

    def verse_line(self, line: str) -> None:
        """A poem's line: its own paragraph with no space under it, its leading spaces an indent,
        a long line wrapping under a hanging indent."""
        indent = len(line) - len(line.lstrip("\xa0"))
        p = self.para(runs(_inline(line.lstrip("\xa0"))), "Source Text")
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.left_indent = Pt(3 * indent + 18)
        p.paragraph_format.first_line_indent = Pt(-18)

    def data_table(self, table) -> None:
        """A table stimulus as a Word table: its headers with their units, numbers right-aligned."""
        header = [runs(_inline(h)) + (runs_of(f" ({plain(u)})") if u else []) for h, u in table.headers()]
        numbers = numeric_columns(table)
        rows = [[_number_cell(cell) if numbers[k] else cell for k, cell in enumerate(row)] for row in table.rows]
        self.table(header, rows)

    def booklet(self, doc_plan) -> None:
        self.heading(doc_plan.title)
        self.words(f"{plain(self.pack.subject)} · {plain(self.pack.level)}", "Sheet Details")
        for letter in doc_plan.booklet:
            self.source(self.pack.source(letter))

    def reference(self, title: str) -> None:
        self.heading(title)
        if self.pack.glossary and "glossary" not in {s.kind for s in self.pack.sheets}:
            self.glossary(None)
        if self.pack.timeline and "timeline" not in {s.kind for s in self.pack.sheets}:
            self.timeline(None)

    def glossary(self, instructions) -> None:
        if instructions:
            self.text(instructions, "Instructions")
        terms = sorted(self.pack.glossary.items(), key=lambda item: plain(item[0]).casefold())
        self.table([self.say("word.term"), self.say("word.meaning")], [[runs_of(t, bold=True), runs_of(m)] for t, m in terms], [1, 3])

    def timeline(self, instructions) -> None:
        if instructions:
            self.text(instructions, "Instructions")
        self.table([self.say("word.date"), self.say("word.event")], [[runs_of(e.date, bold=True), runs_of(e.event)] for e in self.pack.timeline], [1, 3])

    # ------------------------------------------------------------------ questions
    def questions(self, s: int, tier) -> None:
        items = numbered(self.pack, s, tier)
        sheet = self.pack.sheets[s]
        both = self.key and tier is None and sheet.tiered  # a key for both tiers: each tier's number (F3 / H4)
        labels = {id(q): label for label, _section, q in sheet.key_labels()} if both else {}
        for section, _k, _qs in sheet.groups():
            mine = [item for item in items if item.section is section]
            if not mine:
                continue
            marks, spag = sum(i.question.marks for i in mine), sum(i.question.spag or 0 for i in mine)
            if section is not None:
                self.heading(section.title, "Heading 2")
                facts = [key_totals.marks_words(marks, spag, self.say)]
                if section.time:
                    facts.append(self.say("section.time", time=plain(section.time)))
                self.words(" · ".join(facts), "Sheet Details")
                if section.rubric and not self.key:
                    self.text(section.rubric, "Instructions")
            for item in mine:
                self.question(labels.get(id(item.question), str(item.number)), item.question, item.path)
            if section is not None and self.key and len(sheet.sections) > 1:  # one section: the sheet's total says it
                self.words(key_totals.total_words(self.say("key.total-for", title=plain(section.title)), marks, spag,
                                                  self.say), "Key Total")
        if not self.key:
            self.words(self.say("sheet.end"), "End of Questions")

    def question(self, label: str, q, path: tuple = ()) -> None:
        """The question's heading, prompt and its kind's Word form; a kind with none (its
        `word.py` says why) prints its prompt with a located warning."""
        q = cited(q, self.pack, self.say)
        p = self.doc.add_paragraph(style="Question")
        p.add_run(self.say("word.question", label=label) + " ")
        p.add_run(marks_words(q.marks, getattr(q, "spag", None), self.say), style="Marks")
        form = registry.form_of("questions", q.kind, "word")
        if form is not None and hasattr(form, "split"):
            if q.prompt:
                self.text(q.prompt, "Question Text")
            for sub_label, part, sub_path in form.split(q, label):
                self.question(sub_label, part, path + sub_path)
            return
        self.text(q.prompt, "Question Text")
        if self.key and getattr(q, "tier", None):
            self.words(self.say(f"tier.{q.tier}-only"), "Key Answer")
        stimulus = getattr(q, "stimulus", None)
        if stimulus is not None and not self.key:
            self.stimulus(stimulus)
        scaffold = getattr(q, "scaffold", None)
        helped = scaffold is not None and not self.key and in_tier(scaffold, self._tier)
        if helped and lined(q):  # as on paper: the help comes before the lines it helps to fill
            self.help(scaffold)
        why = registry.unsupported(form)
        if form is None or why:
            self.warnings.append(Problem(said("term.word-no-form", "question {label} ({kind}) has no Word form: {why}; only "
                                              "its prompt is printed", label=label, kind=q.kind, why=why), self.locate(path)))
        else:
            form.write(q, self)
        if helped and not lined(q):
            self.help(scaffold)
        if getattr(q, "notes", None):
            self.key_list(self.say("key.notes"), q.notes)

    def stimulus(self, stimulus) -> None:
        """The given bullet points under a board question, as the paper prints them."""
        lead, own = stimulus.said(self.say)
        if lead:
            self.para(inline_runs(lead), "Question Text")
        for point in stimulus.points:
            self.para(inline_runs(point), "Option", "•\t")
        if own:
            for run in self.para(inline_runs(own), "Question Text").runs:
                run.bold = True

    _tier = None

    def help(self, scaffold) -> None:
        if scaffold.hint:
            self.text(scaffold.hint, "Help", self.say("help.hint") + " ")
        if scaffold.starters:
            self.words(self.say("help.starters"), "Help")
            for starter in scaffold.starters:
                self.para(runs(_inline(starter)) + runs_of(" …"), "Help", "• ")
        if scaffold.words:
            self.para(joined_runs(scaffold.words), "Help", self.say("help.words") + " ")

    # Key-only helpers: in a student document they write nothing, so a kind may call them
    # without asking whether the document is a key (and `para` refuses a key style anyway).
    def key_text(self, label: str, user_text: str) -> None:
        if self.key:
            self.text(user_text, "Key Answer", self.say("key.label", label=label) + " ")

    def key_list(self, label: str, items) -> None:
        if not self.key:
            return
        self.words(self.say("key.label", label=label), "Key Answer")
        if isinstance(items, dict):  # points grouped under headings, as the PDF key prints them
            for group, grouped in items.items():
                self.para(runs(_inline(group)), "Key Answer", "")
                for item in grouped:
                    self.para(runs(_inline(item)), "Key Answer", "    • ")
            return
        for item in items:
            self.para(runs(_inline(item)), "Key Answer", "• ")

    def point_scheme(self, scheme, marks: int) -> None:
        if scheme is None or not self.key:
            return
        top = scheme.up_to or marks
        self.words(self.say("key.point-scheme", top, each=self.say("marks.plain", scheme.each), credit=plain(scheme.credit)),
                   "Key Answer", self.say("key.label", label=self.say("key.mark-scheme")) + " ")

    def options(self, options, correct: set[int], note: str = "") -> None:
        if note:
            self.words(note, "Question Text")
        for i, option in enumerate(options):
            p = self.doc.add_paragraph(style="Option")
            letter = string.ascii_uppercase[i]
            self.tick(p, self.key and i in correct, self.say("word.tick-box", letter=letter))
            p.add_run(f" {letter}\t").bold = True  # the hanging indent's tab: a long option wraps under its words
            for run in runs(_inline(option)):
                add_run(p, run, (run.bold or (self.key and i in correct)) or None, run.italic or None, self._underline(run),
                        upright=self.upright)
            if self.key and i in correct:
                p.add_run(f"  ({self.say('key.correct-answer')})")

    def tick_cell(self, ticked: bool, name: str):
        def fill(cell):
            p = cell.paragraphs[0]
            p.style = self.doc.styles["Table Text"]
            self.tick(p, ticked, name)
        return fill

    def levels(self, title: str, levels) -> None:
        if not self.key:
            return
        self.words(self.say("key.label", label=title), "Key Answer")
        rows = []
        for level in levels:
            low, high = level.marks
            rows.append([self.say("key.level-n", level=level.level).replace("\xa0", " "), f"{low}–{high}" if low != high else str(low),
                         inline_runs(" ".join(level.descriptor.split()))])
        self.table([self.say("key.level"), self.say("key.marks"), self.say("key.descriptor")], rows, [1, 1, 6])

    def blank(self, lines: int):
        def fill(cell):
            cell.paragraphs[0].style = self.doc.styles["Table Text"]
            for _ in range(max(0, lines - 1)):
                cell.add_paragraph(style="Table Text")
        return fill

    # ------------------------------------------------------------------ the key
    def key_document(self, order, tier) -> None:
        self._tier = tier
        pack = self.pack
        say = self.say
        self.heading(say("word.key-heading", title=pack.title))
        subtitle = f"{say('key.subtitle')} · {plain(pack.subject)} · {plain(pack.level)}"
        self.words(subtitle + (f" · {say(f'tier.{tier}-tier')}" if tier else ""), "Sheet Details")
        sheets = [s for s in order if pack.sheets[s].all_questions]
        chosen = [pack.sheets[s] for s in sheets]
        rows: list[list] = [[f"{n}. {plain(sheet.title)}", str(len(sheet.numbered(tier))), key_totals.short_marks(sheet, tier, say=say)]
                for n, sheet in enumerate(chosen, start=1)]
        rows.append([runs_of(say("key.total"), bold=True), runs_of(str(sum(len(sheet.numbered(tier)) for sheet in chosen)), bold=True),
                     runs_of(key_totals.summary_total(chosen, tier, say=say), bold=True)])
        self.table([say("key.sheet"), say("key.questions"), say("key.marks")], rows, [6, 2, 3])
        self._started = False  # the first sheet follows the summary on its page
        for n, (s, sheet) in enumerate(zip(sheets, chosen), start=1):
            self.heading(f"{n}. {sheet.title} — {key_totals.heading_marks(sheet, tier, say)}", "Heading 1")
            if tier is None and sheet.tiered:
                self.words(say("key.two-tiers"), "Sheet Details")
            read = [letter for letter in sheet.sources if not self.pack.source(letter).NUMBERED]  # as the PDF key: no figure or table
            if read:
                self.words(_key_sources(self.pack, read, say), "Sheet Details")
            self.questions(s, tier)
            for line in key_totals.total_lines(say("key.total-for", title=plain(sheet.title)), [sheet], tier, say):
                self.words(key_totals.total_words(*line, say=say), "Key Total")
        for line in key_totals.pack_lines(say("key.total-pack"), chosen, tier, say):
            self.words(key_totals.total_words(*line, say=say), "Key Total")


# ---------------------------------------------------------------------- helpers

def _inline(user_text: str) -> str:
    return markup.inline(user_text)


def _fill(cell, cell_runs, style: str, underlined: bool = False, upright: bool = False) -> None:
    p = cell.paragraphs[0]
    p.style = style
    for run in cell_runs:
        add_run(p, run, run.bold or None, run.italic or None, True if underlined and run.emphasis else None,
                upright=upright)


def _sources(pack, letters) -> list | None:
    """The sources of these letters where any is called otherwise than "Source A" (an extract,
    a figure, a labelled interpretation), else None: the words the PDF prints for them."""
    named = [pack.source(letter) for letter in letters]
    return named if any(s.label or s.name != f"Source {s.letter}" for s in named) else None


def _named(pack, letters: list[str], say: Words = ENGLISH_WORDS) -> str:
    """"Sources A and B", or each by its name ("Extract A and Text B") as the paper prints them."""
    named = _sources(pack, letters)
    if named:
        return references.phrase([s.name_in(say) for s in named], say)
    if len(letters) == 1:
        return f"{say('noun.source', 1)} {letters[0]}"
    return f"{say('noun.source', len(letters))} {say.listed(', '.join(letters[:-1]), letters[-1])}"


def _key_sources(pack, letters: list[str], say: Words = ENGLISH_WORDS) -> str:
    """The line under a sheet's heading in the key: "Sources A, B", or the sources' names."""
    named = _sources(pack, letters)
    if named:
        return references.phrase([s.name_in(say) for s in named], say)
    return f"{say('noun.source', len(letters))} {', '.join(letters)}"


def _total_words(sheet, tier, say: Words = ENGLISH_WORDS) -> str:
    total, spag = sheet.total_for(tier), sheet.spag_for(tier)
    words = say.composed(lambda one: one("sheet.total", total) + (one("sheet.total-spag", spag) if spag else ""))
    return words.replace("\xa0", " ")


def check_template(template: Path) -> None:
    """A reference document that cannot be used stops the build before anything is written."""
    problem = ""
    if not template.is_file():
        problem = said("term.word-template-missing", "no such file: give the path of a Word document (.docx) to take the "
                       "styles from")
    elif not zipfile.is_zipfile(template):
        problem = said("term.word-template-not-docx", "not a Word document (.docx): save it from Word as 'Word Document "
                       "(.docx)' (a .doc or .dotx will not do)")
    else:
        try:
            new_document(str(template))
        except Exception as exc:  # python-docx raises several kinds for a package that is not a document
            problem = said("term.word-template-unreadable", "cannot be read as a Word document ({error}): open it in Word "
                           "and save it as .docx", error=type(exc).__name__)
    if problem:
        raise StudypackError(said("term.word-template", "{template}: {problem}; nothing was written", template=template,
                                  problem=problem))


def _italics_as_bold(body) -> None:
    """Emphasis in bold, no italics anywhere, where the layout says so (dyslexia, large print)."""
    for italic in list(body.iter(qn("w:i"))):
        properties = italic.getparent()
        if properties.find(qn("w:b")) is None:
            italic.addnext(OxmlElement("w:b"))
        properties.remove(italic)


def _opened(template: Path | None):
    """A new document, or the reference document emptied of its words (its styles, page,
    header and footer stay), as pandoc's reference-doc is used."""
    if template is None:
        return new_document()
    doc = new_document(str(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _restore(doc, kept: dict) -> None:
    """The reference document's own styles back, over the plain look given to every style."""
    for name, element in kept.items():
        current = doc.styles[name].element
        current.getparent().replace(current, element)


def _define_styles(doc) -> dict:
    """The documented styles, plain and readable: a teacher restyles them in Word. Returns the
    styles the document had before (a reference document's), as they were."""
    styles = doc.styles
    kept = {s.name: deepcopy(s.element) for s in styles if s.name in STYLES or s.name in ("Normal", "Header", "Footer")}
    for name in ("Header", "Footer"):
        if name not in [s.name for s in styles]:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    sizes = {"Heading 1": 18, "Heading 2": 14, "Source Heading": 12, "Question": 12}
    for name, (kind, base, _what) in STYLES.items():
        if name in [s.name for s in styles]:
            style = styles[name]
        else:
            style = styles.add_style(name, {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER,
                                            "table": WD_STYLE_TYPE.TABLE}[kind])
            style.base_style = styles[base] if base else None
            style.quick_style = True
        if name in sizes:
            style.font.size = Pt(sizes[name])
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.name = "Arial"
    styles["Sheet Details"].font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    styles["Instructions"].font.bold = True
    styles["Source Provenance"].font.size = Pt(10)
    styles["Source Note"].font.size = Pt(10)
    styles["Source Text"].paragraph_format.left_indent = Mm(5)
    styles["Question"].paragraph_format.space_before = Pt(12)
    styles["Question Text"].paragraph_format.keep_with_next = True
    option = styles["Option"].paragraph_format  # a hanging indent: a long option wraps under its own words
    option.left_indent, option.first_line_indent = Mm(17), Mm(-12)
    option.tab_stops.add_tab_stop(Mm(17))
    styles["Help"].font.size = Pt(10)
    styles["Help"].paragraph_format.left_indent = Mm(5)
    styles["Word Bank"].paragraph_format.left_indent = Mm(5)
    styles["Table Heading"].font.bold = True
    styles["Table Text"].paragraph_format.space_after = Pt(2)
    styles["Key Total"].font.bold = True
    styles["Marks"].font.bold = False
    styles["End of Questions"].paragraph_format.alignment = 1  # centred
    styles["Final Answer"].paragraph_format.alignment = 2  # right
    styles["Final Answer"].paragraph_format.space_before = Pt(6)
    line = styles["Answer Line"].paragraph_format
    line.line_spacing, line.space_after, line.space_before = Mm(9), Pt(0), Pt(0)
    line.left_indent = Mm(5)
    borders = OxmlElement("w:pBdr")
    for edge in ("bottom", "between"):  # between: consecutive lines each get their rule
        rule = OxmlElement(f"w:{edge}")
        for attr, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", "808080")):
            rule.set(qn(f"w:{attr}"), value)
        borders.append(rule)
    styles["Answer Line"].element.get_or_add_pPr().append(borders)
    return kept


def _stable_zip(data: bytes) -> bytes:
    """The same .docx bytes for the same pack: entries rewritten with a fixed time stamp."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            stamped = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(info.filename))
    return out.getvalue()



DECIMAL_TAB = Mm(18)  # where a numeric column's decimal points line up, from the cell's left edge


def _number_cell(words: str):
    """A number's cell, on a decimal tab so the points of its column line up (a table stimulus)."""
    def fill(cell) -> None:
        _fill(cell, runs_of("\t" + words.strip()), "Table Text")
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.tab_stops.add_tab_stop(DECIMAL_TAB, WD_TAB_ALIGNMENT.DECIMAL)
    return fill
