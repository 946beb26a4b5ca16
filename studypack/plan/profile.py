"""Board profiles: find one by name (the pack's profiles/, the workspace's, then the shipped
ones), follow its `extends:`, validate it with file:line errors, and apply it to a pack.

Applying changes no content: a paper without its own instructions, time or booklet name
gets the profile's, and the profile's `layout:` settings are laid over the chosen layout
(see build.prepare). What the paper should hold is checked by profile_lint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from studypack.io import extending
from studypack.base.errors import Location, Problem, StudypackError
from studypack.base.locations import Locations
from studypack.spec.profile import Profile, papers
from studypack.spec.sheets import booklet_letters
from studypack.base.messages import problems_from, suggest
from studypack.content.validate import LoadedPack

FOLDER = "profiles"


@dataclass
class LoadedProfile:
    """A valid profile, its name, and where each of its settings was written."""

    profile: Profile
    name: str
    lines: Locations = field(default_factory=Locations)

    def locate(self, path: tuple) -> Location:
        return self.lines.locate(path)

    def layout_settings(self) -> tuple[dict[str, Any], dict[tuple, Location]]:
        """The profile's `layout:` settings and their lines, for layout.load to lay over a layout."""
        lines = {path[1:]: where for path, where in self.lines.items() if path[:1] == ("layout",) and len(path) > 1}
        return self.profile.layout, lines


def shipped_dir() -> Path:
    """Where the shipped profiles live: inside the package, never a workspace's own `profiles/`."""
    return Path(__file__).resolve().parent.parent / FOLDER


def available(folder: Path | None = None) -> dict[str, Path]:
    """Every profile by name: the shipped ones, replaced by the workspace's own (`folder`, its
    profiles/) of the same name."""
    found: dict[str, Path] = {}
    for where in (shipped_dir(), folder):
        if where is not None and where.is_dir():
            for path in sorted(where.glob("*.yaml"), key=lambda p: p.stem):
                found[path.stem] = path
    return found


def find(name: str, skip: tuple[Path, ...] = (), root: Path | None = None, folder: Path | None = None) -> Path:
    """A profile by file (relative to the pack folder `root`) or by name: the pack folder's
    profiles/, the workspace's (`folder`), then the shipped ones. `skip`: files already in an
    `extends` chain, so a workspace's profile may extend the shipped one of the same name."""
    if name.endswith((".yaml", ".yml")):
        path = (root or Path(".")) / name
        if path.is_file():
            return path
        raise StudypackError(f"profile file not found: {name}")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise StudypackError(f"'{name}' is not a profile name: use a name like 'ib-history-paper-1' or a .yaml file")
    for where in ([root / FOLDER] if root is not None else []) + [folder, shipped_dir()]:
        path = where / f"{name}.yaml" if where is not None else None
        if path is not None and path.is_file() and path.resolve() not in skip:
            return path
    known = sorted(available(folder))
    raise StudypackError(f"no profile named '{name}'{suggest(name, known)}; known profiles: {', '.join(known)}")


def load(name: str, root: Path | None = None, folder: Path | None = None) -> LoadedProfile:
    """Load a profile and its `extends:` chain (mappings merge, the later file wins), validated.

    `root`: the pack folder, when the pack names the profile: a profile file in the pack reaches
    only files in the pack, one in the workspace's profiles/ (`folder`) only the workspace's
    (extending.confine)."""
    docs = extending.chain(find(name, root=root, folder=folder), "profile", "edexcel-gcse-history-paper-3",
                           lambda parent, skip: find(parent, skip, root, folder), root, folder)
    merged: dict[str, Any] = {}
    lines = Locations(fallback=docs[-1].file)
    for doc in docs:
        extending.merge(merged, doc.data or {})
        lines.update(doc.locations())
    loaded = LoadedProfile(Profile.model_construct(), Path(docs[-1].file).stem, lines)
    try:
        loaded.profile = Profile.model_validate(merged)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, loaded.locate, Profile)) from None
    return loaded


def for_pack(pack: LoadedPack, folder: Path | None = None) -> LoadedProfile | None:
    """The profile a pack names (`profile:`), or None; a wrong name, or a file outside the
    pack, is an error at that line. `folder`: the workspace's own profiles/."""
    if not pack.pack.profile:
        return None
    at = pack.locate(("profile",))
    refused = extending.confine(Path(at.file), pack.pack.profile, pack.root) if pack.pack.profile.endswith(
        (".yaml", ".yml")) else ""
    if refused:
        raise StudypackError(Problem(f"profile: {refused}", at))
    try:
        return load(pack.pack.profile, pack.root, folder)
    except StudypackError as exc:
        first = exc.problems[0]
        if first.location is None:
            raise StudypackError(Problem(f"profile: {first.message}", at)) from None
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
