"""Real exam papers: board profiles, source labels, markbands as boards write them, SPaG shown
apart, the stimulus box, the profile linter, and `check` agreeing with `build`."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pypdf import PdfReader

from conftest import ROOT, pdf_text, squash
from studypack.plan import profile as profiles
from studypack.commands.cli import main
from studypack.spec import references

PAPERS = ROOT / "examples" / "papers"
EXAMPLES = {  # profile -> its example paper
    "ib-history-paper-1": "ib-paper-1",
    "aqa-gcse-history-paper-1a": "aqa-paper-1a",
    "edexcel-gcse-history-paper-3": "edexcel-paper-3",
    "eduqas-gcse-history-depth-study": "eduqas-depth-study",
    "aqa-gcse-maths-paper-1": "aqa-maths-paper-1",
    "ocr-gcse-physics-a-paper-1": "ocr-physics-paper-1",
    "ap-chemistry-free-response": "ap-chemistry-frq",
    "ap-us-history-dbq": "ap-us-history-dbq",
    "ocr-gcse-history-a-depth-study": "ocr-history-a-depth-study",
    "cambridge-igcse-history-paper-2": "cambridge-igcse-history-paper-2",
    "aqa-gcse-english-literature-paper-1": "aqa-english-literature-paper-1",
    "aqa-gcse-geography-paper-3": "aqa-geography-paper-3",
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
    assert "1 question, 4 marks" in result.output
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
    cover, first = paper.split("Section A 1 Give", 1)  # no marks line under a section's heading
    # the cover in the board's form: boxes with its words, You must have / Instructions / Information / Advice
    assert "Candidate surname Other names Centre Number Candidate Number" in cover and "Forename" not in cover
    assert "Time: 1 hour 20 minutes" in cover  # from the profile
    for block in ("You must have: • Sources/Interpretations Booklet (enclosed).", "Instructions • Use black ink",
                  "Information • The total mark for this paper is 52.", "Advice • Read each question", "Total Marks"):
        assert block in cover, block
    assert "In question 3(d), 4 marks will be awarded for your spelling, punctuation and grammar" in cover
    # marks as "(4)", question and section totals, SPaG given apart
    assert "Complete the table below to explain your answer. (i) What I can infer:" in first  # the marks after the frame
    assert "Details in Source A that tell me this: (4) (Total for Question 1 = 4 marks)" in first
    assert "Details in Source A that tell me this:" in first  # the inference frame
    assert "(Total for Question 1 = 4 marks)" in first and "TOTAL FOR SECTION A = 16 MARKS" in first
    assert "[4]" not in paper and "SPaG]" not in paper and "(16 + 4 SPaG)" not in paper
    assert "Question 3(d) continued (16) (Total for spelling" in paper  # the marks at the foot of the answer space
    assert ("(Total for spelling, punctuation, grammar and use of specialist terminology = 4 marks) "
            "(Total for Question 3 = 36 marks) TOTAL FOR SECTION B = 36 MARKS TOTAL FOR PAPER = 52 MARKS") in paper
    assert "DO NOT WRITE IN THIS AREA" in paper and "Do not write in this margin" not in paper
    assert "End of questions" not in paper  # the paper's total ends it
    # Section B starts a page of its own: the page before it ends with Section A's total
    pages = [squash(page.extract_text() or "") for page in PdfReader(str(out / "paper-3.pdf")).pages]
    b = next(i for i, page in enumerate(pages) if "Section B For this section" in page)
    assert pages[b].startswith("Section B") and "TOTAL FOR SECTION A = 16 MARKS" in pages[b - 1]
    assert len(pages) % 2 == 0 and ("BLANK PAGE" in pages[-1] or "TOTAL FOR PAPER" in pages[-1])  # even, one way or the other
    # the booklet's cover, then its sources in the board form
    assert booklet.startswith("In the style of a Pearson Edexcel") and "Do not return this Booklet with the question paper." in booklet
    assert ("Interpretation 1 In the manner of a history textbook on the Soviet Union for GCSE students; "
            "written for this example paper, 2026. The show trials") in booklet  # who and when, never the view it argues
    assert "Primary source" not in booklet and "Taken from" not in booklet and "Purpose:" not in booklet
    assert "Level 0 0 No rewardable material." in key
    assert "SPaG Marks Descriptor No marks 0" in key and "Threshold 1" in key and "Level 1 1 Spelling" not in key
    assert "Total for Section B: 32 marks + 4 SPaG" in key
    assert "Marking notes: • Answers that do not use both interpretations cannot go above Level 2." in key
    assert "(Total for Question" not in key and "TOTAL FOR" not in key


def test_ib_paper_has_no_answer_lines_and_no_candidate_furniture(papers):
    out = papers["ib-paper-1"]
    key = pdf_text(out / "answer-key.pdf")
    booklet = pdf_text(out / "paper-1-sources.pdf")
    assert "Marks Descriptor 7–9 The response is focused on the question." in key
    assert "0 The response does not reach a standard" in key
    assert "Level 1" not in key
    assert "If only value or only limitations are discussed, award a maximum of [2]." in key
    assert "Comparisons: • Both see the agreement" in key and "Contrasts: • Source A presents it" in key
    assert booklet.startswith("In the style of an IB Diploma Programme examination paper")
    assert "Do not open this source booklet until instructed to do so." in booklet
    assert "Source B From a speech by Winston Churchill" in booklet
    paper = pdf_text(out / "paper-1.pdf")
    assert ("Instructions to candidates • Do not open this examination paper until instructed to do so. • The history "
            "higher level and standard level paper 1 source booklet is required for this examination paper.") in paper
    assert "• Write your answers in the answer booklet provided." in paper
    assert "The maximum mark for this examination paper is [24 marks]." in paper
    assert "History Higher level and standard level Paper 1 Prescribed subject 3: The move to global war 1 hour" in paper
    assert "[9]" in paper  # the profile's marks format
    for absent in ("Surname", "Candidate number", "Total for Question", "TOTAL FOR PAPER", "margin", "continued", "BLANK PAGE"):
        assert absent not in paper, absent
    # no answer lines: the questions' page holds text only, no ruled lines
    reader = PdfReader(str(out / "paper-1.pdf"))
    assert len(reader.pages) == 2
    assert _rules(out / "paper-1.pdf", 2) == 0  # no answer lines (and no running header's rule)
    assert _rules(papers["aqa-paper-1a"] / "paper-1.pdf", 2) > 10  # where a board has lines, they are counted


def _rules(path: Path, page: int) -> int:
    """How many horizontal rules wider than 100 pt a page draws (answer lines are such rules)."""
    import re

    content = PdfReader(str(path)).pages[page - 1].get_contents().get_data().decode("latin-1")
    count = 0
    for x1, y1, x2, y2 in re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", content):
        if abs(float(y1) - float(y2)) < 0.01 and abs(float(x2) - float(x1)) > 100:
            count += 1
    return count


def test_aqa_paper_prints_its_own_furniture(papers):
    out = papers["aqa-paper-1a"]
    booklet = pdf_text(out / "paper-1-sources.pdf")
    assert ("Interpretations Booklet Paper 1 Section A/C: Russia, 1894–1945: Tsardom and communism Interpretations A "
            "and B for use in answering Questions 01, 02 and 03.") in booklet
    assert ("Interpretation B In the manner of the memoirs that former Communist Party officials published in the "
            "West; written for this example paper, 2026. Such memoirs were written by officials") in booklet
    paper = pdf_text(out / "paper-1.pdf")
    cover = paper.split("Section A 40 marks", 1)[0]
    assert "GCSE HISTORY 8145/1A/C" in cover
    assert "Centre number Candidate number Surname Forename(s) Candidate signature" in cover
    for block in ("Materials • For this paper you must have the Interpretations Booklet (enclosed).",
                  "Instructions • Use black ink", "Information • The marks for questions are shown in brackets. "
                  "• The maximum mark for this section is 40.", "Advice • For the multiple-mark questions",
                  "For Examiner's Use Question Mark 01 02 03 04 05 06 TOTAL"):
        assert block in cover, block
    # questions boxed "0 1", marks "[4 marks]", the box notice, no Pearson totals
    assert "0 1 How does Interpretation B differ from Interpretation A" in paper
    assert "Interpretations A and B. [4 marks]" in paper and "[12 marks]" in paper
    assert "Do not write outside the box" in paper and "END OF QUESTIONS" in paper
    assert "Total for Question" not in paper and "TOTAL FOR" not in paper and "[4]" not in paper
    assert paper.count("Answer all six questions") == 1  # said once, as the section's rubric (the cover says "in this section")
    assert "• removing his rivals • blaming others for economic problems Explain your answer with reference to both bullet points." in paper
    assert "You must also use information of your own" not in paper
    # the mark scheme: levels for every question, indicative content for the 8- and 12-mark ones
    key = pdf_text(out / "answer-key.pdf")
    assert key.count("Level 2 3–4") >= 3 and key.count("Indicative content:") == 6
    assert "Level 4 10–12 Complex explanation of both bullet points" in key
    assert "Indicative content: Removing his rivals: •" in key


def test_eduqas_paper_is_a_one_hour_paper_with_sources_on_it(papers):
    paper = pdf_text(papers["eduqas-depth-study"] / "depth-study.pdf")
    cover, rest = paper.split("Source A In the manner of an editorial in Pravda", 1)
    assert "GCSE HISTORY COMPONENT 1: STUDIES IN DEPTH Study in depth: the USSR in the 1930s 1 HOUR" in cover
    assert "Candidate Name Centre Number Candidate Number" in cover
    assert ("INSTRUCTIONS TO CANDIDATES • Write your name, centre number and candidate number in the spaces at the "
            "top of this page. • Answer all questions on the examination paper.") in cover
    assert "INSTRUCTIONS TO CANDIDATES •" in cover and "INFORMATION FOR CANDIDATES •" in cover
    assert "For Examiner's use only Question Mark 1 2 3 4 5 TOTAL" in cover
    assert "Interpretation 1 In the manner of a history of the Soviet Union for students; written for this example paper" in rest  # sources on the paper, before the questions
    assert rest.index("Interpretation 1 In the manner") < rest.index("1 What can be learnt from Source A")
    assert "[2]" in rest and "[16 + 4 SPaG]" in rest and "Examiner only" in rest
    assert "Total for Question" not in paper and "END OF PAPER" in paper


@pytest.mark.parametrize("example,expected,absent", [
    ("aqa-maths-paper-1", ["GCSE MATHEMATICS 8300/1", "Materials • For this paper you must have mathematical instruments. "
                           "• You must not use a calculator.", "For Examiner's Use Question Mark 01 02",
                           "Do not write outside the box", "[3 marks]", "0 4 . 1", "0 4 . 2"],
     ["Total for Question", "TOTAL FOR PAPER", "[3]"]),
    ("ocr-physics-paper-1", ["GCSE (9–1) Physics A (Gateway Science) J249/01", "First name(s) Last name",
                             "You must have: • a ruler (cm/mm) You can use: • a scientific or graphical calculator",
                             "INSTRUCTIONS • Use black ink.", "INFORMATION • The total mark for this paper is 15.",
                             "ADVICE •", "[2]", "Turn over", "END OF QUESTION PAPER"],
     ["Total for Question", "TOTAL FOR PAPER", "marks]", "Do not write", "DO NOT WRITE"]),
    ("ap-chemistry-frq", ["AP Chemistry Free-Response Questions Section II", "Directions • Write your response in the "
                          "space provided following each question.", "GO ON TO THE NEXT PAGE.", "(a) Write the balanced",
                          "(b) The temperature of the mixture", "STOP: END OF EXAM", "25.00 mL of 0.100 M acetic acid",
                          "(color change from pH 8.2 to 10.0)"],
     ["Surname", "Candidate number", "Total for Question", "[1]", "[2]", "mark", "1(a)", "Do not write",
      "End of questions", "ethanoic", "colour"]),
])
def test_board_papers_outside_history_wear_their_dress(papers, example, expected, absent):
    paper = pdf_text(papers[example] / "practice.pdf")
    for words in expected:
        assert words in paper, words
    for words in absent:
        assert words not in paper, words


def test_dbq_prints_its_documents_and_directions_and_no_lines(papers):
    out = papers["ap-us-history-dbq"]
    paper = pdf_text(out / "dbq.pdf")
    expected = ["AP United States History Section II Question 1 (Document-Based Question) Suggested reading period: "
                "15 minutes. Suggested writing time: 45 minutes.",
                "Directions • Question 1 is based on the accompanying documents.",
                "• Support an argument in response to the prompt using at least four documents.",
                "Document 1 Source: Franklin D. Roosevelt, inaugural address", "Document 7: Unemployment",
                "GO ON TO THE NEXT PAGE.", "1 Evaluate the extent to which the New Deal"]
    absent = ["Surname", "Total for Question", "[7]", "marks]", "Do not write", "DO NOT WRITE"]
    for words in expected:
        assert words in paper, words
    for words in absent:
        assert words not in paper, words
    # no answer lines (nor a header's rule) on any page: answers go in the booklet (Document 7's
    # table draws its own rules, the only ones)
    rules = [_rules(out / "dbq.pdf", n) for n in range(1, len(PdfReader(str(out / "dbq.pdf")).pages) + 1)]
    table = next(n for n in range(1, len(rules) + 1) if "Document 7" in (PdfReader(str(out / "dbq.pdf")).pages[n - 1].extract_text() or ""))
    assert all(count == 0 for n, count in enumerate(rules, 1) if n not in (1, table)) and rules[table - 1] <= 8, rules  # (1: the cover's rule)


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
    assert "sheet 'depth-study' is worth 40 marks, but this paper is worth 30: add or take away marks (profile ours)" in result.stderr


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


def test_a_cover_text_that_names_no_such_value_is_located(tmp_path):
    """A profile's cover is templates over the paper's values: a misspelt one is an error at
    its line, from check as from build, before anything is typeset."""
    pack = tmp_path / "pack"
    shutil.copytree(PAPERS / "aqa-paper-1a", pack)
    (pack / "profiles").mkdir()
    (pack / "profiles" / "ours.yaml").write_text(
        "extends: aqa-gcse-history-paper-1a\nlayout:\n  cover:\n    blocks:\n      - title: Information\n"
        "        items:\n          - \"The maximum mark is {{ totl }}.\"\n", encoding="utf-8")
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(text.replace("profile: aqa-gcse-history-paper-1a", "profile: ours"), encoding="utf-8")
    for command in ("check", "build"):
        result = run(command, pack, *(["--out", tmp_path / "out"] if command == "build" else []))
        assert result.exit_code == 2, result.output + result.stderr
        assert "profiles/ours.yaml:7: cover.blocks.0.items.0:" in result.stderr and "totl" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ covers in large print

def test_a_large_print_cover_puts_its_blocks_overleaf_on_purpose(tmp_path):
    """Edexcel's cover in large-print-24: the front page holds the masthead, the title and every
    candidate box; the blocks follow overleaf, each whole on its page, the Total Marks box
    after them; nothing is warned."""
    result = run("build", PAPERS / "edexcel-paper-3", "--layout", "large-print-24", "--out", tmp_path)
    assert result.exit_code == 0, result.output + result.stderr
    assert "the cover's" not in result.output + result.stderr
    pdf = tmp_path / "edexcel-paper-3-large-print-24" / "paper-3.pdf"
    pages = [squash(page.extract_text() or "") for page in PdfReader(str(pdf)).pages]
    front, overleaf = pages[0], " ".join(pages[1:3])
    for words in ("Paper reference 1HI0/31", "Candidate surname", "Other names", "Centre Number", "Candidate Number"):
        assert words in front
    assert "Instructions" not in front
    for words in ("In the style of a Pearson Edexcel", "You must have:", "Instructions", "Information",
                  "Advice", "Total Marks"):
        assert words in overleaf
    assert "Surname" not in overleaf
    assert "Section A" in pages[3] and "Section A" not in " ".join(pages[:3])


def test_a_cover_that_runs_over_its_page_is_warned(tmp_path):
    """AQA's front page at 36 pt (masthead, title, candidate boxes) is taller than the page: said, by page."""
    result = run("build", PAPERS / "aqa-paper-1a", "--layout", "large-print-36", "--out", tmp_path)
    assert "page 2: the cover's front page runs over onto the next page" in result.output + result.stderr
    strict = run("build", PAPERS / "aqa-paper-1a", "--layout", "large-print-36", "--out", tmp_path, "--strict")
    assert strict.exit_code == 2, strict.output + strict.stderr


# ------------------------------------------------------------------ boards3: OCR, Cambridge, English literature, geography

def _pages(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def test_ocr_history_depth_study_in_ocrs_forms(papers):
    out = papers["ocr-history-a-depth-study"]
    pages, key = _pages(out / "depth-study.pdf"), pdf_text(out / "answer-key.pdf")
    cover = pages[0]
    assert cover.startswith("In the style of OCR GCSE History A, Paper 1 (depth study): not an OCR document")
    assert "J410" not in cover  # J410/01 is International Relations with China: no code fits a depth study of our own
    for block in ("You must have: • the OCR 12-page Answer Booklet", "INSTRUCTIONS • Use black ink.",
                  "INFORMATION • The total mark for this section is 40.", "The marks for each question are shown in brackets [ ]."):
        assert block in cover, block
    paper = " ".join(pages)
    assert "[5]" in paper and "[10]" in paper and "[15]" in paper and "marks]" not in paper
    assert "END OF QUESTION PAPER" in paper and "Turn over" in pages[0]
    assert "Surname" not in paper and "Candidate number" not in paper  # answers go in the Answer Booklet
    assert "Total for" not in paper and "Do not write" not in paper
    # the sources on the paper, quoted from the seed word for word, in the board's form
    assert "I am fully and utterly guilty" in paper and "that block [sic] whose chosen task was the killing of Stalin" in paper
    assert "Primary source" not in paper and "Taken from" not in paper
    assert "Level 5 13–15" in key and "Order No. 00447" in key


def test_cambridge_paper_2_in_cambridges_forms(papers):
    out = papers["cambridge-igcse-history-paper-2"]
    pages = _pages(out / "paper-2.pdf")
    cover, paper = pages[0], " ".join(pages)
    assert cover.startswith("In the style of a Cambridge IGCSE question paper (not a Cambridge document)")
    for block in ("HISTORY", "Paper 2 Document Questions", "0470/02", "2 hours", "You will need: • Answer booklet (enclosed)",
                  "INSTRUCTIONS • Answer all questions.", "INFORMATION • The total mark for this paper is 50.",
                  "The number of marks for each question or part question is shown in brackets [ ]."):
        assert block in cover, block
    assert "[Turn over" in cover and "Background Information." in paper
    for n, marks in enumerate((7, 8, 8, 7, 8, 12), start=1):
        assert f"[{marks}]" in paper
    assert "How far do these sources provide convincing evidence" in paper
    assert "Surname" not in paper and "Total for" not in paper and "End of questions" not in paper
    assert "Seventeen mid-level Communist Party members" in paper  # the seed's own words, its slip kept


def test_english_literature_extract_question_in_aqas_forms(papers):
    out = papers["aqa-english-literature-paper-1"]
    pages = _pages(out / "paper-1.pdf")
    cover, paper = pages[0], " ".join(pages)
    for block in ("In the style of an AQA GCSE question paper (not an AQA document)", "ENGLISH LITERATURE", "8702/1",
                  "Materials • For this paper you must have an AQA 16-page answer book.",
                  "Answer one question from Section B.", "You must not use a dictionary.",
                  "There are 30 marks for Section B."):
        assert block in cover, block
    for said in ("Section A", "AO4"):  # the paper is Section B alone: the cover asks for nothing else
        assert said not in cover, said
    assert "was Pip." in paper and "Extract A" not in paper  # AQA's extract is unlabelled, under its sentence
    assert "Read the following extract from Chapter 1 of Great Expectations and then answer the question that follows." in pages[1]
    assert "0 9 Charles Dickens: Great Expectations" in paper and "0 1 Charles" not in paper  # question 09 on 8702/1 and "Starting with this extract, how does Dickens present" in paper
    assert "[30 marks]" in paper and "END OF QUESTIONS" in paper
    assert "Surname" not in paper and "Question 1 continued" not in paper  # an answer book, no lines
    key = pdf_text(out / "answer-key.pdf")
    assert "Level 6 26–30 Convincing, critical analysis and exploration" in key


def test_geography_fieldwork_in_aqas_forms(papers):
    out = papers["aqa-geography-paper-3"]
    pages = _pages(out / "paper-3.pdf")
    cover, paper = pages[0], " ".join(pages)
    for block in ("GEOGRAPHY", "8035/3", "Centre number", "Candidate signature", "For Examiner",
                  "Materials • For this paper you must have: a pencil, a rubber, a ruler, a calculator."):
        assert block in cover, block
    assert "Figure 1: Sketch map of the River Carrow" in paper and "Table 1: Channel measurements" in paper
    # AQA's boxed part numbers, from 04 as Section B of Paper 3 numbers them (`first_number: 4`)
    assert "0 4 . 1" in paper and "0 5 . 2" in paper and "0 1 . 1" not in paper
    assert "04 05 TOTAL" in cover  # the examiner's grid numbers them the same way
    assert "04.1" in pdf_text(out / "answer-key.pdf")
    assert "[2 marks]" in paper and "[9 marks + 3 SPaG]" in paper and "[1 mark]" in paper
    assert "Do not write outside the box" in paper and "END OF QUESTIONS" in paper


def test_ap_chemistry_section_is_worth_what_its_questions_are():
    """3 long questions of 10 points and 4 short of 4: Section II is worth 46 points."""
    paper = profiles.load("ap-chemistry-free-response").profile.paper
    assert paper.total == 3 * 10 + 4 * 4 == 46


def test_a_sheet_numbers_from_its_first_number_and_a_bad_one_is_located(tmp_path):
    pack = """title: T
subject: History
level: GCSE
sheets:
  - id: s
    kind: worksheet
    title: S
    first_number: 4
    questions:
      - {kind: short, prompt: "Why did it happen?", marks: 2, answer: x}
      - {kind: short, prompt: "What changed?", marks: 2, answer: y}
"""
    (tmp_path / "pack.yaml").write_text(pack)
    out = tmp_path / "out"
    result = run("build", tmp_path, "--out", out)
    assert result.exit_code == 0, result.stderr
    paper = squash(pdf_text(next(out.iterdir()) / "s.pdf"))
    assert "4 Why did it happen?" in paper and "5 What changed?" in paper and "1 Why" not in paper
    # a sheet numbered from 1 keeps its pack's fingerprint: its class-set variants are dealt as before
    from studypack.content.validate import load_pack
    from studypack.spec.added import SEED

    (tmp_path / "pack.yaml").write_text(pack.replace("first_number: 4", "first_number: 1"))
    assert "first_number" not in load_pack(tmp_path).pack.model_dump_json(context=SEED)
    (tmp_path / "pack.yaml").write_text(pack)
    assert '"first_number":4' in load_pack(tmp_path).pack.model_dump_json(context=SEED)
    (tmp_path / "pack.yaml").write_text(pack.replace("first_number: 4", "first_number: 0"))
    result = run("check", tmp_path)
    assert result.exit_code == 2 and "pack.yaml:8: sheet 's': first_number must be at least 1" in result.stderr, result.stderr


def _lefts(page) -> list[tuple[str, float]]:
    """(text, x where it starts) for each run drawn on `page`."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), cm[0] * tm[4] + cm[2] * tm[5] + cm[4]))

    page.extract_text(visitor_text=visit)
    return found


def test_edexcel_spag_total_stays_in_the_answer_column(papers):
    """The SPaG total, wider than the answer column, wraps within it (over the lines, right of
    the number gutter) rather than reaching out into the gutter (Edexcel p7)."""
    reader = PdfReader(str(papers["edexcel-paper-3"] / "paper-3.pdf"))
    page = next(p for p in reader.pages if "Total for spelling" in (p.extract_text() or ""))
    runs = _lefts(page)
    column = min(x for t, x in runs if t.startswith("Question 3(d) continued"))  # drawn at the lines' left
    spag = [x for t, x in runs if "spelling" in t or "terminology" in t]
    assert spag and min(spag) >= column - 0.5, (spag, column)
    assert "terminology = 4 marks)" in squash(page.extract_text())  # its last words go down together


def test_a_sub_question_starting_a_page_is_not_called_continued(papers):
    """A part that starts at a page's top begins there under its own boxed number: no
    "Question 04.4 continued" over its stem before it has begun (AQA geography p4, maths p3)."""
    for example, document, part in (("aqa-geography-paper-3", "paper-3.pdf", "0 4 . 4"),
                                     ("aqa-maths-paper-1", "practice.pdf", "0 4 . 2")):
        pages = _pages(papers[example] / document)
        tops = [page for page in pages if part in page and page.index(part) < 200]
        assert tops or example == "aqa-geography-paper-3", [page[:80] for page in pages]  # 04.4 may not start a page
        for top in tops:
            assert "continued" not in top[:top.index(part)], top[:200]
    paper = " ".join(_pages(papers["aqa-geography-paper-3"] / "paper-3.pdf"))
    assert "Question 04.4 continued" not in paper and "Question 05.2 continued" in paper  # its own lines do go on


def test_a_practice_paper_of_one_section_is_held_to_that_section(tmp_path):
    """A paper of Section B only is checked against the profile's Section B, not Section A."""
    (tmp_path / "pack.yaml").write_text("""title: T
subject: English literature
level: GCSE
profile: aqa-gcse-english-literature-paper-1
sources:
  - {letter: A, kind: extract, title: Great Expectations, author: Charles Dickens, date: 1861, citation: Chapter 1, text: "My father's family name being Pirrip."}
sheets:
  - id: p
    kind: worksheet
    title: P
    sources: [A]
    sections:
      - title: "Section B: The 19th-century novel"
        questions:
          - kind: extended
            prompt: "Starting with this extract, how does Dickens present Pip?"
            marks: 30
            mark_scheme: {levels: [{level: 1, marks: "1-30", descriptor: "x"}]}
""")
    result = run("check", tmp_path)
    assert "has 1 section, but this paper has 2" in result.stderr
    assert "section 1 is" not in result.stderr and "SPaG marks, but this paper's question 1" not in result.stderr
    assert "question 1 is worth" not in result.stderr


def test_a_paper_without_sections_is_checked_against_the_sections_run_together(tmp_path):
    """A teacher's depth study without a section heading still has its questions checked."""
    (tmp_path / "pack.yaml").write_text("""title: T
subject: History
level: GCSE
profile: ocr-gcse-history-a-depth-study
sources:
  - {letter: A, title: X, kind: primary, origin: A speech, date: 1937, citation: Book, text: Some words.}
sheets:
  - id: p
    kind: worksheet
    title: P
    sources: [A]
    questions:
      - {kind: short, prompt: "**Outline** the purge of the Red Army.", marks: 5, answer: x}
      - {kind: short, prompt: "Explain **why** the terror grew.", marks: 10, answer: x}
      - {kind: short, prompt: "Study Source A. How useful is it?", marks: 10, answer: x}
      - {kind: short, prompt: "'Fear ruled.' Do you agree?", marks: 15, answer: x}
""")
    result = run("check", tmp_path)
    assert "has 0 sections, but this paper has 1 ('Section B')" in result.stderr
    assert "question 4 does not use this paper's command words for it ('How far do you agree')" in result.stderr
    assert "question 1 does not" not in result.stderr and "question 2 does not" not in result.stderr


TEACHERS_PAPER = """title: "Kirov and the purges"
subject: History
level: "GCSE (ages 14–16)"
profile: edexcel-gcse-history-paper-3
sources:
  - {letter: A, title: "A report", kind: primary, origin: "From a newspaper report written for this paper", date: "December 1934", citation: "Written for this paper", text: "The enemies of the people have struck down Comrade Kirov."}
  - {letter: B, title: "A decree", kind: primary, origin: "From a decree summarised for this paper", date: "1 December 1934", citation: "Written for this paper", text: "Cases of terrorism are to be heard within ten days."}
  - {letter: C, label: "Interpretation 1", title: "A view", kind: secondary, origin: "From a textbook written for this paper", date: "2026", citation: "Written for this paper", text: "Stalin used the murder as an excuse."}
  - {letter: D, label: "Interpretation 2", title: "Another view", kind: secondary, origin: "From a history written for this paper", date: "2026", citation: "Written for this paper", text: "The purges grew out of fear and chaos."}
sheets:
  - id: practice
    kind: exam
    title: "Paper 3 practice: the purges"
    time: "1 hour 20 minutes (plus 5 minutes' reading time)"
    sources: [A, B, C, D]
    sections:
      - title: "Section A"
        questions:
          - {kind: short, prompt: "Give **two** things you can infer from Source A about the Party.", marks: 4, answer: x}
          - kind: extended
            prompt: "Explain **why** Stalin began the purges in the years 1934–37."
            marks: 12
            stimulus: ["the murder of Kirov", "the NKVD"]
            mark_scheme: {levels: [{level: 1, marks: "1-12", descriptor: "x"}]}
      - title: "Section B"
        questions:
          - kind: parts
            parts:
              - {kind: extended, prompt: "How useful are Sources A and B for an enquiry into the purges?", marks: 8, mark_scheme: {levels: [{level: 1, marks: "1-8", descriptor: "x"}]}}
              - {kind: short, prompt: "Study Interpretations 1 and 2. What is the main difference between these views?", marks: 4, answer: x}
              - {kind: short, prompt: "Suggest **one** reason why Interpretations 1 and 2 give different views.", marks: 4, answer: x}
              - kind: extended
                prompt: "How far do you agree with Interpretation 1 about the causes of the purges? Use ‘both’ interpretations."
                marks: 16
                spag: 4
                mark_scheme: {levels: [{level: 1, marks: "1-16", descriptor: "x"}], spag: [{label: High, marks: "1-4", descriptor: "x"}, {label: No marks, marks: 0, descriptor: "x"}]}
"""


def test_a_paper_written_from_the_docs_alone_checks_clean(tmp_path):
    """What a teacher writes after reading docs/exam-papers.md: the board's command words with
    bold **two**, **why**, **one**, a time with reading time, parts numbered 3(a)–3(d)."""
    (tmp_path / "pack.yaml").write_text(TEACHERS_PAPER)
    result = run("check", "--strict", tmp_path)
    assert result.exit_code == 0, result.output + result.stderr
    assert "ok — 1 sheet, 4 sources, 3 questions, 52 marks" in result.output


def test_a_one_paper_key_closes_on_one_total(papers):
    """A paper of one section, alone in its pack: the key's total is said once (section, paper
    and pack totals were three near-identical lines); a paper of two sections keeps each."""
    geography = pdf_text(papers["aqa-geography-paper-3"] / "answer-key.pdf")
    assert geography.count("Total for") == 1
    assert "Total for Paper 3 Geographical applications: Section B Fieldwork: 19 marks + 3 SPaG" in geography
    edexcel = pdf_text(papers["edexcel-paper-3"] / "answer-key.pdf")
    assert "Total for Section A" in edexcel and "Total for Section B" in edexcel
    assert "Total for the pack" not in edexcel
