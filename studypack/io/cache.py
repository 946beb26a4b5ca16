"""A content-addressed store of typeset documents in the user's cache folder.

A document's key is a hash of everything its PDF depends on (see app/cache_keys.py), so an
entry never goes stale: an edit makes new keys, and the rebuild typesets only the documents
whose keys are new. Entries are written whole or not at all; the oldest go when the store
grows past its limit. `studypack cache clear` empties it; `build --no-cache` bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studypack.base.errors import Location, Problem
from studypack.base.paths import user_cache
from studypack.io.output import write_whole

LIMIT = 200 * 1024 * 1024  # bytes kept; past it the least recently used entries go


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
    """Entries as files named by their key, under `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.written = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass
        return data

    def find(self, key: str) -> Cached | None:
        """The typeset document kept under `key`, if there is one that can be read."""
        data = self.get(key)
        return from_entry(data) if data is not None else None

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`; a cache that cannot be written only costs speed."""
        if write_whole(self._path(key), data):
            self.written += len(data)

    def prune(self, limit: int = LIMIT) -> None:
        """Remove the least recently used entries until the store is under `limit` bytes."""
        if not self.written:
            return
        entries = []
        for path in self.folder.glob("??/*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _t, size, _p in entries)
        for _mtime, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size


def folder() -> Path | None:
    """Where typeset documents are kept (None: no cache folder can be used)."""
    base = user_cache()
    return None if base is None else base / "typeset"


def store(enabled: bool = True) -> Store | None:
    found = folder() if enabled else None
    return None if found is None else Store(found)


def clear() -> tuple[Path | None, int]:
    """Empty studypack's cache folder (typeset documents, unpacked fonts); return it and the bytes freed."""
    base = user_cache()
    if base is None or not base.is_dir():
        return base, 0
    freed = sum(p.stat().st_size for p in base.rglob("*") if p.is_file())
    shutil.rmtree(base, ignore_errors=True)
    return base, freed
