"""The bad-input corpus: every folder in tests/bad_inputs/ is one thing a user can get wrong.

Each case folder holds the smallest files that show the mistake, `expected.txt` with the
exact lines studypack must print on stderr (`{here}` stands for the case folder), and
optionally `args.txt` (default: `build .`). The case is copied to a temporary folder,
which also holds the output of an earlier good build, and the CLI is run from there.
Every case must: print exactly the expected lines, exit with status 2, show no
traceback, and leave every file (the earlier output included) as it was. How long each
case takes is measured by benchmarks/bench_limits.py, never asserted here.

Large or binary fixtures (pictures, a 2 MB text, symlinks) are made by GENERATORS below
rather than committed.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.base import limits
from studypack.commands.cli import main

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.txt").is_file())


def _png(folder: Path, name: str, size: tuple[int, int], mode: str = "RGB") -> None:
    from PIL import Image

    Image.new(mode, size, "white" if mode != "1" else 1).save(folder / name, "PNG")


def _truncated_jpeg(folder: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    (folder / "picture.png").write_bytes(data[: len(data) // 2])


def _huge_file(folder: Path) -> None:
    filler = "# " + "x" * 98 + "\n"
    (folder / "pack.yaml").write_text((CORPUS / "file-too-large" / "pack.yaml").read_text() + filler * 50_000)


def _long_source(folder: Path) -> None:
    words = ("The accused confessed to every charge read out in court, and the hall was silent. " * 25_000)[:2_000_000]
    text = (CORPUS / "source-text-2mb" / "pack.yaml").read_text()
    (folder / "pack.yaml").write_text(text.replace("LONG TEXT", words))


def _symlink(target_name: str, link_name: str):
    def make(folder: Path) -> None:
        outside = folder.parent / f"outside-{target_name}"
        if target_name.endswith(".png"):
            _png(folder.parent, f"outside-{target_name}", (10, 10))
        else:
            outside.write_text("title: Secret\n")
        (folder / link_name).symlink_to(outside)
    return make


def _profile_symlink(folder: Path) -> None:
    """The pack's own profiles/board.yaml, a link to a board profile elsewhere on the disk."""
    (folder.parent / "outside-board.yaml").write_text("extends: eduqas-gcse-history-depth-study\n")
    (folder / "profiles").mkdir()
    (folder / "profiles" / "board.yaml").symlink_to(folder.parent / "outside-board.yaml")


def _folder_where_a_pdf_goes(folder: Path) -> None:
    blocker = folder / "output" / folder.name / "answer-key.pdf"
    blocker.mkdir(parents=True)
    (blocker / "notes.txt").write_text("a teacher's own notes\n")


def _large_roster(folder: Path) -> None:
    rows = ["First name,Surname", *(f"Student{i},Number{i}" for i in range(limits.ROSTER_STUDENTS + 3))]
    (folder / "class.csv").write_text("\n".join(rows) + "\n")


def _outside(name: str):
    """A file next to the case folder, on the teacher's disk but outside the pack."""
    def make(folder: Path) -> None:
        if name.endswith(".png"):
            _png(folder.parent, name, (60, 20))
        else:
            (folder.parent / name).write_text("extends: default\nbranding:\n  school: Private\n")
    return make


def _many_long_questions(folder: Path) -> None:
    with (folder / "pack.yaml").open("a") as handle:
        handle.write("      - *long\n" * 899)


def _amplified_prompt(folder: Path) -> None:
    """A 95,000-character prompt, anchored once and aliased in 1,000 questions (a 100 KB file)."""
    pack = folder / "pack.yaml"
    text = pack.read_text().replace("LONG TEXT", "Explain why. " * 7_300)
    question = "      - {kind: short, prompt: *long, marks: 2, answer: Anything.}\n"
    pack.write_text(text + question * 1_000)


def _linked_workspace_file(folder: Path) -> None:
    """studypack.yaml, a link to settings elsewhere on the disk that would send the PDFs away."""
    (folder.parent / "outside-studypack.yaml").write_text("output: ../inbox-elsewhere\n")
    (folder / "studypack.yaml").symlink_to(folder.parent / "outside-studypack.yaml")


def _linked_workspace_layout(folder: Path) -> None:
    _outside("outside-layout.yaml")(folder)
    (folder / "layouts").mkdir()
    (folder / "layouts" / "ours.yaml").symlink_to(folder.parent / "outside-layout.yaml")


def _long_setting(key: str, size: int):
    def make(folder: Path) -> None:
        (folder / "studypack.yaml").write_text(f"{key}: {'Hillside ' * (size // 9)}\n".replace(": Hillside", ":\n  name: Hillside")
                                               if key == "school" else f"{key}: {'x' * size}\n")
    return make


def _profile_chain(folder: Path) -> None:
    """1,500 workspace profiles, each extending the next (a recursion of 1,500 files once)."""
    profiles = folder / "profiles"
    profiles.mkdir()
    for i in range(1, 1501):
        parent = f"step-{i + 1}" if i < 1500 else "eduqas-gcse-history-depth-study"
        (profiles / f"step-{i}.yaml").write_text(f"extends: {parent}\n")


def _long_cell(folder: Path) -> None:
    """A class list whose third line holds one cell of 300,000 letters (over the csv module's limit)."""
    (folder / "class.csv").write_text("First name,Surname\nAnna,Smith\nBen," + "x" * 300_000 + "\n")


GENERATORS = {
    "image-8000x8000": lambda folder: _png(folder, "picture.png", (8000, 8000), "1"),
    "image-truncated": _truncated_jpeg,
    "file-too-large": _huge_file,
    "source-text-2mb": _long_source,
    "include-symlink-leaves-pack": _symlink("secret.yaml", "more.yaml"),
    "image-symlink-leaves-pack": _symlink("picture.png", "picture.png"),
    "output-pdf-is-a-folder": _folder_where_a_pdf_goes,
    "roster-too-many-students": _large_roster,
    "pack-layout-logo-leaves-pack": _outside("outside-logo.png"),
    "pages-over-the-limit": _many_long_questions,
    "pages-over-the-limit-in-check": _many_long_questions,
    "yaml-alias-amplifies-text": _amplified_prompt,
    "pack-layout-extends-leaves-pack": _outside("outside-layout.yaml"),
    "pack-profile-symlink-leaves-pack": _profile_symlink,
    "pack-layout-logo-symlink-leaves-pack": _symlink("logo.png", "crest.png"),
    "workspace-yaml-layout-leaves-workspace": _outside("outside-layout.yaml"),
    "workspace-yaml-logo-leaves-workspace": _outside("outside-logo.png"),
    "workspace-yaml-logo-symlink-leaves-workspace": _symlink("logo.png", "crest.png"),
    "workspace-yaml-is-a-link-outside": _linked_workspace_file,
    "workspace-yaml-school-name-100k-characters": _long_setting("school", 100_000),
    "workspace-yaml-output-5000-characters": _long_setting("output", 5_000),
    "workspace-layout-extends-leaves-workspace": _outside("outside-layout.yaml"),
    "workspace-layout-symlink-leaves-workspace": _linked_workspace_layout,
    "workspace-profiles-chain-of-1500": _profile_chain,
    "roster-one-cell-of-300k-characters": _long_cell,
}


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and symlink under folder, with its content, as a comparable value."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = "<folder>"
    return found


def run_case(name: str, tmp_path: Path):
    here = tmp_path / name
    shutil.copytree(CORPUS / name, here, symlinks=True)
    (here / "expected.txt").unlink(missing_ok=True)
    args = shlex.split((here / "args.txt").read_text()) if (here / "args.txt").exists() else ["build", "."]
    (here / "args.txt").unlink(missing_ok=True)
    if name in GENERATORS:
        GENERATORS[name](here)
    earlier = here / "output" / name  # the PDFs of an earlier, good build
    earlier.mkdir(parents=True, exist_ok=True)
    (earlier / "pack.pdf").write_bytes(b"%PDF-1.4 the last good build\n")
    (earlier / ".studypack-built").write_text("pack.pdf\n")
    before = snapshot(tmp_path)
    old = os.getcwd()
    os.chdir(here)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    return here, result, before


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, tmp_path):
    here, result, before = run_case(name, tmp_path)
    expected = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").replace("{here}", str(here)).splitlines()
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.splitlines() == expected, result.stderr
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert snapshot(tmp_path) == before, "a failed build changed files"


# Words of the YAML parser that mean nothing to a teacher: a message must say what to type.
JARGON = ("scalar", "indicator", "mapping", "block collection", "block end", "while parsing", "while scanning",
          "token", "node", "anchor", "alias", "flow sequence", "flow mapping", "document start", "YAML syntax error")


@pytest.mark.parametrize("name", CASES)
def test_messages_use_plain_words(name):
    text = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").lower()
    assert not [word for word in JARGON if word.lower() in text]


@pytest.mark.parametrize("name", [n for n in CASES if "yaml" in n and n not in GENERATORS])
def test_yaml_messages_are_the_same_without_libyaml(name, tmp_path, monkeypatch):
    """A school laptop may have PyYAML without its C part: the pure-Python parser words its
    errors differently, and the teacher must still read the same message on the same line."""
    import yaml

    from studypack.io import yamlio

    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    here, result, _ = run_case(name, tmp_path)
    expected = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").replace("{here}", str(here)).splitlines()
    assert result.stderr.splitlines() == expected


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    for name in CASES:
        lines = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
        assert lines, f"{name}: expected.txt is empty"


def test_alias_bomb_is_refused_with_little_memory(tmp_path):
    """The time it takes is measured by benchmarks/bench_limits.py, not asserted here."""
    import tracemalloc

    from studypack.io import yamlio
    from studypack.base.errors import StudypackError

    tracemalloc.start()
    try:
        with pytest.raises(StudypackError, match="expands to more than"):
            yamlio.load(CORPUS / "yaml-alias-bomb" / "pack.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, peak


@pytest.mark.parametrize("name", ["yaml-python-tag", "image-truncated", "layout-template-python-internals"])
def test_bad_input_in_a_real_process(name, tmp_path):
    """The same cases through `python -m studypack`: the exit status and stderr a shell sees."""
    import subprocess
    import sys

    here = tmp_path / name
    shutil.copytree(CORPUS / name, here, symlinks=True)
    if name in GENERATORS:
        GENERATORS[name](here)
    args = shlex.split((here / "args.txt").read_text()) if (here / "args.txt").exists() else ["build", "."]
    done = subprocess.run([sys.executable, "-m", "studypack", *args], cwd=here, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "STUDYPACK_DEBUG": ""})
    assert done.returncode == 2
    assert done.stderr.splitlines() == (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert not (here / "output").exists()
