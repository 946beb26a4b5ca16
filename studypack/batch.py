"""Class sets: a personal copy for every student on the roster, laid out once and stamped.

The pack is laid out once per (variant, layout, tier) that the roster needs. Its finished
pages are kept as PDF forms in one master document; each student's copy then shows those
forms with that student's name, class and number drawn on top. `assemble` writes the
print-ready class set (every copy on a fresh sheet when printed double-sided, optional
class separators) and each student's own PDF from the same pages.
"""

from __future__ import annotations

import dataclasses
import io
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import assemble, layout as layouts, plan as planning, roster as rosters, text, variants
from .build import MANIFEST, Prepared, _Typesetter, prepare
from .errors import Location, Problem, StudypackError, display_path
from .parallel import Aside

BLANK_TEXT = "This page is intentionally blank"
MIN_SIZE = 5.0  # points: a long name shrinks to fit its space, never below this


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


@dataclass
class _Laid:
    form: str
    width: float
    height: float
    stamps: list
    fields: list


class Capture:
    """The master document laid-out pages go into, as forms, with their personal slots."""

    def __init__(self, font: str):
        from reportlab.pdfgen.canvas import Canvas

        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, invariant=1, pageCompression=1, initialFontName=font)
        self.doc = self.canvas._doc
        self.pages: list[_Laid] = []
        self.names: list[str] = []
        self._cache: dict = {}

    def adopt(self, canvas) -> None:
        """Make a Platypus canvas draw into the master document (shared fonts and forms)."""
        canvas._doc = self.doc
        canvas._make_preamble()

    def page(self, canvas, stamps: list, fields: list) -> None:
        from reportlab.pdfbase.pdfdoc import PDFFormXObject

        name = f"p{len(self.names)}"
        width, height = canvas._pagesize
        form = PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
        form.compression = canvas._pageCompression
        form.setStreamList([canvas._preamble] + canvas._code)
        canvas._setColorSpace(form)
        canvas._setExtGState(form)
        canvas._setXObjects(form)
        self.doc.addForm(name, form)
        self.names.append(name)
        self.pages.append(_Laid(f"FormXob.{name}", width, height, stamps, fields))

    def take(self) -> list[_Laid]:
        pages, self.pages = self.pages, []
        return pages

    def form(self, name: str, size: tuple[float, float], draw: Callable) -> str:
        """A form drawn directly (blank back, class separator)."""
        canvas = self.canvas
        canvas.setPageSize(size)
        canvas.beginForm(name)
        draw(canvas)
        canvas.endForm()
        self.names.append(name)
        return f"FormXob.{name}"

    def text(self, font: str, size: float, colour, value: str, x: float, y: float, align: str,
             room: float) -> bytes:
        """Content-stream bytes drawing `value` within `room`: shrunk a little, else set on two
        or three lines going up from `y`. The glyphs join the master's font subsets."""
        from reportlab.lib.rl_accel import escapePDF
        from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

        key = (font, size, value, x, y, align, room)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        lines, size = _fit(value, font, size, room)
        from .fonts import runs as font_runs

        r, g, b = (colour.red, colour.green, colour.blue) if colour is not None else (0, 0, 0)
        out = []
        for i, line in enumerate(lines):
            pieces = font_runs(line, font)  # a word the face cannot print goes whole to a fallback face
            width = sum(stringWidth(segment, f, size) for segment, f in pieces)
            left = x - width if align == "right" else x - width / 2 if align == "centre" else x
            base = y + (len(lines) - 1 - i) * size * 1.15
            runs = " ".join(f"{getFont(f).getSubsetInternalName(subset, self.doc)} {size:.2f} Tf ({escapePDF(chunk)}) Tj"
                            for segment, f in pieces for subset, chunk in getFont(f).splitString(segment, self.doc))
            out.append(f"BT {r:.3f} {g:.3f} {b:.3f} rg 1 0 0 1 {left:.2f} {base:.2f} Tm {runs} ET\n")
        data = "".join(out).encode("latin-1")
        if len(self._cache) < 50_000:
            self._cache[key] = data
        return data

    def finish(self) -> assemble.Master:
        """Save the master: one page drawing every form, so the forms and fonts are written."""
        canvas = self.canvas
        for name in self.names:
            canvas.doForm(name)
        canvas.showPage()
        canvas.save()
        return assemble.Master(self.buffer.getvalue())


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
    layouts_by_name, tiers_ok = _resolve(roster, prepared, result)
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
    made = {u.variant: (variants.make(pack, seed, u.variant) if u.variant else (pack, variants.answers_of(pack)))
            for u in needed}
    if options.shuffle:  # the grid names students, in roster order
        answers = {student.name: made[unit.variant] for student, unit in zip(students, units)}
    else:
        answers = {name: value for name, value in made.items() if name}
    key_job = Aside(lambda: _answer_key(prepared, answers, bool(answers), pack, options.tier), options.jobs)

    capture = Capture(_body_font(prepared))
    laid: dict[tuple[Unit, bool], list[_Laid]] = {}
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
        copies.append([_stamped(capture, page, person, rendered) for page in laid[(unit, False)]])
        if options.keys == "per-student":
            keys.append([_stamped(capture, page, person, rendered) for page in laid[(unit, True)]])
        progress.step("copies")
    class_pages = _class_set(capture, students, copies, options.separators, pack)
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


def _fit(value: str, font: str, size: float, room: float) -> tuple[list[str], float]:
    """Lines and size for `value` in `room` points: one line down to 6 pt, then two or three
    lines broken between words (a name is never cut short)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(value, font, size)
    if room <= 0 or width <= room:
        return [value], size
    if size * room / width >= 6 or " " not in value.strip():
        return [value], max(MIN_SIZE * 0.7, size * room / width)
    words = value.split()
    for count in (2, 3):
        target = width / count
        lines, current = [], []
        for word in words:
            trial = " ".join(current + [word])
            if current and stringWidth(trial, font, size) > target * 1.08 and len(lines) < count - 1:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
        widest = max(stringWidth(line, font, size) for line in lines)
        fitted = min(size, size * room / widest)
        if fitted >= MIN_SIZE or count == 3:
            return lines, max(MIN_SIZE * 0.7, fitted)
    return [value], MIN_SIZE  # not reached


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
    return found, None


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


def _stamped(capture: Capture, page: _Laid, person: dict, rendered: dict) -> assemble.Page:
    """One page of one student's copy: the laid-out form, then the personal header and footer
    slots (one piece, shared by the pages it is the same on), then the filled-in blanks."""
    parts = []
    header = []
    for stamp in page.stamps:
        variables = stamp["variables"]
        key = (id(stamp["template"]),) + tuple(repr(variables.get(n)) for n in sorted(stamp["uses"] - {"student"}))
        value = rendered.get(key)
        if value is None:
            try:
                value = " ".join(text.render_template(stamp["template"], dict(variables, student=person)).split())
            except text.TemplateProblem as exc:
                where, slot = stamp["where"]
                raise StudypackError(Problem(f"{where}.{slot}: {exc}", stamp["location"])) from None
            rendered[key] = value
        if value:
            place = (key, stamp["x"], stamp["y"], stamp["room"], stamp["font"], stamp["size"])
            drawn = rendered.get(place)
            if drawn is None:
                drawn = rendered[place] = capture.text(stamp["font"], stamp["size"], stamp["colour"], value,
                                                       stamp["x"], stamp["y"], stamp["align"], stamp["room"])
            header.append(drawn)
    parts.append(b"".join(header))
    for spot in page.fields:
        value = person.get(spot["field"], "")
        if spot.get("part") is not None:  # one character a box, right-aligned like a written number
            count, part = spot["parts"], spot["part"]
            if len(value) <= count:
                value = value.rjust(count)[part].strip()
                if value:
                    parts.append(capture.text(spot["font"], spot["size"], None, value, spot["x"] + spot["width"] / 2,
                                              spot["y"] + 2.5, "centre", spot["width"]))
            elif part == 0:  # longer than the boxes: the whole number, across them
                parts.append(capture.text(spot["font"], spot["size"], None, value, spot["x"] + 2, spot["y"] + 2.5,
                                          "left", spot["width"] * count))
            continue
        if value:
            parts.append(capture.text(spot["font"], spot["size"], None, value, spot["x"] + 2, spot["y"] + 2.5,
                                      "left", spot["width"] - 4))
    return assemble.Page(page.width, page.height, (page.form,), tuple(parts))


def _class_set(capture: Capture, students, copies, separators: bool, pack) -> list[assemble.Page]:
    """Every copy in roster order, each starting on a front side; a separator per class if asked."""
    from reportlab.lib.colors import HexColor

    blanks: dict[tuple, str] = {}
    font = capture.canvas._fontname

    def blank(size):
        if size not in blanks:
            def draw(c):
                c.setFont(font, 10)
                c.setFillColor(HexColor("#555555"))
                c.drawCentredString(size[0] / 2, size[1] / 2, BLANK_TEXT)
            blanks[size] = capture.form(f"blank{len(blanks)}", size, draw)
        return assemble.Page(size[0], size[1], (blanks[size],))

    runs: list[tuple[str, int]] = []
    for student in students:
        if runs and runs[-1][0] == student.group:
            runs[-1] = (student.group, runs[-1][1] + 1)
        else:
            runs.append((student.group, 1))
    pages: list[assemble.Page] = []
    index = 0
    for number, (group, size) in enumerate(runs):
        first = copies[index][0]
        dims = (first.width, first.height)
        if separators:
            title = f"Class {group}" if group else "No class given"
            lines = [text.plain(pack.title), f"{size} cop{'y' if size == 1 else 'ies'}"]

            def draw(c, title=title, lines=lines, dims=dims):
                c.setFillColor(HexColor("#000000"))
                c.setFont(font, 36)
                c.drawCentredString(dims[0] / 2, dims[1] * 0.6, title)
                c.setFont(font, 16)
                for k, line in enumerate(lines):
                    c.drawCentredString(dims[0] / 2, dims[1] * 0.6 - 40 - 24 * k, line)
            pages.append(assemble.Page(dims[0], dims[1], (capture.form(f"separator{number}", dims, draw),)))
            pages.append(blank(dims))
        for copy in copies[index:index + size]:
            pages.extend(copy)
            if len(copy) % 2:
                pages.append(blank((copy[-1].width, copy[-1].height)))
        index += size
    return pages


def _answer_key(prepared: Prepared, answers: dict, varied, pack, tier: str | None = None) -> bytes:
    """The class set's key: with variants, the master grid and a page per variant first;
    then the full mark scheme, in the pack's own question order."""
    from . import render
    from .compose import Composer
    from .sheets import answer_key, variant_key

    loaded, layout = prepared.loaded, prepared.layout
    key = Composer(layout, pack, loaded.root, key=True, tier=tier)
    sheets = []
    if varied:
        named = list(answers.items())
        info = {"id": "answer-grid", "title": "Answer grid", "kind": "answer-key", "total": pack.total}
        parts = variant_key.grid(pack, [(name, ans) for name, (_p, ans) in named], key)
        for name, (variant_pack, ans) in named:
            parts += variant_key.per_variant(pack, name, variant_pack, ans, key)
        sheets.append((info, parts))
    info = {"id": "answer-key", "title": "Answer key", "kind": "answer-key", "total": pack.total}
    plan = planning.make(pack, loaded.name, Path("."), tier)
    key_doc = next(d for d in plan.documents if d.key)
    sheets.append((info, answer_key.compose(pack, key, key_doc.sheets)))
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
