"""Write a build's PDFs all-or-nothing: temporary files first, renamed into place at the end.

A failed or killed build leaves the previous PDFs untouched and no half-written file
under its real name; temporary files carry a recognisable prefix and are removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import StudypackError, display_path

TEMP_PREFIX = ".studypack-"


def write_all(files: dict, manifest: Path | None = None, jobs: int | None = 1) -> None:
    """Write every file, or none: on any error the earlier outputs stay as they were.

    A value is the file's bytes, or a function that writes them to an open binary file
    (so a class set of a thousand copies is never held in memory at once); with `jobs`,
    such functions run in that many forked processes (None: all cores).

    With a manifest, files the previous build wrote there and this one did not (a sheet
    renamed or removed) are deleted, and nothing else: a teacher's own files stay.
    """
    if manifest is not None:
        previous = _read_manifest(manifest)
        listing = "".join(sorted(f"{p.name}\n" for p in files if p.parent == manifest.parent)).encode()
        files = {**files, manifest: listing}
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            folder = target.parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".pdf.tmp", dir=folder)
            except OSError as exc:
                raise StudypackError(
                    f"cannot write to {display_path(folder)}: {exc.strerror or exc}; "
                    "choose another folder with --out") from None
            temps.append((Path(temp), target))
            os.chmod(temp, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                if not callable(data):
                    handle.write(data)
        writers = [(temp, files[target]) for temp, target in temps if callable(files[target])]
        if writers:
            from .parallel import map_ordered

            map_ordered(_write_one, writers, jobs if len(writers) > 8 else 1)
        _sync([temp for temp, _ in temps])
        _each(lambda pair: os.replace(*pair), temps)
        temps = []
        if manifest is not None:
            for name in previous - {p.name for p in files}:
                try:
                    (manifest.parent / name).unlink()
                except OSError:
                    pass
    except OSError as exc:
        raise StudypackError(f"cannot write the PDFs: {exc.strerror or exc}; nothing was changed") from None
    finally:
        for temp, _target in temps:
            try:
                temp.unlink()
            except OSError:
                pass


def _write_one(item) -> None:
    temp, write = item
    with open(temp, "wb") as handle:
        write(handle)


def _sync(paths: list[Path]) -> None:
    """Make the files durable before they replace the old ones."""
    def sync(path: Path) -> None:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    _each(sync, paths)


def _each(action, items: list) -> None:
    """Run a file-system call on many files. A class set is a thousand files, and each
    fsync or replace waits on the disk (replacing frees the old file's blocks, which a
    disk mounted with `discard` trims at once): side by side, the waits overlap."""
    if len(items) <= 8:
        for item in items:
            action(item)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(32) as pool:
        list(pool.map(action, items))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _read_manifest(manifest: Path) -> set[str]:
    try:
        names = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {n for n in names if n and "/" not in n and "\\" not in n and not n.startswith(".")}
