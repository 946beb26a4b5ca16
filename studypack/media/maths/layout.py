"""A formula set at one size: its box in points for the line breaker, and how to draw it."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from studypack.base.errors import said
from studypack.media.maths.font import DEFAULT, DISPLAY, TEXT
from studypack.media.maths.geometry import Geometry, geometry
from studypack.media.maths.scripts import CHARGE
from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.formula import Formula
from studypack.spec.maths.written import written

TEXT_FRACTION = 0.85  # of the text's size: a text fraction's numerator and denominator (the faces' script size, 70 %, is too small to read)
_TOKENS = frozenset({"mi", "mn", "mo", "mtext", "ms"})
_SCRIPTS = frozenset({"msub", "msup", "msubsup", "munder", "mover", "munderover", "mroot", "mmultiscripts"})
_MATHML = "http://www.w3.org/1998/Math/MathML"


@dataclass(frozen=True)
class Layout:
    """A formula set at one size: its box in points and how to draw it."""

    width: float
    ascent: float  # above the baseline
    descent: float  # below it
    geometry: Geometry
    colour: object
    bold: bool = False  # set among bold words (a large-print page): drawn with a stroke, as the maths faces have no bold
    face: str = DEFAULT  # the maths face (`font.FACES`)
    size: float = 0.0  # the size it was set at (points)
    upright: bool = False  # its letters upright (a layout's `maths.variables`)

    @property
    def height(self) -> float:
        return self.ascent + self.descent

    def draw(self, canvas, x: float, baseline_y: float) -> None:
        """Draw the formula with its origin on the baseline at (x, baseline_y)."""
        from studypack.media.maths.draw import draw

        draw(canvas, self.geometry, x, baseline_y, self.colour, self.bold, self.face)


def layout(formula: Formula, size_pt: float, colour: object = None, bold: bool = False,
           face: str = DEFAULT, fractions: str = TEXT, upright: bool = False) -> Layout:
    """`formula` set at `size_pt` points in the maths face `face` (laid out once per size in a
    process); `fractions=DISPLAY` sets an inline formula's fractions full size, as a displayed
    formula's are; `upright`: its letters upright (`upright_letters`)."""
    from reportlab.lib.colors import black, toColor

    mathml = _mathml_set(formula, float(size_pt), fractions, upright)
    try:
        shape = geometry(mathml, float(size_pt), face)
    except Exception as error:  # the layout engine's own failure: a located message, never a traceback
        raise FormulaError(said("term.formula-cannot-set", "cannot be set ({error})", error=type(error).__name__), 0, formula.source, formula.display) from None
    ink = black if colour is None else toColor(colour)
    return Layout(shape.width, shape.ascent, shape.descent, shape, ink, bold, face, float(size_pt), upright)


@functools.lru_cache(maxsize=4096)
def _mathml_set(formula: Formula, size_pt: float, fractions: str, upright: bool) -> str:
    """The MathML `formula` is laid out from at `size_pt` (its fractions as `fractions` says,
    its letters upright where `upright`, its charges apart), worked out once per process: a
    sheet and its key set the same prompt, each reading and writing its MathML again."""
    if formula.display or "mfrac" not in formula.mathml:
        mathml = formula.mathml
    else:
        mathml = display_fractions(formula) if fractions == DISPLAY else text_fractions(formula, size_pt)
    if upright and "<mi" in mathml:
        mathml = upright_letters(mathml)
    if "msubsup" in mathml or "msup" in mathml:
        mathml = charges_apart(mathml)
    return mathml


def warm(formulas: list[Formula], sizes: set[float], face: str = DEFAULT, fractions: str = TEXT,
         upright: bool = False) -> None:
    """Set `formulas` at `sizes` now, as a paragraph in that face would (`inline.sized`): a
    first build calls this before forking the processes that typeset, so a formula the
    worksheet and its answer key both print is set once, not once in each process."""
    for formula in formulas:
        for size in sorted(sizes):
            try:
                layout(formula, size, None, False, face, fractions, upright)
            except FormulaError:  # said where the formula is printed
                pass


def upright_letters(mathml: str) -> str:
    """The MathML with each letter the layout engine would set in maths italic (an `<mi>` of one
    letter with no `mathvariant`: x, v, θ) marked `normal`, upright: a layout's
    `maths.variables: upright`. An `<mi>` of several letters (sin, log) is upright already."""
    root = ET.fromstring(mathml)
    changed = False
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "mi" and "mathvariant" not in element.attrib and len((element.text or "").strip()) == 1:
            element.set("mathvariant", "normal")
            changed = True
    if not changed:
        return mathml
    ET.register_namespace("", _MATHML)
    return ET.tostring(root, encoding="unicode")


CHARGE_LIFT = "0.1em"  # of the charge's size: how much higher a charge stands over a count than the face puts it
_CHARGE = re.compile(r"^[0-9]*[+\u2212-]$")


def charges_apart(mathml: str) -> str:
    """The MathML with every ion's charge at one height: a charge over a count (NH₄⁺, SO₄²⁻: a
    sign, its number before it, as the superscript of a sub- and superscript) raised
    `CHARGE_LIFT` clear of the count, and a charge with no count under it (Fe³⁺, Na⁺) given an
    invisible one of no width, so it stands exactly as high (and a sign alone, NO₃⁻, placed as
    if it had a digit, which ziamath placed by its ink, 0.4 pt apart): a line saying "two Fe³⁺ ions
    balance three SO₄²⁻ ions" sets both charges on one level (SO₄²⁻'s stood 3.2 pt higher)."""
    root = ET.fromstring(mathml)
    changed = False
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "msup" and len(element) == 2 and _charge(element[1]) and _chemical(element[0]):
            element.tag = element.tag[: -len("msup")] + "msubsup"
            element.insert(1, _digit())
        elif not (tag == "msubsup" and len(element) == 3 and _charge(element[2])):
            continue
        lifted = ET.Element("mpadded", {"voffset": CHARGE_LIFT, "height": "+" + CHARGE_LIFT, "class": CHARGE})
        lifted.append(element[2])
        element[2] = lifted
        changed = True
    if not changed:
        return mathml
    ET.register_namespace("", _MATHML)
    return ET.tostring(root, encoding="unicode")


def _digit() -> ET.Element:
    """An invisible digit of no ink: a count where a charge has none, so it is placed alike."""
    phantom = ET.Element("mpadded", {"width": "0"})
    ET.SubElement(ET.SubElement(phantom, "mphantom"), "mn").text = "0"
    return phantom


def _charge(script: ET.Element) -> bool:
    return bool(_CHARGE.match("".join(script.itertext()).strip()))


def _chemical(base: ET.Element) -> bool:
    """Whether a superscript's base is chemistry's: upright letters (an element, `\\ce`'s
    `mathvariant="normal"`) or a closing bracket, never a maths variable (x⁻ is no ion)."""
    letters = [e for e in base.iter() if e.tag.rsplit("}", 1)[-1] == "mi"]
    if not letters:
        return "".join(base.itertext()).strip() in (")", "]")
    return all(e.get("mathvariant") == "normal" for e in letters)


def display_fractions(formula: Formula) -> str:
    """The formula's MathML with each fraction on its baseline level (not in a script, not inside
    another fraction) set in display style: numerator and denominator at the text's size."""
    root = formula.tree()
    _displayed(root)
    root.set("xmlns", _MATHML)
    return written(root)


def text_fractions(formula: Formula, size_pt: float) -> str:
    """The formula's MathML with the letters, digits and signs of each fraction on its baseline
    level set at `TEXT_FRACTION` of the text's size: the fraction keeps its text-style gaps, so
    the line hardly grows. A fraction holding a power or an index (Kc's [NH₃]²) is set in display
    style instead, and so is every other fraction of that formula, alike: in text style its
    scripts would be a script's script, about 4 pt beside 10.5 pt words, under the least size a
    reader can read; displayed they are the face's script size, 70 % of the words."""
    root = formula.tree()
    if any(part.tag in _SCRIPTS for fraction in root.iter("mfrac") for part in fraction.iter()):
        _displayed(root)  # every fraction of the formula alike: s = (0² − 20²)/(2 × −5.0) = −400/−10
    else:
        _enlarged(root, f"{TEXT_FRACTION * size_pt:.3f}")  # a bare number: in the units the formula is set in
    root.set("xmlns", _MATHML)
    return written(root)


def _enlarged(element: ET.Element, size: str, inside: bool = False) -> None:
    """Each token of a baseline-level fraction's numerator and denominator (`inside`) at `size`;
    a script's scripts, a root's index and a fraction inside a fraction stay as the face sets them."""
    for child in list(element):
        if child.tag in _TOKENS:
            if inside:
                child.set("mathsize", size)
        elif child.tag == "mfrac":
            if not inside:
                _enlarged(child, size, True)
        elif child.tag in _SCRIPTS:
            if len(child):
                _enlarged(_only(child), size, inside)
        elif child.tag != "mtable":
            _enlarged(child, size, inside)


def _only(script: ET.Element) -> ET.Element:
    """A holder of the script's base alone (the element itself, not a copy): its scripts are left out."""
    holder = ET.Element("mrow")
    holder.append(script[0])
    return holder


def _displayed(element: ET.Element) -> None:
    for i, child in enumerate(list(element)):
        if child.tag == "mfrac":
            wrapper = ET.Element("mstyle", {"displaystyle": "true"})
            wrapper.append(child)
            element[i] = wrapper
        elif child.tag in _SCRIPTS:
            if len(child):
                _displayed_base(child)
        elif child.tag not in ("mtable", "mstyle"):
            _displayed(child)


def _displayed_base(script: ET.Element) -> None:
    """Only a script's base stands on the baseline: its scripts stay small."""
    base = script[0]
    if base.tag == "mfrac":
        wrapper = ET.Element("mstyle", {"displaystyle": "true"})
        wrapper.append(base)
        script[0] = wrapper
    else:
        _displayed(base)
