"""What a teacher installs: the wheel and the sdist carry the fonts and their licences, and
nothing from the example workspace (a school's layouts/, output/). Built with hatchling
in-process (about a second for both)."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

from studypack.media import fonts

ROOT = Path(__file__).resolve().parent.parent
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
    assert tops == {"studypack", "studypack-0.1.0.dist-info"}
    assert "studypack/layouts/default.yaml" in names and "studypack/profiles/aqa-gcse-history-paper-1a.yaml" in names
    assert not [n for n in names if n.startswith(("studypack/sources/", "studypack/output/")) or n.endswith("studypack.yaml")]


def test_the_sdist_carries_the_fonts_but_not_the_workspace_folders(built):
    _, _, members = built
    for name in FACES + LICENCES:
        assert f"studypack/fontfiles/{name}" in members, name
    assert "LICENSE" in members and "NOTICE.md" in members and "pyproject.toml" in members
    assert not [m for m in members if m.startswith(("layouts/", "output/"))]
