"""Run independent render jobs on several cores, results in the order given.

Jobs are forked from the process that already imported everything and validated the
pack, so a worker starts in milliseconds and nothing is pickled but indices and bytes.
Where fork is not available (Windows, macOS defaults) the jobs run one after another.

Ctrl-C belongs to the build, not to its workers: a worker ignores SIGINT and SIGHUP (the
terminal sends them to the whole process group) and dies quietly on SIGTERM, so it never prints a traceback;
the build, interrupted, cancels the jobs not yet started and ends the running ones at once
(`end_workers`: a job may be a minute of typesetting), waiting only for them to be gone, so
no worker writes a file after the build has removed its temporary files.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Generic, Iterator, Sequence, TypeVar

if TYPE_CHECKING:  # the pool loads only when a job runs aside (start-up speed)
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable, Sequence] | None = None


@contextmanager
def settled() -> Iterator[None]:
    """While typesetting: every object alive when it starts (the modules imported, the fonts
    and the pack read) is out of the garbage collector's reach. They outlive the typesetting
    anyway; without this each full collection walks them all again (a tenth of a cold build's
    time went to collecting), and a forked job's collections would copy their pages. After it
    they are collected as before (a long-running `serve`). Memory only: the pages do not change."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def map_ordered(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, len(items))
    if jobs <= 1 or not _can_fork():
        return [func(item) for item in items]
    # the process pool loads only when jobs run side by side: one job, `check` and a build
    # whose documents all come from the cache never import it (start-up speed)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _TASK
    _TASK = (func, items)
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start, initargs=(os.getpid(),))
    try:
        with _forking():  # the workers are forked as the jobs are handed out
            # many small jobs (a class set's files) go to the workers in batches, not one message each
            results = pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (jobs * 16)))
        return list(results)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the running jobs are ended, not waited for
        end_workers()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    except BaseException:  # a failed job: start nothing more
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown()
        _TASK = None


def end_workers(timeout: float = 5) -> None:
    """End every worker this process forked (SIGTERM, which they die of quietly) and wait
    until they are gone: an interrupted build stops in a moment instead of waiting for the
    jobs under way."""
    multiprocessing = sys.modules.get("multiprocessing")  # not loaded: no worker was forked
    if multiprocessing is None:
        return
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout)


def _can_fork() -> bool:
    """Whether jobs can be forked (multiprocessing's "fork" start method exists where os.fork does)."""
    return hasattr(os, "fork")


_STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _forking() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait while workers are forked, and arrive just after: Python
    drops an exception its signal handler raises while it runs its after-fork callbacks, and
    the build would carry on as if never interrupted. Threads started meanwhile (the pool's)
    keep them blocked for good, so the main thread receives them."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _worker_start(parent: int) -> None:
    """Signals are the build's to handle; a worker must not outlive a build that was killed
    (Linux: the kernel kills it too)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's Ctrl-C and hang-up reach the whole
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # group: the build ends its workers itself
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # forked with them blocked (`_forking`)
    try:
        import ctypes  # only workers need it, and it costs start-up time in every build

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the build died before the line above took effect
        os._exit(1)


def _run(index: int):
    func, items = _TASK  # type: ignore[misc]
    return func(items[index])


class Aside(Generic[R]):
    """One job run in a forked process while this one goes on (the class set's answer key
    typesets while the copies are laid out); without fork, or with one job, it runs in
    `result()`."""

    def __init__(self, func: Callable[[], R], jobs: int | None = None):
        self.func = func
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[R] | None = None
        jobs = default_jobs() if jobs is None else jobs
        if jobs > 1 and _can_fork():
            import multiprocessing  # only when a job runs aside (start-up speed, as in map_ordered)
            from concurrent.futures import ProcessPoolExecutor

            global _ASIDE
            _ASIDE = func
            try:
                self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                                initializer=_worker_start, initargs=(os.getpid(),))
                with _forking():
                    self.future = self.pool.submit(_run_aside)
            finally:
                _ASIDE = None

    def result(self) -> R:
        if self.future is None or self.pool is None:
            return self.func()
        try:
            return self.future.result()
        except KeyboardInterrupt:
            end_workers()
            raise
        finally:
            self.pool.shutdown()


_ASIDE: Callable | None = None


def _run_aside():
    return _ASIDE()  # type: ignore[misc]


class Forked(Generic[R]):
    """One short job run in a forked child while this process goes on, its result pickled back
    through a pipe (a large roster read while the pack is read and checked): `Aside` for a job
    worth less than a process pool costs to start. The child writes nothing, dies of Ctrl-C,
    SIGTERM or SIGHUP without a word, and is ended with the build if the build stops first.
    Without fork, beside other threads (a fork copies only this one), or when its result or
    error cannot cross, the job runs in `result()`, as if never forked."""

    def __init__(self, func: Callable[[], R], fork: bool = True):
        self.func = func
        self.pid = 0
        self.pipe = -1
        threads = sys.modules.get("threading")
        if not fork or not _can_fork() or (threads is not None and threads.active_count() > 1):
            return
        read, write = os.pipe()
        with _forking():
            pid = os.fork()
            if pid == 0:  # the child: its signals back to their defaults, then the job
                _child(func, read, write)
        os.close(write)
        self.pid, self.pipe = pid, read

    def result(self) -> R:
        if not self.pid:
            return self.func()
        chunks = []
        try:
            while chunk := os.read(self.pipe, 1 << 20):
                chunks.append(chunk)
        except BaseException:  # interrupted while waiting: the child goes with the build
            self._end()
            raise
        os.close(self.pipe)
        os.waitpid(self.pid, 0)
        self.pid = 0
        if not chunks:  # the child died before it could answer
            return self.func()
        import pickle

        done, value = pickle.loads(b"".join(chunks))
        if done:
            return value
        if value is None:  # an error that could not cross: met again here, where it is said
            return self.func()
        raise value

    def close(self) -> None:
        """End the child if its result was never asked for (the build failed first)."""
        if self.pid:
            self._end()

    def _end(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.pipe)
        self.pid = 0


def _child(func: Callable, read: int, write: int) -> None:
    """A forked job's side: run it, send (done, its result or error) and leave at once (no
    atexit, no flushing of the parent's buffers)."""
    try:
        os.close(read)
        for number in _STOPPING:
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
        import pickle

        try:
            payload = (True, func())
        except Exception as exc:  # said by the parent, as if it had run the job
            payload = (False, exc)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps((False, None))
        view = memoryview(data)
        while view:
            view = view[os.write(write, view):]
    finally:
        os._exit(0)
