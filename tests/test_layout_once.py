"""Each sheet is laid out once: pack.pdf replays the pages already laid out for the sheets'
own PDFs, and is byte for byte what laying it out afresh gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLE
from studypack.app import build as builds
from studypack.plan import documents as planning
from studypack.pdf.typeset import typeset, typeset_all
from studypack.views.documents import DOCUMENTS
from studypack.views.job import Job
from test_robust import small_pack, write_pack


def documents(pack_dir: Path, layout: str | None = None, tier: str | None = None):
    prepared = builds.prepare(pack_dir, layout)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, Path("out"), tier)
    return plan.documents, lambda: Job(prepared.layout, prepared.loaded.pack, prepared.loaded.root, tier)


def composed(monkeypatch) -> list[str]:
    """The documents whose sheets are composed (and so laid out) from now on, by file name."""
    seen: list[str] = []
    view = DOCUMENTS["sheets"]
    original = view.parts

    def parts(document, job):
        seen.append(document.filename)
        return original(document, job)
    monkeypatch.setattr(view, "parts", parts)
    return seen


@pytest.mark.parametrize("layout,tier", [("default", None), ("compact-booklet", None), ("default", "foundation")])
def test_the_pack_replays_the_sheets_pages_to_the_same_bytes(layout, tier, monkeypatch):
    docs, job = documents(EXAMPLE, layout, tier)
    fresh = [typeset(doc, job()) for doc in docs]
    seen = composed(monkeypatch)
    once = typeset_all(docs, job())
    assert "pack.pdf" not in seen  # replayed, not laid out again
    # each sheets document is composed for itself (again, closer, where it would end on a nearly
    # empty page: see typeset._balance), never for the pack
    assert len(set(seen)) == sum(doc.kind == "sheets" for doc in docs) - 1
    for doc, a, b in zip(docs, fresh, once):
        assert (doc.filename, a.pages, a.data) == (doc.filename, b.pages, b.data)
    assert {w for r in fresh for w in r.warnings} == {w for r in once for w in r.warnings}


def test_a_sheet_that_warned_while_laid_out_is_laid_out_again_in_the_pack(tmp_path, monkeypatch):
    """A block shrunk to fit warns with its file and page: pack.pdf, laid out afresh, warns too."""
    layout = "extends: default\nanswer_lines: {spacing: 300mm, per_mark: 1, minimum: 2}\n"
    pack = write_pack(tmp_path / "tall", small_pack(), **{"tall.yaml": layout})
    docs, job = documents(pack, str(pack / "tall.yaml"))
    fresh = [typeset(doc, job()) for doc in docs]
    seen = composed(monkeypatch)
    once = typeset_all(docs, job())
    assert "pack.pdf" in seen
    assert [r.data for r in fresh] == [r.data for r in once]
    pack_warnings = [str(w) for doc, r in zip(docs, once) if doc.filename == "pack.pdf" for w in r.warnings]
    assert any(re.match(r"pack\.pdf, page \d+: a block of answer lines is taller than a page", w) for w in pack_warnings)


def test_builds_on_one_two_and_more_cores_write_the_same_files(tmp_path):
    written = {}
    for jobs in (1, 2, 3):
        out = tmp_path / f"out{jobs}"
        builds.build(EXAMPLE, None, out, jobs=jobs, cache=False)
        written[jobs] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}
    assert len(written[1]) > 10
    assert written[1] == written[2] == written[3]


def test_one_or_two_cores_typeset_the_pack_with_its_sheets():
    docs, _job = documents(EXAMPLE)
    together = builds._batches(docs, 2)
    first = [doc.filename for doc in together[0]]
    assert first[-1] == "pack.pdf"
    assert first == [doc.filename for doc in docs if doc.kind in ("sheets", "reference")
                     or (doc.kind == "booklet" and doc.booklet_for)]
    assert "exam-paper-sources.pdf" in first and "source-booklet.pdf" not in first
    assert together[1][0].filename == "answer-key.pdf"  # the other long one starts early
    assert sorted(d.filename for batch in together for d in batch) == sorted(d.filename for d in docs)
    assert all(len(batch) == 1 for batch in builds._batches(docs, 4))
