"""Class sets as separate files (`--write copies`), two checkouts side by side in one run.

Usage: python benchmarks/bench_copies_paired.py --tree base=../old-checkout --tree this=. \
           [--pack PACK_DIR] [--sizes 30,10000] [--runs 3] [--no-sync-too]

The pack is bench_compare's (the six-page pack issue 29's class-set figures were measured on)
unless `--pack` names another.

Each round builds every size with every checkout in turn (the order swapped each round), a
whole process each (`python -m studypack`, the resident server off), into a fresh folder
that is removed, untimed, after. For each it reports the median of:
- wall seconds; CPU seconds, user and system, of the build and the helpers it waited for
  (on a shared machine the steadier figure); the build process's peak memory;
- the write's own share, from the writer's functions timed inside the process: the temporary
  files written (`files`), their fsyncs (`sync`), the journal (`journal`) and its renames and
  removals (`rename`), in wall seconds, and the CPU seconds of everything before the write;
- with `--no-sync-too`, the same build again with fsync, fdatasync, syncfs and sync made to
  return at once (a preloaded shim, built with the system's C compiler): what the kernel's
  waits on the disk cost, apart from our own CPU.
Give the same `--pack` to both checkouts (an older checkout may not read today's example pack).
"""

from __future__ import annotations

import argparse
import json
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

import bench_compare  # noqa: E402
import rosters  # noqa: E402

# run inside the build: the writer's steps timed, whichever checkout (its module's old or new place)
PHASES = r"""
import atexit, json, os, resource, runpy, sys, time
try:
    from studypack.io import output
except ImportError:
    from studypack import output
spent = {"files": 0.0, "sync": 0.0, "rename": 0.0, "journal": 0.0, "write": 0.0, "cpu_before": None}

def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

def timed(name, func):
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return run

def each(func):  # an older writer's fsyncs (a newer one's are timed by _durable)
    def run(action, *args, **kwargs):
        if getattr(action, "__name__", "") != "_fsync":
            return func(action, *args, **kwargs)
        return timed("sync", func)(action, *args, **kwargs)
    return run

write_all = output.write_all
def whole(*args, **kwargs):
    if spent["cpu_before"] is None:
        spent["cpu_before"] = cpu()
    return timed("write", write_all)(*args, **kwargs)
output.write_all = whole
output.map_ordered = timed("files", output.map_ordered)
if hasattr(output, "_durable"):
    output._durable = timed("sync", output._durable)
else:
    output._each = each(output._each)
output._commit = timed("journal", output._commit)
output._apply = timed("rename", output._apply)
try:
    from studypack.app import batch
except ImportError:
    from studypack import batch
batch.write_all = whole
atexit.register(lambda: open(os.environ["BENCH_PHASES"], "w").write(json.dumps(spent)))
sys.argv = ["studypack", *sys.argv[1:]]
runpy.run_module("studypack", run_name="__main__")
"""

NO_SYNC = r"""
int fsync(int fd) { return 0; }
int fdatasync(int fd) { return 0; }
int syncfs(int fd) { return 0; }
void sync(void) { }
"""


def once(tree: Path, args: list[str], work: Path, shim: Path | None) -> dict:
    out = work / "out"
    phases = work / "phases.json"
    env = dict(os.environ, STUDYPACK_RESIDENT="0", PYTHONPATH=str(tree), BENCH_PHASES=str(phases))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as an installed package has it, kept apart
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # from the checkouts (one may be read only)
    if shim:
        env["LD_PRELOAD"] = str(shim)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", PHASES, *args, "--out", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({tree}): {' '.join(args)}\n{proc.stderr.read().decode()}")
    spent = json.loads(phases.read_text())
    size = sum(p.stat().st_size for p in out.rglob("*.pdf"))
    files = sum(1 for _ in out.rglob("*.pdf"))
    shutil.rmtree(out)
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime, "cpu": cpu, "peak": usage.ru_maxrss / 1024,
            "files": spent["files"], "sync": spent["sync"], "journal": spent["journal"], "rename": spent["rename"],
            "write": spent["write"], "cpu_write": cpu - (spent["cpu_before"] or cpu), "MB": size / 1e6, "pdfs": files}


def no_sync_shim(work: Path) -> Path:
    source = work / "nosync.c"
    source.write_text(NO_SYNC)
    shim = work / "nosync.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(shim), str(source)], check=True)
    return shim


COLUMNS = ["wall", "cpu", "user", "sys", "peak", "files", "sync", "journal", "rename", "write", "cpu_write", "MB", "pdfs"]


def report(title: str, rows: dict[str, list[dict]]) -> None:
    print(f"\n{title} (medians; seconds, peak MiB, output MB)")
    print("| checkout | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "--:|" * len(COLUMNS))
    for name, runs in rows.items():
        print(f"| {name} | " + " | ".join(f"{statistics.median(r[c] for r in runs):.3f}" if c != "pdfs" else
                                         f"{runs[0][c]}" for c in COLUMNS) + " |")
    names = list(rows)
    if len(names) > 1:
        first = rows[names[0]]
        for name in names[1:]:
            ratios = {c: statistics.median(b[c] / a[c] for a, b in zip(first, rows[name]) if a[c])
                      for c in ("wall", "cpu", "peak")}
            print(f"  {name} / {names[0]} (paired): " + ", ".join(f"{c} {v:.3f}x" for c, v in ratios.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--pack", help="a pack folder (default: bench_compare's pack)")
    parser.add_argument("--sizes", default="30,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-sync-too", action="store_true")
    args = parser.parse_args()
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in args.tree)}
    work = Path(tempfile.mkdtemp(prefix="studypack-paired-"))
    try:
        shim = no_sync_shim(work) if args.no_sync_too else None
        pack = Path(args.pack).resolve() if args.pack else bench_compare.studypack_pack(work / "pack")
        modes = [("", None)] + ([(" (no fsync)", shim)] if shim else [])
        results: dict[str, dict[str, list[dict]]] = {}
        for size in [int(s) for s in args.sizes.split(",")]:
            roster = rosters.write(work / f"r{size}.csv", size)
            command = ["build", str(pack), "--roster", str(roster), "--write", "copies"]
            for tree in trees.values():  # a warm-up each: the typeset cache, .pyc files
                once(tree, command, work, None)
            for round_ in range(args.runs):
                order = list(trees.items()) if round_ % 2 == 0 else list(reversed(trees.items()))
                for suffix, preload in modes:
                    for name, tree in order:
                        row = results.setdefault(f"{size} students{suffix}", {}).setdefault(name, [])
                        row.append(once(tree, command, work, preload))
            print(f"(done {size}; load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; pack {pack}; runs {args.runs}")
        for title, rows in results.items():
            report(title, {name: rows[name] for name in trees if name in rows})
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
