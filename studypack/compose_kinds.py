"""Composer parts for the question kinds beyond stems and options: tables of tick boxes,
word banks, gap-fill text, matching columns, ordering boxes, grids to complete, labelled
pictures, inference boxes and scaffolds. A mixin of the Composer, so kinds keep calling
`ctx.<part>(...)` and never touch ReportLab."""

from __future__ import annotations

import re
import string

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, Spacer, Table

from . import text
from .flowables import AnswerLines, TickBox
from .units import MM


def fonts_width(label: str, style) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(label, style.fontName, style.fontSize)

GRID = HexColor("#9a9a9a")
SHADE = HexColor("#ececec")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


class QuestionParts:
    """Mixed into Composer: needs `para`, `style`, `table_style`, `key`, `number_width`."""

    def _table(self, rows, widths, commands, **kwargs) -> Flowable:
        from .compose import _Indented

        table = Table(rows, colWidths=widths, **kwargs)
        table.setStyle(self.table_style(commands))
        return _Indented(table, self.number_width, top=2)

    def note(self, words: str) -> Flowable:
        """A short instruction under a stem, such as "Tick two boxes."""
        return _lead(self.para(f"<i>{text.literal(words)}</i>", "question.option", leftIndent=self.number_width,
                               spaceBefore=2, spaceAfter=2))

    def point_scheme(self, scheme, marks: int) -> list[Flowable]:
        top = scheme.up_to or marks
        each = f"{scheme.each} mark{'s' if scheme.each != 1 else ''}"
        return self.key_text("Mark scheme", f"{each} for each {scheme.credit}, up to {top} mark{'s' if top != 1 else ''}.")

    # ------------------------------------------------------------ true / false
    def true_false(self, statements: list[str], answers: list[bool] | None = None) -> Flowable:
        """Numbered statements, each with True and False boxes; a statement that wraps keeps
        its lines clear of the number (the number has its own column)."""
        box = self.style("question.option").fontSize * 1.15
        heads = [self.para(f"<b>{word}</b>", "key.label", alignment=TA_CENTER) for word in ("True", "False")]
        rows = [["", ""] + heads]
        for i, statement in enumerate(statements):
            right = None if answers is None else answers[i]
            rows.append([self.para(f"<b>{i + 1}</b>", "question.option"),
                         self.para(text.inline(statement), "question.option"),
                         TickBox(box, ticked=right is True), TickBox(box, ticked=right is False)])
        number = fonts_width(str(len(statements)), self.style("question.option")) + 2.5 * MM
        return self._table(rows, [number, None, 16 * MM, 16 * MM], [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("VALIGN", (0, 1), (1, -1), "TOP"),
            ("ALIGN", (2, 0), (-1, -1), "CENTER"),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, HexColor("#cccccc")),
            ("LEFTPADDING", (0, 0), (1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])

    # ------------------------------------------------------------ word bank, cloze
    def word_bank(self, words: list[str], title: str = "Word bank") -> Flowable:
        cells = [self.para(text.inline(w), "question.option", alignment=TA_CENTER) for w in words]
        # as many columns (at most 4) as the longest word, in its print size, allows
        from .compose import widest_word

        room = self._text_width() - self.number_width
        need = max((widest_word(c) for c in cells), default=0) + 12
        columns = max(1, min(4, int(room // max(need, 1)), len(cells) or 1))
        if columns == 4 and max((len(w) for w in words), default=0) >= 18:
            columns = 2  # long phrases: two to a row
        while len(cells) % columns:
            cells.append("")
        rows = [[self.para(f"<b>{text.literal(title)}</b>", "key.label")] + [""] * (columns - 1)]
        rows += [cells[i:i + columns] for i in range(0, len(cells), columns)]
        return _lead(self._table(rows, [None] * columns, [
            ("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")),
            ("BACKGROUND", (0, 0), (-1, -1), self.shade("#f6f6f6")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ]))

    def cloze(self, user_text: str, gap_pattern: re.Pattern, answers: list[str], show: bool) -> list[Flowable]:
        """Running text with numbered gaps: blank lines of one length for the student (so
        the length gives nothing away), the answers in bold in the key."""
        width = max(10, min(22, max(len(a) for a in answers) + 3))
        counter = iter(range(1, len(answers) + 1))

        def fill(match: re.Match) -> str:
            n = next(counter)
            if show:
                return f"<super><font size=\"{self.small(7)}\">({n})</font></super><u><b>{match.group(1).split('|')[0].strip()}</b></u>"
            return f"<super><font size=\"{self.small(7)}\">({n})</font></super>{'_' * width}"

        out = []
        for paragraph in text.paragraphs(user_text):
            out.append(self.para(gap_pattern.sub(fill, paragraph), "question.option",
                                 leftIndent=self.number_width, spaceBefore=3,
                                 leading=max(22, self.style("question.option").fontSize * 1.9)))
        return out

    # ------------------------------------------------------------ matching, ordering
    def matching(self, left: list[str], right: list[str], headings=None, answers=None) -> Flowable:
        rows = []
        if headings:
            rows.append(["", self.para(f"<b>{text.inline(headings[0])}</b>", "key.label"), "", "",
                         "", self.para(f"<b>{text.inline(headings[1])}</b>", "key.label")])
        for i in range(max(len(left), len(right))):
            row = ["", "", "", "", "", ""]
            if i < len(left):
                row[0] = self.para(f"<b>{i + 1}</b>", "question.option")
                row[1] = self.para(text.inline(left[i]), "question.option")
                row[2] = self._letter_box(answers[i] if answers else "")
            if i < len(right):
                row[4] = self.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option")
                row[5] = self.para(text.inline(right[i]), "question.option")
            rows.append(row)
        commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
        table = self._table(rows, [6 * MM, None, 12 * MM, 6 * MM, 6 * MM, None], commands,
                            repeatRows=1 if headings else 0)  # the headings never end a page alone
        # the left column (short names, usually) takes the width its longest entry needs, up to
        # half the free room, and leaves the rest to the longer right-hand descriptions
        from .compose import fit_columns

        room = self._text_width() - self.number_width
        widths = fit_columns(table.spec, table.mins, room)
        free = widths[1] + widths[5]
        natural = max((fonts_width(text.plain(item), self.style("question.option")) for item in left), default=0) + 12
        table.spec[1] = max(table.mins[1], min(natural, free / 2))
        if free - table.spec[1] >= 10 * self.style("question.option").fontSize:  # about 20 characters a line
            return table
        return self._matching_stacked(left, right, headings, answers, commands)

    def _matching_stacked(self, left, right, headings, answers, commands) -> list[Flowable]:
        """Large print: the numbered column, each with its box, then the lettered column
        below it, both the full width, so neither is squeezed into a narrow strip."""
        out = []
        rows = [[self.para(f"<b>{text.inline(headings[0])}</b>", "key.label"), "", ""]] if headings else []
        for i, item in enumerate(left):
            rows.append([self.para(f"<b>{i + 1}</b>", "question.option"), self.para(text.inline(item), "question.option"),
                         self._letter_box(answers[i] if answers else "")])
        if headings:
            commands = commands + [("SPAN", (0, 0), (-1, 0))]
        out.append(self._table(rows, [6 * MM, None, 12 * MM], commands, repeatRows=1 if headings else 0))
        out.append(Spacer(1, 3 * MM))
        rows = [[self.para(f"<b>{text.inline(headings[1])}</b>", "key.label"), ""]] if headings else []
        for i, item in enumerate(right):
            rows.append([self.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option"),
                         self.para(text.inline(item), "question.option")])
        out.append(self._table(rows, [6 * MM, None], commands + [("VALIGN", (0, 0), (-1, -1), "TOP")],
                               repeatRows=1 if headings else 0))
        return out

    def _letter_box(self, letter: str = "", size: float = 8.5 * MM) -> Flowable:
        from .drawing import LetterBox

        size = max(size, self.style("question.option").fontSize / 0.55)  # the letter is 0.55 of the box
        return LetterBox(size, letter, self.style("question.marks").fontName)

    def ordering(self, items: list[str], first: str, last: str, answer: list[str] | None = None) -> list[Flowable]:
        """The lettered events, then a row of boxes to write the letters in, labelled at
        both ends; where the labels beside the row would not fit (large print) they stand
        above its first and last box. Events and boxes stay together with the stem."""
        rows = [[self.para(f"<b>{string.ascii_uppercase[i]}</b>", "question.option"),
                 self.para(text.inline(item), "question.option")] for i, item in enumerate(items)]
        listing = self._table(rows, [7 * MM, None], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                     ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])
        n = len(items)
        tight = n > 7  # up to 10 boxes still fit one line of an A4 page
        box, arrow_gap = (9 * MM, 3.5 * MM) if tight else (11 * MM, 6 * MM)
        boxes_cells = []
        for i in range(n):
            boxes_cells.append(self._letter_box(answer[i] if answer else "", box - 2.5 * MM))
        box = max(box, boxes_cells[0].width + 2.5 * MM) if boxes_cells else box
        arrow = max(arrow_gap, fonts_width("→", self.style("question.option")) + 2)
        heads = [self.para(f"<b>{text.literal(first)}</b>", "key.label", alignment=2),
                 self.para(f"<b>{text.literal(last)}</b>", "key.label")]
        label = max(fonts_width(word, self.style("key.label")) for word in (first, last)) + 3
        label = max(label, 18 * MM if tight else 24 * MM)
        room = self._text_width() - self.number_width
        row_width = n * box + (n - 1) * arrow
        cells, widths = [], []
        for i, cell in enumerate(boxes_cells):
            if i:
                cells.append(self.para("→", "question.option", alignment=TA_CENTER))
                widths.append(arrow)
            cells.append(cell)
            widths.append(box)
        commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]
        if row_width + 2 * label <= room:
            boxes = self._table([[heads[0]] + cells + [heads[1]]], [label] + widths + [label], commands,
                                rowHeights=[box])
        else:  # the labels go above the row, over its first and last box
            heads[0] = self.para(f"<b>{text.literal(first)}</b>", "key.label")
            heads[1] = self.para(f"<b>{text.literal(last)}</b>", "key.label", alignment=2)
            half = len(cells) // 2
            top = [heads[0]] + [""] * (half - 1) + [heads[1]] + [""] * (len(cells) - half - 1)
            commands += [("SPAN", (0, 0), (half - 1, 0)), ("SPAN", (half, 0), (-1, 0)),
                         ("ALIGN", (0, 0), (-1, 0), "LEFT"), ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                         ("LEFTPADDING", (0, 0), (-1, 0), 0), ("RIGHTPADDING", (0, 0), (-1, 0), 0)]
            boxes = self._table([top, cells], widths, commands, rowHeights=[None, box])
        return [_lead(listing), _lead(Spacer(1, 3 * MM)), boxes]

    # ------------------------------------------------------------ table completion
    def grid(self, columns: list[str], cells, lines: int, widths=None) -> Flowable:
        """Rows × columns; given cells printed, blank cells left with room to write."""
        rows = [[self.para(f"<b>{text.inline(c)}</b>", "key.label") for c in columns]]
        commands = [("GRID", (0, 0), (-1, -1), 0.6, GRID), ("BACKGROUND", (0, 0), (-1, 0), self.shade("#ececec")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        room = lines * 6.5 * MM
        for r, row in enumerate(cells, start=1):
            out = []
            for c, (kind, value) in enumerate(row):
                if kind == "given":
                    out.append(self.paras(value, "question.option"))
                    if c == 0:
                        commands.append(("BACKGROUND", (0, r), (0, r), self.shade("#f6f6f6")))
                elif kind == "answer":
                    out.append(self.paras(value, "key.answer", spaceBefore=0))
                else:
                    out.append(Spacer(1, room))
            rows.append(out)
        from .compose import _Shared

        table = Table(rows, colWidths=[None] * len(columns), repeatRows=1)
        table.setStyle(self.table_style(commands))
        return _Shared(table, self.number_width, list(widths or [1.0] * len(columns)), top=2)

    # ------------------------------------------------------------ labelled image
    def labelled_image(self, picture, points) -> Flowable:
        from . import images
        from .drawing import LabelledImage

        full = self._text_width() - self.number_width
        width = full * picture.width / 100
        done = images.prepare(self._inside(picture.file), width, images.greyscale(self.layout),
                              images.max_height(self.layout))
        data, width, height = done.data, done.width_pt, done.height_pt
        parts = [LabelledImage(data, width, height, points, self.style("body").fontName, indent=self.number_width,
                               size=self.small(9))]
        if picture.caption:
            parts.append(self.para(text.inline(picture.caption), "source.note", alignment=TA_CENTER,
                                   leftIndent=self.number_width))
        return parts

    def _inside(self, name: str):
        from .paths import inside

        return inside(self.root, name)

    def numbered_lines(self, count: int, answers: list[str] | None = None) -> Flowable:
        rule = self.layout.answer_lines
        cells = []
        for i in range(count):
            label = self.para(f"<b>{i + 1}</b>", "question.option")
            body = (self.para(f"<b>{text.inline(answers[i])}</b>", "key.answer", spaceBefore=0) if answers
                    else AnswerLines(1, rule.spacing, rule.colour, rule.weight))
            cells.append([label, body])
        half = (count + 1) // 2
        rows = []
        for i in range(half):
            right = cells[i + half] if i + half < count else ["", ""]
            rows.append(cells[i] + [""] + right)
        return self._table(rows, [7 * MM, None, 8 * MM, 7 * MM, None], [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])

    # ------------------------------------------------------------ inferences
    def inference_boxes(self, count: int, where: str, lines: int, answers=None) -> list[Flowable]:
        rule = self.layout.answer_lines
        out = []
        for i in range(count):
            if answers:
                infer = self.paras(answers[i][0], "key.answer", spaceBefore=0)
                detail = self.paras(answers[i][1], "key.answer", spaceBefore=0)
            else:
                infer = AnswerLines(lines, rule.spacing, rule.colour, rule.weight)
                detail = AnswerLines(lines, rule.spacing, rule.colour, rule.weight)
            label = f"({ROMAN[i]})" if i < len(ROMAN) else f"({i + 1})"
            heads = [self.para(f"<b>{label} What I can infer:</b>", "key.label"),
                     self.para(f"<b>Details in {text.literal(where)} that tell me this:</b>", "key.label")]
            if fonts_width("What I can infer:", self.style("key.label")) > 38 * MM - 12:
                # large print: each label over its own full-width answer space
                rows = [[heads[0]], [infer], [heads[1]], [detail]]
                out.append(self._table(rows, [None], [
                    ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")), ("LINEBELOW", (0, 1), (-1, 1), 0.5, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("BACKGROUND", (0, 0), (0, 0), self.shade("#f6f6f6")),
                    ("BACKGROUND", (0, 2), (0, 2), self.shade("#f6f6f6"))]))
            else:
                rows = [[heads[0], infer], [heads[1], detail]]
                out.append(self._table(rows, [38 * MM, None], [
                    ("BOX", (0, 0), (-1, -1), 0.8, HexColor("#555555")), ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("BACKGROUND", (0, 0), (0, -1), self.shade("#f6f6f6"))]))
            out.append(Spacer(1, 2.5 * MM))
        if answers and count > 0:
            out.insert(0, self.para("<b>Examples of creditworthy answers:</b>", "key.answer",
                                    leftIndent=self.number_width))
        return out

    # ------------------------------------------------------------ scaffolds
    def scaffold(self, scaffold) -> Flowable:
        """A light box of help: hint, sentence starters, word bank."""
        parts = []
        if scaffold.hint:
            parts.append(self.para(f"<b>Hint:</b> {' '.join(text.paragraphs(scaffold.hint))}", "source.note"))
        if scaffold.starters:
            parts.append(self.para("<b>Sentence starters:</b>", "source.note"))
            for starter in scaffold.starters:
                parts.append(self.para(f"{text.inline(starter)} …", "source.note", leftIndent=4 * MM,
                                       bulletIndent=0, bulletText="•",
                                       bulletFontName=self.style("source.note").fontName,
                                       bulletFontSize=self.style("source.note").fontSize))
        if scaffold.words:
            parts.append(self.para("<b>Words you could use:</b> " + " · ".join(text.inline(w) for w in scaffold.words),
                                   "source.note"))
        return self._table([[parts]], [None], [
            ("BOX", (0, 0), (-1, -1), 0.6, HexColor("#888888")), ("BACKGROUND", (0, 0), (-1, -1), self.shade("#f4f4f4")),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])


def _lead(flowable: Flowable) -> Flowable:
    """Mark a part that introduces the answer space (word bank, note): the stem keeps it
    and the next part together on one page."""
    flowable._studypack_lead = True
    return flowable
