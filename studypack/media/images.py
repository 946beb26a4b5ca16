"""One image pipeline: Pillow opens, turns and flattens a picture and scales it to print size.

ReportLab would embed a phone photo as it is (sideways, megabytes, CMYK, transparency
lost); here every image is EXIF-rotated, flattened onto white, converted to RGB (or
greyscale when the layout asks), resized to 300 dpi at its placed size and stored as JPEG,
so the PDF stays small and the page looks as the teacher saw it.

`preload` runs the pipeline once per picture before typesetting, in the main process:
problems (damaged files, pictures too large to open safely) are reported with the
pack file and line that names the picture, and the results are cached for the
typesetting workers, which inherit them when they are forked.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studypack.base.errors import Location, Problem, StudypackError, said
from studypack.base.paths import inside

DPI = 300            # pictures are scaled down to this at their printed size
LOW_DPI = 150        # below this a picture looks soft on paper: warn
MAX_PIXELS = 40_000_000   # refuse larger pictures before decoding them (decompression bombs)
MAX_HEIGHT_SHARE = 0.85   # a picture takes at most this share of the page body's height
FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP")  # never EPS/PDF: Pillow would run Ghostscript
QUALITY = 82
BUDGET = 100 * 1024  # bytes one picture may add to a PDF (docs/writing-packs.md promises it for photos)


class ImageProblem(Exception):
    """A picture that cannot be used; the caller adds the pack file and line."""


@dataclass(frozen=True)
class Prepared:
    data: bytes          # JPEG bytes, ready to embed
    width_pt: float      # placed size on the page
    height_pt: float
    pixels: tuple[int, int]    # embedded size
    original: tuple[int, int]  # size of the file as given, after EXIF rotation
    warnings: tuple[tuple[str, tuple], ...] = ()  # (what, its values): said as the pack's check reports it (`noted`)


_CACHE: dict[tuple, Prepared] = {}


def prepare(path: Path, width_pt: float, greyscale: bool = False, max_height_pt: float | None = None) -> Prepared:
    """Run the pipeline for a picture placed `width_pt` wide (and at most `max_height_pt` tall)."""
    try:
        stat = Path(path).stat()
        version = (stat.st_mtime_ns, stat.st_size)  # a picture replaced under the same name is read again
    except OSError:
        version = None
    key = (str(Path(path).resolve()), version, round(width_pt, 3), greyscale, max_height_pt and round(max_height_pt, 3))
    if key not in _CACHE:
        _CACHE[key] = _prepare(Path(path), width_pt, greyscale, max_height_pt)
    return _CACHE[key]


def _prepare(path: Path, width_pt: float, greyscale: bool, max_height_pt: float | None) -> Prepared:
    import warnings

    from PIL import Image, UnidentifiedImageError  # here: most packs have no pictures

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as img:
                pixels = img.width * img.height
                if pixels > MAX_PIXELS:
                    raise ImageProblem(said(
                        "term.image-megapixels", "image '{name}' is {width}×{height} pixels ({mp} megapixels); studypack "
                        "opens pictures up to {most} megapixels: scale it down (3000 pixels across is plenty for a printed "
                        "page)", name=name, width=img.width, height=img.height, mp=f"{pixels / 1e6:.0f}",
                        most=MAX_PIXELS // 1_000_000))
                return _pipeline(img, width_pt, greyscale, max_height_pt)
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        import re

        found = re.search(r"\((\d+) pixels\)", str(exc))
        most = MAX_PIXELS // 1_000_000
        raise ImageProblem(said("term.image-bomb", "image '{name}' has {mp} megapixels; studypack opens pictures up to "
                                "{most} megapixels: scale it down (3000 pixels across is plenty for a printed page)",
                                name=name, mp=f"{int(found.group(1)) / 1e6:.0f}", most=most) if found else
                           said("term.image-too-large", "image '{name}' is too large to open safely; studypack opens "
                                "pictures up to {most} megapixels: scale it down (3000 pixels across is plenty for a "
                                "printed page)", name=name, most=most)) from None
    except UnidentifiedImageError:
        raise ImageProblem(said("term.image-not-picture", "image '{name}' is not a picture studypack can read (it is "
                                "damaged, empty or not one of {formats}): save it again as PNG or JPEG", name=name,
                                formats=", ".join(FORMATS))) from None
    except FileNotFoundError:
        raise ImageProblem(said("term.image-missing", "image '{file}' not found in the pack folder", file=name)) from None
    except OSError as exc:
        if "truncated" in str(exc) or "broken data stream" in str(exc):
            raise ImageProblem(said("term.image-cut", "image '{name}' is cut short (the file is incomplete): copy or save "
                                    "it again", name=name)) from None
        raise ImageProblem(_unreadable(name, exc)) from None
    except (ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise ImageProblem(_unreadable(name, type(exc).__name__)) from None


def _unreadable(name: str, reason: object) -> str:
    return said("term.image-unreadable", "image '{name}' cannot be read ({reason}): save it again as PNG or JPEG", name=name,
                reason=reason)


def _pipeline(img, width_pt: float, greyscale: bool, max_height_pt: float | None) -> Prepared:
    from PIL import Image, ImageOps

    notes: list[tuple[str, tuple]] = []
    img.seek(0)  # animated GIF/WebP: the first frame
    turned = img.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    wide, high = (img.height, img.width) if turned else (img.width, img.height)
    width_pt, height_pt = _placed(wide, high, width_pt, max_height_pt, notes)
    target = max(1, round(width_pt / 72 * DPI))
    if img.format == "JPEG":  # let the decoder scale by 1/2, 1/4, 1/8: a phone photo decodes 4x faster
        img.draft(img.mode, (1, target) if turned else (target, 1))
    img.load()
    img = ImageOps.exif_transpose(img)
    img = _flatten(img)
    img = img.convert("L" if greyscale else "RGB")
    if img.width > target:
        height = max(1, round(img.height * target / img.width))
        img = img.resize((target, height), Image.Resampling.LANCZOS)
    dpi = wide / (width_pt / 72)
    if dpi < LOW_DPI:
        notes.append(("blurred", (("wide", wide), ("dpi", f"{dpi:.0f}"))))
    data, img = _within_budget(img)
    return Prepared(data, width_pt, height_pt, img.size, (wide, high), tuple(notes))


def _jpeg(img, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _within_budget(img):
    """JPEG bytes of at most BUDGET where a lower quality, then fewer pixels (never below
    LOW_DPI at the printed size), can reach it: a grainy phone photo would otherwise add half
    a megabyte to every copy of a class set. A picture already within it is untouched."""
    from PIL import Image

    data = _jpeg(img, QUALITY)
    for quality in (70, 60):
        if len(data) <= BUDGET:
            return data, img
        data = _jpeg(img, quality)
    for dpi in (225, LOW_DPI):
        if len(data) <= BUDGET or img.width * dpi // DPI < 1:
            break
        img = img.resize((max(1, img.width * dpi // DPI), max(1, img.height * dpi // DPI)), Image.Resampling.LANCZOS)
        data = _jpeg(img, 60)
    return data, img


def _placed(wide: int, high: int, width_pt: float, max_height_pt: float | None, notes: list[tuple[str, tuple]]) -> tuple[float, float]:
    height_pt = width_pt * high / wide
    if max_height_pt and height_pt > max_height_pt:
        shrunk = width_pt * max_height_pt / height_pt
        notes.append(("tall", (("share", f"{shrunk / width_pt:.0%}"),)))
        return shrunk, max_height_pt
    return width_pt, height_pt


def _flatten(img):
    """Any transparency onto white paper; 16-bit and float pictures down to 8 bits."""
    from PIL import Image

    img = _eight_bits(img)
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA")
        flat = Image.new("RGB", img.size, "white")
        flat.paste(img, mask=img.getchannel("A"))
        return flat
    return img


def _eight_bits(img):
    """16-bit and float greyscale down to 8 bits (Pillow's own convert would clip them near white)."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if img.mode == "F":
        return img.convert("L")
    return img


def share(layout, image) -> float:
    """The percent of its box's width a source's picture takes: its own, enlarged as the layout
    says (`images.enlarge`), at most the whole."""
    return min(100.0, image.width * layout.images.enlarge)


def placed_width(layout, image) -> float:
    """How wide a source's picture is printed: its share of the source box's inner width."""
    width, _ = layout.page.dimensions
    m = layout.page.margins
    inner = width - m.left - m.right - 2 * layout.source.padding
    return inner * share(layout, image) / 100


def max_height(layout) -> float:
    _, height = layout.page.dimensions
    m = layout.page.margins
    return (height - m.top - m.bottom) * MAX_HEIGHT_SHARE


def greyscale(layout) -> bool:
    return bool(layout.images.greyscale)


def _pictures(loaded, layout):
    """(label, picture, placed width, path into the pack) for every picture the pack prints."""
    width, _ = layout.page.dimensions
    m = layout.page.margins
    text_width = width - m.left - m.right
    for i, source in enumerate(loaded.pack.sources):
        if source.image:
            yield (said("term.at-source", "source {letter}", letter=source.letter), source.image,
                   placed_width(layout, source.image), ("sources", i, "image", "file"))
    for s, sheet in enumerate(loaded.pack.sheets):
        for section, k, questions in sheet.groups():
            base = ("sheets", s) + (("sections", k) if section is not None else ())
            for q, question in enumerate(questions):
                picture = getattr(question, "image", None)
                if picture is not None and hasattr(picture, "file"):
                    placed = (text_width - layout.questions.number_width) * picture.width / 100
                    yield (_at(sheet.id, q + 1), picture, placed, base + ("questions", q, "image", "file"))
                yield from _option_pictures(question, _at(sheet.id, q + 1),
                                            (text_width - layout.questions.number_width) / 4, base + ("questions", q))


def _option_pictures(question, label: str, placed: float, where: tuple):
    """The pictures a question's options are (`spec.picture_options`), each about a row's quarter wide."""
    for k, option in enumerate(getattr(question, "options", None) or []):
        if hasattr(option, "file"):
            yield (label + ", " + said("term.at-option", "option {letter}", letter=chr(65 + k)), option, placed,
                   where + ("options", k, "image"))


def _at(sheet: str, question: int) -> str:
    """"sheet 's1', question 3", in the terminal's words."""
    return said("term.at-sheet", "sheet '{id}'", id=sheet) + ", " + said("term.at-question", "question {n}", question)


def picture_files(loaded, layout) -> list[Path]:
    """The files of every picture the pack prints (their bytes are part of a build's cache key)."""
    found = []
    for _label, picture, _width, _where in _pictures(loaded, layout):
        try:
            found.append(inside(loaded.root, picture.file))
        except StudypackError:
            continue  # preload reports it
    return found


def preload(loaded, layout) -> tuple[list[Problem], list[Problem]]:
    """Prepare every picture now; return (errors, warnings), each with the pack's file:line."""
    errors: list[Problem] = []
    notes: list[Problem] = []
    for label, picture, width, where_path in _pictures(loaded, layout):
        where = loaded.locate(where_path)
        try:
            path = inside(loaded.root, picture.file)
            done = prepare(path, width, greyscale(layout), max_height(layout))
        except StudypackError as exc:
            errors.extend(Problem(f"{label}: {p.message}", where) for p in exc.problems)
            continue
        except ImageProblem as exc:
            errors.append(Problem(f"{label}: {exc}", where))
            continue
        notes.extend(Problem(f"{label}: {noted(picture.file, what, dict(values))}", where) for what, values in done.warnings)
    return errors, notes


def noted(file: str, what: str, values: dict) -> str:
    """A picture's note (`Prepared.warnings`) in the terminal's words, said when it is reported:
    a prepared picture is kept for the process, whatever language it then speaks."""
    if what == "blurred":
        return said("term.image-blurred", "image '{file}' is {wide} pixels wide, so it prints at about {dpi} dpi and will "
                    "look blurred: use a larger picture or a smaller width", file=file, **values)
    return said("term.image-tall", "image '{file}' is too tall to fit on a page at this width: printed {share} as wide",
                file=file, **values)


def has_pictures(loaded) -> bool:
    """Whether the pack prints any picture (so Pillow is imported only when needed)."""
    pack = loaded.pack
    return (any(source.image for source in pack.sources)
            or any(hasattr(getattr(q, "image", None), "file") or any(hasattr(o, "file") for o in getattr(q, "options", None) or [])
                   for sheet in pack.sheets for q in sheet.all_questions))


def flowable(root: Path, image, max_width: float, greyscale: bool = False, max_height_pt: float | None = None,
             percent: float | None = None):
    """The picture as a ReportLab flowable, from the cache `preload` filled; `percent` of
    `max_width` wide (else the image's own `width`)."""
    path = inside(root, image.file)
    try:
        done = prepare(path, max_width * (image.width if percent is None else percent) / 100, greyscale, max_height_pt)
    except ImageProblem as exc:
        raise StudypackError(Problem(str(exc), Location(image.file))) from None
    shown = picture_class()(io.BytesIO(done.data), width=done.width_pt, height=done.height_pt)
    shown.alt = getattr(image, "alt", None) or getattr(image, "caption", None) or ""  # for a tagged PDF
    return shown


@lru_cache(maxsize=1)
def picture_class():
    """ReportLab's picture flowable, drawn with a blend mode where one is set (`blend`):
    "Multiply" on a tinted panel, where a diagram's white ground then shows the tint under it
    instead of a white rectangle (and its lines stay as dark); on white paper it changes nothing."""
    from reportlab.platypus import Image as RLImage

    class Picture(RLImage):
        blend: str | None = None

        def draw(self):
            if not self.blend:
                return super().draw()
            self.canv.saveState()
            self.canv.setBlendMode(self.blend)
            super().draw()
            self.canv.restoreState()
            return None

    return Picture


def logo(path: Path, height_pt: float, greyscale: bool = False) -> tuple[bytes, float, float]:
    """A school logo as PNG (transparency kept, so it sits on a tinted page), scaled to
    300 dpi at `height_pt`; returns the PNG bytes and its placed width and height."""
    from PIL import Image, ImageOps

    import warnings

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():  # the same limits as any picture: no EPS, no decompression bombs
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path, formats=FORMATS)
        with img:
            if img.width * img.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            img.seek(0)
            img = _eight_bits(ImageOps.exif_transpose(img))  # one path with the pictures: 16-bit greys too
            has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
            if greyscale:
                img = img.convert("LA" if has_alpha else "L")
            else:
                img = img.convert("RGBA" if has_alpha else "RGB")
            target = max(1, round(height_pt / 72 * DPI))
            if img.height > target:
                img = img.resize((max(1, round(img.width * target / img.height)), target), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            img.save(out, "PNG", optimize=True)
            return out.getvalue(), height_pt * img.width / img.height, height_pt
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise StudypackError(said("term.logo-too-large", "logo {name} is too large to open safely; scale it down below 40 "
                                  "megapixels", name=path.name))
    except (OSError, ValueError, SyntaxError) as exc:
        raise StudypackError(said("term.logo-unreadable", "logo {name} cannot be read ({error}); save it again as PNG or JPEG",
                                  name=path.name, error=exc))
