"""The `studypack` command: build and check. Errors become one line each and exit 2.

Each command imports the modules it runs when it runs (lazily, for start-up speed): `--help`,
`schema` and `layouts` never load ReportLab, and no command pays for another's imports."""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
import time
from pathlib import Path



def _early_signals() -> None:
    """While the program starts (its imports take a moment on a busy machine), Ctrl-C, SIGTERM
    and SIGHUP end it at once with the one line a later interrupt prints: nothing can have been
    written yet. Only when studypack runs as a program (a test importing it keeps its own
    handlers); `main` installs the usual ones (`_stop_on_terminate`) before any command runs."""
    program = os.path.normpath(sys.argv[0] if sys.argv else "")
    if not (os.path.basename(program).split(".")[0] == "studypack"
            or program.endswith(os.path.join("studypack", "__main__.py"))):
        return

    def stop(_signum, _frame):
        os.write(2, b"interrupted; earlier PDFs are unchanged\n")
        os._exit(130)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, stop)


_early_signals()

import click  # noqa: E402

from studypack.commands.completion import layout_names, pack_folders  # noqa: E402
from studypack.base.errors import StudypackError, display_path, said, speak  # noqa: E402

# A command makes many small objects and keeps nearly all of them until it ends (modules,
# models, fonts, laid-out pages): collecting every 700 new objects, as Python does by default,
# walked them again and again (a twelfth of a small build's time). Collections stay, less often;
# a 10,000-student class set peaks at the same memory either way (benchmarks/bench_compare.py).
gc.set_threshold(50_000, 20, 20)

EXIT_ERROR = 2
EXIT_WARNINGS = 1  # `check --strict` when there are warnings but no errors


_TERMINAL: dict = {}  # the terminal's words (`_say`), once the command knows its workspace (`_speak`)


def _speak(school: str | None = None) -> None:
    """Speak the terminal's language from now on: the environment's (LC_ALL, LC_MESSAGES,
    LANG), else the workspace's `language:` (`school`), else English (docs/languages.md). The
    messages a pack's mistakes are worded in (`base.messages`) follow it too."""
    from studypack.base import errors
    from studypack.io import words

    say = words.words(words.terminal_language(os.environ, school))
    _TERMINAL["say"] = say
    errors.speak(None if say.english else lambda key, n, values: say.alone(key, n, **values), say.code)


def _say():
    """The terminal's words (the environment's language until a command has read its workspace)."""
    if "say" not in _TERMINAL:
        _speak()
    return _TERMINAL["say"]


def _fail(exc: StudypackError) -> None:
    say = _say()
    for problem in exc.problems:
        click.echo(say("term.error", problem=problem) if problem.location is None else str(problem), err=True)
    count = len(exc.problems)
    if count > 1:
        click.echo(say("term.problems", count), err=True)
    sys.exit(EXIT_ERROR)


def _guard(action):
    """Run a command body; user mistakes print as messages, never as tracebacks."""
    try:
        return action()
    except StudypackError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        _stop_interrupted()
    except Exception as exc:  # a bug in studypack: say so plainly, keep the details on request
        if _INTERRUPTED:  # the interrupt ended the workers while Python dropped its KeyboardInterrupt
            _stop_interrupted()
        if os.environ.get("STUDYPACK_DEBUG"):
            raise
        click.echo(_say()("term.internal-error", error=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(3)


def _stop_interrupted() -> None:
    """Exit 130 with one line saying what the interrupted command left."""
    _end_workers()  # a job typesetting aside (a class set's key) is not waited for
    click.echo(_interrupted(), err=True)
    sys.exit(130)


def _end_workers(timeout: float = 5) -> None:
    parallel = sys.modules.get("studypack.base.parallel")  # not loaded: no worker was forked
    if parallel is not None:
        parallel.end_workers(timeout)


def _interrupted() -> str:
    """What an interrupted command left, truthfully: the writer holds an interrupt that comes
    while it renames until it is done, so the folders it names hold the whole new build."""
    output = sys.modules.get("studypack.io.output")  # not loaded: nothing was written
    folders = output.written() if output is not None else []
    say = _say()
    if not folders:
        return say("term.interrupted")
    names = functools.reduce(say.listed, [display_path(folder) for folder in folders])
    return say("term.interrupted-written", names=names)


_INTERRUPTED = False  # set by the first interrupt, which Python may fail to raise (below)


def _stop_on_terminate() -> None:
    """Ctrl-C, SIGTERM (a timeout, a service stopped) and SIGHUP (a closed terminal) stop the
    command within a moment: the typesetting processes are ended at once (they leave signals
    to the command), temporary files are removed. Python drops a KeyboardInterrupt raised
    while it forks; the ended workers then fail the build, which `_guard` reports as the
    interrupt it was. A Ctrl-C or SIGHUP ignored when the command started (`&`, nohup) stays
    ignored."""
    def stop(_signum, _frame):
        global _INTERRUPTED
        _INTERRUPTED = True
        _end_workers(timeout=0)
        raise KeyboardInterrupt

    names = ("SIGINT", "SIGTERM", "SIGHUP")
    try:
        for number in (getattr(signal, name) for name in names if hasattr(signal, name)):
            if number == signal.SIGTERM or signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, stop)
    except (ValueError, OSError):  # not the main thread (tests calling the CLI in-process)
        pass


class _Commands(click.Group):
    """The commands, an interrupt anywhere in them (before or after their `_guard`) reported
    the same way, not as click's bare "Aborted!"."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _stop_interrupted()


def run(then=None) -> None:
    """The program's entry (`studypack`, `python -m studypack`). An interrupted command, once it
    has said what it left, ends at once with 130: Python's own shutdown would join the worker
    pool's threads, and an interrupt raised there ends the program by SIGINT, with no word.
    `then`, if given, is called after the command, before the program ends."""
    code = run_command()
    if then is not None:
        then()
    if _INTERRUPTED or code == 130:
        os._exit(code)
    sys.exit(code)


def run_command(prog_name: str | None = None) -> int:
    """Run the command `sys.argv` names; its exit status, its output flushed. `prog_name`:
    what `--help` calls the program (else as click finds it)."""
    try:
        main(prog_name=prog_name)
        code = 0
    except SystemExit as exc:
        code = _status(exc.code)
    except KeyboardInterrupt:  # raised outside any command (click's own parsing)
        click.echo(_interrupted(), err=True)
        code = 130
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _status(code: object) -> int:
    """The exit status a `SystemExit(code)` gives, as Python reports it."""
    if code is None:
        return 130 if _INTERRUPTED else 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"), as Python prints it
    return 1


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="studypack")
def main() -> None:
    """Build printable study packs (worksheets, source sheets, answer keys) from YAML."""
    _stop_on_terminate()  # the start is over: an interrupt now says what the command left
    _quiet()  # each command finds its terminal's language afresh (a test runs many in one process)
    click.get_current_context().call_on_close(_quiet)


def _quiet() -> None:
    """Forget the terminal's language: messages are English until a command speaks (`_speak`)."""
    _TERMINAL.clear()
    speak(None)


_STRICT = click.option("--strict", is_flag=True,
                       help="Treat warnings as errors (characters that cannot print, blurred pictures, "
                            "blocks shrunk to fit, control characters removed).")


def _show_warnings(warnings, strict: bool = False, entries: dict | None = None) -> None:
    """Warnings come last, each once, so they are not lost above the list of files. With
    --strict, `entries` (each acceptable warning's `accept:` line) are the lines to write."""
    say = _say()
    for warning in warnings:
        click.echo(say("term.warning", warning=warning), err=True)
    if not warnings:
        return
    count = len(warnings)
    acceptable = [w for w in warnings if w in (entries or {})]
    lines = list(dict.fromkeys((entries or {})[w] for w in acceptable))
    if not strict:
        advice = say("term.advice-strict")
    elif not lines:
        advice = say("term.advice-fix")
    else:
        others = "" if len(acceptable) == len(warnings) else say("term.advice-others")
        advice = (say("term.advice-accept", others=others) + "\n"
                  "accept:\n" + "\n".join(f"  {line}" for line in lines))
    click.echo(say("term.warnings", count, advice=advice), err=True)


_PACK = click.argument("pack_dir", type=click.Path(path_type=Path), default=Path("."), required=False,
                       shell_complete=pack_folders)


def _workspace(pack_dir: Path):
    """The pack's workspace and its studypack.yaml defaults (read before anything is built)."""
    from studypack.io.workspace import find

    return _guard(lambda: find(pack_dir))


@main.command()
@_PACK
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", shell_complete=layout_names, help="Layout name (see `studypack layouts`) or a .yaml file.")
@click.option("--out", "out_root", type=click.Path(path_type=Path), default=None,
              help="Folder to write into (default: output/ in the workspace, or studypack.yaml's output:); the PDFs go in OUT/<pack>/ (OUT/<pack>-<layout>/ with --layout, "
                   "so no build replaces another's PDFs; but OUT/<pack>/ for the pack's own layout: pack.yaml's layout:, "
                   "else studypack.yaml's, else default. A board profile's layout is not the pack's own).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Processes to typeset with (default: all cores; one for a small pack).")
@click.option("--tier", type=click.Choice(["foundation", "higher"]), default=None,
              help="Build one tier: leave out the other tier's questions, sources and scaffolds "
                   "(its questions numbered 1, 2, 3…). Writes into OUT/<pack>-<tier>/.")
@click.option("--roster", "roster_path", type=click.Path(path_type=Path), metavar="FILE.csv",
              help="Class list (CSV from your MIS or Excel, or an Excel .xlsx: needs pip install 'studypack[xlsx]', from a checkout '.[xlsx]'): "
                   "one named copy per student and a print-ready class-set.pdf in OUT/<pack>/<roster name>/.")
@click.option("--columns", metavar="FIELD=HEADER,...",
              help="Roster columns under other headers, e.g. first=Vorname,last=Nachname,class=Klasse "
                   "(fields: first, last, name, class, id, layout, tier, language).")
@click.option("--variants", type=click.IntRange(1, 26), default=None, metavar="N",
              help="With --roster: N variants (A, B, C ...) with options in other orders, dealt in roster order.")
@click.option("--shuffle", is_flag=True, help="With --roster: a different order for every student.")
@click.option("--keys", type=click.Choice(["variants", "per-student"]), default="variants", show_default=True,
              help="With --roster: one key for the class (grid and a page per variant), or also each student's own key.")
@click.option("--separators", is_flag=True, help="With --roster: a separator sheet before each class in class-set.pdf.")
@click.option("--sheets", "sheet_ids", metavar="ID,ID...",
              help="With --roster: only these sheets (their ids, as `studypack check` lists them), and the class key "
                   "of only these; written into OUT/<pack>/<roster name>--<ids>/, beside the whole pack's class set.")
@click.option("--write", "write", type=click.Choice(["both", "class-set", "copies"]), default="both", show_default=True,
              help="With --roster: class-set.pdf and a PDF per student, or only one of them.")
@click.option("--marking", is_flag=True,
              help="With --roster: a QR code and corner squares on every page, and marking-map.json beside the class "
                   "set, so that `studypack mark` can mark the scanned copies (see docs/marking.md).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "moodle"]), default="pdf", show_default=True,
              help="pdf: the printable PDFs; docx: each sheet and the key as a Word file (needs "
                   "pip install 'studypack[docx]', from a checkout '.[docx]'); moodle: a Moodle XML question bank per sheet. "
                   "Written beside the PDFs in OUT/<pack>/.")
@click.option("--word-template", "word_template", type=click.Path(path_type=Path), metavar="FILE.docx", default=None,
              help="With --format docx: a Word document whose styles, page, header and footer the Word files "
                   "use (your school's template), instead of the layout's.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Typeset every PDF afresh instead of reusing unchanged ones from the cache "
                   "(see `studypack cache clear`).")
@_STRICT
def build(pack_dir: Path, layout_name: str | None, out_root: Path, jobs: int | None, tier: str | None,
          roster_path: Path | None, columns: str | None, variants: int | None, shuffle: bool, keys: str,
          separators: bool, sheet_ids: str | None, write: str, marking: bool, fmt: str,
          word_template: Path | None, no_cache: bool, strict: bool) -> None:
    """Build every sheet of PACK_DIR, the whole pack and the answer key as PDFs.

    With --roster, build a named copy for every student instead (see the options below).
    With --format docx or moodle, write Word files or Moodle question banks instead.
    Exit status: 0 built (perhaps with warnings), 1 built but some roster rows were left
    out, 2 nothing built: errors, or warnings with --strict. Nothing is written unless
    every PDF was made."""
    from studypack.app.build import build as run_build

    from studypack.io.workspace import report

    _stop_on_terminate()
    workspace = _workspace(pack_dir)
    _speak(workspace.settings.language)
    click.echo(report(workspace, out_root is not None, _say()))  # which studypack.yaml this build obeys
    strict = strict or workspace.settings.strict
    if word_template is not None and fmt != "docx":
        _fail(StudypackError(said("term.format-word-template", "--word-template is for Word files: add --format docx")))
    if roster_path is None:  # studypack.yaml's roster settings (columns:) wait for a roster; the same options given here are a mistake
        if (variants or shuffle or separators or columns or sheet_ids is not None or keys != "variants"
                or write != "both" or marking):
            _fail(StudypackError(said("term.roster-options", "--variants, --shuffle, --keys, --separators, --sheets, --write, "
                                      "--columns and --marking need --roster FILE.csv")))
    elif fmt != "pdf":
        _fail(StudypackError(said("term.format-roster", "--roster builds named PDF copies: leave out --format, or build Word "
                                  "or Moodle without --roster")))
    else:
        if columns is None and workspace.settings.columns:
            columns = ",".join(f"{k}={v}" for k, v in workspace.settings.columns.items())
        options = dict(variants=variants, shuffle=shuffle, keys=keys, separators=separators, write=write, tier=tier,
                       sheets=_sheet_list(sheet_ids), marking=marking, cache=not no_cache)
        _build_class_set(pack_dir, roster_path, layout_name, out_root, jobs, columns, options, strict)
        return
    started = time.perf_counter()
    result = _guard(lambda: run_build(pack_dir, layout_name, out_root, jobs, tier, strict=strict,
                                      cache=not no_cache, fmt=fmt, word_template=word_template))
    if fmt != "pdf":
        _show_exported(result, fmt, time.perf_counter() - started)
        return
    say = _say()
    for item in result.written:
        click.echo(say("term.wrote", item.pages, path=display_path(item.path), kb=item.size // 1024))
    total_pages = sum(item.pages for item in result.written)
    reused = len(result.written) - len(result.typeset)
    note = say("term.from-cache", typeset=len(result.typeset), reused=reused) if reused else ""
    click.echo(say("term.built", files=len(result.written), pages=total_pages,
                   seconds=f"{time.perf_counter() - started:.2f}", note=note))
    _show_accepted(result.accepted)
    _show_warnings(result.warnings)


def _show_accepted(accepted) -> None:
    """A build names how many warnings the pack accepts; `check` lists them with the reasons."""
    if accepted:
        click.echo(_say()("term.accepted", len(accepted)), err=True)


def _show_exported(result, fmt: str, seconds: float) -> None:
    for item in result.written:
        path, kb = display_path(item.path), max(1, item.size // 1024)
        click.echo(said("term.wrote-moodle", {"one": "wrote {path}  ({n} question, {kb} KB)",
                                              "other": "wrote {path}  ({n} questions, {kb} KB)"}, item.questions,
                        path=path, kb=kb) if fmt == "moodle" else
                   said("term.wrote-word", "wrote {path}  ({kb} KB)", path=path, kb=kb))
    files, time = len(result.written), f"{seconds:.2f}"
    click.echo(said("term.exported-word", "{files} Word files in {seconds} s", files=files, seconds=time) if fmt == "docx" else
               said("term.exported-moodle", "{files} Moodle question banks, {questions} questions in {seconds} s",
                    files=files, questions=sum(i.questions for i in result.written), seconds=time))
    _show_warnings(result.warnings)


def _sheet_list(value: str | None) -> tuple[str, ...]:
    """`--sheets a, b` -> ('a', 'b'); given but naming none is a mistake."""
    if value is None:
        return ()
    ids = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not ids:
        _fail(StudypackError(said("term.sheets-option", "--sheets: give sheet ids separated by commas, e.g. --sheets "
                                  "court-statements,newspaper")))
    return ids


def _build_class_set(pack_dir, roster_path, layout_name, out_root, jobs, columns, chosen: dict, strict=False) -> None:
    from studypack.app import batch
    from studypack.io import roster

    if chosen["variants"] and chosen["shuffle"]:
        _fail(StudypackError(said("term.variants-or-shuffle", "choose --variants N or --shuffle, not both")))
    if strict:  # the pack's, layout's and names' warnings, before a single copy is made
        _students, _problems, warnings = _guard(
            lambda: batch.check(pack_dir, roster_path, layout_name, roster.parse_columns(columns)))
        if warnings:
            _fail(StudypackError(warnings))

    def run():  # with strict, typesetting's own warnings stop it too, before anything is written
        options = batch.Options(**{**chosen, "variants": chosen["variants"] or 0}, columns=roster.parse_columns(columns),
                                jobs=jobs, progress=True, strict=strict)
        return batch.build(pack_dir, roster_path, layout_name, out_root, options)

    result = _guard(run)
    say = _say()
    for problem in result.problems:
        click.echo(str(problem), err=True)
    size = result.size / 1024 / 1024
    in_set = say("term.in-class-set", result.class_pages) if result.class_pages else ""
    click.echo(say("term.wrote-class-set", folder=display_path(result.out_dir), copies=say("term.copies", result.copies),
                   pages=result.pages, in_set=in_set, files=result.files, mb=f"{size:.1f}", seconds=f"{result.seconds:.2f}"))
    shared = [name for name in result.removed if name in ("class-set.pdf", "answer-key.pdf")]
    gone = [name for name in result.removed if name not in shared]
    if gone:
        click.echo(say("term.removed-gone", copies=say("term.copies", len(gone)), names=_listed(gone)))
    if shared:
        click.echo(say("term.removed-shared", len(shared), names=", ".join(shared)))
    if result.unchanged:
        click.echo(say("term.left-unchanged", copies=say("term.copies", len(result.unchanged))))
    _show_warnings(result.warnings)
    if result.kept:
        click.echo(say("term.kept", copies=say("term.copies", len(result.kept)), names=_listed(result.kept)), err=True)
    if result.problems:
        click.echo(say("term.rows-left-out", len(result.problems)), err=True)
        sys.exit(1)


def _listed(names: list[str], shown: int = 6) -> str:
    more = _say()("term.and-more", len(names) - shown) if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


@main.command()
@_PACK
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", shell_complete=layout_names, help="Check against this layout too.")
@click.option("--roster", "roster_path", type=click.Path(path_type=Path), metavar="FILE.csv",
              help="Check a class list too: every row, its layout and tier, and that every name can print.")
@click.option("--columns", metavar="FIELD=HEADER,...", help="Roster columns under other headers (as for build).")
@_STRICT
def check(pack_dir: Path, layout_name: str | None, roster_path: Path | None, columns: str | None,
          strict: bool) -> None:
    """Validate PACK_DIR and its layout (and a roster) without writing anything.

    Exit status: 0 clean (warnings are shown), 1 warnings with --strict (or roster rows
    that would be left out), 2 errors.
    """
    from studypack.app.build import prepare

    workspace = _workspace(pack_dir)
    _speak(workspace.settings.language)
    strict = strict or workspace.settings.strict
    if columns is None and workspace.settings.columns:
        columns = ",".join(f"{k}={v}" for k, v in workspace.settings.columns.items())
    if roster_path is not None:
        _check_roster(pack_dir, roster_path, layout_name, columns, strict)
        return

    from studypack.plan.lint import reading_level

    prepared = _guard(lambda: prepare(pack_dir, layout_name))
    loaded, warnings = prepared.loaded, prepared.warnings
    pack = loaded.pack
    questions = sum(len(s.all_questions) for s in pack.sheets)
    say = _say()
    status = say("term.ok") if not warnings else say("term.ok-with", len(warnings))
    accepted = say("term.and-accepted", len(prepared.accepted)) if prepared.accepted and warnings else (
        say("term.accepted-short", len(prepared.accepted)) if prepared.accepted else "")
    shown = display_path(loaded.root)
    counts = ", ".join(say(key, n) for n, key in ((len(pack.sheets), "term.sheets"), (len(pack.sources), "term.sources"),
                                                 (questions, "term.questions")))
    click.echo(f"{loaded.name if shown == '.' else shown}: {status}{accepted} — {counts}, {_marks(pack, say)}")
    readings = [r for r in map(reading_level, pack.sources) if r]
    if readings:
        ages = ", ".join(f"{r.letter} {r.age}" + (say("term.by-verse-line") if r.by_verse_line else "") for r in readings)
        click.echo(say("term.reading-age", ages=ages, level=pack.level))
    for problem, why in prepared.accepted:
        click.echo(say("term.accepted-line", problem=problem, why=why))
    _show_warnings(warnings, strict, prepared.acceptable)
    if strict and warnings:
        sys.exit(EXIT_WARNINGS)


@main.group()
def cache() -> None:
    """The cache of typeset PDFs (and unpacked fonts) in your user cache folder."""


@cache.command("clear")
def cache_clear() -> None:
    """Empty the cache: the next build typesets every PDF afresh. Removes only what is inside
    the cache folder (a symbolic link is removed as a link, never followed)."""
    from studypack.io.cache import clear

    _say()  # the terminal's language
    done = clear()
    if done.folder is None:
        click.echo(said("term.cache-none", "no cache folder is in use (STUDYPACK_NO_CACHE is set or no home folder)"))
        return
    if done.link is not None:
        click.echo(said("term.cache-link", "removed the symbolic link {folder} (it pointed to {link}, whose files are left "
                        "as they were)", folder=done.folder, link=done.link))
        return
    real = done.folder.resolve()  # a folder above it may be a link (~/.cache elsewhere): say where the files were
    where = f"{done.folder}" if real == done.folder else said("term.cache-that-is", "{folder} (that is {real})",
                                                              folder=done.folder, real=real)
    click.echo(said("term.cache-cleared", {"one": "cleared {where}: removed {n} file ({mb} MB)",
                                           "other": "cleared {where}: removed {n} files ({mb} MB)"}, done.files,
                    where=where, mb=f"{done.size / 1024 / 1024:.1f}"))


@main.command()
def schema() -> None:
    """Print a JSON Schema of pack.yaml, for editors that check YAML as you type."""
    from studypack.plan.schema import dumps

    click.echo(dumps(), nl=False)


@main.command()
@click.argument("pack_dir", type=click.Path(path_type=Path))
def new(pack_dir: Path) -> None:
    """Start a new pack in PACK_DIR: a commented pack.yaml that builds as it is."""
    from studypack.commands.scaffold import create

    _say()  # the terminal's language
    written = _guard(lambda: create(pack_dir))
    for path in written:
        click.echo(said("term.wrote-file", "wrote {path}", path=display_path(path)))
    click.echo(said("term.new-next", "next: edit {file}, then run: studypack build {folder}", file=display_path(written[0]),
                    folder=display_path(pack_dir)))


@main.command()
@_PACK
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", shell_complete=layout_names, help="Layout name or a .yaml file.")
@click.option("--out", "out_root", type=click.Path(path_type=Path), default=None,
              help="Folder to write into (default: output/ in the workspace).")
@click.option("--interval", type=click.FloatRange(0.05, 10), default=0.5, show_default=True,
              help="Seconds between looks at the files, where the system cannot report saves.")
def watch(pack_dir: Path, layout_name: str | None, out_root: Path, interval: float) -> None:
    """Rebuild PACK_DIR every time you save; stop with Ctrl-C."""
    from studypack.commands.watch import watch as run_watch

    workspace = _workspace(pack_dir)
    _speak(workspace.settings.language)
    if out_root is None:
        out_root = workspace.output
    try:
        run_watch(pack_dir, layout_name, out_root, interval, echo=click.echo)
    except KeyboardInterrupt:
        click.echo(said("term.watch-stopped", "stopped watching; the last good PDFs are in place"))


@main.command()
@_PACK
@click.option("--sheet", "sheet_id", metavar="ID", help="Only this sheet (its id); default: the whole pack.")
@click.option("--page", type=click.IntRange(1), default=None, help="Only this page (from 1).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the PNGs (default: output/<pack>/preview).")
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", shell_complete=layout_names, help="Layout name or a .yaml file.")
@click.option("--dpi", type=click.IntRange(20, 600), default=100, show_default=True)
def preview(pack_dir: Path, sheet_id: str | None, page: int | None, out_dir: Path | None,
            layout_name: str | None, dpi: int) -> None:
    """Write PNG pictures of pages: for a quick look, or to paste into a learning platform."""
    from studypack.commands.preview import preview as run_preview

    _speak(_workspace(pack_dir).settings.language)
    _stop_on_terminate()
    for path in _guard(lambda: run_preview(pack_dir, sheet_id, page, out_dir, layout_name, dpi)):
        click.echo(said("term.wrote-file", "wrote {path}", path=display_path(path)))


@main.command()
@_PACK
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", shell_complete=layout_names, help="Layout to start with (the page can pick another).")
@click.option("--tier", type=click.Choice(["foundation", "higher"]), default=None, help="Tier to start with.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default lets only this computer see the page.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Processes to typeset with (default: all cores; one for a small pack).")
@click.option("--review", "review_dir", type=click.Path(path_type=Path), metavar="MARKED_DIR",
              help="Instead of a pack: the boxes a `studypack mark` left to you, to decide with a click "
                   "(see docs/marking.md); the class is marked again after each.")
def serve(pack_dir: Path, layout_name: str | None, tier: str | None, port: int, host: str, jobs: int | None,
          review_dir: Path | None) -> None:
    """Show PACK_DIR's pages in your browser, rebuilt a moment after every save; stop with Ctrl-C.

    The page lists errors and warnings (file:line) above the pages, picks a layout and tier,
    and makes class sets from a class list you choose. Needs the serve extra:
    pip install 'studypack[serve]' (from a checkout: pip install '.[serve]')."""
    from studypack.commands.serve import serve as run_serve

    _speak(_workspace(pack_dir if review_dir is None else Path(".")).settings.language)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(said("term.serve-open", "warning: listening on {host}: anyone who can reach this computer can see the "
                        "pack and make class sets", host=host), err=True)

    def ready(address: str) -> None:
        shown = said("term.serve-review", "the boxes to review in {folder}", folder=display_path(review_dir)) \
            if review_dir is not None else display_path(pack_dir)
        click.echo(said("term.serve-ready", "Serving {what} at {address}  (open it in your browser; stop with Ctrl-C)",
                        what=shown, address=address))

    def run() -> None:
        try:
            run_serve(pack_dir, layout_name, tier, host, port, jobs, echo=click.echo, ready=ready, review=review_dir)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (below): the temporary folder is gone by now
            pass

    _stop_on_terminate()
    _guard(run)
    click.echo(said("term.serve-stopped", "stopped serving") if review_dir is not None else
               said("term.serve-stopped-deleted", "stopped serving; uploaded class lists and class sets were deleted"))


def _check_roster(pack_dir: Path, roster_path: Path, layout_name: str | None, columns: str | None,
                  strict: bool = False) -> None:
    from studypack.app import batch
    from studypack.io import roster

    students, problems, warnings = _guard(
        lambda: batch.check(pack_dir, roster_path, layout_name, roster.parse_columns(columns)))
    for problem in problems:
        click.echo(str(problem), err=True)
    say = _say()
    classes = list(dict.fromkeys(s.group for s in students if s.group))
    shown = say("term.in-classes", len(classes), names=", ".join(classes[:8]) + (" …" if len(classes) > 8 else "")) if classes else ""
    click.echo(say("term.roster-ready", roster=display_path(roster_path), students=say("term.students", len(students)),
                   classes=shown, left_out=say("term.would-leave-out", len(problems)) if problems else ""))
    _show_warnings(warnings, strict)
    if problems or (strict and warnings):
        sys.exit(1)


@main.command("layouts")
def list_layouts() -> None:
    """List the layouts you can pass to --layout: shipped ones, then the workspace's own in layouts/."""
    from studypack.settings import layout as layouts

    workspace = _workspace(Path("."))
    _speak(workspace.settings.language)
    folder = workspace.layouts
    found = layouts.available(folder)
    shipped = set(layouts.shipped_names())
    width = max((len(name) for name in found), default=0) + 2
    for name in sorted(found, key=lambda n: (n != "default", n)):
        path = found[name]
        try:
            description = layouts.load(str(path), folder=folder).description
        except StudypackError as exc:
            description = said("term.layouts-broken", "(broken: {problem})", problem=exc.problems[0])
        if not layouts.is_shipped(path):
            description += said("term.layouts-yours-instead", "  [yours: {path}, instead of the shipped one]",
                                path=display_path(path)) if name in shipped else \
                said("term.layouts-yours", "  [yours: {path}]", path=display_path(path))
        click.echo(f"{name:<{width}}{description}")


@main.command("profiles")
def list_profiles() -> None:
    """List the board profiles a pack can name with `profile:`: shipped ones, then the workspace's own in profiles/."""
    from studypack.plan import profile as profiles

    folder = _workspace(Path(".")).profiles
    found = profiles.available(folder)
    width = max((len(name) for name in found), default=0) + 2
    for name in sorted(found):
        try:
            description = profiles.load(str(found[name]), folder=folder).profile.description
        except StudypackError as exc:
            description = f"(broken: {exc.problems[0]})"
        click.echo(f"{name:<{width}}{description}")


def _marks(pack, say) -> str:
    """The pack's marks for `check`: per tier when a tiered sheet makes the tiers' totals differ."""
    if any(sheet.tiered for sheet in pack.sheets):
        return say("term.marks-tiers", pack.total_for("foundation"), higher=pack.total_for("higher"))
    return say("term.marks", pack.total)


@main.command()
@click.argument("scans", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--map", "map_path", type=click.Path(path_type=Path), metavar="FILE",
              help="The class set's marking-map.json (default: the one beside the first scan).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), metavar="DIR",
              help="Where marks.csv, review.csv, item-analysis.csv, pages.csv and review/ go (default: marked/ beside the map).")
@click.option("--roster", "roster_path", type=click.Path(path_type=Path), metavar="FILE",
              help="The class list (CSV or .xlsx): marks.csv names and orders the students as it does, and "
                   "absent.csv lists who has no page scanned and who is on one list and not the other.")
@click.option("--layout", "layout_name", metavar="NAME_OR_PATH", shell_complete=layout_names,
              help="The layout item-analysis.pdf is set in (a shipped layout's name or a layout file; default: default).")
@click.option("--force", is_flag=True, help="Replace the files of an earlier marking in --out.")
def mark(scans: tuple[Path, ...], map_path: Path | None, out_dir: Path | None, roster_path: Path | None,
         layout_name: str | None, force: bool) -> None:
    """Mark the scanned copies of a class set built with --marking.

    SCANS are the scanner's PDFs or photos (JPEG, PNG, TIFF) or folders of them, in any
    order. Needs pip install 'studypack[mark]' (from a checkout: pip install '.[mark]').
    Exit status: 0 every page read and every question marked, 1 written with questions or
    pages for the teacher to review, 2 errors."""
    def run():
        from studypack.mark import entry  # lazy: numpy and zxing-cpp only for this command
        return entry.mark(list(scans), map_path, out_dir, force, roster_path, layout_name)

    _speak(_workspace(Path(".")).settings.language)
    summary = _guard(run)
    say = _say()
    for warning in summary.warnings:
        click.echo(say("term.warning", warning=warning), err=True)
    files = ", ".join(dict.fromkeys(name.split("/")[0] + ("/" if "/" in name else "")
                                    for name in summary.written if not name.endswith(".json")))
    click.echo(say("term.marked", summary.copies, pages=summary.pages, folder=f"{display_path(summary.out)}/", files=files))
    if summary.absent:
        click.echo(say("term.absent", summary.absent))
    if summary.unidentified:
        click.echo(say("term.unidentified", summary.unidentified))
    if summary.to_review:
        click.echo(say("term.to-review", summary.to_review))
    if summary.unidentified or summary.to_review or summary.absent:
        sys.exit(EXIT_WARNINGS)
