"""A formula too wide for its line, broken where a mathematician would break it.

A formula is never broken at random: one that fits its line stays whole. One wider than the
whole line (a long chemical equation in large print, a chain of working in a key) is set as
display lines, broken before a relation or an arrow (`=`, `≈`, `→`, `⇌`, ...) as few times as
fit, and, where one side alone is still too wide, before a `+` or `−` at its top level. Each
line is laid out on its own, so every line is a formula the maths engine set; the lines after
the first open with their relation, set under the first line's (or indented), as a textbook
breaks a long equation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from studypack.media.maths.font import DEFAULT
from studypack.media.maths.layout import Layout, layout
from studypack.spec.maths.formula import Formula

RELATIONS = frozenset("=≈≠<>≤≥≡∝∼≃≅→←↔⟶⟵⟷⇌⇀⇒⇔⇋↑↓")
BINARY = frozenset("+−-±∓×÷")
MATHML = "{http://www.w3.org/1998/Math/MathML}"


def broken(formula: Formula, size: float, colour: object, width: float, bold: bool = False,
           face: str = DEFAULT, upright: bool = False) -> list[tuple[Layout, float]] | None:
    """The formula as lines no wider than `width` (as few as fit), each with how far in from
    the first line's left it starts; None when it cannot be broken (no relation or sign at its
    top level): it then stays whole.

    The lines after the first are continuation lines, as a textbook sets a long equation: each
    opens with its relation (or sign), set under the first line's first relation
    ("s = … + 2 × 12 = 36 + 24" / "  = 60 m"), or, where the first line has none before its
    break (a chemical equation's left side) or that is too far in, `HANG` em in."""
    children = _top_level(formula)
    if len(children) < 2:
        return None
    groups = _groups(children, RELATIONS)
    hang = _hang(formula, groups, size, width, face, upright)
    lines: list[list[ET.Element]] = []
    for group in groups:
        parts = _groups(group, BINARY) if _wide(formula, group, size, width - (hang if lines else 0.0), face, upright) else [group]
        for part in parts:
            room = width - (hang if len(lines) > 1 else 0.0)  # the last line's: the first has no hang
            if lines and not _wide(formula, lines[-1] + part, size, room, face, upright):
                lines[-1] = lines[-1] + part
            else:
                lines.append(part)
    if len(lines) < 2:
        return None
    return [(_laid(formula, line, size, colour, bold, face, upright), hang if n else 0.0) for n, line in enumerate(lines)]


HANG = 2.0  # em: how far in a continuation line starts where it has no relation above to align under


def _hang(formula: Formula, groups: list[list[ET.Element]], size: float, width: float, face: str,
          upright: bool = False) -> float:
    """How far in the continuation lines start: under the first relation (the width of what
    comes before it), or `HANG` em where there is none or it is past a third of the line."""
    if len(groups) < 2 or not groups[0]:
        return HANG * size
    before = _laid(formula, groups[0], size, None, face=face, upright=upright).width
    return before if before <= width / 3 else HANG * size


def _top_level(formula: Formula) -> list[ET.Element]:
    root = formula.tree()
    children = list(root)
    while len(children) == 1 and children[0].tag == "mrow":
        children = list(children[0])
    return children


def _groups(children: list[ET.Element], operators: frozenset[str]) -> list[list[ET.Element]]:
    """The children in runs, each after the first starting at one of `operators` (a sign that
    opens the formula, or follows another operator, starts no run)."""
    groups: list[list[ET.Element]] = [[]]
    for i, child in enumerate(children):
        text = (child.text or "").strip()
        opens = (child.tag == "mo" and text in operators and i > 0 and groups[-1]
                 and not (children[i - 1].tag == "mo" and (children[i - 1].text or "").strip() in operators | RELATIONS))
        if opens:
            groups.append([])
        groups[-1].append(child)
    return [g for g in groups if g]


def _mathml(children: list[ET.Element]) -> str:
    root = ET.Element("math", {"display": "block", "xmlns": MATHML.strip("{}")})
    root.extend(children)
    return ET.tostring(root, encoding="unicode")


def _laid(formula: Formula, children: list[ET.Element], size: float, colour: object, bold: bool = False,
          face: str = DEFAULT, upright: bool = False) -> Layout:
    return layout(Formula(formula.source, True, formula.expanded, _mathml(children)), size, colour, bold, face, upright=upright)


def _wide(formula: Formula, children: list[ET.Element], size: float, width: float, face: str, upright: bool = False) -> bool:
    return _laid(formula, children, size, None, face=face, upright=upright).width > width
