"""Limits are met before the work: the page estimate that refuses a pack before
typesetting never exceeds the pages really printed, and the typesetter's own stop
says which pack and line, without ReportLab's notes."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from studypack.settings import estimate, layout as layouts
from studypack.views import flowables
from studypack.app.build import build
from studypack.base.errors import StudypackError
from studypack.content.validate import load_pack

from conftest import EXAMPLE
from test_robust import overflowing_pack, small_pack, write_pack


@pytest.mark.parametrize("name", ["default", "compact-booklet", "large-print-36"])
def test_the_page_estimate_is_a_lower_bound(shipped, name):
    filename, least = estimate.pages_at_least(load_pack(EXAMPLE).pack, layouts.load(name))
    printed = len(PdfReader(str(shipped(name) / filename)).pages)
    assert 0 < least <= printed


def test_a_long_pack_is_refused_before_typesetting(tmp_path, monkeypatch):
    question = {"kind": "short", "prompt": "Write at length.", "marks": 2, "lines": 80, "answer": "Anything."}
    pack = write_pack(tmp_path / "long", small_pack(sheets=[
        {"id": "s1", "kind": "worksheet", "title": "One", "questions": [dict(question) for _ in range(900)]}]))
    monkeypatch.setattr("studypack.pdf.typeset.typeset", lambda *a, **k: pytest.fail("typeset"))
    with pytest.raises(StudypackError, match=r"^pack.yaml:\d+: s1.pdf would run past 2,000 pages \(its answer "
                                             r"lines alone fill 2,5\d\d\)"):
        monkeypatch.chdir(pack)
        build(pack, None, tmp_path / "out")


def test_the_typesetters_own_stop_is_located_and_clean(tmp_path, monkeypatch):
    monkeypatch.setattr(flowables, "MAX_PAGES", 2)
    pack = write_pack(tmp_path / "long", overflowing_pack())
    monkeypatch.chdir(pack)
    with pytest.raises(StudypackError) as caught:
        build(pack, None, tmp_path / "out", jobs=1)
    line = (pack / "pack.yaml").read_text().splitlines().index("sheets:") + 1
    assert [str(p) for p in caught.value.problems] == [
        f"pack.yaml:{line}: s1.pdf runs past 2 pages: shorten the pack or split it"]
    assert not (tmp_path / "out").exists()
