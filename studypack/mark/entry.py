"""The `mark` command's one call: find the map, check the extra is installed, read the class
list if one is given and the teacher's decisions kept in the folder, read the scans, apply
the decisions, write (with run.json: how to mark the class again, for the review page; its
paths relative to the marked folder where they are inside it), in the class set's language
(`report.language`: the map's, else the layout's, else the workspace's of the working folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from studypack.base.errors import Problem, StudypackError, install_aside, said
from studypack.base.extras import install
from studypack.io import roster as rosters, workspace as workspaces
from studypack.settings import layout as layouts

if TYPE_CHECKING:
    from studypack.mark.run import Marked


def mark(scans: list[Path], map_path: Path | None, out: Path | None, force: bool, roster: Path | None = None,
         layout_name: str | None = None, reader: Callable[[list[Path], dict], Marked] | None = None):
    """Mark the scans into `out`; `reader` reads them (`run.read_scans` unless the caller keeps
    readings it made before: the review page, which marks the same scans again after each click)."""
    try:
        import numpy  # noqa: F401
        import zxingcpp  # noqa: F401
    except ImportError:
        raise StudypackError(Problem(said("term.mark-needs", "marking needs numpy and zxing-cpp: {install}",
                                          install=install("mark", install_aside())))) from None
    from studypack.mark import decisions, report, run
    if map_path is None:
        first = scans[0]
        map_path = (first if first.is_dir() else first.parent) / "marking-map.json"
    data = run.load_map(map_path)
    listed = rosters.read(roster) if roster is not None else None  # its mistakes before the long reading
    if listed is not None and listed.problems:
        raise StudypackError(listed.problems)
    layout = layouts.load(layout_name or "default")  # a mistake in it said before the long reading
    school = workspaces.find(Path.cwd()).settings.language
    out = out if out is not None else map_path.parent / "marked"
    decided = decisions.load(out)
    marked = (reader or run.read_scans)(scans, data)
    decisions.apply(marked, decided)
    again = {"scans": [kept(p, out) for p in scans], "map": kept(map_path, out),
             "roster": kept(roster, out) if roster is not None else None, "layout": layout_name}
    summary = report.write(marked, out, force, listed.students if listed is not None else None, layout, again, school)
    summary.out = out
    summary.warnings = listed.warnings if listed is not None else []
    return summary


def kept(path: Path, out: Path) -> str:
    """A path as run.json keeps it: relative to the marked folder where it is inside it (the
    folder can then be moved or shared whole, and marking it is the same bytes wherever it
    lies); absolute otherwise, as scans, map and class list usually lie outside the folder and
    the review page must find them again whatever folder it is served from."""
    whole, folder = path.resolve(), out.resolve()
    return whole.relative_to(folder).as_posix() if whole.is_relative_to(folder) else str(whole)


def found(kept_path: str, out: Path) -> Path:
    """A path from run.json: one kept relative is inside the marked folder `out`."""
    path = Path(kept_path)
    return path if path.is_absolute() else out / path
