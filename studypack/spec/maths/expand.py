r"""The teacher's TeX made into the TeX the converter reads: `\ce{...}`, `\unit{...}` and
`\qty{...}{...}` translated, the unit symbols outside them spelled out, and `\mathrm {` spaced
(latex2mathml sets `\mathrm{H}` in italic without the space)."""

from __future__ import annotations

import re

from studypack.base.errors import said
from studypack.spec.maths import chemistry, siunits
from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.source import command_at, group

SYMBOLS = {"ohm": r"\mathrm {Ω}", "micro": r"\mathrm {µ}", "percent": r"\%"}
TRANSLATED = ("ce", "unit", "si", "qty", "SI")


def expand(tex: str) -> str:
    """`tex` (already checked) with the chemistry, the units and the symbols translated."""
    out, i = [], 0
    while i < len(tex):
        if tex[i] != "\\":
            out.append(tex[i])
            i += 1
            continue
        name = command_at(tex, i)
        end = i + 1 + len(name)
        if name in TRANSLATED:
            text, end = _translated(tex, name, end)
            out.append("{" + text + "}")
        else:
            out.append(SYMBOLS.get(name, "\\" + name))
        i = end
    joined = re.sub(r"\\text\s*\{\s*\}", "", "".join(out))  # an empty \text{} sets nothing (ziamath fails on it)
    return re.sub(r"\\mathrm\s*\{", r"\\mathrm {", joined)


def _translated(tex: str, name: str, start: int) -> tuple[str, int]:
    """The translation of `\\ce`, `\\unit` or `\\qty` whose arguments begin at `start`."""
    arguments = []
    for _ in range(2 if name in ("qty", "SI") else 1):
        while start < len(tex) and tex[start] == " ":
            start += 1
        if start >= len(tex) or tex[start] != "{":
            raise FormulaError(said("term.formula-parts-in-braces", "'\\{name}' needs its parts in braces: \\{name}{{...}}",
                                      name=name), start, tex)
        end = group(tex, start)
        arguments.append((tex[start + 1:end - 1], start + 1))
        start = end
    try:
        if name == "ce":
            return chemistry.to_tex(arguments[0][0]), start
        if name in ("unit", "si"):
            return siunits.unit(arguments[0][0]), start
        return siunits.quantity(arguments[0][0], arguments[1][0]), start
    except FormulaError as error:
        at = arguments[-1][1] if name in ("qty", "SI") and error.source != arguments[0][0] else arguments[0][1]
        raise FormulaError(error.message, at + error.offset, tex) from None
