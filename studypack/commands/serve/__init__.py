"""`studypack serve`: the pack's pages in a browser, rebuilt a moment after each save.

The optional `serve` extra: Starlette for the routes and Uvicorn
to serve them, both small, pure Python and widely kept; pypdfium2 draws the pages. They are
imported when the command runs, so the rest of studypack never needs them.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Callable

from studypack.base.errors import Problem, StudypackError, install_aside, os_reason, said
from studypack.base.paths import pack_file
from studypack.commands.serve.session import Session
from studypack.base.extras import install



def open_socket(host: str, port: int) -> socket.socket:
    """Bind first, so a port in use is a plain message, and port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise StudypackError(Problem(said("term.serve-port", "cannot listen on {host}:{port} ({reason}): choose another "
                                          "port with --port, or stop the program using it", host=host, port=port,
                                          reason=os_reason(exc)))) from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(pack_dir: Path, layout_name: str | None = None, tier: str | None = None, host: str = "127.0.0.1",
          port: int = 8000, jobs: int | None = None, echo: Callable[[str], None] = print,
          ready: Callable[[str], None] | None = None, review: Path | None = None) -> None:
    """Serve until interrupted; `ready` is told the address once the server listens. With
    `review` (a folder `studypack mark` wrote): its boxes to review, instead of a pack."""
    try:  # the optional extra, imported lazily
        import pypdfium2  # noqa: F401
        import uvicorn

        from studypack.commands.serve.app import LOOPBACK, create
    except ImportError:
        raise StudypackError(Problem(said("term.serve-needs", "serve needs a web server library (Starlette, Uvicorn and "
                                          "pypdfium2): {install}", install=install("serve", install_aside())))) from None
    hosts = LOOPBACK if host in LOOPBACK else ["*"]
    session = None
    if review is not None:
        from studypack.commands.serve import review as reviewing  # lazy: only for --review
        reviewing.check(review)
        app = reviewing.create(review, hosts)
    elif pack_file(Path(pack_dir)) is None:  # pack.yaml or pack.yml, as build and check take
        raise StudypackError(Problem(said("term.serve-no-pack", "no pack.yaml in {folder}: give the folder of a pack, e.g. "
                                          "studypack serve sources/show-trials", folder=pack_dir)))
    else:
        session = Session(pack_dir, layout_name, tier, jobs, echo=echo)
        app = create(session, hosts)
    sock = open_socket(host, port)
    # stopped, it waits a second for requests under way (a class set being made: its files are
    # temporary, deleted with the session's folder), not for as long as they take
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{sock.getsockname()[1]}/"
    if session is not None:
        session.start()
    try:
        (ready or echo)(address)
        server.run(sockets=[sock])
    finally:
        if session is not None:
            session.close()
        sock.close()
