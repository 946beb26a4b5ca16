"""What a build depends on, as files and folders to watch.

The set is derived from what the last good build read (`BuildResult.read`), plus the places a
new input can appear before any build reads it: the pack folder and the packs it extends,
the workspace's studypack.yaml, layouts/ and profiles/, and a layout file named on the
command line. It is derived again after each build, so a new include or picture is watched
from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from studypack.base.errors import StudypackError
from studypack.content.validate import gather
from studypack.io import settings_files, workspace as workspaces
from studypack.io.output import OWNER

SKIP_DIRS = {".studypack", ".git", "__pycache__"}
Snapshot = dict[Path, tuple[int, int]]


@dataclass(frozen=True)
class Inputs:
    folders: tuple[Path, ...]  # watched whole, sub-folders too (resolved)
    files: tuple[Path, ...]  # single files (resolved)
    output: Path | None = None  # where the build writes: its files never call for a build

    def roots(self) -> tuple[Path, ...]:
        """The folders to ask the system about: the watched folders and the folders of the
        single files, those that exist, none inside another."""
        wanted = [f for f in self.folders if f.is_dir()] + [f.parent for f in self.files if f.exists()]
        roots: list[Path] = []
        for folder in sorted(set(wanted), key=lambda f: len(f.parts)):
            if not any(root == folder or root in folder.parents for root in roots):
                roots.append(folder)
        return tuple(sorted(roots))

    def concerns(self, path: Path) -> bool:
        """Whether a change to `path` (absolute) calls for a build."""
        if path in self.files:
            return True
        for folder in self.folders:
            if folder in path.parents:
                return not SKIP_DIRS & set(path.relative_to(folder).parts) and not _written(path, self.output, folder)
        return False

    def snapshot(self) -> Snapshot:
        """(mtime, size) of every input: for polling, and to catch a save made while the
        watch was being moved."""
        return snapshot(list(self.folders), list(self.files), self.output)


def of_build(pack_dir: Path, layout_name: str | None = None, read: Iterable[Path] = (),
             output: Path | None = None) -> Inputs:
    """The inputs of a build of `pack_dir`; `read`: the files the last good build read."""
    pack_dir = Path(pack_dir)
    root, _file = workspaces.root_of(pack_dir)
    folders = [pack_dir, *bases(pack_dir), root / "layouts", root / "profiles"]
    files = [root / workspaces.FILE, *read]
    if layout_name and settings_files.is_path(layout_name):
        files.append(Path(layout_name))
    return Inputs(_resolved(folders), _resolved(files), output.resolve() if output is not None else None)


def _resolved(paths: list[Path]) -> tuple[Path, ...]:
    return tuple(sorted({Path(p).resolve() for p in paths}))


def snapshot(folders: list[Path], files: list[Path], skip: Path | None = None) -> Snapshot:
    """(mtime, size) of every file in the folders and of the named files, except under `skip`
    (the output folder, should it be inside the pack: its PDFs must not trigger builds)."""
    seen: Snapshot = {}
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


def bases(pack_dir: Path) -> list[Path]:
    """Folders of the packs this one extends, so a save in a base pack rebuilds it too."""
    try:
        files = gather(pack_dir).files
    except StudypackError:
        return []
    here = pack_dir.resolve()
    folders = {Path(f).resolve().parent for f in files}
    return sorted(f for f in folders if f != here and here not in f.parents)
