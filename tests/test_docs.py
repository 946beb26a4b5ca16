"""Docs that cannot lie: every shell command in README.md and docs/*.md runs as written, in a
scratch copy of the example workspace, and prints what the page says it prints.

The convention (also in ARCHITECTURE.md, "Docs that run"):

- A fenced block tagged `sh` holds commands, one a line (`# comments` allowed); each runs and
  must exit 0. A block tagged `console` is a transcript: `$ ` lines are commands, the lines
  under one are what it prints (stdout and stderr as a terminal shows them), compared whole;
  a line `…` stands for any lines, `…` inside a line for any text, and times and file sizes
  (`in 1.31 s`, `43 KB`) and how many PDFs came from the cache are not compared.
- HTML comments right above a fence say more: `<!-- file: PATH -->` makes the block the file
  PATH of the scratch workspace, written where the page gives it (commands above it run
  without it, as they would for a reader going down the page);
  `<!-- usage -->` marks a synopsis with placeholders, checked for form only;
  `<!-- exit: N -->` expects exit status N from the block's commands.
- Substitutions, the only ones: `pip install` is checked for form (`.` or `.[extras]` with
  extras the project has), not run; `python -m pytest` is this suite and is not run again;
  `python tools/…` and `benchmarks/…` are checked to exist; `watch` and `serve` are started,
  awaited until they report a build or an address, and stopped with Ctrl-C (`serve` on
  `--port 0`, a free port); `eval "$(…)"` runs the command inside, `NAME=value` before a
  command is its environment, and output sent `> FILE` is checked to be there, not written.
- A block with no tag, or `text`, is shown as it is and not run, so it must not hold a line
  that starts with `studypack `: such a line fails here until it is tagged `sh` or `console`.
  Inline `studypack …` and `pip install …` in the prose are checked for form: the command and
  its options exist.

Files and commands come in the page's order, in one scratch workspace per page; later commands reuse
earlier builds (and the typeset-document cache), which keeps this test to about a minute.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import ROOT
from studypack.commands.cli import main

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
WORKSPACE = ("sources", "layouts", "examples", "studypack.yaml")  # the example workspace (profiles ship in the package)
EXTRAS = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])
RUN = ("sh", "console")
_FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
_MARKER = re.compile(r"^\s*<!--\s*(file|usage|exit)(?::\s*(.*?))?\s*-->\s*$")


@dataclass
class Block:
    doc: Path
    line: int  # 1-based line of the block's first content line
    lang: str
    lines: list[str]
    markers: dict[str, str] = field(default_factory=dict)

    def where(self, offset: int = 0) -> str:
        name = self.doc.relative_to(ROOT) if self.doc.is_relative_to(ROOT) else self.doc.name
        return f"{name}:{self.line + offset}"


@dataclass
class Step:
    where: str
    command: str
    expected: list[str] | None  # the printed lines the page shows, or None when it shows none
    exit: int = 0


def blocks(doc: Path) -> list[Block]:
    """Every fenced block of a page, with the markers in the comment lines right above it."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        markers, j = {}, i - 1
        while j >= 0 and lines[j].lstrip().startswith("<!--"):  # other tests' markers may sit among them
            if marker := _MARKER.match(lines[j]):
                markers[marker.group(1)] = marker.group(2) or ""
            j -= 1
        indent, start, body = fence.group(1), i + 1, []
        i += 1
        while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        found.append(Block(doc, start + 1, fence.group(2), body, markers))
        i += 1
    return found


def steps(block: Block) -> list[Step]:
    exit_status = int(block.markers.get("exit") or 0)
    found: list[Step] = []
    for offset, line in enumerate(block.lines):
        if block.lang == "sh":
            command = line.split("  #", 1)[0].strip()
            if command and not command.startswith("#"):
                found.append(Step(block.where(offset), command, None, exit_status))
        elif line.startswith("$ "):
            found.append(Step(block.where(offset), line[2:].strip(), [], exit_status))
        elif found:
            found[-1].expected.append(line)
        elif line.strip():
            raise AssertionError(f"{block.where(offset)}: output before the first `$ ` command")
    return found


def _doc_ids() -> list[str]:
    return [str(doc.relative_to(ROOT)) for doc in DOCS]


FIRST_STEPS = {"README.md", "docs/index.md"}  # what a new reader runs first: in the fast suite


def _doc_runs() -> list:
    """Every page; all but the first steps run with the slow tests (whole class sets, every
    export: about two minutes of the fast suite's four)."""
    return [doc if doc in FIRST_STEPS else pytest.param(doc, marks=pytest.mark.slow) for doc in _doc_ids()]


# ---------------------------------------------------------------- form checks


def _subcommand(args: list[str], where: str) -> click.Command:
    command: click.Command = main
    for word in args:
        if not isinstance(command, click.Group) or word.startswith("-"):
            break
        assert word in command.commands, f"{where}: `studypack {' '.join(args)}`: no command '{word}'"
        command = command.commands[word]
    return command


def check_form(command: str, where: str) -> None:
    """A command with placeholders (PACK_DIR, [--layout NAME]): its program, subcommand,
    options and choice values exist; nothing runs."""
    words = command.replace("[", " ").replace("]", " ").split()
    if words[:2] == ["pip", "install"]:
        for spec in shlex.split(command)[2:]:
            check_pip(spec, where)
        return
    assert words[0] == "studypack", f"{where}: `{command}`: not a studypack command"
    sub = _subcommand(words[1:], where)
    options = {name: param for param in sub.params for name in (*param.opts, *param.secondary_opts)}
    for i, word in enumerate(words):
        if not word.startswith("--"):
            continue
        name = word.split("=", 1)[0]
        assert name in options or name == "--help", f"{where}: `{command}`: {sub.name} has no option {name}"
        param = options.get(name)
        value = words[i + 1] if i + 1 < len(words) and "=" not in word else None
        if isinstance(getattr(param, "type", None), click.Choice) and value and re.fullmatch(r"[a-z0-9|-]+", value):
            for choice in value.split("|"):
                assert choice in param.type.choices, f"{where}: `{command}`: {name} takes {param.type.choices}, not {choice}"


def check_pip(spec: str, where: str) -> None:
    """`pip install` from the project folder: `.` or `.[extra,…]` with extras it has (the
    package is not on PyPI, so `studypack[…]` would not install)."""
    match = re.fullmatch(r"\.(?:\[([a-z,]+)\])?", spec)
    assert match, f"{where}: `pip install {spec}`: install from the project folder: `pip install .` or `'.[extra]'`"
    unknown = set((match.group(1) or "").split(",")) - EXTRAS - {""}
    assert not unknown, f"{where}: `pip install {spec}`: no extra {sorted(unknown)} (extras: {sorted(EXTRAS)})"


# ---------------------------------------------------------------- running


_VARIES = [(re.compile(r" \(\d+ typeset, \d+ unchanged from the cache\)"), ""),  # depends on earlier builds
           (re.compile(r"\b\d+(?:\.\d+)? s\b"), "<seconds> s"),
           (re.compile(r"\b\d+(?:\.\d+)? (?:B|KB|MB|GB)\b"), "<size>")]


def _normal(text: str) -> str:
    for pattern, replacement in _VARIES:
        text = pattern.sub(replacement, text)
    return text.rstrip()


def matches(expected: list[str], printed: str) -> bool:
    """The page's lines against the printed ones: whole, with `…` for what the page leaves out."""
    pattern = ""
    for line in expected:
        if line.strip() == "…":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += ".*?".join(re.escape(part) for part in _normal(line).split("…")) + r"\n"
    text = "".join(_normal(line) + "\n" for line in printed.splitlines())
    return re.fullmatch(pattern, text) is not None


def run_long(args: list[str], cwd: Path, where: str) -> str:
    """`watch` or `serve`: start it, wait for its first report, then Ctrl-C."""
    if args[0] == "serve":
        args = [a for i, a in enumerate(args) if a != "--port" and (i == 0 or args[i - 1] != "--port")] + ["--port", "0"]
    ready = "built" if args[0] == "watch" else "Serving"
    process = subprocess.Popen([sys.executable, "-m", "studypack", *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        while not any(ready in line for line in lines):
            line = process.stdout.readline()
            assert line, f"{where}: `studypack {' '.join(args)}` ended before it was ready: {''.join(lines)}"
            lines.append(line)
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    printed = "".join(lines) + rest
    assert process.returncode == 0, f"{where}: `studypack {' '.join(args)}` exited {process.returncode}:\n{printed}"
    return printed


def run(step: Step, cwd: Path) -> Path:
    """Run one step (each part of `a && b`) in the scratch workspace; returns the folder the next runs in."""
    for part in step.command.split("&&"):
        args = shlex.split(part, comments=True)
        if args[0] == "eval":  # eval "$(command)": the command, whose output the shell reads
            args = shlex.split(args[1].removeprefix("$(").removesuffix(")"))
        env = {}
        while "=" in args[0] and not args[0].startswith("-"):  # NAME=value command
            name, value = args.pop(0).split("=", 1)
            env[name] = value
        if ">" in args:  # the output goes to a file of the user's: it is checked, not written
            args = args[:args.index(">")]
        program = args[0]
        if program == "pip":
            assert args[1] == "install", f"{step.where}: `{part.strip()}`: only `pip install` is documented"
            for spec in args[2:]:
                check_pip(spec, step.where)
        elif program == "python" and args[1:3] == ["-m", "pytest"]:
            pass  # this suite: running it from inside itself would never end
        elif program == "python":
            assert (ROOT / args[1]).is_file(), f"{step.where}: `{part.strip()}`: no file {args[1]}"
        elif program == "cd":
            cwd = cwd / args[1]
            assert cwd.is_dir(), f"{step.where}: `{part.strip()}`: no folder {args[1]}"
        elif program == "studypack" and args[1:2] in (["watch"], ["serve"]):
            printed = run_long(args[1:], cwd, step.where)
            _compare(step, printed)
        elif program == "studypack":
            old = os.getcwd()
            os.chdir(cwd)
            try:
                result = CliRunner().invoke(main, args[1:], prog_name="studypack", env=env)
            finally:
                os.chdir(old)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                f"{step.where}: `{step.command}` raised {result.exception!r}")
            assert result.exit_code == step.exit, (
                f"{step.where}: `{step.command}` exited {result.exit_code}, the page expects {step.exit}:\n{result.output}")
            _compare(step, result.output)
            assert not env or result.output.strip(), f"{step.where}: `{step.command}` printed nothing"
        else:
            raise AssertionError(f"{step.where}: `{part.strip()}`: no rule for running '{program}' (see this test's docstring)")
    return cwd


def _compare(step: Step, printed: str) -> None:
    if step.expected is not None:
        shown = "\n".join(step.expected)
        assert matches(step.expected, printed), (
            f"{step.where}: `{step.command}` printed\n{printed}\nbut the page shows\n{shown}")


@pytest.fixture(scope="module")
def _shared_cache(tmp_path_factory, _session_cache):
    """One cache of typeset PDFs for every page, so a pack built by one page is not typeset
    again by the next (the unpacked fonts are the session's)."""
    base = tmp_path_factory.mktemp("docs-cache")
    (base / "studypack").mkdir()
    # copied, not linked: the cache refuses a linked entry (it could lead anywhere), with a note
    shutil.copytree(_session_cache / "studypack" / "fonts", base / "studypack" / "fonts")
    return base


@pytest.fixture
def scratch(tmp_path, _shared_cache, _test_cache, monkeypatch):
    """A copy of the example workspace (its packs, layouts, rosters and studypack.yaml)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache))
    for name in WORKSPACE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("doc", _doc_runs())
def test_every_command_runs_as_the_page_says(doc, scratch):
    """Top to bottom, as a reader would: a file exists from the block that gives it on, so a
    command that uses a file the page only gives later fails here as it would for the reader."""
    for block in blocks(ROOT / doc):
        if "file" in block.markers:
            target = scratch / block.markers["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(block.lines) + "\n", encoding="utf-8")
        if block.lang not in RUN or "file" in block.markers:
            continue
        for step in steps(block):
            if "usage" in block.markers:
                check_form(step.command, step.where)
            else:
                run(step, scratch)


@pytest.mark.parametrize("doc", _doc_ids())
def test_commands_are_in_tagged_blocks(doc):
    """An untagged block holding a command would escape this test: tag it `sh` or `console`."""
    for block in blocks(ROOT / doc):
        if block.lang in RUN:
            continue
        for offset, line in enumerate(block.lines):
            assert not re.match(r"\s*(\$ )?(studypack|pip install) ", line), (
                f"{block.where(offset)}: `{line.strip()}` is in a block tagged '{block.lang}': "
                "tag it `sh` (run), `console` (run and compare) or mark it <!-- usage -->")


@pytest.mark.parametrize("doc", _doc_ids())
def test_inline_commands_exist(doc):
    """`studypack …` and `pip install …` in the prose: the command, its options and values exist."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    fenced = re.sub(r"```.*?```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for number, line in enumerate(fenced.splitlines(), 1):
        for span in re.findall(r"`((?:studypack|pip install) [^`]*)`", line):
            check_form(span, f"{doc}:{number}")


def test_the_reader_catches_a_lie(tmp_path):
    """The comparison fails on a wrong count, and passes over times, sizes and `…`."""
    printed = "wrote output/a/x.pdf  (2 pages, 43 KB)\n6 PDFs, 16 pages in 1.82 s\n"
    assert matches(["wrote output/a/x.pdf  (2 pages, 40 KB)", "6 PDFs, 16 pages in 0.33 s"], printed)
    assert matches(["…", "6 PDFs, 16 pages in 0.3 s"], printed)
    assert matches(["wrote output/a/… (2 pages, 43 KB)", "…"], printed)
    assert not matches(["wrote output/a/x.pdf  (2 pages, 43 KB)", "5 PDFs, 13 pages in 0.33 s"], printed)
    assert not matches(["6 PDFs, 16 pages in 1.82 s"], printed)
    doc = tmp_path / "page.md"
    doc.write_text("<!-- exit: 1 -->\n```console\n$ studypack check x\nx: ok\n```\n\n```\nstudypack build\n```\n",
                   encoding="utf-8")
    found = blocks(doc)
    assert [(b.lang, b.line, b.markers) for b in found] == [("console", 3, {"exit": "1"}), ("", 8, {})]
    assert steps(found[0])[0].expected == ["x: ok"] and steps(found[0])[0].exit == 1
    with pytest.raises(AssertionError, match="no option --colour"):
        check_form("studypack build PACK [--colour red]", "page.md:1")
    with pytest.raises(AssertionError, match="not grey"):
        check_form("studypack build PACK --tier grey|higher", "page.md:1")
    with pytest.raises(AssertionError, match="project folder"):
        check_pip("studypack[rtl]", "page.md:1")
