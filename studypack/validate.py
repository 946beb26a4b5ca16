"""Raw pack data -> typed Pack, collecting every problem with its file and line.

pydantic checks shapes and types; the messages are rewritten here in a teacher's words
("question 3: marks must be a positive whole number, got 'ten'") and pinned to the line
the YAML loader recorded. Rules that span fields (letters unique, cited sources exist,
answers among the options) run afterwards, per kind, through the registries.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from . import inherit, yamlio
from .errors import Location, Problem, StudypackError, display_path
from .paths import allow_bases, inside
from .spec import questions as kinds, references
from .spec.model import Pack
from .spec.sheets import BOOKLET_SUFFIX, RESERVED, SHEET_KINDS

PACK_FILE = "pack.yaml"
MAX_TEXT = 100_000  # characters in one text field; longer texts are pasted by mistake and take minutes to set


@dataclass
class LoadedPack:
    """A valid pack, its folder, and where each of its values was written."""

    pack: Pack
    root: Path
    name: str
    locations: dict[tuple, Location]
    files: list[str]
    warnings: list[Problem] = field(default_factory=list)  # from reading the files (control characters)
    profile: Any = None  # the board profile the pack names, once applied (profile.LoadedProfile)

    def locate(self, path: tuple) -> Location:
        return _locate(self.locations, path, self.files[0])


def load_pack(folder: Path) -> LoadedPack:
    """Read pack.yaml (and the files it includes), validate it, return the typed pack."""
    folder = Path(folder)
    if not folder.is_dir():
        if folder.is_file() and folder.name == PACK_FILE:
            folder = folder.parent
        else:
            raise StudypackError(f"pack folder not found: {folder} (give the folder that holds {PACK_FILE})")
    main = folder / PACK_FILE
    if not main.is_file():
        shown = display_path(folder)
        where = "this folder" if shown == "." else shown
        raise StudypackError(f"{where} has no {PACK_FILE}: a pack is a folder with a {PACK_FILE} in it")
    gathered = gather(folder)
    data, locations, files, warnings = gathered.data, gathered.locations, gathered.files, gathered.warnings
    allow_bases(folder, list(gathered.bases))
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise StudypackError(problems_from(exc, lambda p: _locate(locations, p, files[0]), Pack, data))
    loaded = LoadedPack(pack, folder, folder.resolve().name, locations, files, warnings)
    problems = check_pack(loaded, data)
    if problems:
        raise StudypackError(problems)
    return loaded


def gather(folder: Path, chain: tuple[Path, ...] = ()) -> inherit.Gathered:
    """A pack folder's raw data with its `include:`d files, and its base pack applied if it `extends:` one."""
    folder = Path(folder)
    doc = yamlio.load(folder / PACK_FILE)
    data, locations, files, warnings = _gather(folder, doc)
    gathered = inherit.Gathered(data, locations, files, folder, warnings=warnings)
    if "extends" not in data:
        return gathered
    here = folder.resolve()
    if here in chain:
        names = " -> ".join(display_path(p) for p in chain + (here,))
        raise StudypackError(Problem(f"packs extend each other in a circle ({names}): one must stand on its own",
                                     gathered.locations.get(("extends",), Location(files[0], 1))))
    return inherit.resolve(gathered, lambda base: gather(base, chain + (here,)))


def _gather(folder: Path, doc: yamlio.Document) -> tuple[dict, dict[tuple, Location], list[str], list[Problem]]:
    """Merge `include:`d files into pack.yaml's top level; each key stays tied to its own file."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {_type_name(doc.data)}"
        raise StudypackError(Problem(f"pack.yaml is {what}; it must be a mapping with title, subject, level, sheets …", doc.location()))
    locations = {path: Location(doc.file, line) for path, line in doc.lines.items()}
    data = dict(doc.data)
    includes = data.pop("include", [])
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise StudypackError(Problem("include must be a list of YAML file names in the pack folder", doc.location(("include",))))
    files = [doc.file]
    warnings = list(doc.warnings)
    problems = []
    for i, name in enumerate(includes):
        where = doc.location(("include", i))
        try:
            path = inside(folder, name)
        except StudypackError as exc:
            problems.extend(Problem(p.message, where) for p in exc.problems)
            continue
        if not path.is_file():
            problems.append(Problem(f"included file '{name}' not found in the pack folder", where))
            continue
        extra = yamlio.load(path)
        files.append(extra.file)
        warnings.extend(extra.warnings)
        if not isinstance(extra.data, dict):
            problems.append(Problem("an included file must be a mapping of pack keys (sources:, glossary: …)", extra.location()))
            continue
        for key, value in extra.data.items():
            if key in data:
                first = locations.get((key,))
                problems.append(Problem(f"'{key}' is already given in {first}: give each part of the pack in one file", extra.location((key,))))
                continue
            data[key] = value
            for path_, line in extra.lines.items():
                if path_[:1] == (key,):
                    locations[path_] = Location(extra.file, line)
    if problems:
        raise StudypackError(problems)
    return data, locations, files, warnings


# ---------------------------------------------------------------- cross-field rules

def check_pack(loaded: LoadedPack, data: dict) -> list[Problem]:
    pack = loaded.pack
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        problems.append(Problem(message, loaded.locate(path)))

    for path, value in _texts(data, ()):
        if len(value) > MAX_TEXT:
            name = next((p for p in reversed(path) if isinstance(p, str)), "text")
            add(path, f"{_describe(path, data)}{name} is {len(value):,} characters long; one text may have at most {MAX_TEXT:,} "
                      "(about 30 printed pages): shorten it or split it into parts")

    letters: dict[str, int] = {}
    names: dict[str, str] = {}
    for i, source in enumerate(pack.sources):
        if source.letter in letters:
            add(("sources", i, "letter"), f"source letter {source.letter} is used twice (also source {letters[source.letter] + 1}): give each source its own letter")
        letters.setdefault(source.letter, i)
        if source.label and source.name in names:
            add(("sources", i, "label"), f"source {source.letter}: '{source.name}' is also the label of source {names[source.name]}: "
                "give each source its own label")
        names.setdefault(source.name, source.letter)
        if not source.text and not source.image:
            add(("sources", i), f"source {source.letter}: give it a text or an image")
        if source.image:
            try:
                path = inside(loaded.root, source.image.file)
                if not path.is_file():
                    add(("sources", i, "image", "file"), f"source {source.letter}: image '{source.image.file}' not found in the pack folder")
            except StudypackError as exc:
                add(("sources", i, "image", "file"), f"source {source.letter}: {exc.problems[0].message}")
    ids: dict[str, int] = {}
    for s, sheet in enumerate(pack.sheets):
        if sheet.id in ids:
            add(("sheets", s, "id"), f"sheet id '{sheet.id}' is used twice: sheet ids name the PDF files, so each must differ")
        ids.setdefault(sheet.id, s)
        if sheet.id.endswith(BOOKLET_SUFFIX) and sheet.id[: -len(BOOKLET_SUFFIX)] in {x.id for x in pack.sheets}:
            add(("sheets", s, "id"), f"sheet id '{sheet.id}' is the name of another sheet's source booklet: choose another")
        if sheet.id in RESERVED:
            add(("sheets", s, "id"), f"sheet id '{sheet.id}' is kept for the whole-pack PDFs: choose another")
        for j, letter in enumerate(sheet.sources):
            if letter not in letters:
                add(("sheets", s, "sources", j), f"sheet '{sheet.id}': source {letter} is not in the pack (sources: {', '.join(letters) or 'none'})")
        for message in SHEET_KINDS[sheet.kind].check(sheet):
            add(("sheets", s), f"sheet '{sheet.id}': {message}")
        number = 0
        for section, k, questions in sheet.groups():
            base = ("sheets", s) + (("sections", k) if section is not None else ())
            for q, question in enumerate(questions):
                number += 1
                path = base + ("questions", q)
                for sub, message in kinds.check(question):
                    add(path + tuple(sub), f"sheet '{sheet.id}', question {number}: {message}")
                for sub, message in references.check_question(question, letters, loaded.root, pack.sources):
                    add(path + tuple(sub), f"sheet '{sheet.id}', question {number}: {message}")
    covered: dict[str, str] = {}
    for s, sheet in enumerate(pack.sheets):
        if sheet.paper is None:
            continue
        if sheet.paper not in ids:
            add(("sheets", s, "paper"), f"sheet '{sheet.id}': paper '{sheet.paper}' is not a sheet id in this pack ({', '.join(ids)})")
        elif not pack.sheets[ids[sheet.paper]].all_questions:
            add(("sheets", s, "paper"), f"sheet '{sheet.id}': paper '{sheet.paper}' has no questions: a cover goes in front of a paper with questions")
        elif sheet.paper in covered:
            add(("sheets", s, "paper"), f"sheet '{sheet.id}': paper '{sheet.paper}' already has a cover ('{covered[sheet.paper]}')")
        covered.setdefault(sheet.paper, sheet.id)
    return problems


def _texts(value: Any, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))


# ---------------------------------------------------------------- pydantic → words

def problems_from(exc: ValidationError, locate: Callable[[tuple], Location], root: type[BaseModel], data: Any = None) -> list[Problem]:
    problems = []
    seen = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        model_loc, parent = _strip_tags(root, loc)
        message = _describe(model_loc, data) + _message(error, parent, model_loc)
        key = (message, model_loc)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(message, locate(model_loc)))
    return problems


def _strip_tags(root: type[BaseModel], loc: tuple) -> tuple[tuple, Any]:
    """pydantic puts union tags ('multiple-choice') and validator names in loc; drop them.

    Also returns the model that holds the last part, so unknown keys can be matched
    against the fields that model really has.
    """
    clean = []
    node: Any = root
    parent: Any = root
    for part in loc:
        if isinstance(node, _Union):
            member = node.members.get(part)
            if member is not None:
                node = member
                continue
        if isinstance(part, str) and part.startswith(("function-", "json-or-python", "tagged-union")):
            continue
        clean.append(part)
        parent = node
        node = _child(node, part)
    return tuple(clean), parent


class _Union:
    def __init__(self, members: dict[str, Any]):
        self.members = members


def _child(node: Any, part: Any) -> Any:
    """Follow one step of a loc through model classes, lists, dicts and tagged unions."""
    node = _unwrap(node)
    if isinstance(node, type) and issubclass(node, BaseModel):
        field = node.model_fields.get(part) if isinstance(part, str) else None
        return _unwrap(field.annotation) if field else None
    origin = typing.get_origin(node)
    if origin in (list, tuple) and isinstance(part, int):
        args = typing.get_args(node)
        return _unwrap(args[0]) if args else None
    if origin is dict:
        return _unwrap(typing.get_args(node)[1])
    return None


def _unwrap(node: Any) -> Any:
    while True:
        origin = typing.get_origin(node)
        if origin is typing.Annotated:
            node = typing.get_args(node)[0]
            continue
        if origin is typing.Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
            args = [a for a in typing.get_args(node) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel) and "kind" in a.model_fields]
            if len(models) > 1:
                return _Union({typing.get_args(m.model_fields["kind"].annotation)[0]: m for m in models})
            if len(args) == 1:
                node = args[0]
                continue
        return node


def _allowed_keys(node: Any) -> list[str]:
    node = _unwrap(node)
    if isinstance(node, type) and issubclass(node, BaseModel):
        return list(node.model_fields)
    return []


def _describe(loc: tuple, data: Any) -> str:
    """A human prefix for a loc: "sheet 'sources-a-b', question 3: "."""
    words = []
    node = data
    i = offset = 0
    while i < len(loc):
        part = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        child = _get(node, part)
        if part == "sheets" and isinstance(nxt, int):
            sheet = _get(child, nxt)
            sid = _get(sheet, "id")
            words.append(f"sheet '{sid}'" if isinstance(sid, str) else f"sheet {nxt + 1}")
            node, i = sheet, i + 2
            continue
        if part == "sections" and isinstance(nxt, int):
            earlier = [_get(_get(child, k), "questions") for k in range(nxt)]
            offset = sum(len(q) for q in earlier if isinstance(q, list))  # questions number through the sheet
            words.append(f"section {nxt + 1}")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "questions" and isinstance(nxt, int):
            words.append(f"question {nxt + 1 + offset}")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "parts" and isinstance(nxt, int) and nxt < 26:
            words.append(f"part ({chr(97 + nxt)})")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "sources" and isinstance(nxt, int) and len(words) == 0:
            src = _get(child, nxt)
            letter = _get(src, "letter")
            words.append(f"source {letter}" if isinstance(letter, str) and len(letter) == 1 else f"source {nxt + 1}")
            node, i = src, i + 2
            continue
        if part == "glossary" and isinstance(nxt, str):
            words.append(f"glossary entry '{nxt}'")
            break
        if part == "timeline" and isinstance(nxt, int):
            words.append(f"timeline entry {nxt + 1}")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "levels" and isinstance(nxt, int):
            words.append(f"level row {nxt + 1}")
            node, i = _get(child, nxt), i + 2
            continue
        break
    return (", ".join(words) + ": ") if words else ""


def _get(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _field_name(loc: tuple) -> str:
    if len(loc) >= 2 and loc[-2] == "glossary":
        return "its meaning"
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "value"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put the text in quotes)"
    if isinstance(value, (dict, list)):
        return f"a {_type_name(value)}"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"'{text}'"


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "yes/no value"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "empty value"
    return "text"


def _message(error: dict, parent: Any, loc: tuple) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = _field_name(loc)
    if kind == "missing":
        return f"missing required field '{name}': add it"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(parent)
        return f"unknown key '{name}'{suggest(str(name), allowed)}"
    if kind == "union_tag_invalid":
        tags = [t.strip("' ") for t in str(ctx.get("expected_tags", "")).split(",")]
        return f"unknown kind '{ctx.get('tag')}'{suggest(str(ctx.get('tag')), tags)}; kinds are: {', '.join(tags)}"
    if kind == "union_tag_not_found":
        return "missing required field 'kind': say which kind of question this is"
    if kind == "literal_error":
        options = [o.strip("' ") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return f"{name} must be one of {', '.join(options)}, got {_shown(value)}{suggest(str(value), options)}"
    if name == "marks" and kind in ("int_type", "int_parsing", "greater_than", "int_from_float", "less_than_equal"):
        if isinstance(value, str) and value.strip().isdigit():
            return f"marks must be a whole number without quotes: write {value.strip()}, not '{value}'"
        if kind == "less_than_equal":
            return f"marks must be at most {ctx.get('le')}, got {_shown(value)}"
        return f"marks must be a positive whole number, got {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name} must be a whole number, got {_shown(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"{name} must be {bound} {limit}, got {_shown(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"{name} must be a number, got {_shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{name} must be true or false, got {_shown(value)}"
    if kind == "string_type" and value is None:
        return f"{name} is empty: write it after the colon, or leave the line out if it is optional"
    if kind == "string_type":
        return f"{name} must be text, got {_shown(value)}"
    if kind == "string_too_short":
        return f"{name} must not be empty"
    if kind == "string_too_long":
        return f"{name} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_pattern_mismatch":
        if name == "letter" or name == "sources":
            return f"a source letter is one capital letter A-Z, got {_shown(value)}"
        if name == "id":
            return f"id must be lower-case letters, digits and hyphens (like 'sources-a-b'), got {_shown(value)}"
        if name in ("colour", "tint", "border_colour"):
            return f"{name} must be a colour like '#1a2b3c', got {_shown(value)}"
        return f"{name} has the wrong form, got {_shown(value)}"
    if kind == "too_short" and isinstance(value, str):
        return f"{name} must not be empty"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"{name} needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "too_long":
        return f"{name} has too many items (at most {ctx.get('max_length')})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name} must be a mapping of 'key: value' lines, got {_shown(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"{name} must be a list (lines starting with '- '), got {_shown(value)}"
    if kind == "value_error":
        return f"{name}: {ctx.get('error', error['msg'])}"
    return f"{name}: {error['msg']}"


def suggest(word: str, choices) -> str:
    """' (did you mean 'marks'?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _locate(locations: dict[tuple, Location], path: tuple, fallback: str) -> Location:
    path = tuple(path)
    while path and path not in locations:
        path = path[:-1]
    return locations.get(path, Location(fallback, 1))
