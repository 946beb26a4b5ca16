"""Every example PDF keeps its bytes: a change that moves anything on paper must say so.

When a change is meant to alter the paper, run `python tools/golden.py --accept`, look at the
reference pages (tests/test_reference_pages.py), and name the change in the commit.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("golden", ROOT / "tools" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


def test_every_example_pdf_is_byte_identical_to_the_recorded_one(tmp_path):
    actual = golden.build_all(tmp_path)
    assert len(actual) > 200  # every layout, both packs, tiers and a class set were built
    problems = golden.differences(golden.read_manifest(), actual)
    assert not problems, ("PDFs differ from tests/golden/sha256.txt; if intended, run "
                          "`python tools/golden.py --accept`:\n" + "\n".join(problems))


def test_the_check_notices_a_changed_pdf():
    recorded = {"a/x.pdf": "00", "a/y.pdf": "11"}
    assert golden.differences(recorded, {"a/x.pdf": "00", "a/y.pdf": "12", "a/z.pdf": "22"}) == [
        "changed: a/y.pdf", "new:     a/z.pdf"]
    assert golden.differences(recorded, {"a/x.pdf": "00"}) == ["missing: a/y.pdf"]
