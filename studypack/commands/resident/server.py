"""The resident server (see the package): `python -m studypack.commands.resident.server
SOCKET SIGNATURE`, started by the program's entry. It holds a lock beside its socket (one
server per installation), imports what a build uses, then forks a copy of itself for each
command a client hands it, until it has been idle for `place.IDLE_SECONDS`, its socket is
no longer its own, or a library it imported was installed anew (then a command runs in its
own process, which starts a new server)."""

from __future__ import annotations

import atexit
import fcntl
import gc
import io
import marshal
import os
import signal
import socket
import struct
import sys
import threading
import time

from studypack.commands.resident import client, place


def main(path: str, sign: str) -> None:
    lock = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another server serves this installation
    if place.signature() != sign or place.socket_path(sign) != path:
        return  # studypack changed while this one started: the next command starts another
    _preload()
    try:
        listening = _listen(path)
    except OSError:
        return  # no socket can be made there: every command runs in its own process
    made = _identity(path)
    if made is None:  # removed as soon as it was made: no command can reach this server
        listening.close()
        return
    held = _Held(path, sign, lock, _libraries(), made)
    signal.signal(signal.SIGTERM, lambda _number, _frame: sys.exit(0))  # ended: its socket goes with it
    try:
        _serve(listening, held)
    finally:
        if _identity(path) == held.socket:
            _remove(path)  # a socket someone put in its place is theirs
        listening.close()


class _Held:
    """What the server serves by: its socket (and that file's identity), its installation's
    signature, its lock, and the time of change of each folder it imports libraries from."""

    def __init__(self, path: str, sign: str, lock: int, libraries: dict, socket_file):
        self.path, self.sign, self.lock, self.libraries, self.socket = path, sign, lock, libraries, socket_file


def _identity(path: str):
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _libraries() -> dict[str, int | None]:
    """Each folder of the import path (its first left out: the folder the server started in,
    the one holding studypack, whose own files the signature covers) with its time of change: installing, upgrading or
    removing a library there adds or removes a folder in it, so a server whose imports
    are stale knows (studypack's signature alone would not)."""
    found: dict[str, int | None] = {}
    for entry in sys.path[1:]:
        try:
            found[entry] = os.stat(entry or ".").st_mtime_ns
        except OSError:
            found[entry] = None
    return found


def _preload() -> None:
    """Import what a build and a check use, and read what every build reads the same
    (`_read_shipped`): nothing of a command's own pack, layout or workspace is read here,
    so every command reads those as a new process would."""
    import studypack.app.build  # noqa: F401
    import studypack.commands.cli  # noqa: F401
    import studypack.pdf.typeset  # noqa: F401
    import studypack.views.job  # noqa: F401
    from studypack.media.maths import engine  # the maths engine, as a build with formulas loads it

    engine.before_import()
    import latex2mathml.converter  # noqa: F401
    import ziamath  # noqa: F401

    engine.install()
    import concurrent.futures.process  # noqa: F401  the typesetting processes' pool, as a larger build forks them
    import concurrent.futures.thread  # noqa: F401
    import multiprocessing.popen_fork  # noqa: F401
    import multiprocessing.synchronize  # noqa: F401
    from PIL import Image, ImageOps  # noqa: F401  pictures, as a pack with any loads them (media/images)

    Image.preinit()  # the common formats' readers, as the first picture opened loads them
    _complete_schemas()
    _read_shipped()
    gc.collect()
    gc.freeze()  # what the server holds is never collected: a copy's collections walk only its own objects


def _complete_schemas() -> None:
    """Build the validation schema of every model now, once: they are built on first use
    (`spec.fields.Strict`: defer_build), which in a copy was a fifth of a small build's time."""
    from pydantic import BaseModel

    waiting = [BaseModel]
    while waiting:
        model = waiting.pop()
        waiting.extend(model.__subclasses__())
        if model.__module__.startswith("studypack.") and not model.__pydantic_complete__:
            model.model_rebuild(raise_errors=False)  # one that cannot be built yet is built on first use, as before


def _read_shipped() -> None:
    """Read once what builds read the same from studypack's own files, kept by what it is
    (a catalogue by language, a template by its text, a face by family and spacing): the
    catalogues, and each shipped layout with every style's face registered and its
    templates compiled. A command's own layout, pack and workspace are still read by it."""
    from studypack.app import cache_keys
    from studypack.io import words
    from studypack.settings import layout as layouts

    for code in words.codes():
        words.catalogue(code)
    words.months()
    cache_keys.tool_digest_now()  # the package is this server's for as long as its signature names it
    for name in layouts.shipped_names():
        try:
            layout = layouts.load(name)
            for style in layouts.STYLE_NAMES:
                layout.face(style)
        except Exception:  # noqa: BLE001 - reading ahead only: a command meets any problem as it would
            continue


def _listen(path: str) -> socket.socket:
    _remove(path)  # a socket left by a server that was killed (the lock says none runs)
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    mask = os.umask(0o177)
    try:
        listening.bind(path)  # made 0600: only this user can connect
    finally:
        os.umask(mask)
    listening.listen(16)
    return listening


def _serve(listening: socket.socket, held: _Held) -> None:
    idle = float(os.environ.get("STUDYPACK_RESIDENT_IDLE", place.IDLE_SECONDS))
    children: set[int] = set()
    last = time.monotonic()
    listening.settimeout(min(idle, 5.0))
    while True:
        _reap(children)
        if children:
            last = time.monotonic()
        elif time.monotonic() - last > idle:
            return
        if _identity(held.path) != held.socket:
            return  # its socket was removed or replaced: no command can reach it
        try:
            connection, _address = listening.accept()
        except TimeoutError:
            continue
        last = time.monotonic()
        with connection:
            connection.settimeout(10)
            try:
                request, files = _receive(connection)
            except (OSError, ValueError, EOFError, TypeError):
                continue
            if request is None:
                _close(files)
                continue
            if request.get("signature") != held.sign or _libraries() != held.libraries:
                _close(files)  # another installation's (cannot happen by name), or a library changed:
                return  # the command runs in its own process, which starts a server of the new kind
            pid = os.fork()
            if pid == 0:
                listening.close()
                os.close(held.lock)  # the lock is the server's, not its copies'
                _child(connection, request, files)  # never returns
            _close(files)
            children.add(pid)


def _receive(connection: socket.socket) -> tuple[dict | None, list[int]]:
    """A client's request and its three streams, if the client is this user."""
    uid = _peer_uid(connection)
    head, files, _flags, _address = socket.recv_fds(connection, 8, 3)
    if uid is not None and uid != os.getuid():
        return None, files
    while len(head) < 8:
        more = connection.recv(8 - len(head))
        if not more:
            return None, files
        head += more
    size, body = int.from_bytes(head, "big"), b""
    while len(body) < size:
        more = connection.recv(min(1 << 20, size - len(body)))
        if not more:
            return None, files
        body += more
    if len(files) != 3:
        return None, files
    request = marshal.loads(body)  # from this user's own studypack (the peer's user checked above)
    return (request if isinstance(request, dict) else None), files


def _peer_uid(connection: socket.socket) -> int | None:
    """The connecting process's user, where the system says (Linux); the socket's folder and
    mode already keep other users out."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    credentials = connection.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1]


def _child(connection: socket.socket, request: dict, files: list[int]) -> None:
    """Run the command as the program would, in the client's place; report its exit status."""
    code = 1
    try:
        _become_client(request, files)
        connection.settimeout(None)
        connection.sendall(client.reply({"pid": os.getpid()}))
        threading.Thread(target=_stop_if_gone, args=(connection,), daemon=True).start()
        from studypack.commands.cli import run_command

        code = run_command(request.get("prog"))
        exits = getattr(atexit, "_run_exitfuncs", None)  # what Python's own ending runs (the formula cache's flush)
        if exits is not None:
            exits()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - a copy of the server never returns into its loop
        code = 1
    finally:
        _FINISHED.set()
        try:
            connection.sendall(client.reply({"code": code}))
        except OSError:
            pass
        os._exit(code)


_FINISHED = threading.Event()  # the command is over: its client may hang up


def _stop_if_gone(connection: socket.socket) -> None:
    """The client says nothing more after its request: when its end closes before the
    command is over (it was killed outright), the command is stopped as SIGTERM stops it,
    temporary files removed, as if it had run in the client's own process."""
    try:
        connection.recv(1)
    except OSError:
        pass
    if not _FINISHED.is_set():
        os.kill(os.getpid(), signal.SIGTERM)


def _become_client(request: dict, files: list[int]) -> None:
    """The client's streams, folder, environment, umask, arguments and ignored signals."""
    for target, fd in enumerate(files):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    if hasattr(time, "tzset"):
        time.tzset()
    os.umask(int(request["umask"]))
    sys.argv = list(request["argv"])
    ignored = set(request.get("ignored", ()))
    for name in ("SIGTERM", "SIGHUP", "SIGCHLD"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_IGN if name in ignored else signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN if "SIGINT" in ignored else signal.default_int_handler)
    streams = request.get("streams") or [None, None, None]
    sys.stdin, sys.stdout, sys.stderr = (_stream(fd, mode, streams[fd]) for fd, mode in ((0, "r"), (1, "w"), (2, "w")))


def _stream(fd: int, mode: str, how: list | None) -> io.TextIOWrapper:
    encoding, errors = (how or [None, None])
    raw = io.FileIO(fd, mode, closefd=False)
    tty = raw.isatty()
    buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, encoding=encoding or "utf-8", errors=errors or "strict",
                            line_buffering=tty or fd == 2, write_through=fd == 2)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def _close(files: list[int]) -> None:
    for fd in files:
        try:
            os.close(fd)
        except OSError:
            pass


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
