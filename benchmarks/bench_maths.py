"""Time the maths engine on 200 formulas: parse, lay out and draw, first without the caches
(every formula read and set afresh) and then with them (as a class set draws the same formulas
for every student).

Usage: python benchmarks/bench_maths.py [--count N]
"""

from __future__ import annotations

import argparse
import io
import time

FORMULAS = [
    r"x^2 + 1", r"\frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", r"\sqrt[3]{x + 1} \approx 2.1", r"\left( \frac{a}{b} \right)^2",
    r"\sum_{i=1}^{n} i^2 = \frac{n(n+1)(2n+1)}{6}", r"\vec{v} = \begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}",
    r"\alpha + \beta + \gamma = 180\degree", r"3 \times 4 \div 2 = 6", r"\text{speed} = \frac{\text{distance}}{\text{time}}",
    r"\ce{2H2 + O2 -> 2H2O}", r"\ce{N2 + 3H2 <=> 2NH3}", r"\qty{9.81}{m.s^{-2}}", r"E = mc^2", r"a_n = a_1 + (n-1)d",
    r"\sin^2\theta + \cos^2\theta = 1", r"\ce{CaCO3(s) -> CaO(s) + CO2(g) ^}", r"F = \frac{G m_1 m_2}{r^2}",
    r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", r"y = mx + c", r"\qty{25}{\degree C}",
]


def run(count: int, size: float) -> float:
    """Seconds to parse, lay out and draw `count` formulas onto one page."""
    from reportlab.pdfgen import canvas

    from studypack.media.maths import layout
    from studypack.spec.maths import parse

    page = canvas.Canvas(io.BytesIO())
    start = time.perf_counter()
    for n in range(count):
        laid = layout(parse(FORMULAS[n % len(FORMULAS)] + ("" if n < len(FORMULAS) else f" + {n}")), size)
        laid.draw(page, 20, 20 + n % 40 * 18)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()

    from studypack.media.maths import font, layout
    from studypack.spec.maths.formula import parse
    from studypack.media.maths.geometry import geometry

    start = time.perf_counter()
    font.register()
    font.characters()
    layout(parse("x"), 11)
    print(f"start-up (engine, font, character map): {time.perf_counter() - start:.2f} s")
    parse.cache_clear()
    geometry.cache_clear()
    cold = run(args.count, 11)
    warm = run(args.count, 11)
    print(f"{args.count} formulas, not cached: {cold:.2f} s ({cold / args.count * 1000:.1f} ms each)")
    print(f"{args.count} formulas, cached:     {warm:.2f} s ({warm / args.count * 1000:.2f} ms each: drawing only)")


if __name__ == "__main__":
    main()
