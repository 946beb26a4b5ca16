"""The layout model: page, fonts, semantic styles, answer space, header and footer.

A layout is a YAML file; `extends: NAME` deep-merges it onto another layout. Styles are
looked up by semantic name (`question.stem`, `source.body` …) and inherit every unset
attribute from `body`, so a layout can restyle anything without touching content.
"""

from __future__ import annotations

import copy
import inspect
import re
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal

from pydantic import BaseModel, BeforeValidator, Field, PrivateAttr, ValidationError, field_validator, model_validator

from studypack.io import settings_files, words
from studypack.io.words import Language
from studypack.media import fonts, images, text
from studypack.base import limits
from studypack.base.errors import Location, Problem, StudypackError, display_path, said
from studypack.base.locations import Locations
from studypack.base.messages import problems_from, suggest
from studypack.spec.fields import Strict
from studypack.base.units import MM, Em, Length, parse_length

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
PAGE_SIZES = {  # points, portrait
    "A3": (841.89, 1190.55), "A4": (595.28, 841.89), "A5": (419.53, 595.28),
    "letter": (612.0, 792.0), "legal": (612.0, 1008.0),
}
STYLE_NAMES = (
    "body", "title", "subtitle", "instructions", "student-line", "section.heading",
    "question.number", "question.stem", "question.marks", "question.option", "question.label", "picture.label",
    "source.heading", "source.body", "source.line-number", "source.provenance", "source.note", "help",
    "key.heading", "key.label", "key.answer", "key.level", "key.total",
    "glossary.term", "glossary.definition", "timeline.date", "timeline.event", "timeline.label", "timeline.axis",
    "header", "footer",
    "candidate.label", "turn-over", "margin-notice", "school", "cover.label", "cover.cell",
)
# a style a layout need not name: it is the one it stands in for until the layout names it
STYLE_FALLBACKS = {"cover.label": "question.label", "cover.cell": "question.option"}


def setting(default: Any, description: str, values: str | None = None, shown: str | None = None,
            **limits: Any) -> Any:
    """A layout setting with what it does, for docs/layouts.md (tools/layout_docs.py writes it).

    The first paragraph of `description` goes in the settings table; later paragraphs are
    printed under the table. `values` overrides the wording worked out from the type, `shown`
    the default taken from the shipped default.yaml."""
    extra: dict[str, Any] = {key: value for key, value in (("values", values), ("shown", shown)) if value}
    return Field(default, description=inspect.cleandoc(description), json_schema_extra=extra or None, **limits)


@dataclass(frozen=True)
class Template:
    """Marks a setting as a Jinja2 template, with sample values of the variables the build
    gives it: it is compiled and trial-rendered with them when the layout is loaded, so
    `check` finds what `build` would hit."""

    variables: dict = dc_field(hash=False)
    names: str = ""  # the variables in words, for the docs


BAND_VARIABLES = {
    "pack": {"title": "T", "subtitle": "", "subject": "S", "level": "L", "author": "", "total": 1},
    "sheet": {"id": "s", "title": "T", "kind": "worksheet", "total": 1},
    "page": 1, "pages": 1,
    "student": {"name": "N", "first": "F", "last": "L", "class": "C", "id": "1", "variant": "A"},
    "school": {"name": "S"},
}
"""The variables header and footer templates may use (documented in docs/layouts.md)."""

BandTemplate = Annotated[str, Template(BAND_VARIABLES, "over `pack`, `sheet`, `page`, `pages`, `student` and `school`: see [Templates](#templates-header-footer-and-marks)")]
MarksTemplate = Annotated[str, Template({"n": 1}, "over `n`, the question's marks (a number)")]
ContinuedTemplate = Annotated[str, Template({"n": "1"}, "over `n`, the question's number (text such as `3` or `3(b)`)")]
TotalTemplate = Annotated[str, Template({"n": "1", "marks": 1}, "over `n`, the question's number (text), and `marks`, its marks with any SPaG marks (a number)")]
PaperTemplate = Annotated[str, Template({"total": 1}, "over `total`, the paper's marks (a number)")]
SpagTemplate = Annotated[str, Template({"n": "1", "spag": 1}, "over `n`, the question's number (text), and `spag`, its SPaG marks (a number)")]
SectionTemplate = Annotated[str, Template({"title": "Section A", "marks": 1}, "over `title`, the section's title, and `marks`, its marks with any SPaG marks (a number)")]
COVER_VARIABLES = {"paper": "T", "time": "1 hour", "total": 1, "spag": 0, "booklet": "B", "pack": "T", "questions": 1, "code": "C",
                   "pages": 2}
"""The variables a cover's texts may use (a board profile's `cover:`)."""
CoverTemplate = Annotated[str, Template(COVER_VARIABLES, "over `paper` (the sheet's title), `time`, `total` (marks, SPaG included), `spag`, `booklet` (its name), `pack` (the pack's title), `questions` (how many), `code` (the sheet's own `code:`, or nothing) and `pages` (how many pages the paper prints on, its cover included)")]


class Margins(Strict):
    top: Length = setting(18 * 72 / 25.4, "The header sits in this margin.")
    bottom: Length = setting(18 * 72 / 25.4, "The footer sits in this margin.")
    left: Length = setting(20 * 72 / 25.4, "Space left of the text.")
    right: Length = setting(20 * 72 / 25.4, "Space right of the text; the `do_not_write` notice sits in it.")


class Page(Strict):
    """The paper and where the text goes on it.

    The margins must leave at least 1 inch of width and 2 inches of height for the text,
    otherwise: `left and right margins (100 mm + 100 mm) leave less than 1 inch of a 210 mm
    wide page: make them smaller`.

    The header's rule is 4.5 mm above the top of the text area and its text sits above the
    rule (7 mm above the text area for 8 pt text, more for larger text); the footer's rule is
    5 mm below the text area and its text below that (9 mm below for 8 pt text). Large
    header and footer text needs larger top and bottom margins (`large-print-36` uses 33 mm
    and 35 mm). Margins are not checked against the header and footer: look at the page."""

    size: Literal[tuple(PAGE_SIZES)] = setting(  # type: ignore[valid-type]
        "A4", "The paper the PDF is made for.", values=", ".join(f"`{name}`" for name in PAGE_SIZES) + " (spelt exactly so)")
    orientation: Literal["portrait", "landscape"] = setting("portrait", "`landscape`: the paper turned on its side.")
    margins: Margins = Margins()
    tint: Colour | None = setting(None, """
        A colour for the whole page, behind everything (`dyslexia`: cream `"#fcf5e3"`).
        Keep it light enough to photocopy; `null` for white.""")
    booklet: bool = setting(False, """
        Print the pages two-up on landscape sheets of the same paper in booklet order, to fold
        in the middle; see [Booklets](#booklets).""")
    do_not_write: str = setting("", """
        When set, a rule is drawn 2 mm right of the text area, and this text runs up the middle
        of the right margin (in the `margin-notice` style), on pages a student writes on: never
        on a source booklet (nothing is written in it), the reference pages or a mark scheme. Give the right margin room for it (`exam`: 30 mm).""")
    do_not_write_sides: Literal["right", "both"] = setting("right", """
        Which margins carry `do_not_write`: `right` (AQA, Eduqas), or `both`, a rule and the
        notice in the left margin too, as Pearson Edexcel prints them (give the left margin the
        same room). `do_not_write: ""` prints none.""")
    turn_over: str = setting("", """
        When set, printed at the foot of every page of a sheet that has more pages after it (as
        exam boards do; never on a mark scheme), in the footer's right slot (which is left out
        on those pages), in the `turn-over` style.""")
    turn_over_pages: Literal["every", "odd"] = setting("every", """
        `odd` prints `turn_over` on right-hand (odd-numbered) pages only, for papers printed
        double-sided.""")
    blank_page: str = setting("", """
        When set (`exam`: `BLANK PAGE`), an `exam` paper, with its cover, that would end on an
        odd page gets one more page with these words across its middle, so it ends on an even
        page as exam boards print them (under a board's cover, `cover.on`, any sheet of
        questions is a paper); the page before it does not say `turn_over`. A mark
        scheme never gets one.""")
    blank_page_after: Literal["papers", "every-sheet"] = setting("papers", """
        Which sheets `blank_page` evens out: `papers` (exam papers with their covers) or
        `every-sheet` (`exam`: also every other sheet, source booklet and the reference pages,
        in pack.pdf and in its own PDF alike, so that printed double-sided each starts on a
        fresh leaf, none on the back of the one before, and ends on an even page).""")

    @property
    def dimensions(self) -> tuple[float, float]:
        width, height = PAGE_SIZES[self.size]
        return (height, width) if self.orientation == "landscape" else (width, height)


_RELATIVE = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*em\s*\Z")


def parse_size(value: Any) -> Any:
    """A text size or leading: a length (`12pt`), or a share written in `em` (`0.85em`) that
    the style resolves when it is used, so a style follows the body's size (see `Layout.style`)."""
    if isinstance(value, str) and value.strip().endswith("em"):
        match = _RELATIVE.match(value)
        if not match or not 0.1 <= float(match.group(1)) <= 10:
            raise ValueError(said("term.check-share", "a share of a size is written like '0.85em' (between 0.1em and 10em), "
                                  "got '{value}'", value=value))
        return f"{float(match.group(1)):g}em"
    return parse_length(value)


Size = Annotated[float | str, BeforeValidator(parse_size)]
"""Points, or a share of another size as text (`"0.85em"`), resolved by `Layout.style`."""


def _share(value: float | str | None) -> float | None:
    """The share an `em` size stands for, or None for a size in points."""
    return float(value[:-2]) if isinstance(value, str) else None


def _resolve(value: float | str, base: float) -> float:
    """Points for a size or leading: an `em` share of `base`, to a tenth of a point (so
    `0.857em` of 10.5 pt is 9 pt, as it was written before), or the points written."""
    share = _share(value)
    return float(value) if share is None else round(share * base, 1)


class Style(Strict):
    """A text style; unset attributes come from `body`."""

    font: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    size: Size | None = None
    leading: Size | None = None
    colour: Colour | None = None
    space_before: Length | None = None
    space_after: Length | None = None
    align: Literal["left", "right", "centre", "justify"] | None = None
    letter_spacing: Em | None = None
    word_spacing: Em | None = None


class AnswerLines(Strict):
    """Ruled lines under short and extended questions on student sheets.

    A question without `lines:` gets *marks* × `per_mark` lines, rounded to a whole number,
    then raised to `minimum` or lowered to `maximum` if needed. A question with `lines:` gets
    that many times `stretch` (large print: more room for large handwriting); `minimum` and
    `maximum` do not apply to it. Where only a few lines (`spill` or fewer) would go over to
    the next page, the lines on this page close up, down to `squeeze` of their spacing. Lines
    break across pages only into substantial parts (`least`, `carried`): no page carries a
    token remainder of lines."""

    spacing: Length = setting(9 * 72 / 25.4, "Distance between lines; at least 4pt.")
    per_mark: float = setting(2.0, "Lines per mark, for questions without `lines:`.", gt=0, le=20)
    extended_per_mark: float | None = setting(None, """
        Extended (levels-marked) questions get at least this many lines a mark, SPaG marks
        included, even where the pack sets fewer `lines:` (`exam`: `3.5`, as boards give an
        essay three to four lines a mark). `null`: the pack's `lines:`.""", gt=0, le=20)
    on_paper: bool = setting(True, """
        `false`: answers are written in a separate answer booklet, as the IB asks; the paper
        prints its questions with no answer lines or working space.""")
    minimum: int = setting(2, "Fewest lines a question without `lines:` gets.", ge=0, le=80)
    maximum: int = setting(30, "Most lines a question without `lines:` gets.", ge=1, le=200)
    colour: Colour = setting("#8c8c8c", "The lines' colour.")
    weight: Length = setting(0.5, "Line thickness.")
    style: Literal["solid", "dotted"] = setting("solid", """
        `solid`: ruled lines. `dotted`: lines of dots, as Pearson Edexcel, OCR and WJEC Eduqas
        print their answer lines (AQA rules them solid).""")
    stretch: float = setting(1.0, "Lines a question sets itself (`lines:`) are multiplied by this "
                             "(large print: more, for large handwriting).", gt=0, le=5)
    squeeze: float = setting(0.85, "The closest lines may come, as a share of `spacing`, so that a few "
                             "lines do not go over to a page of their own; a working box sized by marks "
                             "closes up likewise, to this share of its height, to stay on the page with its "
                             "question; 1: never.", gt=0, le=1)
    spill: int = setting(3, "At most this many lines that would go over the page are drawn in by "
                         "closing up the lines (see `squeeze`); 0: never.", ge=0, le=20)
    least: int = setting(3, "Fewest lines of one answer space on either side of a page break; where "
                         "fewer would stay, the question goes on whole to the next page.", ge=1, le=40)
    carried: float = setting(0.5, "The least share of a page that answer lines carried over to the "
                             "last page of a sheet (with \"End of questions\") fill; more of the lines go "
                             "over with them, or the question goes over whole. 0: any.", ge=0, le=0.9)
    fill: bool = setting(False, "A board's paper: lines fill every page at their `spacing`, never "
                         "closed up. Lines that would go a few over a page (`spill`) lose those few; lines "
                         "that end a sheet and go over fill the page they leave, and the lines carried get "
                         "more where `carried` asks (none moved off a page to fill the next).")
    trim: float = setting(0.25, "Where a sheet's last page would hold only a little (its last question "
                          "alone), the sheet's answer lines close up (down to `squeeze`) and each answer "
                          "space loses up to this share of its lines (never going under `minimum`, nor "
                          "under `extended_per_mark`), if that ends the sheet a page sooner; 0: lines "
                          "close up only.", ge=0, le=0.5)

    def count(self, question) -> int:
        """The lines a question gets (before any closing up): one rule for the PDF and Word."""
        if getattr(question, "lines", None) is not None:
            return int(question.lines * self.stretch + 0.5)
        return max(self.minimum, min(self.maximum, int(question.marks * self.per_mark + 0.5)))

    @model_validator(mode="after")
    def _order(self):
        if self.minimum > self.maximum:
            raise ValueError(said("term.check-min-max", "minimum ({minimum}) is more than maximum ({maximum}): swap them",
                                  minimum=self.minimum, maximum=self.maximum))
        return self


class Spaces(Strict):
    """Working space other than ruled lines (a question's `space:`: box, grid, axes, number
    line) and the "Answer ........ unit" line (`final:`).

    A box or grid without its own `height` is as tall as the ruled lines the question would
    get (its marks and `answer_lines`); axes are at least `axes_height` tall. Large print
    draws thicker rules and bigger squares, for large handwriting."""

    border: Length = setting(0.8, "The rules of a box's border, the axes and a number line.")
    colour: Colour = setting("#555555", "The colour of those rules.")
    grid: Length = setting(0.3, "The rules of a squared grid and of the grid behind axes.")
    grid_colour: Colour = setting("#b0b0b0", "The colour of the grid's rules (minor rules are drawn lighter).")
    square: Length = setting(5 * MM, "The side of a grid's squares, where the question sets none.", gt=2 * MM, le=20 * MM)
    axes_height: Length = setting(80 * MM, "The least height of a space with axes.", gt=20 * MM, le=250 * MM)
    tick: Length = setting(2 * MM, "The length of a labelled tick on axes and number lines (unlabelled: half).",
                           gt=0, le=10 * MM)
    final_width: Length = setting(45 * MM, "The dotted line an answer is written on, in the `final:` line.",
                                  gt=10 * MM, le=150 * MM)
    cell_line: Length = setting(6.5 * MM, """
        The depth a blank cell of a table to complete (a `table` question's grid) gives each
        line of writing it asks for; large print sets its answer lines' spacing, deep enough
        for its handwriting.""", gt=2 * MM, le=40 * MM)


class Maths(Strict):
    """How formulas (`$...$`, `$$...$$`, `\\ce{…}`, `\\qty{…}{…}`) print: see maths.md."""

    font: Literal["stix-two-math", "noto-sans-math"] = setting("stix-two-math", """
        The maths face. `stix-two-math`: STIX Two Math, a serif face, as textbooks set maths
        beside serif or plain sans-serif text. `noto-sans-math`: Noto Sans Math, a sans-serif
        face, so that maths among the words of a sans-serif layout (Atkinson Hyperlegible,
        Andika) reads as the same hand: the `dyslexia`, `large-print-*` and `young-readers`
        layouts use it. Both ship with studypack and are embedded in the PDF.""")
    fractions: Literal["text", "display"] = setting("text", """
        How a fraction inside a line of text (`$\\frac{3}{4}$`) is set. `text`: smaller than
        the words (its figures at 85 % of them: 8.9 pt beside 10.5 pt; the maths face's own script
        size, 70 %, is too small to read on paper), so it fits the line. `display`: at the size of the words around it, as
        in a displayed formula (`$$...$$`); the lines that hold one are set further apart to make
        room. The `large-print-*`, `dyslexia` and `young-readers` layouts use `display`.""")
    variables: Literal["italic", "upright"] = setting("italic", """
        How a formula's letters (its variables: x, v, θ) are set. `italic`: in maths
        italic, as textbooks and exam papers set them. `upright`: upright, as the words are, for a
        layout that avoids italics (`dyslexia`: a slanted letter is harder to decode). Units,
        element symbols and `\\text{…}` are upright either way.""")
    size: Literal["words", "x-height"] = setting("words", """
        How large a formula is set beside its words. `words`: at the words' size, its letters as
        tall as the maths face draws them (Noto Sans Math's x-height is 8 % above Atkinson
        Hyperlegible's, STIX Two Math's 12 % under Noto Sans'). `x-height`: scaled so that the
        maths face's x-height is the words' face's (Noto Sans Math beside Atkinson Hyperlegible:
        at 92.5 % of the words' size), so its letters stand as tall as theirs: the `dyslexia`
        layout uses it. The `large-print-*` layouts keep `words`: every character of a modified
        paper is at least its size (24 pt), formulas too.""")


class SourceBox(Strict):
    """The box a source is printed in.

    Line numbers count printed lines, so they depend on the font size and page width. A
    source that continues on the next page keeps counting."""

    line_numbers: int = setting(5, """
        Number every 5th line of the source's text. `0` turns numbering off (and removes the
        number column).""", ge=0, le=50)
    provenance: Literal["above", "below"] = setting("below", """
        Where the provenance goes: under the text (textbook style) or between the heading and
        the picture/text (exam-paper style). The source's glossary and note are always at the
        bottom.""")
    attribution: Literal["teaching", "board"] = setting("teaching", """
        How a source is introduced. `teaching`: its label and title as the heading, then
        "Primary source." with origin and date, purpose and audience, and "Taken from:".
        `board`: its label alone ("Source A", "Interpretation 1") with one line of origin and
        date above the text, as exam boards print it ("From a speech by …, August 1936."); the
        note follows that line. The pack is the same either way; board profiles choose `board`
        (see exam-papers.md).""")
    author_heading: bool = setting(False, """
        `true` (AQA English literature): an unlabelled source (`label: none`) that names its
        author and title is headed by them, "Charles Dickens: *Great Expectations*", as AQA
        prints a set text's extract; its credit line then says only what the heading does not
        (its citation), never the title and author again.""")
    provenance_lead: str = setting("", """
        Words before a source's board provenance line, in pack markup (AP: `Source:`, as the
        College Board prints "Source: Franklin D. Roosevelt, inaugural address, March 4,
        1933."); `""` none.""")
    place: Literal["before-questions", "after-questions", "after-heading", "in-question"] = setting("before-questions", """
        Where a sheet's sources print when they are on the sheet (not in a booklet).
        `before-questions`: the sources, then the questions. `after-questions`: the questions,
        then the sources, as the College Board prints a document-based question: the prompt
        first, the documents after it. `after-heading`: the first section's heading and
        rubric, then the sources, then its questions, as AQA and OCR print a section's
        extract or sources under its heading (a sheet without sections: as
        `before-questions`). `in-question`: the first section's heading and rubric, then its
        first question printed around the sources: its number beside them, the sources set in
        by the number column, its prompt and marks under them, as AQA prints an English
        literature extract question (a sheet without sections: as `before-questions`).""")
    end: str = setting("", """
        Printed centred after the sheet's last source where the sources follow the questions
        (`place: after-questions`): the College Board's `END OF DOCUMENTS FOR QUESTION 1`;
        `""` none.""")
    border: Length = setting(0.8, "Border thickness; `0` for no border.")
    border_colour: Colour = setting("#555555", "The border's colour.")
    tint: Colour | None = setting("#f5f2ea", """
        Background of the box; `null` for none. (Deleting the line is not enough: the built-in
        value is the same tint.)""")
    padding: Length = setting(4 * 72 / 25.4, "Space between the border and the contents.")
    breaks: Literal["lines", "sentences", "paragraphs"] = setting("lines", """
        Where a source box taller than the rest of its page may break. `lines`: after any line
        (two at least on each side). `sentences` (`dyslexia`): only after a line that ends a
        sentence or a paragraph, the page filled first: its whole text stays on the page where it
        fits, the notes going on under "(continued)". `paragraphs` (large print, set as an
        insert): a box taller than a page starts a fresh page (unless over half of this one is
        left), and breaks at the end of a paragraph of its text or notes: a paragraph of its text
        that fits a page goes on whole, however much room it leaves; one taller than a page (and
        a note where going on whole would leave more than a quarter of the page empty) breaks
        where a sentence ends (inside a line too: the page's last line is then short), the one
        that leaves the least empty on this page and the next. Only a paragraph taller than a
        page with no sentence end in reach breaks inside a sentence.""")


class Questions(Strict):
    number_width: Length = setting(10 * 72 / 25.4, """
        The column the question numbers stand in; options, answer lines and key texts are set
        in by it too.""")
    marks_width: Length = setting(24 * 72 / 25.4, "The marks column at the right of each question.")
    marks_position: Literal["column", "below", "after-space", "line-end"] = setting("column", """
        `column`: beside the question, level with its last line. `below`: on a line of its own
        under the question, at the right, so the question keeps the whole width (the
        large-print layouts). `after-space`: at the right under the question's answer space
        (after its last answer line, options or frame), as Pearson Edexcel prints "(4)".
        `line-end`: at the right end of the last answer line, the line drawn short of it, as
        OCR prints "[2]" (after the space, as `after-space`, where it ends in no ruled line).
        The last two place them so on the student's paper only; the mark scheme keeps the
        column.""")
    continued: ContinuedTemplate = setting("Question {{ n }} continued", """
        Printed small above answer lines that carry on at the top of a new page, as exam papers
        do. `""` prints nothing on the students' paper; the key still says "Question 4
        continued" over a question going on overleaf, in the tool's own words.""")
    keep_together: Length = setting(250 * 72 / 25.4, """
        A question's stem is kept on one page with the start of its answer (options, word bank,
        the first answer lines). Where that opening is taller than this length it may break
        across pages after the stem and a first part of the answer, rather than moving whole to
        the next page and leaving a gap. The shipped layouts, large print included, keep every
        question that fits on a page whole (`250mm`); a shorter length fills pages better but
        splits questions a student then reads across two pages.""")
    whole: bool = setting(False, """
        `true` (large print, as modified papers are set): an exercise (its options, events,
        matching lists, word bank and passage, tables) is kept whole with its stem on one page
        wherever it fits one, never broken to fill the page before; only answer lines part. One
        taller than a page is re-set for the page: an event list stays whole with its boxes,
        a gap-fill's word bank is repeated over the passage's part overleaf.""")
    spread: bool = setting(False, """
        `true` (the large-print layouts: modified papers are printed double-sided, so pages 2
        and 3, 4 and 5 … face each other): with `whole`, an exercise taller than a page but
        not than two starts a left-hand (even) page of its sheet, its stem and first whole
        parts there ending with `facing_continues`, the rest on the facing page under
        `facing_continued`, so a student sees all of it at once. One that starts a right-hand
        page of its own goes on overleaf as before (no page is left empty for it).""")
    facing_continues: str = setting("(continues on the facing page →)", """
        Printed at the right under the left-hand part of an exercise set across a spread
        (`spread`).""")
    facing_continued: ContinuedTemplate = setting("Question {{ n }} (continued from the facing page)", """
        Printed over the right-hand part of an exercise set across a spread (`spread`).""")
    total: TotalTemplate = setting("", """
        Printed at the right under each question's answer space on student sheets, as
        Pearson Edexcel does (its profile: `"(Total for Question {{ n }} = {{ marks }} mark{{ '' if marks == 1 else 's' }})"`).
        `""` prints nothing.""")
    paper_total: PaperTemplate = setting("", """
        Printed at the right after the last question of an `exam` sheet (Pearson Edexcel's
        profile: `"TOTAL FOR PAPER = {{ total }} MARKS"`). `""` prints nothing.""")
    end: str = setting("End of questions", """
        Printed centred after the last question of a student sheet: a board's own words (AQA
        `END OF QUESTIONS`, OCR `END OF QUESTION PAPER`), or `""` for none.""")
    section_total: SectionTemplate = setting("", """
        Printed at the right after the last question of each section on student sheets, as
        Pearson Edexcel does (`"TOTAL FOR {{ title | upper }} = {{ marks }} MARKS"`). `""` prints
        nothing.""")
    spag: SpagTemplate = setting("", """
        When set, a question's SPaG marks are not added to its marks label (`(16)`, not
        `(16 + 4 SPaG)`) but printed apart, at the right under its answer space (Pearson
        Edexcel: `"(Total for spelling, punctuation, grammar and use of specialist terminology
        = {{ spag }} marks)"`). `""`: `[16 marks + 4 SPaG]` beside the question.""")
    numbers: Literal["plain", "boxed", "lettered", "dotted", "spaced"] = setting("plain", """
        How question numbers print. `plain`: `3`, parts `3(a)`. `boxed`: two digits, each in
        a box, as AQA prints them: `0 3`, parts `0 3 . 1`. `lettered`: `3`, parts `(a)` under
        it, as the College Board's AP papers print them. `dotted`: `3.`, parts `3. (a)` then
        `(b)` under it, as the IB prints them. `spaced`: `3`, parts `3 (a)` then `(b)` under
        it, the letter in a column of its own, as Pearson Edexcel prints them. A mark scheme
        says `3(a)` in every form.""")
    page_from: int = setting(0, """
        A question worth this many marks or more (SPaG included) starts a new page of the
        student's paper, as AQA sets its long questions (`8`: 03, 05 and 06 of its history
        Paper 1); `0`: a question starts wherever the last ended.""", ge=0, le=200)
    sections_start: Literal["anywhere", "new-page"] = setting("anywhere", """
        `new-page`: every section after the first starts on a new page of the student's
        paper, as Pearson Edexcel prints Section B.""")
    section_marks: bool = setting(True, """
        A line of the section's marks (and time) under its heading on the student's paper
        ("32 marks + 4 SPaG"). `false`: none, as the boards print their sections (the marks
        stand by each question); the mark scheme keeps it.""")


class Tables(Strict):
    """The tables of the answer key (summary and mark-scheme levels)."""

    header_tint: Colour | None = setting("#e8e8e8", "Behind the tables' header rows; `null` for none.")
    fills: bool = setting(True, """
        `false` (`ink-saver`) removes the header tint and also the light shading behind word
        banks, hint boxes, the cover's grading table and other shaded cells.""")
    rule_colour: Colour = setting("#9a9a9a", "The colour of the lines between cells.")
    rule_weight: Length = setting(0.5, "The thickness of the lines between cells.")
    divider_weight: Length = setting(0.5, """
        The thickness of the light rules between a true/false question's statements and between
        a glossary's terms (large print: `1pt`, never a hairline).""")
    divider_colour: Colour = setting("#cccccc", "The colour of those light rules.")


class Images(Strict):
    greyscale: bool = setting(False, """
        `true` prints pictures (sources' and labelling questions') and the school logo in shades
        of grey (`ink-saver`): it saves colour ink and photocopies evenly.

        Either way every picture is turned the right way up, placed on white where it is
        transparent and scaled to 300 dpi at its printed size.""")
    labels_scale: bool = setting(False, """
        `true` (large print): a labelled picture (a diagram to label) is set wider by as much as
        its numbered markers are larger than the default's 9 pt, up to the text width, so the
        markers keep clear of its lines as they do at the default size.""")

    enlarge: float = setting(1.0, """
        A source's picture (a figure, a diagram, a cartoon) and a labelling question's picture
        are printed this many times the width their pack gives them (`image: {width: 45}`: 45 %
        of the text width), at most the whole width: large print enlarges diagrams as it
        enlarges words, as modified papers do. Words a pack prints on a picture (`labels:`) are
        set in the `picture.label` style, at the layout's size however large the picture is. A
        labelling picture enlarged too wide for its `leaders` columns of boxes beside it has its
        numbers on it instead (`markers`).""", ge=1, le=4)


class Branding(Strict):
    """The school's name and logo.

    The logo is printed on every page, in grey under `images.greyscale: true`. It must fit
    in the top margin: the margin must be at least the logo's height plus 14 mm, otherwise
    `branding.logo_height (20 mm) does not fit in the top margin (22 mm): make the top margin
    at least 34 mm or the logo smaller`. A missing or unreadable file is an error at the
    `logo:` line. So is a logo outside the pack (for a layout in a pack) or the
    workspace (for a layout in `layouts/`): see [`extends`](#writing-your-own-extends).

    A school's layout with its name and crest, on top of any shipped layout:

    ```yaml
    # layouts/hillside.yaml
    extends: default            # or exam, dyslexia, large-print-18 …
    description: "Hillside Academy: default with our name and crest"
    page:
      margins: {top: 28mm}
    branding:
      school: Hillside Academy
      logo: hillside-crest.png  # beside this file, in layouts/
      logo_height: 12mm
    header:
      left: "{{ school.name }} · {{ pack.title }}"
    ```"""

    school: str = setting("", "The school's name, available to header and footer templates as `{{ school.name }}`.")
    logo: str | None = setting(None, """
        The school's logo: any image Pillow reads (PNG, JPEG, GIF, TIFF, WebP, BMP …).
        Transparency is kept. Read relative to the folder of the layout file that names it.""",
        values="a file name, or `null`")
    logo_height: Length = setting(12 * 72 / 25.4, "The logo's printed height; its width follows from its shape.")
    logo_position: Literal["header-left", "header-right"] = setting("header-left", """
        The logo stands on the header's rule at the left or right margin; that header slot's
        text moves aside to make room.""")


class Marking(Strict):
    """What a class set built with `--marking` prints for `studypack mark` to read back.

    Every page of every copy gets four filled squares in its corners and, in the left
    margin above the lower square, a QR code naming the build, the copy and the page. They
    stand outside the text area, clear of the header and footer (which start at the left
    margin): `inset` plus `code` must fit in the left margin with 1 mm to spare, and `inset`
    plus `corner` in every margin, else the build says which setting to change. Builds
    without `--marking` print none of them. See [Marking a class set](marking.md)."""

    code: Length = setting(10 * 72 / 25.4, "The QR code's side (at least 8 mm, so a 150 dpi scan reads it).",
                           ge=8 * 72 / 25.4, le=30 * 72 / 25.4)
    corner: Length = setting(4 * 72 / 25.4, "The side of each filled corner square.",
                             ge=3 * 72 / 25.4, le=10 * 72 / 25.4)
    on: bool = setting(False, """
        Print them on every class set built with this layout, as `build --roster … --marking`
        does. Builds without a roster never print them.""")
    inset: Length = setting(5 * 72 / 25.4, "From the paper's edges to the corner squares (printers leave about 4 mm).",
                            ge=3 * 72 / 25.4, le=20 * 72 / 25.4)


class Choices(Strict):
    """How a multiple-choice question (one answer) asks for its answer on a student's paper,
    in a board's form (see exam-papers.md). A class set built for marking keeps a box beside
    each option, which the scanner reads."""

    mark: Literal["box", "circle"] = setting("box", """
        What stands beside each option: `box`, a box to tick; `circle`, a circle to shade.""")
    instruction: str = setting("", """
        A line under the question, in pack markup (`Shade **one** circle only.`); `""` none.""")
    answer: str = setting("", """
        `""`: a box or circle beside each option. A label (OCR: `Your answer`): the options
        lettered with nothing beside them, then this label and one box for the letter.""")
    row: bool = setting(False, """
        `true`: on a student's paper, the options in one row, unlettered, each in a box of
        its own to circle, as AQA's maths papers print them under "Circle your answer."; a
        list as above where they do not fit the line (and in a class set built for marking).""")


class CoverItem(Strict):
    """A cover's item said only of a paper that holds some sections or lacks them: a section
    is named by how its title starts (`Section A`), as the profile's linter names it."""

    text: CoverTemplate
    holds: list[str] = Field(default=[], max_length=10)  # printed only where the paper has each of these
    lacks: list[str] = Field(default=[], max_length=10)  # printed only where it has none of these

    def shown(self, titles: list[str]) -> bool:
        """Whether the item prints on a paper whose sections have these titles."""
        titles = [" ".join(t.split()) for t in titles]  # "Section\xa0B" as "Section B"
        has = [any(t.startswith(" ".join(name.split())) for t in titles) for name in self.holds + self.lacks]
        return all(has[:len(self.holds)]) and not any(has[len(self.holds):])


class CoverBlock(Strict):
    title: str = Field(max_length=80)
    items: list[CoverTemplate | CoverItem] = Field(default=[], max_length=20)


class Cover(Strict):
    """A board's front cover for each `exam` sheet of a student's paper (and one for its source
    booklet): set by a board profile's `layout:`, never on a mark scheme. With a cover, the
    paper's first page of questions has no title, boxes or instructions: the cover has them.
    Texts may use pack markup (`**all**`) and are templates (see
    [Templates](#templates-header-footer-and-marks)) over `paper`, `time`, `total`, `spag`,
    `booklet`, `pack`, `questions` and `pages` (the paper's pages, its cover included)."""

    on: bool = setting(False, "Print the cover before each exam paper.")
    style: str = setting("", "A first line, small (`in the style of …`: boards' names, never their logos).")
    heading: list[CoverTemplate] = setting([], "Large bold lines at the top: the qualification and subject (`GCSE`, `HISTORY`).",
                                           values="list of texts")
    code: CoverTemplate = setting("", "The paper's code, at the right of the heading (`8145/1A`).")
    title: CoverTemplate = setting("{{ paper }}", "The paper's title under the heading.")
    time: CoverTemplate = setting("Time allowed: {{ time }}", "The time line; `\"\"` prints none.")
    blocks: list[CoverBlock] = setting([], """
        Headed lists, in order (`Materials`, `Instructions`, `Information`, `Advice`): each
        `{title: …, items: [...]}`, each item a bullet. An item said only of some papers is
        `{text: …, holds: [Section A], lacks: [Section B]}`: printed where the paper has a
        section whose title starts with each of `holds` and none with any of `lacks`, so a
        practice paper of one section is not told to answer from the other; a block left with
        no item is left out.""", values="list of `{title, items}`")
    total_box: str = setting("", "A box for the paper's total at the foot, with this label (`Total Marks`); `\"\"` none.")
    examiner_table: str = setting("", """
        A table of every question with an empty mark cell and a total, with this heading
        (AQA: `For Examiner's Use`); `""` none.""")
    booklet: list[CoverTemplate] = setting([], """
        Lines on a cover page in front of the paper's source booklet (its name and the paper's
        title above them); `[]`: no cover page.""", values="list of texts")


_ROLES = Literal["H1", "H2", "H3", "H4", "H5", "H6", "P", "Caption", "BlockQuote", "Note", "Lbl", "Span", "Artifact"]


class Tagging(Strict):
    """Tagged PDF (PDF/UA): a structure tree a screen reader follows, built as the pages are drawn.

    With `on` (every shipped layout's), every document a build writes carries the tree (a
    class set's copies and the combined class set, and a booklet imposed two-up, too): headings at their levels,
    paragraphs, data tables with their header cells, pictures as figures with their alt text,
    in reading order; answer lines, rules, box borders, headers, footers and the margin
    notice are marked as drawing a reader skips. `roles` says which styles are headings."""

    on: bool = setting(True, "Write tagged PDF (PDF/UA-1): a structure tree, the document's language and title shown.")
    roles: dict[str, _ROLES] = setting(
        {"title": "H1", "section.heading": "H2", "key.heading": "H2", "source.heading": "H3"},
        "What a paragraph of each style is in the structure tree (any other style: `P`).",
        values="style name: H1 … H6, P, Caption, BlockQuote, Note, Lbl, Span or Artifact")


class CandidateField(Strict):
    label: str
    digits: int = Field(default=0, ge=0, le=12)   # 0: a writing box; otherwise that many digit boxes


def _field(value: Any) -> Any:
    """A candidate box written as a plain label, `Surname`, means {label: Surname}."""
    return {"label": value} if isinstance(value, str) else value


class Band(Strict):
    """Two bands, each with three slots and a rule.

    - Each slot is one line of text: `left` starts at the left margin, `right` ends at the
      right margin, `centre` is centred between them. Spaces and line breaks in the result are
      collapsed to single spaces. A text too long for its place is printed smaller, down to
      6 pt, then shortened with '…', with a warning.
    - An empty slot (`""`) prints nothing. If all three slots of a band are empty, the band's
      rule is not drawn either.
    - The rule is a thin grey line (0.5 pt, `#999999`) across the text width, between the
      header and the page's text (4.5 mm above the text area), or between the text and the
      footer (5 mm below it). Its colour and thickness cannot be changed.
    - The text uses the `header` and `footer` styles, of which only `font`, `bold`, `italic`,
      `size` and `colour` apply.
    - The header and footer are printed on every page, including the first page of each
      sheet and every page of the answer key."""

    left: BandTemplate = setting("", "Starts at the left margin.")
    centre: BandTemplate = setting("", """
        Centred. `default` prints the student's name, class and number here in a class set in
        the header, and `Variant B` on a class-set variant in the footer; nothing otherwise.""")
    right: BandTemplate = setting("", "Ends at the right margin.")
    rule: bool | None = setting(None, """
        A line between the band and the page's text. Not given: a rule under the header, none
        over the footer.""")


class Layout(Strict):
    description: str = setting("", "Text shown by `studypack layouts`.")
    extends: str | None = setting(None, """
        The layout this one changes: a name, or a file name ending in `.yaml`, read relative to
        this layout's folder. See [above](#writing-your-own-extends).""", values="a layout name or file, or nothing")
    page: Page = Page()
    language: Language | None = setting(None, """
        The language of the tool's own words on paper: headings, labels, instructions, page
        furniture (`fr`, `de`, `es`, `cy`, `en-GB`, `en-US`; see [Languages](languages.md)). A
        pack's `language:` comes first, then the layout's, then studypack.yaml's; none is
        English. Texts of the layout itself that are the tool's English (`Page {{ page }} of
        {{ pages }}`, `Name`, `Turn over ▶`) print in the language; texts you wrote print as
        written.""", values="a language code, or nothing")
    bilingual: Language | None = setting(None, """
        A second language for the tool's words, printed with the first, as WJEC prints Welsh
        and English papers: headings and instructions stacked, the first language above, and
        labels and page furniture on one line, `Trowch drosodd / Turn over`. The pack's
        content stays as the teacher wrote it.""", values="a language code, or nothing")
    wording: dict[str, str | dict[str, str]] = setting({}, """
        The tool's own words said otherwise in this layout: a message's key (as in
        `studypack/languages/en.yaml`) and its text, or its plural forms
        (`{one: "{n} point", other: "{n} points"}`), with the same `{places}`. A board profile
        uses it for the board's words where they are not the tool's: the College Board scores
        in points, so its profiles say `marks.count: {one: "{n} point", other: "{n} points"}`
        and the mark scheme is "Scoring guidelines". In the first language only.""",
        values="message key: text, or its plural forms")
    fonts: dict[str, str] = setting({"sans": "noto-sans"}, """
        Names for font families, used by the styles' `font` attribute.

        Four font families are built in (they ship inside studypack, in `studypack/fontfiles/`
        with their licences) and are embedded in every PDF:

        - `noto-sans`: Noto Sans. Latin with accents (including Vietnamese and Turkish), Greek,
          Cyrillic.
        - `fira-go`: FiraGO. The same, plus the letters of Arabic, Hebrew, Thai and Devanagari.
        - `atkinson-hyperlegible`: Atkinson Hyperlegible, designed for readers with low vision:
          letters that cannot be mistaken for each other (I l 1, O 0). Latin only; used by the
          `dyslexia` and `large-print-*` layouts.
        - `andika`: Andika (SIL), designed for children learning to read: single-storey a and
          g, as they are taught to write them, and I l 1 told apart. Latin, Greek, Cyrillic; used
          by the `young-readers` layout.

        All four have regular, bold, italic and bold italic. With the `cjk` extra installed,
        `noto-sans-sc`, `noto-sans-tc`, `noto-sans-jp` and `noto-sans-kr` can be named too (see
        [Fonts and scripts](#fonts-and-scripts)).

        A style's `font` attribute names an entry of this mapping (`font: sans`), or a family
        directly (`font: fira-go`). All default styles use `sans` (through `body`), so
        `fonts: {sans: fira-go}` switches the whole layout to FiraGO. You can add names of your
        own, for example `fonts: {headings: fira-go}` and then `styles: {title: {font: headings}}`.

        A word the chosen family cannot print is set, whole, in the first fallback that can
        (see [Fonts and scripts](#fonts-and-scripts)); the warning about characters that cannot
        be printed (see writing-packs.md) names only characters that no family can print.

        An unknown family name is an error: `unknown font family 'noto' (did you mean
        'noto-sans'?); families are: noto-sans, fira-go, atkinson-hyperlegible, andika`.""",
        values="a mapping of *name*: *family*")
    styles: dict[str, Style] = setting({}, "Text styles by name; see [Styles](#styles).",
                                       values="a mapping of style name: attributes",
                                       shown="see [Every style name](#every-style-name)")
    marks: MarksTemplate = setting("[{{ n }} {{ 'mark' if n == 1 else 'marks' }}]", """
        The label printed at the right of every question, on student sheets and in the key:
        `[1 mark]`, `[4 marks]`.

        Other examples: `"({{ n }})"` gives `(4)`; `"{{ n }} m"` gives `4 m`. The result is
        printed as it is (no markup), in the `question.marks` style, right-aligned in the marks
        column (see [`questions`](#questions)). See
        [Templates](#templates-header-footer-and-marks).

        The marks template is not used for the totals ("Total: 11 marks" under a sheet's title,
        "Total for … : 10 marks" in the key), which are always written with "marks".""")
    key_marks: MarksTemplate | None = setting(None, """
        The label at the right of every question and part in the key, where it differs from
        `marks`: the College Board prints no points beside its questions, but its scoring
        guidelines give each part's (`"{{ n }} point{{ '' if n == 1 else 's' }}"`). `null`:
        as `marks`.""", values="a template like `marks`, or nothing")
    answer_lines: AnswerLines = AnswerLines()
    choices: Choices = Choices()
    cover: Cover = Cover()
    spaces: Spaces = Spaces()
    maths: Maths = Maths()
    source: SourceBox = SourceBox()
    header: Band = Band(left="{{ pack.title }}", right="{{ sheet.title }}")
    footer: Band = Band(left="{{ pack.subject }} · {{ pack.level }}", right="Page {{ page }} of {{ pages }}", rule=False)
    name_line: list[str] = setting(["Name", "Class"], """
        The line students write their name on, at the top of the first page of each student
        sheet: each label followed by a line to write on.

        The first blank gets 60 % of the free width, the others share the rest. `name_line: []`
        removes it. The answer key never has one. Labels are printed as written, in the
        `student-line` style. In a class set the blanks of labels a roster column answers —
        `Name`, `First name` / `Forename`, `Surname`, `Class` / `Form` / `Set`, `Candidate
        number` / `UPN` — are filled in with that student's details.""", values="list of labels")
    candidate_boxes: list[Annotated[CandidateField, BeforeValidator(_field)]] = setting([], """
        Boxes as on the front of an exam paper, under the sheet's title on the first page of
        each student sheet (never in the key).

        A plain label gets a box to write in; `digits: N` (1–12) gets N square boxes, one per
        digit. Two fields share a row (one a row when the `candidate.label` style is 20 pt or
        more). The `exam` layout uses:

        ```yaml
        name_line: []
        candidate_boxes:
          - Surname
          - Forename(s)
          - {label: Centre number, digits: 5}
          - {label: Candidate number, digits: 4}
        ```""", values="list of fields: a label, or `{label: …, digits: N}`")
    emphasis: Literal["italic", "bold", "underline"] = setting("italic", """
        How `*emphasis*` in pack text is printed. `bold` prints it in bold, as the dyslexia
        style guide asks (no italics anywhere), and also turns any style's `italic: true` into
        bold. `underline` (large print, whose text is all bold) prints it bold and underlined,
        as exam boards' modified papers do, so it still stands out; the pack's `**bold**` is
        underlined too (the sheet's own bold labels are not).""")
    minimum_text_size: Length = setting(0, """
        No text is printed smaller than this: every style's size, written or worked out from
        `body` (`0.86em`), is raised to it, and so are the sizes drawn from a style (a labelled
        picture's numbers, a drawn timeline's years, letters in answer boxes).

        Above 12 pt the timeline page is printed as a plain list of dates and events rather
        than a drawn axis; at 12 pt too where the drawn axis would not fit one page at one scale. The large-print layouts set it to their size, the dyslexia layouts to
        12 pt, `young-readers` to 14 pt, `default` to 7 pt. After typesetting, the build's
        preflight warns about any text printed smaller (`--strict`: an error), and a name stamped on a class-set copy is
        shortened with "…" rather than printed smaller.""")
    minimum_rule: Length = setting(0.5, """
        The thinnest rule a reader of this layout sees well: the preflight counts a page with a
        line, box or tick box drawn thinner as a hairline (`tools/page_defects.py`). The
        large-print layouts set it to `1pt`.""")
    minimum_rule_weight: Length = setting(0, """
        No rule, box or tick box is stroked thinner than this: every line the pages draw (answer
        lines, table rules, word-bank and tick boxes, diagrams, underlines) is raised to it. The
        large-print layouts set `1pt`, as modified papers print them; `0` leaves every weight
        as drawn.""")
    questions: Questions = Questions()
    tables: Tables = Tables()
    images: Images = Images()
    branding: Branding = Branding()
    marking: Marking = Marking()
    tagging: Tagging = Tagging()
    _where: Locations = PrivateAttr(default_factory=lambda: Locations(fallback="layout"))  # for render-time errors
    _warnings: list = PrivateAttr(default_factory=list)  # from reading the files (control characters)

    def location(self, path: tuple):
        return self._where.locate(path)

    @property
    def say(self) -> words.Words:
        """The tool's words in this layout's language (and its second, on bilingual paper)."""
        return words.words(self.language, self.bilingual, words.own_wording(self.wording))

    @field_validator("wording")
    @classmethod
    def _wording(cls, value: dict) -> dict:
        for key, wording in value.items():
            problem = words.wording_problem(key, wording)
            if problem:
                raise ValueError(problem)
        return value

    def candidate_fields(self) -> list[CandidateField]:
        return list(self.candidate_boxes)

    def logo_path(self) -> Path | None:
        """The logo file, found relative to the layout file that names it."""
        if not self.branding.logo:
            return None
        where = self._where.get(("branding", "logo"))
        base = Path(where.file).parent if where else Path(".")
        return base / self.branding.logo

    def face(self, name: str) -> str:
        """The registered font face for a semantic style (fonts are registered on first use)."""
        s = self.style(name)
        family = self.fonts.get(s["font"], s["font"])
        if family not in fonts.FAMILIES:
            family = "noto-sans"
        variant = fonts.Variant(s["letter_spacing"], s["word_spacing"], self.emphasis == "italic")
        return fonts.face(family, s["bold"], s["italic"], variant)

    def style(self, name: str) -> dict[str, Any]:
        """The resolved attributes of a semantic style: body, then the named style (laid over the
        one it stands in for, `STYLE_FALLBACKS`: the cover's grading table, its labels and cells).

        A size in `em` is that share of the body's size, a leading in `em` that share of the
        style's own size; no size comes out under `minimum_text_size`, so no label, heading or
        detail is left small where a layout enlarges its text."""
        merged: dict[str, Any] = dict(_BODY)
        stands_for = self.styles.get(STYLE_FALLBACKS[name]) if name in STYLE_FALLBACKS else None
        for source in (self.styles.get("body"), stands_for, self.styles.get(name)):
            if source:
                merged.update({k: v for k, v in source.model_dump().items() if v is not None})
        body = self.styles.get("body")
        base = _BODY_SIZE
        if body is not None and isinstance(body.size, float):  # a body size in em is refused at load
            base = body.size
        merged["size"] = max(_resolve(merged["size"], base), self.minimum_text_size)
        merged["leading"] = _resolve(merged["leading"], merged["size"])
        return merged


_BODY_SIZE = 10.5
_BODY: dict[str, Any] = {"font": "sans", "bold": False, "italic": False, "size": _BODY_SIZE, "leading": 14.0,
         "colour": "#000000", "space_before": 0.0, "space_after": 0.0, "align": "left",
         "letter_spacing": 0.0, "word_spacing": 0.0}


KIND = settings_files.Kind("layout", "layouts", "default", said={
    "not-name": ("term.layout-not-name", "'{name}' is not a layout name: use a name like '{example}' or a path to a .yaml file"),
    "unknown": ("term.layout-unknown", "no layout named '{name}'{hint}; known layouts: {known}"),
    "loop": ("term.layout-loop", "layouts extend each other in a loop ({names}): make one of them extend another layout, "
                                 "such as '{example}'"),
    "not-found": ("term.layout-file-not-found", "layout file not found: {name}"),
    "not-found-extends": ("term.layout-extends-not-found", "layout file not found: {path} (a file named in extends is read "
                                                           "relative to this layout's folder)"),
    "extends-one": ("term.layout-extends-one", "extends names one layout, like '{example}'"),
    "too-long": ("term.layout-chain-long", "extends: this is the {most}th layout in one chain, the most studypack follows: "
                                           "extend '{example}' or a layout with a shorter chain"),
    "shape": ("term.layout-shape", "a layout is 'name: value' lines of settings"),
})


def shipped_dir() -> Path:
    """Where the shipped layouts live: inside the package, never a workspace's own `layouts/`."""
    return KIND.shipped


is_path = settings_files.is_path


def available(workspace_layouts: Path | None = None) -> dict[str, Path]:
    """Every layout by name: the shipped ones, replaced by the workspace's own of the same name."""
    return settings_files.available(KIND, workspace_layouts)


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def is_shipped(path: Path) -> bool:
    return path.resolve().parent == shipped_dir().resolve()


def load(name_or_path: str, within: Path | None = None,
         over: tuple[dict[str, Any], dict[tuple, Any]] | None = None, folder: Path | None = None,
         root: Path | None = None) -> Layout:
    """Load, merge `extends` chains, and validate a layout; errors carry file:line.

    `within`: the pack folder, when the pack itself names this layout. The layout and the files
    it brings (`extends: file.yaml`, `logo:`) stay inside the folder that holds the layout file
    naming them: the pack, or the workspace for layouts in its layouts/ (see settings_files).
    `over`: settings (and where they were written) laid over the result, as a board
    profile's `layout:`. `folder`: the workspace's own layouts, found by name before the
    shipped ones. `root`: the workspace folder, when its studypack.yaml names this layout (which
    then stays in the workspace, as a layout in its layouts/ does)."""
    places = settings_files.Places(within, folder, root)
    docs = settings_files.chain(KIND, name_or_path, places)
    merged, where = settings_files.merged(docs)
    if over is not None:
        settings_files.merge(merged, copy.deepcopy(over[0]))
        where.update(over[1])
    try:
        layout = Layout.model_validate(merged)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, where.locate, Layout))
    layout._where = where
    layout._warnings = [w for doc in docs for w in doc.warnings]
    problems = _check_geometry(layout, where)
    problems += _check_templates(layout, where)
    problems += _check_fonts(layout, where)
    problems += _check_empty_styles(merged, where)
    problems += _check_logo(layout, where, places)
    unknown = sorted(set(layout.styles) - set(STYLE_NAMES))
    for name in unknown:
        problems.append(Problem(said("term.layout-unknown-style", "unknown style '{name}'{suggestion}", name=name,
                                     suggestion=suggest(name, STYLE_NAMES)), where.locate(("styles", name))))
    if problems:
        raise StudypackError(problems)
    return layout


def _check_geometry(layout: Layout, where: Locations) -> list[Problem]:
    width, height = layout.page.dimensions
    m = layout.page.margins
    problems = []
    if m.left + m.right > width - 72:
        problems.append(Problem(
            said("term.layout-side-margins", "left and right margins ({left} mm + {right} mm) leave less than 1 inch of a "
                 "{width} mm wide page: make them smaller", left=f"{m.left / 72 * 25.4:.0f}",
                 right=f"{m.right / 72 * 25.4:.0f}", width=f"{width / 72 * 25.4:.0f}"),
            where.locate(("page", "margins"))))
    if m.top + m.bottom > height - 144:
        problems.append(Problem(
            said("term.layout-top-margins", "top and bottom margins leave less than 2 inches of a {height} mm tall page: "
                 "make them smaller", height=f"{height / 72 * 25.4:.0f}"),
            where.locate(("page", "margins"))))
    for side in ("top", "bottom", "left", "right"):
        if getattr(m, side) < 0:
            problems.append(Problem(said("term.layout-margin-negative", "margin {side} cannot be negative", side=side),
                                    where.locate(("page", "margins", side))))
    body = layout.styles.get("body")
    if body is not None and _share(body.size) is not None:  # body.size is set: a share of it is one
        problems.append(Problem(said("term.layout-body-em", "style 'body': its size is what other sizes in em are shares of: "
                                     "write it in points (like '14pt'), not '{size}'", size=body.size),
                                where.locate(("styles", "body", "size"))))
    for name, style in layout.styles.items():  # a size of 0 or -5 would print nothing, silently
        for attr in ("size", "leading"):
            value = getattr(style, attr)
            if isinstance(value, float) and not 1 <= value <= 400:
                problems.append(Problem(said("term.layout-style-size", "style '{name}': {attr} must be between 1pt and 400pt, "
                                             "got {value}pt", name=name, attr=attr, value=f"{value:g}"),
                                        where.locate(("styles", name, attr))))
    if layout.answer_lines.spacing < 4:
        problems.append(Problem(said("term.layout-line-spacing", "answer_lines.spacing must be at least 4pt (1.5mm), got "
                                     "{value}pt", value=f"{layout.answer_lines.spacing:g}"),
                                where.locate(("answer_lines", "spacing"))))
    return problems


def _check_logo(layout: Layout, where: Locations, places: settings_files.Places) -> list[Problem]:
    """The logo must be confined, exist, open in Pillow, and fit in the top margin above the header rule."""
    logo, path = layout.branding.logo, layout.logo_path()
    if not logo or path is None:
        return []
    at = where.locate(("branding", "logo"))
    refused = settings_files.confine(Path(at.file), logo, places)
    if refused:
        return [Problem(f"logo: {refused}", at)]
    if not path.is_file():
        return [Problem(said("term.layout-logo-missing", "logo file not found: {path} (a logo is found relative to the "
                             "layout file)", path=display_path(path)), at)]
    return logo_problems(layout, path, at, where.locate(("branding", "logo_height")))


def logo_problems(layout: Layout, path: Path, at: Location, height_at: Location) -> list[Problem]:
    """A logo file that exists must open in Pillow and fit in the top margin above the header
    rule; `at`: where it was named (a layout's branding, or studypack.yaml's school)."""
    try:
        images.logo(path, layout.branding.logo_height)
    except StudypackError as exc:
        return [Problem(exc.problems[0].message, at)]
    room = layout.page.margins.top - 6 * MM - 8 * MM  # above the header rule, below 8 mm of edge
    if layout.branding.logo_height > room:
        need = (layout.branding.logo_height + 14 * MM) / MM
        return [Problem(said("term.layout-logo-height", "branding.logo_height ({height} mm) does not fit in the top margin "
                             "({margin} mm): make the top margin at least {need} mm or the logo smaller",
                             height=f"{layout.branding.logo_height / MM:.0f}", margin=f"{layout.page.margins.top / MM:.0f}",
                             need=f"{need:.0f}"),
                        height_at)]
    return []


def template_settings(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, str, Template]]:
    """Every template-valued setting of a layout (or part of one): its path, text and variables."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        marker = next((m for m in info.metadata if isinstance(m, Template)), None)
        if marker is not None:
            yield path + (name,), value, marker
        elif isinstance(value, BaseModel):
            yield from template_settings(value, path + (name,))
    if isinstance(model, Cover):  # its lists of templates
        for name in ("heading", "booklet"):
            for i, line in enumerate(getattr(model, name)):
                yield path + (name, i), line, CoverTemplate.__metadata__[0]  # type: ignore[attr-defined]
        for i, block in enumerate(model.blocks):
            for j, item in enumerate(block.items):
                where, line = ((j,), item) if isinstance(item, str) else ((j, "text"), item.text)
                yield path + ("blocks", i, "items", *where), line, CoverTemplate.__metadata__[0]  # type: ignore[attr-defined]


def _page_samples() -> list[tuple[int, int]]:
    """(page, pages) a header or footer is tried with: the first, second, middle and last pages
    of every document of up to 50 pages, and of longer ones up to the page limit."""
    counts = [*range(1, 51), 64, 100, 128, 200, 256, 500, 512, 1000, 1024, limits.PAGES - 1, limits.PAGES]
    return [(page, count) for count in counts
            for page in sorted({1, 2, 3, count // 2, count // 2 + 1, count - 2, count - 1, count}) if 1 <= page <= count]


PAGE_SAMPLES = _page_samples()


def _trial(source: str, variables: dict) -> None:
    """Render a template as the build would; one that computes with `page` or `pages` on every
    page number a document can reach (sampled: see `_page_samples`), so a footer that divides
    by zero on page 2 fails `check`, not the build. Raises TemplateProblem, naming the page."""
    template = text.compile_template(source)
    if "page" not in variables or not text.computes_with(source, {"page", "pages"}):
        text.render_template(template, variables)
        return
    for page, count in PAGE_SAMPLES:
        try:
            text.render_template(template, {**variables, "page": page, "pages": count})
        except text.TemplateProblem as exc:
            raise text.TemplateProblem(said("term.layout-template-page", "{problem} on page {page} of a {pages}-page "
                                            "document: a header or footer must print on every page", problem=exc,
                                            page=page, pages=count)) from None


def _check_templates(layout: Layout, where: Locations) -> list[Problem]:
    """Compile and trial-render every template now, with the variables the build gives it,
    so a typo is a located error from `check` and `build` alike, not a crash mid-build."""
    problems = []
    for path, source, marker in template_settings(layout):
        if not source:
            continue
        try:
            _trial(source, marker.variables)
        except text.TemplateProblem as exc:
            problems.append(Problem(said("term.settings-at", "{key}: ", key=".".join(map(str, path))) + str(exc),
                                    where.locate(path)))
    return problems


def _check_fonts(layout: Layout, where: Locations) -> list[Problem]:
    problems = []
    for slot, family in layout.fonts.items():
        if family not in fonts.FAMILIES:
            problems.append(Problem(said("term.layout-unknown-family", "unknown font family '{family}'{suggestion}; families "
                                         "are: {families}", family=family, suggestion=suggest(family, fonts.FAMILIES),
                                         families=", ".join(fonts.FAMILIES)),
                                    where.locate(("fonts", slot))))
    for name, style in layout.styles.items():
        if style.font and style.font not in layout.fonts and style.font not in fonts.FAMILIES:
            problems.append(Problem(said("term.layout-style-font", "style '{name}': font '{font}' is not one of the layout's "
                                         "fonts ({fonts})", name=name, font=style.font, fonts=", ".join(layout.fonts)),
                                    where.locate(("styles", name, "font"))))
    return problems


def _check_empty_styles(merged: dict, where: Locations) -> list[Problem]:
    """`colour: #ff0000` reads as empty (# starts a comment): say so instead of ignoring it."""
    problems = []
    for name, style in (merged.get("styles") or {}).items():
        for key, value in (style or {}).items() if isinstance(style, dict) else ():
            if value is None:
                problems.append(Problem(
                    said("term.layout-style-empty-colour", "style '{name}': {key} is empty (# starts a comment in YAML: write "
                         "colours in quotes, like '#ff0000')", name=name, key=key) if key == "colour" else
                    said("term.layout-style-empty", "style '{name}': {key} is empty", name=name, key=key),
                    where.locate(("styles", name, key))))
    return problems
