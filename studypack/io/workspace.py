"""A pack's workspace: the folder its own layouts and its output belong to, and its defaults.

Like mkdocs.yml or a Quarto project, an optional `studypack.yaml` marks the workspace root and
holds a school's defaults (layout, output folder, school name and logo, roster columns, strict).
Without one, the workspace is the folder holding `sources/` when the pack sits in it, else the
pack folder's parent. Layouts (`layouts/`) and the output folder are found from there, never
from wherever the shell happens to be, so the same command gives the same result anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from studypack.io import settings_files
from studypack.base.errors import Location, Problem, StudypackError
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
    """(workspace root, its studypack.yaml or None) for a pack folder or the working folder."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / FILE).is_file():
            return folder, folder / FILE
    for folder in (here, *here.parents):
        if folder.name == "sources" and folder != here:
            return folder.parent, None
    if (here / "sources").is_dir():
        return here, None
    is_pack = any((here / name).is_file() for name in ("pack.yaml", "pack.yml"))
    return (here.parent if is_pack else here), None


def find(start: Path) -> Workspace:
    """The workspace of the pack (or folder) at `start`, with its settings read and checked."""
    root, file = root_of(start)
    if file is None:
        return Workspace(root)
    doc = settings_files.read(file, f"{FILE} is 'name: value' lines of settings (layout:, output:, school:, columns:, strict:)")
    data = doc.data if doc.data is not None else {}
    locations = doc.locations()
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, locations.locate, Settings, data)) from None
    problems = [Problem(f"columns: unknown field '{name}'; the fields are {', '.join(FIELDS)}", locations.locate(("columns", name)))
                for name in settings.columns if name not in FIELDS]
    if Path(settings.output).is_absolute() or ".." in Path(settings.output).parts:
        problems.append(Problem("output: give a folder inside the workspace, like 'output' or 'prints'",
                                locations.locate(("output",))))
    if problems:
        raise StudypackError(problems)
    where = {path: locations.locate(path) for path in [("layout",), ("school", "name"), ("school", "logo"), ("output",)]}
    return Workspace(root, settings, file, where)
