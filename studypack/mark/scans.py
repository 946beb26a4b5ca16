"""Scanned pages in: each page of a scanner's PDF (rendered by pypdfium2) and each photo
(JPEG, PNG, TIFF …, turned upright by its EXIF tag) as a greyscale numpy array, with its file
and page number for the report. One page at a time, so a class's scans never sit in memory together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from studypack.base.errors import Problem, StudypackError, said

PDF_DPI = 200  # a scanner's PDF is rendered at this: a QR module about 3 pixels, a tick box about 35
MOST_PIXELS = 16_000_000  # a PDF page larger than A3 at PDF_DPI (a photo put in a PDF at 72 dpi, 40 inches
# wide) is rendered to this many pixels, as many as a phone's camera takes: read as well, in a tenth of the memory
IMAGES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp"}


@dataclass
class Scan:
    """One scanned page: where it came from and its pixels (0 black to 255 white)."""

    file: str
    page: int
    pixels: np.ndarray


def files(paths: list[Path]) -> list[Path]:
    """The scans to read, in the order given (a folder: its PDFs and pictures, by name)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGES | {".pdf"})
        elif not path.exists():
            raise StudypackError(Problem(said("term.mark-no-scan", "{path}: no such file; give the scanned PDFs or photos to "
                                              "mark", path=path)))
        elif path.suffix.lower() not in IMAGES | {".pdf"}:
            raise StudypackError(Problem(said("term.mark-not-scan", "{path}: not a PDF or a picture (JPEG, PNG, TIFF): give the "
                                              "scans to mark", path=path)))
        else:
            found.append(path)
    return found


def pages(path: Path, shown: str) -> Iterator[Scan]:
    """Every page of one file; a file that cannot be read is one unreadable page (pixels empty)."""
    if path.suffix.lower() == ".pdf":
        yield from _pdf_pages(path, shown)
        return
    from PIL import Image, ImageOps, UnidentifiedImageError  # lazy: Pillow only for photos
    try:
        with Image.open(path) as image:
            image.draft("L", image.size)  # a JPEG decoded straight to grey, never held in colour
            upright = ImageOps.exif_transpose(image)
            yield Scan(shown, 1, np.asarray(upright.convert("L")))
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        yield Scan(shown, 1, np.zeros((0, 0), np.uint8))


def _pdf_pages(path: Path, shown: str) -> Iterator[Scan]:
    import pypdfium2  # lazy: only for scanned PDFs
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        yield Scan(shown, 1, np.zeros((0, 0), np.uint8))
        return
    try:
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            scale = min(PDF_DPI / 72, (MOST_PIXELS / max(1.0, width * height)) ** 0.5)
            bitmap = page.render(scale=scale, grayscale=True)
            pixels = bitmap.to_numpy()
            pixels = pixels[:, :, 0] if pixels.ndim == 3 else pixels
            yield Scan(shown, number + 1, np.array(pixels, dtype=np.uint8))
            page.close()
    finally:
        document.close()
