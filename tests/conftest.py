"""Shared fixtures: the example pack built once, and helpers to read PDFs back."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from studypack.app.build import build
from studypack.content.validate import load_pack

# Every command a test runs in a new process runs there, as it always did: none hands its
# work to a resident server (tests/test_resident.py turns it on for itself).
os.environ["STUDYPACK_RESIDENT"] = "0"
# The terminal speaks the environment's language, else the workspace's (docs/languages.md): the
# tests read its lines as the docs show them, so they run in a locale that names no language,
# whatever the machine's (a test that wants one sets it).
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sources" / "show-trials"


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace collapsed, as a reader would quote it."""
    reader = PdfReader(str(path))
    return squash(" ".join(page.extract_text() or "" for page in reader.pages))


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def build_written(tmp_path: Path, name: str, pack_yaml: str, *arguments: str):
    """`pack_yaml` written as tmp_path/name/pack.yaml and built with `arguments` into tmp_path/out:
    the command's result and the pack's output folder."""
    from click.testing import CliRunner

    from studypack.commands.cli import main

    pack = tmp_path / name
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(pack), *arguments, "--out", str(tmp_path / "out")])
    return result, tmp_path / "out" / name


def tool(name: str):
    """A script of tools/ as a module (`tool("pagelog").page_log(pdf)`), loaded once."""
    import importlib.util
    import sys

    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def soffice_or_skip() -> str:
    """LibreOffice's program, to open Word files as a teacher's office suite does; CI installs it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: .ci/run installs libreoffice-writer")
        pytest.skip("LibreOffice (soffice) is not installed")
    return soffice


def axe_or_skip() -> str:
    """axe-core's script (axe.min.js), which checks a page against WCAG in the browser: from the
    npm registry into a folder outside the repository, named by STUDYPACK_AXE; CI installs it."""
    path = os.environ.get("STUDYPACK_AXE", "")
    if not path or not Path(path).is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: .ci/run installs it with npm and sets STUDYPACK_AXE to its axe.min.js")
        pytest.skip("axe-core is not installed (npm install axe-core; STUDYPACK_AXE=…/node_modules/axe-core/axe.min.js)")
    return Path(path).read_text(encoding="utf-8")


def squash(value: str) -> str:
    """Whitespace collapsed (no-break spaces too) and typographic quotes straight, so the
    pack's words match what the PDF prints ("Stalin's" in the YAML, "Stalin’s" on paper)."""
    return re.sub(r"\s+", " ", value).strip().translate(_STRAIGHT)


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):
    """The user cache folder (unpacked fonts, typeset PDFs) is a temporary one, never the real one."""
    base = tmp_path_factory.mktemp("xdg-cache")
    (base / "studypack" / "fonts").mkdir(parents=True)
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(base)
    yield base
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _test_cache(_session_cache, tmp_path_factory, monkeypatch):
    """Each test starts with an empty cache of typeset PDFs. The unpacked fonts are shared:
    linked in as hard links (a symbolic link in the cache is never followed), and those a
    test unpacked are linked back for the next. A cache file is replaced whole, never
    written in place, so a link never carries one test's change into another's; a test
    that damages font files on purpose gives itself a fresh cache folder."""
    base = tmp_path_factory.mktemp("xdg")
    shared = _session_cache / "studypack" / "fonts"
    fonts = base / "studypack" / "fonts"
    fonts.mkdir(parents=True)
    _link_files(shared, fonts)
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    yield base / "studypack"
    _link_files(fonts, shared)


def _link_files(source, target):
    """Each plain file of `source` that `target` lacks, as a hard link (a copy if none can be made)."""
    if not source.is_dir() or source.is_symlink():
        return
    for path in source.iterdir():
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".") and not (target / path.name).exists():
            try:
                os.link(path, target / path.name)
            except OSError:
                try:
                    shutil.copyfile(path, target / path.name)
                except OSError:
                    pass


@pytest.fixture(scope="session")
def example():
    return load_pack(EXAMPLE)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = build(EXAMPLE, None, out)
    return out / "show-trials", result


@pytest.fixture
def pack_copy(tmp_path):
    """A throwaway copy of the example pack to break on purpose."""
    target = tmp_path / "show-trials"
    shutil.copytree(EXAMPLE, target)
    return target


_BUILT: dict[str, Path] = {}


@pytest.fixture
def shipped(tmp_path_factory):
    """Build the example pack under a shipped layout once per test session."""

    def get(name: str) -> Path:
        if name not in _BUILT:
            out = tmp_path_factory.mktemp(name)
            result = build(EXAMPLE, name, out)
            _BUILT[name] = result.written[0].path.parent  # out/show-trials-<layout>
        return _BUILT[name]

    return get


def built_papers(tmp_path_factory, examples) -> dict[str, Path]:
    """Example board papers (examples/papers/NAME) built with --strict into one folder, as the
    command builds them: {example: its output folder}."""
    from click.testing import CliRunner

    from studypack.commands.cli import main

    out = tmp_path_factory.mktemp("papers")
    for example in examples:
        result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "papers" / example), "--out", str(out), "--strict"])
        assert result.exit_code == 0, result.output + result.stderr
    return {example: out / example for example in examples}


def page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def text_runs(path: Path, page_number: int | None = None):
    """Each text-showing operation of a PDF's pages (or of one page, counted from 0): (its page,
    counted from 1; the font's base name, or its resource name if none; size; text rendering
    mode; line width; the text shown; the baseline's y), read from the content streams."""
    from pypdf.generic import ContentStream

    reader = PdfReader(str(path))
    numbers = range(len(reader.pages)) if page_number is None else [page_number]
    for index in numbers:
        page = reader.pages[index]
        fonts = {name: str(font.get_object()["/BaseFont"]) for name, font in page["/Resources"]["/Font"].items()}
        width, stack, mode, font, size, y = 1.0, [], 0, "", 0.0, 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(width)
            elif operator == b"Q":
                width = stack.pop()
            elif operator == b"w":
                width = float(operands[0])
            elif operator == b"BT":
                mode = 0
            elif operator == b"Tr":
                mode = int(operands[0])
            elif operator == b"Tf":
                font, size = fonts.get(operands[0], str(operands[0])), float(operands[1])
            elif operator == b"Tm":
                y = float(operands[5])
            elif operator in (b"Tj", b"TJ"):
                yield index + 1, font, size, mode, width, operands[0], y
