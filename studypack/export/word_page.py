"""The layout's look in a Word file: the page (size, orientation, margins), each documented
style's font family, size, line spacing, weight and colour from the layout's style it
corresponds to, the ruled answer lines' spacing and colour, and the header and footer (the
layout's templates, "Page N of M" as Word fields that Word keeps true as a teacher edits).

A school's reference document (`--word-template`) keeps its own styles, page and header and
footer: only what it lacks comes from here, as pandoc's reference-doc does."""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from studypack.media import fonts, text

# Word style: the layout's style it takes its look from (a style not named keeps Normal's)
LAYOUT_STYLES = {
    "Normal": "body", "Heading 1": "title", "Heading 2": "section.heading", "Sheet Details": "subtitle",
    "Student Details": "student-line", "Instructions": "instructions", "Source Heading": "source.heading",
    "Source Provenance": "source.provenance", "Source Text": "source.body", "Source Note": "source.note",
    "Question": "question.number", "Question Text": "question.stem", "Option": "question.option", "Help": "help",
    "Key Answer": "key.answer", "Key Total": "key.total", "Header": "header", "Footer": "footer",
}
_SLOTS = ("left", "centre", "right")
_FIELD = "\x00"  # marks where a page-number field goes in a rendered header or footer


def family_name(layout, style: str) -> str:
    """The name Word knows the style's font family by ("Noto Sans", "Atkinson Hyperlegible")."""
    chosen = layout.style(style)["font"]
    family = layout.fonts.get(chosen, chosen)
    spec = fonts.FAMILIES.get(family) or fonts.FAMILIES["noto-sans"]
    return spec.description.split(":", 1)[0]  # each description opens with the family's own name


def text_width(layout) -> float:
    """The width of the text on the layout's page, in points."""
    width, _height = layout.page.dimensions
    return width - layout.page.margins.left - layout.page.margins.right


def set_page(section, layout) -> None:
    width, height = layout.page.dimensions
    m = layout.page.margins
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.left_margin, section.right_margin = Pt(m.left), Pt(m.right)
    section.top_margin, section.bottom_margin = Pt(m.top), Pt(m.bottom)
    section.header_distance, section.footer_distance = Pt(m.top * 0.35), Pt(m.bottom * 0.35)
    if layout.page.orientation == "landscape":
        from docx.enum.section import WD_ORIENT  # here: only a landscape layout needs it

        section.orientation = WD_ORIENT.LANDSCAPE


def apply_styles(doc, layout) -> None:
    """Each documented style takes its layout style's family, size, leading (as the least line
    height, so a formula is never clipped), weight and colour; the answer lines their spacing."""
    for name, source in LAYOUT_STYLES.items():
        style = doc.styles[name]
        look = layout.style(source)
        set_font(style.font, family_name(layout, source))
        style.font.size = Pt(look["size"])
        # a style based on a bold one (Question on Heading 3) inherits bold: saying it again
        # would toggle it off in LibreOffice
        style.font.bold = None if bool(look["bold"]) == _inherited_bold(style) else bool(look["bold"])
        style.font.italic = bool(look["italic"]) and layout.emphasis == "italic"
        style.font.color.rgb = RGBColor.from_string(look["colour"].lstrip("#").upper()[:6])
        para = style.paragraph_format
        para.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        para.line_spacing = Pt(look["leading"])
        if name.startswith("Heading"):  # Word's headings open with 24 pt; the layout says how much
            para.space_before, para.space_after = Pt(look["space_before"]), Pt(max(look["space_after"], 2))
    doc.styles["Question"].paragraph_format.space_before = Pt(layout.style("question.stem")["space_before"])
    marks, look = doc.styles["Marks"].font, layout.style("question.marks")  # a character style: no spacing
    marks.size, marks.bold = Pt(look["size"]), bool(look["bold"])
    rule = layout.answer_lines
    lines = doc.styles["Answer Line"].paragraph_format
    lines.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    lines.line_spacing = Pt(rule.spacing)
    for edge in doc.styles["Answer Line"].element.pPr.iter(qn("w:bottom"), qn("w:between")):
        edge.set(qn("w:color"), rule.colour.lstrip("#").upper()[:6])


def _inherited_bold(style) -> bool:
    """Whether the nearest style this one is based on that says so makes it bold."""
    base = style.base_style
    while base is not None:
        if base.font.bold is not None:
            return bool(base.font.bold)
        base = base.base_style
    return False


def set_font(font, family: str) -> None:
    """The family for every script, the theme's fonts (which would win over it) taken away."""
    font.name = family
    fonts_xml = font.element.rPr.rFonts if font.element.rPr is not None else None
    if fonts_xml is None:
        return
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts_xml.attrib.pop(qn(f"w:{attr}"), None)
    fonts_xml.set(qn("w:cs"), family)
    fonts_xml.set(qn("w:eastAsia"), family)


def furnish(doc, layout, variables: dict) -> None:
    """The layout's header and footer on every page: its three slots at the left margin, the
    centre and the right margin; "Page N of M" as PAGE and NUMPAGES fields. A slot whose
    template cannot be shown in Word (it names the student, or does not render) stays empty."""
    section = doc.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU to points
    for where, part in (("header", section.header), ("footer", section.footer)):
        band = getattr(layout, where)
        said = {slot: _rendered(getattr(band, slot), variables) for slot in _SLOTS}
        para = part.paragraphs[0]
        para.style = doc.styles["Header" if where == "header" else "Footer"]
        stops = para.paragraph_format.tab_stops
        for stop in para.style.paragraph_format.tab_stops:  # the style's own stops (Word's: 3.25 and 6.5 inches)
            stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Pt(width / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
        for i, slot in enumerate(_SLOTS):
            if i:
                para.add_run("\t")
            _with_fields(para, said[slot])
        if band.rule if band.rule is not None else where == "header":
            _rule(para, "bottom" if where == "header" else "top")


def _rendered(source: str, variables: dict) -> str:
    if not source or "student" in text.template_names(source):
        return ""
    try:
        words = text.render_template(text.compile_template(source), variables)
    except text.TemplateProblem:
        return ""  # the PDF build reports it where it is written
    return text.typographic(" ".join(words.split()))


def _with_fields(para, words: str) -> None:
    """`words` as runs, each page-number place a Word field (PAGE or NUMPAGES)."""
    for k, piece in enumerate(words.split(_FIELD)):
        if k % 2 == 0:
            if piece:
                para.add_run(piece)
            continue
        for kind, value in (("begin", None), ("instr", f" {piece} \\* MERGEFORMAT "), ("separate", None),
                            ("text", "1"), ("end", None)):
            run = para.add_run()
            if kind == "instr":
                node = OxmlElement("w:instrText")
                node.set(qn("xml:space"), "preserve")
                node.text = value
            elif kind == "text":
                node = OxmlElement("w:t")
                node.text = value
            else:
                node = OxmlElement("w:fldChar")
                node.set(qn("w:fldCharType"), kind)
            run._r.append(node)


def page_variables(pack_vars: dict, sheet_vars: dict, school: str) -> dict:
    """What the templates see, the page number and count being Word's fields."""
    return {"pack": pack_vars, "sheet": sheet_vars, "page": f"{_FIELD}PAGE{_FIELD}",
            "pages": f"{_FIELD}NUMPAGES{_FIELD}", "school": {"name": school}}


def _rule(para, edge: str) -> None:
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for attr, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", "808080")):
        line.set(qn(f"w:{attr}"), value)
    borders.append(line)
    para._p.get_or_add_pPr().append(borders)
