"""One build, start to finish: load -> validate -> plan -> compose -> typeset -> write.

Everything is gathered and typeset in memory first; files are written last and all at
once, so an error anywhere leaves the output folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import fonts, layout as layouts, limits, plan as planning, text, validate
from .errors import Problem, StudypackError
from .validate import LoadedPack

MANIFEST = ".studypack-built"  # the files the last build wrote, so stale ones can go


@dataclass
class Written:
    path: Path
    pages: int
    size: int


@dataclass
class BuildResult:
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Prepared:
    """A validated pack with its layout: everything needed to typeset, nothing typeset yet."""

    loaded: LoadedPack
    layout: layouts.Layout
    warnings: list[Problem]


def prepare(pack_dir: Path, layout_name: str | None = None) -> Prepared:
    loaded = validate.load_pack(pack_dir)
    if layout_name is None and loaded.pack.layout and layouts.is_path(loaded.pack.layout):
        from .paths import inside

        try:  # a layout file named in pack.yaml lives in the pack folder
            layout_name = str(inside(loaded.root, loaded.pack.layout))
        except StudypackError as exc:
            raise StudypackError(Problem(exc.problems[0].message, loaded.locate(("layout",)))) from None
    layout = layouts.load(layout_name or loaded.pack.layout or "default", within=loaded.root)
    limits.refuse_too_long(loaded, layout)
    warnings = list(loaded.warnings) + list(layout._warnings) + glyph_warnings(loaded, layout)
    from . import images

    if images.has_pictures(loaded):
        errors, notes = images.preload(loaded, layout)
        if errors:
            raise StudypackError(errors)
        warnings += notes
    return Prepared(loaded, layout, unique(warnings))


def check(pack_dir: Path, layout_name: str | None = None) -> tuple[LoadedPack, list[Problem]]:
    """Validate the pack and its layout, without typesetting; return warnings."""
    prepared = prepare(pack_dir, layout_name)
    return prepared.loaded, prepared.warnings


def build(pack_dir: Path, layout_name: str | None = None, out_root: Path = Path("output"),
          jobs: int | None = None, tier: str | None = None, strict: bool = False) -> BuildResult:
    """Build every PDF of the pack in memory (in parallel where possible), then write them all.

    Warnings from reading, checking and typesetting are gathered into the result, each
    once. With `strict`, any warning fails the build before anything is written.
    """
    from .output import write_all
    from .parallel import map_ordered

    prepared = prepare(pack_dir, layout_name)
    if strict and prepared.warnings:
        raise StudypackError(prepared.warnings)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, out_root, tier)
    typeset = _Typesetter(prepared, tier)
    rendered = map_ordered(typeset, plan.documents, jobs)
    warnings = unique(prepared.warnings + [w for _data, _count, found in rendered for w in found])
    if strict and warnings:
        raise StudypackError(warnings)
    files = {plan.out_dir / doc.filename: data for doc, (data, _, _) in zip(plan.documents, rendered)}
    write_all(files, manifest=plan.out_dir / MANIFEST)
    written = [Written(plan.out_dir / doc.filename, count, len(data))
               for doc, (data, count, _) in zip(plan.documents, rendered)]
    return BuildResult(written, warnings)


def unique(problems: list[Problem]) -> list[Problem]:
    """Each warning once, in file and line order (a glyph missing in 5 sheets is one warning)."""
    return sorted(dict.fromkeys(problems), key=_order)


def _order(problem: Problem) -> tuple:
    loc = problem.location
    return (0, loc.file, loc.line or 0) if loc else (1, "", 0)


class _Typesetter:
    """Composes and renders one planned document to PDF bytes."""

    def __init__(self, prepared: Prepared, tier: str | None = None):
        from .compose import Composer

        loaded, layout = prepared.loaded, prepared.layout
        self.pack, self.layout, self.tier = loaded.pack, layout, tier
        self.student = Composer(layout, loaded.pack, loaded.root, key=False, tier=tier)
        self.key = Composer(layout, loaded.pack, loaded.root, key=True, tier=tier)
        self.pack_vars = _pack_vars(loaded.pack, tier)
        self.sheet_vars = [_sheet_vars(sheet, tier) for sheet in loaded.pack.sheets]
        self.root, self.tiered = loaded.root, {}
        self.where = loaded.locate(("sheets",))  # where an error about a whole document points

    def __call__(self, document: planning.Document, capture=None) -> tuple[bytes, int, tuple[Problem, ...]]:
        from . import render
        from .sheets import SHEET_KINDS, answer_key, booklet, reference

        pack = self.pack
        if document.key:
            info = {"id": "answer-key", "title": "Answer key", "kind": "answer-key", "total": pack.total_for(self.tier)}
            sheets = [(info, answer_key.compose(pack, self.key, document.sheets))]
            composer = self.key
        elif document.booklet:
            info = {"id": "source-booklet", "title": "Source Booklet", "kind": "source-booklet", "total": 0}
            sheets = [(info, booklet.compose(pack, document.booklet, document.booklet_for, self.student))]
            composer = self.student
        else:
            tiers = document.tiers or (self.tier,) * len(document.sheets)
            runs = planning.runs(pack, document.sheets, tiers)
            sheets = []
            for k, (i, tier) in enumerate(zip(document.sheets, tiers)):
                ctx = self._student(tier)
                ctx.covered = frozenset(pack.sheets[document.sheets[j]].id for j in runs if j > 0 and runs.get(j - 1) == runs[j])
                sheets.append((self._sheet_vars(i, tier, runs.get(k, "")),
                               SHEET_KINDS[pack.sheets[i].kind].compose(pack.sheets[i], pack, ctx)))
                ctx.covered = frozenset()
            composer = self.student
        if document.reference:
            info = {"id": "reference", "title": reference.title(pack), "kind": "reference", "total": 0}
            sheets.append((info, reference.compose(pack, self.student)))
        meta = {"title": text.plain(document.title), "author": text.plain(pack.author or ""),
                "subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}", "pack": self.pack_vars,
                "file": document.filename, "where": self.where}
        starts = {id(c): len(c.warnings) for c in self._composers()}
        data, pages = render.render([(info, _flatten(parts)) for info, parts in sheets], self.layout, composer, meta,
                                    capture)
        return data, pages, tuple(w for c in self._composers() for w in c.warnings[starts[id(c)]:])

    def _student(self, tier: str | None):
        """The student composer for a sheet printed in `tier` (a tiered sheet in an untiered build)."""
        if tier == self.tier:
            return self.student
        if tier not in self.tiered:
            from .compose import Composer

            self.tiered[tier] = Composer(self.layout, self.pack, self.root, key=False, tier=tier)
        return self.tiered[tier]

    def _composers(self) -> list:
        return [self.student, self.key, *self.tiered.values()]

    def _sheet_vars(self, i: int, tier: str | None, run: str) -> dict:
        if tier == self.tier and not run:
            return self.sheet_vars[i]
        found = {**_sheet_vars(self.pack.sheets[i], tier), "run": run}
        if tier != self.tier:  # one of a tiered sheet's versions: the header says which
            found["title"] = f"{found['title']} ({tier.capitalize()} tier)"
        return found


def _pack_vars(pack, tier: str | None = None) -> dict:
    return {"title": text.plain(pack.title), "subtitle": text.plain(pack.subtitle or ""),
            "subject": text.plain(pack.subject), "level": text.plain(pack.level),
            "author": text.plain(pack.author or ""), "total": pack.total_for(tier)}


def _sheet_vars(sheet, tier: str | None = None) -> dict:
    return {"id": sheet.id, "title": text.plain(sheet.title), "kind": sheet.kind, "total": sheet.total_for(tier)}


def glyph_warnings(loaded: LoadedPack, layout) -> list[Problem]:
    """Characters no configured font (the layout's, then the fallbacks) can print, and
    right-to-left words that would print unjoined, with the file and line they were written on."""
    families = sorted({layout.fonts.get(layout.style(name)["font"], layout.style(name)["font"])
                       for name in ("body", *layout.styles)})
    families = [f if f in fonts.FAMILIES else "noto-sans" for f in families]
    found: list[Problem] = []
    texts = [(value, loaded.locate(path)) for path, value in _strings(loaded.pack.model_dump(), ())]
    texts += [(value, layout.location(path)) for path, value in _layout_strings(layout)]
    for value, where in texts:
        lost = sorted({ch for family in families for ch in fonts.missing(value, family)})
        if lost:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in lost[:6])
            found.append(Problem(f"cannot print {shown} with the layout's fonts: these characters would "
                                 "show as blank boxes; replace them", where))
        elif fonts.is_rtl(value) and not fonts.rtl_support():
            found.append(Problem("right-to-left text (Arabic or Hebrew) would print with its letters unjoined and "
                                 "in the wrong order: install the rtl extra (pip install 'studypack[rtl]')", where))
    return found


def _layout_strings(layout):
    """The words a layout itself prints: band templates (as written), labels, notices, the school."""
    for where in ("header", "footer"):
        for slot in ("left", "centre", "right"):
            yield (where, slot), getattr(getattr(layout, where), slot)
    yield ("page", "turn_over"), layout.page.turn_over
    yield ("page", "do_not_write"), layout.page.do_not_write
    yield ("branding", "school"), layout.branding.school
    for i, label in enumerate(layout.name_line):
        yield ("name_line", i), label
    for i, field in enumerate(layout.candidate_boxes):
        yield ("candidate_boxes", i), field.label


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
