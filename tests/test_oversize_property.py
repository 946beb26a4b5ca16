"""Property test: an element of any height, from one word to ten pages, in every question kind,
every stimulus kind and every shipped layout, builds or is refused at its line: never an
internal error.

Each example takes the documented example of a question kind (docs/question-kinds.md) or a
stimulus of each kind, and makes one of its texts (or a table's rows, or a poem's lines) as
tall as drawn: a word, a paragraph, a page, ten pages, or one unbroken word. The fast suite
runs a derandomised handful; the full sweep (every kind in every layout at its tallest) is
marked slow. STUDYPACK_FUZZ=N draws N fresh examples instead, as in test_properties.py.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from test_properties import _settings, assert_builds_or_locates, run

LAYOUTS = sorted(p.stem for p in (ROOT / "studypack" / "layouts").glob("*.yaml"))
QUESTION_KINDS = sorted(p.name.replace("_", "-") for p in (ROOT / "studypack" / "kinds" / "questions").iterdir()
                        if (p / "spec.py").is_file())
STIMULUS_KINDS = sorted(p.name.replace("_", "-") for p in (ROOT / "studypack" / "kinds" / "stimuli").iterdir()
                        if (p / "spec.py").is_file())

_DOC = (ROOT / "docs" / "question-kinds.md").read_text(encoding="utf-8")
EXAMPLES: dict[str, dict] = {}
for _kind, _body in re.findall(r"<!-- example: question (\S+) -->\n```yaml\n(.*?)```", _DOC, re.S):
    _question = yaml.safe_load(_body)
    if isinstance(_question, dict) and _question.get("kind") == _kind:
        EXAMPLES.setdefault(_kind, _question)

WORDS_PER_PAGE = 500  # of the default layout: large print holds far fewer, so ten pages there is more
HEIGHTS = {"a word": 1, "a paragraph": 60, "a page": WORDS_PER_PAGE, "ten pages": 10 * WORDS_PER_PAGE}
SWEPT = {**HEIGHTS, "three pages": 3 * WORDS_PER_PAGE}  # the slow sweep's height (see the sweep)
UNBROKEN = "unbroken"  # one word of 3,000 letters: nowhere to break a line
LAST = "Finisterre"


def tall_text(height: str) -> str:
    if height == UNBROKEN:
        return "W" * 3000
    count = SWEPT[height]
    return " ".join(f"word{i}" + (".\n\n" if i % 120 == 119 else "") for i in range(count - 1)) + f" {LAST}."


def text_paths(value, path=()):
    """Every string of a question that a teacher writes, with its key path (never `kind`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("kind", "answer", "answers", "space", "file", "image"):
                yield from text_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_paths(item, (*path, index))
    elif isinstance(value, str):
        yield path


def replaced(value, path, new):
    out = copy.deepcopy(value)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return out


def stimulus(kind: str, height: str) -> dict:
    """A stimulus of `kind` lettered A whose main text (or rows, or lines, or caption) is that tall."""
    text = tall_text(height)
    words = text.split()
    if kind == "source":
        return {"letter": "A", "kind": "primary", "title": "A speech", "origin": "A speaker", "date": "1936",
                "citation": "A book", "text": text}
    if kind == "poem":
        return {"letter": "A", "kind": "poem", "title": "A poem", "author": "A poet",
                "text": "\n".join(" ".join(words[i:i + 6]) for i in range(0, len(words), 6))}
    if kind == "table":
        rows = [[words[i], " ".join(words[i:i + 25])] for i in range(0, len(words), 25)][:200]
        return {"letter": "A", "kind": "table", "title": "A table", "columns": ["Name", "Words"], "rows": rows}
    if kind == "figure":
        return {"letter": "A", "kind": "figure", "title": text[:20_000], "credit": "A credit",
                "image": {"file": "images/" + _picture()}}
    return {"letter": "A", "kind": kind, "title": "A text", "author": "An author", "text": text}


def _picture() -> str:
    return sorted(p.name for p in (EXAMPLE / "images").iterdir() if p.suffix in (".png", ".jpg"))[0]


def pack(question: dict, source: dict | None = None) -> dict:
    source = source or {"letter": "A", "kind": "primary", "title": "A speech", "origin": "A speaker",
                        "date": "1936", "citation": "A book", "text": "Some words that were said."}
    return {"title": "Tall elements", "subject": "History", "level": "Ages 14-16", "sources": [source],
            "sheets": [{"id": "s1", "kind": "source-analysis", "title": "Sheet one", "sources": ["A"],
                        "questions": [question]}]}


def tall_question(kind: str, which: int, height: str) -> dict:
    example = EXAMPLES[kind]
    paths = list(text_paths(example))
    return replaced(example, paths[which % len(paths)], tall_text(height)) if paths else example


SHORT = {"kind": "short", "prompt": "What does Source A say?", "marks": 2, "answer": "It says some words."}


def builds_or_is_refused(content: dict, layout: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        folder.mkdir()
        shutil.copytree(EXAMPLE / "images", folder / "images")
        (folder / "pack.yaml").write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
        result = run(Path(tmp), "build", "pack", "--layout", layout, "--jobs", "1", "--no-cache", "--out", "out")
        assert_builds_or_locates(result, Path(tmp) / "out")


def test_every_kind_has_an_example_to_grow():
    assert set(EXAMPLES) >= set(QUESTION_KINDS), set(QUESTION_KINDS) - set(EXAMPLES)
    assert len(LAYOUTS) >= 10 and len(STIMULUS_KINDS) >= 7


heights = st.sampled_from([*HEIGHTS, UNBROKEN])


@_settings(12)
@given(st.sampled_from(QUESTION_KINDS), st.integers(0, 40), heights, st.sampled_from(LAYOUTS))
def test_a_question_of_any_height_builds_or_is_refused(kind, which, height, layout):
    builds_or_is_refused(pack(tall_question(kind, which, height)), layout)


@_settings(6)
@given(st.sampled_from(STIMULUS_KINDS), heights, st.sampled_from(LAYOUTS))
def test_a_stimulus_of_any_height_builds_or_is_refused(kind, height, layout):
    builds_or_is_refused(pack(SHORT, stimulus(kind, height)), layout)


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", QUESTION_KINDS)
def test_every_text_of_every_question_kind_at_ten_pages_in_every_layout(kind, layout):
    """Each layout grows a different text of the kind (the prompt in one, an option or a cell in
    the next), so across the layouts every text is grown and CI builds each pair once, three
    pages tall: a text in a table row (an ordering item, a matching pair) is set again on each
    page it reaches, so ten pages of it in a large layout take minutes (the drawn examples
    above reach ten pages). STUDYPACK_SWEEP=all grows every text in every layout to ten pages
    (a longer hunt)."""
    count = len(list(text_paths(EXAMPLES[kind])))
    every = os.environ.get("STUDYPACK_SWEEP") == "all"
    for which in range(count) if every else [LAYOUTS.index(layout) % max(1, count)]:
        builds_or_is_refused(pack(tall_question(kind, which, "ten pages" if every else "three pages")), layout)


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("kind", STIMULUS_KINDS)
@pytest.mark.parametrize("height", ["ten pages", UNBROKEN])
def test_every_stimulus_kind_at_its_tallest_in_every_layout(kind, layout, height):
    builds_or_is_refused(pack(SHORT, stimulus(kind, height)), layout)
