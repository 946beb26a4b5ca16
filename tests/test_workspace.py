"""Everyday use: each build its own folder, warnings a teacher can accept, a workspace found
from the pack rather than from wherever the shell is."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

ANNA = ROOT / "sources" / "show-trials-anna"


def run(args, cwd):
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.pdf"))}


# ---------------------------------------------------------------- each build its own folder

def test_default_layout_and_tier_builds_leave_three_complete_folders(tmp_path):
    builds = {"show-trials-anna": [], "show-trials-anna-large-print-18": ["--layout", "large-print-18"],
              "show-trials-anna-foundation": ["--tier", "foundation"]}
    first = {}
    for folder, extra in builds.items():
        done = run(["build", str(ANNA), "--out", "out", *extra], tmp_path)
        assert done.returncode == 0, done.stderr
        assert f"wrote out/{folder}/pack.pdf" in done.stdout
        first[folder] = digests(tmp_path / "out" / folder)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(builds)
    for folder in builds:  # no later build replaced or removed an earlier one's PDFs
        assert digests(tmp_path / "out" / folder) == first[folder]
        assert {"pack.pdf", "answer-key.pdf", "anna-warm-up.pdf"} <= set(first[folder])
    large, default = first["show-trials-anna-large-print-18"], first["show-trials-anna"]
    assert large["pack.pdf"] != default["pack.pdf"]
    # complete: every PDF a build of that layout alone gives, byte for byte (the golden manifest)
    for layout, folder in [("default", "show-trials-anna"), ("large-print-18", "show-trials-anna-large-print-18")]:
        assert first[folder] == _golden(f"show-trials-anna@{layout}/{folder}/")
    assert set(first["show-trials-anna-foundation"]) == set(default)


def _golden(prefix: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / "tests" / "golden" / "sha256.txt").read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        if path.startswith(prefix) and "/" not in path[len(prefix):]:
            found[path[len(prefix):]] = digest
    assert found, prefix
    return found


def test_naming_the_default_layout_builds_into_the_default_folder(tmp_path):
    done = run(["build", str(ANNA), "--out", "out", "--layout", "default", "--tier", "higher"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["show-trials-anna-higher"]


def test_a_layout_file_names_the_folder_by_its_name(tmp_path):
    (tmp_path / "big.yaml").write_text("extends: large-print-18\ndescription: ours\n", encoding="utf-8")
    done = run(["build", str(ANNA), "--out", "out", "--layout", "big.yaml"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "show-trials-anna-big" / "pack.pdf").is_file()


# ---------------------------------------------------------------- accepted warnings

def _pack_with(tmp_path, accept: str = "") -> Path:
    pack = tmp_path / "sources" / "tiny"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "title: Tiny\nsubject: History\nlevel: Year 9\n"
        "glossary:\n  purge: getting rid of people\n"
        + accept +
        "sheets:\n  - id: one\n    kind: worksheet\n    title: One\n    questions:\n"
        "      - id: why\n        kind: short\n        prompt: Why?\n        marks: 2\n        answer: Because.\n",
        encoding="utf-8")
    return pack


def test_an_unaccepted_warning_fails_check_and_build_strict_alike(tmp_path):
    pack = _pack_with(tmp_path)
    check = run(["check", str(pack), "--strict"], tmp_path)
    assert check.returncode == 1
    assert "glossary word 'purge' is not used" in check.stderr
    build = run(["build", str(pack), "--strict", "--out", "out"], tmp_path)
    assert build.returncode == 2
    assert "glossary word 'purge' is not used" in build.stderr
    assert not (tmp_path / "out").exists()


def test_check_strict_and_build_strict_judge_the_same_warnings(tmp_path):
    """Lint, a character the fonts lack and a control character removed: `check --strict`
    lists the same warnings that stop `build --strict` (issue 14)."""
    pack = _pack_with(tmp_path)
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(text.replace("title: Tiny", "title: Tiny \U0001F4DA\x0b pack"), encoding="utf-8")
    check = run(["check", str(pack), "--strict"], tmp_path)
    build = run(["build", str(pack), "--strict", "--out", "out"], tmp_path)
    assert (check.returncode, build.returncode) == (1, 2)
    warned = [line.removeprefix("warning: ") for line in check.stderr.splitlines() if line.startswith("warning: ")]
    stopped = [line for line in build.stderr.splitlines() if line.startswith("sources/")]
    assert len(warned) == 3 and warned == stopped, (check.stderr, build.stderr)
    summary = check.stderr.splitlines()[-3:]  # the one acceptable warning's entry, to paste under accept:
    assert summary == ["3 warnings; --strict counts them as errors: fix each, or accept it in pack.yaml with your reason "
                       "(the others can only be fixed):", "accept:", '  - {unused-glossary-word: purge, why: "…"}'], check.stderr
    assert not (tmp_path / "out").exists()


def test_an_accepted_warning_is_listed_with_its_reason_and_passes_strict(tmp_path):
    pack = _pack_with(tmp_path, "accept:\n  - unused-glossary-word: purge\n    why: for the next lesson\n")
    check = run(["check", str(pack), "--strict"], tmp_path)
    assert check.returncode == 0, check.stderr
    assert "ok (1 warning accepted)" in check.stdout
    assert "accepted: sources/tiny/pack.yaml:5: glossary word 'purge' is not used in any source or question " \
           "(why: for the next lesson)" in check.stdout
    build = run(["build", str(pack), "--strict", "--out", "out"], tmp_path)
    assert build.returncode == 0, build.stderr
    assert "1 warning accepted in the pack" in build.stderr


def test_an_accept_that_matches_nothing_is_a_warning(tmp_path):
    pack = _pack_with(tmp_path, "accept:\n  - unused-glossary-word: purge\n    why: later\n"
                                "  - reading-age: Q\n    why: old\n")
    check = run(["check", str(pack)], tmp_path)
    assert "sources/tiny/pack.yaml:9: accept: check gives no reading-age warning for Q (a source letter): " \
           "remove this entry" in check.stderr


def test_an_accept_names_one_warning_and_says_why(tmp_path):
    pack = _pack_with(tmp_path, "accept:\n  - unused-glossary-word: purge\n")
    check = run(["check", str(pack)], tmp_path)
    assert check.returncode == 2
    assert "sources/tiny/pack.yaml:7" in check.stderr and "why" in check.stderr
    assert "Traceback" not in check.stderr
    shutil.rmtree(pack)
    pack = _pack_with(tmp_path, "accept:\n  - reading-level: A\n    why: x\n")
    check = run(["check", str(pack)], tmp_path)
    assert check.returncode == 2
    assert "reading-age" in check.stderr, check.stderr


def test_the_example_pack_is_clean_under_strict_with_its_accepted_warnings_listed():
    check = run(["check", "sources/show-trials", "--strict"], ROOT)
    assert check.returncode == 0, check.stderr
    assert check.stderr == ""
    assert ": ok (7 warnings accepted) — " in check.stdout
    accepted = [line for line in check.stdout.splitlines() if line.startswith("accepted: ")]
    assert len(accepted) == 7 and all("(why: " in line for line in accepted)
    assert any("source F reads at about age 23" in line for line in accepted)


# ---------------------------------------------------------------- the workspace

def _workspace(tmp_path, settings: str | None = None) -> Path:
    root = tmp_path / "school"
    shutil.copytree(ANNA, root / "sources" / "anna")
    text = (root / "sources" / "anna" / "pack.yaml").read_text(encoding="utf-8")
    (root / "sources" / "anna" / "pack.yaml").write_text(text.replace("../show-trials", str(ROOT / "sources" / "show-trials")),
                                                          encoding="utf-8")
    if settings is not None:
        (root / "studypack.yaml").write_text(settings, encoding="utf-8")
    return root


def test_the_pack_folder_defaults_to_the_working_folder_and_output_goes_to_the_workspace(tmp_path):
    root = _workspace(tmp_path)
    done = run(["build"], root / "sources" / "anna")
    assert done.returncode == 0, done.stderr
    assert (root / "output" / "anna" / "pack.pdf").is_file()
    assert not (root / "sources" / "anna" / "output").exists()


def test_studypack_yaml_gives_layout_output_school_and_strict(tmp_path):
    root = _workspace(tmp_path, "layout: ours\noutput: prints\nschool: {name: Hillside Academy}\nstrict: true\n")
    (root / "layouts").mkdir()
    (root / "layouts" / "ours.yaml").write_text("extends: default\ndescription: Ours\nheader: {left: '{{ school.name }}'}\n",
                                                encoding="utf-8")
    done = run(["build", "sources/anna"], root)
    assert done.returncode == 2  # strict: true, and Anna's pack has glossary warnings it does not accept
    assert "glossary word 'Central Committee'" in done.stderr and not (root / "prints").exists()
    (root / "studypack.yaml").write_text("layout: ours\noutput: prints\nschool: {name: Hillside Academy}\n", encoding="utf-8")
    done = run(["build", str(root / "sources" / "anna")], tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = root / "prints" / "anna" / "anna-warm-up.pdf"  # the workspace's layout is the default: no suffix
    from conftest import pdf_text
    assert "Hillside Academy" in pdf_text(pdf)


def test_layouts_come_from_the_workspace_not_from_the_shell(tmp_path):
    root = _workspace(tmp_path)
    (root / "layouts").mkdir()
    (root / "layouts" / "school.yaml").write_text("extends: exam\ndescription: Our school\n", encoding="utf-8")
    (tmp_path / "elsewhere" / "layouts").mkdir(parents=True)
    (tmp_path / "elsewhere" / "layouts" / "default.yaml").write_text("description: [broken\n", encoding="utf-8")
    done = run(["build", str(root / "sources" / "anna"), "--layout", "school"], tmp_path / "elsewhere")
    assert done.returncode == 0, done.stderr
    assert (root / "output" / "anna-school" / "pack.pdf").is_file()
    listed = run(["layouts"], root).stdout
    assert "school" in listed and f"[yours: {Path('layouts') / 'school.yaml'}]" in listed
    assert listed.count("[yours") == 1  # the shipped ones are never taken for the workspace's


def test_the_repository_lists_its_shipped_layouts_as_shipped():
    listed = run(["layouts"], ROOT).stdout
    assert listed.startswith("default ") and "[yours" not in listed


def test_pack_yml_is_a_pack(tmp_path):
    root = _workspace(tmp_path)
    folder = root / "sources" / "anna"
    (folder / "pack.yaml").rename(folder / "pack.yml")
    done = run(["check", "sources/anna"], root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("sources/anna: ok")


def test_a_wrong_key_in_studypack_yaml_is_located(tmp_path):
    root = _workspace(tmp_path, "layuot: exam\n")
    done = run(["check", "sources/anna"], root)
    assert done.returncode == 2
    assert done.stderr.startswith("studypack.yaml:1: unknown key 'layuot' (did you mean 'layout'?)"), done.stderr
