"""TeX to MathML, through latex2mathml (pure Python), with what the layout needs put right:
`\\text{...}` escaped as XML, binary operators and long arrows spaced as TeX spaces them, the
chemistry arrows for a gas and a precipitate kept at the height of a letter."""

from __future__ import annotations

import functools
import re
import sys
import xml.etree.ElementTree as ET

from studypack.base.errors import said
from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.written import written

PLAIN = {  # latex2mathml's exceptions, in words
    "NoAvailableTokens": ("term.formula-nothing-to-set", "nothing to set"),
    "DoubleSuperscripts": ("term.formula-double-powers", "two powers on one thing (write x^{{ab}}, or {{x^a}}^b)"),
    "DoubleSubscripts": ("term.formula-double-indices", "two indices on one thing (write x_{{ab}})"),
    "MissingSuperScriptOrSubscript": ("term.formula-script-alone", "a '^' or '_' with nothing after it"),
    "NumeratorNotFound": ("term.formula-no-top", "a fraction with no top"),
    "DenominatorNotFound": ("term.formula-no-bottom", "a fraction with no bottom"),
    "ExtraLeftOrMissingRight": ("term.formula-left-alone", "'\\left' with no '\\right' after it"),
    "LimitsMustFollowMathOperator": ("term.formula-limits", "'\\limits' after something that is not a sum or an integral"),
}  # (key, English): said through the catalogues, always with values so the braces read as written
NAMESPACE = "{http://www.w3.org/1998/Math/MathML}"
_TEXT = re.compile(r"<mtext>(.*?)</mtext>", re.S)
_BARE = re.compile(r"&(?!#x?[0-9A-Fa-f]+;|amp;|lt;|gt;|quot;)")
_BINARY = re.compile(r"<mo>(&#x000D7;|&#x000F7;|&#x022C5;|&#x000B7;)</mo>")  # × ÷ ⋅ ·
_LONG_ARROW = re.compile(r"<mi>(&#x027F6;|&#x027F5;|&#x027F7;)</mi>")  # ⟶ ⟵ ⟷: latex2mathml makes them letters
_UPRIGHT_ARROW = re.compile(r"<mo>(&#x02191;|&#x02193;)</mo>")  # ↑ ↓


def convert(expanded: str, display: bool, tex: str) -> str:
    """The MathML for `expanded` TeX; a FormulaError naming `tex` if the converter refuses it."""
    to_element = _converter()
    try:
        made = to_element(expanded, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises its own classes, one per mistake
        name = type(error).__name__.removesuffix("Error")
        what = re.sub(r"(?<!^)([A-Z])", r" \1", name).lower()
        words = said(*PLAIN[name], name=name) if name in PLAIN else \
            said("term.formula-unreadable", "cannot be read ({what})", what=what)
        raise FormulaError(words, 0, tex, display) from None
    root = _read(made)
    if root is not None:
        return _tidied(root)
    text = _written(made)  # something only its text is sure to read alike: read as latex2mathml writes it
    text = _TEXT.sub(_escaped, text)
    text = _LONG_ARROW.sub(r'<mo lspace="thickmathspace" rspace="thickmathspace">\1</mo>', text)
    text = _BINARY.sub(r'<mo lspace="mediummathspace" rspace="mediummathspace">\1</mo>', text)
    return flattened(_UPRIGHT_ARROW.sub(r'<mo stretchy="false">\1</mo>', text), tex, display)


def _written(made: ET.Element) -> str:
    """latex2mathml's own text of its tree (`Converter._convert`): written, then its escapes undone."""
    from xml.sax.saxutils import unescape

    return unescape(ET.tostring(made, encoding="unicode"))


def _read(made: ET.Element) -> ET.Element | None:
    """latex2mathml's tree as `convert` would read its text back after putting it right (the
    same elements, attributes and text), without writing it out and parsing it again: a fifth
    of converting. None, the tree untouched, where the text could read otherwise than the tree
    says (a character reference other than a number, `<` in text or `&<>` in an attribute, a
    tail, a control character, a namespace): the text is read then."""
    if made.attrib.get("xmlns") != NAMESPACE.strip("{}"):
        return None
    changes = []
    for element in made.iter():
        found = _read_one(element, element is made)
        if found is None:
            return None
        if found[0] != element.tag or found[1] is not element.attrib or found[2] != element.text:  # (most are as read)
            changes.append((element, *found))
    for element, tag, attrib, text in changes:
        element.tag, element.attrib, element.text = tag, attrib, text
    return made


def _read_one(element: ET.Element, root: bool) -> tuple[str, dict, str | None] | None:
    """An element's tag, attributes and text as read back from latex2mathml's text (see `_read`);
    the root's namespace is one as read, not an attribute."""
    tag, attrib, text = element.tag, element.attrib, element.text
    if root:
        attrib = {k: v for k, v in attrib.items() if k != "xmlns"}
    if element.tail is not None or ":" in tag or "}" in tag or (attrib and not _plain_attributes(attrib)):
        return None
    if not text:
        return tag, attrib, None
    if tag == "mtext" and not attrib:
        if len(element):
            return None
        text = _TEXT_ESCAPE.sub(r"\1", text)  # what `_escaped` takes out, its escaping read back
    elif not attrib and not len(element) and (tag, text) in _RESPACED:
        tag, attrib = _RESPACED[(tag, text)]
        attrib = dict(attrib)
    read = _text_read(text)
    return None if read is None else (tag, attrib, read)


def _plain_attributes(attrib: dict[str, str]) -> bool:
    """Whether no attribute is namespaced or a namespace, and no value holds what writing it
    and reading it back could change (`_UNREAD`)."""
    for key, value in attrib.items():
        if ":" in key or key == "xmlns" or _UNREAD.search(value):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _text_read(text: str) -> str | None:
    """An element's text as read back from latex2mathml's text: its character references
    (`&#x02212;`) read; None where reading could differ (see `_read`). Once per text in a
    process: a pack's formulas hold the same few signs and letters again and again."""
    if _CONTROL.search(text) or not _NUMBERED.fullmatch(text):
        return None
    return _REFERENCE.sub(lambda m: chr(int(m.group(1), 16)), text) if "&" in text else text


_TEXT_ESCAPE = re.compile(r"\\([&%$_#{}])")
_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]+);")
_UNREAD = re.compile(r"[&<>\x00-\x1f]")  # in an attribute: what writing and reading back could change
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # in text: what XML cannot hold, or reads otherwise (a carriage return)
_NUMBERED = re.compile(r"(?:[^&<]|&#x[0-9A-Fa-f]+;)*")  # text whose every `&` begins a character's number
_RESPACED = {  # what `_LONG_ARROW`, `_BINARY` and `_UPRIGHT_ARROW` make of an element of no attributes and this text
    **{("mi", f"&#x{code};"): ("mo", {"lspace": "thickmathspace", "rspace": "thickmathspace"}) for code in ("027F6", "027F5", "027F7")},
    **{("mo", f"&#x{code};"): ("mo", {"lspace": "mediummathspace", "rspace": "mediummathspace"}) for code in ("000D7", "000F7", "022C5", "000B7")},
    **{("mo", f"&#x{code};"): ("mo", {"stretchy": "false"}) for code in ("02191", "02193")},
}


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
    from latex2mathml.converter import convert_to_element

    from studypack.spec.maths import tokens

    tokens.install()  # the same tokens, with less work a token
    return convert_to_element


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
        raise FormulaError(said("term.formula-not-well-formed", "cannot be read (the converter wrote no well-formed MathML)"),
                           0, tex, display) from None
    for element in root.iter():
        element.tag = element.tag.replace(NAMESPACE, "")
    return _tidied(root)


def _tidied(root: ET.Element) -> str:
    """The MathML read (its namespace taken off its tags) with its needless rows taken out and
    its signs marked (see `flattened`), written."""
    _unwrap(root)
    _mark_signs(root)
    _lone_sign(root)
    root.set("xmlns", NAMESPACE.strip("{}"))
    return written(root)


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


def _lone_sign(root: ET.Element) -> None:
    """A formula that is one operator alone (an option "$\\ce{->}$", "$+$") has no neighbour
    to space it from: no space before or after it, so options of one symbol each line up at
    their letters (the long arrow's thick spaces set it 1.4–3 mm right of ⇌, ← and +)."""
    signs = [e for e in root.iter() if e.tag not in _ROWS]
    if len(signs) == 1 and signs[0].tag == "mo":
        signs[0].set("lspace", "0")
        signs[0].set("rspace", "0")


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
