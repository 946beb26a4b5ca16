"""A formula in words, as a teacher would read it aloud: the alt text a screen reader speaks.

    x^2 + 1            x squared plus 1
    \\frac{a+b}{2}      a plus b, all over 2
    \\sqrt{x}           the square root of x
    \\ce{N2 + 3H2 <=> 2NH3}   N 2 plus 3 H 2 is in equilibrium with 2 N H 3
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

from studypack.spec.maths.commands import SYMBOLS

OPERATORS = {
    "+": "plus", "-": "minus", "\u2212": "minus", "=": "equals", "\u00d7": "times", "\u00f7": "divided by",
    "\u00b1": "plus or minus", "\u2213": "minus or plus", "\u2248": "is approximately", "<": "is less than",
    ">": "is greater than", "\u2264": "is less than or equal to", "\u2265": "is greater than or equal to",
    "\u2260": "is not equal to", "\u2192": "tends to", "\u27f6": "gives", "\u21cc": "is in equilibrium with",
    "\u21c0": "gives", "\u2191": "gas given off", "\u2193": "precipitate", "\u00b7": "dot", "\u22c5": "times",
    "/": "per", "(": "open bracket", ")": "close bracket", "[": "open square bracket", "]": "close square bracket",
    "\u2211": "the sum", "\u220f": "the product", "\u222b": "the integral", "\u221e": "infinity", "\u00b0": "degrees",
    "%": "percent", "\u2032": "prime", "!": "factorial", "|": "bar", "\u2202": "partial", "\u221d": "is proportional to",
    "\u03a9": "ohms", "\u2061": "",
}
STATES = {"aq": "aqueous", "s": "solid", "l": "liquid", "g": "gas"}
NARY = ("\u2211", "\u220f", "\u222b", "lim", "max", "min")
POWERS = {"2": "squared", "3": "cubed", "\u00b0": "degrees", "\u2218": "degrees", "\u2032": "prime"}
_GREEK_LETTERS = {c: unicodedata.name(c).split()[-1].lower().replace("lamda", "lambda")
                  for c in map(chr, range(0x391, 0x3CA)) if unicodedata.name(c, "").startswith("GREEK")}


def spoken(element: ET.Element) -> str:
    """The words for a MathML element (its namespace removed)."""
    words = " ".join(_words(element).replace(" ,", ",").split())
    return re.sub(r",(?:\s*,)+", ",", words).rstrip(",")  # a pause once, none at the end


def _words(e: ET.Element) -> str:
    handler = _HANDLERS.get(e.tag)
    if handler:
        return handler(e)
    return _row(e)  # math, mrow, mstyle, mpadded, mtd


def _row(e: ET.Element) -> str:
    """Children in order; upright letters side by side read as one word (Ca, NH), and a
    chemistry state symbol (aq) as its name."""
    items: list[list[str]] = []  # [kind, words, raw text]
    for child in e:
        upright = child.tag == "mi" and child.get("mathvariant") == "normal"
        if upright and items and items[-1][0] == "upright":
            items[-1][1] += child.text or ""
        else:
            items.append(["upright" if upright else child.tag, (child.text or "") if upright else _words(child), child.text or ""])
    words, i = [], 0
    while i < len(items):
        if i + 2 < len(items) and items[i][2] == "(" and items[i + 2][2] == ")" and items[i + 1][0] == "upright" \
                and items[i + 1][1] in STATES:
            words.append(STATES[items[i + 1][1]])
            i += 3
            continue
        words.append(_upright(items[i][1]) if items[i][0] == "upright" else items[i][1])
        i += 1
    return " ".join(words)


def _upright(letters: str) -> str:
    """Upright letters side by side: chemical symbols apart (NaCl: Na Cl), a symbol as its word."""
    parts = re.findall(r"[A-Z][a-z]*|[a-z]+|.", letters)
    return " ".join(OPERATORS.get(p, _GREEK_LETTERS.get(p, p)) if len(p) == 1 else p for p in parts)


def _token(e: ET.Element) -> str:
    text = unicodedata.normalize("NFKC", e.text or "")  # 𝑥 (maths italic) is x
    if len(text) > 1 and text.isalpha():
        return SYMBOLS.get(text, text)  # lim, sin, an operator name
    if e.tag == "mo" or len(text) == 1:
        return " ".join(OPERATORS.get(c, _GREEK_LETTERS.get(c, c)) for c in text) if e.tag != "mn" else text
    return text


def _simple(e: ET.Element) -> bool:
    """One token (a number, a letter): read without "all over"."""
    tokens = [t for t in e.iter() if t.tag in ("mi", "mn", "mo", "mtext")]
    return len(tokens) == 1


def _fraction(e: ET.Element) -> str:
    top, bottom = _words(e[0]), _words(e[1])
    if e.get("linethickness") == "0":
        return f"{top} choose {bottom}"
    if _simple(e[0]) and _simple(e[1]):
        return f"{top} over {bottom}"
    return f"{top}, all over {bottom},"


def _power(e: ET.Element) -> str:
    base, power = _words(e[0]), _words(e[1])
    raw = "".join(e[1].itertext()).strip()
    if raw in POWERS:
        return f"{base} {POWERS[raw]}"
    upright = e[0].get("mathvariant") == "normal" or e[0].find(".//mi[@mathvariant='normal']") is not None
    if raw[-1:] in "+-\u2212" and upright:
        return f"{base} {power}"  # a charge: Fe 3 plus
    return f"{base} to the power {power}," if not _simple(e[1]) else f"{base} to the power {power}"


def _index(e: ET.Element) -> str:
    base, index = _words(e[0]), _words(e[1])
    upright = e[0].get("mathvariant") == "normal" or e[0].find(".//mi[@mathvariant='normal']") is not None
    return f"{base} {index}" if upright else f"{base} sub {index}"  # H 2 (chemistry); x sub 1


def _limits(e: ET.Element) -> str:
    """A sum's limits (from ... to ... of); else an index, and a power or a charge after it."""
    base, raw = _words(e[0]), "".join(e[0].itertext()).strip()
    if raw in NARY:
        ends = f" from {_words(e[1])}" + (f" to {_words(e[2])}" if len(e) == 3 else "")
        return f"{base}{ends} of"
    if e.tag in ("msub", "munder") or len(e) < 3:
        return _index(e) if e.tag == "msub" else f"{base} {_words(e[1])}"
    power = ET.Element("msup")
    power.extend([e[0], e[2]])
    return _index(e) + _power(power).removeprefix(base)


def _over(e: ET.Element) -> str:
    base, mark = _words(e[0]), "".join(e[1].itertext())
    accents = {"\u2192": "vector", "\u20d7": "vector"}
    if mark in accents:
        return f"{accents[mark]} {base}"
    if mark in ("\u00af", "\u2015", "\u203e"):
        return f"{base} bar"
    if mark == "^":
        return f"{base} hat"
    return f"{base} ({_words(e[1])})"


def _root(e: ET.Element) -> str:
    if e.tag == "msqrt":
        inner = " ".join(_words(child) for child in e)
        return f"the square root of {inner}" + ("" if len(list(e.iter())) <= 3 else ",")
    degree = "".join(e[1].itertext())
    named = {"2": "square", "3": "cube"}.get(degree, f"{degree}th")
    return f"the {named} root of {_words(e[0])},"


def _table(e: ET.Element) -> str:
    rows = [", ".join(_words(cell) for cell in row) for row in e]
    return f"the matrix of {len(rows)} rows: " + "; ".join(f"row {n}: {r}" for n, r in enumerate(rows, 1)) + ";"


_HANDLERS = {
    "mi": _token, "mn": _token, "mo": _token, "mtext": lambda e: e.text or "", "mspace": lambda e: "",
    "mfrac": _fraction, "msup": _power, "msub": _limits, "msubsup": _limits, "munderover": _limits,
    "munder": _limits, "mover": _over, "msqrt": _root, "mroot": _root, "mtable": _table,
}
SYMBOL_WORDS = SYMBOLS  # the commands' words, for a caller naming a command
