"""The program's entry: hand a build or check to the resident server when one is running
(see the package), else run it here and start one for next time.

Handing a command over costs the server's copy nothing to start, so this process's own start
is most of what is left: it imports only what Python has loaded already and the interpreter's
own `_socket`, `_signal` and `marshal` (`socket` and `signal` build enum classes as they are
imported, `json` compiles patterns: together ~20 ms of a ~40 ms start). The request and the
replies are marshal data: strings, numbers, lists and dicts, between two processes of one
user and one installation (`place`)."""

from __future__ import annotations

import marshal
import os
import struct
import sys

import _signal
import _socket

from studypack.commands.resident import place

FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP")


def run() -> None:
    """`studypack`: the command, run by the resident server or, failing that, here."""
    argv = sys.argv[1:]
    wanted = place.wanted(argv)
    sign = place.signature() if wanted else ""
    path = place.socket_path(sign) if wanted else None
    if path is not None:
        code = delegate(path, sign, argv)
        if code is not None:
            os._exit(code)
    from studypack.commands.cli import run as run_here

    run_here(then=(lambda: start_server(path, sign)) if path is not None else None)


def delegate(path: str, sign: str, argv: list[str]) -> int | None:
    """The command's exit status, run by the server at `path`; None when no server took it
    (none running, another installation's, refused, not understood): then nothing has run."""
    try:
        connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError:
        return None
    try:
        connection.connect(path)
        _send(connection, sign, argv)
        reply = Replies(connection)
        started = reply.next()
        if started is None or not isinstance(started.get("pid"), int):
            return None  # refused (a stale server, another installation): nothing ran
        return _follow(reply, started["pid"])
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        return None  # not understood before the command started: run it here
    finally:
        connection.close()


def _send(connection, sign: str, argv: list[str]) -> None:
    mask = os.umask(0)
    os.umask(mask)
    ignored = [name for name in FORWARDED
               if hasattr(_signal, name) and _signal.getsignal(getattr(_signal, name)) == _signal.SIG_IGN]
    request = marshal.dumps({
        "signature": sign, "argv": [sys.argv[0], *argv], "cwd": os.getcwd(), "env": dict(os.environ),
        "umask": mask, "ignored": ignored, "prog": _program_name(),
        "streams": [[stream.encoding, stream.errors] if stream is not None else None
                    for stream in (sys.stdin, sys.stdout, sys.stderr)],
    })
    # the length, with the three streams passed along (socket.send_fds without the socket module)
    connection.sendmsg([len(request).to_bytes(8, "big")],
                       [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, struct.pack("3i", 0, 1, 2))])
    connection.sendall(request)


def _program_name() -> str:
    """What `--help` calls the program, as it would say run here: `studypack`, or `python -m
    studypack` when run so."""
    main = sys.modules.get("__main__")
    package = getattr(main, "__package__", None)
    if not package:
        return os.path.basename(sys.argv[0] if sys.argv else "studypack")
    return f"python -m {package}"


def _follow(reply: "Replies", pid: int) -> int:
    """Pass Ctrl-C, SIGTERM and SIGHUP on to the process running the command, and wait for
    its exit status (1, with a line, should it end without one)."""
    def forward(number, _frame):
        try:
            os.kill(pid, number)
        except OSError:
            pass

    for name in FORWARDED:
        number = getattr(_signal, name, None)
        if number is not None and _signal.getsignal(number) != _signal.SIG_IGN:
            _signal.signal(number, forward)
    while True:
        try:
            ended = reply.next()
        except InterruptedError:
            continue
        except (OSError, ValueError, EOFError, TypeError):
            ended = None
        if ended is None:
            os.write(2, (_ended_without_a_word() + "\n").encode("utf-8", "replace"))
            return 1
        if isinstance(ended.get("code"), int):
            return ended["code"]


class Replies:
    """The server's replies: each a dict, marshalled, after its length in 4 bytes."""

    def __init__(self, connection):
        self.connection = connection
        self.buffer = b""

    def next(self) -> dict | None:
        """The next reply; None when the server's end closed first."""
        if not self._fill(4):
            return None
        size = int.from_bytes(self.buffer[:4], "big")
        if not self._fill(4 + size):
            return None
        body, self.buffer = self.buffer[4:4 + size], self.buffer[4 + size:]
        said = marshal.loads(body)
        if not isinstance(said, dict):
            raise ValueError("not a reply")
        return said

    def _fill(self, size: int) -> bool:
        while len(self.buffer) < size:
            chunk = self.connection.recv(4096)
            if not chunk:
                return False
            self.buffer += chunk
        return True


def reply(said: dict) -> bytes:
    """A reply as `Replies` reads it (the server writes them)."""
    body = marshal.dumps(said)
    return len(body).to_bytes(4, "big") + body


def start_server(path: str, sign: str) -> None:
    """Start a resident server in the background, in a session of its own (a closed terminal
    or Ctrl-C does not reach it), with nothing of this terminal's; it ends when idle. It
    starts in the folder that holds this studypack, so it imports this one (never a folder
    of the same name where the command was run) and keeps no folder of the user's busy."""
    import subprocess  # only when no server ran the command (start-up speed)

    try:
        subprocess.Popen([sys.executable, "-m", "studypack.commands.resident.server", path, sign],
                         cwd=os.path.dirname(place.PACKAGE), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        pass


def _ended_without_a_word() -> str:
    """What to say when the server's process ended without a reply, in the terminal's language
    (the catalogue is read only now: the entry loads none on its way to a build)."""
    english = "studypack: the process running the command ended without a word; run it again with STUDYPACK_RESIDENT=0 and please report it"
    try:
        from studypack.io import words

        return words.words(words.terminal_language(os.environ, None)).alone("term.resident-ended")
    except Exception:  # noqa: BLE001 - a failing catalogue must not hide why the command stopped
        return english
