"""The program's entry: hand a build or check to the resident server when one is running
(see the package), else run it here and start one for next time."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys

from studypack.commands.resident import place

FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP")


def run() -> None:
    """`studypack`: the command, run by the resident server or, failing that, here."""
    argv = sys.argv[1:]
    wanted = place.wanted(argv)
    sign = place.signature() if wanted else ""
    path = place.socket_path(sign) if wanted else None
    if path is not None:
        code = delegate(str(path), sign, argv)
        if code is not None:
            os._exit(code)
    from studypack.commands.cli import run as run_here

    run_here(then=(lambda: start_server(str(path), sign)) if path is not None else None)


def delegate(path: str, sign: str, argv: list[str]) -> int | None:
    """The command's exit status, run by the server at `path`; None when no server took it
    (none running, another installation's, refused): then nothing has run."""
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
    except OSError:
        return None
    with connection:
        try:
            _send(connection, sign, argv)
            reply = _Replies(connection)
            started = reply.next()
        except OSError:
            return None
        if started is None or "pid" not in started:
            return None  # refused (a stale server): nothing ran
        return _follow(reply, int(started["pid"]))


def _send(connection: socket.socket, sign: str, argv: list[str]) -> None:
    mask = os.umask(0)
    os.umask(mask)
    ignored = [name for name in FORWARDED
               if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is signal.SIG_IGN]
    request = json.dumps({
        "signature": sign, "argv": [sys.argv[0], *argv], "cwd": os.getcwd(), "env": dict(os.environ),
        "umask": mask, "ignored": ignored, "prog": _program_name(),
        "streams": [[stream.encoding, stream.errors] if stream is not None else None
                    for stream in (sys.stdin, sys.stdout, sys.stderr)],
    }).encode()
    socket.send_fds(connection, [len(request).to_bytes(8, "big")], [0, 1, 2])
    connection.sendall(request)


def _program_name() -> str:
    """What `--help` calls the program, as it would say run here: `studypack`, or `python -m
    studypack` when run so."""
    main = sys.modules.get("__main__")
    package = getattr(main, "__package__", None)
    if not package:
        return os.path.basename(sys.argv[0] if sys.argv else "studypack")
    return f"python -m {package}"


def _follow(reply: "_Replies", pid: int) -> int:
    """Pass Ctrl-C, SIGTERM and SIGHUP on to the process running the command, and wait for
    its exit status (1, with a line, should it end without one)."""
    def forward(number, _frame):
        try:
            os.kill(pid, number)
        except OSError:
            pass

    for name in FORWARDED:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, forward)
    while True:
        try:
            ended = reply.next()
        except InterruptedError:
            continue
        except OSError:
            ended = None
        if ended is None:
            os.write(2, b"studypack: the process running the command ended without a word; run it again "
                        b"with STUDYPACK_RESIDENT=0 and please report it\n")
            return 1
        if "code" in ended:
            return int(ended["code"])


class _Replies:
    """The server's replies, one JSON object per line."""

    def __init__(self, connection: socket.socket):
        self.connection = connection
        self.buffer = b""

    def next(self) -> dict | None:
        while b"\n" not in self.buffer:
            chunk = self.connection.recv(4096)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)


def start_server(path: str, sign: str) -> None:
    """Start a resident server in the background, in a session of its own (a closed terminal
    or Ctrl-C does not reach it), with nothing of this terminal's; it ends when idle."""
    import subprocess  # only when no server ran the command (start-up speed)

    try:
        subprocess.Popen([sys.executable, "-m", "studypack.commands.resident.server", path, sign],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:
        pass
