"""One image pipeline: Pillow opens, turns and flattens a picture and scales it to print size.

ReportLab would embed a phone photo as it is (sideways, megabytes, CMYK); here every
image is EXIF-rotated, flattened onto white, resized to 300 dpi at its placed width and
stored as JPEG, so the PDF stays small and the page looks as the teacher saw it.
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import StudypackError
from .paths import inside

DPI = 300
MAX_PIXELS = 40_000_000  # Pillow refuses larger images as decompression bombs


def prepare(path: Path, width_pt: float, greyscale: bool = False) -> tuple[bytes, int, int]:
    """Return JPEG bytes and pixel size for an image placed `width_pt` wide."""
    from PIL import Image, ImageOps  # imported here: most packs have no pictures

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as img:
            img.seek(0)
            img = ImageOps.exif_transpose(img)
            if img.mode in ("RGBA", "LA", "P", "PA"):
                img = img.convert("RGBA")
                flat = Image.new("RGB", img.size, "white")
                flat.paste(img, mask=img.split()[-1])
                img = flat
            img = img.convert("L" if greyscale else "RGB")
            target = max(1, round(width_pt / 72 * DPI))
            if img.width > target:
                height = max(1, round(img.height * target / img.width))
                img = img.resize((target, height), Image.LANCZOS)
            out = io.BytesIO()
            img.save(out, "JPEG", quality=82, optimize=True)
            return out.getvalue(), img.width, img.height
    except Image.DecompressionBombError as exc:
        raise StudypackError(f"image {path.name} is too large to print ({exc}); scale it down below 40 megapixels")
    except (OSError, ValueError, SyntaxError) as exc:
        raise StudypackError(f"image {path.name} cannot be read ({exc}); save it again as PNG or JPEG")


def flowable(root: Path, image, max_width: float, greyscale: bool = False):
    from reportlab.platypus import Image as RLImage

    path = inside(root, image.file)
    width = max_width * image.width / 100
    data, px_w, px_h = prepare(path, width, greyscale)
    return RLImage(io.BytesIO(data), width=width, height=width * px_h / px_w)


def logo(path: Path, height_pt: float, greyscale: bool = False) -> tuple[bytes, float, float]:
    """A school logo as PNG (transparency kept, so it sits on a tinted page), scaled to
    300 dpi at `height_pt`; returns the PNG bytes and its placed width and height."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as img:
            img.seek(0)
            img = ImageOps.exif_transpose(img)
            has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
            if greyscale:
                img = img.convert("LA" if has_alpha else "L")
            else:
                img = img.convert("RGBA" if has_alpha else "RGB")
            target = max(1, round(height_pt / 72 * DPI))
            if img.height > target:
                img = img.resize((max(1, round(img.width * target / img.height)), target), Image.LANCZOS)
            out = io.BytesIO()
            img.save(out, "PNG", optimize=True)
            return out.getvalue(), height_pt * img.width / img.height, height_pt
    except Image.DecompressionBombError as exc:
        raise StudypackError(f"logo {path.name} is too large to print ({exc}); scale it down below 40 megapixels")
    except (OSError, ValueError, SyntaxError) as exc:
        raise StudypackError(f"logo {path.name} cannot be read ({exc}); save it again as PNG or JPEG")
