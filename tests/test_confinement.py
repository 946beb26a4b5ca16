"""Every path a pack brings stays inside the pack, its own layouts' `logo:` and `extends:`
included; a workspace layout's stay inside the workspace. (The refusals themselves are in
the bad-input corpus: pack-layout-*.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studypack.app.build import build
from studypack.base.errors import StudypackError

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


# ------------------------------------------------------------------ board profiles follow the same rule

PROFILE = "extends: eduqas-gcse-history-depth-study\nbooklet: Our sources\n"


def test_a_pack_profile_may_extend_a_file_inside_the_pack_but_not_outside(tmp_path):
    pack = write_pack(tmp_path / "trials", small_pack(profile="boards/ours.yaml"))
    (pack / "boards").mkdir()
    (pack / "boards" / "base.yaml").write_text(PROFILE)
    (pack / "boards" / "ours.yaml").write_text("extends: base.yaml\n")
    assert build(pack, None, tmp_path / "out").written
    (tmp_path / "private.yaml").write_text(PROFILE)
    (pack / "boards" / "ours.yaml").write_text("extends: ../../private.yaml\n")
    with pytest.raises(StudypackError, match=r"boards/ours.yaml:1: extends: '../../private.yaml' leads outside the pack folder"):
        build(pack, None, tmp_path / "out")


def test_a_pack_may_not_name_a_profile_outside_itself(tmp_path):
    (tmp_path / "private.yaml").write_text(PROFILE)
    pack = write_pack(tmp_path / "trials", small_pack(profile="../private.yaml"))
    with pytest.raises(StudypackError, match=r"pack.yaml:\d+: profile: '../private.yaml' leads outside the pack folder"):
        build(pack, None, tmp_path / "out")


def test_workspace_profiles_are_found_from_the_pack_not_the_shell(tmp_path, monkeypatch):
    workspace = tmp_path / "school"
    (workspace / "sources").mkdir(parents=True)
    pack = write_pack(workspace / "sources" / "trials", small_pack(profile="ours"))
    (workspace / "profiles").mkdir()
    (workspace / "profiles" / "ours.yaml").write_text(PROFILE)
    monkeypatch.chdir(tmp_path)  # anywhere but the workspace
    assert build(pack, None, tmp_path / "out").written
    (workspace / "profiles" / "ours.yaml").write_text("extends: ../../private.yaml\n")
    with pytest.raises(StudypackError, match=r"profiles/ours.yaml:1: extends: '../../private.yaml' leads outside the workspace"):
        build(pack, None, tmp_path / "out")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "profiles").mkdir(parents=True)
    (elsewhere / "profiles" / "stray.yaml").write_text(PROFILE)
    monkeypatch.chdir(elsewhere)  # a profiles/ folder where the shell happens to be is not the pack's workspace
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text().replace("profile: ours", "profile: stray"))
    with pytest.raises(StudypackError, match=r"pack.yaml:\d+: profile: no profile named 'stray'"):
        build(pack, None, tmp_path / "out")


# ------------------------------------------------------------------ links, loops and long chains (settings_files)

def test_a_pack_profile_that_is_a_link_to_a_file_outside_is_refused_at_its_line(tmp_path):
    (tmp_path / "private.yaml").write_text(PROFILE)
    pack = write_pack(tmp_path / "trials", small_pack(profile="ours"))
    (pack / "profiles").mkdir()
    (pack / "profiles" / "ours.yaml").symlink_to(tmp_path / "private.yaml")  # found by name in the pack's profiles/
    with pytest.raises(StudypackError, match=r"pack.yaml:\d+: profile: 'ours' is .*profiles/ours.yaml, a link to a file "
                                             r"outside the pack folder .*: copy the file there in place of the link"):
        build(pack, None, tmp_path / "out")


def test_a_pack_layout_that_extends_a_link_to_a_file_outside_is_refused_at_its_line(tmp_path):
    (tmp_path / "private.yaml").write_text("extends: default\nbranding:\n  school: Private\n")
    pack = write_pack(tmp_path / "trials", small_pack(layout="layout.yaml"),
                      **{"layout.yaml": "# ours\nextends: base.yaml\n"})
    (pack / "base.yaml").symlink_to(tmp_path / "private.yaml")
    with pytest.raises(StudypackError, match=r"layout.yaml:2: extends: 'base.yaml' leads outside the pack folder"):
        build(pack, None, tmp_path / "out")
    (pack / "layout.yaml").unlink()
    (pack / "layout.yaml").symlink_to(tmp_path / "private.yaml")  # the pack's layout itself
    with pytest.raises(StudypackError, match=r"pack.yaml:\d+: 'layout.yaml' leads outside the pack folder"):
        build(pack, None, tmp_path / "out")


def test_a_workspace_layout_that_is_a_link_to_a_file_outside_is_refused(tmp_path, monkeypatch):
    workspace = tmp_path / "school"
    pack = write_pack(workspace / "trials", small_pack(layout="ours"))
    (tmp_path / "private.yaml").write_text("extends: default\nbranding:\n  school: Private\n")
    (workspace / "layouts").mkdir()
    (workspace / "layouts" / "ours.yaml").symlink_to(tmp_path / "private.yaml")
    monkeypatch.chdir(workspace)
    with pytest.raises(StudypackError, match=r"'ours' is layouts/ours.yaml, a link to a file outside the workspace"):
        build(pack, None, tmp_path / "out")


def chain_of(folder: Path, count: int, last: str) -> None:
    """count files in folder, each extending the next by name: step-1 → step-2 → … → `last`."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, count + 1):
        parent = f"step-{i + 1}" if i < count else last
        (folder / f"step-{i}.yaml").write_text(f"description: step {i}\nextends: {parent}\n")


def test_a_chain_of_sixty_layouts_stops_at_fifty_with_a_located_error(tmp_path, monkeypatch):
    from studypack.settings import layout as layouts

    monkeypatch.chdir(tmp_path)
    chain_of(tmp_path / "layouts", 60, "default")
    with pytest.raises(StudypackError) as caught:
        layouts.load("step-1", folder=tmp_path / "layouts")
    assert [str(p) for p in caught.value.problems] == [
        "layouts/step-50.yaml:2: extends: this is the 50th layout in one chain, the most studypack follows: "
        "extend 'default' or a layout with a shorter chain"]
    assert layouts.load("step-12", folder=tmp_path / "layouts").description == "step 12"  # 49 files and default


def test_a_chain_of_sixty_profiles_in_a_pack_stops_at_fifty_with_a_located_error(tmp_path, monkeypatch):
    pack = write_pack(tmp_path / "trials", small_pack(profile="step-1"))
    chain_of(pack / "profiles", 60, "eduqas-gcse-history-depth-study")
    monkeypatch.chdir(pack)
    with pytest.raises(StudypackError, match=r"^profiles/step-50.yaml:2: extends: this is the 50th profile in one chain"):
        build(pack, None, tmp_path / "out")


def test_layouts_that_extend_each_other_by_name_or_file_are_a_loop_at_its_line(tmp_path, monkeypatch):
    from studypack.settings import layout as layouts

    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "a.yaml").write_text("extends: b\n")
    (tmp_path / "layouts" / "b.yaml").write_text("description: b\nextends: a\n")
    with pytest.raises(StudypackError) as caught:
        layouts.load("a", folder=tmp_path / "layouts")
    assert [str(p) for p in caught.value.problems] == [
        "layouts/b.yaml:2: extends: layouts extend each other in a loop (a.yaml → b.yaml → a.yaml): "
        "make one of them extend another layout, such as 'default'"]
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(StudypackError, match=r"^b.yaml:1: extends: layouts extend each other in a loop "
                                             r"\(a.yaml → b.yaml → a.yaml\)"):
        layouts.load("a.yaml")


# ------------------------------------------------------------------ which studypack.yaml a build obeys

def _built(pack: Path, *extra: str, env: dict | None = None):
    from click.testing import CliRunner

    from studypack.commands.cli import main

    return CliRunner().invoke(main, ["build", str(pack), *extra], env=env)


def test_a_studypack_yaml_above_the_workspace_is_not_obeyed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "studypack.yaml").write_text("output: inbox\nschool: {name: Somewhere Else}\n")
    pack = write_pack(tmp_path / "school" / "sources" / "trials", small_pack())
    result = _built(pack)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "workspace: school (no studypack.yaml: the defaults)"
    assert (tmp_path / "school" / "output" / "trials" / "pack.pdf").is_file()
    assert not (tmp_path / "inbox").exists()


def test_a_studypack_yaml_is_read_from_the_pack_folder_or_the_workspace_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    school = tmp_path / "school"
    in_sources = write_pack(school / "sources" / "trials", small_pack())
    beside = write_pack(tmp_path / "loose" / "trials", small_pack())  # no sources/: the workspace is the parent
    (school / "studypack.yaml").write_text("output: prints\n")
    (tmp_path / "loose" / "studypack.yaml").write_text("output: prints\n")
    assert _built(in_sources).stdout.splitlines()[0] == "workspace: school/studypack.yaml"
    assert (school / "prints" / "trials" / "pack.pdf").is_file()
    assert _built(beside).stdout.splitlines()[0] == "workspace: loose/studypack.yaml"
    assert (tmp_path / "loose" / "prints" / "trials" / "pack.pdf").is_file()
    (in_sources / "studypack.yaml").write_text("output: own\n")  # the pack's own file wins: it is its workspace
    assert _built(in_sources).stdout.splitlines()[0] == "workspace: school/sources/trials/studypack.yaml"
    assert (in_sources / "own" / "trials" / "pack.pdf").is_file()


def test_the_workspace_line_names_a_file_outside_home_or_output_sent_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    school = tmp_path / "school"
    pack = write_pack(school / "sources" / "trials", small_pack())
    (school / "studypack.yaml").write_text("output: prints\n")
    (tmp_path / "inbox").mkdir()
    (school / "prints").symlink_to(tmp_path / "inbox")
    said = _built(pack, env={"HOME": str(school)}).stdout.splitlines()[0]
    assert said == (f"workspace: school/studypack.yaml — note: its output folder prints leads to {tmp_path / 'inbox'}, "
                    "outside the workspace: check that you mean to use it")
    said = _built(pack, "--out", "out", env={"HOME": str(tmp_path / "home")}).stdout.splitlines()[0]
    assert said == (f"workspace: school/studypack.yaml — note: it is outside your home folder ({tmp_path / 'home'}): "
                    "check that you mean to use it")
    assert _built(pack, "--out", "out", env={"HOME": str(tmp_path)}).stdout.splitlines()[0] == "workspace: school/studypack.yaml"


@pytest.mark.parametrize("settings, message", [
    ("layout: ../private/mine.yaml\n", "school/studypack.yaml:1: layout: '../private/mine.yaml' leads outside the workspace"),
    ("school:\n  logo: ../private/photo.png\n", "school/studypack.yaml:2: school.logo: '../private/photo.png' leads "
                                                "outside the workspace"),
    ("school:\n  logo: PRIVATE/photo.png\n", "school/studypack.yaml:2: school.logo: '{tmp}/private/photo.png' must be a "
                                             "path inside the workspace, not an absolute path"),
    ("school:\n  logo: crest.png\n", "school/studypack.yaml:2: school.logo: 'crest.png' leads outside the workspace"),
    ("layout: ours.yaml\n", "school/ours.yaml:1: extends: '../private/mine.yaml' leads outside the workspace"),
])
def test_files_studypack_yaml_names_stay_in_the_workspace(tmp_path, monkeypatch, settings, message):
    monkeypatch.chdir(tmp_path)
    logo(tmp_path / "private" / "photo.png")
    (tmp_path / "private" / "mine.yaml").write_text("extends: default\nbranding:\n  school: Private\n")
    school = tmp_path / "school"
    pack = write_pack(school / "sources" / "trials", small_pack())
    (school / "crest.png").symlink_to(tmp_path / "private" / "photo.png")
    (school / "ours.yaml").write_text("extends: ../private/mine.yaml\n")
    (school / "studypack.yaml").write_text(settings.replace("PRIVATE", str(tmp_path / "private")))
    result = _built(pack)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(message.replace("{tmp}", str(tmp_path))), result.stderr
    assert not (school / "output").exists()


def test_a_studypack_yaml_that_is_a_link_outside_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere.yaml").write_text("output: inbox\n")
    pack = write_pack(tmp_path / "school" / "sources" / "trials", small_pack())
    (tmp_path / "school" / "studypack.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = _built(pack)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["school/studypack.yaml: this is a link to a file outside the workspace: "
                                          "copy the file here in place of the link"]


def test_a_school_logo_inside_the_workspace_prints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    school = tmp_path / "school"
    pack = write_pack(school / "sources" / "trials", small_pack())
    logo(school / "pictures" / "crest.png")
    (school / "studypack.yaml").write_text("school:\n  name: Hillside\n  logo: pictures/crest.png\n")
    result = _built(pack, "--layout", "exam")
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    page = PdfReader(str(school / "output" / "trials-exam" / "s1.pdf")).pages[0]
    assert page["/Resources"]["/XObject"], "the logo is drawn"


def test_roster_columns_in_studypack_yaml_do_not_stop_a_build_without_a_roster(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = write_pack(tmp_path / "school" / "sources" / "trials", small_pack())
    (tmp_path / "school" / "studypack.yaml").write_text("columns: {first: Vorname, last: Nachname}\n")
    result = _built(pack)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "school" / "output" / "trials" / "pack.pdf").is_file()


def test_a_school_logo_is_checked_and_fitted_to_the_layouts_top_margin(tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.chdir(tmp_path)
    school = tmp_path / "school"
    pack = write_pack(school / "sources" / "trials", small_pack())
    logo(school / "crest.png")
    (school / "studypack.yaml").write_text("school:\n  logo: crest.png\n")
    assert _built(pack, "--layout", "exam").exit_code == 0  # 22 mm: the 12 mm logo is drawn 8 mm tall
    image = PdfReader(str(school / "output" / "trials-exam" / "s1.pdf")).pages[0]
    assert image["/Resources"]["/XObject"]
    result = _built(pack, "--layout", "compact")  # 17 mm: no room, so left out with a warning
    assert result.exit_code == 0, result.output
    assert ("warning: school/studypack.yaml:2: school.logo: this layout's top margin (17 mm) leaves no room for the "
            "school logo, so it is left out") in result.stderr
    assert "/XObject" not in PdfReader(str(school / "output" / "trials-compact" / "s1.pdf")).pages[0]["/Resources"]
    (school / "crest.png").write_text("not a picture")
    result = _built(pack)
    assert result.exit_code == 2
    assert result.stderr.startswith("school/studypack.yaml:2: logo crest.png cannot be read")


def test_a_layout_file_named_on_the_command_line_stays_the_teachers_own_inside_the_workspace(tmp_path, monkeypatch):
    """Only a layout studypack.yaml names is kept in the workspace; one the teacher names on the
    command line is theirs, wherever it is and whatever it extends."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text("extends: default\ndescription: Shared\n")
    school = tmp_path / "school"
    pack = write_pack(school / "sources" / "trials", small_pack())
    (school / "mine.yaml").write_text("extends: ../shared/base.yaml\n")
    assert _built(pack, "--layout", str(school / "mine.yaml")).exit_code == 0
    (school / "studypack.yaml").write_text("layout: mine.yaml\n")
    result = _built(pack)
    assert result.exit_code == 2
    assert result.stderr.startswith("school/mine.yaml:1: extends: '../shared/base.yaml' leads outside the workspace")
