"""Real exam papers: board profiles, source labels, markbands as boards write them, SPaG shown
apart, the stimulus box, the profile linter, and `check` agreeing with `build`."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text
from studypack.plan import profile as profiles
from studypack.commands.cli import main
from studypack.spec import references

PAPERS = ROOT / "examples" / "papers"
EXAMPLES = {  # profile -> its example paper
    "ib-history-paper-1": "ib-paper-1",
    "aqa-gcse-history-paper-1a": "aqa-paper-1a",
    "edexcel-gcse-history-paper-3": "edexcel-paper-3",
    "eduqas-gcse-history-depth-study": "eduqas-depth-study",
}


def run(*args, cwd: Path | None = None):
    import os

    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """Every shipped profile's example paper, built with --strict; {example: output folder}."""
    out = tmp_path_factory.mktemp("papers")
    for example in EXAMPLES.values():
        result = run("build", PAPERS / example, "--out", out, "--strict")
        assert result.exit_code == 0, result.output + result.stderr
    return {example: out / example for example in EXAMPLES.values()}


# ------------------------------------------------------------------ the check crash (fixed first)

def test_check_a_parts_question_without_a_prompt(tmp_path):
    (tmp_path / "pack.yaml").write_text("""title: T
subject: History
level: GCSE
sources:
  - {letter: A, title: X, kind: primary, origin: A speech, date: 1937, citation: Book, text: Some words.}
sheets:
  - id: s
    kind: worksheet
    title: S
    sources: [A]
    questions:
      - kind: parts
        parts:
          - {kind: short, prompt: "What does Source A say?", marks: 2, answer: x}
          - {kind: short, prompt: "Why did it say so?", marks: 2, answer: y}
""")
    result = run("check", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "1 questions, 4 marks" in result.output
    (tmp_path / "pack.yaml").write_text((tmp_path / "pack.yaml").read_text().replace("Source A say", "Source Q say"))
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "pack.yaml:14: sheet 's', question 1: the prompt refers to Source Q, which the pack does not have (sources: A)" in result.stderr


# ------------------------------------------------------------------ every profile and its example

def test_every_shipped_profile_has_an_example_checked_clean():
    assert sorted(profiles.available()) == sorted(EXAMPLES)
    for name, example in EXAMPLES.items():
        loaded = profiles.load(name)
        assert loaded.profile.follows, f"{name}: say which documents its facts come from"
        result = run("check", "--strict", PAPERS / example)
        assert result.exit_code == 0, result.output + result.stderr
        assert "warning" not in result.stderr
        assert name in (PAPERS / example / "pack.yaml").read_text()
        assert name in (ROOT / "docs" / "exam-papers.md").read_text(), f"{name}: document it in docs/exam-papers.md"


def test_profiles_command_lists_them():
    result = run("profiles")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == sorted(EXAMPLES)
    assert "IB Diploma History Paper 1: four sources in a source booklet" in result.output


def test_edexcel_paper_prints_board_furniture(papers):
    out = papers["edexcel-paper-3"]
    paper, booklet, key = (pdf_text(out / f) for f in ("paper-3.pdf", "paper-3-sources.pdf", "answer-key.pdf"))
    assert "Sources A, B and C and Interpretations 1 and 2 are in the separate Sources/Interpretations Booklet." in paper
    assert "32 marks + 4 SPaG" in paper  # Section B's heading: SPaG apart
    assert "You may use the following in your answer: • the Kirov murder • confessions You must also use information of your own." in paper
    assert "Time: 1 hour 20 minutes" in paper  # from the profile
    assert booklet.startswith("Sources/Interpretations Booklet") or "Sources/Interpretations Booklet The Moscow" in booklet
    # one line of origin above the source, no teaching furniture
    assert ("Interpretation 1 From a history textbook written for this example paper, arguing that Stalin planned the "
            "trials, 2026. The show trials") in booklet
    assert "Primary source" not in booklet and "Taken from" not in booklet and "Purpose:" not in booklet
    assert "Level 0 0 No rewardable material." in key
    assert "SPaG Marks Descriptor No marks 0" in key and "Threshold 1" in key and "Level 1 1 Spelling" not in key
    assert "Total for Section B: 32 marks + 4 SPaG" in key
    assert "— 48 marks + 4 SPaG Sources A, B and C and Interpretations 1 and 2 Section A" in key
    assert "Paper 3: Modern depth study — 48 marks + 4 SPaG" in key
    assert "Marking notes: • Answers that do not use both interpretations cannot go above Level 2." in key
    assert "Credit any of: Inferences: • The government presented them" in key


def test_ib_paper_prints_markbands_without_levels(papers):
    out = papers["ib-paper-1"]
    key = pdf_text(out / "answer-key.pdf")
    booklet = pdf_text(out / "paper-1-sources.pdf")
    assert "Marks Descriptor 7–9 The response is focused on the question." in key
    assert "0 The response does not reach a standard" in key
    assert "Level 1" not in key
    assert "If only value or only limitations are discussed, award a maximum of [2]." in key
    assert "Comparisons: • Both show" in key and "Contrasts: • Source A gives" in key
    assert booklet.startswith("Source booklet")
    assert "Source D From a confidential report to the US Secretary of State" in booklet
    paper = pdf_text(out / "paper-1.pdf")
    assert "The maximum mark for this examination paper is [24 marks]." in paper
    assert "[9]" in paper  # the profile's marks format


def test_aqa_paper_prints_interpretations(papers):
    out = papers["aqa-paper-1a"]
    booklet = pdf_text(out / "paper-1-sources.pdf")
    assert booklet.startswith("Interpretations Booklet")
    assert ("Interpretation B Adapted from the memoirs of a former Communist Party official written for this example "
            "paper, published in London, 1970. The author was arrested in 1937") in booklet
    paper = pdf_text(out / "paper-1.pdf")
    assert "Interpretations A and B are in the separate Interpretations Booklet." in paper
    assert "Explain your answer with reference to both bullet points: • removing his rivals" in paper
    assert "You must also use information of your own" not in paper


def test_a_paper_that_breaks_its_profile_gets_located_warnings(tmp_path):
    here = tmp_path / "bad"
    shutil.copytree(PAPERS / "edexcel-paper-3", here)
    text = (here / "pack.yaml").read_text()
    text = text[: text.index('      - title: "Section B"')]  # Section B left out
    text = text.replace('label: "Interpretation 2"', 'label: "Extract B"').replace("Explain why Stalin", "Describe why Stalin")
    (here / "pack.yaml").write_text(text)
    result = run("check", "--strict", here)
    assert result.exit_code == 1
    lines = _numbered(text)
    err = result.stderr
    profile = "(profile edexcel-gcse-history-paper-3)"
    label = lines['label: "Extract B"']
    assert f"pack.yaml:{label}: source E is called 'Extract B', but this paper labels its sources 'Source' or 'Interpretation'" in err
    assert f"pack.yaml:{lines['  - id: paper-3']}: sheet 'paper-3' is worth 16 marks, but this paper is worth 52: add or take away marks {profile}" in err
    assert f"pack.yaml:{lines['    sections:']}: sheet 'paper-3' has 1 section, but this paper has 2 ('Section A', 'Section B'): add the missing one" in err
    assert f"pack.yaml:{lines['Describe why Stalin']}: question 2 does not use this paper's command words for it ('Explain why')" in err
    # a cited label the pack does not have is an error, for build and check alike
    (here / "pack.yaml").write_text(text.replace("from Source A about", "from Interpretation 3 about"))
    for command in ("check", "build"):
        result = run(command, here, "--out", tmp_path / "out") if command == "build" else run(command, here)
        assert result.exit_code == 2
        assert ("the prompt refers to Interpretation 3, which the pack does not have (it has: Source A, Source B, "
                "Source C, Interpretation 1, Extract B)") in result.stderr


def _numbered(text: str) -> dict[str, int]:
    """{a unique piece of a line: its line number} for the lines the test names."""
    wanted = ['label: "Extract B"', "  - id: paper-3", "    sections:", "Describe why Stalin"]
    return {w: next(i for i, line in enumerate(text.splitlines(), 1) if w in line) for w in wanted}


def test_unknown_profile_and_bad_profile_are_located(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PAPERS / "eduqas-depth-study", pack)
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace("profile: eduqas-gcse-history-depth-study", "profile: eduqas-gcse-histroy-depth-study"))
    result = run("check", pack)
    assert result.exit_code == 2
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("profile:"))
    assert result.stderr.startswith(f"{pack / 'pack.yaml'}:{line}: profile: no profile named 'eduqas-gcse-histroy-depth-study' "
                                    "(did you mean 'eduqas-gcse-history-depth-study'?)"), result.stderr
    # a school's own profile extends a shipped one; a wrong key in it is reported at its line
    (pack / "profiles").mkdir()
    (pack / "profiles" / "ours.yaml").write_text("extends: eduqas-gcse-history-depth-study\nbooklet: Sources\npaper:\n  totl: 30\n")
    (pack / "pack.yaml").write_text(text.replace("profile: eduqas-gcse-history-depth-study", "profile: ours"))
    result = run("check", ".", cwd=pack)
    assert result.exit_code == 2
    assert "profiles/ours.yaml:4: unknown key 'totl' (did you mean 'total'?)" in result.stderr, result.stderr
    (pack / "profiles" / "ours.yaml").write_text("extends: eduqas-gcse-history-depth-study\npaper:\n  total: 30\n")
    result = run("check", "--strict", pack)  # a pack folder's own profiles/ is looked in too
    assert result.exit_code == 1
    assert "sheet 'depth-study' is worth 22 marks, but this paper is worth 30: add or take away marks (profile ours)" in result.stderr


# ------------------------------------------------------------------ labels and bands

def test_cited_names():
    assert references.cited_names("Study Interpretations 1 and 2 and Sources B to D.") == [
        "Interpretation 1", "Interpretation 2", "Source B", "Source C", "Source D"]
    assert references.cited_names("Use Extract A, Figure 2 and Source 3.") == ["Extract A"]
    assert references.cited_names("Use Figure 2.", references.NOUNS + ("Figure",)) == ["Figure 2"]
    assert references.cited("Sources C to F") == ["C", "D", "E", "F"]
    assert references.phrase(["Source A", "Source B", "Interpretation 1"]) == "Sources A and B and Interpretation 1"


def test_bands_are_numbered_all_or_none(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PAPERS / "ib-paper-1", pack)
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace('- {marks: "4-6",', '- {level: 2, marks: "4-6",'))
    result = run("check", pack)
    assert result.exit_code == 2
    assert "number every band with 'level:' or none of them (IB markbands have no numbers)" in result.stderr
    (pack / "pack.yaml").write_text(text.replace('- {marks: "1-3",', '- {marks: "1-2",'))
    result = run("check", pack)
    assert "no level awards 3 marks (between band 1-2 and band 4-6): close the gap" in result.stderr


# ------------------------------------------------------------------ check and build agree

def _build_cases():
    corpus = ROOT / "tests" / "bad_inputs"
    for case in sorted(p for p in corpus.iterdir() if (p / "expected.txt").is_file()):
        args = shlex.split((case / "args.txt").read_text()) if (case / "args.txt").exists() else ["build", "."]
        writes = case.name.startswith("output-")  # where the PDFs go: only a build writes them
        if args[:2] == ["build", "."] and not set(args) & {"--roster", "--out", "--strict"} and not writes:
            yield case.name, args[2:]


@pytest.mark.parametrize("name,extra", list(_build_cases()))
def test_check_refuses_what_build_refuses(name, extra, tmp_path):
    from test_bad_inputs import GENERATORS

    here = tmp_path / name
    shutil.copytree(ROOT / "tests" / "bad_inputs" / name, here, symlinks=True)
    if name in GENERATORS:
        GENERATORS[name](here)
    expected = (here / "expected.txt").read_text(encoding="utf-8").replace("{here}", str(here)).splitlines()
    result = run("check", ".", *extra, cwd=here)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize("pack", sorted(p.relative_to(ROOT) for p in [*(ROOT / "sources").iterdir(), *PAPERS.iterdir()]
                                        if (p / "pack.yaml").is_file()))
def test_check_accepts_what_build_builds(pack, tmp_path):
    result = run("check", ROOT / pack)
    assert result.exit_code == 0, result.stderr
    result = run("build", ROOT / pack, "--out", tmp_path, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
