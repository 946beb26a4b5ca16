"""Class sets: a personal copy for every student on the roster, laid out once and stamped.

The pack is laid out once per (variant, layout, tier) that the roster needs; `stamp`
keeps the pages as forms and draws each student's details on top; `assemble` writes the
print-ready class set and each student's own PDF from the same pages. This module reads
the roster against the pack, decides who gets which copy, and writes everything at once.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import assemble, layout as layouts, plan as planning, roster as rosters, stamp, text, variants
from .build import MANIFEST, Prepared, _Typesetter, prepare
from .errors import Location, Problem, StudypackError, display_path
from .parallel import Aside


@dataclass(frozen=True)
class Options:
    variants: int = 0  # 0: everyone gets the pack as written
    shuffle: bool = False  # one variant per student
    keys: str = "variants"  # or "per-student"
    separators: bool = False
    write: str = "both"  # or "class-set" (one print-ready PDF) or "copies" (a PDF per student)
    columns: dict = field(default_factory=dict)
    tier: str | None = None  # the tier of every copy whose roster row names none
    jobs: int | None = None
    progress: bool = False


@dataclass(frozen=True)
class Unit:
    """What one laid-out copy depends on: the variant, the layout, the tier."""

    variant: str
    layout: str
    tier: str


@dataclass
class Result:
    out_dir: Path
    copies: int = 0
    pages: int = 0
    size: int = 0
    files: int = 0
    class_pages: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)  # rows left out
    warnings: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------------- the build

def build(pack_dir: Path, roster_path: Path, layout_name: str | None = None, out_root: Path = Path("output"),
          options: Options = Options()) -> Result:
    started = time.perf_counter()
    prepared = prepare(pack_dir, layout_name)
    roster = rosters.read(roster_path, options.columns)
    pack = prepared.loaded.pack
    out_dir = Path(out_root) / prepared.loaded.name / roster.name
    result = Result(out_dir, problems=list(roster.problems), warnings=list(prepared.warnings))

    seed = variants.pack_seed(pack)
    layouts_by_name = _resolve(roster, prepared, result)
    students = [s for s in roster.students if s.line not in {p.location.line for p in result.problems if p.location}]
    result.warnings += _name_warnings(students, prepared.layout, roster_path)
    if not students:
        raise StudypackError(result.problems or [Problem("no student in the roster can be built")])

    count = options.variants if options.variants > 1 else 0
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for i, student in enumerate(students):
        if options.shuffle:  # one order per student; namesakes without ids still differ
            seen[student.key] = seen.get(student.key, 0) + 1
            variant = f"{student.key}#{seen[student.key]}"
        elif count:
            variant = variants.letter(i % count)
        else:
            variant = ""
        units.append(Unit(variant, student.layout or "", _tier(student.tier) or options.tier or ""))

    needed = list(dict.fromkeys(units))
    made = {u.variant: (variants.make(pack, seed, u.variant, dealt=not options.shuffle)
                        if u.variant else (pack, variants.answers_of(pack))) for u in needed}
    if options.shuffle:  # the grid names students, in roster order
        answers = {student.name: made[unit.variant] for student, unit in zip(students, units)}
    else:
        answers = {name: value for name, value in made.items() if name}
    key_tier, covers = _key_tier(units)
    key_job = Aside(lambda: _answer_key(prepared, answers, bool(answers), pack, key_tier,
                                        pages=not options.shuffle, covers=covers), options.jobs)

    capture = stamp.Capture(_body_font(prepared))
    laid: dict[tuple[Unit, bool], list[stamp.Laid]] = {}
    progress = _Progress(options.progress, len(needed) + len(students))
    for unit in needed:
        unit_pack = made[unit.variant][0]
        typeset = _unit_typesetter(prepared, unit_pack, layouts_by_name.get(unit.layout, prepared.layout), unit.tier)
        plan = planning.make(unit_pack, prepared.loaded.name, out_root, unit.tier or None)
        pack_doc = next(d for d in plan.documents if d.filename == "pack.pdf")
        key_doc = next(d for d in plan.documents if d.key)
        typeset(pack_doc, capture=capture)
        laid[(unit, False)] = capture.take()
        if options.keys == "per-student":
            typeset(key_doc, capture=capture)
            laid[(unit, True)] = capture.take()
        progress.step()

    stems = rosters.file_stems(students)
    copies: list[list[assemble.Page]] = []
    keys: list[list[assemble.Page]] = []
    for student, unit in zip(students, units):
        label = "" if options.shuffle else unit.variant
        person = student.variables(label)
        rendered: dict = {}  # this student's header and footer texts, by what they depend on
        copies.append([stamp.stamped(capture, page, person, rendered) for page in laid[(unit, False)]])
        if options.keys == "per-student":
            keys.append([stamp.stamped(capture, page, person, rendered) for page in laid[(unit, True)]])
        progress.step("copies")
    class_pages = stamp.class_set(capture, students, copies, options.separators, pack)
    master = capture.finish()

    files: dict[Path, object] = {}
    info = {"Title": text.plain(pack.title), "Subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}",
            "Creator": "studypack", "Producer": "studypack"}
    all_forms = {f for page in class_pages for f in page.forms}
    if options.write in ("both", "class-set"):
        files[out_dir / "class-set.pdf"] = _writer(master, all_forms, class_pages,
                                                   {**info, "Title": f"{info['Title']}: class set ({roster.name})"})
    shared: dict[frozenset, assemble.Shared] = {}
    for student, stem, pages in zip(students, stems, copies if options.write != "class-set" else []):
        files[out_dir / f"{stem}.pdf"] = _writer(master, {f for p in pages for f in p.forms}, pages,
                                                 {**info, "Title": f"{info['Title']}: {student.name}"}, shared)
    for student, stem, pages in zip(students, stems, keys):
        files[out_dir / "keys" / f"{stem}-key.pdf"] = _writer(
            master, {f for p in pages for f in p.forms}, pages,
            {**info, "Title": f"{info['Title']}: answer key for {student.name}"}, shared)
    files[out_dir / "answer-key.pdf"] = key_job.result()

    from .output import write_all

    progress.note(f"writing {len(files)} PDFs …")
    key_files = {p: d for p, d in files.items() if p.parent != out_dir}
    main_files = {p: d for p, d in files.items() if p.parent == out_dir}
    write_all(main_files, manifest=out_dir / MANIFEST, jobs=options.jobs)
    if key_files or (out_dir / "keys" / MANIFEST).exists():
        write_all(key_files, manifest=out_dir / "keys" / MANIFEST, jobs=options.jobs)
    progress.done()
    result.copies = len(students)
    result.pages = sum(len(c) for c in copies)
    result.files = len(files)
    result.size = sum(path.stat().st_size for path in files)
    result.class_pages = len(class_pages) if options.write != "copies" else 0
    result.seconds = time.perf_counter() - started
    return result


def check(pack_dir: Path, roster_path: Path, layout_name: str | None = None, columns: dict | None = None):
    """Read a roster against a pack, as `build` would, writing nothing: (students, problems, warnings)."""
    prepared = prepare(pack_dir, layout_name)
    roster = rosters.read(roster_path, columns or {})
    result = Result(Path("."), problems=list(roster.problems), warnings=list(prepared.warnings))
    _resolve(roster, prepared, result)
    bad = {p.location.line for p in result.problems if p.location}
    students = [s for s in roster.students if s.line not in bad]
    result.warnings += _name_warnings(students, prepared.layout, roster_path)
    return students, result.problems, result.warnings


def _writer(master, forms, pages, info, shared=None):
    def write(handle):
        key = frozenset(forms)
        if shared is None or key not in shared:
            made = assemble.Shared(master, forms)
            if shared is not None:
                shared[key] = made
        assemble.write(handle, shared[key] if shared is not None else made, pages, info)
    return write


def _unit_typesetter(prepared: Prepared, pack, layout, tier: str) -> _Typesetter:
    """Tiers leave out the other tier's questions and keep every number and mark."""
    loaded = dataclasses.replace(prepared.loaded, pack=pack)
    return _Typesetter(Prepared(loaded, layout, []), tier or None)


TIERS = {"foundation": "foundation", "f": "foundation", "higher": "higher", "h": "higher"}


def _tier(value: str) -> str:
    return TIERS.get(value.strip().lower(), "") if value else ""


def _body_font(prepared: Prepared) -> str:
    from .compose import Composer

    return Composer(prepared.layout, prepared.loaded.pack, prepared.loaded.root).style("body").fontName


def _resolve(roster, prepared: Prepared, result: Result):
    """Load each layout the roster names once; a row naming a bad layout or tier is left out."""
    found: dict[str, layouts.Layout] = {}
    broken: dict[str, str] = {}
    where = display_path(roster.path)
    for student in roster.students:
        at = Location(where, student.line)
        name = student.layout
        if name and name not in found and name not in broken:
            try:
                found[name] = layouts.load(name)
            except StudypackError as exc:
                broken[name] = exc.problems[0].message
        if name in broken:
            result.problems.append(Problem(f"layout '{name}': {broken[name]}; row left out", at))
            continue
        if student.tier and not _tier(student.tier):
            result.problems.append(Problem(f"tier '{student.tier}': write foundation or higher (or F or H), "
                                           "or leave it empty; row left out", at))
    return found


def _name_warnings(students, layout, roster_path) -> list[Problem]:
    from . import fonts

    family = layout.fonts.get("sans", "noto-sans")
    family = family if family in fonts.FAMILIES else "noto-sans"
    out = []
    for student in students:
        lost = fonts.missing(" ".join((student.name, student.group, student.id)), family)
        if lost:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in lost[:6])
            out.append(Problem(f"cannot print {shown} in this name with the layout's fonts: they would show as "
                               "blank boxes; write the name in a script the font has", Location(display_path(roster_path), student.line)))
    return out


def _key_tier(units: list[Unit]) -> tuple[str | None, str]:
    """The tier the class set's key is composed for, and a line saying which tiers it covers.
    A class mixing tiers (or any untiered copy) gets every question, each one-tier
    question marked with its tier; numbers and marks are the same in every tier."""
    tiers = sorted({u.tier for u in units})
    if tiers == [""]:
        return None, ""
    if len(tiers) == 1:
        return tiers[0], f"This key covers the {tiers[0]} tier, the tier of every copy in this class set."
    named = " and ".join(t for t in planning.TIERS if t in tiers)
    extra = " and copies printed with both tiers' questions" if "" in tiers else ""
    return None, (f"This key covers the {named} tiers{extra}: questions for one tier only are marked "
                  "with their tier; numbers and marks are the same in every tier.")


def _answer_key(prepared: Prepared, answers: dict, varied, pack, tier: str | None = None,
                pages: bool = True, covers: str = "") -> bytes:
    """The class set's key. With variants: the master grid; then, for each variant, a page of
    its answers and the mark scheme of each sheet that differs in that variant, in that
    variant's order and letters; then the mark scheme of the sheets every variant shares.
    So every letter in the key is a letter on some printed paper. With --shuffle: the grid
    (a row per student) and the mark scheme in the pack's own order, saying so."""
    from . import render
    from .compose import Composer
    from .sheets import answer_key, variant_key

    loaded, layout = prepared.loaded, prepared.layout
    key = Composer(layout, pack, loaded.root, key=True, tier=tier)
    plan = planning.make(pack, loaded.name, Path("."), tier)
    order = next(d for d in plan.documents if d.key).sheets
    title = text.inline(pack.title)
    sheets = []
    shared = None  # sheet ids that are the same in every variant
    if varied:
        named = list(answers.items())
        info = {"id": "answer-grid", "title": "Answer grid", "kind": "answer-key", "total": pack.total}
        parts = variant_key.grid(pack, [(name, ans) for name, (_p, ans) in named], key)
        if covers:
            parts.insert(2, key.para(covers, "subtitle"))
        sheets.append((info, parts))
        if pages:
            first = named[0][1][0]
            shared = {sheet.id for i, sheet in enumerate(first.sheets)
                      if all(p.sheets[i] == sheet for _n, (p, _a) in named)}
            for name, (variant_pack, ans) in named:
                differ = {sheet.id for sheet in variant_pack.sheets} - shared
                info = {"id": f"variant-{name}", "title": f"Variant {text.plain(name)}: answers and mark scheme",
                        "kind": "answer-key", "total": pack.total}
                parts = variant_key.per_variant(pack, name, variant_pack, ans, key)
                parts += answer_key.compose(
                    variant_pack, key, order, select=differ, heading=f"Variant {text.literal(name)}: mark scheme",
                    note=f"{title}. Question numbers and option letters as printed on Variant {text.literal(name)}.")
                sheets.append((info, parts))
    info = {"id": "answer-key", "title": "Answer key", "kind": "answer-key", "total": pack.total}
    if shared is not None:
        info["title"] = "Mark scheme: all variants"
        parts = answer_key.compose(pack, key, order, select=shared, heading="Mark scheme: all variants",
                                   note=f"{title}. These sheets are the same on every variant's paper.")
    else:
        note = covers
        if varied:  # --shuffle: every student has their own letters
            note = (note + " " if note else "") + ("Option letters here are those of the pack as written, "
                                                    "which no student's paper uses: take each student's letters "
                                                    "from the grid (or print --keys per-student).")
        parts = answer_key.compose(pack, key, order, note=note)
    sheets.append((info, parts))
    meta = {"title": f"{text.plain(pack.title)}: answer key", "author": text.plain(pack.author or ""),
            "subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}",
            "pack": {"title": text.plain(pack.title), "subtitle": text.plain(pack.subtitle or ""),
                     "subject": text.plain(pack.subject), "level": text.plain(pack.level),
                     "author": text.plain(pack.author or ""), "total": pack.total}}
    from .build import _flatten

    data, _pages = render.render([(i, _flatten(p)) for i, p in sheets], layout, key, meta)
    return data


class _Progress:
    """A bar on stderr when it is a terminal (redrawn at most ten times a second); nothing
    when piped or logged."""

    def __init__(self, enabled: bool, total: int):
        self.enabled = enabled and sys.stderr.isatty()
        self.total, self.count, self.shown = max(total, 1), 0, 0.0
        self.label = "laying out"

    def step(self, label: str | None = None) -> None:
        self.count += 1
        self.label = label or self.label
        now = time.monotonic()
        if self.enabled and (now - self.shown > 0.1 or self.count == self.total):
            self.shown = now
            filled = int(30 * self.count / self.total)
            sys.stderr.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {self.label} {self.count}/{self.total}   ")
            sys.stderr.flush()

    def note(self, message: str) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 70 + f"\r  {message}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()
