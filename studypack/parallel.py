"""Run independent render jobs on several cores, results in the order given.

Jobs are forked from the process that already imported everything and validated the
pack, so a worker starts in milliseconds and nothing is pickled but indices and bytes.
Where fork is not available (Windows, macOS defaults) the jobs run one after another.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    global _TASK
    _TASK = (func, items)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            return list(pool.map(_run, range(len(items))))
    finally:
        _TASK = None


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a build that was killed (Linux: the kernel kills it too)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the build died before the line above took effect
        os._exit(1)


def _run(index: int):
    func, items = _TASK  # type: ignore[misc]
    return func(items[index])
