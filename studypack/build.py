"""One build, start to finish: load -> validate -> plan -> compose -> typeset -> write.

Everything is gathered and typeset in memory first; files are written last and all at
once, so an error anywhere leaves the output folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import fonts, layout as layouts, plan as planning, text, validate
from .errors import Problem, StudypackError
from .validate import LoadedPack


@dataclass
class Written:
    path: Path
    pages: int
    size: int


@dataclass
class BuildResult:
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check(pack_dir: Path, layout_name: str | None = None) -> tuple[LoadedPack, list[Problem]]:
    """Validate the pack and its layout, without typesetting; return warnings."""
    loaded = validate.load_pack(pack_dir)
    layout = layouts.load(layout_name or loaded.pack.layout or "default")
    return loaded, glyph_warnings(loaded, layout)


def build(pack_dir: Path, layout_name: str | None = None, out_root: Path = Path("output")) -> BuildResult:
    from . import render
    from .compose import Composer
    from .sheets import SHEET_KINDS, answer_key

    loaded, warnings = check(pack_dir, layout_name)
    pack = loaded.pack
    layout = layouts.load(layout_name or pack.layout or "default")
    plan = planning.make(pack, loaded.name, out_root)
    student = Composer(layout, pack, loaded.root, key=False)
    key = Composer(layout, pack, loaded.root, key=True)
    pack_vars = _pack_vars(pack)
    sheet_vars = [_sheet_vars(sheet) for sheet in pack.sheets]

    files: dict[Path, bytes] = {}
    result = BuildResult(warnings=warnings)
    pages: dict[Path, int] = {}
    for document in plan.documents:
        if document.key:
            info = {"id": "answer-key", "title": "Answer key", "kind": "answer-key", "total": pack.total}
            sheets = [(info, answer_key.compose(pack, key))]
            composer = key
        else:
            sheets = [(sheet_vars[i], SHEET_KINDS[pack.sheets[i].kind].compose(pack.sheets[i], pack, student))
                      for i in document.sheets]
            composer = student
        meta = {"title": text.plain(document.title), "author": text.plain(pack.author or ""),
                "subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}", "pack": pack_vars}
        data, count = render.render([(info, _flatten(parts)) for info, parts in sheets], layout, composer, meta)
        target = plan.out_dir / document.filename
        files[target] = data
        pages[target] = count
    from .output import write_all

    write_all(files)
    result.written = [Written(path, pages[path], len(data)) for path, data in files.items()]
    return result


def _pack_vars(pack) -> dict:
    return {"title": text.plain(pack.title), "subtitle": text.plain(pack.subtitle or ""),
            "subject": text.plain(pack.subject), "level": text.plain(pack.level),
            "author": text.plain(pack.author or ""), "total": pack.total}


def _sheet_vars(sheet) -> dict:
    return {"id": sheet.id, "title": text.plain(sheet.title), "kind": sheet.kind, "total": sheet.total}


def glyph_warnings(loaded: LoadedPack, layout) -> list[Problem]:
    """Characters no configured font can print, with the file and line they were written on."""
    family = layout.fonts.get("sans", "noto-sans")
    if family not in fonts.FAMILIES:
        family = "noto-sans"
    found: list[Problem] = []
    for path, value in _strings(loaded.pack.model_dump(), ()):
        lost = fonts.missing(value, family)
        if lost:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in lost[:6])
            found.append(Problem(f"cannot print {shown} with the layout's fonts: these characters would "
                                 "show as blank boxes; replace them", loaded.locate(path)))
    return found


def _strings(value, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path + (key,))
            yield from _strings(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def _flatten(items) -> list:
    out = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(item))
        elif item is not None:
            out.append(item)
    return out
