"""`studypack watch`: rebuild a pack every time one of its files is saved.

Polls file modification times (portable, no extra dependency). A save is acted on once the
files have stayed unchanged for one interval, so an editor writing in several steps causes
one build. Errors are printed and watching goes on; a failed build never replaces the PDFs
of the last good one (the build itself writes all files at once or none).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from studypack.app.build import build
from studypack.base.errors import StudypackError, display_path
from studypack.io.output import OWNER
from studypack.content.validate import gather

SKIP_DIRS = {".studypack", ".git", "__pycache__"}


def snapshot(folders: list[Path], files: list[Path], skip: Path | None = None) -> dict[Path, tuple[int, int]]:
    """(mtime, size) of every file in the folders and of the named files, except under `skip`
    (the output folder, should it be inside the pack: its PDFs must not trigger builds)."""
    seen: dict[Path, tuple[int, int]] = {}
    skip = skip.resolve() if skip is not None else None
    paths = [p for folder in folders for p in folder.rglob("*")
             if not SKIP_DIRS & set(p.relative_to(folder).parts)
             and not _written(p, skip, folder)]
    for path in paths + list(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


def _written(path: Path, output: Path | None, folder: Path) -> bool:
    """Whether a build writes `path`: a file in the output folder, or, when that folder is
    the pack folder or holds it (`--out .`), one of the PDFs and bookkeeping files a build
    leaves, never the pack's own files."""
    if output is None or output not in path.resolve().parents:
        return False
    here = folder.resolve()
    if output == here or output in here.parents:
        return path.suffix.lower() in (".pdf", ".tmp") or path.name.startswith(".studypack-") or path.name == OWNER
    return True


def build_once(pack_dir: Path, layout_name: str | None, out_root: Path, echo: Callable[[str], None]) -> bool:
    """Build, print what happened, and say whether it worked."""
    started = time.perf_counter()
    try:
        result = build(pack_dir, layout_name, out_root)
    except StudypackError as exc:
        for problem in exc.problems:
            echo(str(problem))
        echo(f"{time.strftime('%H:%M:%S')} build failed ({len(exc.problems)} problem"
             f"{'s' if len(exc.problems) != 1 else ''}); the last good PDFs are unchanged. Watching…")
        return False
    except Exception as exc:  # a bug in studypack must not end the watch the teacher relies on
        if os.environ.get("STUDYPACK_DEBUG"):
            raise
        echo(f"internal error: {type(exc).__name__}: {exc}. Please report it (STUDYPACK_DEBUG=1 shows details).")
        echo(f"{time.strftime('%H:%M:%S')} build failed. Watching…")
        return False
    for warning in result.warnings:
        echo(f"warning: {warning}")
    pages = sum(item.pages for item in result.written)
    reused = len(result.written) - len(result.typeset)
    note = f" ({len(result.typeset)} typeset, {reused} unchanged)" if reused else ""
    echo(f"{time.strftime('%H:%M:%S')} built {len(result.written)} PDFs, {pages} pages in "
         f"{time.perf_counter() - started:.2f} s{note} into {display_path(result.written[0].path.parent)}. Watching…")
    return True


def watch(pack_dir: Path, layout_name: str | None = None, out_root: Path = Path("output"),
          interval: float = 0.5, echo: Callable[[str], None] = print,
          polls: int | None = None) -> int:
    """Build now, then again after every save; `polls` bounds the loop (for tests). Returns builds run."""
    pack_dir = Path(pack_dir)
    folders = [pack_dir] + bases(pack_dir)
    layout_files = [Path(layout_name)] if layout_name and layout_name.endswith((".yaml", ".yml")) else []
    build_once(pack_dir, layout_name, out_root, echo)
    builds = 1
    output = Path(out_root) / pack_dir.resolve().name  # where this pack's PDFs go
    last = snapshot(folders, layout_files, output)
    pending_since: float | None = None
    count = 0
    while polls is None or count < polls:
        count += 1
        time.sleep(interval)
        now = snapshot(folders, layout_files, output)
        if now != last:
            last, pending_since = now, time.monotonic()
            continue
        if pending_since is not None:
            pending_since = None
            build_once(pack_dir, layout_name, out_root, echo)
            builds += 1
            folders = [pack_dir] + bases(pack_dir)
            last = snapshot(folders, layout_files, output)
    return builds


def bases(pack_dir: Path) -> list[Path]:
    """Folders of the packs this one extends, so a save in a base pack rebuilds it too."""
    try:
        files = gather(pack_dir).files
    except StudypackError:
        return []
    here = pack_dir.resolve()
    folders = {Path(f).resolve().parent for f in files}
    return sorted(f for f in folders if f != here and here not in f.parents)
