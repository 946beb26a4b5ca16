"""Waiting for a save: the system's own file events, or looking at the files where it has none.

Events come through watchfiles (inotify, FSEvents, ReadDirectoryChangesW, in Rust), so a
save is seen within milliseconds instead of at the next look. A save is acted on once no
file has changed for STEP_MS: an editor that writes twice (truncate then write, write a
copy then rename it over) causes one build. Where events cannot be had (watchfiles missing,
a network drive, the system's limit on watches reached) the files are looked at every
`LOOK_S` seconds instead, and a build waits until they stay unchanged for STEP_MS;
this is said once. A build of a file caught half-written fails like any broken file, and
the write that completes it is the next save.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterator

from studypack.base.errors import said
from studypack.commands.watch.inputs import Inputs, Snapshot

STEP_MS = 25  # quiet time after the last change before building (a save is built 25-50 ms after it); an editor's two writes come within it
LONGEST_MS = 1000  # a stream of changes (a folder copied in) still builds within a second
LOOK_S = 0.05  # looking at the files (no events): this often, so a save is built 25-75 ms after it (a stat of each input: far under 1 % of a core)


class Watcher:
    """Tells when one of the inputs of a build changes."""

    def __init__(self, interval: float = 0.5, echo: Callable[[str], None] = print, stop=None):
        self.interval, self.echo, self.stop = interval, echo, stop
        self._inputs: Inputs | None = None
        self._roots: tuple = ()
        self._events: Iterator[set] | None = None
        self._last: Snapshot | None = None  # when looking: what the files were at the last look
        self._looking = False

    def follow(self, inputs: Inputs, changed: Callable[[], bool]) -> bool:
        """Watch `inputs` from now on; whether a build is due already. When the watch moves
        to other folders, a save made meanwhile could go unseen: `changed` (comparing the
        files with a snapshot taken before the last build) is asked then."""
        self._inputs = inputs
        if self._looking:
            self._last = inputs.snapshot()
            return changed()
        roots = inputs.roots()
        if roots == self._roots and self._events is not None:
            return False
        self._roots, self._events = roots, self._open(roots)
        heard = self._heard()  # starts the watch now, then waits at most `interval` for a save
        return heard or changed()

    def wait(self) -> bool:
        """Until an input changes (True) or about `interval` seconds pass (False)."""
        if self._events is not None and not self._looking:
            return self._heard()
        return self._look()

    def _heard(self) -> bool:
        """The system's next report: whether an input changed, within `interval`."""
        if self._events is None:
            return False
        try:
            return bool(next(self._events))
        except StopIteration:  # stopped (serve is closing)
            return False
        except (OSError, RuntimeError) as exc:  # no events here: look instead
            self._fall_back(str(exc) or type(exc).__name__)
            return False

    def _open(self, roots: tuple) -> Iterator[set] | None:
        try:
            import watchfiles  # the system's file events, through a small Rust library
        except ImportError:
            self._fall_back("watchfiles is not installed")
            return None
        if not roots:
            return None
        return watchfiles.watch(*roots, watch_filter=self._concerns, debounce=LONGEST_MS, step=STEP_MS,
                                rust_timeout=max(STEP_MS, round(self.interval * 1000)), yield_on_timeout=True,
                                stop_event=self.stop, recursive=True)

    def _concerns(self, _change, path: str) -> bool:
        return self._inputs is not None and self._inputs.concerns(Path(path))

    def _fall_back(self, why: str) -> None:
        self._looking, self._events = True, None
        self.echo(said("term.watch-polling", "cannot be told of saves here ({why}): looking at the files every {interval} s "
                       "instead", why=why, interval=f"{min(LOOK_S, self.interval):g}"))
        if self._inputs is not None:
            self._last = self._inputs.snapshot()

    def _look(self) -> bool:
        """Polling: whether the files changed since the last look (every `LOOK_S`, for at most
        `interval`), once they stay unchanged for STEP_MS."""
        step = min(LOOK_S, self.interval)
        if self._inputs is None:
            time.sleep(self.interval)
            return False
        if self._last is None:
            self._last = self._inputs.snapshot()
        until = time.monotonic() + self.interval
        while True:
            time.sleep(step)
            now = self._inputs.snapshot()
            if now != self._last:
                break
            if time.monotonic() >= until or (self.stop is not None and self.stop.is_set()):
                return False
        quiet = min(STEP_MS / 1000, step)  # then unchanged for STEP_MS, as with events: an editor's two writes build once
        while not (self.stop is not None and self.stop.is_set()):
            time.sleep(quiet)
            now, before = self._inputs.snapshot(), now
            if now == before:
                break
        self._last = now
        return True
