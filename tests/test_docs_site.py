"""The docs site (mkdocs.yml, Material theme) lists every page of docs/ and builds with
`mkdocs build --strict`: a link to a missing page, or to an anchor no heading makes, fails it.
The build needs the docs extra (`pip install '.[docs]'`, as .ci/run does) and is skipped without it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = shutil.which("mkdocs")


def _nav_files(nav) -> list[str]:
    """Every page file the nav names, at any depth."""
    found: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += _nav_files(value) if isinstance(value, list) else [value]
    return found


def test_every_page_of_docs_is_in_the_nav_once():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    files = _nav_files(config["nav"])
    assert files[0] == "index.md"
    assert sorted(files) == sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert config["theme"]["name"] == "material" and config["docs_dir"] == "docs"


def _build(root: Path, site: Path) -> subprocess.CompletedProcess:
    assert MKDOCS is not None
    return subprocess.run([MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=root,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.skipif(MKDOCS is None, reason="mkdocs is not installed (pip install '.[docs]')")
def test_the_site_builds_strict_with_every_page(tmp_path):
    done = _build(ROOT, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    for page in (ROOT / "docs").glob("*.md"):
        html = tmp_path / "site" / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        assert html.is_file(), page.name
    assert (tmp_path / "site" / "layouts" / "default.png").is_file()
    changelog = (tmp_path / "site" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "Unreleased" in changelog and "--8&lt;--" not in changelog  # the file itself, not the line naming it


@pytest.mark.slow
@pytest.mark.skipif(MKDOCS is None, reason="mkdocs is not installed (pip install '.[docs]')")
def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    for name in ("mkdocs.yml", "CHANGELOG.md"):  # docs/changelog.md brings in the top-level CHANGELOG.md
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    page = tmp_path / "docs" / "maths.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [tiers](question-kinds.md#no-such-heading).\n",
                    encoding="utf-8")
    done = _build(tmp_path, tmp_path / "site")
    assert done.returncode != 0
    assert "no-such-heading" in done.stderr
