"""Class sets: a personal copy for every student on the roster, laid out once and stamped.

`plan.class_set` decides who gets which copy (a unit per variant, layout and tier the roster
needs); each unit is typeset once, `stamp` keeps its pages as forms and draws each student's
details on top, and `assemble` writes the print-ready class set and each student's own PDF
from the same pages. This module reads the roster against the pack and writes everything at once.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from studypack.pdf import assemble, stamp
from studypack.media import fonts, text
from studypack.settings import layout as layouts
from studypack.plan import documents as planning
from studypack.io import cache as caches, roster as rosters
from studypack.app import cache_keys
from studypack.app.build import FORK_WORTH, MANIFEST, Prepared, in_language, prepare, with_school
from studypack.app.problems import located, unique
from studypack.base.errors import Problem, StudypackError, install_aside, said, together
from studypack.base.messages import suggest
from studypack.io.output import claim, write_all
from studypack.base.parallel import Aside, Forked, settled
from studypack.pdf.typeset import typeset
from studypack.views.job import Job
from studypack.base.extras import install


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
    strict: bool = False  # any warning (the pack's, a name's, typesetting's) fails before anything is written
    marking: bool = False  # QR code and corner squares on every page, and marking-map.json (see app/marking)
    sheets: tuple[str, ...] = ()  # only these sheets (by id); empty: the whole pack
    cache: bool = True  # the class key from the user's cache when it was set before for the same copies


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
    removed: list[str] = field(default_factory=list)  # the last build's files this one does not write, removed
    kept: list[str] = field(default_factory=list)  # … or kept, as rows were left out (see `_write`)
    sheets: tuple[str, ...] = ()  # the sheets of the class set when chosen (`--sheets`), in the pack's order
    unchanged: list[str] = field(default_factory=list)  # students' copies left as they were: --write class-set


# ---------------------------------------------------------------------- the build

def build(pack_dir: Path, roster_path: Path, layout_name: str | None = None, out_root: Path | None = None,
          options: Options = Options()) -> Result:
    started = time.perf_counter()
    reading = _read_roster(roster_path, options)
    try:
        prepared, (roster, read_stems) = together(lambda: prepare(pack_dir, layout_name),  # all their mistakes in one run
                                                  reading.result)
    finally:
        reading.close()
    out_root = out_root if out_root is not None else prepared.workspace.output
    pack = prepared.loaded.pack
    sheets = chosen_sheets(prepared, options.sheets)
    out_dir = Path(out_root) / planning.folder(prepared.loaded.name, prepared.label, options.tier) / set_folder(roster.name, sheets)
    claim(out_dir.parent, prepared.loaded.root)  # the pack's folder must be this pack's
    result = Result(out_dir, problems=list(roster.problems), warnings=list(prepared.warnings) + roster.warnings,
                    sheets=sheets)

    layouts_by_name = _resolve(roster, prepared, result)
    marking = options.marking or prepared.layout.marking.on
    if marking:  # every copy's layout prints what the scanner reads, and names its tick boxes
        prepared, layouts_by_name = _for_marking(prepared, layouts_by_name)
    students = [s for s in roster.students if s.line not in {p.location.line for p in result.problems if p.location}]
    # once: the name warnings and the writing both need them (as read, unless a row was left out since)
    stems = read_stems if len(students) == len(roster.students) else rosters.stems(students)
    result.warnings += _name_warnings(students, prepared.layout, roster, stems)
    if not students:
        raise StudypackError(result.problems or [Problem(said("term.classset-nobody", "no student in the roster can be built"))])

    dealt = planning.class_set(pack, students, options.variants, options.shuffle, options.tier, sheets,
                               prepared.layout.say)
    pack = dealt.pack
    with settled():
        key_pdf = _Key(prepared, dealt, options)
        progress = _Progress(options.progress, len(dealt.needed) + len(students))
        capture = stamp.Capture(Job(prepared.layout, pack, prepared.loaded.root).composer().style("body").fontName)
        laid = _lay_out(dealt, prepared, layouts_by_name, out_root, options, capture, result, progress)
        copies, keys = _stamp(students, dealt.units, laid, capture, options, progress)
        marking_file: dict[Path, bytes] = {}
        if marking:
            copies, marking_file = _for_scanning(prepared, layouts_by_name, students, dealt, laid, copies, out_dir)
        class_pages = stamp.class_set(capture, students, copies, options.separators, pack, prepared.layout.say)
        files = _files(capture.finish(), pack, _set_name(roster.name, sheets), out_dir, students, copies, keys, class_pages,
                       options)
        files[out_dir / "answer-key.pdf"] = key_pdf.result()
        files.update(marking_file)

    result.warnings = unique(located(result.warnings, prepared.loaded))
    if options.strict and result.warnings:
        progress.done()
        raise StudypackError(result.warnings)
    progress.note(said("term.classset-writing", "writing {n} PDFs …", len(files)))
    _write(files, out_dir, options, result, students, stems)
    progress.done()
    result.copies = len(students)
    result.pages = sum(len(c) for c in copies)
    result.files = sum(1 for path in files if path.suffix == ".pdf")  # not marking-map.json
    result.size = sum(path.stat().st_size for path in files)
    result.class_pages = len(class_pages) if options.write != "copies" else 0
    result.seconds = time.perf_counter() - started
    return result


ASIDE_BYTES = 16 * 1024  # a roster this large (some 500 students) is read in a child, beside the pack


def _read_roster(path: Path, options: Options) -> Forked:
    """The roster and its students' file stems: read in a forked child while this process
    reads and checks the pack where the roster is large (a class of ten thousand: a tenth of
    the build), else here when asked for (`--jobs 1`: one process, always)."""
    def read() -> tuple[rosters.Roster, list]:
        roster = rosters.read(path, options.columns)
        return roster, rosters.stems(roster.students)

    try:
        large = os.stat(path).st_size >= ASIDE_BYTES
    except OSError:  # said by the read
        large = False
    return Forked(read) if large and options.jobs != 1 else Forked(read, fork=False)


class _Key:
    """The class set's answer key: from the user's cache where the same key was set before
    (`cache_keys.class_key`: the same pack, layout and variants), else set beside the copies
    (`Aside`) and kept there for the next build of the class set."""

    def __init__(self, prepared: Prepared, dealt: planning.ClassSet, options: Options):
        self.store = caches.store(options.cache)
        self.name = "" if self.store is None else cache_keys.class_key(prepared.loaded, prepared.layout, dealt.pack,
                                                                       dealt.key)
        found = None if self.store is None else self.store.find(self.name)
        self.kept = None if found is None else found.data
        job = Job(prepared.layout, dealt.pack, prepared.loaded.root, dealt.key.tiers[0])
        self.aside = None if found is not None else Aside(lambda: _key_pages(dealt.key, job), _key_jobs(dealt, options.jobs))

    def result(self) -> bytes:
        if self.kept is not None or self.aside is None:
            return self.kept or b""
        data, pages = self.aside.result()
        if self.store is not None:
            self.store.put(self.name, caches.entry(caches.Cached(data, pages, ())))
            self.store.prune()
        return data


def _key_pages(document: planning.Document, job: Job) -> tuple[bytes, int]:
    """The key's PDF and its page count (what its typesetting noticed is not said: as before)."""
    found = typeset(document, job)
    return found.data, found.pages


def _key_jobs(dealt: planning.ClassSet, jobs: int | None) -> int | None:
    """Whether the class key is set in a process of its own, beside the copies: `--jobs` when
    given; else only where it prints enough to pay for forking one (`build.FORK_WORTH`
    questions, counted once for each variant's page of answers too): a fork costs more CPU
    than a small key takes, so a small key is set in this process, after the copies."""
    if jobs is not None:
        return jobs
    key, sheets = dealt.key, getattr(dealt.pack, "sheets")
    questions = sum(len(found) for i in key.sheets for _s, _i, found in sheets[i].groups())
    pages = 1 + (len(key.variants) if key.variant_pages else 0)
    return None if questions * pages >= FORK_WORTH else 1


def _for_marking(prepared: Prepared, layouts_by_name: dict) -> tuple[Prepared, dict]:
    """The build's layouts with marking on, each checked to hold the squares and code in its margins."""
    from studypack.pdf import readback  # the QR code's modules: only for marking (start-up speed)

    def on(layout: layouts.Layout) -> layouts.Layout:
        readback.check_fits(layout)
        return layout.model_copy(update={"marking": layout.marking.model_copy(update={"on": True})})
    return replace(prepared, layout=on(prepared.layout)), {name: on(lay) for name, lay in layouts_by_name.items()}


def _for_scanning(prepared: Prepared, layouts_by_name: dict, students, dealt: planning.ClassSet, laid, copies,
                  out_dir: Path) -> tuple[list, dict[Path, bytes]]:
    """Each copy with its code and corner squares stamped, and the marking map's file."""
    from studypack.app import marking as marks  # only a class set built for marking loads it (start-up speed)

    unit_layouts = {unit: layouts_by_name.get(unit.layout, prepared.layout) for unit in dealt.needed}
    marking_map = marks.make_map(prepared.loaded.name, text.plain(prepared.loaded.pack.title), students, dealt.units, laid,
                                 unit_layouts, prepared.layout.language)
    return marks.stamped(copies, marking_map, unit_layouts, dealt.units), {out_dir / marks.FILE: marks.encode(marking_map)}


def chosen_sheets(prepared: Prepared, ids) -> tuple[str, ...]:
    """The sheets a class set prints (`--sheets`), in the pack's order; a wrong id is an error
    at the pack's sheets that lists the ids there are."""
    if not ids:
        return ()
    pack = prepared.loaded.pack
    wrong = planning.unknown_sheets(pack, ids)
    if wrong:
        ids_there = planning.choosable(pack)
        where = prepared.loaded.locate(("sheets",))
        raise StudypackError([Problem(said("term.classset-no-sheet", "--sheets: no sheet '{id}' in this pack{suggestion}; its "
                                           "sheets are {ids}", id=w, suggestion=suggest(w, ids_there), ids=", ".join(ids_there)),
                                      where) for w in wrong])
    return planning.chosen_order(pack, ids)


def set_folder(roster_name: str, sheets: tuple[str, ...]) -> str:
    """The class set's folder: the roster's name, and for chosen sheets '--' and their ids
    ('9b--court-statements+newspaper'), a name no roster's folder can have (roster folder
    names never hold '--'), so a set of chosen sheets never replaces the whole pack's set or
    another choice's. A long choice is named by its count and a short hash of its ids."""
    if not sheets:
        return roster_name
    joined = "+".join(sheets)
    if len(joined) > 80:
        joined = f"{len(sheets)}-sheets-{hashlib.sha256(joined.encode()).hexdigest()[:10]}"
    return f"{roster_name}--{joined}"


def _set_name(roster_name: str, sheets: tuple[str, ...]) -> str:
    """What the class set's PDF title says it is made of."""
    return roster_name + (f"; sheets {', '.join(sheets)}" if sheets else "")


def _write(files: dict, out_dir: Path, options: Options, result: Result, students: list, stems=None) -> None:
    """Write the class folder and its keys/ folder. A copy the last build wrote and this one
    does not (a student no longer on the roster, or renamed) is removed, and the result says
    which; but while any row is left out nothing is removed, as that row's student is still
    on the class list and their last good copy is all they have until the row is fixed.
    With --write class-set, the copies of students still on the roster stay as they were."""
    prune = not result.problems
    key_files = {p: d for p, d in files.items() if p.parent != out_dir}
    main_files = {p: d for p, d in files.items() if p.parent == out_dir}
    current = [f"{stem}.pdf" for stem in rosters.file_stems(students, stems)] if options.write == "class-set" else []
    there = _files_in(out_dir) if current else set()  # one listing, not a look-up a student
    result.unchanged = [name for name in current if unicodedata.normalize("NFC", name) in there]
    stale = write_all(main_files, manifest=out_dir / MANIFEST, jobs=options.jobs, prune=prune, keep=current)
    if key_files or (out_dir / "keys" / MANIFEST).exists():
        stale += [f"keys/{name}" for name in write_all(key_files, manifest=out_dir / "keys" / MANIFEST,
                                                        jobs=options.jobs, prune=prune)]
    (result.removed if prune else result.kept).extend(stale)


def _files_in(folder: Path) -> set[str]:
    """The names of the files in `folder` (none when it is not there yet), NFC, as the stems
    are (a disk that keeps names decomposed lists them so)."""
    try:
        with os.scandir(folder) as entries:
            return {unicodedata.normalize("NFC", entry.name) for entry in entries if entry.is_file()}
    except FileNotFoundError:
        return set()


def _lay_out(dealt: planning.ClassSet, prepared: Prepared, layouts_by_name: dict, out_root: Path, options: Options,
             capture: stamp.Capture, result: Result, progress) -> dict[tuple[planning.Unit, bool], list[stamp.Laid]]:
    """Typeset each unit the roster needs once (its pack, and its key for --keys per-student),
    keeping the pages as forms in `capture`."""
    laid: dict[tuple[planning.Unit, bool], list[stamp.Laid]] = {}
    root = prepared.loaded.root
    for unit in dealt.needed:
        unit_pack = dealt.packs[unit.variant]
        job = Job(layouts_by_name.get(unit.layout, prepared.layout), unit_pack, root, unit.tier or None)
        plan = planning.make(unit_pack, prepared.loaded.name, out_root, unit.tier or None, say=job.layout.say)
        document = plan.document("pack.pdf")
        if dealt.sheets:  # the glossary and timeline pages come with the whole pack only
            document = replace(document, reference=False)
        if not document.sheets:
            raise StudypackError(Problem(said("term.classset-tier-empty", "--sheets: {ids} print nothing in the {tier} tier; "
                                              "choose sheets of that tier", ids=", ".join(dealt.sheets), tier=unit.tier),
                                         prepared.loaded.locate(("sheets",))))
        result.warnings += typeset(document, job, capture=capture).warnings
        laid[(unit, False)] = capture.take()
        if options.keys == "per-student":
            result.warnings += typeset(plan.document("answer-key.pdf"), job, capture=capture).warnings
            laid[(unit, True)] = capture.take()
        progress.step()
    return laid


def _stamp(students, units, laid, capture: stamp.Capture, options: Options, progress):
    """Every student's copy (and key) as pages: their unit's forms with their details drawn on."""
    copies: list[list[assemble.Page]] = []
    keys: list[list[assemble.Page]] = []
    for student, unit in zip(students, units):
        label = "" if options.shuffle else unit.variant
        person = student.variables(label)
        rendered: dict = {}  # this student's header and footer texts, by what they depend on
        copies.append([stamp.stamped(capture, page, person, rendered) for page in laid[(unit, False)]])
        if options.keys == "per-student":
            keys.append([stamp.stamped(capture, page, person, rendered) for page in laid[(unit, True)]])
        progress.step(said("term.progress-copies", "copies"))
    return copies, keys


def _files(master, pack, roster_name: str, out_dir: Path, students, copies, keys, class_pages, options: Options) -> dict:
    """{path: writer} for class-set.pdf, each student's copy and each per-student key."""
    files: dict[Path, object] = {}
    info = {"Title": text.plain(pack.title), "Subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}",
            "Creator": "studypack", "Producer": "studypack"}
    stems = rosters.file_stems(students) if options.write != "class-set" or options.keys == "per-student" else []
    all_forms = {f for page in class_pages for f in page.forms}
    if options.write in ("both", "class-set"):
        files[out_dir / "class-set.pdf"] = _writer(master, all_forms, class_pages,
                                                   {**info, "Title": f"{info['Title']}: class set ({roster_name})"},
                                                   every_tree=False)
    shared: dict[frozenset, assemble.Shared] = {}
    for student, stem, pages in zip(students, stems, copies if options.write != "class-set" else []):
        files[out_dir / f"{stem}.pdf"] = _writer(master, {f for p in pages for f in p.forms}, pages,
                                                 {**info, "Title": f"{info['Title']}: {student.name}"}, shared)
    for student, stem, pages in zip(students, stems, keys):
        files[out_dir / "keys" / f"{stem}-key.pdf"] = _writer(
            master, {f for p in pages for f in p.forms}, pages,
            {**info, "Title": f"{info['Title']}: answer key for {student.name}"}, shared)
    return files


def check(pack_dir: Path, roster_path: Path, layout_name: str | None = None, columns: dict | None = None):
    """Read a roster against a pack, as `build` would, writing nothing: (students, problems, warnings)."""
    prepared, roster = together(lambda: prepare(pack_dir, layout_name), lambda: rosters.read(roster_path, columns or {}))
    result = Result(Path("."), problems=list(roster.problems), warnings=list(prepared.warnings) + roster.warnings)
    _resolve(roster, prepared, result)
    bad = {p.location.line for p in result.problems if p.location}
    students = [s for s in roster.students if s.line not in bad]
    result.warnings += _name_warnings(students, prepared.layout, roster)
    return students, result.problems, result.warnings


def _writer(master, forms, pages, info, shared=None, every_tree: bool = True):
    def write(handle):
        key = frozenset(forms)
        if shared is None or key not in shared:
            made = assemble.Shared(master, forms)
            if shared is not None:
                shared[key] = made
        assemble.write(handle, shared[key] if shared is not None else made, pages, info, every_tree)
    return write


def _resolve(roster, prepared: Prepared, result: Result):
    """Load each layout the roster names once; a row naming a bad layout or tier is left out."""
    found: dict[str, layouts.Layout] = {}
    broken: dict[str, str] = {}
    for student in roster.students:
        at = roster.at(student.line)
        name = student.layout
        if name and name not in found and name not in broken:
            try:
                found[name] = in_language(with_school(layouts.load(name, folder=prepared.workspace.layouts), prepared.workspace),
                                          prepared.loaded.pack, prepared.workspace)
            except StudypackError as exc:
                broken[name] = exc.problems[0].message
        if name in broken:
            result.problems.append(Problem(said("term.row-layout", "layout '{name}': {problem}; row left out",
                                                name=name, problem=broken[name]), at))
            continue
        if student.tier and not planning.tier_named(student.tier):
            result.problems.append(Problem(said("term.row-tier", "tier '{tier}': write foundation or higher (or F or H), "
                                                "or leave it empty; row left out", tier=student.tier), at))
    return found


def _name_warnings(students, layout, roster, stems=None) -> list[Problem]:
    family = layout.fonts.get("sans", "noto-sans")
    family = family if family in fonts.FAMILIES else "noto-sans"
    out = []
    place = roster.at(None)  # once: it resolves the path (ten thousand rows, ten thousand calls)
    for student in students:
        written = " ".join((student.name, student.group, student.id))
        lost = fonts.missing(written, family)
        if lost:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in lost)
            seen = said("term.name-as-boxes", "as empty boxes") if fonts.draws_missing_as_box(family) \
                else said("term.name-as-nothing", "as nothing (left out without a mark)")
            out.append(Problem(said("term.name-unprintable", "cannot print {shown} in this name with the layout's fonts: they "
                                    "would print {seen}; write the name in a script the font has", shown=shown, seen=seen),
                               replace(place, line=student.line)))
        elif fonts.is_rtl(written) and not fonts.rtl_support():  # as for the pack's own text
            out.append(Problem(said("term.name-rtl", "right-to-left text (Arabic or Hebrew) would print with its letters "
                                    "unjoined and in the wrong order: install the rtl extra: {install}",
                                    install=install("rtl", install_aside())), replace(place, line=student.line)))
        hidden = rosters.invisible(student.name)
        if hidden:
            out.append(Problem(said("term.name-invisible", "the name holds invisible formatting characters ({hidden}): they "
                                    "are left out of its file name; retype the name if they were not meant", hidden=hidden),
                               replace(place, line=student.line)))
    stems = stems if stems is not None else rosters.stems(students)
    for student, earlier, stem in rosters.namesakes(students, stems):
        key, english = _NAMESAKES[bool(student.id)]
        out.append(Problem(said(key, english, name=student.name, line=earlier.line, stem=stem),
                           replace(place, line=student.line)))
    return out + _renamed(students, place, stems)


_NAMESAKES = {
    True: ("term.name-namesake-id", "{name} has the same id and name as line {line}: only their order in the roster tells "
                                    "their copies apart (this one is {stem}.pdf), so the two can swap file names when the "
                                    "roster changes; give each student an id (a column such as 'Candidate number' or "
                                    "'Student ID')"),
    False: ("term.name-namesake", "{name} has the same name and no id as line {line}: only their order in the roster tells "
                                  "their copies apart (this one is {stem}.pdf), so the two can swap file names when the "
                                  "roster changes; give each student an id (a column such as 'Candidate number' or "
                                  "'Student ID')"),
}


def _renamed(students, place, stems) -> list[Problem]:
    """A student whose copy's file name cannot hold their name as written: the system's file
    names are ASCII (a POSIX locale), so García's copy is Garcia-…pdf and a Cyrillic name's is
    student-….pdf. Said once per student, at their row, with what to do."""
    encoding = sys.getfilesystemencoding()
    hurt = [index for index, student in enumerate(students) if not _fits(student, encoding)]
    if not hurt:
        return []
    named = rosters.file_stems(students, stems)
    return [Problem(said("term.name-renamed", "{name}'s copy is named {stem}.pdf: this system's file names cannot hold every "
                         "letter of the name (they are {encoding}); build under a UTF-8 locale (such as LANG=C.UTF-8) to "
                         "name the copy as the name is written", name=students[i].name, stem=named[i], encoding=encoding),
                    replace(place, line=students[i].line))
            for i in hurt]


def _fits(student, encoding: str) -> bool:
    """Whether the name and id, as they go into a file name, can be written in `encoding`."""
    joined = " ".join((student.first, student.last, student.name, student.id))
    if encoding in ("utf-8", "utf8"):  # the usual: UTF-8 writes every character but a lone surrogate, with or
        try:                           # without the invisible ones, composed or not
            joined.encode(encoding)
            return True
        except UnicodeEncodeError:
            return False
    written = "".join(ch for ch in joined
                      if unicodedata.category(ch) != "Cf")  # invisible characters are left out anyway
    try:
        unicodedata.normalize("NFC", written).encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


class _Progress:
    """A bar on stderr when it is a terminal (redrawn at most ten times a second); nothing
    when piped or logged."""

    def __init__(self, enabled: bool, total: int):
        self.enabled = enabled and sys.stderr.isatty()
        self.total, self.count, self.shown = max(total, 1), 0, 0.0
        self.label = said("term.progress-laying-out", "laying out")

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
