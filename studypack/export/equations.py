"""Formulas in the exports. `media.text.inline` keeps each formula in its markup as `$TeX$` or
`$$TeX$$` (escaped; a dollar sign is `&#36;`, so every `$` left is a formula's). Here each one
becomes what the place it goes to can show: a Word equation (OMML), TeX between the `\\(` `\\)`
or `\\[` `\\]` delimiters Moodle's MathJax and TeX filters read, or, where only plain text can
go (question names, typed answers, a cloze gap's choices), the TeX as the teacher typed it,
which is also what a student would type on a keyboard (`x^2`, `3x+1`)."""

from __future__ import annotations

import html
import re

from studypack.spec.maths import Formula, parse

# `$$TeX$$` (display) or `$TeX$` (inline) in `text.inline` output
FORMULA = re.compile(r"\$\$([^$]+)\$\$|\$([^$]+)\$")


def formula(match: re.Match) -> Formula:
    """The formula a `FORMULA` match stands for (its TeX unescaped and read)."""
    display = match.group(1) is not None
    return parse(html.unescape(match.group(1) if display else match.group(2)), display)


def moodle_html(markup: str) -> str:
    """Escaped markup with each formula as `\\(TeX\\)` or `\\[TeX\\]`, the TeX normalised
    (chemistry and units spelled out) and escaped again for HTML."""
    def delimited(match: re.Match) -> str:
        found = formula(match)
        opening, closing = ("\\[", "\\]") if found.display else ("\\(", "\\)")
        return opening + html.escape(found.tex(), quote=False) + closing

    return FORMULA.sub(delimited, markup)


def plain_markup(markup: str) -> str:
    """Escaped markup with each formula as its plain text (still escaped)."""
    return FORMULA.sub(lambda match: html.escape(formula(match).source, quote=False), markup)


# a Word equation's run with no style of its own is a letter in maths italic (`omml._run`)
_ITALIC_RUN = "<m:r><m:t>"
_UPRIGHT_RUN = '<m:r><m:rPr><m:sty m:val="p"/></m:rPr><m:t>'


def add_run(paragraph, piece, bold: bool | None = None, italic: bool | None = None,
            underline: bool | None = None, upright: bool = False) -> None:
    """One `common.Run` at the end of a python-docx paragraph: words as a run with that look, a
    formula as a Word equation (`m:oMath`, inside `m:oMathPara` when it is a display formula).
    `upright`: its letters upright, as the layout sets them (`maths.variables: upright`)."""
    if piece.formula is None:
        run = paragraph.add_run(piece.text)
        run.bold, run.italic, run.underline = bold, italic, underline
        return
    from docx.oxml import parse_xml  # here: the Moodle export never needs python-docx

    equation = piece.formula.omml()
    if upright:
        equation = equation.replace(_ITALIC_RUN, _UPRIGHT_RUN)
    if piece.formula.display:
        equation = ('<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
                    + equation + "</m:oMathPara>")
    paragraph._p.append(parse_xml(equation))
