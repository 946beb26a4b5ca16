"""A content-addressed store of typeset documents in the user's cache folder.

A document's key is a hash of everything its PDF depends on (see app/cache_keys.py), so an
entry never goes stale: an edit makes new keys, and the rebuild typesets only the documents
whose keys are new. Entries are written whole or not at all, each sealed with the SHA-256
of its content and checked on every read: a damaged entry is dropped with a note and typeset
again, never used. The least recently used go when the store grows past its bound
(STUDYPACK_CACHE_MAX_MB, 500 by default). A cache folder that is a symbolic link is not
written through: the build goes without the cache and says so. `studypack cache clear`
empties it; `build --no-cache` bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studypack.base.errors import Location, Problem, display_path, said
from studypack.base.paths import user_cache
from studypack.io.output import write_whole
from studypack.io.sealed import read_plain, seal, unseal  # noqa: F401 (theirs: caches.seal and the rest)

LIMIT_MB = 500  # megabytes kept by default; past it the least recently used entries go
_NOTED: set[str] = set()


def note(message: str) -> None:
    """Say once per process, on stderr, what the cache did instead of the usual (never fatal)."""
    if message not in _NOTED:
        _NOTED.add(message)
        print(said("term.cache-note", "note: {message}", message=message), file=sys.stderr)


def read_sealed(path: Path, what: tuple[str, str]) -> bytes | None:
    """The checked content of the cache file at `path`; a damaged one is removed, with a note
    saying `what` is done instead (its catalogue key and English: said only when noted)."""
    if path.is_symlink():
        note(said("term.cache-link-file", "{path} in the cache is a symbolic link: not followed, {what} made afresh",
                  path=path, what=said(*what)))
        return None
    raw = read_plain(path)
    if raw is None:
        return None
    data = unseal(raw)
    if data is None:
        note(said("term.cache-damaged", "{path} in the cache is damaged (its checksum does not match): discarded, {what} "
                  "made afresh", path=display_path(path), what=said(*what)))
        _remove(path)
    return data


def write_sealed(path: Path, data: bytes) -> bool:
    """Write `data` sealed, whole or not at all; whether it was written (never through a link)."""
    if any(part.is_symlink() for part in (path.parent, path)):
        return False
    return write_whole(path, seal(data))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def limit() -> int:
    """The store's bound in bytes: STUDYPACK_CACHE_MAX_MB megabytes, else 500."""
    try:
        megabytes = float(os.environ.get("STUDYPACK_CACHE_MAX_MB", LIMIT_MB))
    except ValueError:
        megabytes = LIMIT_MB
    return max(0, int(megabytes * 1024 * 1024))


def digest(*parts: bytes | str) -> str:
    """One hex key for several inputs, each length-prefixed so no two splits collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


def installed_version(name: str) -> str | None:
    """The version of an installed distribution as its metadata folder on sys.path names it
    (`reportlab-4.2.0.dist-info`, or a system package's `.egg-info`), None when none does.
    Found as importlib.metadata finds it (the first on sys.path), without importing it: it
    loads the email package, tens of milliseconds of start-up for a few version numbers."""
    return _installed().get(_distribution(name))


@lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if item.endswith((".dist-info", ".egg-info")):
                dist, _, version = item.rsplit(".", 1)[0].partition("-")
                found.setdefault(_distribution(dist), version)
    return found


def _distribution(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@dataclass(frozen=True)
class Cached:
    """A typeset document as the cache keeps it (what typeset.Typeset holds)."""

    data: bytes
    pages: int
    warnings: tuple[Problem, ...]


def entry(document: Cached) -> bytes:
    """A typeset document as a cache entry: a JSON line (pages, warnings), then the PDF."""
    head = {"pages": document.pages,
            "warnings": [[w.message, w.location.file if w.location else None,
                          w.location.line if w.location else None, list(w.about or [])] for w in document.warnings]}
    return json.dumps(head).encode() + b"\n" + document.data


def from_entry(entry: bytes) -> Cached | None:
    """The cached document, or None for an entry that cannot be read (a damaged cache only costs time)."""
    try:
        head, data = entry.split(b"\n", 1)
        found = json.loads(head)
        warnings = tuple(Problem(message, Location(file, line) if file is not None else None, tuple(about) or None)
                         for message, file, line, about in found["warnings"])
        if not data.startswith(b"%PDF") or not data.rstrip().endswith(b"%%EOF"):
            return None
        return Cached(data, int(found["pages"]), warnings)
    except (ValueError, KeyError, TypeError):
        return None


class Store:
    """Entries as sealed files named by their key, under `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.written = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        """The checked content kept under `key` (None if none, or if it was damaged)."""
        path = self._path(key)
        data = read_sealed(path, ("term.cache-what-document", "the document is typeset"))
        if data is not None:
            try:
                os.utime(path, follow_symlinks=False)  # recently used: pruned last
            except (OSError, NotImplementedError):
                pass
        return data

    def has(self, key: str) -> bool:
        """Whether something is kept under `key` (without reading it: `find` reads it)."""
        return self._path(key).is_file()

    def find(self, key: str) -> Cached | None:
        """The typeset document kept under `key`, if there is one that can be read."""
        data = self.get(key)
        found = from_entry(data) if data is not None else None
        if data is not None and found is None:
            note(said("term.cache-unreadable", "{path} in the cache cannot be read: discarded, the document is typeset "
                      "afresh", path=display_path(self._path(key))))
            _remove(self._path(key))
        return found

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`; a cache that cannot be written only costs speed."""
        if write_sealed(self._path(key), data):
            self.written += len(data)

    def entries(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of each entry: plain files in plain subfolders, no link followed."""
        found = []
        for sub in _listing(self.folder):
            if sub.is_dir(follow_symlinks=False):
                for item in _listing(Path(sub.path)):
                    if item.is_file(follow_symlinks=False):
                        stat = item.stat(follow_symlinks=False)
                        found.append((stat.st_mtime, stat.st_size, Path(item.path)))
        return found

    def prune(self, bound: int | None = None) -> list[Path]:
        """After a build added entries, remove the least recently used until the store is
        within `bound` bytes (STUDYPACK_CACHE_MAX_MB): the paths removed, oldest first."""
        if not self.written:
            return []
        bound = limit() if bound is None else bound
        entries = self.entries()
        total = sum(size for _t, size, _p in entries)
        removed = []
        for _mtime, size, path in sorted(entries):
            if total <= bound:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed.append(path)
        return removed


def _listing(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda item: item.name)
    except OSError:
        return []


def base_folder() -> Path | None:
    """studypack's own folder in the user's cache, None when there is none to use: off
    (STUDYPACK_NO_CACHE, no home folder) or a symbolic link, which is never written through
    (a note says so; the build goes on without the cache)."""
    base = user_cache()
    if base is None:
        return None
    if base.is_symlink():
        note(said("term.cache-link-folder", "the cache folder {base} is a symbolic link: not used (remove the link, or "
                  "point XDG_CACHE_HOME at the folder you want); building without the cache", base=base))
        return None
    return base


def subfolder(name: str) -> Path | None:
    """A part of the cache (typeset, fonts), None if off or if it is a symbolic link."""
    base = base_folder()
    if base is None:
        return None
    found = base / name
    if found.is_symlink():
        note(said("term.cache-link-part", "{path} in the cache is a symbolic link: not used; building without it", path=found))
        return None
    return found


def folder() -> Path | None:
    """Where typeset documents are kept (None: no cache folder can be used)."""
    return subfolder("typeset")


def store(enabled: bool = True) -> Store | None:
    found = folder() if enabled else None
    return None if found is None else Store(found)


@dataclass(frozen=True)
class Cleared:
    """What `clear` removed: from which folder, how many files (links counted as files) and bytes."""

    folder: Path | None
    files: int = 0
    size: int = 0
    link: Path | None = None  # the cache folder was a symbolic link to here: only the link went


def clear() -> Cleared:
    """Empty studypack's cache folder (typeset documents, unpacked fonts), never following a
    symbolic link out of it: a link inside is removed as a link; a cache folder that is itself
    a link is removed as one, and what it points to is left alone."""
    base = user_cache()
    if base is None:
        return Cleared(None)
    if base.is_symlink():
        target = Path(os.readlink(base))
        size = base.lstat().st_size
        _remove(base)
        return Cleared(base, 0 if base.is_symlink() else 1, size, target)
    files, size = 0, 0
    for root, dirs, names in os.walk(base, topdown=False):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = Path(root) / name
            try:
                length = path.lstat().st_size
                path.unlink()
            except OSError:
                continue
            files, size = files + 1, size + length
        try:
            os.rmdir(root)
        except OSError:
            pass
    return Cleared(base, files, size)
