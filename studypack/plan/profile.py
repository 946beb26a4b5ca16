"""Board profiles: merge the `extends:` chain io.settings_files found and read (by name: the
pack's profiles/, the workspace's, then the shipped ones), validate it with file:line errors,
and apply it to a pack.

Applying changes no content: a paper without its own instructions, time or booklet name
gets the profile's, and the profile's `layout:` settings are laid over the chosen layout
(see build.prepare). What the paper should hold is checked by profile_lint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from studypack.io import settings_files
from studypack.base.errors import Location, StudypackError
from studypack.base.locations import Locations
from studypack.spec.profile import Profile, papers
from studypack.spec.sheets import booklet_letters
from studypack.base.messages import problems_from
from studypack.content.validate import LoadedPack


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


KIND = settings_files.Kind("profile", "profiles", "ib-history-paper-1", in_pack=True, said={
    "not-name": ("term.profile-not-name", "'{name}' is not a profile name: use a name like '{example}' or a path to a .yaml "
                                          "file"),
    "unknown": ("term.profile-unknown", "no profile named '{name}'{hint}; known profiles: {known}"),
    "loop": ("term.profile-loop", "profiles extend each other in a loop ({names}): make one of them extend another profile, "
                                  "such as '{example}'"),
    "not-found": ("term.profile-file-not-found", "profile file not found: {name}"),
    "not-found-extends": ("term.profile-extends-not-found", "profile file not found: {path} (a file named in extends is read "
                                                            "relative to this profile's folder)"),
    "extends-one": ("term.profile-extends-one", "extends names one profile, like '{example}'"),
    "too-long": ("term.profile-chain-long", "extends: this is the {most}th profile in one chain, the most studypack follows: "
                                            "extend '{example}' or a profile with a shorter chain"),
    "shape": ("term.profile-shape", "a profile is 'name: value' lines of settings"),
})


def shipped_dir() -> Path:
    """Where the shipped profiles live: inside the package, never a workspace's own `profiles/`."""
    return KIND.shipped


def available(folder: Path | None = None) -> dict[str, Path]:
    """Every profile by name: the shipped ones, replaced by the workspace's own (`folder`, its
    profiles/) of the same name."""
    return settings_files.available(KIND, folder)


def load(name: str, root: Path | None = None, folder: Path | None = None, at: Location | None = None) -> LoadedProfile:
    """Load a profile and its `extends:` chain (mappings merge, the later file wins), validated.

    Found by file (relative to the pack folder `root`) or by name: the pack folder's profiles/,
    the workspace's (`folder`), then the shipped ones. `at`: the line of the pack that names
    it, which keeps a profile file in the pack and puts its problems at that line. A profile
    file in the pack reaches only files in the pack, one in the workspace's profiles/ only the
    workspace's (see settings_files)."""
    docs = settings_files.chain(KIND, name, settings_files.Places(root, folder), root or Path("."), at)
    merged, lines = settings_files.merged(docs)
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
    return load(pack.pack.profile, pack.root, folder, pack.locate(("profile",)))


def apply(loaded: LoadedPack, chosen: LoadedProfile) -> LoadedPack:
    """The pack with the profile's defaults on its papers: instructions, time and booklet name
    where the paper gives none; no booklet of every source where the board prints them on the
    paper (`sources_in: paper`). Content the teacher wrote always wins."""
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
    changed: dict[str, object] = {"sheets": sheets}
    if profile.sources_in == "paper" and loaded.pack.pack_booklet is None:
        changed["pack_booklet"] = False  # the board prints them on the paper, not in a copy beside it too
    pack = loaded.pack.model_copy(update=changed)
    return LoadedPack(pack, loaded.root, loaded.name, loaded.locations, loaded.files, loaded.warnings, chosen)
