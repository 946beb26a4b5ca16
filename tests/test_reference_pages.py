"""Reference pages: a dozen example pages still look as their PNGs in tests/reference/ show.

Each page named in tests/reference/manifest.toml is built, rendered with pypdfium2 and compared
with its PNG under the small tolerance of tools/reference_pages.py. On a mismatch the actual,
expected and diff PNGs are written under the pytest temporary folder and named in the failure.
If the change is intended, run `python tools/reference_pages.py --accept` (see tests/golden/README.md).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("reference_pages", ROOT / "tools" / "reference_pages.py")
reference = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = reference  # dataclasses look their module up there
_spec.loader.exec_module(reference)

BUILDS, PAGES = reference.load_manifest()


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return reference.build_all(BUILDS, tmp_path_factory.mktemp("reference-builds"))


@pytest.fixture(scope="module")
def rendered(folders):
    return reference.render_all(folders, PAGES)


def stored(name: str) -> Image.Image:
    with Image.open(reference.REFERENCE / name) as picture:
        return picture.convert("L")


def test_manifest_and_folder_agree_and_stay_small():
    assert len(PAGES) >= 12
    assert len({page.png for page in PAGES}) == len(PAGES), "two entries share a PNG"
    assert len({page.build for page in PAGES}) == len(BUILDS) >= 7  # every build is used
    missing = [page.png for page in PAGES if not (reference.REFERENCE / page.png).is_file()]
    assert not missing, f"run `python tools/reference_pages.py --accept` to make {missing}"
    assert reference.stale(PAGES) == [], "PNGs no manifest entry names"
    total = sum((reference.REFERENCE / page.png).stat().st_size for page in PAGES)
    assert total < 1.5 * 1024 * 1024, f"reference PNGs take {total:,} bytes"
    for page in PAGES:
        picture = Image.open(reference.REFERENCE / page.png)
        assert picture.mode == "L", f"{page.png} is {picture.mode}, not greyscale"


@pytest.mark.parametrize("name", [page.png for page in PAGES])
def test_page_looks_as_its_reference(name, rendered, tmp_path_factory):
    diff_folder = tmp_path_factory.mktemp("reference-diff")
    problems = reference.check({name: rendered[name]}, diff_folder=diff_folder)
    assert not problems, ("\n".join(problems) + "\nIf the change is intended, look at the diff, then run "
                          "`python tools/reference_pages.py --accept` and `python tools/golden.py --accept`.")


def test_a_different_page_fails_and_its_pictures_are_written(folders, tmp_path):
    """Page 2 of a sheet compared with page 1: the check must fail and show why."""
    pdf = folders["default"] / "show-trials" / "court-statements.pdf"
    first, second = reference.render(pdf, 1), reference.render(pdf, 2)
    assert reference.compare(first, first).ok and reference.compare(first, first).mean == 0
    assert not reference.compare(second, first).ok

    problems = reference.check({"page-one.png": second}, folder=tmp_path / "refs", diff_folder=tmp_path / "diff")
    assert problems == [f"page-one.png: no reference PNG; the page is in {tmp_path / 'diff' / 'page-one-actual.png'}"]
    (tmp_path / "refs").mkdir()
    reference.save_reference(first, tmp_path / "refs" / "page-one.png")
    problems = reference.check({"page-one.png": second}, folder=tmp_path / "refs", diff_folder=tmp_path / "diff")
    assert len(problems) == 1 and "of pixels differ" in problems[0]
    for suffix in ("actual", "expected", "diff"):
        written = tmp_path / "diff" / f"page-one-{suffix}.png"
        assert str(written) in problems[0] and written.is_file()
    diff = Image.open(tmp_path / "diff" / "page-one-diff.png").convert("RGB")
    assert (220, 0, 0) in {colour for _, colour in diff.getcolors(1 << 20)}  # moved pixels are marked red


def test_a_small_visible_change_is_not_within_the_tolerance(rendered):
    """One student's stamped name for another's, all else equal, is a difference."""
    cyrillic, greek = rendered["class-set-cyrillic-name.png"], rendered["class-set-greek-name.png"]
    result = reference.compare(cyrillic, greek)
    assert result.same_size and not result.ok, str(result)


def test_a_lighter_tint_alone_is_not_within_the_tolerance(rendered):
    """The ink-saver source page differs from the default one in its fills, not in its words."""
    result = reference.compare(rendered["ink-saver-source-analysis.png"], rendered["default-source-analysis.png"])
    assert result.mean > reference.MEAN_LIMIT and not result.ok, str(result)


def test_the_tolerance_absorbs_a_few_stray_pixels(rendered):
    page = rendered["default-source-analysis.png"]
    speckled = page.copy()
    draw = ImageDraw.Draw(speckled)
    for n in range(40):  # 40 pixels flipped: well under the share limit, as anti-aliasing drift is
        x, y = (n * 37) % page.width, (n * 53) % page.height
        draw.point((x, y), fill=255 - page.getpixel((x, y)))
    assert reference.compare(speckled, page).ok
    assert not reference.compare(page.crop((0, 0, page.width - 1, page.height)), page).ok  # size changed


pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite
