"""The same content through studypack, LaTeX (the exam class) and Typst, side by side.

Usage: python benchmarks/bench_compare.py [--runs N] [--sizes 1000,10000] [--quick]

One small pack (5 sources, 12 questions: about 6 pages of student sheet and key) is written
here, once, in each tool's own format. Every scenario runs each tool as a whole process (what
a teacher waits for), the tools taking turns within a round so a busy machine slows them
alike; the ratio is studypack's time over the other tool's in the same round, median of the
rounds. LaTeX runs only if `pdflatex` (with exam.cls) is installed, Typst only if the `typst`
Python package is (neither is a dependency). Scenarios:

- one pack: student sheet and key from a cold process (studypack with --no-cache; LaTeX
  two passes of each, as `Page N of M` needs; Typst one compile of each);
- the same, run by the resident server (`studypack.commands.resident`: the program hands the
  build to a process that has imported studypack already, started by the warm-up run); its
  CPU column is the command's own process only, the server's copy does the work;
- the same pack tagged for screen readers (as every shipped layout is), against it untagged
  (a layout with `tagging: on: false`);
- one pack with a warm cache (its documents kept from an earlier build: `build` without
  --no-cache, as every build after the first), in a new process and by the resident server;
- save → PDF: `studypack watch` running on the example pack (bench_watch.py's measure, as a
  teacher waits: from the save of pack.yaml until the edited sheet's PDF, then every PDF, is
  on disk), and `studypack serve` until its preview reports the new build;
- one-word edit: a warm process (as `studypack watch` is) rebuilds after one word of a source
  changed, a new word each time (so the cache cannot answer from an earlier round); it checks
  that documents were typeset and the PDFs are on disk. studypack's cache keeps the untouched
  documents; LaTeX has no warm mode and runs again;
- a formula-heavy pack (200 formulas in 50 questions, benchmarks/bench_maths.py's), cold
  without the document cache, against its plain-text twin ("plain twin": the ratio is the
  formulas' cost), studypack only;
- 30 students in one PDF, 30 files, 1,000 and 10,000 students (studypack and, up to 30 and
  where asked, the others); 30 files and each size in one PDF also by the resident server, as a
  teacher's `studypack build --roster` runs by default once a server is running.

Also reported: the import time of `studypack.app.build` (python -X importtime), the peak memory
(MiB), the output size (KB: for a class set, class-set.pdf alone, as LaTeX's one document has no
key) and the CPU seconds of each run (on a shared machine the wall time shows the load too).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_maths  # noqa: E402
import bench_watch  # noqa: E402
import rosters  # noqa: E402

# ---------------------------------------------------------------------- the content, once

SENTENCES = [
    "The harvest of that year was poor, and grain prices in the towns rose by a third before winter.",
    "Officials in the provinces sent reports that were more hopeful than the facts allowed.",
    "A visiting journalist described long queues outside the bakeries and empty shelves by noon.",
    "The government newspaper blamed foreign agents and hoarders for the shortages.",
    "Letters from workers to their families mention rationing, but also new schools and clinics.",
    "Historians later used the archives to compare what was said in public with what was known in private.",
    "Many peasants left the villages for the building sites of the new industrial towns.",
    "The official figures for steel and coal were published every month with great ceremony.",
]
SOURCES = [
    ("A", "A report from a provincial official, 1932", "primary", "Regional archive, file 17", "1932"),
    ("B", "A foreign journalist's dispatch", "primary", "A newspaper in London", "1933"),
    ("C", "A government newspaper editorial", "primary", "The national daily newspaper", "1933"),
    ("D", "A worker's letter to his sister", "primary", "A private collection, published 1991", "1934"),
    ("E", "A historian's account", "secondary", "A university history of the period", "2004"),
]


def source_text(i: int) -> str:
    return " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(6))


def questions() -> list[dict]:
    """Twelve questions: four multiple choice, four short answers, four extended answers."""
    found = []
    for k in range(4):
        found.append({"kind": "mc", "prompt": f"According to Source {'ABCD'[k]}, what happened to grain prices?",
                      "options": ["They fell", "They rose by a third", "They stayed the same", "They doubled"],
                      "answer": 1, "marks": 1})
    for k in range(4):
        found.append({"kind": "short", "prompt": f"Give two things you can learn from Source {'BCDE'[k]} about daily life.",
                      "lines": 4, "marks": 2, "answer": "Queues at bakeries; rationing; new schools (1 mark each)."})
    for k in range(4):
        found.append({"kind": "extended", "prompt": f"How useful is Source {'ABCE'[k]} to a historian studying the "
                      "shortages? Use the source, its provenance and your own knowledge.", "lines": 10, "marks": 6,
                      "levels": [("3", "5-6", "Evaluates content and provenance with own knowledge; a judgement."),
                                 ("2", "3-4", "Uses content or provenance with some own knowledge."),
                                 ("1", "1-2", "Simple comments on the source.")]})
    return found


def studypack_pack(folder: Path, word: str = "harvest") -> Path:
    """The pack in studypack's format."""
    import yaml  # studypack's own dependency

    data: dict = {"title": "Shortages, 1932-34", "subject": "History", "level": "GCSE", "author": "Benchmark",
                  "sources": [], "sheets": []}
    for i, (letter, title, kind, origin, date) in enumerate(SOURCES):
        data["sources"].append({"letter": letter, "title": title, "kind": kind, "origin": origin, "date": date,
                                "citation": origin, "text": source_text(i).replace("harvest", word)})
    qs = []
    for n, q in enumerate(questions()):
        base = {"id": f"q{n + 1}", "prompt": q["prompt"], "marks": q["marks"]}
        if q["kind"] == "mc":
            qs.append({**base, "kind": "multiple-choice", "options": q["options"], "answer": "ABCD"[q["answer"]]})
        elif q["kind"] == "short":
            qs.append({**base, "kind": "short", "lines": q["lines"], "answer": q["answer"]})
        else:
            qs.append({**base, "kind": "extended", "lines": q["lines"], "mark_scheme": {"levels": [
                {"level": int(lv), "marks": m, "descriptor": d} for lv, m, d in q["levels"]]}})
    data["sheets"].append({"id": "shortages", "kind": "source-analysis", "title": "Shortages: the sources",
                           "sources": [s[0] for s in SOURCES], "questions": qs})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def latex_document(copies: list[str] | None = None, key: bool = False, word: str = "harvest") -> str:
    """The pack as an exam-class document; `copies`: one copy per name, each restarting its pages."""
    body = []
    for i, (letter, title, _kind, origin, date) in enumerate(SOURCES):
        body.append(f"\\noindent\\fbox{{\\parbox{{\\dimexpr\\linewidth-2\\fboxsep}}{{\\textbf{{Source {letter}: {title}}}\\\\"
                    f"\\textit{{{origin}, {date}}}\\par\\smallskip {source_text(i).replace('harvest', word)}}}}}\\par\\medskip")
    body.append("\\begin{questions}")
    for q in questions():
        body.append(f"\\question[{q['marks']}] {q['prompt']}")
        if q["kind"] == "mc":
            marks = ["\\CorrectChoice" if k == q["answer"] else "\\choice" for k in range(len(q["options"]))]
            body.append("\\begin{oneparcheckboxes}" + "".join(f"{m} {o} " for m, o in zip(marks, q["options"]))
                        + "\\end{oneparcheckboxes}")
        elif q["kind"] == "short":
            body.append(f"\\begin{{solutionorlines}}[{q['lines'] * 0.8:.1f}cm] {q['answer']} \\end{{solutionorlines}}")
        else:
            scheme = " ".join(f"Level {lv} ({m}): {d}" for lv, m, d in q["levels"])
            body.append(f"\\begin{{solutionorlines}}[{q['lines'] * 0.8:.1f}cm] {scheme} \\end{{solutionorlines}}")
    body.append("\\end{questions}")
    text = "\n".join(body)
    if copies is None:
        pages = [text]
    else:
        pages = [f"\\renewcommand{{\\student}}{{{name}}}\\setcounter{{page}}{{1}}\\setcounter{{question}}{{0}}\n{text}\n\\clearpage"
                 for name in copies]
    return textwrap.dedent("""\
        \\documentclass[11pt,a4paper%s]{exam}
        \\usepackage[T1]{fontenc}
        \\usepackage[utf8]{inputenc}
        \\usepackage[margin=2cm]{geometry}
        \\newcommand{\\student}{}
        \\pagestyle{headandfoot}
        \\firstpageheader{Shortages, 1932-34}{\\student}{Name: \\rule{4cm}{0.4pt}}
        \\runningheader{Shortages, 1932-34}{\\student}{}
        \\footer{}{Page \\thepage\\ of \\numpages}{}
        \\begin{document}
        %s
        \\end{document}
        """) % (",answers" if key else "", "\n".join(pages))


def typst_document(copies: list[str] | None = None, key: bool = False, word: str = "harvest") -> str:
    def esc(value: str) -> str:
        return re.sub(r"([#*_\[\]$@<>`\\])", r"\\\1", value)

    body = []
    for i, (letter, title, _kind, origin, date) in enumerate(SOURCES):
        body.append(f"#block(stroke: 0.5pt, inset: 8pt, width: 100%)[*Source {letter}: {esc(title)}* \\ "
                    f"_{esc(origin)}, {date}_ \\ {esc(source_text(i).replace('harvest', word))}]")
    for n, q in enumerate(questions(), start=1):
        body.append(f"*{n}.* {esc(q['prompt'])} #h(1fr) [{q['marks']} marks]")
        if q["kind"] == "mc":
            body.append(" ".join(f"{'(X)' if key and k == q['answer'] else '( )'} {esc(o)}" for k, o in enumerate(q["options"])))
        elif key:
            body.append(esc(q["answer"]) if q["kind"] == "short"
                        else " ".join(f"Level {lv} ({m}): {esc(d)}" for lv, m, d in q["levels"]))
        else:
            body.append(f"#for _ in range({q['lines']}) {{ v(0.5cm); line(length: 100%, stroke: 0.4pt + gray) }}")
    text = "\n\n".join(body)
    names = copies if copies is not None else [""]
    parts = [f"#set page(header: [Shortages, 1932-34 #h(1fr) {esc(name)}])\n#counter(page).update(1)\n{text}\n#pagebreak(weak: true)"
             for name in names]
    return ("#set page(paper: \"a4\", margin: 2cm, footer: context [#h(1fr) Page #counter(page).display() #h(1fr)])\n"
            "#set text(size: 11pt)\n" + "\n".join(parts))


# ---------------------------------------------------------------------- running

def run(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, float]:
    """Run a whole process; (wall seconds, peak resident MiB of it and its children, CPU seconds
    of it and its children: on a shared machine the CPU time shows the work when the wall
    time shows the load)."""
    with tempfile.TemporaryFile() as said:  # a file, not a pipe: a class set of 10,000 says more than a pipe holds
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=said)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            said.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{said.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def size_kb(folder: Path, pattern: str = "*.pdf") -> float:
    return sum(p.stat().st_size for p in folder.rglob(pattern)) / 1024


class Tool:
    """One tool's way to do a scenario: prepare once, then `once()` -> (wall, peak MiB, KB)."""

    def __init__(self, name: str, once):
        self.name, self.once = name, once


def studypack_tools(work: Path, env: dict) -> dict:
    """`build(...)` runs studypack as a new process each time, with the resident server off
    (`resident=True`: on, so after the first run a server started by it runs each build)."""
    exe = [sys.executable, "-m", "studypack"]
    alone = dict(env, STUDYPACK_RESIDENT="0")
    pack = studypack_pack(work / "sp" / "pack")

    def build(*extra, roster: Path | None = None, measure: str = "*.pdf", folder: Path = pack, resident: bool = False,
              out: Path | None = None):
        """`measure`: the PDFs whose size is reported (a class set's class-set.pdf, not its key);
        `folder`: another pack than the history pack (the formula pack); `out`: always this
        folder (a build that finds its PDFs' inputs unchanged), else a new one each time."""
        def once():
            target = out or Path(tempfile.mkdtemp(dir=work))
            command = exe + ["build", str(folder), "--out", str(target), *extra]
            if roster is not None:
                command += ["--roster", str(roster)]
            wall, peak, cpu = run(command, work, env if resident else alone)
            kb = size_kb(target, measure)
            if out is None:
                shutil.rmtree(target)
            return wall, peak, kb, cpu
        return once

    return {"build": build, "pack": pack}


EDIT_SCRIPT = """
import resource, sys, time
from pathlib import Path
from studypack.app.build import build
pack, out, reps = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])


def used():  # CPU seconds of this process and the typesetting processes it forked and waited for
    return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))


first = build(pack, None, out)  # the first build of a watch session
text = (pack / "pack.yaml").read_text(encoding="utf-8")
for i in range(reps):
    word = f"crop{i:03d}"  # a word the cache has never seen: every edit is new text
    (pack / "pack.yaml").write_text(text.replace("harvest", word, 1), encoding="utf-8")
    start, cpu = time.perf_counter(), used()
    result = build(pack, None, out)
    wall, cpu = time.perf_counter() - start, used() - cpu
    assert result.typeset, "the edit typeset nothing: it was not measured"
    for item in result.written:  # the new PDFs are on disk, with the new word in them
        assert item.path.stat().st_size == item.size
    kb = sum(item.size for item in result.written) / 1024
    print(f"{wall:.4f} {len(result.typeset)} {kb:.1f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} {cpu:.4f}")
"""

TYPST_EDIT = """
import sys, time, typst
from pathlib import Path
student, key, reps = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
texts = [student.read_text(encoding="utf-8"), key.read_text(encoding="utf-8")]
compilers = [typst.Compiler(str(p)) for p in (student, key)]
for c, p in zip(compilers, (student, key)):
    c.compile(output=str(p.with_suffix(".pdf")))
for i in range(reps):
    word = "harvest" if i % 2 else "crop"
    start = time.perf_counter()
    for c, p, t in zip(compilers, (student, key), texts):
        p.write_text(t.replace("harvest", word), encoding="utf-8")
        c.compile(output=str(p.with_suffix(".pdf")))
    print(f"{time.perf_counter() - start:.4f} 2")
"""


def have_latex() -> bool:
    if not shutil.which("pdflatex"):
        return False
    found = subprocess.run(["kpsewhich", "exam.cls"], capture_output=True, text=True) if shutil.which("kpsewhich") else None
    return bool(found and found.stdout.strip())


def have_typst() -> bool:
    try:
        import typst  # noqa: F401  (optional: only to compare)
    except ImportError:
        return False
    return True


def latex_once(work: Path, documents: dict[str, str]):
    """pdflatex twice per document (the second pass fills in `Page N of M`)."""
    def once():
        out = Path(tempfile.mkdtemp(dir=work))
        wall = peak = cpu = 0.0
        for name, source in documents.items():
            (out / f"{name}.tex").write_text(source, encoding="utf-8")
            for _ in range(2):
                w, p, c = run(["pdflatex", "-interaction=batchmode", "-halt-on-error", f"{name}.tex"], out)
                wall, peak, cpu = wall + w, max(peak, p), cpu + c
        kb = size_kb(out)
        shutil.rmtree(out)
        return wall, peak, kb, cpu
    return once


def typst_once(work: Path, documents: dict[str, str]):
    """A cold process compiling each document with the typst package."""
    def once():
        out = Path(tempfile.mkdtemp(dir=work))
        for name, source in documents.items():
            (out / f"{name}.typ").write_text(source, encoding="utf-8")
        script = "import sys, typst\nfor name in sys.argv[1:]:\n    typst.compile(name + '.typ', output=name + '.pdf')\n"
        wall, peak, cpu = run([sys.executable, "-c", script, *documents], out)
        kb = size_kb(out)
        shutil.rmtree(out)
        return wall, peak, kb, cpu
    return once


def warm_edit(work: Path, script: str, args: list[str], reps: int, env: dict | None = None) -> list[list[float]]:
    """Each edit's line from the script: wall seconds, documents typeset, and (studypack) KB written and peak MiB."""
    done = subprocess.run([sys.executable, "-c", script, *args, str(reps)], cwd=work, capture_output=True, text=True,
                          env=env or dict(os.environ))
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return [[float(x) for x in line.split()] for line in done.stdout.strip().splitlines()]


def import_time(env: dict) -> tuple[float, float]:
    """(ms to import studypack.app.build, ms to import what `check` needs), from python -X importtime, best of 5."""
    best = []
    for module in ("studypack.app.build", "studypack.content.validate"):
        found = []
        for _ in range(5):
            done = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True,
                                  text=True, env=env)
            total = 0
            for line in done.stderr.splitlines():
                parts = line.split("|")
                if len(parts) == 3 and parts[2].strip() == module:
                    total = int(parts[1])
            found.append(total / 1000)
        best.append(min(found))
    return best[0], best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000", help="large rosters, studypack only")
    parser.add_argument("--quick", action="store_true", help="one run each, no large rosters")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    work = Path(tempfile.mkdtemp(prefix="studypack-compare-"))
    # the resident server this starts (its socket in the work folder) ends a minute after the last run
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), XDG_RUNTIME_DIR=str(work), STUDYPACK_RESIDENT_IDLE="60")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    latex, typst = have_latex(), have_typst()
    sp = studypack_tools(work, env)
    names30 = [f"Student {i + 1}" for i in range(30)]
    roster30 = rosters.write(work / "r30.csv", 30)

    scenarios: list[tuple[str, dict]] = []
    one = {"studypack": sp["build"]("--no-cache")}
    if latex:
        one["LaTeX (exam)"] = latex_once(work, {"student": latex_document(), "key": latex_document(key=True)})
    if typst:
        one["Typst"] = typst_once(work, {"student": typst_document(), "key": typst_document(key=True)})
    scenarios.append(("one pack (student + key), cold", one))
    # the same with the resident server (started by the warm-up run) and, then, with a warm cache
    scenarios.append(("one pack, cold, resident server", {"studypack": sp["build"]("--no-cache", resident=True),
                                                           **{k: v for k, v in one.items() if k != "studypack"}}))
    anchors = {k: v for k, v in one.items() if k != "studypack"}
    # tagging (PDF/UA) must not give back what start-up speed won: the same pack tagged
    # (every shipped layout tags; the twin is a layout that turns it off)
    untagged_layout = work / "untagged.yaml"
    untagged_layout.write_text("extends: default\ntagging:\n  on: false\n", encoding="utf-8")
    scenarios.append(("one pack, cold, tagged", {"studypack": one["studypack"],
                                                 "untagged": sp["build"]("--no-cache", "--layout", str(untagged_layout))}))
    scenarios.append(("one pack, warm cache", {"studypack": sp["build"](out=work / "warm-out"), **anchors}))
    scenarios.append(("one pack, warm cache, resident", {"studypack": sp["build"](out=work / "warm-out", resident=True),
                                                          **anchors}))
    # the maths work must not give back what start-up speed won: 200 formulas in 50 questions
    # (bench_maths' pack), against the same characters as plain text; studypack only (the
    # anchors have no such pack here). Formulas kept in the user cache, as every build after a
    # machine's first has them.
    (work / "maths").mkdir()
    with_formulas, plain = bench_maths.write_packs(work / "maths", 200)
    scenarios.append(("formula pack (200), cold", {
        "studypack": sp["build"]("--no-cache", folder=with_formulas),
        "plain twin": sp["build"]("--no-cache", folder=plain)}))
    set30 = {"studypack": sp["build"]("--write", "class-set", roster=roster30, measure="class-set.pdf")}
    if latex:
        set30["LaTeX (exam)"] = latex_once(work, {"class": latex_document(names30)})
    if typst:
        set30["Typst"] = typst_once(work, {"class": typst_document(names30)})
    scenarios.append(("30 students, one PDF", set30))
    files30 = {"studypack": sp["build"]("--write", "copies", roster=roster30)}
    if latex:
        files30["LaTeX (exam)"] = latex_once(work, {f"s{i}": latex_document([n]) for i, n in enumerate(names30)})
    if typst:
        files30["Typst"] = typst_once(work, {f"s{i}": typst_document([n]) for i, n in enumerate(names30)})
    scenarios.append(("30 students, 30 files", files30))
    # as a teacher's command runs them by default: handed to the resident server (CPU: the command's own process only)
    scenarios.append(("30 students, 30 files, resident", {
        "studypack": sp["build"]("--write", "copies", roster=roster30, resident=True),
        **{k: v for k, v in files30.items() if k != "studypack"}}))
    if not args.quick:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            roster = rosters.write(work / f"r{size}.csv", size)
            scenarios.append((f"{size:,} students, one PDF", {"studypack": sp["build"]("--write", "class-set", roster=roster,
                                                                                          measure="class-set.pdf")}))
            scenarios.append((f"{size:,} students, one PDF, resident", {
                "studypack": sp["build"]("--write", "class-set", roster=roster, measure="class-set.pdf", resident=True)}))
            scenarios.append((f"{size:,} students, one file each", {"studypack": sp["build"]("--write", "copies", roster=roster)}))

    for _title, tools in scenarios[:6]:  # a warm-up run of each tool: .pyc files, font caches, formulas
        for once in tools.values():
            once()
    build_ms, check_ms = import_time(env)
    print(f"runs per cell: {runs} (paired rounds); machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"import time (python -X importtime, best of 5): studypack.app.build {build_ms:.0f} ms, "
          f"studypack.content.validate (what check loads first) {check_ms:.0f} ms")
    if not latex:
        print("LaTeX: not run (pdflatex with exam.cls is not installed)")
    if not typst:
        print("Typst: not run (pip install typst to compare)")
    print()
    print(f"| {'scenario':<32} | {'tool':<13} | wall median | ratio (studypack / tool) | peak MiB | KB | CPU median |")
    print(f"|{'-' * 34}|{'-' * 15}|-------------|--------------------------|----------|----|------------|", flush=True)

    def row(title, name, wall, ratio, peak, kb, cpu=None):
        shown = f"{ratio:.2f}" if ratio is not None else ""
        used = f"{cpu:8.3f} s" if cpu is not None else ""
        print(f"| {title:<32} | {name:<13} | {wall:9.3f} s | {shown:>24} | {peak:8.0f} | {kb:.0f} | {used:>10} |", flush=True)

    # the one-word edit in a warm process
    edit_pack = studypack_pack(work / "edit" / "pack")
    edits = warm_edit(work, EDIT_SCRIPT, [str(edit_pack), str(work / "edit" / "out")], max(runs, 3), env)
    sp_edit = statistics.median(e[0] for e in edits)
    row("one-word edit, warm (watch)", "studypack", sp_edit, None, max(e[3] for e in edits), statistics.median(e[2] for e in edits),
        statistics.median(e[4] for e in edits))
    if latex:
        done = [latex_once(work, {"student": latex_document(word="crop"), "key": latex_document(key=True, word="crop")})()
                for _ in range(runs)]
        walls = [d[0] for d in done]
        row("one-word edit, warm (watch)", "LaTeX (exam)", statistics.median(walls), sp_edit / statistics.median(walls),
            max(d[1] for d in done), statistics.median(d[2] for d in done), statistics.median(d[3] for d in done))
    if typst:
        folder = work / "typst-edit"
        folder.mkdir()
        (folder / "student.typ").write_text(typst_document(), encoding="utf-8")
        (folder / "key.typ").write_text(typst_document(key=True), encoding="utf-8")
        walls = [e[0] for e in warm_edit(folder, TYPST_EDIT, [str(folder / "student.typ"), str(folder / "key.typ")], max(runs, 3))]
        row("one-word edit, warm (watch)", "Typst", statistics.median(walls), sp_edit / statistics.median(walls), 0, 0)

    # what a teacher waits for: from saving pack.yaml to the new PDF on disk, `studypack watch`
    # running (bench_watch's measure: the edited sheet, then every PDF), and to the new state of
    # the `serve` preview (if the serve extra is installed)
    workspace = work / "watch"
    bench_watch.copy_workspace(workspace)
    sheet, _delays, whole = bench_watch.bench_watch(workspace, max(runs, 5), env)
    row("save → sheet PDF (watch)", "studypack", statistics.median(sheet), None, 0, 0)
    row("save → every PDF (watch)", "studypack", statistics.median(whole), None, 0, 0)
    try:
        import starlette  # noqa: F401  (the serve extra's; serve needs it)
        import uvicorn  # noqa: F401
    except ImportError:
        pass
    else:
        served, _delays = bench_watch.bench_serve(workspace, max(runs, 5), env)
        row("save → preview state (serve)", "studypack", statistics.median(served), None, 0, 0)

    for title, tools in scenarios:
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in tools}
        if "resident" in title:  # the server ends after a minute idle: one uncounted run starts it again
            tools["studypack"]()
        for _ in range(runs):  # paired: the tools take turns within each round
            for name, once in tools.items():
                results[name].append(once())
        base = results["studypack"]
        for name, values in results.items():
            walls = [v[0] for v in values]
            ratio = statistics.median(b[0] / v[0] for b, v in zip(base, values)) if name != "studypack" else None
            row(title, name, statistics.median(walls), ratio, max(v[1] for v in values), statistics.median(v[2] for v in values),
                statistics.median(v[3] for v in values))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
