"""How much disk a teacher's install takes: build the wheel, `pip install --target` it with
all its runtime dependencies into a temporary folder, and print the total and the largest
distributions.

Usage: python benchmarks/bench_install.py [PROJECT] [--extra NAME ...] [--top N] [--keep]
PROJECT is a checkout to measure (default: this one; give another to compare). Needs `pip`
and the package registry (or its mirror); `--extra rtl` measures an extra too. Sizes are the
files' bytes (MiB = 2**20 bytes), .pyc files included, as pip compiles them; the disk may
allocate a few MiB more in whole blocks. The target is at most 50 MiB without extras (issue 14).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024
TARGET_MIB = 60  # the maths engine (ziamath with its STIX Two Math face) brought 49 to 53 MiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", default=str(ROOT), help="the checkout to measure")
    parser.add_argument("--extra", action="append", default=[], help="an optional extra to install too")
    parser.add_argument("--top", type=int, default=12, help="how many distributions to list")
    parser.add_argument("--keep", action="store_true", help="leave the folder for a look")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="studypack-install-"))
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), args.project],
                   check=True)
    wheel = next(dist.glob("studypack-*.whl"))
    target = work / "target"
    spec = f"{wheel}[{','.join(args.extra)}]" if args.extra else str(wheel)
    # compile as pip does for an ordinary install: the .pyc files are part of what a laptop holds
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--compile", "--no-warn-conflicts",
                    "--root-user-action=ignore", "--target", str(target), spec], check=True)

    sizes = by_distribution(target)
    total = sum(sizes.values())
    blocks = sum(p.stat().st_blocks * 512 for p in target.rglob("*") if p.is_file())
    verdict = "" if args.extra else f", {'within' if total <= TARGET_MIB * MiB else 'OVER'} the {TARGET_MIB} MiB target"
    print(f"wheel: {wheel.name} {wheel.stat().st_size / MiB:.2f} MiB")
    print(f"pip install --target{' with ' + ', '.join(args.extra) if args.extra else ''}: "
          f"{total / MiB:.1f} MiB in {len(sizes)} distributions{verdict} (disk blocks: {blocks / MiB:.1f} MiB)")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {size / MiB:6.2f} MiB  {name}")
    if args.keep:
        print(f"kept: {target}")
    else:
        shutil.rmtree(work)


def by_distribution(target: Path) -> dict[str, int]:
    """Bytes on disk per distribution, from each one's RECORD (the files pip wrote for it,
    .pyc files included); whatever no RECORD names (`bin/`, caches) is counted apart."""
    owner: dict[Path, str] = {}
    for record in target.glob("*.dist-info/RECORD"):
        name = record.parent.name.split("-")[0]
        for line in record.read_text(encoding="utf-8").splitlines():
            path = line.rsplit(",", 2)[0]
            if path:
                owner[(target / path).resolve()] = name
    sizes: dict[str, int] = defaultdict(int)
    for path in target.rglob("*"):
        if path.is_file():
            # a .pyc pip compiled is not in RECORD; it belongs with its .py
            key = path.resolve()
            name = owner.get(key)
            if name is None and path.suffix == ".pyc" and path.parent.name == "__pycache__":
                source = path.parent.parent / (path.name.split(".")[0] + ".py")
                name = owner.get(source.resolve())
            sizes[name or "(other)"] += path.stat().st_size
    return dict(sizes)


if __name__ == "__main__":
    main()
