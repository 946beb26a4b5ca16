"""Every path a pack brings stays inside the pack, its own layouts' `logo:` and `extends:`
included; a workspace layout's stay inside the workspace. (The refusals themselves are in
the bad-input corpus: pack-layout-*.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studypack.build import build
from studypack.errors import StudypackError

from test_robust import small_pack, write_pack


def logo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (60, 20), "navy").save(path)


def test_a_pack_layout_may_use_a_logo_and_a_base_inside_the_pack(tmp_path):
    pack = write_pack(tmp_path / "trials", small_pack(layout="looks/layout.yaml"))
    logo(pack / "pictures" / "crest.png")
    (pack / "looks").mkdir()
    (pack / "looks" / "base.yaml").write_text("extends: default\nbranding:\n  logo: ../pictures/crest.png\n  logo_height: 6mm\n")
    (pack / "looks" / "layout.yaml").write_text("extends: base.yaml\n")
    result = build(pack, None, tmp_path / "out")
    assert any(item.path.name == "pack.pdf" for item in result.written)


def test_a_symlinked_logo_inside_the_pack_that_points_outside_is_refused(tmp_path):
    logo(tmp_path / "private" / "photo.png")
    pack = write_pack(tmp_path / "trials", small_pack(layout="layout.yaml"),
                      **{"layout.yaml": "extends: default\nbranding:\n  logo: crest.png\n  logo_height: 6mm\n"})
    (pack / "crest.png").symlink_to(tmp_path / "private" / "photo.png")
    with pytest.raises(StudypackError, match=r"layout.yaml:3: logo: 'crest.png' leads outside the pack folder"):
        build(pack, None, tmp_path / "out")


def test_a_workspace_layout_stays_in_the_workspace(tmp_path, monkeypatch):
    workspace = tmp_path / "school"
    pack = write_pack(workspace / "trials", small_pack())
    logo(tmp_path / "private" / "photo.png")
    logo(workspace / "crest.png")
    (workspace / "layouts").mkdir()
    (workspace / "layouts" / "ours.yaml").write_text("extends: default\nbranding:\n  logo: ../crest.png\n  logo_height: 6mm\n")
    (workspace / "layouts" / "theirs.yaml").write_text("extends: default\nbranding:\n  logo: ../../private/photo.png\n  logo_height: 6mm\n")
    monkeypatch.chdir(workspace)
    assert build(pack, "ours", tmp_path / "out").written
    with pytest.raises(StudypackError, match=r"layouts/theirs.yaml:3: logo: '../../private/photo.png' leads outside "
                                             r"the workspace"):
        build(pack, "theirs", tmp_path / "out")


def test_a_layout_given_on_the_command_line_is_the_teachers_own(tmp_path, monkeypatch):
    logo(tmp_path / "private" / "photo.png")
    (tmp_path / "private" / "mine.yaml").write_text("extends: default\nbranding:\n  logo: photo.png\n  logo_height: 6mm\n")
    pack = write_pack(tmp_path / "work" / "trials", small_pack())
    monkeypatch.chdir(tmp_path / "work")
    assert build(pack, str(tmp_path / "private" / "mine.yaml"), tmp_path / "out").written
