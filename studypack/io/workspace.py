"""A pack's workspace: the folder its own layouts and its output belong to, and its defaults.

Like mkdocs.yml or a Quarto project, an optional `studypack.yaml` holds a school's defaults
(layout, output folder, school name and logo, roster columns, strict). The workspace is the
folder holding `sources/` when the pack sits in it, else the pack folder's parent; a
`studypack.yaml` is read from the pack's own folder (which then is its workspace) or from that
workspace folder, never from a folder further up: a file left in a parent folder (Downloads,
a shared drive) must not send a class set's names elsewhere or print its layout unasked. The
files it names (`layout:`, `school.logo`) stay inside the workspace, links followed. Layouts
(`layouts/`) and the output folder are found from there, never from wherever the shell happens
to be, so the same command gives the same result anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from studypack.io import settings_files
from studypack.io.words import ENGLISH_WORDS, Language, Words
from studypack.base.errors import Location, Problem, StudypackError, display_path, said
from studypack.base.locations import Locations
from studypack.base.messages import problems_from

FILE = "studypack.yaml"
FIELDS = ("first", "last", "name", "class", "id", "layout", "tier")  # roster fields (as roster.FIELDS)


class School(BaseModel):
    """The school's name and logo, printed by layouts that show branding."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = ""
    logo: str = ""  # a picture file, relative to studypack.yaml


class Settings(BaseModel):
    """What studypack.yaml may say; every key is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    layout: str | None = None  # the layout a build uses when neither --layout nor the pack names one
    output: str = "output"     # the output folder, relative to the workspace
    school: School = School()
    columns: dict[str, str] = {}  # roster columns under other headers: {first: Vorname, last: Nachname}
    strict: bool = False       # treat warnings as errors, as with --strict
    language: Language | None = None   # the tool's words on paper, where neither the pack nor the layout says
    bilingual: Language | None = None  # a second language printed with the first (Welsh and English)


@dataclass
class Workspace:
    root: Path
    settings: Settings = field(default_factory=Settings)
    file: Path | None = None  # studypack.yaml, when there is one
    where: dict = field(default_factory=dict)  # key path -> Location in studypack.yaml

    @property
    def layouts(self) -> Path:
        return self.root / "layouts"

    @property
    def profiles(self) -> Path:
        return self.root / "profiles"

    @property
    def output(self) -> Path:
        return self.root / self.settings.output

    def logo(self) -> Path | None:
        return self.root / self.settings.school.logo if self.settings.school.logo else None

    def location(self, path: tuple) -> Location | None:
        return self.where.get(path) or (Location(str(self.file)) if self.file else None)


def root_of(start: Path) -> tuple[Path, Path | None]:
    """(workspace root, its studypack.yaml or None) for a pack folder or the working folder:
    the studypack.yaml of the folder itself, else of its workspace folder, else none."""
    here = Path(start).resolve()
    folder = _folder_of(here)
    for candidate in (here, folder):
        if (candidate / FILE).is_file():
            return candidate, candidate / FILE
    return folder, None


def _folder_of(here: Path) -> Path:
    """The workspace folder by its shape: the folder holding `sources/` when `here` is in it,
    `here` when it holds `sources/` or is no pack, else the pack folder's parent."""
    for folder in (here, *here.parents):
        if folder.name == "sources" and folder != here:
            return folder.parent
    if (here / "sources").is_dir():
        return here
    is_pack = any((here / name).is_file() for name in ("pack.yaml", "pack.yml"))
    return here.parent if is_pack else here


def find(start: Path) -> Workspace:
    """The workspace of the pack (or folder) at `start`, with its settings read and checked."""
    root, file = root_of(start)
    if file is None:
        return Workspace(root)
    if not settings_files.under(file.resolve(), root):
        raise StudypackError(Problem(said("term.workspace-link", "this is a link to a file outside the workspace: copy the "
                                          "file here in place of the link"), Location(str(Path(display_path(file.parent)) / FILE))))
    doc = settings_files.read(file, said("term.workspace-shape", "{file} is 'name: value' lines of settings (layout:, output:, "
                                         "school:, columns:, strict:)", file=FILE))
    data = doc.data if doc.data is not None else {}
    locations = doc.locations()
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, locations.locate, Settings, data)) from None
    problems = [Problem(said("term.workspace-column", "columns: unknown field '{name}'; the fields are {fields}", name=name,
                             fields=", ".join(FIELDS)), locations.locate(("columns", name)))
                for name in settings.columns if name not in FIELDS]
    if Path(settings.output).is_absolute() or ".." in Path(settings.output).parts:
        problems.append(Problem(said("term.workspace-output", "output: give a folder inside the workspace, like 'output' or "
                                     "'prints'"),
                                locations.locate(("output",))))
    problems += _too_long(settings, locations) or _confined(root, settings, locations)
    if problems:
        raise StudypackError(problems)
    where = {path: locations.locate(path) for path in [("layout",), ("school", "name"), ("school", "logo"), ("output",)]}
    return Workspace(root, settings, file, where)


LONGEST = {("school", "name"): 200, ("school", "logo"): 255, ("layout",): 255, ("output",): 100}
"""Characters each setting may have: a school's name fits on a header line; a path fits a disk's names."""


def _too_long(settings: Settings, locations: Locations) -> list[Problem]:
    values = {("school", "name"): settings.school.name, ("school", "logo"): settings.school.logo,
              ("layout",): settings.layout or "", ("output",): settings.output}
    return [Problem(said("term.workspace-too-long", "{key}: {length} characters; at most {most} fit: shorten it",
                         key=".".join(path), length=f"{len(values[path]):,}", most=most),
                    locations.locate(path)) for path, most in LONGEST.items() if len(values[path]) > most]


def _confined(root: Path, settings: Settings, locations: Locations) -> list[Problem]:
    """The files studypack.yaml names (a layout file, the school logo) stay inside the
    workspace, links followed, and the logo must be there."""
    home = settings_files.Home(root.resolve(), settings_files.WORKSPACE)
    named: list[tuple[tuple[str, ...], str]] = [(("school", "logo"), settings.school.logo)]
    if settings.layout and settings_files.is_path(settings.layout):
        named.append((("layout",), settings.layout))
    problems = []
    for path, name in named:
        refused = settings_files.refusal(name, root, home) if name else ""
        if refused:
            problems.append(Problem(said("term.settings-at", "{key}: ", key=".".join(path)) + refused, locations.locate(path)))
        elif path == ("school", "logo") and name and not (root / name).is_file():
            problems.append(Problem(said("term.workspace-logo", "school.logo: file not found: {name} (a logo is found relative "
                                         "to {file})", name=name, file=FILE),
                                    locations.locate(path)))
    return problems


def _home() -> Path | None:
    """The user's home folder, resolved, or None when it cannot be named."""
    home = os.path.expanduser("~")
    return Path(home).resolve() if os.path.isabs(home) else None


def report(workspace: Workspace, output_given: bool = False, say: Words = ENGLISH_WORDS) -> str:
    """The one line a build prints about its workspace: which studypack.yaml it obeys (or that
    there is none), named with a note when the file lies outside the user's home folder or its
    output folder leads out of the workspace (a link), so settings from elsewhere are never
    followed unseen. `output_given`: --out chose the output folder, not the workspace. `say`:
    the terminal's words."""
    if workspace.file is None:
        line = say("term.workspace-none", path=display_path(workspace.root), file=FILE)
    else:
        line = say("term.workspace", path=Path(display_path(workspace.root)) / FILE)
    notes = []
    home = _home()
    if workspace.file is not None and home is not None and not settings_files.under(workspace.root, home):
        notes.append(say("term.outside-home", home=home))
    target = workspace.output.resolve()
    if not output_given and not settings_files.under(target, workspace.root):
        notes.append(say("term.output-outside", output=workspace.settings.output, target=target))
    return line + (say("term.workspace-notes", notes="; ".join(notes)) if notes else "")
