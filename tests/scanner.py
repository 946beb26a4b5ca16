"""A pretend scanner for the marking tests and benchmark: pages of a real class set rendered
with pypdfium2, pen marks drawn on chosen boxes with Pillow, then turned, warped, blurred,
noised and JPEG-compressed as a photocopier or a phone would."""

from __future__ import annotations

import io
import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter

from studypack.app import batch

PACK = textwrap.dedent("""\
    title: Marking test
    subject: History
    level: Year 9
    sheets:
      - id: quiz
        kind: worksheet
        title: Quiz
        questions:
          - {kind: multiple-choice, prompt: Which river?, marks: 1, options: [Volga, Neva, Don, Ural], answer: B}
          - {kind: multiple-choice, prompt: Which city?, marks: 1, options: [Kyiv, Minsk, Riga, Baku, Oslo], answer: E}
          - kind: multiple-select
            prompt: Which two were defendants in 1938?
            marks: 2
            options: [Bukharin, Kirov, Rykov, Trotsky, Zinoviev]
            answers: [A, C]
          - kind: true-false
            prompt: True or false?
            marks: 3
            statements:
              - {text: The first trial was in 1936., answer: true}
              - {text: The trials were secret., answer: false}
              - {text: Kirov was killed in 1934., answer: true}
          - {kind: short, prompt: Why were the trials public?, marks: 2, answer: To be seen.}
          - {kind: multiple-choice, prompt: Which year?, marks: 1, options: ["1934", "1936", "1938"], answer: C}
          - {kind: multiple-choice, prompt: Who led the NKVD in 1937?, marks: 1, options: [Yagoda, Yezhov, Beria], answer: B}
    """)


def class_set(folder: Path, students: int, variants: int = 2, pages_of_filler: int = 0, layout: str | None = None,
              text: str = PACK) -> Path:
    """Build a class set for marking (of `text`, a pack, in `layout`); the folder holding
    class-set.pdf and marking-map.json."""
    pack = folder / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    for n in range(pages_of_filler):  # more pages: each a question with a long answer space
        text += f"      - {{kind: short, prompt: Essay {n + 1}, marks: 6, answer: Any., lines: 30}}\n"
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    roster = folder / "class.csv"
    roster.write_text("Name,Class,Candidate number\n" + "".join(
        f"Student {n:02d},9X,{5000 + n}\n" for n in range(1, students + 1)), encoding="utf-8")
    batch.build(pack, roster, layout, folder / "out", batch.Options(variants=variants, marking=True, write="both"))
    return folder / "out" / ("pack" if layout in (None, "default") else f"pack-{layout}") / "class"


@dataclass
class Pen:
    """A mark on a box: tick, cross, dot (faint), blacked (filled in), or two ticks on a single-answer question."""

    kind: str
    ink: int = 40  # grey of the pen: 40 a black or blue biro, 150 a pencil
    width: float = 0.45  # mm: a biro's line (a fine liner 0.3), the same in a large box as a small one


def render(pdf: pypdfium2.PdfDocument, index: int, dpi: int) -> Image.Image:
    page = pdf[index]
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    page.close()
    return image


def draw(image: Image.Image, rect: list[float], pen: Pen, dpi: int, height: float, rng: random.Random) -> None:
    """A pen mark on the box at `rect` (page points) of a page `height` points tall."""
    scale = dpi / 72
    x, y, w, h = rect
    left, top, side = x * scale, (height - y - h) * scale, w * scale
    width = max(2, int(pen.width / 25.4 * dpi))
    d = ImageDraw.Draw(image)

    def at(fx, fy):
        return (left + side * (fx + rng.uniform(-0.05, 0.05)), top + side * (fy + rng.uniform(-0.05, 0.05)))
    if pen.kind == "tick":
        d.line([at(0.2, 0.55), at(0.42, 0.8), at(0.85, 0.15)], fill=pen.ink, width=width, joint="curve")
    elif pen.kind == "cross":
        d.line([at(0.2, 0.2), at(0.8, 0.8)], fill=pen.ink, width=width)
        d.line([at(0.8, 0.2), at(0.2, 0.8)], fill=pen.ink, width=width)
    elif pen.kind == "dot":
        cx, cy = at(0.5, 0.5)
        r = min(side * 0.08, 0.4 / 25.4 * dpi)  # a pen's dot: no larger in a large box
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=pen.ink)
    elif pen.kind == "blacked":
        d.rectangle([left + side * 0.1, top + side * 0.1, left + side * 0.9, top + side * 0.9], fill=pen.ink)


def degrade(image: Image.Image, rng: random.Random, angle: float, upside_down: bool = False, warp: float = 0.0,
            blur: float = 0.0, noise: float = 0.0, quality: int = 75, background: int = 255, colour: bool = False) -> bytes:
    """The page as a scanner or phone returns it, as JPEG bytes (`colour`: a colour scan of
    cream paper, the ink a little blue). The blur is made on the grey page before it is
    coloured (the colouring is a straight line per channel, so the two orders give the same
    page to a grey level, at a third of the cost); the noise is each channel's own (`_finish`)."""
    if warp:  # a phone held at an angle: a true perspective, the page shrunk to keep its edges in view
        w, h = image.size
        d = warp * w
        seen = [(rng.uniform(0, d), rng.uniform(0, d)), (w - rng.uniform(0, d), rng.uniform(0, d)),
                (w - rng.uniform(0, d), h - rng.uniform(0, d)), (rng.uniform(0, d), h - rng.uniform(0, d))]
        image = image.transform(image.size, Image.Transform.PERSPECTIVE,
                                _perspective(seen, [(0, 0), (w, 0), (w, h), (0, h)]),
                                Image.Resampling.BILINEAR, fillcolor=background)
    image = image.rotate(angle + (180 if upside_down else 0), Image.Resampling.BILINEAR, expand=True, fillcolor=background)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if colour or noise:
        image = _finish(image, noise, rng.randrange(1 << 30) if noise else 0, colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


NOISE = np.random.default_rng(1936).standard_normal(1 << 22, dtype=np.float32)  # 16 MB of Gaussian noise, drawn once
NOISE_RUN = 1 << 20  # samples given their noise at a time (a band of rows): a 600 dpi colour page's in 4 MB, not 900
PAPER = ((25, 25, 70), (250, 244, 228))  # a colour scan's black and white: the ink a little blue, the paper cream


def _finish(image: Image.Image, sigma: float, seed: int, colour: bool) -> Image.Image:
    """The grey page coloured (each channel a straight line from PAPER's black to its white)
    and given Gaussian noise of `sigma` grey levels on every pixel and channel, a band of rows
    at a time: each band's noise a stretch of NOISE chosen by `seed`, to any box noise of the
    same spread as noise drawn afresh, at a third of the cost of drawing it."""
    grey = np.asarray(image)
    channels = 3 if colour else 1
    low = np.array(PAPER[0] if colour else (0,), np.float32)
    span = (np.array(PAPER[1] if colour else (255,), np.float32) - low) / 255
    out = Image.new("RGB" if colour else "L", image.size)
    rows = max(1, NOISE_RUN // (grey.shape[1] * channels))
    generator = np.random.default_rng(seed)
    for top in range(0, len(grey), rows):
        band = grey[top:top + rows, :, None] * span + low
        if sigma:
            offset = int(generator.integers(0, NOISE.size - band.size))
            band += NOISE[offset:offset + band.size].reshape(band.shape) * np.float32(sigma)
        done = np.clip(band, 0, 255, out=band).astype(np.uint8)  # cut to whole grey levels
        out.paste(Image.fromarray(done if colour else done[:, :, 0]), (0, top))
    return out


def scanner_pdf(path: Path, jpegs: list[bytes], resolution: float = 150) -> None:
    """The scans as a scanner's PDF (a page a picture, as Pillow writes them), one picture
    decoded at a time: each page made alone, then the pages put together without decoding."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for jpeg in jpegs:
        one = io.BytesIO()
        with Image.open(io.BytesIO(jpeg)) as image:
            image.save(one, format="PDF", resolution=resolution)
        writer.append(PdfReader(one))
    with open(path, "wb") as out:
        writer.write(out)


def _perspective(seen: list[tuple[float, float]], page: list[tuple[float, float]]) -> list[float]:
    """Pillow's coefficients taking each output point in `seen` to the page point beside it."""
    rows, rhs = [], []
    for (u, v), (x, y) in zip(seen, page):
        rows.append([u, v, 1, 0, 0, 0, -x * u, -x * v])
        rows.append([0, 0, 0, u, v, 1, -y * u, -y * v])
        rhs += [x, y]
    return [float(c) for c in np.linalg.solve(np.array(rows, float), np.array(rhs, float))]


def marking_map(folder: Path) -> dict:
    return json.loads((folder / "marking-map.json").read_text(encoding="utf-8"))


def copy_pages(data: dict) -> list[tuple[int, int]]:
    """(copy, page of copy) of every page of class-set.pdf with a code, in print order (a copy of
    an odd number of pages is followed by a blank back, which has none)."""
    out: list[tuple[int, int]] = []
    for copy in data["copies"]:
        count = len(data["units"][copy["unit"]]["pages"])
        out += [(copy["copy"], n) for n in range(1, count + 1)] + ([(0, 0)] if count % 2 else [])
    return out
