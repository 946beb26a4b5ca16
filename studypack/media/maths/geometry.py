"""Where each glyph and rule of a formula goes, as ziamath lays it out.

ziamath (pure Python, reading the font's OpenType MATH table) does the TeX-like layout and
writes SVG. This module reads it into plain geometry in points, baseline at y=0 and y upwards
as on a PDF page: glyphs (index, size, origin) and rules (filled rectangles); over the
versions `engine` was written for, each glyph as ziamath places it (`_Placing`: the numbers
its SVG would hold, without writing it and reading it back), else from the SVG. It is
computed once per (MathML, size) in a process (`geometry`), then drawn as often as needed, and
kept in the user's cache (`io.kept`: one database of sealed values,
keyed by the MathML, the size and ziamath's version), so a later build, or another worker, reads
a formula's geometry instead of setting it again: ziamath takes 5-10 ms a formula.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from studypack.io import cache as caches
from studypack.io import kept
from studypack.media.maths import fallback
from studypack.media.maths.fallback import FOREIGN
from studypack.media.maths.font import DEFAULT, STIX

_GLYPH_ID = re.compile(r"_(\d+)$")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")


@dataclass(frozen=True)
class Glyph:
    """One glyph: its font index (-1: several glyphs drawn as one, an assembled bracket), the
    character naming it in the face's character map ('' if none), its size and origin (pt);
    for a glyph the map does not reach (a script-size digit, a taller bracket), the character
    it stands for (`said`), and for one drawn as outlines, its `outline`."""

    index: int
    char: str
    size: float
    x: float
    y: float
    outline: tuple[str, ...]  # SVG path data at 12 pt, origin at the glyph's origin, y down; () where set as text
    said: str = ""
    fallback: bool = False  # set from the fallback face (`fallback`), a character the maths face lacks

    @property
    def as_text(self) -> bool:
        """Whether it is set as text in the embedded face (else drawn as its outline)."""
        return bool(self.char) or (self.index >= 0 and bool(self.said) and not self.fallback)


@dataclass(frozen=True)
class Rule:
    """A filled rectangle (a fraction bar, a root's overbar): lower-left corner, width, height."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Geometry:
    width: float
    ascent: float
    descent: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]


# what a kept formula holds; a new number when that changes (2: `said`, outlines only where
# drawn; 3: `fallback`; 4: the least script size from the formula's own size, not the first
# formula's of the process)
_KEPT_FORMAT = 4


@functools.lru_cache(maxsize=4096)
def geometry(mathml: str, size: float, face: str = DEFAULT) -> Geometry:
    """`mathml` laid out at `size` points in the maths face `face`: from the user's cache where
    it was set before."""
    key = _kept_key(mathml, size, face)
    found = kept.get(key, ("term.cache-what-formula-set", "the formula is set"))
    if found is not None:
        try:
            return _restored(json.loads(found))
        except (ValueError, TypeError, KeyError):
            pass
    shape = _laid_out(mathml, size, face)
    kept.put(key, json.dumps(_kept(shape), separators=(",", ":")).encode())
    return shape


def _kept(shape: Geometry) -> list:
    """The Geometry as `dataclasses.astuple` gives it (what `_restored` reads), built directly:
    astuple copies every field of every glyph deeply, a tenth of setting a formula."""
    return [shape.width, shape.ascent, shape.descent,
            [[g.index, g.char, g.size, g.x, g.y, list(g.outline), g.said, g.fallback] for g in shape.glyphs],
            [[r.x, r.y, r.width, r.height] for r in shape.rules]]


def warm() -> None:
    """Load the layout engine and the maths face now: a build whose formulas are set afresh
    calls this before forking the processes that typeset, which then share them instead of
    each loading its own (about a tenth of a second of CPU a process)."""
    from studypack.media.maths import engine, font

    engine.before_import()
    import ziamath  # noqa: F401  (loaded to be inherited)

    engine.install()
    font.characters(DEFAULT)  # (the key `_laid_out` asks it by: a call without it would read the map again)


def _kept_key(mathml: str, size: float, face: str) -> str:
    return "geometry:" + hashlib.sha256(f"{_code()}\x1f{_face_code(face)}\x1f{size!r}\x1f{mathml}".encode()).hexdigest()


@functools.cache
def _code() -> str:
    """What a formula's geometry depends on: ziamath's version (and its font), this module, the
    one that speeds ziamath up (`engine`), the one that places scripts (`scripts`) and the one
    that names each glyph's character (`font`)."""
    version = caches.installed_version("ziamath") or "unknown"
    here = Path(__file__)
    code = b"".join(here.with_name(name).read_bytes() for name in ("geometry.py", "engine.py", "font.py", "fallback.py", "scripts.py"))
    return hashlib.sha256(f"{_KEPT_FORMAT}\x1f{version}\x1f".encode() + code).hexdigest()


@functools.cache
def _face_code(face: str) -> str:
    """What a face adds to the key: its name, and for a shipped face its file's digest (ziamath's
    own face is in its version)."""
    if face == STIX:
        return face
    from studypack.media import fonts

    return f"{face}:{fonts.face_digest(face)}"


def _restored(kept: list) -> Geometry:
    """The Geometry `astuple` wrote (JSON floats read back exactly as written)."""
    width, ascent, descent, glyphs, rules = kept
    return Geometry(float(width), float(ascent), float(descent),
                    tuple(Glyph(int(g[0]), str(g[1]), float(g[2]), float(g[3]), float(g[4]), tuple(g[5]), str(g[6]), bool(g[7]))
                          for g in glyphs),
                    tuple(Rule(*map(float, r)) for r in rules))


def _laid_out(mathml: str, size: float, face: str) -> Geometry:
    """Lay `mathml` out at `size` points in `face` with ziamath."""
    from studypack.media.maths import engine, font, scripts

    engine.before_import()
    import ziamath  # lazy: a pack without maths never loads the layout engine

    direct = engine.install()  # over the versions it was written for, each glyph read as it is placed
    scripts.install()  # scripts on a line at one depth and height
    fallback.engine_font(face, size)  # a character the face lacks set from the fallback face, not as a box
    _read_placements()

    ziamath.config.svg2 = True  # (its default) glyphs as <symbol> + <use>, which is what is read here
    maths = ziamath.Math(mathml, size=size, font=font.engine_font(face))
    box = maths.node.bbox
    shift = -min(box.xmin, 0.0)  # ink left of the origin (a hanging bracket) moves the formula right
    names = font.characters(face)
    svg = _Placing(names) if direct else ET.Element("svg")
    maths.node.draw(shift, 0.0, svg)
    drawn = {element.tag for element in svg} - {"symbol", "use", "rect"}
    if drawn:  # a line or an ellipse (an enclosure) would be lost without a word: refuse it instead
        raise ValueError(f"ziamath drew {', '.join(sorted(drawn))}, which is not read")
    if isinstance(svg, _Placing):
        glyphs = tuple(svg.glyphs)
    else:
        symbols = {s.get("id", ""): s for s in svg.iter("symbol")}
        glyphs = tuple(_glyph(use, symbols, names) for use in svg.iter("use"))
    rules = tuple(_rule(rect) for rect in svg.iter("rect"))
    return Geometry(box.xmax + shift, max(box.ymax, 0.0), max(-box.ymin, 0.0), glyphs, rules)


_Symbol = tuple[float, float, float, int, Any, bool]  # what `_symbol_read` reads from a <symbol> (its paths, or an `_Outline`)


def _glyph(use: ET.Element, symbols: dict[str, ET.Element], names: dict[int, str]) -> Glyph:
    """A placed glyph from its <use> and the <symbol> it points at (drawn at 12 pt, scaled)."""
    ident = use.get("href", "").lstrip("#")
    symbol = _symbol_read(symbols[ident])
    xmin, top, height = symbol[:3]
    scale = float(use.get("height", "0")) / height
    return _made(symbol, names, scale, float(use.get("x", "0")) - xmin * scale,
                 -(float(use.get("y", "0")) - top * scale), use.get(_SAID, ""))


def _symbol_read(symbol: ET.Element) -> _Symbol:
    """A <symbol>'s viewBox left, top and height, its glyph's index (-1: several paths), its
    paths, and whether it is the fallback face's glyph (named by that face's map)."""
    xmin, top, _, height = (float(v) for v in symbol.get("viewBox", "0 0 1 1").split())
    paths = tuple(p.get("d", "") for p in symbol.iter("path"))
    ident = symbol.get("id", "")
    match = _GLYPH_ID.search(ident)
    return xmin, top, height, int(match.group(1)) if match and len(paths) == 1 else -1, paths, ident.startswith(FOREIGN)


def _made(symbol: _Symbol, names: dict[int, str], scale: float, x: float, y: float, said: str) -> Glyph:
    _, _, _, index, paths, spare = symbol
    char = (fallback.characters() if spare else names).get(index, "")
    glyph = Glyph(index, char, 12 * scale, x, y, (), "" if char else said, spare)
    return glyph if glyph.as_text else replace(glyph, outline=_outline(paths))


def _outline(paths) -> tuple[str, ...]:
    """A symbol's paths: read from its <symbol>, or (`_Outline`) written when first needed."""
    return paths.paths() if isinstance(paths, _Outline) else paths


class _Placing(ET.Element):
    """The SVG a formula is drawn into, where each glyph is read as ziamath places it (the
    same numbers its <use> and <symbol> would give, as ziafont writes them) instead of written
    as SVG and read back; rules are still its <rect>s."""

    def __init__(self, names: dict[int, str]) -> None:
        super().__init__("svg")
        self.names = names
        self.glyphs: list[Glyph] = []
        self.symbols: dict[str, _Symbol] = {}  # the first glyph of an id, as a <symbol>

    def symbol(self, glyph) -> _Symbol:
        """The <symbol> a glyph's <use> points at: the first of its id (a phantom's too)."""
        symbol = self.symbols.get(glyph.id)
        if symbol is None:
            symbol = self.symbols[glyph.id] = _symbol_of(glyph)
        return symbol

    def place(self, glyph, x: float, y: float, size: float, said: str) -> None:
        """What `SimpleGlyph.place` writes (svg2), read as `_glyph` reads it: each number as
        ziafont writes it (`fmt`: rounded to its precision), read back."""
        symbol = self.symbol(glyph)
        xmin, top, height = symbol[:3]
        from ziafont.config import config

        digits = int(config.precision)  # (typed a float there; an int, as its format needs)
        dx, shift, tall = _placing(glyph, size)
        scale = round(tall, digits) / height
        self.glyphs.append(_made(symbol, self.names, scale, round(x + dx, digits) - xmin * scale,
                                 -(round(y - shift, digits) - top * scale), said))


def _placing(glyph, size: float) -> tuple[float, float, float]:
    """What placing `glyph` at `size` adds to its position (left, down) and how tall it is
    drawn: the same for every use (the font keeps one glyph object per index), so worked out
    once per size. Each is then rounded as ziafont writes it: `round(v, digits)` is
    `float(fmt(v))`, both rounding the same binary value to the nearest decimal of `digits`
    places (Python's `round` and `format` share one correctly rounded conversion)."""
    known = glyph.__dict__.setdefault("_studypack_placing", {})
    found = known.get(size)
    if found is None:
        factor = size / glyph.DFLT_SIZE_PT
        shift = glyph.funits_to_points(max(glyph.bbox.ymax, glyph.font.info.layout.ymax), factor)
        dx = min(glyph.funits_to_points(glyph.bbox.xmin, factor), 0)
        _, _, low, high = glyph.viewbox
        found = known[size] = (dx, shift, (high - low) * factor)
    return found


def _symbol_of(glyph) -> _Symbol:
    """A glyph's <symbol> as `_symbol_read` reads it, once per glyph in a process (ziafont keeps
    one glyph object per index). A glyph of one outline (`SimpleGlyph.svgpath`, not an
    assembly of several) has its box read as its <symbol> writes it, and its outline's SVG
    path text, long and only drawn where the glyph is not set as text, written when asked for."""
    made = glyph.__dict__.get("_studypack_read")
    if made is None:
        made = glyph.__dict__["_studypack_read"] = _symbol_direct(glyph) or _symbol_read(glyph.svgsymbol())
    return made


def _symbol_direct(glyph) -> _Symbol | None:
    """What `_symbol_read` reads from `glyph.svgsymbol()`, without writing the outline: its
    viewBox's numbers as ziafont writes them (`fmt`), read back; one path where the glyph has
    any contour (`svgpath` writes a segment for each), none where it has none. None for a
    glyph whose <symbol> is made otherwise."""
    from ziafont.glyph import SimpleGlyph
    from ziafont.svgpath import fmt

    if type(glyph).svgpath is not SimpleGlyph.svgpath or type(glyph).viewbox is not SimpleGlyph.viewbox:
        return None
    xmin, xmax, ymin, ymax = glyph.viewbox
    ident = str(glyph.id)
    match = _GLYPH_ID.search(ident)
    contours = bool(glyph.operators)
    index = int(match.group(1)) if match and contours else -1
    paths = _Outline(glyph) if contours else ()
    return float(fmt(xmin)), float(fmt(-ymax)), float(fmt(ymax - ymin)), index, paths, ident.startswith(FOREIGN)


class _Outline:
    """A glyph's outline as its <symbol>'s paths, written when first asked for."""

    __slots__ = ("glyph", "made")

    def __init__(self, glyph) -> None:
        self.glyph = glyph
        self.made: tuple[str, ...] | None = None

    def paths(self) -> tuple[str, ...]:
        if self.made is None:
            self.made = _symbol_read(self.glyph.svgsymbol())[4]
        return self.made


_SAID = "data-studypack-said"


@functools.cache
def _read_placements() -> None:
    """Have ziamath note on each glyph it places the character the glyph stands for (it knows
    it; its SVG does not say it), read back as a glyph's `said`; into a `_Placing`, hand each
    glyph over as it is placed instead. Once per process."""
    from ziamath.drawable import Glyph as Placed

    plain = Placed.draw

    def draw(self, x: float, y: float, svg: ET.Element) -> tuple[float, float]:
        said = self.char if isinstance(self.char, str) else ""
        if isinstance(svg, _Placing):  # what `plain` does, without the SVG
            svg.symbol(self.glyph)
            if not self.phantom:
                svg.place(self.glyph, x, y, self.size, said)
            return x + self.funit_to_points(self.glyph.advance()), y
        before = len(svg)
        moved = plain(self, x, y, svg)
        if len(svg) > before and svg[-1].tag == "use" and said:
            svg[-1].set(_SAID, said)
        return moved

    Placed.draw = draw  # type: ignore[method-assign]


def _rule(rect: ET.Element) -> Rule:
    """A filled rectangle, its SVG top-left corner turned into a lower-left one, y up."""
    x, y = float(rect.get("x", "0")), float(rect.get("y", "0"))
    width, height = float(rect.get("width", "0")), float(rect.get("height", "0"))
    return Rule(x, -(y + height), width, height)


def path_tokens(data: str) -> list[str]:
    """SVG path data as commands and numbers."""
    return _NUMBER.findall(data)
