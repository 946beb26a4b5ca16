"""Render one page of the example pack under every shipped layout into docs/layouts/*.png, and
the README's picture (docs/example-page.png: the same page, larger).

Run from the repository root after changing a layout:  python tools/gallery.py
Needs `pdftoppm` (poppler-utils). The PNGs are shown in README.md and docs/index.md (the docs site's home page).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studypack.app.build import build  # noqa: E402

EXAMPLE = ROOT / "sources" / "show-trials"
OUT = ROOT / "docs" / "layouts"
WIDTH = 520  # pixels: readable on GitHub, small in the repository
README_WIDTH = 745  # the README's picture: the page at the width GitHub shows it
PAGE = {"default": ("court-statements.pdf", 1)}  # the first page of a source sheet shows the most


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    names = sorted(p.stem for p in (ROOT / "studypack" / "layouts").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as temp:
        for name in names:
            build(EXAMPLE, name, Path(temp) / name)
            pdf, page = PAGE.get(name, ("court-statements.pdf", 1))
            if name == "compact-booklet":
                pdf = "pack.pdf"  # a folded sheet: last page and first page side by side
            folder = "show-trials" if name == "default" else f"show-trials-{name}"  # each layout its own folder
            source = Path(temp) / name / folder / pdf
            target = OUT / name
            subprocess.run(["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                            "-scale-to-x", str(WIDTH * (2 if name == "compact-booklet" else 1)), "-scale-to-y", "-1",
                            str(source), str(target)], check=True)
            _shrink(target.with_suffix(".png"))
            print(f"{target.relative_to(ROOT)}.png")
            if name == "default":
                readme = ROOT / "docs" / "example-page"
                subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(README_WIDTH),
                                "-scale-to-y", "-1", str(source), str(readme)], check=True)
                _shrink(readme.with_suffix(".png"))
                print(f"{readme.relative_to(ROOT)}.png")


def _shrink(png: Path) -> None:
    """64 colours are plenty for a page of text and keep the repository small."""
    from PIL import Image

    with Image.open(png) as img:
        small = img.convert("RGB").quantize(64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


if __name__ == "__main__":
    main()
