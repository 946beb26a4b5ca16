r"""Chemical equations as teachers type them in `\ce{...}` (the mhchem way), turned into TeX the
maths engine sets: upright element symbols, counts as subscripts, charges as superscripts,
state symbols, arrows.

    \ce{2H2 + O2 -> 2H2O}     \ce{N2 + 3H2 <=> 2NH3}     \ce{Fe^{3+}}  \ce{SO4^2-}  \ce{CO2 ^}
"""

from __future__ import annotations

import re

from studypack.base.errors import said
from studypack.spec.maths.errors import FormulaError

ARROWS = {
    "->": r"\longrightarrow", "<-": r"\longleftarrow",  # both long, as a textbook sets them
    "<->": r"\leftrightarrow",
    "<=>": r"\rightleftharpoons", "<=>>": r"\rightleftharpoons", "-/>": r"\rightharpoonup",
}
MARKS = {"+": "+", "^": r"\uparrow", "v": r"\downarrow"}  # a gas given off, a precipitate
STATES = ("(aq)", "(s)", "(l)", "(g)")
_COEFFICIENT = re.compile(r"\d+(?:/\d+)?")
_ARROW_TEXT = re.compile(r"^(<?[-=]+/?>+|<-)\[([^\]]*)\]$")  # ->[heat]
_CHARGE = re.compile(r"\^(\{[^}]*\}|[0-9]*[+-])")
# Na+, Cl-, NH4+, NO3-, Ag+(aq): a sign without ^ is a charge, the digits before it a count (as mhchem
# reads them: NH4+ is NH₄⁺); a charge with a number is written with ^ (Fe^{3+}, SO4^2-)
_TRAILING_CHARGE = re.compile(r"()([+-])(?=$|\()")
_ELEMENT = re.compile(r"[A-Z][a-z]?|e(?=[-+]|$)")
_ALLOWED = re.compile(r"[A-Za-z0-9()\[\]{}^+\-.*]*")


def to_tex(text: str) -> str:
    """The TeX for the chemistry `text` (a FormulaError, placed in `text`, if it is not chemistry)."""
    parts, at = [], 0
    for token in text.split():
        at = text.index(token, at)
        parts.append(_token(token, at))
        at += len(token)
    return " ".join(parts)


def _token(token: str, at: int) -> str:
    if token in ARROWS:
        return ARROWS[token]
    if token in MARKS:
        return MARKS[token]
    labelled = _ARROW_TEXT.match(token)
    if labelled and labelled.group(1) in ARROWS:
        return r"\overset{\text{" + labelled.group(2) + "}}{" + ARROWS[labelled.group(1)] + "}"
    if not _ALLOWED.fullmatch(token):
        bad = next(i for i, c in enumerate(token) if not _ALLOWED.fullmatch(c))
        raise FormulaError(said("term.formula-chemistry-meaningless", "'{char}' has no meaning in a chemical formula",
                                      char=token[bad]), at + bad, token)
    return species(token, at)


def species(token: str, at: int = 0) -> str:
    """One species: coefficient, elements with their counts, brackets, charge, state symbol."""
    coefficient = _COEFFICIENT.match(token)
    head = coefficient.group(0) if coefficient and len(coefficient.group(0)) < len(token) else ""
    out, i, letters = [head], len(head), ""
    while i < len(token):
        state = next((s for s in STATES if token.startswith(s, i)), "")
        if state:
            out.append(_flush(letters) + r"\mathrm {" + state + "}")
            letters, i = "", i + len(state)
            continue
        charge = _CHARGE.match(token, i) or _TRAILING_CHARGE.match(token, i)
        element = _ELEMENT.match(token, i)
        if charge:
            out.append(_flush(letters) + "^{" + charge.group(charge.lastindex or 0).strip("{}") + "}")
            letters, i = "", charge.end()
        elif element:  # each element its own upright group: read aloud as Ca C O, never C a C O
            out.append(_flush(letters))
            letters, i = element.group(0), element.end()
        elif token[i].isdigit():
            digits = re.match(r"\d+", token[i:]).group(0)  # type: ignore[union-attr]
            out.append(_flush(letters) + "_{" + digits + "}")
            letters, i = "", i + len(digits)
        elif token[i] in ".*":  # a hydrate: CuSO4.5H2O, its water's coefficient full size
            water = _COEFFICIENT.match(token, i + 1)
            out.append(_flush(letters) + r"\cdot " + (water.group(0) if water else ""))
            letters, i = "", water.end() if water else i + 1
        elif token[i] in "()[]":
            out.append(_flush(letters) + token[i])
            letters, i = "", i + 1
        else:
            raise FormulaError(said("term.formula-chemistry-not-here", "'{char}' has no meaning here in a chemical formula",
                                          char=token[i]), at + i, token)
    return "{" + "".join(out) + _flush(letters) + "}"


def _flush(letters: str) -> str:
    return r"\mathrm {" + letters + "}" if letters else ""
