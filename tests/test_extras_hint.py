"""Every message that names an optional extra says how to install it twice: by the published
name (an installed studypack) and from a checkout (`.[extra]`), and names only extras that exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from studypack.base.extras import install

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])


def test_the_hint_names_the_published_package_and_the_checkout():
    assert install("docx") == "pip install 'studypack[docx]' (from a checkout: pip install '.[docx]')"


def test_every_extra_the_code_names_exists_and_each_mention_gives_the_checkout_form_too():
    named = set()
    for path in sorted((ROOT / "studypack").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"install\(['\"](\w+)['\"][,)]", text))
        for line_no, line in enumerate(text.splitlines(), 1):
            for extra in re.findall(r"studypack\[(\w+)\]", line):
                named.add(extra)
                assert f".[{extra}]" in line, f"{path.relative_to(ROOT)}:{line_no}: give the checkout form too"
    assert named >= {"docx", "xlsx", "mark", "serve", "preview", "rtl"}
    assert named <= EXTRAS, sorted(named - EXTRAS)
