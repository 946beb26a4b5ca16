"""A formula: parsed once from the teacher's TeX, then spoken and written for Word (OMML) and
Moodle (TeX) from that one reading; `studypack.media.maths.layout` sets it on the page."""

from __future__ import annotations

import functools
import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from studypack.io import cache as caches
from studypack.io import kept
from studypack.spec.maths import mathml
from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.expand import expand
from studypack.spec.maths.source import check

MATHML = "{http://www.w3.org/1998/Math/MathML}"


@dataclass(frozen=True)
class Formula:
    source: str  # as the teacher typed it, without its $ signs
    display: bool  # $$...$$: on a line of its own, fractions and sums full size
    expanded: str  # the TeX the converter reads
    mathml: str

    def tree(self) -> ET.Element:
        """The MathML as elements, without its namespace."""
        root = ET.fromstring(self.mathml)
        for element in root.iter():
            element.tag = element.tag.replace(MATHML, "")
        return root

    def spoken(self) -> str:
        """The formula in words, for alt text and screen readers: 'x squared plus 1'."""
        return _spoken(self)

    def omml(self) -> str:
        """The formula as a Word equation: an `<m:oMath>` element."""
        from studypack.spec.maths.omml import omml

        return omml(self.tree())

    def tex(self) -> str:
        """Plain TeX for Moodle's MathJax (chemistry and units already spelled out), one line."""
        return " ".join(self.expanded.split())


@functools.lru_cache(maxsize=4096)
def _spoken(formula: Formula) -> str:
    """A formula's words, said once per process: a tagged page asks for them as the formula's alt
    text and again in its line's words, in the sheet and in pack.pdf (each time reading the
    MathML afresh, a tenth of drawing a kept formula)."""
    from studypack.spec.maths.spoken import spoken

    return spoken(formula.tree())


@functools.lru_cache(maxsize=4096)
def parse(tex: str, display: bool = False) -> Formula:
    """Read `tex` (without its `$` signs) into a Formula, or raise a FormulaError saying what is
    wrong and where."""
    check(tex, display)
    try:
        expanded = expand(tex)
    except FormulaError as error:
        raise FormulaError(error.message, error.offset, tex, display) from None
    formula = Formula(tex, display, expanded, _converted(expanded, display, tex))
    if expanded in _CONVERTED:
        _FRESH.append(formula)
    return formula


def _converted(expanded: str, display: bool, tex: str) -> str:
    """The MathML of `expanded`, kept in the user's cache (`io.kept`, sealed) so a later build
    reads it instead of loading the converter and converting again; keyed by the converter's
    version and this folder's own code, so a change to either converts afresh."""
    key = "mathml:" + hashlib.sha256(f"{_code()}\x1f{display}\x1f{expanded}".encode()).hexdigest()
    found = kept.get(key, ("term.cache-what-formula-read", "the formula is read"))
    if found is not None:
        return found.decode("utf-8")
    converted = mathml.convert(expanded, display, tex)
    _CONVERTED.add(expanded)
    kept.put(key, converted.encode("utf-8"))
    return converted


_CONVERTED: set[str] = set()  # formulas this process converted (none were kept from an earlier build)
_FRESH: list[Formula] = []  # those formulas, read


def fresh() -> list[Formula]:
    """The formulas this process converted (none kept from an earlier build): `app.build` sets
    them before it forks the processes that typeset, which would each set them again."""
    return list(_FRESH)


def converted_here() -> bool:
    """Whether this process converted a formula rather than read it from the user's cache: a
    first build, whose formulas have no kept geometry either (`app.build` then loads the
    layout engine once, before it forks the processes that typeset)."""
    return bool(_CONVERTED)


@functools.cache
def _code() -> str:
    """What the MathML depends on: latex2mathml's version and the code of this folder."""
    digest = hashlib.sha256((caches.installed_version("latex2mathml") or "unknown").encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()

