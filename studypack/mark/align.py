"""Where a scanned page's points are: its QR code found and read (zxing-cpp), then its four
corner squares found near where the code says they are, and a perspective transform from page
points to the scan's pixels fitted to both by least squares (numpy). A page rotated, skewed,
photographed at an angle or upside down is aligned the same way: the code knows its own corners."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np


PREFIX = "SP1"  # what studypack's page codes start with (pdf/readback.py prints them; a test holds them equal)
SEARCH = 12 * 72 / 25.4  # points around where a corner square should be, searched for it
FILL = 0.6  # a corner square's share of dark pixels, at least (a scan's blur and tilt cost a little)
RING = 0.25  # the light paper around a square: at most this share dark (a dark table is not a square)
MOST_ERROR = 1.2 * 72 / 25.4  # points: a fit worse than this at any mark is not trusted


@dataclass
class Code:
    """A QR code found on a scan: its text and its symbol's corners in pixels (its own top
    left, top right, bottom right, bottom left)."""

    text: str
    corners: np.ndarray


@dataclass
class Aligned:
    """A scan's transform from page points to pixels, and the grey its ink is darker than."""

    transform: np.ndarray
    threshold: float


def codes(pixels: np.ndarray) -> list[Code]:
    """Every QR code on the scan, studypack's first. A code that zxing's usual reading misses
    on a blurred low-resolution scan is looked for again with a fixed threshold, then at twice
    the size in each corner of the scan (the code is near one, whichever way the page lies)."""
    import zxingcpp  # lazy: the [mark] extra
    height, width = pixels.shape
    attempts = [(pixels, 0, 0, 1, zxingcpp.Binarizer.LocalAverage), (pixels, 0, 0, 1, zxingcpp.Binarizer.FixedThreshold)]
    if max(pixels.shape) < 4000:
        h, w = int(height * 0.35), int(width * 0.35)
        for top, left in ((height - h, 0), (0, width - w), (0, 0), (height - h, width - w)):
            attempts.append((pixels[top:top + h, left:left + w], left, top, 2, zxingcpp.Binarizer.LocalAverage))
    out: list[Code] = []
    for image, left, top, scale, binarizer in attempts:
        if scale != 1:
            image = _enlarged(image, scale)
        for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode,  # type: ignore[arg-type]
                                           binarizer=binarizer):
            p = code.position
            corners = np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                                [p.bottom_right.x, p.bottom_right.y], [p.bottom_left.x, p.bottom_left.y]], float)
            out.append(Code(code.text, (corners + 0.5) / scale - 0.5 + np.array([left, top])))
        if any(c.text.startswith(PREFIX + "/") for c in out):
            break
    return sorted(out, key=lambda c: not c.text.startswith(PREFIX + "/"))


def _enlarged(pixels: np.ndarray, scale: int) -> np.ndarray:
    from PIL import Image  # lazy: only for a scan that needs it
    return np.asarray(Image.fromarray(np.ascontiguousarray(pixels)).resize(
        (pixels.shape[1] * scale, pixels.shape[0] * scale), Image.Resampling.BICUBIC))


def symbol_points(code_place: list[float], text: str) -> np.ndarray:
    """The printed symbol's corners in page points, in the order `Code.corners` gives them
    (the quiet zone of one module is inside the printed side; see pdf.readback)."""
    x, y, side = code_place
    modules = _modules(text)
    m = side / (modules + 2)
    return np.array([[x + m, y + side - m], [x + side - m, y + side - m], [x + side - m, y + m], [x + m, y + m]], float)


def _modules(text: str) -> int:
    """The symbol's modules a side: the version ReportLab picked for this text (error level M),
    which hangs on its length alone (alphanumeric mode)."""
    return _modules_for(len(text))


@functools.lru_cache(maxsize=None)
def _modules_for(length: int) -> int:
    from reportlab.graphics.barcode import qrencoder  # the same encoder as the printer
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QRAlphaNum("A" * length))
    code.make()
    return code.getModuleCount()


def align(pixels: np.ndarray, code: Code, page: dict) -> Aligned | None:
    """The page's transform, from its code and its corner squares; None where a corner square
    cannot be found or the fit is poor (the page goes to the review list, never guessed at)."""
    threshold = paper_grey(pixels) * 0.7
    src = list(symbol_points(page["code"], code.text))
    dst = list(code.corners)
    squares = [(x + side / 2, y + side / 2, side) for x, y, side in page["corners"]]
    squares.sort(key=lambda s: float(np.hypot(s[0] - src[3][0], s[1] - src[3][1])))  # nearest the code first
    for cx, cy, side in squares:
        transform = fit(np.array(src), np.array(dst), perspective=len(src) >= 7)  # three squares: not in a line
        found = find_square(pixels, transform, (cx, cy), side, threshold)
        if found is None:
            return None
        src.append(np.array([cx, cy]))
        dst.append(found)
    # the squares' centres (to a fraction of a pixel) fix the transform; the code's corners, which
    # zxing gives to a pixel or so, only check it
    transform = fit(np.array(src[4:]), np.array(dst[4:]), perspective=True)
    if _error(transform, np.array(src[:4]), np.array(dst[:4])) > MOST_ERROR * _scale(transform):
        return None
    return Aligned(transform, threshold)


def paper_grey(pixels: np.ndarray) -> float:
    """How light the paper is: most of a page is paper."""
    return float(np.percentile(pixels[::7, ::7], 90))


def fit(src: np.ndarray, dst: np.ndarray, perspective: bool) -> np.ndarray:
    """The 3×3 transform taking `src` points to `dst` points, by least squares: affine, or with
    perspective where there are points enough."""
    s_mean, d_mean = src.mean(0), dst.mean(0)
    s_scale = np.sqrt(((src - s_mean) ** 2).sum(1).mean()) or 1.0
    d_scale = np.sqrt(((dst - d_mean) ** 2).sum(1).mean()) or 1.0
    a, b = (src - s_mean) / s_scale, (dst - d_mean) / d_scale
    if perspective:
        rows, rhs = [], []
        for (x, y), (u, v) in zip(a, b):
            rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
            rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
            rhs += [u, v]
        h = np.linalg.lstsq(np.array(rows), np.array(rhs), rcond=None)[0]
        normal = np.append(h, 1.0).reshape(3, 3)
    else:
        m = np.linalg.lstsq(np.column_stack([a, np.ones(len(a))]), b, rcond=None)[0]
        normal = np.vstack([m.T, [0, 0, 1]])
    into = np.array([[1 / s_scale, 0, -s_mean[0] / s_scale], [0, 1 / s_scale, -s_mean[1] / s_scale], [0, 0, 1]])
    out = np.array([[d_scale, 0, d_mean[0]], [0, d_scale, d_mean[1]], [0, 0, 1]])
    return out @ normal @ into


def apply(transform: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Page points (N×2) to pixels (N×2)."""
    points = np.atleast_2d(points)
    h = np.column_stack([points, np.ones(len(points))]) @ transform.T
    return h[:, :2] / h[:, 2:3]


def _scale(transform: np.ndarray) -> float:
    """Pixels per point, about."""
    a = apply(transform, np.array([[0.0, 0.0], [100.0, 0.0]]))
    return float(np.hypot(*(a[1] - a[0]))) / 100


def _error(transform: np.ndarray, src: np.ndarray, dst: np.ndarray) -> float:
    return float(np.max(np.hypot(*(apply(transform, src) - dst).T)))


def find_square(pixels: np.ndarray, transform: np.ndarray, centre: tuple[float, float], side: float,
                threshold: float) -> np.ndarray | None:
    """The centre in pixels of the filled square nearest where `transform` puts `centre`: a
    square of dark pixels with light paper around it, searched for within SEARCH points."""
    scale = _scale(transform)
    u, v = apply(transform, np.array([centre]))[0]
    reach, k = int(SEARCH * scale), max(3, int(round(side * scale * 0.85)))
    ring = max(2, k // 2)
    x0, y0 = max(0, int(u) - reach), max(0, int(v) - reach)
    x1, y1 = min(pixels.shape[1], int(u) + reach), min(pixels.shape[0], int(v) + reach)
    if x1 - x0 < k + 2 * ring or y1 - y0 < k + 2 * ring:
        return None
    dark = np.zeros((y1 - y0 + 1, x1 - x0 + 1), np.int32)
    dark[1:, 1:] = (pixels[y0:y1, x0:x1] < threshold).cumsum(0).cumsum(1)
    inner = _box_sums(dark, k)[ring:-ring, ring:-ring] / (k * k)
    outer = _box_sums(dark, k + 2 * ring)
    around = (outer * 1.0 - inner * k * k) / ((k + 2 * ring) ** 2 - k * k)
    good = (inner >= FILL) & (around <= RING)
    if not good.any():
        return None
    ys, xs = np.nonzero(good)
    cx, cy = xs + ring + k / 2 + x0, ys + ring + k / 2 + y0
    best = int(np.argmin((cx - u) ** 2 + (cy - v) ** 2))
    return _centroid(pixels, threshold, cx[best], cy[best], k)


def _box_sums(integral: np.ndarray, k: int) -> np.ndarray:
    """The sum over every k×k window, from an integral image (one row and column of zeros first)."""
    return integral[k:, k:] - integral[:-k, k:] - integral[k:, :-k] + integral[:-k, :-k]


def _centroid(pixels: np.ndarray, threshold: float, cx: float, cy: float, k: int) -> np.ndarray:
    """The centre of the dark pixels around a square found (its middle, to a fraction of a pixel)."""
    half = int(k * 0.8)
    x0, y0 = max(0, int(cx) - half), max(0, int(cy) - half)
    patch = pixels[y0:int(cy) + half, x0:int(cx) + half] < threshold
    ys, xs = np.nonzero(patch)
    if len(xs) == 0:
        return np.array([cx, cy])
    return np.array([xs.mean() + x0 + 0.5, ys.mean() + y0 + 0.5])
