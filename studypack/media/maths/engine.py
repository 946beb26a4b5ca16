"""ziamath with its per-call overheads cut: the same layout, in about a third of the time.

ziamath sets a formula in 5-10 ms, and most of that is bookkeeping around the typesetting:

- a row lays each of its children out twice, the first time (on a copy of its XML, written
  out and read back) only to measure the row's height for its stretchy brackets; a row
  inside a row doubles that again (`Mrow._get_height_nostretch`);
- every node copies its parent's style through `dataclasses.asdict`, a deep copy, to look up
  six values in it (`styles.parse_style`);
- every length ("thinmathspace", "0.167em") is read by first formatting a table of fourteen
  named lengths (`Mnode.size_px`);
- every glyph's outline is written out as SVG path text again in every formula that uses it
  (`SimpleGlyph.svgsymbol`);
- a formula's MathML is written out and read back to take its `<mstyle>` elements out
  (`zmath.apply_mstyle`);
- a glyph's place in a font table's coverage list is searched for, and a run's substitutions
  and positions worked out, again at every use (`Coverage.covidx`, `Gsub.sub`, `Gpos.position`);
- a table makes a new named-tuple class for its cells every time (`mtable.namedtuple`).

`install` replaces these by equivalents that give the same numbers: the measuring pass keeps
a child's node for the real pass wherever nothing in the child can come out differently
there. Only a stretchy operator reads what differs between the passes (the measuring flag and
the row's height), and only a look at the sibling placed before the child (there is none yet
while measuring) depends on the row's progress; a number's look, which only asks whether that
sibling is a fence, is asked again when its node is reused. The XML the real pass would have
changed (tags renamed, operator forms and script levels set) is changed the same way.

Installed only over the ziamath and ziafont versions it was written against (`VERSIONS`);
any other version runs as it is, only slower. `tests/test_maths_engine.py` sets a corpus of
formulas with and without it and compares every glyph and rule.
"""

from __future__ import annotations

import collections
import copy
import functools
import re
import struct
import threading
from types import SimpleNamespace
from typing import Any, Callable

VERSIONS = {"ziamath": ("0.13",), "ziafont": ("0.11",)}  # major.minor it was written against


@functools.cache
def install() -> bool:
    """Put the faster equivalents in place, once per process; whether it could (a known version)."""
    import ziafont
    import ziamath

    if not (_known(ziamath.__version__, "ziamath") and _known(ziafont.__version__, "ziafont")):
        return False
    for owner, name, value in _replacements():
        _ORIGINALS.append((owner, name, owner.__dict__[name]))
        setattr(owner, name, value)
    return True


def before_import() -> None:
    """Called before ziamath is first imported: its `escapes` module compiles, on import, one
    pattern of its 2,079 MathML entity names (a fifth of loading ziamath), which only a formula
    holding one of those names (or `:=`, `==`, `!=`) needs. Over the version this was written
    for, that module is put in place first with the same `unescape`, which compiles it only
    for such a formula. Nothing where ziamath is already loaded or is another version."""
    import sys

    from studypack.io import cache as caches

    if "ziamath" in sys.modules or not _known(caches.installed_version("ziamath") or "", "ziamath"):
        return
    if _known(caches.installed_version("ziafont") or "", "ziafont"):
        _read_pairs_when_used()
    import types

    module = types.ModuleType("ziamath.escapes")
    module.unescape = _unescape  # type: ignore[attr-defined]  # all zmath takes from it
    sys.modules["ziamath.escapes"] = module


@functools.cache
def _read_pairs_when_used() -> None:
    """ziafont's readings of a face, made cheaper (its widths, `_widths`; its character maps,
    `_cmaps`; its coverage and class tables, `_coverage_table`).

    ziafont reads every kerning pair of a face's GPOS table as it loads it (STIX Two Math:
    18,000 value records, a third of loading the face); a formula uses a few. Over the version
    this was written for, a pair table reads its header and coverage as before, and each set
    of pairs (format 1) or row of class pairs (format 2) the first time it is looked up: the
    same values, from the same bytes, the file's position put back after each read."""
    from ziafont import gpos
    from ziafont.font import Font
    from ziafont.tables import ClassDef, Coverage

    def init(self, ofst: int, fontfile) -> None:
        self.ofst, self.fontfile = ofst, fontfile
        at = fontfile.tell()
        fontfile.seek(ofst)
        self.posformat, self.covofst = fontfile.readuint16(), fontfile.readuint16()
        self.valueformat1, self.valueformat2 = fontfile.readuint16(), fontfile.readuint16()
        if self.posformat == 1:
            starts = [fontfile.readuint16() + ofst for _ in range(fontfile.readuint16())]
            self.pairsets = _ReadWhenUsed(fontfile, starts, functools.partial(_pair_set, self))
        elif self.posformat == 2:
            class1, class2 = fontfile.readuint16() + ofst, fontfile.readuint16() + ofst
            count1, count2 = fontfile.readuint16(), fontfile.readuint16()
            size = count2 * 2 * (bin(self.valueformat1 & 0xFF).count("1") + bin(self.valueformat2 & 0xFF).count("1"))
            here = fontfile.tell()
            self.classrecords = _ReadWhenUsed(fontfile, [here + i * size for i in range(count1)], functools.partial(_class_row, self, count2))
            self.class1def, self.class2def = ClassDef(class1, fontfile), ClassDef(class2, fontfile)
        else:
            raise ValueError("Invalid posformat in PairAdjustmentSubtable")
        self.coverage = Coverage(self.covofst + ofst, fontfile)
        fontfile.seek(at)

    _PLAIN_PAIRS.append(gpos.PairAdjustmentSubtable.__init__)
    gpos.PairAdjustmentSubtable.__init__ = init  # type: ignore[method-assign]
    _PLAIN_PAIRS.append(Font._readwidths)
    Font._readwidths = _widths  # type: ignore[method-assign,assignment]
    _PLAIN_PAIRS.append(Font._readcmap)
    Font._readcmap = _cmaps  # type: ignore[method-assign,assignment]
    _PLAIN_PAIRS.extend((Coverage.__init__, ClassDef.__init__))
    Coverage.__init__ = _coverage_table  # type: ignore[method-assign,assignment]
    ClassDef.__init__ = _class_table  # type: ignore[method-assign,assignment]


def _widths(font, count: int) -> list:
    """`Font._readwidths`: the face's advance widths and left side bearings (`hmtx`), read as
    one run of numbers rather than two reads for each glyph, the file left where it leaves it."""
    from ziafont.fonttypes import AdvanceWidth

    start = font.tables["hmtx"].offset
    numbers = struct.unpack_from(f">{count * 'Hh'}", font.fontfile.getbuffer(), start)
    font.fontfile.seek(start + 4 * count)
    return [AdvanceWidth(width, bearing) for width, bearing in zip(numbers[::2], numbers[1::2])]


def _cmaps(font) -> None:
    """`Font._readcmap`: the face's character maps (formats 4 and 12), each array read as one
    run of numbers rather than a read for each number; the same maps, the first format 4 or
    the last format 12 chosen, the file left where it leaves it."""
    from ziafont.cmap import Cmap4, Cmap12

    data, base = font.fontfile.getbuffer(), font.tables["cmap"].offset
    count = struct.unpack_from(">h", data, base + 2)[0]
    records = [struct.unpack_from(">HHI", data, base + 4 + 8 * i) for i in range(count)]
    font.cmap, font.cmaps = None, []
    cmap: Any
    end = base + 4 + 8 * count
    for platform, encoding, offset in records:
        at, name = base + offset, _PLATFORMS.get(platform)  # (None for another platform, as ziafont names it)
        kind = struct.unpack_from(">H", data, at)[0]
        end = at + 2
        if kind == 4:
            length, segments = struct.unpack_from(">H", data, at + 2)[0], struct.unpack_from(">H", data, at + 6)[0] // 2
            arrays = struct.unpack_from(f">{segments}H2x{3 * segments}H", data, at + 14)
            ends, starts, deltas, ranges = (list(arrays[i * segments:(i + 1) * segments]) for i in range(4))
            head = 16 + 8 * segments
            glyphs = list(struct.unpack_from(f">{(length - head) // 2}H", data, at + head))
            end = at + head + 2 * len(glyphs)
            cmap = Cmap4(name, encoding, starts, ends, ranges, deltas, glyphs)  # type: ignore[arg-type]
            font.cmap = cmap if font.cmap is None else font.cmap
        elif kind == 12:
            groups = struct.unpack_from(">I", data, at + 12)[0]
            numbers = struct.unpack_from(f">{3 * groups}I", data, at + 16)
            end = at + 16 + 12 * groups
            cmap = Cmap12(name, encoding, list(numbers[::3]), list(numbers[1::3]), list(numbers[2::3]))  # type: ignore[arg-type]
            font.cmap = cmap if font.cmap is None or isinstance(font.cmap, Cmap4) else font.cmap
        else:
            continue
        font.cmaps.append(cmap)
    font.fontfile.seek(end)
    if not font.cmaps:
        raise ValueError("No suitable cmap table found in font.")


_PLATFORMS: dict[int, Any] = {0: "unicode", 1: "macintosh", 3: "windows"}
_Range = collections.namedtuple("Range", ["startglyph", "endglyph", "covidx"])  # type: ignore[name-match]  # ziafont's names
_ClassRange = collections.namedtuple("ClassRange", ["startglyph", "endglyph", "cls"])  # type: ignore[name-match]


def _coverage_table(table, ofst: int, fontfile, nulltable: bool = False) -> None:
    """`Coverage.__init__` (read for every lookup of GSUB and GPOS as a face loads): its glyphs
    or ranges read as one run of numbers, and its ranges of one named-tuple class made once
    rather than a class made for each table; the file's position is left as it was."""
    table.ofst, table.fontfile, table.nulltable = ofst, fontfile, nulltable
    if nulltable:
        return
    data = fontfile.getbuffer()
    table.format, count = struct.unpack_from(">HH", data, ofst)
    if table.format == 1:
        table.glyphs = list(struct.unpack_from(f">{count}H", data, ofst + 4))
    elif table.format == 2:
        numbers = struct.unpack_from(f">{3 * count}H", data, ofst + 4)
        table.ranges = [_Range(*numbers[i:i + 3]) for i in range(0, 3 * count, 3)]
    else:
        raise ValueError(f"Bad coverage table format {table.format}")


def _class_table(table, ofst: int, fontfile) -> None:
    """`ClassDef.__init__`, read as `_coverage_table` reads a coverage table."""
    table.ofst, table.fontfile = ofst, fontfile
    data = fontfile.getbuffer()
    table.format = struct.unpack_from(">H", data, ofst)[0]
    if table.format == 1:
        table.startglyph, count = struct.unpack_from(">HH", data, ofst + 2)
        table.classvalues = list(struct.unpack_from(f">{count}H", data, ofst + 6))
    elif table.format == 2:
        count = struct.unpack_from(">H", data, ofst + 2)[0]
        numbers = struct.unpack_from(f">{3 * count}H", data, ofst + 4)
        table.ranges = [_ClassRange(*numbers[i:i + 3]) for i in range(0, 3 * count, 3)]
    else:
        raise ValueError
_PLAIN_PAIRS: list[Callable] = []  # ziafont's own readings of pairs and widths (for the test that compares them)


class _ReadWhenUsed:
    """A list read one item at a time, when first indexed (`read` at its start in the file)."""

    def __init__(self, fontfile, starts: list[int], read: Callable):
        self.fontfile, self.starts, self.read = fontfile, starts, read
        self.made: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int):
        found = self.made.get(i)
        if found is None:
            at = self.fontfile.tell()
            self.fontfile.seek(self.starts[i])  # (an index out of range raises IndexError, as a list's)
            found = self.made[i] = self.read()
            self.fontfile.seek(at)
        return found


_PairValue = collections.namedtuple("_PairValue", ["secondglyph", "value1", "value2"])


def _pair_set(table) -> list:
    read = table.fontfile
    return [_PairValue(read.readuint16(), read.readvaluerecord(table.valueformat1), read.readvaluerecord(table.valueformat2))
            for _ in range(read.readuint16())]


def _class_row(table, count: int) -> list:
    read = table.fontfile
    return [(read.readvaluerecord(table.valueformat1), read.readvaluerecord(table.valueformat2)) for _ in range(count)]


_PLAIN_KEYS = (":=", "\\*=", "==", "!=", "&InvisibleComma;", "&InvisibleTimes;")  # what `escapes` adds to escape_codes
_ENTITY = re.compile(r"&[A-Za-z0-9#]+;")


def _unescape(xml: str) -> str:
    """`ziamath.escapes.unescape`: its pattern of names is compiled (the module read) only
    where one of them is in `xml`; without one, its substitution changes nothing, and only
    its two small ones (a minus sign in a number or an operator) are made."""
    from ziamath import escape_codes

    if any(key in xml for key in _PLAIN_KEYS) or any(m.group() in escape_codes.ESCAPES for m in _ENTITY.finditer(xml)):
        return _full_escapes().unescape(xml)
    xml = re.sub(r"<mn.*>\s*-", "<mn>\u2212", xml)
    return re.sub(r"<mo.*>\s*-\s*</mo>", "<mo> \u2212 </mo>", xml)


@functools.cache
def _full_escapes():
    """ziamath's own `escapes` module, read when first needed."""
    import importlib.util
    import os

    import ziamath

    spec = importlib.util.spec_from_file_location("ziamath._escapes", os.path.join(os.path.dirname(ziamath.__file__), "escapes.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def uninstall() -> None:
    """Put ziamath back as it was (for the test that compares the two)."""
    while _ORIGINALS:
        owner, name, value = _ORIGINALS.pop()
        setattr(owner, name, value)
    install.cache_clear()


_ORIGINALS: list[tuple[Any, str, Any]] = []


def _known(version: str, name: str) -> bool:
    return ".".join(version.split(".")[:2]) in VERSIONS[name]


def _replacements() -> list[tuple[Any, str, Any]]:
    from ziafont.glyph import SimpleGlyph
    from ziafont.gpos import Gpos
    from ziafont.gsub import Gsub
    from ziafont.tables import Coverage
    from ziamath import styles, zmath
    from ziamath.nodes import mfrac, mnode, mnumber, moperator, mrow, mtable

    rows = _Rows(mnode.Mnode, mnumber.Mnumber, mrow.elementtext)
    inherited = _inherited(styles)
    return [
        (styles, "asdict", _shallow),
        (styles, "ChainMap", _merged),
        (mnode, "parse_style", inherited),
        (mfrac, "parse_style", inherited),
        (mnode.Mnode, "size_px", _sizes(mnode.Mnode.size_px)),
        (SimpleGlyph, "svgsymbol", _symbols(SimpleGlyph.svgsymbol)),
        (zmath, "apply_mstyle", _styles_applied(zmath.apply_mstyle)),
        (Coverage, "covidx", _coverage(Coverage.covidx)),
        (Gsub, "sub", _substituted(Gsub.sub)),
        (Gpos, "position", _positioned(Gpos.position)),
        (mtable, "namedtuple", functools.cache(mtable.namedtuple)),
        (mnode.Mnode, "fromelement", classmethod(rows.fromelement)),
        (mnode.Mnode, "leftsibling", _method(rows.leftsibling)),
        (moperator.Moperator, "_setup", rows.operator_setup(moperator.Moperator._setup)),
        (mrow.Mrow, "_get_height_nostretch", _method(rows.measure)),
    ]


def _method(bound: Callable) -> Callable:
    """A function that, set on a class, passes its instance on to `bound` (a bound method
    set there would not receive it)."""
    def method(node, *args, **kwargs):
        return bound(node, *args, **kwargs)

    return method


def _shallow(style) -> dict:
    """A style's fields as `parse_style` reads them: it looks up only its plain values, so the
    nested variant need not be copied into a dict of its own."""
    return dict(style.__dict__)


def _inherited(styles) -> Callable:
    """`parse_style` for an element under a parent (every node but the root), reading the
    element's attributes, else the parent's values, directly: what it reads through its
    merged mapping, where the parent's style has every key but `style` (CSS, left to it)."""
    parse_style, parse_variant, made, variant_made = styles.parse_style, styles.parse_variant, styles.MathStyle, styles.MathVariant

    def parsed(element, parent_style=None):
        attrib = element.attrib
        if not parent_style or "style" in attrib:
            return parse_style(element, parent_style)
        get, values = attrib.get, parent_style.__dict__
        if not attrib and not styles.config.math.variant:  # (most elements) the parent's values, in a new variant
            inherited = parent_style.mathvariant
            variant = variant_made(style=inherited.style, italic=inherited.italic, bold=inherited.bold, normal=inherited.normal)
            return made(mathcolor=values["mathcolor"], mathbackground=values["mathbackground"], mathsize=values["mathsize"],
                        scriptlevel=int(values["scriptlevel"]), mathvariant=variant,
                        displaystyle=values["displaystyle"] in ("true", True))
        variant = parse_variant(get("mathvariant", styles.config.math.variant), parent_style.mathvariant)
        return made(mathcolor=get("mathcolor", values["mathcolor"]), mathbackground=get("mathbackground", values["mathbackground"]),
                    mathsize=get("mathsize", values["mathsize"]), scriptlevel=int(get("scriptlevel", values["scriptlevel"])),
                    mathvariant=variant, displaystyle=get("displaystyle", values["displaystyle"]) in ("true", True))

    return parsed


def _merged(attributes, inherited) -> dict:
    """`parse_style` looks values up in the element's attributes, then its parent's style, and
    never writes: one dict answers as the ChainMap did."""
    return {**inherited, **attributes}


def _sizes(size_px: Callable) -> Callable:
    """`size_px` remembered by (length, font size): all it reads."""
    known: dict[tuple[str, float], float] = {}

    def remembered(self, size: str, fontsize: float | None = None) -> float:
        key = (size, self.glyphsize if fontsize is None else fontsize)
        found = known.get(key)
        if found is None:
            found = known[key] = size_px(self, *key)
        return found

    return remembered


def _styles_applied(apply_mstyle: Callable) -> Callable:
    """`apply_mstyle` without writing the MathML out and reading it back: each `<mstyle>`'s
    attributes go down to its children (theirs first), as there, and the element is then taken
    out of the tree in place of writing the text without its tags, its children (and any text
    beside them) left where they were. Where that text edit would not give a tree of the same
    shape (an `<mstyle>` with no attributes, or at the root), ziamath's own runs."""
    def applied(element):
        if element.tag == "mstyle" or any(not e.attrib and e.tag == "mstyle" for e in element.iter()):
            return apply_mstyle(element)
        _pass_down(element)
        _unwrap(element)
        return element

    return applied


def _pass_down(element) -> None:
    for child in element:
        if element.tag == "mstyle":
            child.attrib = {**element.attrib, **child.attrib}
        _pass_down(child)


def _unwrap(parent) -> None:
    """Replace each `<mstyle>` under `parent` by its children, its text and tail joined to the
    text beside them, as removing its tags from the written XML would."""
    i = 0
    while i < len(parent):
        child = parent[i]
        if child.tag != "mstyle":
            _unwrap(child)
            i += 1
            continue
        inner = list(child)
        _join_before(parent, i, child.text)
        if inner:
            inner[-1].tail = _joined(inner[-1].tail, child.tail)
        else:
            _join_before(parent, i, child.tail)
        parent[i:i + 1] = inner  # (not advanced: the children are looked at next, an <mstyle> among them too)


def _join_before(parent, i: int, text: str | None) -> None:
    if i == 0:
        parent.text = _joined(parent.text, text)
    else:
        parent[i - 1].tail = _joined(parent[i - 1].tail, text)


def _joined(first: str | None, second: str | None) -> str | None:
    return ((first or "") + (second or "")) or None


def _coverage(covidx: Callable) -> Callable:
    """A coverage table's index of a glyph (a search through its list), remembered per table."""
    def remembered(self, glyph: int):
        known = self.__dict__.setdefault("_studypack_known", {})
        if glyph not in known:
            known[glyph] = covidx(self, glyph)
        return known[glyph]

    return remembered


def _substituted(sub: Callable) -> Callable:
    """A run of glyphs substituted (GSUB), remembered by the glyphs, the features on and the
    script and language: all it reads. A copy is returned, as the caller may change it."""
    def remembered(self, glyphids: list[int], features: dict[str, bool]):
        key = (tuple(glyphids), _features_on(features), self.language.script, self.language.language)
        known = self.__dict__.setdefault("_studypack_known", {})
        if key not in known:
            known[key] = sub(self, list(glyphids), features)
        return list(known[key])

    return remembered


def _positioned(position: Callable) -> Callable:
    """Glyphs positioned (GPOS), remembered by their indexes (the font keeps one glyph, and so
    one advance, per index), the features on and the script and language."""
    def remembered(self, glyphs: list, features: dict[str, bool]):
        key = (tuple(g.index for g in glyphs), _features_on(features), self.language.script, self.language.language)
        known = self.__dict__.setdefault("_studypack_known", {})
        if key not in known:
            known[key] = position(self, glyphs, features)
        return list(known[key])

    return remembered


def _features_on(features: dict[str, bool]) -> tuple[str, ...]:
    return tuple(sorted(name for name, on in features.items() if on))


def _symbols(svgsymbol: Callable) -> Callable:
    """A glyph's <symbol> made once (the font keeps one glyph object per index) and copied for
    each formula, as each formula's SVG may change its own."""
    def remembered(self):
        made = self.__dict__.get("_studypack_symbol")
        if made is None:
            made = self.__dict__["_studypack_symbol"] = svgsymbol(self)
        return copy.copy(made)

    return remembered


class _Rows:
    """A row's measuring pass that keeps the nodes the real pass can reuse."""

    def __init__(self, mnode_class, number_class, elementtext: Callable):
        self.fromelement_plain = mnode_class.__dict__["fromelement"].__func__
        self.leftsibling_plain = mnode_class.leftsibling
        self.elementtext = elementtext
        self.mnode_class = mnode_class
        self.number_class = number_class  # mn, mi, mtext: their one look before them asks for a fence (`Mnumber._setup`)
        self._local = threading.local()  # each thread's own rows (serve lays out in more than one)

    @property
    def watching(self) -> list[_Watch]:
        """The rows measuring now in this thread, innermost last."""
        rows = getattr(self._local, "rows", None)
        if rows is None:
            rows = self._local.rows = []
        return rows

    def measure(self, row, line: list, **kwargs) -> tuple[float, float]:
        """What `Mrow._get_height_nostretch` returns, each child's node kept where the real
        pass would make the same one."""
        kwargs["nostretch"] = True
        ready: dict[int, tuple[Any, bool]] = {}
        row.__dict__["_studypack_ready"] = ready
        ymax, ymin = -9999, 9999
        for child in line:
            if child.tag == "mo" and self.elementtext(child) == "":
                continue
            copied = _copied(child)  # measured on a copy, as ziamath does: the real pass reads the XML unchanged
            watch = _Watch(row)
            self.watching.append(watch)
            try:
                node = self.mnode_class.fromelement(copied, parent=row, **kwargs)
            finally:
                self.watching.pop()
            if not watch.differs:
                for original, changed in zip(child.iter(), copied.iter()):
                    original.tag, original.attrib = changed.tag, dict(changed.attrib)
                ready[id(child)] = (node, watch.asks_fence)
            ymax = max(ymax, node.bbox.ymax)
            ymin = min(ymin, node.bbox.ymin)
        return ymin, ymax

    def fromelement(self, cls, element, parent, **kwargs):
        """The node the measuring pass kept for `element`, where it is still right; else made."""
        ready = parent.__dict__.get("_studypack_ready")
        kept = ready.pop(id(element), None) if ready else None
        if kept is not None:
            node, asks_fence = kept
            if not asks_fence:
                return node
            before = self.leftsibling_plain(SimpleNamespace(parent=parent))
            if before is None or before.mtag != "mfenced":
                return node
        return self.fromelement_plain(cls, element, parent, **kwargs)

    def leftsibling(self, node):
        """ziamath's own answer, noting when a measured row's child asks it."""
        for watch in self.watching:
            if watch.row is node.parent:
                if isinstance(node, self.number_class):
                    watch.asks_fence = True
                else:
                    watch.differs = True
        return self.leftsibling_plain(node)

    def operator_setup(self, setup: Callable) -> Callable:
        def noted(node, **kwargs):
            if node.params.get("stretchy", "false") != "false":  # reads the flag and the row's height
                for watch in self.watching:
                    watch.differs = True
            return setup(node, **kwargs)

        return noted


def _copied(element):
    """`copy.deepcopy(element)` for MathML: the same tags, attributes, text and tails in new
    elements. Everything in them is a string, which deepcopy keeps as it is; going through
    `copy.deepcopy` for each element and each attribute dict was most of the copy."""
    made = element.makeelement(element.tag, element.attrib)  # (a new dict of the attributes)
    made.text, made.tail = element.text, element.tail
    made.extend([_copied(child) for child in element])
    return made


class _Watch:
    __slots__ = ("row", "differs", "asks_fence")

    def __init__(self, row):
        self.row, self.differs, self.asks_fence = row, False, False
