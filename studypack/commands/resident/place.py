"""Where the resident server listens, and which installation it serves: the program's entry
reads it before anything else is imported, so it uses the few modules Python has loaded
already (no pathlib, no hashlib's OpenSSL: a tenth of a handed-over command's own time)."""

from __future__ import annotations

import os
import stat  # imported by Python's own start already
import sys

try:  # the interpreter's own SHA-256 (hashlib loads OpenSSL first: ~10 ms)
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.12 renamed it; elsewhere, hashlib's
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[no-redef]

PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # studypack/
COMMANDS = ("build", "check")  # what a resident server runs; the rest run in their own process
IDLE_SECONDS = 600.0  # a server with nothing to do for this long ends itself
KINDS = (".py", ".yaml", ".html", ".xz", ".json", ".txt", ".j2", ".png")  # the package's files a
# signature covers: every one the cache's digest of the tool covers too (app/cache_keys)


def wanted(argv: list[str]) -> bool:
    """Whether this command line goes to a resident server: a build or check, where the
    system can pass a terminal between processes, unless STUDYPACK_RESIDENT=0."""
    return (bool(argv) and argv[0] in COMMANDS and os.environ.get("STUDYPACK_RESIDENT", "1") != "0"
            and hasattr(os, "fork") and hasattr(os, "getuid") and _can_pass_files())


def _can_pass_files() -> bool:
    import _socket

    return hasattr(_socket, "AF_UNIX") and hasattr(_socket, "SCM_RIGHTS") and hasattr(_socket.socket, "sendmsg")


def signature() -> str:
    """This installation: the interpreter, its PYTHONPATH, and the name, size and
    time of every file of the package (a few milliseconds; an edited or upgraded studypack gives another)."""
    digest = sha256("\0".join([sys.executable, sys.version, sys.prefix, PACKAGE,
                               os.environ.get("PYTHONPATH", "")]).encode())
    for folder, subfolders, files in sorted(os.walk(PACKAGE)):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(KINDS):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def folder() -> str | None:
    """The user's own folder for the socket, made if need be: XDG_RUNTIME_DIR's, else one in
    the system's temporary folder. None unless it is a real folder of this user's that no
    one else can open (a folder someone else made, or opened up, is never used)."""
    base = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    place = os.path.join(base, f"studypack-{os.getuid()}")
    try:
        os.mkdir(place, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(place)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return place


SOCKET_NAME_MAX = 100  # bytes a socket's path may hold (104 on some systems, 108 on Linux)


def socket_path(sign: str) -> str | None:
    """The server's socket, if the user's folder can hold one (a deep folder's path is too long)."""
    where = folder()
    path = os.path.join(where, f"resident-{sign}.sock") if where is not None else None
    return path if path is not None and len(os.fsencode(path)) <= SOCKET_NAME_MAX else None
