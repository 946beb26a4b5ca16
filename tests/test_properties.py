"""Property-based tests: whatever a pack holds, studypack builds it or names what is wrong.

Packs are generated from the documented example of every question kind, with any text
swapped for arbitrary Unicode (emoji, control characters, right-to-left marks, markup
look-alikes), numbers swapped for anything, keys dropped or misspelt. Each must either
build (exit 0, PDFs written) or fail with exit 2 and only `file:line: message` or
`error: message` lines: never a traceback, an internal error or a hang.

The examples are derandomised so CI is stable; STUDYPACK_FUZZ=N runs N fresh random
examples per property instead (for a longer hunt on a developer's machine).
How long each example takes is measured by benchmarks/bench_limits.py, never asserted here.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from studypack.media import text
from studypack.commands.cli import main

_FUZZ = int(os.environ.get("STUDYPACK_FUZZ", "0"))


def _settings(examples: int):
    return settings(max_examples=_FUZZ or examples, deadline=None, derandomize=not _FUZZ, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


_DOC = (ROOT / "docs" / "question-kinds.md").read_text(encoding="utf-8")
QUESTIONS = [yaml.safe_load(body) for body in
             re.findall(r"<!-- example: question \S+ -->\n```yaml\n(.*?)```", _DOC, re.S)]
assert len(QUESTIONS) >= 5

TRICKY = ["<b>", "</i>", "&amp;", "&", "<", "{{ pack.title }}", "{%", "*", "**", "\\", "\\*", "\x07", "\x0b",
          "\x1b[31m", "\u202e", "\u200b", "\ufeff", "😀", "👩🏽‍🏫", "Бухарин", "Ζ", "Nguyễn", "ע", "ب", "\u0301",
          "\t", "\n", "\n\n", "  ", "—", "\u00ad", "no", "yes", "~", "null", "1936-08-19", "0x1F", "1e400"]

texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(TRICKY) | st.text(max_size=8), max_size=12).map("".join),
)
words = st.one_of(  # never empty, so a pack made of them is valid and gets typeset
    st.text(min_size=1, max_size=60).filter(lambda t: any(c.isalnum() for c in t) and t.strip() not in TRICKY[-6:]),
    st.lists(st.sampled_from(TRICKY[:30]) | st.text(min_size=1, max_size=8), min_size=1, max_size=12)
    .map(lambda parts: "Text " + "".join(parts)),
)
# Text fields whose words may be anything without breaking a rule that links fields
FREE_TEXT = {"prompt", "explanation", "descriptor", "caption", "instructions", "answer_hint", "indicative",
             "points", "note", "model"}
anything = st.one_of(texts, st.integers(-10, 10_000), st.floats(allow_nan=True, allow_infinity=True),
                     st.booleans(), st.none(), st.lists(st.integers(0, 9), max_size=3))


def reword(value, draw, key: str = ""):
    """Keep a valid structure valid: only free text fields get arbitrary words."""
    if isinstance(value, dict):
        return {k: reword(v, draw, k) for k, v in value.items()}
    if isinstance(value, list):
        return [reword(v, draw, key) for v in value]
    if isinstance(value, str) and key in FREE_TEXT:
        return draw(words)
    return value


def mutate(value, draw, key: str = ""):
    """Change the leaves of a valid structure: mostly texts for texts, sometimes anything."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            roll = draw(st.integers(0, 99))
            if roll >= 97:
                continue  # a key left out
            if roll >= 95:
                k = k + draw(st.sampled_from(["s", "x", "_"]))  # a key misspelt
            out[k] = mutate(v, draw, k)
        return out
    if isinstance(value, list):
        return [mutate(v, draw, key) for v in value]
    roll = draw(st.integers(0, 99))
    if key == "kind" and roll < 95:
        return value
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return draw(st.integers(-3, 250)) if roll < 85 else draw(anything)
    if isinstance(value, str):
        return value if roll < 30 else (draw(texts) if roll < 95 else draw(anything))
    return value


@st.composite
def packs(draw) -> dict:
    letters = ["A", "B"] + draw(st.lists(st.sampled_from("CDE"), max_size=2, unique=True))
    sources = [{"letter": letter, "title": draw(words), "kind": draw(st.sampled_from(["primary", "secondary"])),
                "origin": draw(words), "date": draw(words), "citation": draw(words),
                "text": draw(st.lists(words, min_size=1, max_size=6).map("\n\n".join))} for letter in letters]
    questions = [reword(draw(st.sampled_from(QUESTIONS)), draw) for _ in range(draw(st.integers(1, 4)))]
    sheet = {"id": "s1", "kind": draw(st.sampled_from(["worksheet", "source-analysis"])), "title": draw(words),
             "instructions": draw(words), "sources": letters, "questions": questions}
    pack = {"title": draw(words), "subject": draw(words), "level": draw(words), "author": draw(words),
            "sources": sources, "sheets": [sheet],
            "glossary": draw(st.dictionaries(words, words, max_size=3)),
            "timeline": [{"date": draw(words), "event": draw(words)} for _ in range(draw(st.integers(0, 3)))]}
    return mutate(pack, draw) if draw(st.integers(0, 3)) == 3 else pack  # a quarter of them broken


def dump(pack: dict) -> str:
    return yaml.safe_dump(pack, allow_unicode=draw_unicode(pack), sort_keys=False, width=70)


def draw_unicode(pack: dict) -> bool:
    return len(str(pack)) % 2 == 0  # both spellings: literal characters and \u escapes


LOCATED = re.compile(r"^(error: .+|[^:\n]+\.(ya?ml|csv|tsv|txt):\d+: .+|[^:\n]+\.pdf, page \d+: .+|\d+ problems found; nothing was written\.)$")


def run(folder: Path, *args: str):
    old = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


def assert_builds_or_locates(result, out: Path | None) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines and all(LOCATED.match(line) for line in lines), lines
        assert out is None or not out.exists()
    elif out is not None:
        assert {p.name for p in out.glob("*/*.pdf")} >= {"s1.pdf", "pack.pdf", "answer-key.pdf"}


@_settings(25)
@given(packs())
def test_generated_packs_build_or_fail_with_located_errors(pack):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        folder.mkdir()
        shutil.copytree(EXAMPLE / "images", folder / "images")
        (folder / "pack.yaml").write_text(dump(pack), encoding="utf-8")
        result = run(Path(tmp), "build", "pack", "--jobs", "1", "--out", "out")
        assert_builds_or_locates(result, Path(tmp) / "out")


@_settings(60)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
                 packs().map(dump).flatmap(lambda y: st.integers(0, len(y)).map(lambda n: y[:n]))))
def test_any_file_content_is_checked_without_a_traceback(content):
    """Raw text, binary junk and packs cut off at any point, through `check`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        folder.mkdir()
        (folder / "pack.yaml").write_bytes(content.encode("utf-8", "surrogatepass"))
        result = run(Path(tmp), "check", "pack")
        assert_builds_or_locates(result, None)


@_settings(300)
@given(texts)
def test_inline_markup_is_always_valid_paragraph_markup(value):
    """Whatever a teacher types, the markup handed to ReportLab parses and shows the same words."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    for paragraph in text.paragraphs(value) or [""]:
        Paragraph(paragraph, ParagraphStyle("p")).wrap(400, 1000)


PATHOLOGICAL_MARKUP = [  # long runs of unpaired and paired markers, and the markup they give
    ("*a " * 20_000, "*a " * 20_000),
    ("**" * 20_000, "**" * 20_000),
    ("*" * 40_001, "*" * 40_001),
    ("\\*" * 20_000, "*" * 20_000),
    ("*a* " * 20_000, "<i>a</i> " * 20_000),
]


def test_inline_markup_of_pathological_input():
    """Runs of markers stay literal or pair up as written; benchmarks/bench_limits.py times them."""
    for value, markup in PATHOLOGICAL_MARKUP:
        assert text.inline(value) == markup, value[:12]


@_settings(25)
@given(st.lists(st.lists(texts, min_size=1, max_size=4), min_size=0, max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]), st.sampled_from([",", ";", "\t"]))
def test_generated_rosters_build_or_fail_with_located_errors(rows, encoding, delimiter):
    """Rosters as office software writes them: any encoding, delimiter, ragged rows, odd names."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "tests" / "bad_inputs" / "image-missing", folder / "pack")
        (folder / "pack" / "pack.yaml").write_text(
            (folder / "pack" / "pack.yaml").read_text().replace("    image: {file: picture.png, caption: A picture}\n",
                                                                "    text: Some words.\n"))
        lines = [delimiter.join(["Name", "Class"])] + [delimiter.join(row) for row in rows]
        (folder / "roster.csv").write_bytes("\r\n".join(lines).encode(encoding, "replace"))
        result = run(folder, "build", "pack", "--roster", "roster.csv", "--jobs", "1", "--out", "out")
        assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
        assert "Traceback" not in result.output and "internal error" not in result.output, result.output
        # 1: built, some rows left out (each named with its roster line); 2: nothing built
        for line in result.stderr.splitlines():
            assert (LOCATED.match(line) or line.startswith("warning: ") or re.match(r"\d+ (roster rows? w|warnings?; )", line)), line
        assert (folder / "out").exists() == (result.exit_code != 2)
