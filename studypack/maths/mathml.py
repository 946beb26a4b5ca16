"""TeX to MathML, through latex2mathml (pure Python), with what the layout needs put right:
`\\text{...}` escaped as XML, binary operators spaced as TeX spaces them, the chemistry arrows
for a gas and a precipitate kept at the height of a letter."""

from __future__ import annotations

import re

from studypack.maths.errors import FormulaError

_TEXT = re.compile(r"<mtext>(.*?)</mtext>", re.S)
_BARE = re.compile(r"&(?!#x?[0-9A-Fa-f]+;|amp;|lt;|gt;|quot;)")
_BINARY = re.compile(r"<mo>(&#x000D7;|&#x000F7;|&#x022C5;|&#x000B7;)</mo>")  # × ÷ ⋅ ·
_UPRIGHT_ARROW = re.compile(r"<mo>(&#x02191;|&#x02193;)</mo>")  # ↑ ↓


def convert(expanded: str, display: bool, tex: str) -> str:
    """The MathML for `expanded` TeX; a FormulaError naming `tex` if the converter refuses it."""
    from latex2mathml.converter import convert as to_mathml  # lazy: a pack without maths never loads it

    try:
        text = to_mathml(expanded, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises its own classes, one per mistake
        words = re.sub(r"(?<!^)([A-Z])", r" \1", type(error).__name__.removesuffix("Error")).lower()
        raise FormulaError(f"cannot be read ({words})", 0, tex, display) from None
    text = _TEXT.sub(_escaped, text)
    text = _BINARY.sub(r'<mo lspace="mediummathspace" rspace="mediummathspace">\1</mo>', text)
    return _UPRIGHT_ARROW.sub(r'<mo stretchy="false">\1</mo>', text)


def _escaped(match: re.Match) -> str:
    """latex2mathml copies `\\text{...}` as it is: its `&`, `<` and `>` escaped here, so the MathML
    is well-formed XML (`\\text{R&D}`, `\\text{x<y}`)."""
    words = re.sub(r"\\([&%$_#{}])", r"\1", match.group(1))
    words = _BARE.sub("&amp;", words).replace("<", "&lt;").replace(">", "&gt;")
    return f"<mtext>{words}</mtext>"
