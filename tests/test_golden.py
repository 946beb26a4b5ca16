"""Every example PDF keeps its bytes: a change that moves anything on paper must say so.

When a change is meant to alter the paper, run `python tools/golden.py --accept`, look at the
reference pages (tests/test_reference_pages.py), and name the change in the commit. A changed PDF
is shown with a diff of its page log (tools/pagelog.py): what moved, on which page.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("golden", ROOT / "tools" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)
pagelog = golden.pagelog


def test_every_example_pdf_is_byte_identical_to_the_recorded_one(tmp_path):
    logs: dict[str, list[str]] = {}
    actual = golden.build_all(tmp_path, logs)
    assert len(actual) > 200  # every layout, both packs, tiers and a class set were built
    recorded, recorded_logs = golden.read_manifest(), golden.read_logs()
    problems = golden.differences(recorded, actual)
    assert not problems, ("PDFs differ from tests/golden/sha256.txt; if intended, run "
                          "`python tools/golden.py --accept`:\n" + "\n".join(golden.report(problems, recorded_logs, logs)))
    problems = golden.log_differences(recorded, recorded_logs, actual, logs)
    assert not problems, ("page logs differ from tests/golden/pagelog/ although every PDF's bytes match; "
                          "if tools/pagelog.py or pypdfium2 changed, run `python tools/golden.py --accept-logs`:\n"
                          + "\n".join(problems))


def test_the_check_notices_a_changed_pdf():
    recorded = {"a/x.pdf": "00", "a/y.pdf": "11"}
    assert golden.differences(recorded, {"a/x.pdf": "00", "a/y.pdf": "12", "a/z.pdf": "22"}) == [
        "changed: a/y.pdf", "new:     a/z.pdf"]
    assert golden.differences(recorded, {"a/x.pdf": "00"}) == ["missing: a/y.pdf"]


def _two_pages(second_line_y: float) -> bytes:
    """A heading page, then a page of two lines and a rule; the second line at second_line_y."""
    pdf = canvas.Canvas(io.BytesIO(), pageCompression=1, invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 770, "Heading")
    pdf.showPage()
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 700, "First line")
    pdf.drawString(72, second_line_y, "Second line")
    pdf.setLineWidth(0.5)
    pdf.line(72, 600, 300, 600)
    pdf.showPage()
    return pdf.getpdfdata()


def test_a_moved_line_is_named_with_its_page_in_the_diff():
    recorded, built = pagelog.page_log(_two_pages(680)), pagelog.page_log(_two_pages(670))
    assert 'p2 72,680 Helvetica 12 "Second line"' in recorded
    assert "p2 72,600 rule h228 stroke 0.5" in recorded
    explained = golden.report(["changed: case/two.pdf"], {"case/two.pdf": recorded}, {"case/two.pdf": built})
    assert explained[:2] == ["changed: case/two.pdf", "    pages that differ: p2"]
    assert '    -p2 72,680 Helvetica 12 "Second line"' in explained
    assert '    +p2 72,670 Helvetica 12 "Second line"' in explained
    assert not [line for line in explained if line.startswith(("    -p1", "    +p1"))]  # page 1 did not move


def test_a_long_diff_is_cut_and_counted_and_an_invisible_change_is_said_so():
    recorded = [f"p1 72,{y} Helvetica 12 \"line {y}\"" for y in range(700, 100, -12)]
    built = [line.replace("Helvetica", "Times-Roman") for line in recorded]
    explained = pagelog.explain(recorded, built, limit=10)
    assert len(explained) == 12 and explained[-1].startswith("... ") and explained[-1].endswith(" more diff lines")
    assert pagelog.explain(recorded, recorded)[0].startswith("page log unchanged")


def test_a_pdf_whose_bytes_match_but_whose_log_is_missing_or_different_fails(tmp_path):
    hashes = {"c/a.pdf": "00", "c/b.pdf": "11", "c/d.pdf": "22"}
    recorded_logs = {"c/a.pdf": ["p1 page 595x842"], "c/b.pdf": ["p1 page 595x842", "p1 1,2 rule h3 stroke 1"]}
    actual_logs = {"c/a.pdf": ["p1 page 595x842"], "c/b.pdf": ["p1 page 595x842"], "c/d.pdf": ["p1 page 595x842"]}
    problems = golden.log_differences(hashes, recorded_logs, dict(hashes), actual_logs)
    assert len(problems) == 2
    assert problems[0].startswith("log:     c/b.pdf: bytes as recorded, but the page log reads differently on p1")
    assert problems[1].startswith("log:     c/d.pdf: bytes as recorded, but no page log")
    golden.write_logs(actual_logs, tmp_path)  # and the case files read back as written
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]
    assert golden.read_logs(tmp_path) == actual_logs


def test_the_page_log_opens_forms_and_scales_what_they_hold():
    pdf = canvas.Canvas(io.BytesIO(), invariant=1)
    pdf.beginForm("page")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(100, 100, "inside a form")
    pdf.rect(100, 50, 200, 30, stroke=1, fill=0)
    pdf.endForm()
    pdf.saveState()
    pdf.translate(20, 10)
    pdf.scale(0.5, 0.5)
    pdf.doForm("page")
    pdf.restoreState()
    pdf.showPage()
    log = pagelog.page_log(pdf.getpdfdata())
    assert log == ["p1 page 595x842", 'p1 70,60 Helvetica 5 "inside a form"', "p1 70,35 box 100x15 stroke 0.5"]


def test_repeated_and_nearly_repeated_pages_are_written_once_and_read_back_whole(tmp_path):
    """A class set's combined PDF repeats each copy's pages, and the copies differ by a name:
    the case file names the earlier page instead of repeating it, and reads back the same lines."""
    copy = ["p1 page 595x842", "p1 57,790 NotoSans-Bold 9 \"Ann Lee\"", "p1 57,700 NotoSans 10 \"Question 1\""]
    other = [copy[0], "p1 57,790 NotoSans-Bold 9 \"Bo Ray\"", copy[2]]
    logs = {"case/a.pdf": copy, "case/b.pdf": other, "case/class-set.pdf": copy + [line.replace("p1", "p2") for line in other]}
    golden.write_logs(logs, tmp_path)
    written = (tmp_path / "case.txt").read_text(encoding="utf-8").splitlines()
    assert "p1 = a.pdf p1" in written and "p1 ! 1 57,790 NotoSans-Bold 9 \"Bo Ray\"" in written
    assert "p2 = b.pdf p1" in written and len(written) == 1 + 3 + 1 + 3 + 1 + 2
    assert golden.read_logs(tmp_path) == logs


pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite
