"""Run the whole bad-input corpus and classify every case: clean, crash, silent or unsafe.

    python tools/corpus_report.py            # every case: the folders and the surfaces
    python tools/corpus_report.py --folders  # only tests/bad_inputs/
    python tools/corpus_report.py --surfaces # only tests/corpus_surfaces.py (serve, exports, cache, signals)
    python tools/corpus_report.py -k serve   # the cases whose name holds a word

The folders (tests/bad_inputs/, one mistake each) are run as tests/test_bad_inputs.py runs
them; a folder is clean when studypack prints exactly its expected lines, exits 2 and leaves
every file as it was; a traceback or an internal error is a crash; exit 0, or other lines, is
silent (the mistake went through, or its message changed without the case); a file changed is
unsafe. The surfaces judge themselves (tests/corpus_surfaces.py). Prints one line per case
that is not clean, then the counts by surface; exits 1 when any case is not clean.
tests/test_corpus.py holds every case to clean.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import corpus_surfaces  # noqa: E402
import test_bad_inputs  # noqa: E402

VERDICTS = (corpus_surfaces.CLEAN, corpus_surfaces.CRASH, corpus_surfaces.SILENT, corpus_surfaces.UNSAFE)


def folder_verdict(name: str, tmp: Path) -> tuple[str, str]:
    """One folder of tests/bad_inputs/, judged as its test judges it."""
    here, result, before = test_bad_inputs.run_case(name, tmp)
    said = result.output + result.stderr
    expected = (test_bad_inputs.CORPUS / name / "expected.txt").read_text(encoding="utf-8")
    expected_lines = expected.replace("{here}", str(here)).splitlines()
    if "Traceback" in said or "internal error" in said or (
            result.exception is not None and not isinstance(result.exception, SystemExit)):
        return corpus_surfaces.CRASH, repr(result.exception) if result.exception else said[-200:]
    if test_bad_inputs.snapshot(tmp) != before:
        return corpus_surfaces.UNSAFE, "files changed"
    if result.exit_code != 2 or result.stderr.splitlines() != expected_lines:
        return corpus_surfaces.SILENT, f"exit {result.exit_code}: {result.stderr.strip()[-200:]}"
    return corpus_surfaces.CLEAN, expected_lines[0] if expected_lines else ""


FOLDER_SURFACES = ("yaml", "layout", "workspace", "pack", "roster", "image", "include", "formula")


def surface(name: str) -> str:
    """Where a case belongs in the table: a surface, or for a folder the file it is about."""
    first = name.split("-")[0]
    if name not in test_bad_inputs.CASES:
        return first
    return "folders: " + (first if first in FOLDER_SURFACES else "pack content")


def cases(folders: bool, surfaces: bool, word: str) -> list[str]:
    names = (list(test_bad_inputs.CASES) if folders else []) + (list(corpus_surfaces.CASES) if surfaces else [])
    return [n for n in names if word in n]


def verdict(name: str) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        if name in corpus_surfaces.CASES:
            return corpus_surfaces.run(name, Path(tmp) / name)
        return folder_verdict(name, Path(tmp))


def table(results: dict[str, tuple[str, str]]) -> str:
    by_surface: dict[str, Counter] = {}
    for name, (seen, _detail) in results.items():
        by_surface.setdefault(surface(name), Counter())[seen] += 1
    rows = [f"{'surface':<24}" + "".join(f"{v:>8}" for v in VERDICTS) + f"{'cases':>8}"]
    for where in sorted(by_surface):
        counts = by_surface[where]
        rows.append(f"{where:<24}" + "".join(f"{counts[v]:>8}" for v in VERDICTS) + f"{sum(counts.values()):>8}")
    total = Counter(seen for seen, _ in results.values())
    rows.append(f"{'all':<24}" + "".join(f"{total[v]:>8}" for v in VERDICTS) + f"{len(results):>8}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--folders", action="store_true", help="only tests/bad_inputs/")
    parser.add_argument("--surfaces", action="store_true", help="only serve, exports, cache and signals")
    parser.add_argument("-k", default="", help="only the cases whose name holds this")
    args = parser.parse_args()
    both = not (args.folders or args.surfaces)
    results = {}
    for name in cases(args.folders or both, args.surfaces or both, args.k):
        results[name] = verdict(name)
        seen, detail = results[name]
        if seen != corpus_surfaces.CLEAN:
            print(f"{seen:<7} {name}: {detail}", flush=True)
    print(table(results))
    return 0 if all(seen == corpus_surfaces.CLEAN for seen, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
