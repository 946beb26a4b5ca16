"""`studypack watch`: rebuild a pack every time one of its inputs is saved.

A save that changes a sheet writes that sheet's PDF first, then the rest (the whole
pack and the key take several times as long), so the page being edited shows soonest.
The inputs are every file the last build read (the pack's YAML, pictures, the layout and
its `extends:` chain, the profile, studypack.yaml) and the folders new ones appear in
(`inputs`); the system reports saves (`changes`). Errors are printed and watching goes on; a
failed build never replaces the PDFs of the last good one (the build itself writes all
files at once or none), so Ctrl-C at any moment leaves the old PDFs or the new ones.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from studypack.app.build import build
from studypack.base.errors import StudypackError, display_path, said
from studypack.commands.watch.changes import Watcher
from studypack.commands.watch.inputs import bases, of_build, snapshot

__all__ = ["bases", "build_once", "snapshot", "watch"]


def build_once(pack_dir: Path, layout_name: str | None, out_root: Path, echo: Callable[[str], None],
               interrupted: threading.Event | None = None) -> list[Path] | None:
    """Build and print what happened; the files the build read, or None when it failed."""
    started = time.perf_counter()

    def first(written: list) -> None:  # the edited sheet, written before the pack and key are set
        names = ", ".join(item.path.name for item in written)
        echo(said("term.watch-first", "{time} wrote {names} in {seconds} s; the pack and the key follow…",
                  time=time.strftime("%H:%M:%S"), names=names, seconds=f"{time.perf_counter() - started:.2f}"))

    try:
        result = build(pack_dir, layout_name, out_root, first=first)
        if interrupted is not None and interrupted.is_set():
            raise KeyboardInterrupt
    except StudypackError as exc:
        for problem in exc.problems:
            echo(str(problem))
        echo(said("term.watch-failed", {"one": "{time} build failed ({n} problem); the last good PDFs are unchanged. "
                                               "Watching…",
                                        "other": "{time} build failed ({n} problems); the last good PDFs are unchanged. "
                                                 "Watching…"}, len(exc.problems), time=time.strftime("%H:%M:%S")))
        return None
    except Exception as exc:  # a bug in studypack must not end the watch the teacher relies on
        if interrupted is not None and interrupted.is_set():  # its typesetting processes were ended
            raise KeyboardInterrupt from None
        if os.environ.get("STUDYPACK_DEBUG"):
            raise
        echo(said("term.watch-internal", "internal error: {error}. Please report it (STUDYPACK_DEBUG=1 shows details).",
                  error=f"{type(exc).__name__}: {exc}"))
        echo(said("term.watch-failed-bug", "{time} build failed. Watching…", time=time.strftime("%H:%M:%S")))
        return None
    for warning in result.warnings:
        echo(said("term.warning", "warning: {warning}", warning=warning))
    pages = sum(item.pages for item in result.written)
    reused = len(result.written) - len(result.typeset)
    note = said("term.watch-reused", " ({typeset} typeset, {reused} unchanged)", typeset=len(result.typeset),
                reused=reused) if reused else ""
    echo(said("term.watch-built", "{time} built {files} PDFs, {pages} pages in {seconds} s{note} into {folder}. Watching…",
              time=time.strftime("%H:%M:%S"), files=len(result.written), pages=pages,
              seconds=f"{time.perf_counter() - started:.2f}", note=note, folder=display_path(result.written[0].path.parent)))
    return result.read


def watch(pack_dir: Path, layout_name: str | None = None, out_root: Path = Path("output"),
          interval: float = 0.5, echo: Callable[[str], None] = print,
          polls: int | None = None, stop: threading.Event | None = None) -> int:
    """Build now, then again after every save. `interval`: how long one wait lasts, and how
    often the files are looked at where the system cannot report saves; `polls` bounds the
    waits and `stop` ends them (for tests and callers that run it in a thread). Returns the
    builds run."""
    with stopping_at_once() as interrupted:
        return _watch(Path(pack_dir), layout_name, Path(out_root), Watcher(interval, echo, stop), echo, polls, stop,
                      interrupted)


def _watch(pack_dir: Path, layout_name: str | None, out_root: Path, watcher: Watcher, echo: Callable[[str], None],
           polls: int | None, stop: threading.Event | None, interrupted: threading.Event) -> int:
    output = out_root / pack_dir.resolve().name  # where this pack's PDFs go
    read: list[Path] = []
    inputs = of_build(pack_dir, layout_name, read, output)
    builds, waits, due = 0, 0, True
    while True:
        if due:
            before = inputs.snapshot()
            read = build_once(pack_dir, layout_name, out_root, echo, interrupted) or read  # a failed build read no less
            builds += 1
            old, inputs = inputs, of_build(pack_dir, layout_name, read, output)
            due = watcher.follow(inputs, lambda: old.snapshot() != before)  # saved meanwhile?
            continue
        if (polls is not None and waits >= polls) or (stop is not None and stop.is_set()):
            return builds
        waits += 1
        due = watcher.wait()
        if interrupted.is_set():  # Ctrl-C whose KeyboardInterrupt Python swallowed (below)
            raise KeyboardInterrupt


@contextmanager
def stopping_at_once() -> Iterator[threading.Event]:
    """Ctrl-C during a build stops it at once: the typesetting processes (which leave signals
    to the build) are ended first, so the build does not wait for their documents. Nothing is
    written until every document is typeset, and then all at once, so the output folder
    keeps the old PDFs or the new ones. Only in the main thread, where signals arrive.

    Python drops a KeyboardInterrupt raised while it runs its after-fork callbacks (as a
    build starts its processes); the event it yields is set by Ctrl-C all the same, and the
    watch ends when it sees it, after that build at the latest."""
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield interrupted
        return

    def stop(_signum, _frame):
        interrupted.set()
        import multiprocessing  # loaded already when a build has typesetting processes

        for child in multiprocessing.active_children():
            child.terminate()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)
