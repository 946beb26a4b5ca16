"""Raw pack data -> typed Pack, collecting every problem with its file and line.

pydantic checks shapes and types; the messages are rewritten here in a teacher's words
("question 3: marks must be a positive whole number, got 'ten'") and pinned to the line
the YAML loader recorded. Rules that span fields (letters unique, cited sources exist,
answers among the options) run afterwards, per kind, through the registries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from studypack.content import formulas, inherit
from studypack.io import yamlio
from studypack.base.errors import Location, Problem, StudypackError, display_path, said
from studypack.base.locations import Locations
from studypack.base.messages import a_type, describe, problems_from
from studypack.base.paths import PACK_FILES, allow_bases, inside, pack_file
from studypack.base.walk import strings
from studypack.spec import questions as kinds, references, stimuli
from studypack.spec.model import Pack
from studypack.spec.sheets import BOOKLET_SUFFIX, RESERVED, SHEET_KINDS

PACK_FILE = "pack.yaml"
MAX_TEXT = 100_000  # characters in one text field; longer texts are pasted by mistake and take minutes to set


@dataclass
class LoadedPack:
    """A valid pack, its folder, and where each of its values was written."""

    pack: Pack
    root: Path
    name: str
    locations: Locations
    files: list[str]
    warnings: list[Problem] = field(default_factory=list)  # from reading the files (control characters)
    profile: Any = None  # the board profile the pack names, once applied (profile.LoadedProfile)

    def locate(self, path: tuple) -> Location:
        return self.locations.locate(path)


def load_pack(folder: Path) -> LoadedPack:
    """Read pack.yaml (and the files it includes), validate it, return the typed pack."""
    folder = Path(folder)
    if not folder.is_dir():
        if folder.is_file() and folder.name in PACK_FILES:
            folder = folder.parent
        else:
            raise StudypackError(said("term.pack-folder-missing", "pack folder not found: {folder} (give the folder that "
                                      "holds {file})", folder=folder, file=PACK_FILE))
    if pack_file(folder) is None:
        shown = display_path(folder)
        if shown == ".":
            raise StudypackError(said("term.pack-no-file-here", "this folder has no {file}: a pack is a folder with a "
                                      "{file} in it (or give a pack folder, like sources/show-trials)", file=PACK_FILE))
        raise StudypackError(said("term.pack-no-file", "{where} has no {file}: a pack is a folder with a {file} in it",
                                  where=shown, file=PACK_FILE))
    gathered = gather(folder)
    data, locations, files, warnings = gathered.data, gathered.locations, gathered.files, gathered.warnings
    allow_bases(folder, list(gathered.bases))
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, locations.locate, Pack, data))
    loaded = LoadedPack(pack, folder, folder.resolve().name, locations, files, warnings)
    problems = check_pack(loaded, data)
    if problems:
        raise StudypackError(problems)
    return loaded


def gather(folder: Path, chain: tuple[Path, ...] = ()) -> inherit.Gathered:
    """A pack folder's raw data with its `include:`d files, and its base pack applied if it `extends:` one."""
    folder = Path(folder)
    doc = yamlio.load(pack_file(folder) or folder / PACK_FILE)
    data, locations, files, warnings = _gather(folder, doc)
    gathered = inherit.Gathered(data, locations, files, folder, warnings=warnings)
    if "extends" not in data:
        return gathered
    here = folder.resolve()
    if here in chain:
        names = " -> ".join(display_path(p) for p in chain + (here,))
        raise StudypackError(Problem(said("term.pack-circle", "packs extend each other in a circle ({names}): one must "
                                          "stand on its own", names=names),
                                     gathered.locations.locate(("extends",))))
    return inherit.resolve(gathered, lambda base: gather(base, chain + (here,)))


def _gather(folder: Path, doc: yamlio.Document) -> tuple[dict, Locations, list[str], list[Problem]]:
    """Merge `include:`d files into pack.yaml's top level; each key stays tied to its own file."""
    if not isinstance(doc.data, dict):
        raise StudypackError(Problem(
            said("term.pack-empty", "pack.yaml is empty; it must be 'name: value' lines: title, subject, level, sheets …")
            if doc.data is None else
            said("term.pack-not-lines", "pack.yaml is {what}; it must be 'name: value' lines: title, subject, level, "
                 "sheets …", what=a_type(doc.data)), doc.location()))
    locations = doc.locations()
    data = dict(doc.data)
    includes = data.pop("include", [])
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise StudypackError(Problem(said("term.include-list", "include must be a list of YAML file names in the pack "
                                          "folder"), doc.location(("include",))))
    files = [doc.file]
    warnings = list(doc.warnings)
    problems: list[Problem] = []
    for i, name in enumerate(includes):
        where = doc.location(("include", i))
        try:
            path = inside(folder, name)
        except StudypackError as exc:
            problems.extend(Problem(p.message, where) for p in exc.problems)
            continue
        if not path.is_file():
            problems.append(Problem(said("term.include-missing", "included file '{name}' not found in the pack folder",
                                         name=name), where))
            continue
        extra = yamlio.load(path)
        files.append(extra.file)
        warnings.extend(extra.warnings)
        if not isinstance(extra.data, dict):
            problems.append(Problem(said("term.include-not-lines", "an included file must be 'name: value' lines of pack "
                                         "keys (sources:, glossary: …)"), extra.location()))
            continue
        for key, value in extra.data.items():
            if key in data:
                first = locations.get((key,))
                problems.append(Problem(said("term.include-twice", "'{key}' is already given in {first}: give each part "
                                             "of the pack in one file", key=key, first=first), extra.location((key,))))
                continue
            data[key] = value
            for path_, line in extra.lines.items():
                if path_[:1] == (key,):
                    locations[path_] = Location(extra.file, line)
    if problems:
        raise StudypackError(problems)
    return data, locations, files, warnings


# ---------------------------------------------------------------- cross-field rules

Add = Callable[[tuple, str], None]  # report a problem at a key path


def check_pack(loaded: LoadedPack, data: dict) -> list[Problem]:
    """The rules that span fields: lengths, letters and ids unique, what sheets cite exists,
    each kind's own rules, covers in front of papers."""
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        problems.append(Problem(message, loaded.locate(path)))

    _check_lengths(data, add)
    letters = _check_sources(loaded, add)
    ids = _check_sheets(loaded, letters, add)
    _check_covers(loaded.pack, ids, add)
    return problems


def _check_lengths(data: dict, add: Add) -> None:
    for path, value in strings(data):
        if len(value) > MAX_TEXT:
            name = next((p for p in reversed(path) if isinstance(p, str)), "text")
            add(path, describe(path, data) + said(
                "term.text-too-long", "{name} is {length} characters long; one text may have at most {most} (about 30 "
                "printed pages): shorten it or split it into parts", name=name, length=f"{len(value):,}", most=f"{MAX_TEXT:,}"))
    for path, message in formulas.problems(strings(data, keys=True)):  # a glossary word is printed too
        add(path, f"{describe(path, data)}{message}")


def _check_sources(loaded: LoadedPack, add: Add) -> dict[str, int]:
    """Each source's letter and label its own, a text or an image, the image there: {letter: index}."""
    letters: dict[str, int] = {}
    names: dict[str, str] = {}
    for i, source in enumerate(loaded.pack.sources):
        if source.letter in letters:
            add(("sources", i, "letter"), said("term.source-letter-twice", "source letter {letter} is used twice (also source "
                                               "{other}): give each source its own letter", letter=source.letter,
                                               other=letters[source.letter] + 1))
        letters.setdefault(source.letter, i)
        if source.label and source.name in names:
            add(("sources", i, "label"), _of_source(source.letter) + said(
                "term.source-label-twice", "'{name}' is also the label of source {other}: give each source its own label",
                name=source.name, other=names[source.name]))
        names.setdefault(source.name, source.letter)
        for where, message in stimuli.check(source):
            add(("sources", i) + tuple(where), message)
        if source.image:
            _check_image(loaded.root, source, ("sources", i, "image", "file"), add)
    for where, message in references.anchor_problems(loaded.pack.sources):
        add(where, message)
    return letters


def _check_image(root: Path, source, path: tuple, add: Add) -> None:
    try:
        if not inside(root, source.image.file).is_file():
            add(path, _of_source(source.letter) + said("term.image-missing", "image '{file}' not found in the pack folder",
                                                         file=source.image.file))
    except StudypackError as exc:
        add(path, _of_source(source.letter) + exc.problems[0].message)


def _of_source(letter: str) -> str:
    """"source A: ", in the terminal's words."""
    return said("term.at", "{where}: ", where=said("term.at-source", "source {letter}", letter=letter))


def _check_sheets(loaded: LoadedPack, letters: dict[str, int], add: Add) -> dict[str, int]:
    """Sheet ids free and unique, their sources in the pack, each kind's rules: {id: index}."""
    pack = loaded.pack
    ids: dict[str, int] = {}
    for s, sheet in enumerate(pack.sheets):
        if sheet.id in ids:
            add(("sheets", s, "id"), said("term.sheet-id-twice", "sheet id '{id}' is used twice: sheet ids name the PDF "
                                          "files, so each must differ", id=sheet.id))
        ids.setdefault(sheet.id, s)
        if sheet.id.endswith(BOOKLET_SUFFIX) and sheet.id[: -len(BOOKLET_SUFFIX)] in {x.id for x in pack.sheets}:
            add(("sheets", s, "id"), said("term.sheet-id-booklet", "sheet id '{id}' is the name of another sheet's source "
                                          "booklet: choose another", id=sheet.id))
        if sheet.id in RESERVED:
            add(("sheets", s, "id"), said("term.sheet-id-reserved", "sheet id '{id}' is kept for the whole-pack PDFs: choose "
                                          "another", id=sheet.id))
        for j, letter in enumerate(sheet.sources):
            if letter not in letters:
                add(("sheets", s, "sources", j), _at(sheet.id) + said(
                    "term.source-not-in-pack", "source {letter} is not in the pack (sources: {letters})", letter=letter,
                    letters=", ".join(letters) or said("term.none", "none")))
        for message in SHEET_KINDS[sheet.kind].check(sheet):
            add(("sheets", s), _at(sheet.id) + message)
        _check_questions(loaded, s, letters, add)
    return ids


def _check_questions(loaded: LoadedPack, s: int, letters: dict[str, int], add: Add) -> None:
    """Each question of sheet `s` by its kind's rules and the sources it cites, numbered through the sheet."""
    sheet = loaded.pack.sheets[s]
    number = 0
    for section, k, questions in sheet.groups():
        base = ("sheets", s) + (("sections", k) if section is not None else ())
        for q, question in enumerate(questions):
            number += 1
            path = base + ("questions", q)
            for sub, message in kinds.check(question):
                add(path + tuple(sub), _at(sheet.id, number) + message)
            for sub, message in references.check_question(question, letters, loaded.root, loaded.pack.sources):
                add(path + tuple(sub), _at(sheet.id, number) + message)


def _at(sheet: str, question: int | None = None) -> str:
    """Where a kind's own check found its problem, in the terminal's words: "sheet 's1', question 3: "."""
    where = said("term.at-sheet", "sheet '{id}'", id=sheet)
    if question is not None:
        where += ", " + said("term.at-question", "question {n}", question)
    return said("term.at", "{where}: ", where=where)


def _check_covers(pack: Pack, ids: dict[str, int], add: Add) -> None:
    """A cover names a paper of this pack that has questions, and no other cover does."""
    covered: dict[str, str] = {}
    for s, sheet in enumerate(pack.sheets):
        if sheet.paper is None:
            continue
        if sheet.paper not in ids:
            add(("sheets", s, "paper"), _at(sheet.id) + said("term.cover-paper-unknown", "paper '{paper}' is not a sheet id "
                                                             "in this pack ({ids})", paper=sheet.paper, ids=", ".join(ids)))
        elif not pack.sheets[ids[sheet.paper]].all_questions:
            add(("sheets", s, "paper"), _at(sheet.id) + said("term.cover-paper-empty", "paper '{paper}' has no questions: a "
                                                             "cover goes in front of a paper with questions", paper=sheet.paper))
        elif sheet.paper in covered:
            add(("sheets", s, "paper"), _at(sheet.id) + said("term.cover-paper-twice", "paper '{paper}' already has a cover "
                                                             "('{cover}')", paper=sheet.paper, cover=covered[sheet.paper]))
        covered.setdefault(sheet.paper, sheet.id)
