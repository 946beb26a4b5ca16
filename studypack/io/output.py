"""Write a build's PDFs all-or-nothing, and survive being killed at any moment.

1. Every file is written to a temporary file beside its target (`.studypack-*.tmp`),
   by this process or, for a class set, by forked writers, and flushed to disk. A build killed here leaves the previous PDFs untouched; the next
   build removes the leftovers.
2. Every target is checked to be replaceable (not a folder, not locked by another program,
   a name the file system can hold); if one is not, the build stops here, naming it, and
   nothing has changed. Then a journal (`.studypack-journal`) naming each temporary file
   and its target is put in place with one atomic rename: that is the moment the new
   build counts as written.
3. The temporary files are renamed over their targets, stale PDFs of the previous build
   (named in its manifest, and only those) are removed, and the journal is deleted.
   A build killed during this step is finished by the next one (or any `recover`), so
   the folder never stays a mix of two builds. Should a rename still fail here (a PDF
   opened in a reader between the check and the rename), the error says which file and
   that the next build finishes the job; the journal stays until one does.

Ctrl-C, SIGTERM and SIGHUP arriving from the journal's write to its removal are held
until the renames are done (a fraction of a second), then acted on: an interrupted build
never leaves the folder half renamed, and `written()` tells the command which folders hold
the new PDFs, so its message says which state the folder is in. Before that point an
interrupt removes every temporary file and the earlier PDFs stay.

Writers to one folder take turns (an advisory lock on the folder where the system has
one). For tests only: STUDYPACK_TEST_PAUSE=<seconds> sleeps after each file is written
and after each rename, so a test can kill a real build in each step.
"""

from __future__ import annotations

import errno
import itertools
import os
import secrets
import signal
import stat
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Collection
from contextlib import contextmanager
from pathlib import Path

from studypack.base.errors import Problem, StudypackError, display_path, os_reason, said
from studypack.base.parallel import map_ordered

TEMP_PREFIX = ".studypack-"
TEMP_SUFFIX = ".tmp"
JOURNAL = ".studypack-journal"
OWNER = ".pack-folder"  # the pack whose PDFs a folder holds: two packs named alike never share one
MANY = 8  # more files than this: made durable by one syncfs (see _durable)
# more files a writer fills than this: written by forked writers. A copy of a class set takes
# this process about half a millisecond of CPU; forking two writers (and loading the process
# pool) costs some 40 ms of CPU and saves, on two cores, little wall time below this
# (benchmarks/bench_copies_paired.py, paired: 30 students written here 0.05 s less CPU and
# less wall time; 120 students 0.04 s less CPU, their files' wall time 14 ms more)
FORK_WRITERS = 128
HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

_WRITTEN: list[Path] = []  # folders whose new PDFs this process put in place (committed)


def write_all(files: dict, manifest: Path | None = None, jobs: int | None = 1, prune: bool = True,
              keep: Collection[str] = ()) -> list[str]:
    """Write every file, or none: on any error the earlier outputs stay as they were.

    All files go into one folder. A value is the file's bytes, or a function that writes
    them to an open binary file (so a class set of a thousand copies is never held in
    memory at once); with `jobs`, such functions run in that many forked processes
    (None: all cores).

    With a manifest, files the previous build wrote there and this one did not (a sheet
    renamed or removed) are deleted, and nothing else: a teacher's own files stay. With
    `prune=False` they are kept, and stay in the manifest for a later build to remove.
    Returns those files' names (removed, or kept), sorted. `keep`: names of the last build
    that are still current though this build does not write them (a student's copy when only
    the class set is written): never removed, and kept in the manifest.
    """
    folder = _one_folder(files, manifest)
    _check_targets(folder, [folder])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    with _locked(folder):
        try:
            recover(folder)
        except OSError as exc:
            raise _unfinished(folder, exc) from None
        stale: set[str] = set()
        if manifest is not None:
            files, stale = _with_manifest(files, manifest, prune, set(keep))
        temps: list[tuple[Path, Path]] = []
        committed = False
        try:
            _check_targets(folder, list(files))  # fail fast, before minutes of writing
            _write_temps(folder, files, temps, jobs)
            _check_targets(folder, [target for _temp, target in temps])  # and again, just before
            with signals_held():  # from the journal to the last rename: never half renamed
                _commit(folder, temps, stale if prune else set())
                committed = True
                if folder not in _WRITTEN:  # `watch` writes one folder again and again
                    _WRITTEN.append(folder)
                _apply(folder)
        except OSError as exc:
            raise (_unfinished(folder, exc) if committed else _cannot_write(folder, exc)) from None
        finally:
            if not committed:
                for temp, _target in temps:
                    _unlink(temp)
    return sorted(stale)


def _one_folder(files: dict, manifest: Path | None) -> Path:
    folders = {target.parent for target in files} | ({manifest.parent} if manifest else set())
    if len(folders) != 1:
        raise ValueError("write_all writes into exactly one folder")
    return folders.pop()


def _with_manifest(files: dict, manifest: Path, prune: bool, keep: set[str]) -> tuple[dict, set[str]]:
    """The files with the new manifest among them, and the stale names: those the previous
    build wrote and this one does not, nor keeps (with `prune` off, those still there, kept
    listed)."""
    folder = manifest.parent
    unwritten = _read_manifest(manifest) - {p.name for p in files}
    current = {name for name in unwritten & keep if (folder / name).is_file()}
    stale = unwritten - current
    if not prune:
        stale = {name for name in stale if (folder / name).is_file()}
    listed = {p.name for p in files if not p.name.startswith(".")} | current | (set() if prune else stale)
    return {**files, manifest: "".join(f"{name}\n" for name in sorted(listed)).encode()}, stale


def _write_temps(folder: Path, files: dict, temps: list[tuple[Path, Path]], jobs: int | None) -> None:
    """Each file to a temporary file beside its target, flushed to disk; (temp, target) added
    to `temps` as each is made, so a failure part way removes those already written."""
    # a file its writer fills is created by that writer, under a name given here (so a
    # failed build knows what to remove), and synced after, with the others, side by side
    planned = _planned_names(folder)
    # the folder opened before a byte is written: its syncfs reports any write-back that failed since
    watch = os.open(folder, os.O_RDONLY) if len(files) > MANY else None
    try:
        for target, data in files.items():
            temp = next(planned)
            temps.append((temp, target))  # named before it exists: an interrupt at any moment removes it
            if not callable(data):
                _write_one((temp, lambda handle, data=data: handle.write(data)))
        writers = [(temp, files[target]) for temp, target in temps if callable(files[target])]
        if writers:
            map_ordered(_write_one, writers, jobs if len(writers) > FORK_WRITERS else 1)
        _durable([temp for temp, _target in temps], watch)
    finally:
        if watch is not None:
            os.close(watch)


def _durable(temps: list[Path], folder_fd: int | None) -> None:
    """Every file on the disk before the journal names it. Many (a class set): one syncfs of
    the folder's file system where the system has it (Linux 5.8 on, which reports a failed
    write-back): one wait and one call, where a fsync a file took three calls each and a
    thread pool, and kept the disk's write-back in this process. Else, or a few files (a
    pack's): each fsynced, the waits side by side (one wait, not one each)."""
    if folder_fd is not None and _syncfs(folder_fd):
        return
    _each(_fsync, temps)


def _syncfs(folder_fd: int) -> bool:
    """Flush the file system holding the open folder (every file written to it) and wait;
    whether it could (False: no syncfs here, or one that does not report errors)."""
    if not sys.platform.startswith("linux") or _kernel() < (5, 8):
        return False
    import ctypes  # only a build of many files needs it (start-up speed)

    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "syncfs"):
        return False
    if libc.syncfs(folder_fd) != 0:
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL):
            return False
        raise OSError(code, os.strerror(code))
    return True


def _kernel() -> tuple[int, ...]:
    """The running Linux kernel's version, as numbers ('6.1.0-13-amd64' -> (6, 1))."""
    numbers = []
    for part in os.uname().release.split(".")[:2]:
        digits = "".join(itertools.takewhile(str.isdigit, part))
        numbers.append(int(digits or 0))
    return tuple(numbers)


def write_whole(path: Path, data: bytes) -> bool:
    """Write one file whole or not at all (a temporary file beside it, renamed over it), for
    the user's cache: whether it was written; a cache that cannot be written only costs speed."""
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError:
        _unlink(temp)
        return False
    return True


def claim(folder: Path, pack_root: Path) -> dict[Path, bytes]:
    """The marker to write with a pack's PDFs, or an error if the folder holds another
    pack's: `a/trials` and `b/trials` both build into output/trials, and the second would
    silently delete the first's PDFs. A recorded pack that has moved or gone is no owner."""
    root = str(Path(pack_root).resolve())
    try:
        recorded = (Path(folder) / OWNER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        recorded = ""
    if recorded and recorded != root and (Path(recorded) / "pack.yaml").is_file():
        raise StudypackError(Problem(said(
            "term.out-other-pack", "{folder} holds the PDFs of another pack with the same folder name ({other}): build this "
            "one with --out somewhere else, or rename one of the two folders", folder=display_path(folder),
            other=display_path(Path(recorded)))))
    return {Path(folder) / OWNER: f"{root}\n".encode("utf-8")}


def recover(folder: Path) -> None:
    """Finish a write that was interrupted after its journal, and remove stray temporary files."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    if (folder / JOURNAL).exists():
        with signals_held():
            _apply(folder)
    for path in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        _unlink(path)


def _write_temp(folder: Path, data: bytes, sync: bool = True) -> Path:
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    temp = Path(name)
    try:
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a PDF is as readable as any file
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        _unlink(temp)
        raise
    return temp


def _check_targets(folder: Path, targets: list[Path]) -> None:
    """Refuse, before anything changes, every target a rename could not replace."""
    problems = []
    there = _names(folder) if len(targets) > MANY else None
    for target in targets:
        try:
            os.fsencode(target)
        except UnicodeEncodeError:
            problems.append(Problem(said(
                "term.out-encoding", "cannot name a file {name} here: the system's file names are {encoding}; set a UTF-8 "
                "locale (e.g. LC_ALL=C.UTF-8) and build again (the PDFs there are unchanged)", name=repr(target.name),
                encoding=sys.getfilesystemencoding())))
            continue
        if there is not None and target.parent == folder and _folded(target.name) not in there:
            continue  # not there: a class set's first build looks at none of its ten thousand names
        try:
            mode = os.lstat(target).st_mode
        except OSError:  # not there (the usual case), or a path the write itself will report
            continue
        if target == folder:
            continue
        name = display_path(target)
        if stat.S_ISDIR(mode):
            problems.append(Problem(said("term.out-folder-there", "there is a folder {name} where a PDF goes: rename or move "
                                         "that folder and build again (the PDFs there are unchanged)", name=name)))
        elif stat.S_ISREG(mode) and not _replaceable(target):
            problems.append(Problem(said("term.out-locked", "cannot replace {name}: it is locked or open in another program; "
                                         "close {file} in your PDF reader (or unlock it) and build again (the PDFs there are "
                                         "unchanged)", name=name, file=target.name)))
    if problems:
        raise StudypackError(problems)


def _names(folder: Path) -> set[str] | None:
    """The names in `folder`, read at once and `_folded`, or None if it cannot be read."""
    try:
        return {_folded(name) for name in os.listdir(folder)}
    except OSError:
        return None


def _folded(name: str) -> str:
    """A name as a file system that ignores case or composes accents may store it: a name
    whose folded form is in the folder is looked at (lstat), so none is missed."""
    return unicodedata.normalize("NFC", name).casefold()


def _replaceable(target: Path) -> bool:
    """Whether a rename can put a new file over `target`: a file another program holds open
    for reading only (Windows) or that is marked immutable refuses even to open for writing.
    Opening without truncating changes nothing."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError as exc:
        # read-only by its permission bits only: a POSIX rename replaces it all the same
        return os.name != "nt" and exc.errno == errno.EACCES
    except OSError:
        return False
    os.close(fd)
    return True


def _commit(folder: Path, temps: list[tuple[Path, Path]], stale: set[str]) -> None:
    lines = [f"write\t{temp.name}\t{target.name}" for temp, target in temps]
    lines += [f"remove\t{name}" for name in sorted(stale)]
    journal = _write_temp(folder, ("\n".join(lines) + "\n").encode("utf-8"))
    os.replace(journal, folder / JOURNAL)
    _sync_folder(folder)


def _apply(folder: Path) -> None:
    """Carry out the journal: rename temporary files into place, remove stale files."""
    journal = folder / JOURNAL
    try:
        entries = journal.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        entries = []
    renames, removals = [], []
    for entry in entries:
        parts = entry.split("\t")
        if not parts or any(not _plain_name(p) for p in parts[1:]):
            continue  # a damaged journal never names a path outside the folder
        if parts[0] == "write" and len(parts) == 3:
            renames.append((os.path.join(folder, parts[1]), os.path.join(folder, parts[2])))
        elif parts[0] == "remove" and len(parts) == 2:
            removals.append(folder / parts[1])
    # one after another: renames in one folder take turns on its lock anyway, and threads
    # only added their own cost (10,000 copies: a quarter of the CPU, no less waiting)
    pause = bool(os.environ.get("STUDYPACK_TEST_PAUSE"))
    for temp, target in renames:
        try:
            os.replace(temp, target)
        except FileNotFoundError:
            continue  # renamed already: a killed build's journal, finished here
        if pause:
            _pause()
    for path in removals:
        _unlink(path)
    _sync_folder(folder)
    _unlink(journal)


@contextmanager
def signals_held():
    """Hold Ctrl-C, SIGTERM and SIGHUP while the block runs, then act on the first one as if
    it came just after (its own handler: the command's message, or Python's KeyboardInterrupt).
    Only the main thread can hold them; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {number: signal.signal(number, lambda signum, _frame: caught.append(signum))
                for number in HELD_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if caught:
            signal.raise_signal(caught[0])


def written() -> list[Path]:
    """The folders this process has written new PDFs to (their journal in place): what an
    interrupted command's message names."""
    return list(_WRITTEN)


def _planned_names(folder: Path):
    """Temporary names no other build can be using: this process's id and a random token."""
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    return (folder / f"{TEMP_PREFIX}{token}-{index}{TEMP_SUFFIX}" for index in itertools.count())


def _write_one(item, sync: bool = False) -> None:
    """Create a planned temporary file (never one that exists; as readable as any file the
    user makes) and let its writer fill it."""
    temp, write = item
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        write(_File(fd))
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)
    _pause()


class _File:
    """A new file as its writer sees it: `write` gives the system all it is handed, at once
    (no buffer between: a class set's writer gives a copy in one call, and a buffered file
    cost two more system calls and an object a file)."""

    __slots__ = ("fd",)

    def __init__(self, fd: int):
        self.fd = fd

    def write(self, data) -> int:
        view = memoryview(data)
        size = len(view)
        while view:
            view = view[os.write(self.fd, view):]
        return size


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _each(action, items: list) -> None:
    """A file-system call that waits on the disk (fsync) on each of many files, the waits side
    by side: a few each in a thread of its own, more in a pool of 32 threads (where no
    syncfs flushes a class set's thousand files at once, see `_durable`)."""
    if len(items) <= MANY:
        if len(items) > 1:
            _in_threads(action, items)
        elif items:
            action(items[0])
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(32) as pool:
        list(pool.map(action, items))


def _in_threads(action, items: list) -> None:
    """`action` on each item, each but the first in a thread of its own; the first error raised."""
    failed: list[BaseException] = []

    def run(item) -> None:
        try:
            action(item)
        except BaseException as exc:  # noqa: BLE001 - raised again below, in the caller's thread
            failed.append(exc)

    threads = [threading.Thread(target=run, args=(item,), daemon=True) for item in items[1:]]
    for thread in threads:
        thread.start()
    run(items[0])
    for thread in threads:
        thread.join()
    if failed:
        raise failed[0]


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


@contextmanager
def _locked(folder: Path):
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one writer is assumed
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves durable (a power cut after a build keeps the new PDFs)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _cannot_write(folder: Path, exc: OSError) -> StudypackError:
    return StudypackError(said("term.out-cannot-write", "cannot write to {folder}: {reason}; choose another folder with --out "
                               "(the PDFs there are unchanged)", folder=display_path(folder), reason=os_reason(exc)))


def _unfinished(folder: Path, exc: OSError) -> StudypackError:
    """A rename failed after the journal: some PDFs are new, some old; say so, and which."""
    failed = exc.filename2 or exc.filename
    name = Path(failed).name if failed else ""
    if name and not name.startswith(TEMP_PREFIX):
        return StudypackError(said("term.out-unfinished-file", "cannot replace {name} in {folder}: {reason}; close {name} in "
                                   "any program that has it open and build again: until then the folder holds a mix of old "
                                   "and new PDFs, and the next build finishes the job", name=name,
                                   folder=display_path(folder), reason=os_reason(exc)))
    return StudypackError(said("term.out-unfinished", "cannot replace in {folder}: {reason}; close the PDFs in any program "
                               "that has it open and build again: until then the folder holds a mix of old and new PDFs, and "
                               "the next build finishes the job", folder=display_path(folder), reason=os_reason(exc)))


def _pause() -> None:
    delay = os.environ.get("STUDYPACK_TEST_PAUSE")
    if delay:
        time.sleep(float(delay))


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _read_manifest(manifest: Path) -> set[str]:
    try:
        names = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {n for n in names if _plain_name(n) and not n.startswith(".")}
