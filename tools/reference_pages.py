"""Reference pages: small pictures of a dozen example pages, so a change to the paper shows itself.

The SHA-256 check (tools/golden.py) says *that* a PDF changed; these pages show *what* changed.
tests/reference/manifest.toml names the builds and, for every PNG in tests/reference/, the PDF
and page it shows. This script builds those into a temporary folder, renders each page with
pypdfium2 (greyscale, DPI dots per inch) and compares it with its PNG under a small tolerance:
a page matches when the mean absolute difference per pixel is at most MEAN_LIMIT (of 255) and
at most SHARE_LIMIT of its pixels differ by more than PIXEL_THRESHOLD. The tolerance absorbs
anti-aliasing drift; a few changed words (one student's name for another's) do not pass. A single
changed letter may: the byte check catches that, these pages are for seeing what moved.

Usage:
    python tools/reference_pages.py            # compare; on a mismatch write actual, expected
                                               # and diff PNGs to output/reference-diff/, exit 1
    python tools/reference_pages.py --accept   # rewrite every PNG from the current build

To accept an intended change to the paper: run the script, open the diff PNGs it names (red
marks the pixels that moved) and check that only what you meant to change changed; then run
it with --accept, run `python tools/golden.py --accept`, and commit the PNGs and sha256.txt
together, saying in the message what changed on paper and why. To add a page, add a [[page]]
entry to the manifest and run --accept. tests/test_reference_pages.py runs the comparison in
the suite.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "reference"
MANIFEST = REFERENCE / "manifest.toml"
DIFF_FOLDER = ROOT / "output" / "reference-diff"

DPI = 60
PIXEL_THRESHOLD = 64    # a pixel "differs" when it moved by more than this (of 255)
MEAN_LIMIT = 0.5        # mean absolute difference per pixel, of 255: catches a tint or rule colour changed
SHARE_LIMIT = 0.0002    # share of pixels that may differ: 0.02 %, about 70 pixels of an A4 page


@dataclass(frozen=True)
class Page:
    png: str      # file name in tests/reference/
    build: str    # a key of [builds]
    pdf: str      # relative to that build's output folder
    page: int     # from 1
    shows: str


@dataclass(frozen=True)
class Comparison:
    mean: float   # mean absolute difference per pixel, 0-255
    share: float  # share of pixels differing by more than PIXEL_THRESHOLD
    same_size: bool

    @property
    def ok(self) -> bool:
        return self.same_size and self.mean <= MEAN_LIMIT and self.share <= SHARE_LIMIT

    def __str__(self) -> str:
        if not self.same_size:
            return "the page size changed"
        return (f"mean difference {self.mean:.3f} (limit {MEAN_LIMIT}), "
                f"{self.share:.3%} of pixels differ (limit {SHARE_LIMIT:.3%})")


def load_manifest(path: Path = MANIFEST) -> tuple[dict[str, list[str] | str], list[Page]]:
    """[builds]: a `studypack build` argument list each; [recipes]: a module of tools/ whose
    build(out) makes what a build cannot alone (a class set scanned and marked)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    builds: dict[str, list[str] | str] = {name: list(arguments) for name, arguments in data["builds"].items()}
    builds.update(data.get("recipes", {}))
    pages = [Page(**entry) for entry in data["page"]]
    for page in pages:
        if page.build not in builds:
            raise SystemExit(f"{path.name}: {page.png} names build {page.build!r}, which [builds] lacks")
    return builds, pages


def build_all(builds: dict[str, list[str] | str], out_root: Path) -> dict[str, Path]:
    """Run every build into out_root/<name>; return {name: output folder}."""
    folders: dict[str, Path] = {}
    for name, arguments in builds.items():
        out = out_root / name
        if isinstance(arguments, str):  # a recipe: tools/<module>.py's build(out)
            sys.path.insert(0, str(ROOT / "tools"))
            folders[name] = importlib.import_module(arguments).build(out)
            continue
        command = [sys.executable, "-m", "studypack", "build", *arguments, "--out", str(out)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode not in (0, 1):  # 1: a class set built with some roster rows left out
            raise SystemExit(f"{name}: build failed ({done.returncode}):\n{done.stderr}")
        folders[name] = out
    return folders


def render(pdf: Path, page: int, dpi: int = DPI) -> Image.Image:
    """One page (counted from 1) as a greyscale picture."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        if not 1 <= page <= len(document):
            raise SystemExit(f"{pdf}: has {len(document)} pages, not page {page}")
        bitmap = document[page - 1].render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def render_all(folders: dict[str, Path], pages: list[Page]) -> dict[str, Image.Image]:
    return {page.png: render(folders[page.build] / page.pdf, page.page) for page in pages}


def compare(actual: Image.Image, expected: Image.Image) -> Comparison:
    if actual.size != expected.size:
        return Comparison(mean=255.0, share=1.0, same_size=False)
    histogram = ImageChops.difference(actual.convert("L"), expected.convert("L")).histogram()
    pixels = sum(histogram)
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    share = sum(histogram[PIXEL_THRESHOLD + 1:]) / pixels
    return Comparison(mean=mean, share=share, same_size=True)


def diff_picture(actual: Image.Image, expected: Image.Image) -> Image.Image:
    """The expected page faded, with every pixel that moved beyond the threshold in red."""
    width, height = max(actual.width, expected.width), max(actual.height, expected.height)
    a = Image.new("L", (width, height), 255)
    a.paste(actual.convert("L"))
    e = Image.new("L", (width, height), 255)
    e.paste(expected.convert("L"))
    moved = ImageChops.difference(a, e).point(lambda level: 255 if level > PIXEL_THRESHOLD else 0)
    faded = e.point(lambda level: 160 + level * 95 // 255).convert("RGB")
    return Image.composite(Image.new("RGB", (width, height), (220, 0, 0)), faded, moved)


def write_diff(name: str, actual: Image.Image, expected: Image.Image | None, folder: Path) -> list[Path]:
    """Write <stem>-actual.png, -expected.png and -diff.png into folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(name).stem
    written = [folder / f"{stem}-actual.png"]
    actual.save(written[0])
    if expected is not None:
        written += [folder / f"{stem}-expected.png", folder / f"{stem}-diff.png"]
        expected.save(written[1])
        diff_picture(actual, expected).save(written[2])
    return written


def save_reference(picture: Image.Image, path: Path) -> None:
    picture.convert("L").save(path, optimize=True)


def check(rendered: dict[str, Image.Image], folder: Path = REFERENCE, diff_folder: Path = DIFF_FOLDER) -> list[str]:
    """Compare every rendered page with its PNG; return one line per mismatch (diffs written)."""
    problems = []
    for name, actual in rendered.items():
        path = folder / name
        if not path.exists():
            written = write_diff(name, actual, None, diff_folder)
            problems.append(f"{name}: no reference PNG; the page is in {written[0]}")
            continue
        with Image.open(path) as stored:
            expected = stored.convert("L")
        result = compare(actual, expected)
        if not result.ok:
            written = write_diff(name, actual, expected, diff_folder)
            problems.append(f"{name}: {result}; see {', '.join(str(p) for p in written)}")
    return problems


def stale(pages: list[Page], folder: Path = REFERENCE) -> list[Path]:
    """PNGs in the folder that no manifest entry names."""
    named = {page.png for page in pages}
    return sorted(path for path in folder.glob("*.png") if path.name not in named)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", action="store_true", help="rewrite every reference PNG from the current build")
    args = parser.parse_args()
    builds, pages = load_manifest()
    with tempfile.TemporaryDirectory(prefix="studypack-reference-") as tmp:
        rendered = render_all(build_all(builds, Path(tmp)), pages)
    if args.accept:
        for name, picture in rendered.items():
            save_reference(picture, REFERENCE / name)
        for path in stale(pages):
            path.unlink()
            print(f"removed {path.name}: no longer in the manifest")
        total = sum((REFERENCE / name).stat().st_size for name in rendered)
        print(f"wrote {len(rendered)} reference pages ({total / 1024:.0f} KB) in {REFERENCE.relative_to(ROOT)}")
        return 0
    problems = check(rendered)
    problems += [f"{path.name}: not in the manifest (run --accept to remove it)" for path in stale(pages)]
    for problem in problems:
        print(problem)
    print(f"{len(rendered)} reference pages, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
