"""A class set lays each unit out once: the layout that settles (after closing a sheet's answer
lines up to end it a page sooner) is replayed into the class set's forms, not composed and laid
out again, and the copies are byte for byte those a fresh layout into the forms gives. Its key
is set once for the same copies: a rebuild takes it from the user's cache, and a small key is
set in the build's own process."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from studypack.app import batch
from studypack.pdf import render, typeset
from studypack.views import documents

from conftest import EXAMPLE, squash

ROSTER = "Forename,Surname,Tutor group\nAnn,Lee,9B\nBo,Ray,9B\n"


def _build(tmp_path: Path, name: str, sheets: tuple[str, ...] = ("why-public",), **options) -> Path:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    result = batch.build(EXAMPLE, roster, None, tmp_path / name, batch.Options(sheets=sheets, **options))
    assert result.problems == [] and result.copies == 2
    return next((tmp_path / name).glob("*/roster--*"))


@pytest.fixture
def composed(monkeypatch):
    """How many times the student sheets were composed (each time is one layout)."""
    calls: list[int] = []
    view = documents.DOCUMENTS["sheets"]

    class Counted:
        @staticmethod
        def parts(document, job):
            calls.append(1)
            return view.parts(document, job)

    monkeypatch.setitem(documents.DOCUMENTS, "sheets", Counted)
    return calls


def test_the_settled_layout_goes_into_the_forms_without_laying_it_out_again(tmp_path, composed):
    """why-public would end on a page holding its last question alone: its answer lines close
    up, try by try, and the layout that ends it a page sooner is kept. The copies print that
    layout (one sheet of two pages), and it is not laid out again for the forms: taken as
    unclean (as a layout that warned is), the same class set is laid out once more."""
    folder = _build(tmp_path, "once")
    pages = PdfReader(str(folder / "Lee-Ann.pdf")).pages
    words = [squash(page.extract_text()) for page in pages]
    assert len(pages) == 2 and all("Page 1 of 1" in w and "End of questions" in w for w in words), words
    assert "Ann Lee" in words[0]
    replayed = len(composed)
    assert replayed >= 2  # the first layout, and a try at least
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render.Recording, "clean", property(lambda self: False, lambda self, value: None), raising=False)
        patch.setattr(typeset, "_captured", lambda *args: pytest.fail("an unclean layout replayed"))
        _build(tmp_path, "fresh")
    assert len(composed) - replayed == replayed + 1


def test_the_replayed_forms_are_those_a_fresh_layout_gives(tmp_path, monkeypatch):
    """The same class set with every recording taken as unclean (so each unit is laid out into
    the forms afresh, as before) has the same bytes: the class set, each copy, the key."""
    replayed = _build(tmp_path, "replayed")
    monkeypatch.setattr(render.Recording, "clean", property(lambda self: False, lambda self, value: None), raising=False)
    fresh = _build(tmp_path, "fresh")
    for name in ("class-set.pdf", "Lee-Ann.pdf", "Ray-Bo.pdf", "answer-key.pdf"):
        assert (replayed / name).read_bytes() == (fresh / name).read_bytes(), name


@pytest.fixture
def keys_set(monkeypatch):
    """The class keys typeset (by their variants' names), in this process (`--jobs 1`)."""
    set_: list[tuple[str, ...]] = []
    real = batch._key_pages

    def counted(document, job):
        set_.append(tuple(name for name, _pack, _answers in document.variants))
        return real(document, job)

    monkeypatch.setattr(batch, "_key_pages", counted)
    return set_


def test_a_rebuilt_class_set_takes_its_key_from_the_cache_for_the_same_variants_only(tmp_path, keys_set):
    first = _build(tmp_path, "first", variants=2, jobs=1)
    again = _build(tmp_path, "again", variants=2, jobs=1)
    three = _build(tmp_path, "three", variants=3, jobs=1)  # two students: dealt A and B again, the same key
    assert keys_set == [("A", "B")]  # the rebuilds' keys came from the cache
    for folder in (again, three):
        assert (folder / "answer-key.pdf").read_bytes() == (first / "answer-key.pdf").read_bytes()
    shuffled = _build(tmp_path, "shuffled", shuffle=True, jobs=1)  # other variants: set afresh
    assert keys_set == [("A", "B"), ("Ann Lee", "Bo Ray")]
    grid = squash(PdfReader(str(shuffled / "answer-key.pdf")).pages[0].extract_text())
    assert "Ann Lee" in grid and "Bo Ray" in grid
    _build(tmp_path, "marked", variants=2, jobs=1, marking=True)  # another layout (marking on): another key
    _build(tmp_path, "uncached", variants=2, jobs=1, cache=False)
    assert keys_set[2:] == [("A", "B"), ("A", "B")]


def test_a_small_key_is_set_in_the_build_process_and_a_large_one_beside_the_copies():
    """`build.FORK_WORTH` questions, each variant's page of answers counting them again."""
    from studypack.app.build import prepare
    from studypack.plan import documents as planning

    class Student:
        def __init__(self, key):
            self.key, self.layout, self.tier, self.name = key, "", "", key

    pack = prepare(EXAMPLE).loaded.pack
    students = [Student(k) for k in ("a", "b", "c")]
    whole = planning.class_set(pack, students)
    one = planning.class_set(pack, students, sheets=("background-worksheet",))
    one_variants = planning.class_set(pack, students, 3, sheets=("background-worksheet",))
    assert len(one.key.sheets) == 1 and sum(len(q) for _s, _i, q in one.pack.sheets[0].groups()) == 9
    assert batch._key_jobs(whole, None) is None and batch._key_jobs(one, None) == 1
    assert batch._key_jobs(one_variants, None) is None  # three variants' pages of answers and the shared scheme
    assert batch._key_jobs(one, 2) == 2
