"""Time the maths engine on 200 formulas: parse, lay out and draw, first without the caches
(every formula read and set afresh) and then with them (as a class set draws the same formulas
for every student). With --pack, time whole builds instead, each in a new process without the
document cache (`--no-cache`): a pack of 50 questions holding 200 formulas against the same
pack with each formula written as plain text, in paired rounds; the formula pack is built
with an empty user cache (the first build on a machine: every formula set by ziamath) and
with the formulas kept from an earlier build (every later build).

Wall and CPU seconds are both printed: on a busy machine the wall time follows the load, the
CPU time (the build's processes' user and system time) much less.

Usage: python benchmarks/bench_maths.py [--count N] [--pack] [--rounds N]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMULAS = [
    r"x^2 + 1", r"\frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", r"\sqrt[3]{x + 1} \approx 2.1", r"\left( \frac{a}{b} \right)^2",
    r"\sum_{i=1}^{n} i^2 = \frac{n(n+1)(2n+1)}{6}", r"\vec{v} = \begin{pmatrix} 1 \\ 2 \\ 3 \end{pmatrix}",
    r"\alpha + \beta + \gamma = 180\degree", r"3 \times 4 \div 2 = 6", r"\text{speed} = \frac{\text{distance}}{\text{time}}",
    r"\ce{2H2 + O2 -> 2H2O}", r"\ce{N2 + 3H2 <=> 2NH3}", r"\qty{9.81}{m.s^{-2}}", r"E = mc^2", r"a_n = a_1 + (n-1)d",
    r"\sin^2\theta + \cos^2\theta = 1", r"\ce{CaCO3(s) -> CaO(s) + CO2(g) ^}", r"F = \frac{G m_1 m_2}{r^2}",
    r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", r"y = mx + c", r"\qty{25}{\degree C}",
]


def run(count: int, size: float) -> tuple[float, float]:
    """Wall and CPU seconds to parse, lay out and draw `count` formulas onto one page."""
    from reportlab.pdfgen import canvas

    from studypack.media.maths.layout import layout
    from studypack.spec.maths import parse

    page = canvas.Canvas(io.BytesIO())
    start, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        laid = layout(parse(FORMULAS[n % len(FORMULAS)] + ("" if n < len(FORMULAS) else f" + {n}")), size)
        laid.draw(page, 20, 20 + n % 40 * 18)
    return time.perf_counter() - start, time.process_time() - cpu


def write_packs(folder: Path, count: int) -> tuple[Path, Path]:
    """Two packs of count/4 questions, each with four formulas (two in the prompt, two in the
    answer): one with the formulas as `$...$`, one with the same characters as plain text."""
    questions = []
    for n in range(count // 4):
        a, b, c, d = (FORMULAS[(4 * n + i) % len(FORMULAS)] + f" + {n}" for i in range(4))
        questions.append((f"Given ${a}$ and ${b}$, find the value asked for.", f"${c}$, so ${d}$"))
    made = []
    for name, plain in (("formulas", False), ("plain", True)):
        lines = ['title: "Maths benchmark"', "subject: Mathematics", 'level: "GCSE"', "sheets:", "  - id: practice", "    kind: worksheet",
                 '    title: "Practice"', "    questions:"]
        for prompt, answer in questions:
            if plain:
                prompt, answer = (t.replace("$", "").replace("\\", "") for t in (prompt, answer))
            lines += ["      - kind: short", f"        prompt: '{prompt}'", "        marks: 2", f"        answer: '{answer}'"]
        pack = folder / name
        pack.mkdir()
        (pack / "pack.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        made.append(pack)
    return made[0], made[1]


def build_seconds(pack: Path, out: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds (its processes' user and system time) of one `studypack build
    --no-cache` in a new process, user cache at `cache`. On a busy machine the wall time
    varies with what else runs; the CPU time much less."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), STUDYPACK_RESIDENT="0")  # the build in this process, its CPU counted here
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode: time it so
    used = _children_cpu()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "studypack", "build", str(pack), "--no-cache", "--out", str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and the processes it forked, once ended
    return usage.ru_utime + usage.ru_stime


def bench_pack(count: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        formulas, plain = write_packs(root, count)
        kept = root / "kept-cache"
        build_seconds(formulas, root / "out", kept)  # fonts unpacked, formulas kept
        build_seconds(plain, root / "out", kept)
        times: dict[str, list[tuple[float, float]]] = {"plain": [], "formulas, first build": [], "formulas, kept": []}
        for n in range(rounds):
            fresh = root / f"fresh-{n}"
            build_seconds(plain, root / "out", fresh)  # unpacks the fonts into the fresh cache (no formulas in it yet)
            times["plain"].append(build_seconds(plain, root / "out", fresh))
            times["formulas, first build"].append(build_seconds(formulas, root / "out", fresh))
            times["formulas, kept"].append(build_seconds(formulas, root / "out", kept))
        print(f"{count} formulas in {count // 4} questions, {rounds} paired rounds, load {os.getloadavg()[0]:.1f}:")
        for n, what in enumerate(("wall", "CPU")):
            base = statistics.median(t[n] for t in times["plain"])
            for name, seconds in times.items():
                median = statistics.median(t[n] for t in seconds)
                ratios = statistics.median(t[n] / p[n] for t, p in zip(seconds, times["plain"]))
                print(f"  {what:4} {name:24} {median:.2f} s  ({median / base:.2f}x plain; paired rounds' median {ratios:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--pack", action="store_true", help="time whole builds of a pack with the formulas against plain text")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.pack:
        bench_pack(args.count, args.rounds)
        return
    with tempfile.TemporaryDirectory() as tmp:  # an empty user cache: no formula kept from an earlier run
        os.environ["XDG_CACHE_HOME"] = tmp
        bench_engine(args.count)


def bench_engine(count: int) -> None:
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
    (cold, cold_cpu), (warm, warm_cpu) = run(count, 11), run(count, 11)
    print(f"{count} formulas, not cached: {cold:.2f} s, CPU {cold_cpu:.2f} s ({cold_cpu / count * 1000:.1f} ms CPU each)")
    print(f"{count} formulas, cached:     {warm:.2f} s, CPU {warm_cpu:.2f} s ({warm_cpu / count * 1000:.2f} ms CPU each: drawing only)")


if __name__ == "__main__":
    main()
