"""What a teacher installs: the wheel and the sdist carry the fonts and their licences, and
nothing from the example workspace (a school's layouts/, output/). Built with hatchling
in-process (about a second for both)."""

from __future__ import annotations

import re
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

from studypack.media import fonts

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
FACES = sorted(fonts.shipped_files())
LICENCES = sorted(p.name for p in fonts.FONT_DIR.glob("OFL-*.txt"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    wheel = Path(next(iter(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))))
    sdist = Path(next(iter(SdistBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        metadata = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    with tarfile.open(sdist) as t:
        members = [m.split("/", 1)[1] for m in t.getnames() if "/" in m]
    return names, metadata, members


def test_the_wheel_carries_every_face_and_its_licence(built):
    names, metadata, _ = built
    assert len(FACES) == 18 and LICENCES == ["OFL-Andika.txt", "OFL-AtkinsonHyperlegible.txt", "OFL-FiraGO.txt",
                                             "OFL-NotoSans.txt", "OFL-NotoSansMath.txt", "OFL-NotoSansSymbols2.txt"]
    for name in FACES + LICENCES + ["README.md"]:
        assert f"studypack/fontfiles/{name}" in names, name
    licences = {n.rsplit("/", 1)[1] for n in names if ".dist-info/licenses/" in n}
    assert licences == {"LICENSE", *LICENCES}
    assert "License: MIT AND OFL-1.1" in metadata or "License-Expression: MIT AND OFL-1.1" in metadata
    assert "font" not in "".join(line for line in metadata.splitlines() if line.startswith("Requires-Dist") and "extra ==" not in line)


def test_the_wheel_holds_the_package_and_nothing_of_the_example_workspace(built):
    names, _, _ = built
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {"studypack", f"studypack-{PROJECT['version']}.dist-info"}
    assert "studypack/layouts/default.yaml" in names and "studypack/profiles/aqa-gcse-history-paper-1a.yaml" in names
    assert not [n for n in names if n.startswith(("studypack/sources/", "studypack/output/")) or n.endswith("studypack.yaml")]


def test_the_sdist_carries_the_fonts_but_not_the_workspace_folders(built):
    _, _, members = built
    for name in FACES + LICENCES:
        assert f"studypack/fontfiles/{name}" in members, name
    assert "LICENSE" in members and "NOTICE.md" in members and "pyproject.toml" in members
    assert "CHANGELOG.md" in members and "mkdocs.yml" in members
    assert not [m for m in members if m.startswith(("layouts/", "output/"))]


def test_the_metadata_says_what_the_package_is_for_and_runs_on(built):
    _, metadata, _ = built
    classifiers = {line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Classifier: ")}
    assert {"Topic :: Education", "Intended Audience :: Education", "Operating System :: OS Independent",
            "Programming Language :: Python :: 3 :: Only"} <= classifiers
    supported = {c.rsplit(" ", 1)[1] for c in classifiers if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)}
    assert supported and min(supported, key=lambda v: int(v.split(".")[1])) == PROJECT["requires-python"].removeprefix(">=")
    assert not [c for c in classifiers if c.startswith("License ::")]  # PEP 639: the licence is the expression alone
    assert "Requires-Python: >=3.11" in metadata


def test_the_docs_extra_builds_the_site_and_platformdirs_is_a_dependency(built):
    _, metadata, _ = built
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist: ")]
    assert any(r.startswith("Requires-Dist: mkdocs>=") and "extra == 'docs'" in r for r in requires)
    assert any(r.startswith("Requires-Dist: mkdocs-material") and "extra == 'docs'" in r for r in requires)
    assert any(r.startswith("Requires-Dist: platformdirs") and "extra" not in r for r in requires)
    assert "Provides-Extra: docs" in metadata


def test_the_version_is_the_changelogs_last_release():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, flags=re.M)
    assert headings[0] == ("Unreleased", "")
    releases = [version for version, date in headings[1:] if date]
    assert len(releases) == len(headings) - 1, "every release heading has a date"
    assert releases[0] == PROJECT["version"], "pyproject.toml's version is the last release in CHANGELOG.md"
    assert releases == sorted(releases, key=lambda v: tuple(int(n) for n in v.split(".")), reverse=True)


def test_the_package_says_the_same_version():
    import studypack

    assert studypack.__version__ == PROJECT["version"]
