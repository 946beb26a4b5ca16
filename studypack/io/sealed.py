"""Cache files sealed with their checksum: a file's first line names the SHA-256 of the rest,
so a file cut short or changed on disk is known and never used. Here, below every cache that
keeps such files (the typeset documents and fonts of io/cache, the catalogues of io/words)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_SEAL = b"studypack-sha256:"  # a sealed file's first line: this, the hex digest of the rest, a newline


def seal(data: bytes) -> bytes:
    """`data` with its SHA-256 in front, as a cache file holds it."""
    return _SEAL + hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def unseal(sealed: bytes) -> bytes | None:
    """The content of a sealed cache file, None if it is not whole (cut short, bytes changed)."""
    head, newline, data = sealed.partition(b"\n")
    if not newline or not head.startswith(_SEAL):
        return None
    return data if head[len(_SEAL):] == hashlib.sha256(data).hexdigest().encode() else None


def read_plain(path: Path) -> bytes | None:
    """A cache file's bytes, None if it is missing, unreadable or a symbolic link (never followed)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as file:
            return file.read()
    except OSError:
        return None
