"""Paragraph and table styles from the layout, and the page measures views size things by.

Each style is made once per composer from the layout's semantic styles (`title`,
`question.stem`, `key.answer` …), and so is each variation of one (`para(…, leftIndent=…)`):
no paragraph changes its style afterwards."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from studypack.base.units import MM
from studypack.media import text
from studypack.settings.layout import Layout
from studypack.views.paragraph import Heading, Paragraph
from studypack.views.toolkit import fonts_width

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER, "justify": TA_JUSTIFY}

# styles whose paragraphs never end on a single word (options, statements, rubrics, help boxes)
_TIED = frozenset({"question.option", "instructions", "help", "key.level"})  # also mark-scheme descriptors


class Styles:
    """The layout's styles as ReportLab styles, made once, and the text area's measures."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self._styles: dict[str, ParagraphStyle] = {}
        self._varied: dict[tuple, ParagraphStyle] = {}  # (style, overrides) -> the style with them (see `para`)
        self.number_width = layout.questions.number_width
        self.marks_width = layout.questions.marks_width

    def share_styles(self, other: "Styles") -> None:
        """Use `other`'s styles (a composer made for one sheet styles as the build's does)."""
        self._styles, self._varied = other._styles, other._varied

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
                # read by views.paragraph where it sets the paragraph's formulas
                mathsFont=self.layout.maths.font, mathsFractions=self.layout.maths.fractions,
                mathsVariables=self.layout.maths.variables, mathsSize=self.layout.maths.size,
            )
            # all-bold large print: emphasis underlined, or it would not show (see `Paragraph`)
            self._styles[name].studypack_underline = self.layout.emphasis == "underline"
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

    def heading_cell(self, markup: str, style: str = "question.label") -> Paragraph:
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
        rules: list = [("GRID", (0, 0), (-1, -1), t.rule_weight, HexColor(t.rule_colour))]
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
