"""What `studypack serve` shows: the pack's pages as the build typesets them, rebuilt on save.

One thread watches every input of the build the way `watch` does and typesets
the documents in memory, exactly as `build` would, without writing into the output folder.
A failed build keeps its problems beside the last good pages, which are marked as old, so
nothing is kept silently. Class sets are built from an uploaded roster into this session's
temporary folder, the only folder files are served from; it is removed when serving stops.
No web library here: `app` turns these methods into pages and JSON.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from studypack.app import batch
from studypack.base.parallel import end_workers
from studypack.settings import layout as layouts
from studypack.plan import documents as planning
from studypack.io import roster as rosters
from studypack.io import workspace as workspaces
from studypack.app.build import prepare, typeset_plan
from studypack.app.problems import unique
from studypack.base.errors import Problem, StudypackError, display_path, one_line, said
from studypack.commands.serve import page_words
from studypack.plan.lint import lint
from studypack.commands.preview import pdfium, picture
from studypack.commands.watch.changes import Watcher
from studypack.commands.watch.inputs import Inputs, of_build

DPI = 110  # crisp at the widths a browser shows a page, and quick to draw (about 0.15 s a page)
LEFT_OUT = ("pack.pdf", "source-booklet.pdf")  # the other documents again, in one file
TIERS = ("", "foundation", "higher")
MAX_ROSTER = 2 * 1024 * 1024  # bytes; a class list is a few kilobytes
DOWNLOADS = {"class-set.pdf": "application/pdf", "copies.zip": "application/zip", "answer-key.pdf": "application/pdf"}
KEEP_ROSTERS = 3  # class sets kept for download; older ones are deleted
ROSTER_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")  # kept on the uploaded copy: a workbook is read as one whatever its name
STOP_WAIT = 2  # seconds a stopped server waits for a build to end (one typesetting in this process)
CHOICE_LOOK = 0.1  # seconds: how soon a layout or tier picked in the page starts a build


@dataclass(frozen=True)
class Settings:
    layout: str = ""  # "" : the layout the pack names, else default
    tier: str = ""  # "" : both tiers, as `studypack build` prints them


@dataclass(frozen=True)
class Page:
    width: int  # pixels at DPI
    height: int
    text: str  # what the page says, for screen readers (and tests)


@dataclass(frozen=True)
class Shown:
    """One document of a build, as the page lists it."""

    filename: str
    title: str
    kind: str
    pdf: bytes
    pages: tuple[Page, ...]


@dataclass
class Result:
    """One build: its documents (none when it failed), errors and warnings."""

    settings: Settings
    finished: str
    seconds: float
    documents: list[Shown] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    number: int = 0
    sheets: list[dict] = field(default_factory=list)  # the sheets a class set can be limited to: {id, title}


class Session:
    def __init__(self, pack_dir: Path, layout_name: str | None = None, tier: str | None = None,
                 jobs: int | None = None, interval: float = 0.4, echo: Callable[[str], None] = print):
        self.pack_dir = Path(pack_dir)
        self.jobs, self.interval, self.echo = jobs, interval, echo
        self.named_layout = layout_name  # from the command line: offered first among the choices
        self.folder = Path(tempfile.mkdtemp(prefix="studypack-serve-"))
        self._wanted = Settings(layout_name or "", tier or "")
        self._changed = threading.Condition()
        self._building = False
        self._version = 0
        self._last: Result | None = None  # the latest build, good or not
        self._good: Result | None = None  # the latest build that made pages
        self._pictures: dict[tuple[int, int, int], bytes] = {}
        self._pdfium_lock = threading.Lock()  # pypdfium2 is not thread-safe
        self._build_lock = threading.Lock()  # one build at a time: the preview or a class set
        self._stop = threading.Event()
        self._rosters: list[Path] = []  # folders of finished class sets, oldest first
        self._rosters_lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="studypack-serve", daemon=True)

    # ------------------------------------------------------------------ life

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """Stop at once: a build under way has its typesetting processes ended (its files are
        temporary, and all of them are deleted with the session's folder), not waited for."""
        self._stop.set()
        with self._changed:
            self._changed.notify_all()
        end_workers()
        if self._thread.is_alive():
            self._thread.join(timeout=STOP_WAIT)  # a build typesetting in this process ends with it
        shutil.rmtree(self.folder, ignore_errors=True)

    def wait(self, version: int = 1, timeout: float = 120) -> bool:
        """Until `version` builds have finished (for tests and the first page)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._version < version:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True

    # ------------------------------------------------------------------ choices

    def layout_choices(self) -> list[dict]:
        pack_says = page_words.say("term.page-as-pack-says")
        choices = [{"value": "", "label": pack_says}]
        if self.named_layout and layouts.is_path(self.named_layout):
            choices.append({"value": self.named_layout, "label": self.named_layout})
        found = layouts.available(self._workspace_layouts())
        for name in sorted(found, key=lambda n: (n != "default", n)):
            mine = "" if layouts.is_shipped(found[name]) else page_words.say("term.page-yours")
            choices.append({"value": name, "label": name + mine})
        return choices

    def _workspace_layouts(self) -> Path | None:
        """The workspace's own layouts/ folder, as `build` finds it (None while studypack.yaml is
        broken: the build shows why, and the shipped layouts are still offered)."""
        try:
            return workspaces.find(self.pack_dir).layouts
        except StudypackError:
            return None

    def choose(self, layout: str | None = None, tier: str | None = None) -> None:
        """Pick a layout and tier; the page is rebuilt at once. Raises ValueError for values
        the page never offers."""
        settings = Settings(self._wanted.layout if layout is None else layout,
                            self._wanted.tier if tier is None else tier)
        if settings.layout not in {c["value"] for c in self.layout_choices()}:
            raise ValueError(f"no layout '{settings.layout}'")
        if settings.tier not in TIERS:
            raise ValueError(f"no tier '{settings.tier}': foundation, higher or empty for both")
        with self._changed:
            self._wanted = settings
            self._changed.notify_all()

    # ------------------------------------------------------------------ the builds

    def _inputs(self, settings: Settings, read: list[Path]) -> Inputs:
        return of_build(self.pack_dir, settings.layout or None, read)

    def _loop(self) -> None:
        """Build now, then a moment after each save of any input (as `watch` does) and after
        each new choice of layout or tier."""
        built: Settings | None = None
        read: list[Path] = []
        watcher = Watcher(min(self.interval, CHOICE_LOOK), self.echo, self._stop)
        inputs, due = self._inputs(self._wanted, read), False
        while not self._stop.is_set():
            wanted = self._wanted
            if wanted != built or due:
                before = inputs.snapshot()
                read = self._build(wanted) or read  # a failed build read no less
                built = wanted
                old, inputs = inputs, self._inputs(wanted, read)
                due = watcher.follow(inputs, lambda: old.snapshot() != before)  # saved meanwhile?
                continue
            due = watcher.wait()

    def _build(self, settings: Settings) -> list[Path] | None:
        """Typeset for the page; the files the build read, or None when it failed."""
        with self._changed:
            self._building = True
        started = time.perf_counter()
        try:
            with self._build_lock:
                result, read = self._typeset(settings)
        except StudypackError as exc:
            read = None
            result = Result(settings, "", 0.0, errors=list(exc.problems))
        except Exception as exc:  # a bug in studypack: shown on the page, and serving goes on
            if self._stop.is_set():  # its processes ended by `close`: nothing to show any more
                return None
            read = None
            result = Result(settings, "", 0.0, errors=[Problem(
                f"internal error: {type(exc).__name__}: {exc}. Please report it; the pages shown are from "
                "the last good build")])
        result.finished, result.seconds = time.strftime("%H:%M:%S"), time.perf_counter() - started
        with self._changed:
            self._version += 1
            result.number = self._version
            self._last = result
            if not result.errors:
                self._good = result
                self._pictures.clear()
            self._building = False
            self._changed.notify_all()
        self._report(result)
        return read

    def _typeset(self, settings: Settings) -> tuple[Result, list[Path]]:
        prepared = prepare(self.pack_dir, settings.layout or None)
        loaded = prepared.loaded
        plan = planning.make(loaded.pack, loaded.name, Path("output"), settings.tier or None)
        documents = [d for d in plan.documents if d.filename not in LEFT_OUT]
        rendered, _typeset, warnings = typeset_plan(prepared, plan, documents, settings.tier or None, self.jobs)
        shown = [Shown(d.filename, d.title, d.kind, done.data, self._pages(done.data))
                 for d, done in zip(documents, rendered)]
        warned = unique(list(set(warnings) | set(lint(loaded))))
        sheets = [{"id": sheet.id, "title": sheet.title} for sheet in loaded.pack.sheets
                  if sheet.id in planning.choosable(loaded.pack)]
        return Result(settings, "", 0.0, shown, warnings=warned, sheets=sheets), prepared.inputs()

    def _pages(self, data: bytes) -> tuple[Page, ...]:
        pypdfium2 = pdfium()
        with self._pdfium_lock:
            pdf = pypdfium2.PdfDocument(data)
            try:
                pages = []
                for page in pdf:
                    width, height = page.get_size()
                    text = page.get_textpage().get_text_range()
                    pages.append(Page(math.ceil(width * DPI / 72), math.ceil(height * DPI / 72),  # as pdfium draws it
                                      " ".join(text.split())))
                return tuple(pages)
            finally:
                pdf.close()

    def _report(self, result: Result) -> None:
        for problem in result.errors:
            self.echo(str(problem))
        if result.errors:
            count = len(result.errors)
            self.echo(said("term.serve-failed", {"one": "{time} build failed ({n} problem); the page shows them above the "
                                                        "last good pages",
                                                 "other": "{time} build failed ({n} problems); the page shows them above "
                                                          "the last good pages"}, count, time=result.finished))
        else:
            pages = sum(len(d.pages) for d in result.documents)
            self.echo(said("term.serve-built", "{time} built {documents} documents, {pages} pages in {seconds} s",
                           time=result.finished, documents=len(result.documents), pages=pages,
                           seconds=f"{result.seconds:.2f}"))

    # ------------------------------------------------------------------ what the page asks

    def state(self, since: int = -1) -> dict:
        """Everything the page shows, as JSON; only the version and whether a build is running
        when nothing changed since `since`."""
        with self._changed:
            version, building, last, good, wanted = self._version, self._building, self._last, self._good, self._wanted
        quick = {"version": version, "building": building}
        if since == version:
            return quick
        shown = good if good is not None else None
        return {**quick,
                "pack": display_path(self.pack_dir),
                "settings": {"layout": wanted.layout, "tier": wanted.tier},
                "choices": {"layouts": self.layout_choices(),
                            "tiers": [{"value": "", "label": page_words.say("term.page-both-tiers")},
                                      {"value": "foundation", "label": page_words.say("term.page-foundation")},
                                      {"value": "higher", "label": page_words.say("term.page-higher")}]},
                "ok": last is not None and not last.errors,
                "finished": last.finished if last else "",
                "seconds": round(last.seconds, 2) if last else 0,
                "errors": [_problem(p) for p in last.errors] if last else [],
                "warnings": [_problem(p) for p in (last.warnings if last else [])],
                "stale": shown is not None and shown is not last,
                "sheets": shown.sheets if shown else [],
                "shown_from": shown.finished if shown else "",
                "documents": [_document(shown.number, i, d) for i, d in enumerate(shown.documents)] if shown else []}

    def picture(self, number: int, index: int, page: int) -> bytes | None:
        """Page `page` (from 1) of document `index` of build `number` as PNG, drawn when first
        asked for; None when that build is no longer the one shown."""
        key = (number, index, page)
        with self._changed:
            good = self._good
            if key in self._pictures:
                return self._pictures[key]
        if good is None or good.number != number or not 0 <= index < len(good.documents):
            return None
        document = good.documents[index]
        if not 1 <= page <= len(document.pages):
            return None
        pypdfium2 = pdfium()
        with self._pdfium_lock:
            pdf = pypdfium2.PdfDocument(document.pdf)
            try:
                image = picture(pdf, page, DPI)
            finally:
                pdf.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)  # quick: it only crosses the loopback
        data = buffer.getvalue()
        with self._changed:
            if self._good is good:
                self._pictures[key] = data
        return data

    def pdf(self, number: int, index: int) -> Shown | None:
        good = self._good
        if good is None or good.number != number or not 0 <= index < len(good.documents):
            return None
        return good.documents[index]

    # ------------------------------------------------------------------ class sets

    def class_set(self, filename: str, data: bytes, variants: int = 0, sheets: tuple[str, ...] = ()) -> dict:
        """Build a class set from an uploaded roster (CSV or .xlsx), of the whole pack or of the
        sheets chosen, inside this session's temporary folder: who is in it, the rows left out
        (located in the file the teacher chose), what made it (roster, layout, tier, sheets) and
        what to download. Its folder is kept only when the class set was made: a failed upload
        never pushes a good class set out of the KEEP_ROSTERS kept."""
        shown_name = Path(filename.replace("\\", "/")).name or "roster.csv"
        if len(data) > MAX_ROSTER:
            return {"errors": [{"where": shown_name, "message": page_words.say("term.page-roster-big")}]}
        folder = Path(tempfile.mkdtemp(prefix="roster-", dir=self.folder))
        try:
            answer = self._class_set_in(folder, shown_name, data, variants, sheets)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if "downloads" not in answer:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            self._keep(folder)
        return answer

    def _class_set_in(self, folder: Path, shown_name: str, data: bytes, variants: int, sheets: tuple[str, ...]) -> dict:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(shown_name).stem).strip("-")[:60] or "roster"
        suffix = Path(shown_name).suffix.lower()
        path = folder / f"{stem}{suffix if suffix in ROSTER_SUFFIXES else '.csv'}"
        path.write_bytes(data)
        settings = self._wanted
        options = batch.Options(variants=variants if variants > 1 else 0, tier=settings.tier or None, jobs=self.jobs,
                                sheets=tuple(sheets))
        named = _renamer(display_path(path), shown_name)
        try:
            roster = rosters.read(path)
            with self._build_lock:
                result = batch.build(self.pack_dir, path, settings.layout or None, folder / "out", options)
        except StudypackError as exc:
            return {"roster": shown_name, "errors": [named(p) for p in exc.problems]}
        left_out = {p.location.line for p in result.problems if p.location}
        copies = sorted(p for p in result.out_dir.glob("*.pdf") if p.name not in DOWNLOADS)
        with zipfile.ZipFile(folder / "copies.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
            for copy in copies:
                bundle.write(copy, f"{result.out_dir.name}/{copy.name}")
        shutil.copyfile(result.out_dir / "class-set.pdf", folder / "class-set.pdf")
        shutil.copyfile(result.out_dir / "answer-key.pdf", folder / "answer-key.pdf")
        (folder / "name").write_text(result.out_dir.name, encoding="utf-8")
        token = folder.name
        return {"roster": shown_name,
                "made_with": {"roster": shown_name, "layout": settings.layout, "layout_label": self._layout_label(settings.layout),
                              "tier": settings.tier, "sheets": list(result.sheets), "variants": options.variants},
                "students": [{"line": s.line, "name": s.name, "class": s.group, "id": s.id, "layout": s.layout,
                              "tier": s.tier, "left_out": s.line in left_out} for s in roster.students],
                "problems": [named(p) for p in result.problems],
                "warnings": [named(p) for p in result.warnings],
                "copies": result.copies, "pages": result.class_pages,
                "downloads": {name: f"/download/{token}/{name}" for name in DOWNLOADS}}

    def _layout_label(self, value: str) -> str:
        """How the layout picker names a layout (a class-set result says which made it)."""
        return next((c["label"] for c in self.layout_choices() if c["value"] == value), value)

    def download(self, token: str, name: str) -> tuple[Path, str] | None:
        """A file of a class set made in this session: (path, the name to save it as)."""
        if name not in DOWNLOADS or not re.fullmatch(r"roster-[A-Za-z0-9_]+", token):
            return None
        folder = self.folder / token
        path = folder / name
        if not path.is_file() or path.resolve().parent != folder.resolve():
            return None
        label = (folder / "name").read_text(encoding="utf-8") if (folder / "name").is_file() else "class"
        return path, f"{label}-{name}"

    def _keep(self, folder: Path) -> None:
        """Keep a finished class set's folder, deleting the oldest finished ones beyond
        KEEP_ROSTERS; folders of uploads still being built are never touched."""
        with self._rosters_lock:
            self._rosters.append(folder)
            old, self._rosters = self._rosters[:-KEEP_ROSTERS], self._rosters[-KEEP_ROSTERS:]
        for gone in old:
            shutil.rmtree(gone, ignore_errors=True)


def _renamer(here: str, shown_name: str) -> Callable[[Problem], dict]:
    """A problem as the page shows it, located in the file the teacher chose, not the temporary one."""
    def named(problem: Problem) -> dict:
        loc = problem.location
        if loc is not None and loc.file == here:
            problem = Problem(problem.message, replace(loc, file=shown_name))
        return _problem(problem)
    return named


def _problem(problem: Problem) -> dict:
    return {"where": str(problem.location) if problem.location else "", "message": one_line(problem.message)}


def _document(number: int, index: int, document: Shown) -> dict:
    return {"index": index, "filename": document.filename, "title": document.title, "kind": document.kind,
            "key": document.kind in ("key", "class-key"),
            "pdf": f"/pdf/{number}/{index}/{document.filename}",
            "pages": [{"src": f"/page/{number}/{index}/{i}.png", "width": p.width, "height": p.height, "text": p.text}
                      for i, p in enumerate(document.pages, 1)]}
