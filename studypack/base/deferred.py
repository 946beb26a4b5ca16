"""Work a library does when it is imported, put off until it is used (start-up speed).

ReportLab's paragraph module compiles, as it is imported, a regular expression for web
addresses (`uri_pat`) that it uses only to break a long address across lines. With its
Unicode ranges and IGNORECASE it takes about 65 ms to compile: a tenth of a small build,
paid by every build that typesets and by every test process. `install` (called by the
package's `__init__`, before anything can import ReportLab) adds an import hook that
imports that one module as always, except that this pattern is compiled the first time it
is used. The pattern is recognised by how it begins; a ReportLab whose pattern begins
otherwise imports exactly as before. Nothing else is changed: the same pattern, the same
flags, the same matches.

ReportLab's text splitting compiles one more as it is imported (`textsplit.rx`, all of CJK
and beyond: about 5 ms), used only by its `cjkwrap`, which nothing studypack draws calls; it
too is compiled on first use.

PyYAML's reader compiles, as it is imported, the pattern of the characters YAML may not hold
(`Reader.NON_PRINTABLE`: about 5 ms, with its astral ranges), used only by PyYAML's own
Python reader; studypack reads with libyaml, so it is compiled the first time it is used, in
the same way (recognised by how it begins).

ReportLab's utilities also import Pillow's Image module (about 15 ms with what it imports)
for every build, though only a pack with pictures uses it. Imported from there, it is a lazy
module (importlib's LazyLoader): loaded the first time one of its names is read, by
`media/images` or by ReportLab drawing a picture. Imported from anywhere else, as before.

Python's `xml.sax.saxutils` (which latex2mathml's converter imports for `unescape`, by a
pack with formulas) imports `urllib.request` (with ssl, http.client and email: about 30 ms)
for the one function that opens a source by its address. Imported from there, it is a lazy
module the same way.

pydantic's plugin loader imports `importlib.metadata` (with zipfile, email and csv: about
15 ms) for the one function it calls to find plugins, and studypack turns plugins off
(`PYDANTIC_DISABLE_PLUGINS`, set by the package's `__init__`). While that loader is
imported, its `entry_points` is a function that imports `importlib.metadata` when called
and does what its namesake does; every other module importing it gets the module itself.

This module itself imports `re` only when the hook first runs: the program's entry imports
the package, and a command handed to a resident server needs nothing more (start-up speed).
"""

from __future__ import annotations

import sys
from importlib.machinery import PathFinder

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up speed)
if TYPE_CHECKING:
    import re
    from typing import Any

_MODULE = "reportlab.platypus.paragraph"
_YAML_READER = "yaml.reader"  # compiles NON_PRINTABLE, for PyYAML's Python reader only
_TEXTSPLIT = "reportlab.lib.textsplit"  # compiles rx, for cjkwrap only
_UTILS = "reportlab.lib.utils"  # imports PIL.Image, for pictures only
_IMAGE = "PIL.Image"
_SAX = "xml.sax.saxutils"  # imports urllib.request, to open a source by its address only
_LAZY_FROM = {_UTILS: _IMAGE, _SAX: "urllib.request"}  # a module made lazy where this one imports it
_PLUGINS = "pydantic.plugin._loader"  # imports importlib.metadata for its entry_points alone
_METADATA = "importlib.metadata"
_IMPORTING: list[str] = []  # the modules of `_LAZY_FROM` being imported now
_URI_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # how ReportLab's uri_pat begins (3.6 to 4.x)
_NON_PRINTABLE_START = "[^\x09\x0A\x0D\x20-\x7E\x85"  # how PyYAML's NON_PRINTABLE begins (5.1 to 6.x)
_CJK_START = "([\u2e80-\uffff])"  # textsplit's rx, whole (ReportLab 3.x to 4.x)
_PUT_OFF = (_URI_START, _NON_PRINTABLE_START, _CJK_START)  # the patterns compiled on first use
_COMPILE: Any = None  # re.compile itself, kept as the hook first runs


class _Pattern:
    """A compiled pattern, made when one of its methods is first asked for."""

    def __init__(self, pattern: str, flags: int):
        self._made: re.Pattern | None = None
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        if self._made is None:
            self._made = _COMPILE(*self._args)
        return getattr(self._made, name)


def _compile(pattern, flags=0):
    if isinstance(pattern, str) and pattern.startswith(_PUT_OFF):
        return _Pattern(pattern, flags)
    return _COMPILE(pattern, flags)


class _Loader:
    """The module's own loader, with `re.compile` deferring that one pattern (the paragraph
    module) or Pillow's Image module made lazy (ReportLab's utilities) while it runs."""

    def __init__(self, loader, name: str):
        self._loader = loader
        self._name = name

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        if self._name == _PLUGINS:
            _without_metadata(self._loader, module)
            return
        global _COMPILE
        import re

        if _COMPILE is None:
            _COMPILE = re.compile
        outer = re.compile  # as the module importing this one has it (textsplit imports utils, both hooked)
        if self._name in _LAZY_FROM:
            _IMPORTING.append(self._name)
        else:
            re.compile = _compile  # type: ignore[assignment]
        try:
            self._loader.exec_module(module)
        finally:
            re.compile = outer  # type: ignore[assignment]
            if self._name in _IMPORTING:
                _IMPORTING.remove(self._name)

    def __getattr__(self, name: str):  # get_source, get_data, is_package...: the real loader's
        return getattr(self._loader, name)


def entry_points(**selection):
    """importlib.metadata's `entry_points`, imported when called."""
    from importlib.metadata import entry_points as found

    return found(**selection)


def _without_metadata(loader, module) -> None:
    """Run pydantic's plugin loader with `entry_points` above in place of the module's (unless
    importlib.metadata is imported already: then as always)."""
    if _METADATA in sys.modules:
        loader.exec_module(module)
        return
    standin = type(sys)(_METADATA)
    standin.entry_points = entry_points  # type: ignore[attr-defined]
    sys.modules[_METADATA] = standin
    try:
        loader.exec_module(module)
    finally:
        if sys.modules.get(_METADATA) is standin:
            del sys.modules[_METADATA]


class _Finder:
    """Finds these modules as Python would, and gives them `_Loader` (or, for Pillow's Image
    module imported by ReportLab's utilities and urllib.request imported by saxutils, a
    LazyLoader)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        lazy = name in _LAZY_FROM.values()
        if name not in (_MODULE, _YAML_READER, _TEXTSPLIT, _PLUGINS, *_LAZY_FROM) and not (lazy and any(_LAZY_FROM[m] == name for m in _IMPORTING)):
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        if lazy:
            from importlib.util import LazyLoader

            spec.loader = LazyLoader(spec.loader)
        else:
            spec.loader = _Loader(spec.loader, name)
        return spec

    @staticmethod
    def invalidate_caches() -> None:
        return None


_FINDER = _Finder()


def install() -> None:
    """Add the import hook, once, unless the module is already imported."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
