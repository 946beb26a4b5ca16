"""Packs built on packs: `extends:` takes a base pack and applies one pack's choices to it.

A tutor's pack names a base pack, keeps or leaves out sheets, questions and sources (by
id, source letter or tag), reorders sheets, changes any text, and adds its own sources,
sheets and glossary. This runs on the raw YAML data before validation, so it works for
every question and sheet kind without knowing them; every value keeps the file and line
it was written on, so a mistake is reported in the base or the extension, wherever it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from studypack.base.errors import Location, Problem, StudypackError, display_path, said
from studypack.base.locations import Locations
from studypack.base.messages import suggest
from studypack.base.paths import pack_file

EXTENDS_KEYS = ("pack", "include", "omit", "order")
CHANGE_EXTRA = "add_questions"  # inside `change:` of a sheet: questions appended to it
KINDS = ("sheet", "question", "source")


@dataclass
class Gathered:
    """Raw pack data, where each value was written, and the files it came from."""

    data: dict
    locations: Locations  # where each value was written; falls back to the first file
    files: list[str]
    folder: Path
    bases: tuple[Path, ...] = ()  # folders of the packs this one is built on
    warnings: list[Problem] = field(default_factory=list)  # from reading the files


@dataclass(frozen=True)
class _Item:
    kind: str      # sheet, question or source
    index: tuple   # (s,), (s, q) or (i,) in the base data
    label: str     # how to name it in a message


def base_folder(ext: Gathered) -> tuple[Path | None, list[Problem]]:
    """The folder `extends:` names, or the problems with how it is written."""
    spec = ext.data.get("extends")
    where = ext.locations.locate(("extends",))
    path = spec.get("pack") if isinstance(spec, dict) else spec
    if isinstance(spec, dict):
        problems = [Problem(said("term.extends-unknown-key", "unknown key '{key}' in extends{suggestion}; it takes {keys}",
                                 key=key, suggestion=suggest(str(key), EXTENDS_KEYS), keys=", ".join(EXTENDS_KEYS)),
                            ext.locations.locate(("extends", key)))
                    for key in spec if key not in EXTENDS_KEYS]
        if problems:
            return None, problems
        where = ext.locations.locate(("extends", "pack"))
    if not isinstance(path, str) or not path.strip():
        return None, [Problem(said("term.extends-form", "extends must name the base pack's folder, like 'extends: "
                                   "../show-trials', or be a mapping with pack:, include:, omit: and order:"), where)]
    folder = (ext.folder / path).resolve()
    if pack_file(folder) is None:
        return None, [Problem(said("term.extends-no-pack", "extends: no pack at '{path}' ({folder} has no pack.yaml): give "
                                   "the base pack's folder, relative to this pack's folder", path=path,
                                   folder=display_path(folder)), where)]
    return folder, []


def resolve(ext: Gathered, load_base: Callable[[Path], Gathered]) -> Gathered:
    """Apply the extension in `ext` to the base pack it names; the result is one pack's raw data."""
    folder, problems = base_folder(ext)
    if problems or folder is None:
        raise StudypackError(problems)
    base = load_base(folder)
    _rebase_files(base.data, base.folder, ext.folder)
    merged = _Merger(base, ext).run()
    merged.bases = (base.folder,) + base.bases
    merged.warnings = ext.warnings + base.warnings
    return merged


def _rebase_files(value: Any, base: Path, ext: Path, key: Any = None) -> None:
    """A picture named in the base pack is found from the extension's folder."""
    if isinstance(value, dict):
        if key == "image" and isinstance(value.get("file"), str):
            value["file"] = Path(os.path.relpath(Path(base).resolve() / value["file"], Path(ext).resolve())).as_posix()
        for k, v in value.items():
            _rebase_files(v, base, ext, k)
    elif isinstance(value, list):
        for v in value:
            _rebase_files(v, base, ext)


class _Merger:
    def __init__(self, base: Gathered, ext: Gathered):
        self.base, self.ext = base, ext
        self.problems: list[Problem] = []
        self.items = _index(base.data)
        self.data: dict = {}
        self.locs = Locations(fallback=ext.locations.fallback)
        self.moved: dict[_Item, tuple] = {}  # base item -> its path in the result

    # ------------------------------------------------------------ the steps, in order
    def run(self) -> Gathered:
        spec = self.ext.data.get("extends")
        spec = spec if isinstance(spec, dict) else {}
        include = self._refs(spec, "include") if "include" in spec else None
        omit = self._refs(spec, "omit") if "omit" in spec else []
        if self.problems:
            raise StudypackError(self.problems)
        self._select(include, omit)
        self._add_own()
        self._order(spec.get("order"))
        self._change(self.ext.data.get("change"))
        self._overrides()
        if not self.data.get("sheets"):
            self.problems.append(Problem(said("term.extends-nothing-left", "nothing is left of the base pack's sheets and "
                                              "none are added: keep at least one sheet"),
                                         self.ext.locations.locate(("extends",))))
        if self.problems:
            raise StudypackError(self.problems)
        files = self.ext.files + [f for f in self.base.files if f not in self.ext.files]
        return Gathered(self.data, self.locs, files, self.ext.folder)

    def _select(self, include: list[list[_Item]] | None, omit: list[list[_Item]]) -> None:
        """Copy what the extension keeps of the base: its top-level keys, the chosen sheets and
        questions, and the sources that are asked for or cited by a kept sheet."""
        base = self.base.data
        kept, whole, wanted_sources, dropped_sources = self._chosen(include, omit)
        sources = _list(base.get("sources"))
        dropped_letters = {_get(sources, i, "letter") for (i,) in dropped_sources}
        self._copy_top(base, skip=("sheets", "sources", "extends", "change"))
        cited = self._keep_sheets(kept, whole, dropped_letters)
        self._keep_sources(sources, cited, wanted_sources, dropped_sources)

    def _chosen(self, include: list[list[_Item]] | None, omit: list[list[_Item]]):
        """(kept questions, whole sheets, sources asked for, sources left out) from include and omit."""
        questions = {item.index for item in self.items if item.kind == "question"}
        wanted_sources: set[tuple] = set()
        # sheets without questions of their own (sections, covers, glossaries) go whole
        whole = {item.index[0] for item in self.items if item.kind == "sheet"}
        if include is None:
            kept = set(questions)
        else:
            kept, whole = set(), set()
            for items in include:
                for item in items:
                    if item.kind == "sheet":
                        whole.add(item.index[0])
                        kept |= {q for q in questions if q[0] == item.index[0]}
                    elif item.kind == "question":
                        kept.add(item.index)
                    else:
                        wanted_sources.add(item.index)
        dropped_sources: set[tuple] = set()
        for items in omit:
            for item in items:
                if item.kind == "sheet":
                    whole.discard(item.index[0])
                    kept -= {q for q in questions if q[0] == item.index[0]}
                elif item.kind == "question":
                    kept.discard(item.index)
                else:
                    dropped_sources.add(item.index)
                    wanted_sources.discard(item.index)
        return kept, whole, wanted_sources, dropped_sources

    def _keep_sheets(self, kept: set, whole: set, dropped_letters: set) -> set:
        """The base's sheets that keep a question or go whole, renumbered; the letters they cite."""
        out_sheets: list = []
        cited: set = set()
        for s, sheet in enumerate(_list(self.base.data.get("sheets"))):
            if not isinstance(sheet, dict):
                continue
            own = _list(sheet.get("questions"))
            keep_q = [q for q in range(len(own)) if (s, q) in kept]
            if not keep_q and (own or s not in whole):
                continue
            new, letters = self._keep_sheet(s, sheet, len(out_sheets), keep_q, dropped_letters)
            cited.update(letters)
            out_sheets.append(new)
        for own_sheet in self.ext.data.get("sheets") or []:
            if isinstance(own_sheet, dict) and isinstance(own_sheet.get("sources"), list):
                cited.update(own_sheet["sources"])
        self.data["sheets"] = out_sheets
        self.locs[("sheets",)] = self._base_loc(("sheets",))
        return cited

    def _keep_sheet(self, s: int, sheet: dict, new_s: int, keep_q: list[int], dropped_letters: set) -> tuple[dict, list]:
        """Base sheet `s` as the result's sheet `new_s`, with the questions `keep_q`; the letters it cites."""
        new = {k: v for k, v in sheet.items() if k not in ("questions", "sources")}
        self._place(("sheets", s), ("sheets", new_s), skip=("questions", "sources"))
        letters = self._keep_sheet_sources(s, sheet, new_s, new, dropped_letters)
        if "questions" in sheet:
            new["questions"] = []
            self.locs[("sheets", new_s, "questions")] = self._base_loc(("sheets", s, "questions"))
        for q in keep_q:
            self._place(("sheets", s, "questions", q), ("sheets", new_s, "questions", len(new["questions"])))
            self.moved[self._item("question", (s, q))] = ("sheets", new_s, "questions", len(new["questions"]))
            new["questions"].append(sheet["questions"][q])
        self.moved[self._item("sheet", (s,))] = ("sheets", new_s)
        for item in self.items:
            if item.kind == "question" and len(item.index) == 4 and item.index[0] == s:
                self.moved[item] = ("sheets", new_s, "sections", item.index[2], "questions", item.index[3])
        return new, letters

    def _keep_sheet_sources(self, s: int, sheet: dict, new_s: int, new: dict, dropped_letters: set) -> list:
        """A kept sheet's `sources:` without the letters left out (into `new`); the letters it still cites."""
        if isinstance(sheet.get("sources"), list):
            letters = [x for x in sheet["sources"] if x not in dropped_letters]
            new["sources"] = letters
            self.locs[("sheets", new_s, "sources")] = self._base_loc(("sheets", s, "sources"))
            for j, letter in enumerate(letters):
                self.locs[("sheets", new_s, "sources", j)] = self._base_loc(("sheets", s, "sources", sheet["sources"].index(letter)))
            return letters
        if "sources" in sheet:
            new["sources"] = sheet["sources"]
            self._place(("sheets", s, "sources"), ("sheets", new_s, "sources"))
        return []

    def _keep_sources(self, sources: list, cited: set, wanted_sources: set, dropped_sources: set) -> None:
        out_sources: list = []
        for i, source in enumerate(sources):
            letter = _get(sources, i, "letter")
            if (i,) in dropped_sources or ((i,) not in wanted_sources and letter not in cited):
                continue
            self._place(("sources", i), ("sources", len(out_sources)))
            self.moved[self._item("source", (i,))] = ("sources", len(out_sources))
            out_sources.append(source)
        if out_sources or "sources" in self.base.data:
            self.data["sources"] = out_sources
            self.locs[("sources",)] = self._base_loc(("sources",))

    def _add_own(self) -> None:
        """The extension's own sources, sheets, glossary words and timeline entries join the base's."""
        ext = self.ext.data
        for key in ("sources", "sheets", "timeline"):
            if key not in ext:
                continue
            if not isinstance(ext[key], list):
                self.problems.append(Problem(said("term.extends-not-list", "{key} must be a list (lines starting with '- '); "
                                                  "in a pack that extends another, they are added to the base pack's",
                                                  key=key), self.ext.locations.locate((key,))))
                continue
            into = self.data.setdefault(key, [])
            if not isinstance(into, list):
                continue
            if key == "sheets":
                base_ids = {_get(self.base.data.get("sheets"), s[0], "id"): s for s in
                            (item.index for item in self.items if item.kind == "sheet")}
                for n, sheet in enumerate(ext[key]):
                    sid = sheet.get("id") if isinstance(sheet, dict) else None
                    if sid in base_ids:
                        self.problems.append(Problem(
                            said("term.extends-sheet-in-base", "sheet '{id}' is already in the base pack: to change it, "
                                 "write it under change: (change: {{{id}: {{title: …}}}}), or give the new sheet another id",
                                 id=sid),
                            self.ext.locations.locate(("sheets", n, "id"))))
            for n, value in enumerate(ext[key]):
                self._place_ext((key, n), (key, len(into)))
                into.append(value)
        if "glossary" in ext:
            if isinstance(ext["glossary"], dict) and isinstance(self.data.get("glossary", {}), dict):
                merged = dict(self.data.get("glossary") or {})
                for word, meaning in ext["glossary"].items():
                    merged[word] = meaning
                    self._drop(("glossary", word))
                    self._place_ext(("glossary", word), ("glossary", word))
                self.data["glossary"] = merged
            else:
                self.data["glossary"] = ext["glossary"]
                self._drop(("glossary",))
                self._place_ext(("glossary",), ("glossary",))

    def _order(self, order: Any) -> None:
        if order is None:
            return
        where = self.ext.locations.locate(("extends", "order"))
        sheets = self.data.get("sheets") or []
        ids = [s.get("id") if isinstance(s, dict) else None for s in sheets]
        if not isinstance(order, list) or not all(isinstance(x, str) for x in order):
            self.problems.append(Problem(said("term.order-list", "order must be a list of sheet ids, first sheet first"), where))
            return
        first: list[int] = []
        for n, sid in enumerate(order):
            if sid not in ids:
                self.problems.append(Problem(said("term.order-missing", "order: no sheet '{id}' is left in the pack{suggestion}",
                                                  id=sid, suggestion=suggest(sid, ids)),
                                             self.ext.locations.locate(("extends", "order", n))))
            elif ids.index(sid) in first:
                self.problems.append(Problem(said("term.order-twice", "order: sheet '{id}' is listed twice", id=sid),
                                             self.ext.locations.locate(("extends", "order", n))))
            else:
                first.append(ids.index(sid))
        new_order = first + [i for i in range(len(sheets)) if i not in first]
        old_locs = {p: l for p, l in self.locs.items() if p[:1] == ("sheets",) and len(p) > 1}
        for p in old_locs:
            del self.locs[p]
        for new, old in enumerate(new_order):
            for p, l in old_locs.items():
                if p[1] == old:
                    self.locs[("sheets", new) + p[2:]] = l
        self.data["sheets"] = [sheets[i] for i in new_order]
        renumber = {old: new for new, old in enumerate(new_order)}
        for item, path in self.moved.items():
            if path[0] == "sheets":
                self.moved[item] = ("sheets", renumber[path[1]]) + path[2:]

    def _change(self, change: Any) -> None:
        if change is None:
            return
        if not isinstance(change, dict):
            self.problems.append(Problem(said("term.change-mapping", "change must be a mapping: an id or source letter, then "
                                              "the fields to change, like 'kirov: {prompt: …}'"),
                                         self.ext.locations.locate(("change",))))
            return
        for ref, fields in change.items():
            where = self.ext.locations.locate(("change", ref))
            items = self._lookup(str(ref), where)
            if items is None:
                continue
            if len(items) != 1 or str(ref).startswith("tag:"):
                self.problems.append(Problem(said("term.change-one", "change: '{ref}' must name one sheet, question or source, "
                                                  "not a tag", ref=ref), where))
                continue
            item = items[0]
            if not isinstance(fields, dict):
                self.problems.append(Problem(said("term.change-fields", "change: give the fields of {label} to change as a "
                                                  "mapping, like 'prompt: …'", label=item.label), where))
                continue
            path = self.moved.get(item)
            if path is None:
                self.problems.append(Problem(said("term.change-left-out", "change: {label} is left out of this pack, so it "
                                                  "cannot be changed", label=item.label), where))
                continue
            target = self._at(path)
            for key, value in fields.items():
                src = ("change", ref, key)
                if item.kind == "sheet" and key == CHANGE_EXTRA:
                    if not isinstance(value, list):
                        self.problems.append(Problem(said("term.change-extra-list", "{key} must be a list of questions",
                                                          key=CHANGE_EXTRA), self.ext.locations.locate(src)))
                        continue
                    questions = target.setdefault("questions", [])
                    for n, question in enumerate(value):
                        self._place_ext(src + (n,), path + ("questions", len(questions)))
                        questions.append(question)
                    continue
                if item.kind == "sheet" and key == "questions":
                    self.problems.append(Problem(said("term.change-questions", "change: a sheet's questions are chosen with "
                                                      "extends: include/omit and changed one by one by id; new ones go in "
                                                      "{key}:", key=CHANGE_EXTRA), self.ext.locations.locate(src)))
                    continue
                self._merge(target, key, value, src, path + (key,))

    def _overrides(self) -> None:
        """Any other top-level key of the extension (title, level, layout, …) replaces the base's."""
        for key, value in self.ext.data.items():
            if key in ("extends", "change", "sources", "sheets", "timeline", "glossary"):
                continue
            self.data[key] = value
            self._drop((key,))
            self._place_ext((key,), (key,))

    # ------------------------------------------------------------ references
    def _refs(self, spec: dict, key: str) -> list[list[_Item]]:
        value = spec.get(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.append(Problem(said("term.refs-list", "{key} must be a list of ids, source letters or tags (like "
                                              "[kirov, A, tag:essay])", key=key), self.ext.locations.locate(("extends", key))))
            return []
        found = []
        for n, ref in enumerate(value):
            where = self.ext.locations.locate(("extends", key, n))
            items = self._lookup(ref, where)
            if items is None:
                continue
            in_sections = [item for item in items if item.kind == "question" and len(item.index) == 4]
            if in_sections and not ref.startswith("tag:"):
                sheet = self.base.data["sheets"][in_sections[0].index[0]].get("id")
                self.problems.append(Problem(said("term.refs-in-section", "{key}: {label} is in a section of sheet "
                                                  "'{sheet}'; questions in sections go with their sheet: {key} the sheet, "
                                                  "or change the question under change:", key=key,
                                                  label=in_sections[0].label, sheet=sheet), where))
                continue
            found.append([item for item in items if item not in in_sections])
        return found

    def _lookup(self, ref: str, where: Location) -> list[_Item] | None:
        kind, _, name = ref.partition(":") if ":" in ref else ("", "", ref)
        if kind == "tag":
            hits = [item for item in self.items if name in _tags(self.base.data, item)]
            if not hits:
                tags = sorted({t for item in self.items for t in _tags(self.base.data, item)})
                self.problems.append(Problem(said("term.tag-none", "no question or source in the base pack has the tag "
                                                  "'{name}'{suggestion}", name=name, suggestion=suggest(name, tags)), where))
                return None
            return hits
        if kind and kind not in KINDS:
            self.problems.append(Problem(said("term.ref-kind", "'{ref}': write an id, a source letter, or tag:, sheet:, "
                                              "question: or source: before a name", ref=ref), where))
            return None
        hits = [item for item in self.items if (not kind or item.kind == kind) and name in _names(self.base.data, item)]
        if not hits:
            names = [n for item in self.items for n in _names(self.base.data, item)]
            self.problems.append(Problem(said("term.ref-unknown", "'{ref}' is not a sheet, question or source of the base "
                                              "pack{suggestion}", ref=ref, suggestion=suggest(name, names)), where))
            return None
        if len({h.kind for h in hits}) > 1:
            labels = said("term.ref-and", " and ").join(h.label for h in hits)
            choices = said("term.ref-or", " or ").join(f"{h.kind}:{name}" for h in hits)
            self.problems.append(Problem(said("term.ref-both", "'{ref}' names both {labels}: write {choices}", ref=ref,
                                              labels=labels, choices=choices), where))
            return None
        if len(hits) > 1:
            things = said(f"term.{hits[0].kind}s", {"one": "{n} " + hits[0].kind, "other": "{n} " + hits[0].kind + "s"},
                          len(hits))
            self.problems.append(Problem(said("term.ref-many", "'{ref}' names {things} in the base pack (the same id twice): "
                                              "give them different ids there", ref=ref, things=things), where))
            return None
        return hits

    def _item(self, kind: str, index: tuple) -> _Item:
        return next(item for item in self.items if item.kind == kind and item.index == index)

    # ------------------------------------------------------------ data and locations
    def _at(self, path: tuple) -> Any:
        node = self.data
        for part in path:
            node = node[part]
        return node

    def _merge(self, target: dict, key: str, value: Any, src: tuple, dst: tuple) -> None:
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merged = dict(target[key])
            target[key] = merged
            for sub, sub_value in value.items():
                self._merge(merged, sub, sub_value, src + (sub,), dst + (sub,))
            return
        target[key] = value
        self._drop(dst)
        self._place_ext(src, dst)

    def _copy_top(self, base: dict, skip: tuple) -> None:
        for key, value in base.items():
            if key in skip:
                continue
            self.data[key] = value
            self._place((key,), (key,))

    def _base_loc(self, path: tuple) -> Location:
        return self.base.locations.locate(path)

    def _place(self, src: tuple, dst: tuple, skip: tuple = ()) -> None:
        _copy_locs(self.base.locations, src, dst, self.locs, skip)

    def _place_ext(self, src: tuple, dst: tuple) -> None:
        _copy_locs(self.ext.locations, src, dst, self.locs, ())

    def _drop(self, prefix: tuple) -> None:
        for path in [p for p in self.locs if p[: len(prefix)] == prefix]:
            del self.locs[path]


def _copy_locs(src_locs: dict, src: tuple, dst: tuple, out: dict, skip: tuple) -> None:
    n = len(src)
    for path, where in src_locs.items():
        if path[:n] == src and not (len(path) > n and path[n] in skip):
            out[dst + path[n:]] = where


def _index(data: dict) -> list[_Item]:
    """Every sheet, question and source of a base pack, in order."""
    items: list[_Item] = []
    for s, sheet in enumerate(_list(data.get("sheets"))):
        if not isinstance(sheet, dict):
            continue
        sid = sheet.get("id") if isinstance(sheet.get("id"), str) else said("term.at-sheet-n", "sheet {n}", s + 1)
        items.append(_Item("sheet", (s,), said("term.at-sheet", "sheet '{id}'", id=sid)))
        for q, question in enumerate(sheet.get("questions") or []):
            if isinstance(question, dict):
                qid = question.get("id")
                label = said("term.ref-question", "question '{id}'", id=qid) if isinstance(qid, str) else \
                    said("term.ref-question-of", "question {n} of sheet '{sheet}'", q + 1, sheet=sid)
                items.append(_Item("question", (s, q), label))
        for i, section in enumerate(sheet.get("sections") or []):
            questions = section.get("questions") if isinstance(section, dict) else None
            for q, question in enumerate(questions if isinstance(questions, list) else []):
                if isinstance(question, dict):  # changed by id; kept or left out with their sheet
                    label = said("term.ref-question", "question '{id}'", id=question.get("id")) \
                        if isinstance(question.get("id"), str) else \
                        said("term.ref-question-in-section", "question {n} of section {section} of sheet '{sheet}'", q + 1,
                             section=i + 1, sheet=sid)
                    items.append(_Item("question", (s, "sections", i, q), label))
    for i, source in enumerate(_list(data.get("sources"))):
        if isinstance(source, dict):
            items.append(_Item("source", (i,), said("term.at-source", "source {letter}", letter=source.get("letter", i + 1))))
    return items


def _node(data: dict, item: _Item) -> dict:
    if item.kind == "source":
        return data["sources"][item.index[0]]
    sheet = data["sheets"][item.index[0]]
    if item.kind == "sheet":
        return sheet
    if len(item.index) == 4:
        return sheet["sections"][item.index[2]]["questions"][item.index[3]]
    return sheet["questions"][item.index[1]]


def _names(data: dict, item: _Item) -> list[str]:
    """What a pack may call an item: its id; a source also its letter; a question without
    an id its place, `<sheet-id>.<number>`."""
    node = _node(data, item)
    names = [node["id"]] if isinstance(node.get("id"), str) else []
    if item.kind == "source" and isinstance(node.get("letter"), str):
        names.append(node["letter"])
    if item.kind == "question" and not names and len(item.index) == 2:
        sheet = data["sheets"][item.index[0]]
        names.append(f"{sheet.get('id')}.{item.index[1] + 1}")
    return names


def _tags(data: dict, item: _Item) -> list[str]:
    tags = _node(data, item).get("tags")
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _list(value: Any) -> list:
    """A value that should be a list, or an empty one (its type is validate's to report)."""
    return value if isinstance(value, list) else []


def _get(items: Any, index: int, key: str) -> Any:
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        return items[index].get(key)
    return None
