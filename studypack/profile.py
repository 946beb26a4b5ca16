"""Board profiles: find one by name (./profiles, then the shipped ones), follow its `extends:`,
validate it with file:line errors, and apply it to a pack.

Applying changes no content: a paper without its own instructions, time or booklet name
gets the profile's, and the profile's `layout:` settings are laid over the chosen layout
(see build.prepare). What the paper should hold is checked by profile_lint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import yamlio
from .errors import Location, Problem, StudypackError, display_path
from .spec.profile import Profile, papers
from .spec.sheets import booklet_letters
from .messages import problems_from, suggest
from .validate import LoadedPack

FOLDER = "profiles"


@dataclass
class LoadedProfile:
    """A valid profile, its name, and where each of its settings was written."""

    profile: Profile
    name: str
    lines: dict[tuple, Location] = field(default_factory=dict)

    def locate(self, path: tuple) -> Location:
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, next(iter(self.lines.values()), Location(self.name, 1)))

    def layout_settings(self) -> tuple[dict[str, Any], dict[tuple, Location]]:
        """The profile's `layout:` settings and their lines, for layout.load to lay over a layout."""
        lines = {path[1:]: where for path, where in self.lines.items() if path[:1] == ("layout",) and len(path) > 1}
        return self.profile.layout, lines


def shipped_dir() -> Path:
    """Where the shipped profiles live: inside the installed package, or the repo's profiles/."""
    packaged = Path(str(resources.files("studypack"))) / FOLDER
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / FOLDER


def available() -> dict[str, Path]:
    """Every profile by name: the shipped ones, replaced by the workspace's own of the same name."""
    found: dict[str, Path] = {}
    for folder in (shipped_dir(), Path(FOLDER)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found[path.stem] = path
    return found


def find(name: str, skip: tuple[Path, ...] = (), root: Path | None = None) -> Path:
    """A profile by path (relative to the pack folder) or by name: the pack folder's profiles/,
    ./profiles, then the shipped ones. `skip`: files already in an `extends` chain."""
    if name.endswith((".yaml", ".yml")):
        path = (root or Path(".")) / name
        if path.is_file():
            return path
        raise StudypackError(f"profile file not found: {name}")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise StudypackError(f"'{name}' is not a profile name: use a name like 'ib-history-paper-1' or a .yaml file")
    folders = ([root / FOLDER] if root is not None else []) + [Path(FOLDER), shipped_dir()]
    for folder in folders:
        path = folder / f"{name}.yaml"
        if path.is_file() and path.resolve() not in skip:
            return path
    known = sorted(available())
    raise StudypackError(f"no profile named '{name}'{suggest(name, known)}; known profiles: {', '.join(known)}")


def load(name: str, root: Path | None = None) -> LoadedProfile:
    """Load a profile and its `extends:` chain (mappings merge, the later file wins), validated."""
    docs = _chain(find(name, root=root), [], root)
    merged: dict[str, Any] = {}
    lines: dict[tuple, Location] = {}
    for doc in docs:
        _merge(merged, doc.data or {})
        lines.update({path: Location(doc.file, line) for path, line in doc.lines.items()})
    loaded = LoadedProfile(Profile.model_construct(), Path(docs[-1].file).stem, lines)
    try:
        loaded.profile = Profile.model_validate(merged)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, loaded.locate, Profile)) from None
    return loaded


def for_pack(pack: LoadedPack) -> LoadedProfile | None:
    """The profile a pack names (`profile:`), or None; a wrong name is an error at that line."""
    if not pack.pack.profile:
        return None
    try:
        return load(pack.pack.profile, pack.root)
    except StudypackError as exc:
        first = exc.problems[0]
        if first.location is None:
            raise StudypackError(Problem(f"profile: {first.message}", pack.locate(("profile",)))) from None
        raise


def apply(loaded: LoadedPack, chosen: LoadedProfile) -> LoadedPack:
    """The pack with the profile's defaults on its papers: instructions, time and booklet name
    where the paper gives none. Content the teacher wrote always wins."""
    profile = chosen.profile
    sheets = list(loaded.pack.sheets)
    for i in papers(loaded.pack):
        sheet, update = sheets[i], {}
        if profile.instructions and sheet.instructions is None:
            update["instructions"] = profile.instructions
        if profile.paper.time and sheet.time is None:
            update["time"] = profile.paper.time
        if profile.booklet and sheet.booklet is None and booklet_letters(sheet, loaded.pack):
            update["booklet"] = profile.booklet
        if update:
            sheets[i] = sheet.model_copy(update=update)
    pack = loaded.pack.model_copy(update={"sheets": sheets})
    return LoadedPack(pack, loaded.root, loaded.name, loaded.locations, loaded.files, loaded.warnings, chosen)


def _chain(path: Path, seen: list[Path], root: Path | None = None) -> list[yamlio.Document]:
    resolved = path.resolve()
    if resolved in seen:
        raise StudypackError(f"{display_path(path)}: profiles extend each other in a loop")
    doc = yamlio.load(path)
    if doc.data is not None and not isinstance(doc.data, dict):
        raise StudypackError(Problem("a profile is 'name: value' lines of settings", doc.location()))
    parent = (doc.data or {}).get("extends")
    if parent is None:
        return [doc]
    if not isinstance(parent, str):
        raise StudypackError(Problem("extends names one profile, like 'edexcel-gcse-history-paper-3'", doc.location(("extends",))))
    try:
        base = path.parent / parent if parent.endswith((".yaml", ".yml")) else find(parent, tuple(seen) + (resolved,), root)
        if not base.is_file():
            raise StudypackError(f"profile file not found: {display_path(base)}")
    except StudypackError as exc:
        raise StudypackError(Problem(f"extends: {exc.problems[0].message}", doc.location(("extends",)))) from None
    return _chain(base, seen + [resolved], root) + [doc]


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
