"""`studypack new`: a new pack folder from a template, which builds as it is.

The example content lives in templates/pack.yaml.j2 (one example of every question and
sheet kind); this module only fills in the pack's name, writes the JSON Schema beside it
for editors, and refuses to overwrite anything that is already there.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from studypack.base.errors import Problem, StudypackError, display_path, said
from studypack.plan.schema import SCHEMA_FILE, dumps

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = ("castle.png",)


def render(folder: Path) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, autoescape=False)
    name = folder.resolve().name
    title = name.replace("-", " ").replace("_", " ").strip().capitalize() or "New pack"
    return env.get_template("pack.yaml.j2").render(
        name=name, title=title.replace('"', "'"), folder=display_path(folder),
        schema_path=f"./{SCHEMA_FILE.as_posix()}")


def create(folder: Path) -> list[Path]:
    """Write the new pack's files, or refuse (writing nothing) if any of them exists."""
    folder = Path(folder)
    files = {folder / "pack.yaml": render(folder).encode("utf-8"),
             folder / SCHEMA_FILE: dumps().encode("utf-8")}
    files.update({folder / asset: (TEMPLATES / asset).read_bytes() for asset in ASSETS})
    if folder.exists() and not folder.is_dir():
        raise StudypackError(Problem(said("term.new-is-file", "{folder} is a file: give a new folder name for the pack",
                                          folder=display_path(folder))))
    there = [path for path in files if path.exists()]
    if there:
        raise StudypackError([Problem(said("term.new-exists", "{path} already exists: studypack new never overwrites; "
                                           "choose a new folder name", path=display_path(path))) for path in there])
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:
            handle.write(data)
    return list(files)
