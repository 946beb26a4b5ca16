"""A class set lays each unit out once: the layout that settles (after closing a sheet's answer
lines up to end it a page sooner) is replayed into the class set's forms, not composed and laid
out again, and the copies are byte for byte those a fresh layout into the forms gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from studypack.app import batch
from studypack.pdf import render, typeset
from studypack.views import documents

from conftest import EXAMPLE, squash

ROSTER = "Forename,Surname,Tutor group\nAnn,Lee,9B\nBo,Ray,9B\n"


def _build(tmp_path: Path, name: str, sheets: tuple[str, ...] = ("why-public",)) -> Path:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    result = batch.build(EXAMPLE, roster, None, tmp_path / name, batch.Options(sheets=sheets))
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
