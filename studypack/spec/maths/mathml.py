"""TeX to MathML, through latex2mathml (pure Python), with what the layout needs put right:
`\\text{...}` escaped as XML, binary operators and long arrows spaced as TeX spaces them, the
chemistry arrows for a gas and a precipitate kept at the height of a letter."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

from studypack.spec.maths.errors import FormulaError

PLAIN = {  # latex2mathml's exceptions, in words
    "NoAvailableTokens": "nothing to set",
    "DoubleSuperscripts": "two powers on one thing (write x^{ab}, or {x^a}^b)",
    "DoubleSubscripts": "two indices on one thing (write x_{ab})",
    "MissingSuperScriptOrSubscript": "a '^' or '_' with nothing after it",
    "NumeratorNotFound": "a fraction with no top", "DenominatorNotFound": "a fraction with no bottom",
    "ExtraLeftOrMissingRight": "'\\left' with no '\\right' after it",
    "LimitsMustFollowMathOperator": "'\\limits' after something that is not a sum or an integral",
}
NAMESPACE = "{http://www.w3.org/1998/Math/MathML}"
_TEXT = re.compile(r"<mtext>(.*?)</mtext>", re.S)
_BARE = re.compile(r"&(?!#x?[0-9A-Fa-f]+;|amp;|lt;|gt;|quot;)")
_BINARY = re.compile(r"<mo>(&#x000D7;|&#x000F7;|&#x022C5;|&#x000B7;)</mo>")  # × ÷ ⋅ ·
_LONG_ARROW = re.compile(r"<mi>(&#x027F6;|&#x027F5;|&#x027F7;)</mi>")  # ⟶ ⟵ ⟷: latex2mathml makes them letters
_UPRIGHT_ARROW = re.compile(r"<mo>(&#x02191;|&#x02193;)</mo>")  # ↑ ↓


def convert(expanded: str, display: bool, tex: str) -> str:
    """The MathML for `expanded` TeX; a FormulaError naming `tex` if the converter refuses it."""
    to_mathml = _converter()
    try:
        text = to_mathml(expanded, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises its own classes, one per mistake
        name = type(error).__name__.removesuffix("Error")
        words = PLAIN.get(name) or "cannot be read (" + re.sub(r"(?<!^)([A-Z])", r" \1", name).lower() + ")"
        raise FormulaError(words, 0, tex, display) from None
    text = _TEXT.sub(_escaped, text)
    text = _LONG_ARROW.sub(r'<mo lspace="thickmathspace" rspace="thickmathspace">\1</mo>', text)
    text = _BINARY.sub(r'<mo lspace="mediummathspace" rspace="mediummathspace">\1</mo>', text)
    return flattened(_UPRIGHT_ARROW.sub(r'<mo stretchy="false">\1</mo>', text), tex, display)


def _converter():
    """latex2mathml's `convert`, imported when first needed (a pack without maths never loads
    it). Its package reads its own version through `importlib.metadata` as it is imported
    (with the email package: about 20 ms): while it is, that module is a stand-in whose
    `version` reads the version as the cache keys do (`io.cache.installed_version`), else
    asks the real one."""
    if "latex2mathml" not in sys.modules and _METADATA not in sys.modules:
        standin = type(sys)(_METADATA)
        standin.version = _version  # type: ignore[attr-defined]
        sys.modules[_METADATA] = standin
        try:
            import latex2mathml  # noqa: F401
        finally:
            if sys.modules.get(_METADATA) is standin:
                del sys.modules[_METADATA]
    from latex2mathml.converter import convert

    return convert


_METADATA = "importlib.metadata"


def _version(name: str) -> str:
    from studypack.io import cache as caches

    found = caches.installed_version(name)
    if found is None:
        from importlib.metadata import version

        return version(name)
    return found


def flattened(mathml: str, tex: str = "", display: bool = False) -> str:
    """The same MathML with each `<mrow>` of one child (other than an operator, whose spacing a
    row changes) replaced by that child, and rows within rows spliced where that sets the same. ziamath sets every row's children twice (to measure
    it before stretching its brackets), so each needless level doubled the time a formula took."""
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        raise FormulaError("cannot be read (the converter wrote no well-formed MathML)", 0, tex, display) from None
    for element in root.iter():
        element.tag = element.tag.replace(NAMESPACE, "")
    _unwrap(root)
    _mark_signs(root)
    root.set("xmlns", NAMESPACE.strip("{}"))
    return ET.tostring(root, encoding="unicode")


_ROWS = ("math", "mrow", "msqrt", "mstyle", "mtd", "mpadded", "mphantom", "menclose")
_SIGNS = ("\u2212", "-", "+", "\u00b1", "\u2213")  # − - + ± ∓
_CLOSING = (")", "]", "}", "|", "\u2016", "\u27e9", "!", "\u2032", "%")  # after these a sign is binary: (x)-2


def _mark_signs(root: ET.Element) -> None:
    """A sign that opens a row or follows another operator is a sign, not a subtraction:
    `x = -2` is set "x = −2", not "x = − 2" (latex2mathml leaves every `<mo>` infix)."""
    for row in root.iter():
        if row.tag not in _ROWS:
            continue
        before: ET.Element | None = None
        for child in row:
            if child.tag == "mi" and child.text in ("\u00b1", "\u2213"):  # latex2mathml's \pm is a letter
                child.tag = "mo"
            if (child.tag == "mo" and (child.text or "").strip() in _SIGNS and "form" not in child.attrib
                    and (before is None or (before.tag == "mo" and (before.text or "").strip() not in _CLOSING))):
                child.set("form", "prefix")
            before = child


def _unwrap(element: ET.Element) -> None:
    children = _row_children(element) if element.tag in ("mrow", "math") else [_single(c) for c in element]
    element[:] = children
    for child in children:
        _unwrap(child)


def _row_children(row: ET.Element) -> list[ET.Element]:
    """The children of a row, with the groups inside it spliced in (and theirs, and so on)."""
    out: list[ET.Element] = []
    for child in map(_single, row):
        out.extend(_row_children(child) if _spliced(child) else [child])
    return out


def _single(child: ET.Element) -> ET.Element:
    while child.tag == "mrow" and len(child) == 1 and child[0].tag != "mo" and not child.attrib:
        child = child[0]
    return child


def _spliced(child: ET.Element) -> bool:
    """A row inside a row whose ends are not operators sets the same as its children would
    (a `{...}` group, a chemical species), and is one level less."""
    return child.tag == "mrow" and not child.attrib and len(child) > 1 and child[0].tag != "mo" and child[-1].tag != "mo"


def _escaped(match: re.Match) -> str:
    """latex2mathml copies `\\text{...}` as it is: its `&`, `<` and `>` escaped here, so the MathML
    is well-formed XML (`\\text{R&D}`, `\\text{x<y}`)."""
    words = re.sub(r"\\([&%$_#{}])", r"\1", match.group(1))
    words = _BARE.sub("&amp;", words).replace("<", "&lt;").replace(">", "&gt;")
    return f"<mtext>{words}</mtext>"
