"""Small results kept between builds in one file of the user's cache: each formula's MathML and
its geometry at a size (`formulas.sqlite`, an SQLite database of sealed values by key).

One file, not a file per formula: a first build of a pack with 200 formulas spent more of its
time creating 400 files and 200 folders than setting the formulas (measured: a third of a
second of system time on its own). A process notes what it made (`put`) and writes it all in
one transaction (`flush`): after validating, before forking the processes that typeset, at the
end of each typesetting job (`pdf.typeset.typeset_all`), and when the process ends.

As every cache file, each value is sealed with its SHA-256 and checked when read: a damaged
one is discarded with a note and made again; a database that cannot be read is removed with a
note and started afresh; a symbolic link in its place is never followed. A connection belongs
to the process that opened it: a forked process opens its own (SQLite's rule), and drops what
it inherited unwritten (its parent writes that).
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path
from typing import Any

from studypack.base.errors import said
from studypack.base.paths import user_cache
from studypack.io import cache as caches

NAME = "formulas.sqlite"
_SIDE = ("", "-wal", "-shm", "-journal")  # the database and the files SQLite keeps beside it
_WAIT = 5.0  # seconds another process's write may hold the database before a write gives up


class _State:
    def __init__(self) -> None:
        self.pid = -1
        self.connection: Any = None
        self.folder: Path | None = None  # the cache folder the connection's database is in
        self.pending: dict[str, bytes] = {}
        self.lock = threading.Lock()  # serve sets formulas in more than one thread
        self.inherited: list[Any] = []  # connections a forked process must not use or close


_STATE = _State()


def get(key: str, what: tuple[str, str]) -> bytes | None:
    """The value kept under `key` (checked), None if there is none or the cache is off; `what`
    is said in the note when a damaged one is discarded ("the formula is set": its catalogue key
    and English)."""
    with _STATE.lock:
        connection = _connection()
        if connection is None:
            return None
        if key in _STATE.pending:
            return _STATE.pending[key]
        try:
            row = connection.execute("SELECT value FROM kept WHERE key = ?", (key,)).fetchone()
        except _errors() as error:
            _discard(error)
            return None
    if row is None:
        return None
    data = caches.unseal(bytes(row[0]))
    if data is None:
        caches.note(said("term.cache-kept-damaged", "a kept value in the cache ({name}) is damaged (its checksum does not "
                         "match): discarded, {what} made afresh", name=NAME, what=said(*what)))
        with _STATE.lock:
            _STATE.pending.pop(key, None)
            _execute("DELETE FROM kept WHERE key = ?", (key,))
    return data


def put(key: str, data: bytes) -> None:
    """Keep `data` under `key`: written with the rest of this process's at the next `flush`."""
    with _STATE.lock:
        if _connection() is not None:
            _STATE.pending[key] = data


def flush() -> None:
    """Write what this process made since the last flush, in one transaction (a database
    another process holds longer than a few seconds: this process's values are not kept)."""
    with _STATE.lock:
        if not _here().pending:
            return
        connection = _connection()  # (a cache folder moved since: what was pending went to the old one)
        pending, _STATE.pending = _STATE.pending, {}
        if connection is not None:
            _flush_to(connection, pending)


def _flush_to(connection, pending: dict[str, bytes]) -> None:
    """Write `pending` through `connection` in one transaction."""
    if pending:
        rows = [(key, caches.seal(value)) for key, value in pending.items()]
        _execute("INSERT OR REPLACE INTO kept (key, value) VALUES (?, ?)", rows, many=True, connection=connection)


def close() -> None:
    """Write what is pending and close the database (tests; a process ending does both)."""
    flush()
    with _STATE.lock:
        if _STATE.connection is not None and _STATE.pid == os.getpid():
            _STATE.connection.close()
        _STATE.connection, _STATE.pid = None, -1


atexit.register(flush)


def _here() -> _State:
    """The state, made this process's own: a forked process keeps its parent's connection
    untouched (never used, never closed) and its parent's unwritten values unwritten."""
    if _STATE.pid != os.getpid():
        if _STATE.connection is not None:
            _STATE.inherited.append(_STATE.connection)
        _STATE.pid, _STATE.connection, _STATE.pending = os.getpid(), None, {}
    return _STATE


def _path() -> Path | None:
    base = caches.base_folder()
    if base is None:
        return None
    path = base / NAME
    if any(os.path.islink(f"{path}{side}") for side in _SIDE):
        caches.note(said("term.cache-kept-link", "{path} in the cache is a symbolic link: not used; formulas are set afresh",
                         path=path))
        return None
    return path


def _connection():
    """This process's connection to the database in the cache folder, opened (and the table
    made) when first needed; None when the cache is off or SQLite is missing from this Python."""
    state = _here()
    folder = user_cache()
    if state.connection is not None and folder == state.folder:
        return state.connection
    if state.connection is not None:  # the cache folder moved (a test's): what is pending goes to the old one
        _flush_to(state.connection, state.pending)
        state.connection.close()
        state.connection, state.pending = None, {}
    path = _path()
    if path is None:
        return None
    try:
        import sqlite3  # loaded only by a pack with formulas (start-up speed)
    except ImportError:  # a Python built without it: formulas are set afresh each build
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=_WAIT, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        connection.execute("PRAGMA synchronous=NORMAL")  # a cache: no flush to disk on each commit
        connection.execute("CREATE TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
    except OSError:
        return None
    except sqlite3.Error as error:
        _discard(error, path)
        return None
    state.connection, state.folder = connection, folder
    return connection


def _execute(sql: str, values, many: bool = False, connection=None) -> None:
    connection = connection or _connection()
    if connection is None:
        return
    try:
        if many:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(sql, values)
            connection.execute("COMMIT")
        else:
            connection.execute(sql, values)
    except _errors() as error:
        if connection.in_transaction:
            try:
                connection.execute("ROLLBACK")
            except _errors():
                pass
        _discard(error)


def _errors() -> tuple[type[Exception], ...]:
    import sqlite3

    return (sqlite3.Error,)


def _discard(error: Exception, path: Path | None = None) -> None:
    """A database that is busy past the wait is left alone; one that cannot be read is removed
    with a note, and the next value made starts a new one."""
    import sqlite3

    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return
    path = path or _path()
    if _STATE.connection is not None:
        try:
            _STATE.connection.close()
        except sqlite3.Error:
            pass
        _STATE.connection = None
    if path is None:
        return
    caches.note(said("term.cache-kept-unreadable", "{path} in the cache cannot be read ({error}): removed, formulas set "
                     "afresh", path=caches.display_path(path), error=error))
    for side in _SIDE:
        try:
            os.unlink(f"{path}{side}")
        except OSError:
            pass
