"""One build, start to finish: load -> validate -> plan -> typeset -> write.

Everything is gathered and typeset in memory first; files are written last and all at
once, so an error anywhere leaves the output folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import export as exports, fonts, images, layout as layouts, plan as planning, validate
from .errors import Problem, StudypackError
from .output import write_all
from .parallel import map_ordered
from .paths import inside
from .typeset import typeset
from .validate import LoadedPack
from .views.job import Job

MANIFEST = ".studypack-built"  # the files the last build wrote, so stale ones can go


@dataclass
class Written:
    path: Path
    pages: int
    size: int
    questions: int = 0  # a Moodle question bank: the questions in it


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
        try:  # a layout file named in pack.yaml lives in the pack folder
            layout_name = str(inside(loaded.root, loaded.pack.layout))
        except StudypackError as exc:
            raise StudypackError(Problem(exc.problems[0].message, loaded.locate(("layout",)))) from None
    layout = layouts.load(layout_name or loaded.pack.layout or "default")
    warnings = list(loaded.warnings) + list(layout._warnings) + glyph_warnings(loaded, layout)
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
          jobs: int | None = None, tier: str | None = None, strict: bool = False, fmt: str = "pdf") -> BuildResult:
    """Build every PDF of the pack in memory (in parallel where possible), then write them all.

    Warnings from reading, checking and typesetting are gathered into the result, each
    once. With `strict`, any warning fails the build before anything is written.
    `fmt` "docx" or "moodle" writes those files instead of the PDFs, beside them (see export/).
    """
    prepared = prepare(pack_dir, layout_name)
    if strict and prepared.warnings:
        raise StudypackError(prepared.warnings)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, out_root, tier)
    if fmt != "pdf":
        return _export(fmt, prepared, plan, strict)
    job = Job(prepared.layout, prepared.loaded.pack, prepared.loaded.root, tier)
    rendered = map_ordered(partial(typeset, job=job), plan.documents, jobs)
    warnings = unique(prepared.warnings + [w for done in rendered for w in done.warnings])
    if strict and warnings:
        raise StudypackError(warnings)
    files = {plan.out_dir / doc.filename: done.data for doc, done in zip(plan.documents, rendered)}
    write_all(files, manifest=plan.out_dir / MANIFEST)
    written = [Written(plan.out_dir / doc.filename, done.pages, len(done.data))
               for doc, done in zip(plan.documents, rendered)]
    return BuildResult(written, warnings)


def _export(fmt: str, prepared: Prepared, plan, strict: bool) -> BuildResult:
    """A Word or Moodle build: the same plan, written beside the PDFs with its own manifest,
    so a Word build never removes the PDFs (nor a PDF build the Word files)."""
    done = exports.export(fmt, prepared.loaded, prepared.layout, plan)
    warnings = unique(prepared.warnings + done.warnings)
    if strict and warnings:
        raise StudypackError(warnings)
    write_all(done.files, manifest=plan.out_dir / f"{MANIFEST}-{fmt}")
    return BuildResult([Written(path, 0, len(data), done.questions.get(path, 0)) for path, data in done.files.items()],
                       warnings)


def unique(problems: list[Problem]) -> list[Problem]:
    """Each warning once, in file and line order (a glyph missing in 5 sheets is one warning)."""
    return sorted(dict.fromkeys(problems), key=_order)


def _order(problem: Problem) -> tuple:
    loc = problem.location
    return (0, loc.file, loc.line or 0) if loc else (1, "", 0)


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
    for i, box in enumerate(layout.candidate_boxes):
        yield ("candidate_boxes", i), box.label


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

