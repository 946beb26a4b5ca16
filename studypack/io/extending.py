"""Settings files that build on each other with `extends:` (layouts and board profiles).

One home for the rules both follow, so a layout and a profile cannot drift apart:
- the chain is read base first and merged mapping by mapping, the later file winning;
- files that extend each other in a loop are an error at the file;
- a parent named as a file (`extends: base.yaml`) is read relative to the file naming it and
  must stay inside the folder that file belongs to: the pack, for a file the pack brings, or
  the workspace, for one in the workspace's own folder (see `confine`); a parent named by name
  is found by the caller's own rule (workspace first, then the shipped ones).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from studypack.io import yamlio
from studypack.base.errors import Problem, StudypackError, display_path

FindByName = Callable[[str, tuple[Path, ...]], Path]  # (name, files already in the chain) -> file


def confine(naming_file: Path, name: str, within: Path | None, folder: Path | None = None) -> str:
    """Why the file `name`, named in `naming_file`, may not be used ('' if it may).

    A file inside the pack folder `within` (the pack brought it) reaches only files in the
    pack; a file in the workspace's own settings folder `folder` (its layouts/ or profiles/)
    only files in the workspace; a shipped file, or one the teacher names on the command line,
    is trusted. So a received pack cannot print a picture, or read settings, from elsewhere on
    the teacher's disk."""
    here = Path(naming_file).resolve()
    roots = [(Path(within).resolve(), "the pack folder")] if within is not None else []
    if folder is not None:
        roots.append((Path(folder).resolve(), "the workspace"))
    root, what = next(((r, w) for r, w in roots if r in here.parents), (None, ""))
    if root is None:
        return ""
    if what == "the workspace":
        root = root.parent
    if Path(name).is_absolute() or name.startswith(("/", "\\")) or ":" in name[:3]:
        return f"'{name}' must be a path inside {what}, not an absolute path"
    target = (here.parent / name).resolve()
    if target != root and root not in target.parents:
        shown = display_path(root)
        return f"'{name}' leads outside {what}{'' if shown == '.' else f' ({shown})'}: copy the file into it"
    return ""


def chain(path: Path, what: str, example: str, find_by_name: FindByName,
          within: Path | None = None, folder: Path | None = None,
          seen: tuple[Path, ...] = ()) -> list[yamlio.Document]:
    """The documents of `path`'s extends chain, base first.

    `what` names the kind of file in messages ("layout", "profile"); `example` is a name to
    show when `extends:` is not one; `within`/`folder` confine parents named as files."""
    resolved = path.resolve()
    if resolved in seen:
        raise StudypackError(f"{display_path(path)}: {what}s extend each other in a loop")
    doc = yamlio.load(path)
    if doc.data is not None and not isinstance(doc.data, dict):
        raise StudypackError(Problem(f"a {what} is 'name: value' lines of settings", doc.location()))
    parent = (doc.data or {}).get("extends")
    if parent is None:
        return [doc]
    at = doc.location(("extends",))
    if not isinstance(parent, str):
        raise StudypackError(Problem(f"extends names one {what}, like '{example}'", at))
    here = seen + (resolved,)
    if parent.endswith((".yaml", ".yml")):
        refused = confine(path, parent, within, folder)
        if refused:
            raise StudypackError(Problem(f"extends: {refused}", at))
        base = path.parent / parent
        if not base.is_file():
            raise StudypackError(Problem(f"extends: {what} file not found: {display_path(base)} (a file named in "
                                         f"extends is read relative to this {what}'s folder)", at))
    else:
        try:
            base = find_by_name(parent, here)
        except StudypackError as exc:
            raise StudypackError(Problem(f"extends: {exc.problems[0].message}", at)) from None
    return chain(base, what, example, find_by_name, within, folder, here) + [doc]


def merge(into: dict, extra: dict) -> None:
    """Lay `extra` over `into` in place: mappings merge key by key, anything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value
