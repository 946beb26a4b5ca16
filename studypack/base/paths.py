"""Paths named inside a pack must stay inside the pack folder; a pack's main file; where the user's cache is."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from platformdirs.api import PlatformDirsABC

from studypack.base.errors import StudypackError, display_path, said


_BASES: dict[Path, tuple[Path, ...]] = {}  # a pack that `extends:` others may use their files


def allow_bases(folder: Path, bases: list[Path]) -> None:
    """Let paths in the pack at `folder` reach the folders of the packs it is built on."""
    _BASES[Path(folder).resolve()] = tuple(Path(b).resolve() for b in bases)


def inside(folder: Path, name: str) -> Path:
    """The file `name` in `folder` (or in a pack it extends), refused if absolute or if it
    leads outside (../, symlinks)."""
    if not name or Path(name).is_absolute() or name.startswith(("/", "\\")) or ":" in name[:3]:
        raise StudypackError(said("term.pack-path-absolute", "'{name}' must be a path inside the pack folder, not an absolute "
                                  "path", name=name))
    root = Path(folder).resolve()
    target = (Path(folder) / name).resolve()
    roots = (root,) + _BASES.get(root, ())
    if not any(target == r or r in target.parents for r in roots):
        shown = display_path(folder)
        where = said("term.home-pack", "the pack folder") if shown == "." else shown
        raise StudypackError(said("term.pack-path-outside", "'{name}' leads outside the pack folder: keep the file inside "
                                  "{where}", name=name, where=where))
    return target


def user_cache() -> Path | None:
    """studypack's folder in the user's cache: unpacked fonts and typeset documents. Where
    $XDG_CACHE_HOME is set, $XDG_CACHE_HOME/studypack on every system (one way to move it
    anywhere); else the system's own place, named by platformdirs: ~/.cache/studypack on Linux
    (the folder earlier versions used everywhere, so existing caches stay valid),
    ~/Library/Caches/studypack on macOS, %LOCALAPPDATA%\\studypack\\Cache on Windows. None when
    STUDYPACK_NO_CACHE is set or no absolute folder can be named."""
    off, chosen = os.environ.get("STUDYPACK_NO_CACHE"), os.environ.get("XDG_CACHE_HOME")
    asked = (off, chosen, os.environ.get("HOME"), _SYSTEM_DIRS)
    if asked != _NAMED[0]:  # named afresh only when what names it changed: asked for at every kept formula
        _NAMED[:] = [asked, _named(off, chosen)]
    return _NAMED[1]


def _named(off: str | None, chosen: str | None) -> Path | None:
    if off:
        return None
    folder = os.path.join(chosen, "studypack") if chosen else _SYSTEM_DIRS("studypack", appauthor=False).user_cache_dir
    if not os.path.isabs(folder):
        return None
    return Path(folder)


_SYSTEM_DIRS: type[PlatformDirsABC] = platformdirs.PlatformDirs  # this system's conventions (the tests lend another's)
_NAMED: list = [None, None]  # the last folder named and what named it (the variables, the conventions)


PACKAGE = Path(__file__).resolve().parent.parent  # the shipped layouts/ and profiles/ are inside it, never a workspace's own
SHIPPED_LAYOUTS = PACKAGE / "layouts"

PACK_FILES = ("pack.yaml", "pack.yml")  # a pack folder's main file, under either spelling


def pack_file(folder: Path) -> Path | None:
    """The pack's main file in `folder` (pack.yaml, else pack.yml), or None if it has neither."""
    for name in PACK_FILES:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    return None
