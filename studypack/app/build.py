"""One build, start to finish: load -> validate -> plan -> typeset -> write.

Everything is gathered and typeset in memory first; files are written last and all at
once, so an error anywhere leaves the output folder as it was.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable

from studypack.app.cache_keys import document_keys
from studypack.app.glyphs import glyph_warnings
from studypack.app.problems import located, unique
from studypack.io import cache as caches
from studypack.io import kept
from studypack.io.cache import Cached
from studypack.settings import estimate, layout as layouts, localise
from studypack.media import images
from studypack.plan import lint as lints, documents as planning
from studypack.plan import profile as profiles
from studypack.content import validate
from studypack.io import workspace as workspaces
from studypack.base.errors import Problem, StudypackError, said
from studypack.io.output import claim, write_all
from studypack.base.parallel import default_jobs, map_ordered, settled
from studypack.base.paths import inside
from studypack.base.units import MM
from studypack.content.validate import LoadedPack
from studypack.spec.maths import FormulaError, MathsSource, split_maths

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
    typeset: list[Path] = field(default_factory=list)  # the PDFs typeset this time (the others came from the cache)
    accepted: list[tuple[Problem, str]] = field(default_factory=list)  # warnings the pack accepts, with why
    read: list[Path] = field(default_factory=list)  # every file the build read (Prepared.inputs): what `watch` rebuilds on


@dataclass
class Prepared:
    """A validated pack with its layout: everything needed to typeset, nothing typeset yet."""

    loaded: LoadedPack
    layout: layouts.Layout
    warnings: list[Problem]
    workspace: workspaces.Workspace  # where its layouts and output live, and its defaults
    label: str | None = None  # the layout's name when it is not the pack's default: names the output folder
    accepted: list[tuple[Problem, str]] = field(default_factory=list)  # lint warnings the pack accepts, with why
    acceptable: dict[Problem, str] = field(default_factory=dict)  # the accept: entry for each lint warning standing

    def inputs(self) -> list[Path]:
        """Every file this build read: the pack's YAML, the layout's and the profile's
        `extends:` chains, pictures, the logo and studypack.yaml; `watch` and `serve` rebuild
        when one is saved."""
        chains = [self.layout._where] + ([self.loaded.profile.lines] if self.loaded.profile is not None else [])
        named = {where.fallback for where in chains} | {at.file for where in chains for at in where.values()}
        files: list[Path | None] = [Path(name) for name in [*self.loaded.files, *named] if name]
        files += images.picture_files(self.loaded, self.layout) + [self.layout.logo_path()]
        if self.workspace is not None:
            files += [self.workspace.file, self.workspace.logo()]
        return sorted({path for path in files if path is not None and path.is_file()})


def prepare(pack_dir: Path, layout_name: str | None = None) -> Prepared:
    try:
        loaded = validate.load_pack(pack_dir)
    except StudypackError as exc:  # a layout named with --layout: its mistakes in the same run
        if layout_name is None:
            raise
        try:
            layouts.load(layout_name, within=Path(pack_dir), folder=workspaces.find(Path(pack_dir)).layouts)
        except StudypackError as more:
            raise StudypackError(exc.problems + more.problems) from None
        raise
    workspace = workspaces.find(loaded.root)
    chosen = profiles.for_pack(loaded, workspace.profiles)  # a board profile: its defaults on the paper, its layout settings
    if chosen is not None:
        loaded = profiles.apply(loaded, chosen)
    if layout_name is None and loaded.pack.layout and layouts.is_path(loaded.pack.layout):
        try:  # a layout file named in pack.yaml lives in the pack folder
            layout_name = str(inside(loaded.root, loaded.pack.layout))
        except StudypackError as exc:
            raise StudypackError(Problem(exc.problems[0].message, loaded.locate(("layout",)))) from None
    board = None if loaded.pack.layout or not chosen else chosen.profile.base_layout  # a profile's, if pack.yaml names none
    default = loaded.pack.layout or board or _workspace_layout(workspace) or "default"
    layout = _layout(layout_name, default, loaded, chosen, workspace)
    layout = in_language(with_school(layout, workspace), loaded.pack, workspace)
    estimate.refuse_too_long(loaded, layout)
    judged = lints.judge(loaded)  # `build --strict` and `check --strict` judge the same warnings
    warnings = list(loaded.warnings) + list(layout._warnings) + glyph_warnings(loaded, layout) + judged.warnings
    if images.has_pictures(loaded):
        errors, notes = images.preload(loaded, layout)
        if errors:
            raise StudypackError(errors)
        warnings += notes
    return Prepared(loaded, layout, unique(warnings), workspace, _label(layout_name, None if board else default), judged.accepted,
                    judged.entries)


def _layout(layout_name: str | None, default: str, loaded: LoadedPack, chosen, workspace: workspaces.Workspace):
    """The build's layout; one that studypack.yaml names has its problems put at that line."""
    named = not layout_name and default == _workspace_layout(workspace)  # by studypack.yaml: kept in the workspace
    try:
        return layouts.load(layout_name or default, within=loaded.root, over=chosen.layout_settings() if chosen else None,
                            folder=workspace.layouts, root=workspace.root if named else None)
    except StudypackError as exc:
        at = workspace.location(("layout",)) if named else None
        raise StudypackError([Problem(said("term.settings-at", "{key}: ", key="layout") + p.message, at) if at and not p.location else p
                              for p in exc.problems]) from None


def _workspace_layout(workspace: workspaces.Workspace) -> str | None:
    """studypack.yaml's `layout:`: a name, or a file relative to studypack.yaml."""
    name = workspace.settings.layout
    if name and layouts.is_path(name):
        return str(workspace.root / name)
    return name


def in_language(layout: layouts.Layout, pack, workspace: workspaces.Workspace) -> layouts.Layout:
    """The layout in the build's language: the pack's, else the layout's, else studypack.yaml's."""
    settings = workspace.settings
    return localise.localised(layout, localise.chosen(pack.language, layout, settings.language),
                              pack.bilingual or layout.bilingual or settings.bilingual)


def with_school(layout: layouts.Layout, workspace: workspaces.Workspace) -> layouts.Layout:
    """The workspace's school name and logo, where the layout does not name its own."""
    school, logo = workspace.settings.school.name, workspace.logo()
    update: dict[str, object] = {}
    if school and not layout.branding.school:
        update["school"] = school
    left_out = None
    if logo is not None and not layout.branding.logo:
        update_logo, left_out = _school_logo(layout, workspace, logo)
        update.update(update_logo)
    if not update and left_out is None:
        return layout
    schooled = layout.model_copy(update={"branding": layout.branding.model_copy(update=update)})
    if left_out is not None:
        schooled._warnings = [*layout._warnings, left_out]
    return schooled


def _school_logo(layout: layouts.Layout, workspace: workspaces.Workspace, logo: Path) -> tuple[dict[str, object], Problem | None]:
    """The branding settings that print studypack.yaml's logo in this layout, made smaller where
    the top margin has less room than `logo_height` (the exam layouts' 22 mm); or none, with a
    warning, where the margin has no room at all (compact's 17 mm). A picture that does not
    open is an error at the `logo:` line."""
    at = workspace.location(("school", "logo"))
    room = layout.page.margins.top - 14 * MM  # above the header rule, below 8 mm of edge (as layout checks)
    if room < 6 * MM:
        return {}, Problem(said("term.logo-no-room", "school.logo: this layout's top margin ({margin} mm) leaves no room for "
                                "the school logo, so it is left out: use a layout whose top margin is at least 20 mm to print "
                                "it", margin=f"{layout.page.margins.top / MM:.0f}"), at)
    update: dict[str, object] = {"logo": str(logo.resolve()), "logo_height": min(layout.branding.logo_height, room)}
    if at is not None:
        schooled = layout.model_copy(update={"branding": layout.branding.model_copy(update=update)})
        problems = layouts.logo_problems(schooled, logo, at, at)
        if problems:
            raise StudypackError(problems)
    return update, None


def _label(chosen: str | None, own: str | None) -> str | None:
    """The name a build with --layout adds to its output folder (`large-print-18`, or a layout
    file's name without .yaml); None when --layout names the pack's own layout (its `layout:`,
    else studypack.yaml's, else `default`), which a build without --layout writes there too.
    A board profile's layout is not the pack's own (`own` None): with a profile choosing the
    layout, every --layout adds its name, so `--layout exam` writes `<pack>-exam/`."""
    if chosen is None:
        return None
    if own is None:
        return Path(chosen).stem if layouts.is_path(chosen) else chosen
    name, base = (Path(x).stem if layouts.is_path(x) else x for x in (chosen, own))
    return None if name == base else name


def check(pack_dir: Path, layout_name: str | None = None) -> tuple[LoadedPack, list[Problem]]:
    """Validate the pack and its layout, without typesetting; return warnings."""
    prepared = prepare(pack_dir, layout_name)
    return prepared.loaded, prepared.warnings


def build(pack_dir: Path, layout_name: str | None = None, out_root: Path | None = None,
          jobs: int | None = None, tier: str | None = None, strict: bool = False, cache: bool = True,
          fmt: str = "pdf", word_template: Path | None = None,
          first: Callable[[list[Written]], None] | None = None) -> BuildResult:
    """Build every PDF of the pack in memory (in parallel where possible), then write them all.

    Warnings from reading, checking and typesetting are gathered into the result, each
    once. With `strict`, any warning fails the build before anything is written. With
    `cache`, a document whose inputs are unchanged since an earlier build comes from the
    user's cache folder (byte for byte what typesetting it would give), and only the others
    are typeset. `fmt` "docx" or "moodle" writes those files instead of the PDFs, beside them
    (see export/); `word_template`, a reference .docx, gives the Word files its styles. `out_root`
    None: the workspace's output folder. `first` (for `watch`): the edited sheets are written
    before the rest is typeset, and `first` is told of them (see `_sheets_first`).
    """
    prepared = prepare(pack_dir, layout_name)
    out_root = out_root if out_root is not None else prepared.workspace.output
    if strict and prepared.warnings:
        raise StudypackError(prepared.warnings)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, out_root, tier, prepared.label, prepared.layout.say)
    if fmt != "pdf":
        return _export(fmt, prepared, plan, strict, word_template)
    marker = claim(plan.out_dir, prepared.loaded.root)  # before minutes of typesetting
    keys = _sheets_first(prepared, plan, tier, cache, marker, first) if first is not None and not strict else None
    rendered, todo, warnings = typeset_plan(prepared, plan, plan.documents, tier, jobs, cache, keys)
    if strict and warnings:
        raise StudypackError(warnings)
    files = {**marker, **{plan.out_dir / doc.filename: result.data for doc, result in zip(plan.documents, rendered)}}
    write_all(files, manifest=plan.out_dir / MANIFEST)
    written = [Written(plan.out_dir / doc.filename, result.pages, len(result.data))
               for doc, result in zip(plan.documents, rendered)]
    return BuildResult(written, warnings, [plan.out_dir / doc.filename for doc in todo], prepared.accepted,
                       prepared.inputs())


EARLY_SHEETS = 2  # at most this many edited sheets are written before the pack and key


def _sheets_first(prepared: Prepared, plan: planning.Plan, tier: str | None, cache: bool,
                  marker: dict[Path, bytes], first: Callable[[list[Written]], None]) -> dict[str, str] | None:
    """A teacher who saves a sheet watches that sheet's PDF, but a change to a sheet also
    re-sets pack.pdf and the key, which take several times as long. So when sheet documents
    and others are to be typeset, the sheets are typeset first, in this process, and written
    at once (each whole, as every write is); the build that follows finds them in the cache
    and writes everything, the manifest with it. Only PDFs the folder already holds are
    written early: a new sheet's file waits for the manifest that names it. A save that
    changes more than a couple of sheets (a layout, a source they share) is built as one:
    setting many sheets apart from the pack would cost the pack their laid-out pages.
    Gives the documents' cache keys, so the build that follows need not work them out again."""
    store = caches.store(cache)
    if store is None:
        return None
    keys = document_keys(prepared.loaded, prepared.layout, plan)
    todo = [doc for doc in plan.documents if not store.has(keys[doc.filename])]
    early = [doc for doc in todo if doc.kind == "sheets" and doc.filename != planning.WHOLE_PACK and not doc.reference
             and (plan.out_dir / doc.filename).is_file()]
    if not early or len(early) > EARLY_SHEETS or len(early) == len(todo):
        return keys
    rendered, _typeset, _warnings = typeset_plan(prepared, plan, early, tier, 1, cache, keys)
    write_all({**marker, **{plan.out_dir / doc.filename: result.data for doc, result in zip(early, rendered)}})
    first([Written(plan.out_dir / doc.filename, result.pages, len(result.data)) for doc, result in zip(early, rendered)])
    return keys


def typeset_plan(prepared: Prepared, plan: planning.Plan, documents: list, tier: str | None = None,
                 jobs: int | None = None, cache: bool = True,
                 keys: dict[str, str] | None = None) -> tuple[list[Cached], list, list[Problem]]:
    """Typeset some of a plan's documents in memory, each from the cache when its inputs are
    unchanged: (each document's pages, those typeset this time, every warning once).
    `build` writes them; `serve` shows them. `keys`: the documents' cache keys, where the
    caller has worked them out already."""
    store = caches.store(cache)
    if store is None:
        keys = {}
    elif keys is None:
        keys = document_keys(prepared.loaded, prepared.layout, plan)
    done: dict[str, Cached] = {}
    for doc in documents:
        found = store.find(keys[doc.filename]) if store is not None else None
        if found is not None:
            done[doc.filename] = found
    todo = [doc for doc in documents if doc.filename not in done]
    if todo:
        batches = _batches(todo, jobs)
        results = _typeset_batches(prepared, batches, tier, processes(batches, prepared.loaded.pack, jobs))
        for doc, result in zip([doc for batch in batches for doc in batch], results):
            done[doc.filename] = result
            if store is not None:
                store.put(keys[doc.filename], caches.entry(result))
    if store is not None:
        store.prune()
    rendered = [done[doc.filename] for doc in documents]
    return rendered, todo, unique(prepared.warnings + located([w for result in rendered for w in result.warnings],
                                                              prepared.loaded))


def _typeset_batches(prepared: Prepared, batches: list[list], tier: str | None, jobs: int | None) -> list[Cached]:
    """Typeset each batch in a process of its own (see `_batches`): the documents in order."""
    # ReportLab and the views load only when something is to be typeset: `check`, and a
    # build whose documents all come from the cache, never import them (start-up speed)
    from studypack.pdf.typeset import typeset_all
    from studypack.views.job import Job

    job = Job(prepared.layout, prepared.loaded.pack, prepared.loaded.root, tier)
    if (jobs or 1) > 1 and _converted_here():
        _warm_formulas(prepared)
    kept.flush()  # the formulas read and set so far, written once, before any process is forked
    try:
        with settled():
            results = [result for batch in map_ordered(partial(typeset_all, job=job), batches, jobs)
                       for result in batch]
    except StudypackError as exc:  # about a whole document (past the page limit): at the pack's sheets
        where = prepared.loaded.locate(("sheets",))
        raise StudypackError([p if p.location else Problem(p.message, where) for p in exc.problems]) from None
    return [Cached(result.data, result.pages, tuple(result.warnings)) for result in results]


def _converted_here() -> bool:
    """Whether this process converted a formula (`formula.converted_here`). The formula reader
    loads on a text's first formula (start-up speed): where it never loaded, none was read."""
    formulas = sys.modules.get("studypack.spec.maths.formula")
    return formulas is not None and formulas.converted_here()


def _warm_formulas(prepared: Prepared) -> None:
    """Before forking: load the maths engine and face, and set the new formulas of the
    questions' prompts at a prompt's size, so the processes forked inherit them: a worksheet
    and its answer key both print the prompts, and each process set them again (measured:
    +0.4 s of CPU in a first build of 200 formulas). An answer's formulas are the key's alone."""
    from studypack.media.maths import geometry  # loaded to be shared by the processes forked below
    from studypack.media.maths.metrics import scale
    from studypack.media.maths.layout import warm
    from studypack.spec.maths import formula as formulas

    geometry.warm()
    prompts = {(found.tex, found.display) for sheet in prepared.loaded.pack.sheets
               for _section, _i, questions in sheet.groups() for question in questions
               for found in _formulas_in(getattr(question, "prompt", None))}
    layout = prepared.layout
    size = float(layout.style("question.stem")["size"])
    if layout.maths.size == "x-height":  # as `inline.sized` scales it
        size *= scale(layout.face("question.stem"), layout.maths.font)
    warm([f for f in formulas.fresh() if (f.source, f.display) in prompts],
         {size}, layout.maths.font, layout.maths.fractions, layout.maths.variables == "upright")


def _formulas_in(text: object) -> list[MathsSource]:
    if not isinstance(text, str) or "$" not in text:
        return []
    try:
        return [part for part in split_maths(text) if isinstance(part, MathsSource)]
    except FormulaError:
        return []


def typeset_one(prepared: Prepared, plan: planning.Plan, document: planning.Document, cache: bool = True) -> Cached:
    """One planned document, from the cache when a build (or an earlier call) typeset it with
    the same inputs, else typeset now and kept there (`preview` draws its pages from this)."""
    store = caches.store(cache)
    key = document_keys(prepared.loaded, prepared.layout, plan)[document.filename] if store is not None else ""
    found = store.find(key) if store is not None else None
    if found is None:
        from studypack.pdf.typeset import typeset  # ReportLab loads only when something is typeset (start-up speed)
        from studypack.views.job import Job

        result = typeset(document, Job(prepared.layout, prepared.loaded.pack, prepared.loaded.root, plan.tier))
        found = Cached(result.data, result.pages, tuple(result.warnings))
        if store is not None:
            store.put(key, caches.entry(found))
    return replace(found, warnings=tuple(located(found.warnings, prepared.loaded)))


def _replayed(doc) -> bool:
    """Whether pack.pdf reprints this document's pages: a sheet document, a paper's source
    booklet (printed behind its paper), the reference pages."""
    return doc.kind in ("sheets", "reference") or (doc.kind == "booklet" and bool(doc.booklet_for))


def _batches(todo: list, jobs: int | None) -> list[list]:
    """Which documents typeset together, in one process. On one or two cores the sheet
    documents (with the papers' booklets and the reference pages) and pack.pdf go together,
    so that pack.pdf replays their laid-out pages instead of laying every sheet out again (a
    sixth less work in all); with more cores each document
    is its own job, as running side by side finishes sooner than laying out once."""
    workers = default_jobs() if jobs is None else max(1, jobs)
    if workers > 2:
        return [[doc] for doc in todo]
    laid = [doc for doc in todo if _replayed(doc)]
    rest = [[doc] for doc in todo if not _replayed(doc)]
    rest.sort(key=lambda batch: not batch[0].key)  # the key is long: start it early
    return ([laid] if laid else []) + rest


# Questions and sources printed outside the largest batch, below which one process is
# sooner. A second process costs ~70 ms of fork and start-up and ~0.1 s more CPU; on 2 cores
# (measured with benchmarks/bench_compare.py's pack: its key, 12 questions, and its booklet,
# 5 sources, took 57 ms beside the sheets) that is more than running them aside saves, while
# show-trials' key (40 questions, 0.28 s) or a key of 50 questions with 200 formulas (0.22 s)
# gain from it. Pictures and formulas are not counted: examples/maths (16) would gain ~0.15 s
# on an idle machine, and loses as much on a busy one.
FORK_WORTH = 20


def processes(batches: list[list], pack, jobs: int | None) -> int:
    """How many processes typeset `batches`: `--jobs` when given; else every core, unless the
    batches beside the largest hold too little work to pay for starting another process."""
    if jobs is not None:
        return max(1, jobs)
    cores = default_jobs()
    if cores <= 1 or len(batches) <= 1:
        return 1
    work = sorted((_work(batch, pack) for batch in batches), reverse=True)
    return cores if sum(work[1:]) >= FORK_WORTH else 1


def _work(batch: list, pack) -> int:
    """What a batch prints, counted in questions and (a booklet's) sources."""
    return sum(len(doc.booklet) + sum(len(questions) for i in doc.sheets for _s, _i, questions in pack.sheets[i].groups())
               for doc in batch)


def _export(fmt: str, prepared: Prepared, plan, strict: bool, word_template: Path | None = None) -> BuildResult:
    """A Word or Moodle build: the same plan, written beside the PDFs with its own manifest,
    so a Word build never removes the PDFs (nor a PDF build the Word files)."""
    from studypack import export as exports  # the exporters load only for --format docx/moodle (start-up speed)

    done = exports.export(fmt, prepared.loaded, prepared.layout, plan, word_template)
    warnings = unique(prepared.warnings + done.warnings)
    if strict and warnings:
        raise StudypackError(warnings)
    write_all(done.files, manifest=plan.out_dir / f"{MANIFEST}-{fmt}")
    return BuildResult([Written(path, 0, len(data), done.questions.get(path, 0)) for path, data in done.files.items()],
                       warnings)
