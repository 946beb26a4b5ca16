"""Time class-set builds as whole processes, the way a school office runs them.

Usage: python benchmarks/bench_classset.py [PACK_DIR] [--runs N] [--sizes 30,1000] [--naive [STUDENTS]]

For each roster size (rosters of international names are generated), builds the class
set as one PDF (`--write class-set`), as separate files (`--write copies`), and with
`--variants 4`; and one plain pack build for comparison. Reports the median wall time of
N runs, the median CPU time (user + system, of the build and the helper processes it forked
and waited for: on a shared machine the steadier figure, as the wall time shows the load
too), the peak memory of the build process (its forked helpers have their own), and the
output size. `--naive` also times the naive way, for 30 students (or as many as it says): one ReportLab
layout of the whole pack per student (in one process, so it is the naive way at its best).
Each run writes into a fresh folder, as a first build does; the resident server is off (each
run is a whole build in its own process). Run on an idle machine, or compare CPU seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import rosters  # noqa: E402


def run(command: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, peak resident MiB and CPU seconds (user + system, with the processes it
    waited for) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.pdf"))


def measure(label: str, command: list[str], out: Path, runs: int, env: dict, result_dir) -> dict:
    times, peaks, cpus, size = [], [], [], 0
    for i in range(runs + 1):  # the first run warms caches and is not counted
        target = out / f"{label.replace(' ', '-')}-{i}"
        wall, peak, cpu = run(command + ["--out", str(target)], env)
        if i:
            times.append(wall)
            peaks.append(peak)
            cpus.append(cpu)
        size = size_of(result_dir(target))
        shutil.rmtree(target, ignore_errors=True)
    row = {"case": label, "median": statistics.median(times), "best": min(times), "cpu": statistics.median(cpus),
           "peak": max(peaks), "size": size}
    print(f"{label:<34} median {row['median']:6.2f} s  best {row['best']:6.2f} s  CPU {row['cpu']:6.2f} s  "
          f"peak {row['peak']:5.0f} MiB  output {size / 1024:8.0f} KB  (load {os.getloadavg()[0]:.1f})", flush=True)
    return row


def naive(pack: Path, roster: Path) -> tuple[float, int]:
    """Lay the pack out once per student with the name in the header (one process, warm)."""
    from studypack.app.build import prepare
    from studypack.io import roster as rosters_module
    from studypack.pdf.typeset import typeset
    from studypack.plan import documents as planning
    from studypack.views.job import Job

    prepared = prepare(pack)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, Path("unused"))
    document = next(d for d in plan.documents if d.filename == "pack.pdf")
    job = Job(prepared.layout, prepared.loaded.pack, prepared.loaded.root, plan.tier)
    students = rosters_module.read(roster).students
    typeset(document, job)  # warm
    start = time.perf_counter()
    total = 0
    for _student in students:
        total += len(typeset(document, job).data)  # the same work a per-student layout does
    return time.perf_counter() - start, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default=str(ROOT / "sources" / "show-trials"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="30,1000")
    parser.add_argument("--naive", type=int, nargs="?", const=30, default=0, metavar="STUDENTS",
                        help="also lay the pack out once per student, for 30 students (or STUDENTS)")
    args = parser.parse_args()

    exe = shutil.which("studypack")
    command = [exe] if exe else [sys.executable, "-m", "studypack"]
    env = dict(os.environ, STUDYPACK_RESIDENT="0")  # each run a whole build, not handed to a server
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="studypack-bench-"))
    pack = Path(args.pack)
    name = pack.resolve().name
    try:
        plain = measure("plain pack build", command + ["build", str(pack)], work, args.runs, env,
                        lambda t: t / name)
        one_copy = (work / "probe")
        run(command + ["build", str(pack), "--out", str(one_copy)], env)
        copy_size = (one_copy / name / "pack.pdf").stat().st_size
        print(f"{'one copy (pack.pdf)':<34} {copy_size / 1024:.0f} KB")
        for size in [int(s) for s in args.sizes.split(",")]:
            roster = rosters.write(work / f"class-{size}.csv", size)
            base = command + ["build", str(pack), "--roster", str(roster)]
            where = lambda t, size=size: t / name / f"class-{size}"  # noqa: E731
            one = measure(f"{size} students, one class PDF", base + ["--write", "class-set"], work, args.runs, env, where)
            measure(f"{size} students, separate files", base + ["--write", "copies"], work, args.runs, env, where)
            measure(f"{size} students, both", base, work, args.runs, env, where)
            measure(f"{size} students, --variants 4", base + ["--variants", "4", "--write", "class-set"], work,
                    args.runs, env, where)
            class_pdf = work / "sizes"
            run(base + ["--write", "class-set", "--out", str(class_pdf)], env)
            set_size = (class_pdf / name / f"class-{size}" / "class-set.pdf").stat().st_size
            print(f"  class-set.pdf {set_size / 1024:.0f} KB = {set_size / copy_size:.2f} x one copy; "
                  f"one class PDF = {one['median'] / plain['median']:.2f} x one plain build")
            shutil.rmtree(class_pdf)
        if args.naive:
            roster = rosters.write(work / "class-naive.csv", args.naive)
            seconds, total = naive(pack, roster)
            print(f"{f'{args.naive} students, naive (layout each)':<34} {seconds:6.2f} s  output {total / 1024:8.0f} KB "
                  f"(1,000 students: about {seconds / args.naive * 1000:.0f} s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
