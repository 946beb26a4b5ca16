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
  (`SimpleGlyph.svgsymbol`).

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

import copy
import functools
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
    from ziamath import styles
    from ziamath.nodes import mnode, mnumber, moperator, mrow

    rows = _Rows(mnode.Mnode, mnumber.Mnumber, mrow.elementtext)
    return [
        (styles, "asdict", _shallow),
        (styles, "ChainMap", _merged),
        (mnode.Mnode, "size_px", _sizes(mnode.Mnode.size_px)),
        (SimpleGlyph, "svgsymbol", _symbols(SimpleGlyph.svgsymbol)),
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
            copied = copy.deepcopy(child)  # measured on a copy, as ziamath does: the real pass reads the XML unchanged
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


class _Watch:
    __slots__ = ("row", "differs", "asks_fence")

    def __init__(self, row):
        self.row, self.differs, self.asks_fence = row, False, False
