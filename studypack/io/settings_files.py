"""Settings files (layouts, board profiles): one loader that finds a file, follows its
`extends:` chain and keeps every file it reads inside the folder it belongs to.

Layouts and profiles differ here only in their `Kind` (folder name, the word in messages, an
example name, whether a pack's own folder is searched); what the merged chain means stays
with them (settings.layout, plan.profile). The rules both follow, so they cannot drift apart:
- a name is found in the pack's own folder (profiles only), the workspace's, then the shipped
  ones; a file already in the chain is passed over, so a workspace's `default` may extend the
  shipped `default`;
- a file name (`extends: base.yaml`) is read relative to the file naming it;
- every file has a home: the pack folder for a file the pack brings, the workspace for one in
  its own layouts/ or profiles/, none for a shipped file or one the teacher names on the
  command line (trusted). A file with a home, and every file it names, must stay inside that
  home once links are followed, so a received pack cannot read settings, or print a picture,
  from elsewhere on the teacher's disk;
- the chain is read base first and merged mapping by mapping, the later file winning; it holds
  at most LONGEST files, and files that extend each other in a loop are an error at the line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from studypack.base import paths
from studypack.base.errors import Location, Problem, StudypackError, display_path, said
from studypack.base.locations import Locations
from studypack.base.messages import suggest
from studypack.io import yamlio

LONGEST = 50  # files in one extends chain: far more than any school needs, few enough to read at once
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Kind:
    """What tells one kind of settings file from another: data, never code."""

    what: str             # its key where a file names one: "layout"
    folder: str           # its folder in a workspace, a pack and the package: "layouts"
    example: str          # a name to show when one is wrong: "default"
    in_pack: bool = False  # a pack's own <folder>/ is searched by name too (profiles)
    # its messages by step (`not-name`, `unknown`, `loop`, `not-found`, `not-found-extends`,
    # `extends-one`, `too-long`, `shape`): (catalogue key, English), each kind its own words
    said: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def say(self, step: str, **values) -> str:
        key, english = self.said[step]
        return said(key, english, **values)

    @property
    def shipped(self) -> Path:
        """The shipped files of this kind: inside the package, never a workspace's own folder."""
        return paths.PACKAGE / self.folder


@dataclass(frozen=True)
class Places:
    """Where files are looked for and which folders confine them."""

    pack: Path | None = None       # the pack folder, when a pack is being built or named the file
    workspace: Path | None = None  # the workspace's own folder of this kind (its layouts/ or profiles/)
    root: Path | None = None       # the workspace folder, when its studypack.yaml named the file


@dataclass(frozen=True)
class Home:
    """The folder a file must stay inside, and its name in messages."""

    folder: Path  # resolved
    label: tuple[str, str]  # its name in messages: (catalogue key, English), the pack folder or the workspace

    @property
    def named(self) -> str:
        return said(*self.label)


@dataclass(frozen=True)
class Found:
    path: Path
    home: Home | None  # None: a shipped file, or one the teacher named (trusted)


def is_path(name: str) -> bool:
    """Whether a layout or profile is named as a file (`my.yaml`, `looks/exam`) rather than by name."""
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name


def available(kind: Kind, folder: Path | None = None) -> dict[str, Path]:
    """Every file of the kind by name: the shipped ones, replaced by the workspace's own
    (`folder`, its layouts/ or profiles/) of the same name."""
    found: dict[str, Path] = {}
    for where in (kind.shipped, folder):
        if where is not None and where.is_dir():
            for path in sorted(where.glob("*.yaml"), key=lambda p: p.stem):
                found[path.stem] = path
    return found


# ------------------------------------------------------------------ confinement

def under(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies in it (both as given: resolve them first for links)."""
    return path == folder or folder in path.parents


def _written_in(path: Path, folder: Path) -> bool:
    """Whether `path` lies in `folder`, as written or once links are followed."""
    forms = (Path(os.path.abspath(path)), path.parent.resolve() / path.name, path.resolve())
    folders = (Path(os.path.abspath(folder)), folder.resolve())
    return any(under(form, f) for form in forms for f in folders)


def home_of(path: Path, places: Places) -> Home | None:
    """The home of a file found at `path`: the pack folder for a file in the pack, the workspace
    for one in its own settings folder or one its studypack.yaml names, else None (trusted)."""
    if places.pack is not None and _written_in(path, places.pack):
        return Home(Path(places.pack).resolve(), PACK_FOLDER)
    if places.root is not None and _written_in(path, places.root):
        return Home(Path(places.root).resolve(), WORKSPACE)
    if places.workspace is not None and _written_in(path, places.workspace):
        return Home(Path(places.workspace).resolve().parent, WORKSPACE)
    return None


PACK_FOLDER = ("term.home-pack", "the pack folder")
WORKSPACE = ("term.home-workspace", "the workspace")


def _where(home: Home) -> str:
    shown = display_path(home.folder)
    return home.named if shown == "." else said("term.home-shown", "{home} ({folder})", home=home.named, folder=shown)


def refusal(name: str, naming_folder: Path, home: Home | None) -> str:
    """Why the file `name`, named by a file in `naming_folder` whose home is `home`, may not be
    used ('' if it may): an absolute path, or one leading outside the home (`..`, links)."""
    if home is None:
        return ""
    if Path(name).is_absolute() or name.startswith(("/", "\\")) or ":" in name[:3]:
        return said("term.home-absolute", "'{name}' must be a path inside {home}, not an absolute path", name=name,
                    home=home.named)
    if not under((naming_folder / name).resolve(), home.folder):
        return said("term.home-outside", "'{name}' leads outside {home}: copy the file into it", name=name, home=_where(home))
    return ""


def confine(naming_file: Path, name: str, places: Places) -> str:
    """Why the file `name` (a logo, say), named in the settings file `naming_file`, may not be
    used ('' if it may), the naming file's home found in `places`."""
    naming_file = Path(naming_file)
    return refusal(name, naming_file.parent, home_of(naming_file, places))


def _kept_home(found: Found, name: str) -> Found:
    """`found`, refused if it is a link that leads out of its home."""
    if found.home is not None and not under(found.path.resolve(), found.home.folder):
        link = Path(display_path(found.path.parent)) / found.path.name  # the link itself, not where it leads
        raise StudypackError(said("term.home-link", "'{name}' is {link}, a link to a file outside {home}: copy the file "
                                  "there in place of the link", name=name, link=link, home=_where(found.home)))
    return found


# ------------------------------------------------------------------ finding

def _folders(kind: Kind, places: Places) -> list[tuple[Path, Home | None]]:
    """Where a name is looked for, in order, with the home of a file found there."""
    found: list[tuple[Path, Home | None]] = []
    if kind.in_pack and places.pack is not None:
        found.append((Path(places.pack) / kind.folder, Home(Path(places.pack).resolve(), PACK_FOLDER)))
    if places.workspace is not None:
        found.append((Path(places.workspace), Home(Path(places.workspace).resolve().parent, WORKSPACE)))
    return found + [(kind.shipped, None)]


def _unknown(kind: Kind, name: str, folder: Path | None) -> str:
    known = sorted(available(kind, folder))
    starting = [k for k in known if k.startswith(name)]
    hint = suggest(name, known)
    if len(starting) > 1:
        hint = said("term.did-you-mean-one-of", " (did you mean {names} or {last}?)", names=", ".join(starting[:-1]),
                    last=starting[-1])
    return kind.say("unknown", name=name, hint=hint, known=", ".join(known))


def _loop(kind: Kind, chain: tuple[Path, ...], again: Path) -> str:
    names = [path.name for path in chain[chain.index(again):]] + [again.name]
    return kind.say("loop", names=" → ".join(names), example=kind.example)


def find(kind: Kind, name: str, places: Places, skip: tuple[Path, ...] = ()) -> Found:
    """A file by name: in the pack's own folder (for kinds looked for there), the workspace's,
    then the shipped ones. `skip`: files already in the chain (resolved), passed over."""
    if not NAME.fullmatch(name):
        raise StudypackError(kind.say("not-name", name=name, example=kind.example))
    passed: Path | None = None
    for folder, home in _folders(kind, places):
        path = folder / f"{name}.yaml"
        if path.is_file() and path.resolve() in skip:
            passed = passed or path.resolve()
        elif path.is_file():
            return _kept_home(Found(path, home), name)
    if passed is not None:
        raise StudypackError(_loop(kind, skip, passed))
    raise StudypackError(_unknown(kind, name, places.workspace))


def _start(kind: Kind, name: str, places: Places, base: Path, by_pack: bool) -> Found:
    """The first file of a chain. `by_pack`: the pack named it, so it stays in the pack."""
    if not is_path(name):
        return find(kind, name, places)
    home = Home(Path(places.pack).resolve(), PACK_FOLDER) if by_pack and places.pack is not None else None
    refused = refusal(name, base, home)
    if refused:
        raise StudypackError(refused)
    path = base / name
    if not path.is_file():
        raise StudypackError(kind.say("not-found", name=name))
    return _kept_home(Found(path, home or home_of(path, places)), name)


def _parent(kind: Kind, name: str, child: Found, places: Places, chain: tuple[Path, ...]) -> Found:
    """The file `child` extends: a file relative to it (kept in its home), or one found by name."""
    if not is_path(name):
        return find(kind, name, places, chain)
    refused = refusal(name, child.path.parent, child.home)
    if refused:
        raise StudypackError(refused)
    path = child.path.parent / name
    if not path.is_file():
        raise StudypackError(kind.say("not-found-extends", path=display_path(path)))
    if path.resolve() in chain:
        raise StudypackError(_loop(kind, chain, path.resolve()))
    return _kept_home(Found(path, child.home or home_of(path, places)), name)


def _located(step: Callable[[], Found], prefix: str, at: Location | None) -> Found:
    """Run a finding step; its unlocated problems are put at `at` (the line naming the file)."""
    try:
        return step()
    except StudypackError as exc:
        if at is None or any(problem.location is not None for problem in exc.problems):
            raise
        raise StudypackError([Problem(prefix + problem.message, at) for problem in exc.problems]) from None


# ------------------------------------------------------------------ reading the chain

def read(path: Path, shape: str) -> yamlio.Document:
    """One settings file, which must be a mapping (or empty); `shape` says what it should be."""
    doc = yamlio.load(path)
    if doc.data is not None and not isinstance(doc.data, dict):
        raise StudypackError(Problem(shape, doc.location()))
    return doc


def _extends(kind: Kind, doc: yamlio.Document) -> str | None:
    parent = (doc.data or {}).get("extends")
    if parent is not None and not isinstance(parent, str):
        raise StudypackError(Problem(kind.say("extends-one", example=kind.example), doc.location(("extends",))))
    return parent


def chain(kind: Kind, name: str, places: Places, base: Path = Path("."), at: Location | None = None) -> list[yamlio.Document]:
    """The documents of the chain that starts at `name` (a name or a file), base first.

    `base`: the folder a file name is read relative to; `at`: where the pack named it, which
    keeps that file in the pack and puts its problems at that line."""
    found = _located(lambda: _start(kind, name, places, base, at is not None),
                     said("term.settings-at", "{key}: ", key=kind.what), at)
    docs: list[yamlio.Document] = []
    seen: tuple[Path, ...] = ()
    while True:
        doc = read(found.path, kind.say("shape"))
        docs.append(doc)
        seen += (found.path.resolve(),)
        parent = _extends(kind, doc)
        if parent is None:
            return docs[::-1]
        line = doc.location(("extends",))
        if len(docs) >= LONGEST:
            raise StudypackError(Problem(kind.say("too-long", most=LONGEST, example=kind.example), line))
        child = found
        found = _located(lambda: _parent(kind, parent, child, places, seen), said("term.settings-at", "{key}: ",
                                                                                   key="extends"), line)


def merge(into: dict, extra: dict) -> None:
    """Lay `extra` over `into` in place: mappings merge key by key, anything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value


def merged(docs: list[yamlio.Document]) -> tuple[dict, Locations]:
    """A chain's documents laid over each other, base first, and where each value was written."""
    data: dict = {}
    where = Locations(fallback=docs[-1].file)
    for doc in docs:
        merge(data, doc.data or {})
        where.update(doc.locations())
    return data, where
