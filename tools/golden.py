"""The SHA-256 of every PDF the example packs produce: the proof that a change moved nothing on paper.

Builds are deterministic, so the same input must give the same bytes. This script builds the
example packs under every shipped layout, the foundation tier, and a class set with variants and
per-student keys, then compares (or, with --accept, records) the hashes in tests/golden/sha256.txt.
Beside the hashes it keeps a page log of every PDF (tools/pagelog.py: each page's text runs,
rules, boxes and pictures, with font, size and position), one file per build case in
tests/golden/pagelog/, so a changed hash comes with a diff of what moved.

Usage:
    python tools/golden.py               # compare; exit 1, list what changed and diff its page log
    python tools/golden.py --accept      # record the current bytes and logs as intended (say why in the commit)
    python tools/golden.py --log x.pdf   # print the page log of any PDF

tests/test_golden.py runs the same comparison in the suite.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pagelog  # noqa: E402  (a sibling tool, not a package)

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "golden" / "sha256.txt"
LOGS = ROOT / "tests" / "golden" / "pagelog"
LOG_HEADER = "# Page log of every PDF of one build case: `python tools/golden.py --accept` writes it; tests/golden/README.md reads it"
DIFF_LINES = 40  # of each changed PDF's page-log diff, printed before a count of the rest
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


def build_all(out_root: Path, logs: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Build every case into its own folder under out_root; return {case/relative path: sha256}.

    Given a dict, fill it with each PDF's page log: one thread reads each case's PDFs while the
    next case builds (pdfium is used from that thread only)."""
    hashes: dict[str, str] = {}
    pending: dict[str, Future[list[str]]] = {}
    with ThreadPoolExecutor(max_workers=1) as reader:
        for name, arguments in cases():
            out = out_root / name
            command = [sys.executable, "-m", "studypack", "build", *arguments, "--out", str(out), "--no-cache"]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{name}: build failed ({done.returncode}):\n{done.stderr}")
            for pdf in sorted(out.rglob("*.pdf")):
                key = f"{name}/{pdf.relative_to(out).as_posix()}"
                hashes[key] = hashlib.sha256(pdf.read_bytes()).hexdigest()
                if logs is not None:
                    pending[key] = reader.submit(pagelog.page_log, pdf)
        if logs is not None:
            logs.update((key, future.result()) for key, future in pending.items())
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


_SAME_PAGE = re.compile(r"^(p\d+) = (.+) (p\d+)$")  # "p17 = class-9b/Lee-Ann-4101.pdf p3"
_OTHER_LINE = re.compile(r"^(p\d+) ! (\d+) (.*)$")
_MOST_OTHER = 4  # a page differing from an earlier one in at most this many lines is written as that page and them


def read_logs(folder: Path = LOGS) -> dict[str, list[str]]:
    """{case/relative path: page-log lines} from the case files (a '== path' line opens each PDF;
    a page written as `pN = other.pdf pM` has the lines of that earlier page)."""
    logs: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        lines: list[str] = []
        start = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("== "):
                lines = logs.setdefault(f"{path.stem}/{line[3:]}", [])
            elif same := _SAME_PAGE.match(line):
                earlier = pagelog.pages(logs[f"{path.stem}/{same.group(2)}"])[same.group(3)]
                lines += [same.group(1) + " " + kept.split(" ", 1)[1] for kept in earlier]
                start = len(lines) - len(earlier)
            elif other := _OTHER_LINE.match(line):  # "p17 ! 4 57,700 NotoSans 9 "Lee Ann"": line 4 of the page differs
                lines[start + int(other.group(2))] = f"{other.group(1)} {other.group(3)}"
            elif line and not line.startswith("#"):
                lines.append(line)
    return logs


def write_logs(logs: dict[str, list[str]], folder: Path = LOGS) -> None:
    """One file per build case (tests/golden/pagelog/<case>.txt), its PDFs in order; files of
    cases no longer built are removed. A page drawn exactly as an earlier page of the case (a
    class set's combined PDF repeats every copy's pages) is written as one line naming it."""
    by_case: dict[str, list[str]] = {}
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    alike: dict[tuple[str, str, int], tuple[tuple[str, ...], str]] = {}  # (case, page, lines) -> last such page
    for key in sorted(logs):
        case, pdf = key.split("/", 1)
        lines = by_case.setdefault(case, [LOG_HEADER])
        lines.append(f"== {pdf}")
        for page, page_lines in pagelog.pages(logs[key]).items():
            body = tuple(line.split(" ", 1)[1] for line in page_lines)
            lines += _page_entry(case, page, body, page_lines, f"{pdf} {page}", seen, alike)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.txt"):
        if stale.stem not in by_case:
            stale.unlink()
    for case, lines in by_case.items():
        (folder / f"{case}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _page_entry(case: str, page: str, body: tuple[str, ...], page_lines: list[str], here: str,
                seen: dict, alike: dict) -> list[str]:
    """How one page is written: as an earlier page drawn the same, as an earlier page of its
    number and length with the few lines that differ (a class set's copies differ by a name),
    or in full."""
    if (case, body) in seen:
        return [f"{page} = {seen[case, body]}"]
    seen[case, body] = here
    earlier = alike.get((case, page, len(body)))
    alike[case, page, len(body)] = (body, here)
    if earlier is not None:
        other = [i for i, (old, new) in enumerate(zip(earlier[0], body)) if old != new]
        if len(other) <= _MOST_OTHER:
            return [f"{page} = {earlier[1]}"] + [f"{page} ! {i} {body[i]}" for i in other]
    return page_lines


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


def log_differences(hashes: dict[str, str], recorded_logs: dict[str, list[str]],
                    actual_hashes: dict[str, str], actual_logs: dict[str, list[str]]) -> list[str]:
    """PDFs whose bytes are as recorded but whose page log is missing or different: the log was
    not recorded, or the extractor (tools/pagelog.py, pypdfium2) now reads the paper differently."""
    problems = []
    for key in sorted(set(hashes) & set(actual_hashes)):
        if hashes[key] != actual_hashes[key]:
            continue
        if key not in recorded_logs:
            problems.append(f"log:     {key}: bytes as recorded, but no page log in {LOGS.relative_to(ROOT)}/")
        elif recorded_logs[key] != actual_logs.get(key):
            differing = pagelog.pages_that_differ(recorded_logs[key], actual_logs.get(key, []))
            problems.append(f"log:     {key}: bytes as recorded, but the page log reads differently "
                            f"on {', '.join(differing)} (tools/pagelog.py or pypdfium2 changed?)")
    return problems


def report(problems: list[str], recorded_logs: dict[str, list[str]], actual_logs: dict[str, list[str]],
           limit: int = DIFF_LINES) -> list[str]:
    """The problems, each changed PDF followed by what moved in its page log (indented)."""
    lines: list[str] = []
    for problem in problems:
        lines.append(problem)
        key = problem.split(maxsplit=1)[1]
        if problem.startswith("changed:") and key in recorded_logs and key in actual_logs:
            lines += ["    " + line for line in pagelog.explain(recorded_logs[key], actual_logs[key], limit)]
        elif problem.startswith("changed:"):
            lines.append("    (no recorded page log to compare with)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", action="store_true", help="record the current bytes and page logs as intended")
    parser.add_argument("--accept-logs", action="store_true",
                        help="record the page logs only, when every PDF's bytes are as recorded (after a change to "
                             "tools/pagelog.py or pypdfium2)")
    parser.add_argument("--log", metavar="PDF", type=Path, help="print the page log of this PDF and stop")
    parser.add_argument("--diff-lines", type=int, default=DIFF_LINES, help="page-log diff lines shown per changed PDF")
    args = parser.parse_args()
    if args.log:
        print("\n".join(pagelog.page_log(args.log)))
        return 0
    actual_logs: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="studypack-golden-") as tmp:
        actual = build_all(Path(tmp), actual_logs)
    if args.accept:
        write_manifest(actual)
        write_logs(actual_logs)
        print(f"recorded {len(actual)} PDFs in {MANIFEST.relative_to(ROOT)} and their page logs in {LOGS.relative_to(ROOT)}/")
        return 0
    recorded, recorded_logs = read_manifest(), read_logs()
    problems = differences(recorded, actual)
    if args.accept_logs and not problems:
        write_logs(actual_logs)
        print(f"bytes as recorded; recorded the page logs of {len(actual)} PDFs in {LOGS.relative_to(ROOT)}/")
        return 0
    problems += log_differences(recorded, recorded_logs, actual, actual_logs)
    for line in report(problems, recorded_logs, actual_logs, args.diff_lines):
        print(line)
    print(f"{len(actual)} PDFs, {len(problems)} differences"
          + (" (page logs not recorded: the bytes differ)" if args.accept_logs else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
