"""The SHA-256 of every PDF the example packs produce: the proof that a change moved nothing on paper.

Builds are deterministic, so the same input must give the same bytes. This script builds the
example packs under every shipped layout, the foundation tier, and a class set with variants and
per-student keys, then compares (or, with --accept, records) the hashes in tests/golden/sha256.txt.

Usage:
    python tools/golden.py            # compare; exit 1 and list what changed
    python tools/golden.py --accept   # record the current bytes as intended (say why in the commit)

tests/test_golden.py runs the same comparison in the suite.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "golden" / "sha256.txt"
PACKS = ("show-trials", "show-trials-anna")
ROSTER = ROOT / "examples" / "class-9b.csv"


def shipped_layouts() -> list[str]:
    return sorted(path.stem for path in (ROOT / "studypack" / "layouts").glob("*.yaml"))


def cases() -> list[tuple[str, list[str]]]:
    """(case name, build arguments after the pack folder) for every build the check covers."""
    found: list[tuple[str, list[str]]] = []
    for pack in PACKS:
        for layout in shipped_layouts():
            found.append((f"{pack}@{layout}", [f"sources/{pack}", "--layout", layout]))
    found.append(("show-trials@foundation", ["sources/show-trials", "--tier", "foundation"]))
    found.append(("show-trials@higher", ["sources/show-trials", "--tier", "higher"]))
    found.append(("show-trials@class-set", ["sources/show-trials", "--roster", str(ROSTER.relative_to(ROOT)),
                                            "--variants", "2", "--keys", "per-student"]))
    return found


def build_all(out_root: Path) -> dict[str, str]:
    """Build every case into its own folder under out_root; return {case/relative path: sha256}."""
    hashes: dict[str, str] = {}
    for name, arguments in cases():
        out = out_root / name
        command = [sys.executable, "-m", "studypack", "build", *arguments, "--out", str(out), "--no-cache"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{name}: build failed ({done.returncode}):\n{done.stderr}")
        for pdf in sorted(out.rglob("*.pdf")):
            key = f"{name}/{pdf.relative_to(out).as_posix()}"
            hashes[key] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return hashes


def read_manifest(path: Path = MANIFEST) -> dict[str, str]:
    recorded: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, key = line.split(maxsplit=1)
            recorded[key] = digest
    return recorded


def write_manifest(hashes: dict[str, str], path: Path = MANIFEST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# SHA-256 of every example PDF; regenerate with `python tools/golden.py --accept`"]
    lines += [f"{digest}  {key}" for key, digest in sorted(hashes.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def differences(recorded: dict[str, str], actual: dict[str, str]) -> list[str]:
    problems = []
    for key in sorted(set(recorded) | set(actual)):
        if key not in actual:
            problems.append(f"missing: {key}")
        elif key not in recorded:
            problems.append(f"new:     {key}")
        elif recorded[key] != actual[key]:
            problems.append(f"changed: {key}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", action="store_true", help="record the current bytes as intended")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="studypack-golden-") as tmp:
        actual = build_all(Path(tmp))
    if args.accept:
        write_manifest(actual)
        print(f"recorded {len(actual)} PDFs in {MANIFEST.relative_to(ROOT)}")
        return 0
    problems = differences(read_manifest(), actual)
    for problem in problems:
        print(problem)
    print(f"{len(actual)} PDFs, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
