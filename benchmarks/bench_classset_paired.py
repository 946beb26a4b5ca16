"""Class sets in one PDF, two checkouts of studypack side by side, in paired rounds.

Usage: python benchmarks/bench_classset_paired.py OTHER_TREE [--runs N] [--sizes 1000,10000]
       [--write class-set] [--out FOLDER] [--resident]

Builds bench_compare's pack for rosters of each size (`--write class-set`: one PDF, as
bench_compare's "students, one PDF" rows), once with this checkout and once with OTHER_TREE
(another checkout's folder, such as an earlier commit's worktree), alternating, so both see the
same load. Each build is a whole process (`python -m studypack`, the resident server off, the
tree's package first on PYTHONPATH) with its own user cache (warmed by an uncounted first run)
and a fresh output folder. Bytecode goes to a scratch folder, never into either tree. Reports
the median CPU seconds (user + system of the build and the helpers it waited for: steadier than
wall time on a shared machine), the median peak resident MiB, the median wall time, and the
ratio of each to the other tree's, with the load seen.

`--resident`: this checkout's builds are handed to its resident server, as a teacher's command
is by default once one is running (started by the uncounted first round); the other tree runs
as before. Compare wall times then: the CPU column counts the command's own process only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_compare  # noqa: E402
import rosters  # noqa: E402


def run(command: list[str], env: dict, cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, with the processes it waited for) and peak MiB,
    measured as bench_compare measures. `cwd`: a folder holding no studypack package (`python -m`
    imports from its folder first)."""
    wall, peak, cpu = bench_compare.run(command, cwd, env)
    return wall, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", help="the other checkout's folder (its studypack/ package is imported)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--write", default="class-set", choices=("class-set", "copies", "both"))
    parser.add_argument("--out", help="scratch folder (default: a new temporary one, removed after)")
    parser.add_argument("--resident", action="store_true", help="this tree's builds by its resident server")
    args = parser.parse_args()

    work = Path(args.out or tempfile.mkdtemp(prefix="studypack-paired-"))
    work.mkdir(parents=True, exist_ok=True)
    trees = {"this": ROOT, "other": Path(args.other).resolve()}
    envs = {}
    for label, tree in trees.items():
        env = dict(os.environ, STUDYPACK_RESIDENT="0", PYTHONPATH=str(tree), XDG_CACHE_HOME=str(work / f"cache-{label}"),
                   XDG_RUNTIME_DIR=str(work), PYTHONPYCACHEPREFIX=str(work / f"pyc-{label}"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.resident and label == "this":
            env.update(STUDYPACK_RESIDENT="1", STUDYPACK_RESIDENT_IDLE="60")
        envs[label] = env
    pack = bench_compare.studypack_pack(work / "pack")
    for label, tree in trees.items():  # each run must import its own tree's package
        found = subprocess.run([sys.executable, "-c", "import studypack; print(studypack.__file__)"], cwd=work,
                               env=envs[label], capture_output=True, text=True, check=True).stdout.strip()
        if not Path(found).is_relative_to(tree):
            raise SystemExit(f"{label}: imports {found}, not {tree}'s package")
    try:
        print(f"this: {ROOT}{' (resident server)' if args.resident else ''}\nother: {trees['other']}\nruns per cell: {args.runs} (paired); "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
        print(f"| {'students, --write ' + args.write:<28} | tree  | CPU s median | peak MiB | wall s median |")
        print(f"|{'-' * 30}|-------|-------------:|---------:|--------------:|")
        for size in [int(s) for s in args.sizes.split(",") if s]:
            roster = rosters.write(work / f"r{size}.csv", size)
            seen: dict[str, list[tuple[float, float, float]]] = {label: [] for label in trees}
            loads = []
            for i in range(args.runs + 1):  # the first round warms caches and is not counted
                order = list(trees) if i % 2 else list(reversed(trees))
                for label in order:
                    target = work / f"out-{label}"
                    command = [sys.executable, "-m", "studypack", "build", str(pack), "--out", str(target),
                               "--roster", str(roster), "--write", args.write]
                    measured = run(command, envs[label], work)
                    shutil.rmtree(target, ignore_errors=True)
                    if i:
                        seen[label].append(measured)
                loads.append(os.getloadavg()[0])
            med = {label: [statistics.median(m[k] for m in seen[label]) for k in range(3)] for label in trees}
            for label in trees:
                wall, cpu, peak = med[label]
                ratio = "" if label == "other" else (f"  ({cpu / med['other'][1]:.3f}x CPU, "
                                                     f"{peak / med['other'][2]:.3f}x MiB)")
                print(f"| {size:<28,} | {label:<5} | {cpu:12.3f} | {peak:8.1f} | {wall:13.3f} |{ratio}", flush=True)
            print(f"  load {min(loads):.1f}-{max(loads):.1f}; CPU each run: "
                  + "; ".join(f"{label} " + " ".join(f"{m[1]:.2f}" for m in seen[label]) for label in trees), flush=True)
    finally:
        if not args.out:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
