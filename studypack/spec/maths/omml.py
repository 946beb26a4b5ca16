"""A formula as a Word equation (Office Math Markup, OMML), read from its MathML: fractions
are `m:f`, powers `m:sSup`, roots `m:rad`, sums `m:nary`, brackets `m:d`, matrices `m:m`.
The Word exporter puts the `<m:oMath>` element in a paragraph (in an `<m:oMathPara>` for a
display formula)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NARY = ("\u2211", "\u220f", "\u222b", "\u222e")
ACCENTS = {"\u2192": "\u20d7", "^": "\u0302", "\u00af": "\u0305", "\u2015": "\u0305", "~": "\u0303", "\u02d9": "\u0307"}


def omml(element: ET.Element) -> str:
    """`<m:oMath xmlns:m=...>` for a MathML `math` element (its namespace removed)."""
    return f'<m:oMath xmlns:m="{NAMESPACE}">{_row(list(element))}</m:oMath>'


def _row(children: list[ET.Element]) -> str:
    """Children in order; a sum takes the term after it as its body, `\\left( ... \\right)` is a bracket."""
    out, i = [], 0
    while i < len(children):
        child = children[i]
        if _nary(child) and i + 1 < len(children):
            out.append(_nary_with(child, children[i + 1]))
            i += 2
            continue
        out.append(_any(child))
        i += 1
    return "".join(out)


def _any(e: ET.Element) -> str:
    handler = _HANDLERS.get(e.tag)
    return handler(e) if handler else _group(e)


def _group(e: ET.Element) -> str:
    """mrow, mstyle, mpadded: their children; a fenced row (`\\left(`...`\\right)`) as `m:d`."""
    kids = list(e)
    if len(kids) >= 2 and kids[0].get("fence") == "true" and kids[-1].get("fence") == "true":
        return _delimited(kids[0].text or "", kids[-1].text or "", kids[1:-1])
    if len(kids) == 3 and kids[1].tag == "mtable" and kids[0].tag == "mo" and kids[2].tag == "mo":
        return _delimited(kids[0].text or "", kids[2].text or "", [kids[1]])  # pmatrix, bmatrix
    return _row(kids)


def _delimited(opening: str, closing: str, inner: list[ET.Element]) -> str:
    return (f"<m:d><m:dPr><m:begChr m:val={quoteattr(opening)}/><m:endChr m:val={quoteattr(closing)}/></m:dPr>"
            f"<m:e>{_row(inner)}</m:e></m:d>")


def _run(e: ET.Element) -> str:
    text = e.text or ""
    if e.tag == "mtext":
        return f'<m:r><m:rPr><m:nor/></m:rPr><m:t xml:space="preserve">{escape(text)}</m:t></m:r>'
    upright = e.tag != "mi" or e.get("mathvariant") == "normal" or len(text) > 1
    style = "<m:rPr><m:sty m:val=\"p\"/></m:rPr>" if upright else ""
    return f"<m:r>{style}<m:t>{escape(text)}</m:t></m:r>"


def _e(e: ET.Element, tag: str = "m:e") -> str:
    return f"<{tag}>{_any(e)}</{tag}>"


def _fraction(e: ET.Element) -> str:
    kind = '<m:fPr><m:type m:val="noBar"/></m:fPr>' if e.get("linethickness") == "0" else ""
    return f"<m:f>{kind}{_e(e[0], 'm:num')}{_e(e[1], 'm:den')}</m:f>"


def _scripts(e: ET.Element) -> str:
    if _nary(e):
        return _nary_with(e, None)
    if e.tag in ("msup", "mover"):
        return _over(e) if e.tag == "mover" else f"<m:sSup>{_e(e[0])}{_e(e[1], 'm:sup')}</m:sSup>"
    if e.tag in ("msub", "munder"):
        tag = "m:sSub" if e.tag == "msub" else "m:limLow"
        inner = "m:sub" if e.tag == "msub" else "m:lim"
        return f"<{tag}>{_e(e[0])}{_e(e[1], inner)}</{tag}>"
    return f"<m:sSubSup>{_e(e[0])}{_e(e[1], 'm:sub')}{_e(e[2], 'm:sup')}</m:sSubSup>"


def _over(e: ET.Element) -> str:
    mark = "".join(e[1].itertext())
    if mark in ACCENTS:
        return f"<m:acc><m:accPr><m:chr m:val={quoteattr(ACCENTS[mark])}/></m:accPr>{_e(e[0])}</m:acc>"
    return f"<m:limUpp>{_e(e[0])}{_e(e[1], 'm:lim')}</m:limUpp>"


def _nary(e: ET.Element) -> bool:
    return e.tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover") and "".join(e[0].itertext()) in NARY


def _nary_with(e: ET.Element, body: ET.Element | None) -> str:
    """A sum, product or integral with its limits and the term it applies to."""
    sign = "".join(e[0].itertext())
    lower = e[1] if e.tag in ("msub", "munder", "msubsup", "munderover") else None
    upper = e[-1] if e.tag in ("msup", "mover", "msubsup", "munderover") else None
    hide = ("<m:subHide m:val=\"1\"/>" if lower is None else "") + ("<m:supHide m:val=\"1\"/>" if upper is None else "")
    parts = (f"<m:sub>{_any(lower) if lower is not None else ''}</m:sub>"
             f"<m:sup>{_any(upper) if upper is not None else ''}</m:sup>")
    return (f"<m:nary><m:naryPr><m:chr m:val={quoteattr(sign)}/>{hide}</m:naryPr>{parts}"
            f"<m:e>{_any(body) if body is not None else ''}</m:e></m:nary>")


def _root(e: ET.Element) -> str:
    if e.tag == "msqrt":
        return f"<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>{_row(list(e))}</m:e></m:rad>"
    return f"<m:rad>{_e(e[1], 'm:deg')}{_e(e[0])}</m:rad>"


def _matrix(e: ET.Element) -> str:
    rows = "".join("<m:mr>" + "".join(f"<m:e>{_row(list(cell))}</m:e>" for cell in row) + "</m:mr>" for row in e)
    return f"<m:m>{rows}</m:m>"


_HANDLERS = {
    "mi": _run, "mn": _run, "mo": _run, "mtext": _run, "mspace": lambda e: "",
    "mfrac": _fraction, "msup": _scripts, "msub": _scripts, "msubsup": _scripts, "munder": _scripts,
    "mover": _scripts, "munderover": _scripts, "msqrt": _root, "mroot": _root, "mtable": _matrix,
}
