"""The bad-input corpus beyond `build`: `serve`, the exports, the cache and signals.

tests/bad_inputs/ holds what a teacher can get wrong in files (each a folder, run by
tests/test_bad_inputs.py). The cases here need a live server, a look inside an export, a
cache folder or a signal, so each is a function: it sets its scene up in a scratch folder,
does the hostile thing, and returns its verdict with what it saw:

- clean: refused with a message that says what to do, or handled as written;
- crash: a traceback, an internal error, a 5xx, a server that stops answering;
- silent: bad input taken without a word (a wrong result and no message);
- unsafe: a file outside its home read or written, an answer or a script where it must not
  be, an export that does not parse or a gap Moodle would read otherwise.

`tools/corpus_report.py` runs these and the folders and prints the counts;
tests/test_corpus.py fails on any verdict but clean.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from click.testing import CliRunner

from moodle_rules import cloze_gaps, shortanswer_matches
from serving import ROSTER, make_pack, wait_for
from studypack.commands.cli import main
from studypack.media.text import plain

CLEAN, CRASH, SILENT, UNSAFE = "clean", "crash", "silent", "unsafe"
Verdict = tuple[str, str]
SECRET = "Serve test"  # words of the served pack.yaml: never in an answer to a path it did not ask for


# ---------------------------------------------------------------- serve


@contextlib.contextmanager
def served(tmp: Path) -> Iterator[tuple[object, str]]:
    """A session on the small serve pack behind a real Uvicorn on a free port: (session, base URL)."""
    import uvicorn

    from studypack.commands.serve import open_socket
    from studypack.commands.serve.app import create
    from studypack.commands.serve.session import Session

    old = os.getcwd()
    os.chdir(tmp)
    session = Session(make_pack(tmp), jobs=1, interval=0.05, echo=lambda line: None)
    session.start()
    sock = open_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create(session), log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        session.wait(1, 60)
        wait_for(lambda: server.started, "the server to listen")
        yield session, f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
        session.close()
        os.chdir(old)


def ask(where: str, method: str, path: str, body: bytes = b"", headers: dict | None = None,
        timeout: float = 120) -> tuple[int, bytes]:
    """One raw HTTP request (the path sent exactly as written, no normalising)."""
    host, port = where.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.putrequest(method, path, skip_host="Host" in (headers or {}), skip_accept_encoding=True)
        for key, value in {**({"Content-Length": str(len(body))} if body or method == "POST" else {}),
                           **(headers or {})}.items():
            connection.putheader(key, value)
        connection.endheaders(body or None)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def _leaks(status: int, content: bytes) -> bool:
    return status == 200 and (SECRET.encode() in content or b"root:" in content)


TRAVERSALS = [
    "/../pack.yaml", "/%2e%2e/pack.yaml", "/..%2fpack.yaml", "/api/../../pack.yaml", "/api/state/../../pack.yaml",
    "/page/1/0/..%2f..%2fpack.yaml.png", "/page/-1/0/1.png", "/page/1/0/99999999999999999999.png",
    "/pdf/1/0/..%2f..%2fserve-test%2fpack.yaml", "/pdf/1/0/../../pack.yaml", "/pdf/1/99/x.pdf",
    "/download/..%2f..%2f/pack.yaml", "/download/%2e%2e/%2e%2e%2fpack.yaml", "/download/x/..%2f..%2fetc%2fpasswd",
    "/download/roster-0/%2fetc%2fpasswd", "/download/roster-0/class-set.pdf%00.yaml", "//etc/passwd",
    "/%5c..%5cpack.yaml", "/download/roster-0/..\\..\\pack.yaml",
]


def serve_traversal(tmp: Path) -> Verdict:
    """Every route with `..`, encoded slashes, NUL and absolute paths: a 4xx, never a file."""
    with served(tmp) as (_session, where):
        for path in TRAVERSALS:
            status, content = ask(where, "GET", path)
            if status >= 500:
                return CRASH, f"{path}: {status}"
            if _leaks(status, content):
                return UNSAFE, f"{path}: served the pack's own file"
        return CLEAN, f"{len(TRAVERSALS)} paths, none served a file"


def serve_foreign_host(tmp: Path) -> Verdict:
    with served(tmp) as (_session, where):
        for host in ("attacker.example", "127.0.0.1.attacker.example", "localhost.", "", "[::1]:1@attacker.example"):
            status, _ = ask(where, "GET", "/api/state", headers={"Host": host})
            if status >= 500:
                return CRASH, f"Host {host!r}: {status}"
            if status == 200 and host not in ("",):
                return UNSAFE, f"Host {host!r} answered"
        return CLEAN, "foreign host names refused with 400"


def serve_foreign_origin(tmp: Path) -> Verdict:
    """A request that changes something, from a page on another site: refused before it acts."""
    with served(tmp) as (session, where):
        before = session.state(-1)["settings"]
        for origin in ("http://attacker.example", "null", "http://127.0.0.1.attacker.example"):
            status, content = ask(where, "POST", "/api/settings", b'{"layout": "exam"}',
                                  {"Origin": origin, "X-Studypack": "1", "Content-Type": "application/json"})
            if status >= 500:
                return CRASH, f"Origin {origin}: {status}"
            if status == 200 or session.state(-1)["settings"] != before:
                return UNSAFE, f"Origin {origin}: the settings changed"
        status, _ = ask(where, "POST", "/api/settings", b'{"layout": "exam"}', {"Content-Type": "application/json"})
        if status != 403:
            return UNSAFE, f"a change without X-Studypack answered {status}"
        status, _ = ask(where, "POST", "/api/settings", b'{"layout": "exam"}',
                        {"Origin": f"http://{where}", "X-Studypack": "1", "Content-Type": "application/json"})
        if status != 200:
            return SILENT, f"the page's own origin was refused: {status}"
        return CLEAN, "foreign origins refused with 403, the page's own accepted"


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("[Content_Types].xml", "<Types/>")
        bundle.writestr("xl/worksheets/sheet1.xml", b"\0" * (400 * 1024 * 1024))
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


UPLOADS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "binary": ("class.csv", lambda: bytes(range(256)) * 64),
    "zip-bomb": ("class.xlsx", _zip_bomb),
    "zip-bomb-named-csv": ("class.csv", _zip_bomb),
    "a-pdf": ("class.csv", _pdf_bytes),
    "a-png": ("class.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
    "html-and-script": ("class.csv", lambda: b"Name\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n"),
    "name-traversal": ("../../../outside.csv", lambda: ROSTER.encode()),
    "one-long-line": ("class.csv", lambda: b"Name," + b"x" * (1024 * 1024)),
}


def serve_uploads(tmp: Path) -> Verdict:
    """Class lists that are binary, zip bombs, other files or hostile names: said, never built, never escaped."""
    with served(tmp) as (session, where):
        for case, (name, make) in UPLOADS.items():
            status, content = ask(where, "POST", "/api/roster", make(), {"X-Studypack": "1", "X-Filename": name})
            if status >= 500:
                return CRASH, f"{case}: {status}"
            if case == "html-and-script":  # JSON the page sets as text (it never uses innerHTML)
                if not content.startswith(b"{"):
                    return UNSAFE, f"{case}: the answer is not JSON"
                continue
            if case == "name-traversal":
                if (tmp.parent / "outside.csv").exists() or (tmp / "outside.csv").exists():
                    return UNSAFE, f"{case}: the upload was written outside the session"
                continue
            answer = yaml.safe_load(content)  # JSON is YAML
            if not answer.get("errors"):
                return SILENT, f"{case}: taken as a class list without a word"
        status, _ = ask(where, "POST", "/api/roster", b"", {"X-Studypack": "1", "Content-Length": str(50 * 1024 * 1024)},
                        timeout=30)
        if status != 413:
            return SILENT, f"a 50 MB upload answered {status}"
        return CLEAN, f"{len(UPLOADS) + 1} uploads refused or read as written"


def serve_many_at_once(tmp: Path) -> Verdict:
    """200 requests, 20 at a time, over every kind of route: every one answered, none a 5xx."""
    with served(tmp) as (session, where):
        shown = session.state(-1)
        first = shown["documents"][0]
        paths = ["/", "/api/state", "/api/state?since=0", f"/pdf/{shown['version']}/0/{first['filename']}",
                 f"/page/{shown['version']}/0/1.png", "/page/1/0/999.png", "/download/roster-0/class-set.pdf"]

        def one(i: int) -> int:
            return ask(where, "GET", paths[i % len(paths)], timeout=300)[0]

        with ThreadPoolExecutor(20) as pool:
            statuses = list(pool.map(one, range(200)))
        bad = [s for s in statuses if s >= 500]
        if bad:
            return CRASH, f"{len(bad)} of 200 answered {bad[0]}"
        return CLEAN, f"200 answered: {sorted(set(statuses))}"


def serve_slow_client(tmp: Path) -> Verdict:
    """A client that sends half an upload and stalls: others are still answered meanwhile."""
    with served(tmp) as (_session, where):
        host, port = where.split(":")
        stalled = [socket.create_connection((host, int(port))) for _ in range(5)]
        try:
            for sock in stalled:
                sock.sendall(b"POST /api/roster HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Studypack: 1\r\n"
                             b"Content-Length: 100000\r\n\r\nFirst name,Surname\n")
            started = time.monotonic()
            status, _ = ask(where, "GET", "/api/state", timeout=30)
            waited = time.monotonic() - started
        finally:
            for sock in stalled:
                sock.close()
        if status != 200:
            return CRASH, f"while 5 clients stalled the state answered {status}"
        return CLEAN, f"answered while 5 clients stalled ({waited:.1f} s)"


# ---------------------------------------------------------------- exports

GAPS = ["a{b}c", "~=#:%", "{1:SHORTANSWER:=x}", "x" * 10_000, "שלום", "😀👩🏽‍🏫", "]>", "<script>", "5 * 3", "a/b",
        "\\}", "&amp;"]
HOSTILE = "<script>alert(1)</script> ]]> &amp; {1:SHORTANSWER:=x} \u202eRTL\u202c שלום 😀 ~=#:%"


def hostile_pack() -> dict:
    passage = "Start " + " then ".join(f"[[{gap}]]" for gap in GAPS) + " end."
    return {"title": HOSTILE, "subject": "History", "level": "Year 9",
            "sheets": [{"id": "quiz", "kind": "worksheet", "title": HOSTILE, "instructions": HOSTILE, "questions": [
                {"kind": "short", "prompt": HOSTILE, "marks": 1, "answer": "]]><script>"},
                {"kind": "short", "prompt": "A long answer.", "marks": 2, "answer": "y" * 10_000},
                {"kind": "cloze", "prompt": HOSTILE, "marks": len(GAPS), "text": passage},
                {"kind": "multiple-choice", "prompt": HOSTILE, "marks": 1,
                 "options": ["]]>", "<script>x</script>", "{=~#}", "שלום 😀"], "answer": "C"},
                {"kind": "extended", "prompt": HOSTILE + " " + "z" * 10_000, "marks": 4,
                 "mark_scheme": {"levels": [{"level": 1, "marks": "1-4", "descriptor": HOSTILE + " " + "d" * 10_000}]}}]}]}


def _export(tmp: Path, pack: dict, fmt: str):
    folder = tmp / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=1_000_000),
                                      encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--format", fmt, "--out", str(tmp / "out")])
    return result, tmp / "out" / "hostile"


def _crashed(result) -> str | None:
    said = result.output + (result.stderr if result.stderr_bytes is not None else "")
    if "Traceback" in said or "internal error" in said or (result.exception and not isinstance(result.exception, SystemExit)):
        return f"{result.exception!r} {said[-300:]}"
    return None


def moodle_hostile(tmp: Path) -> Verdict:
    """Hostile text and cloze metacharacters: every bank parses and every gap reads back as written."""
    result, out = _export(tmp, hostile_pack(), "moodle")
    if _crashed(result):
        return CRASH, _crashed(result)
    if result.exit_code != 0:
        return SILENT, f"refused: {result.output[-300:]}"
    for bank in out.glob("*.xml"):
        try:
            root = ET.parse(bank).getroot()
        except ET.ParseError as exc:
            return UNSAFE, f"{bank.name} does not parse: {exc}"
        for question in root.findall("question[@type='cloze']"):
            gaps, rest = cloze_gaps(question.find("questiontext/text").text or "")
            if len(gaps) != len(GAPS):
                return UNSAFE, f"Moodle reads {len(gaps)} gaps, the pack has {len(GAPS)}"
            for written, gap in zip(map(plain, GAPS), gaps):  # the words a pack's markup prints
                if not any(shortanswer_matches(right, written, case_sensitive=True) if gap.qtype == "shortanswer"
                           else html.unescape(right) == written for right in gap.right):
                    return UNSAFE, f"the gap {written[:20]!r} reads back as {gap.right[:1]!r}"
            if re.search(r"<script", html.unescape(rest)) and "&lt;script" not in rest:
                return UNSAFE, "a <script> of the pack is markup in Moodle"
    return CLEAN, "every bank parses; every gap reads back as written"


def word_hostile(tmp: Path) -> Verdict:
    result, out = _export(tmp, hostile_pack(), "docx")
    if _crashed(result):
        return CRASH, _crashed(result)
    if result.exit_code != 0:
        return SILENT, f"refused: {result.output[-300:]}"
    import docx

    files = sorted(out.glob("*.docx"))
    if not files:
        return SILENT, "no Word file written"
    for path in files:
        try:
            document = docx.Document(str(path))
            with zipfile.ZipFile(path) as bundle:
                for name in bundle.namelist():
                    if name.endswith(".xml"):
                        ET.fromstring(bundle.read(name))
        except Exception as exc:  # a Word file that does not open, whatever the reason
            return UNSAFE, f"{path.name} does not open: {exc!r}"
        if "שלום" not in "\n".join(p.text for p in document.paragraphs) + "".join(
                c.text for t in document.tables for r in t.rows for c in r.cells):
            return SILENT, f"{path.name} lost the right-to-left words"
    return CLEAN, f"{len(files)} Word files open with every word"


def exports_control_characters(tmp: Path) -> Verdict:
    """Control characters in text and gaps: refused at their line, or left out of both exports."""
    pack = hostile_pack()
    pack["sheets"][0]["questions"][2]["text"] = "Start [[a\x07b]] then [[c\x1bd]] end."
    pack["sheets"][0]["questions"][2]["marks"] = 2
    pack["sheets"][0]["questions"][0]["prompt"] = "Bell \x07 escape \x1b[31m vertical \x0b form \x0c"
    for fmt in ("moodle", "docx"):
        result, out = _export(tmp / fmt, pack, fmt)
        if _crashed(result):
            return CRASH, _crashed(result)
        if result.exit_code == 2:
            if not re.search(r"pack\.yaml:\d+: ", result.output):
                return SILENT, f"{fmt}: refused without a line: {result.output[-200:]}"
            continue
        for path in out.glob("*"):
            data = path.read_bytes()
            if path.suffix == ".xml":
                try:
                    ET.fromstring(data)
                except ET.ParseError as exc:
                    return UNSAFE, f"{path.name} does not parse: {exc}"
            if path.suffix == ".docx":
                with zipfile.ZipFile(path) as bundle:
                    for name in bundle.namelist():
                        if name.endswith(".xml"):
                            try:
                                ET.fromstring(bundle.read(name))
                            except ET.ParseError as exc:
                                return UNSAFE, f"{path.name} {name} does not parse: {exc}"
    return CLEAN, "refused at the line or written without them"


# ---------------------------------------------------------------- cache


def _cache_env(tmp: Path) -> dict:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp / "xdg")}


def _studypack(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=tmp, env=_cache_env(tmp),
                          capture_output=True, text=True, timeout=300)


def cache_is_a_file(tmp: Path) -> Verdict:
    """The cache folder's place taken by a file: the build goes on without it, and says so."""
    make_pack(tmp)
    (tmp / "xdg").mkdir()
    (tmp / "xdg" / "studypack").write_text("a teacher's file\n")
    done = _studypack(tmp, "build", "serve-test", "--out", "out")
    if "Traceback" in done.stderr + done.stdout:
        return CRASH, done.stderr[-300:]
    if (tmp / "xdg" / "studypack").read_text() != "a teacher's file\n":
        return UNSAFE, "the file in the cache's place was replaced"
    if done.returncode != 0 or not list((tmp / "out").rglob("pack.pdf")):
        return SILENT if done.returncode == 0 else CLEAN, (done.stdout + done.stderr)[-300:]
    return CLEAN, "built without the cache"


def cache_entry_links_out(tmp: Path) -> Verdict:
    """Every cache file replaced by a link to a file elsewhere: never followed, never written through."""
    make_pack(tmp)
    first = _studypack(tmp, "build", "serve-test", "--out", "out")
    if first.returncode != 0:
        return CRASH, first.stderr[-300:]
    outside = tmp / "outside.txt"
    outside.write_text("elsewhere\n")
    linked = 0
    for path in (tmp / "xdg" / "studypack").rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.unlink()
            path.symlink_to(outside)
            linked += 1
    done = _studypack(tmp, "build", "serve-test", "--out", "out2")
    if "Traceback" in done.stderr + done.stdout:
        return CRASH, done.stderr[-300:]
    if outside.read_text() != "elsewhere\n":
        return UNSAFE, "a build wrote through a link in the cache"
    if done.returncode != 0:
        return SILENT, done.stderr[-300:]
    cleared = _studypack(tmp, "cache", "clear")
    if outside.read_text() != "elsewhere\n" or "Traceback" in cleared.stderr:
        return UNSAFE, "cache clear followed a link"
    return CLEAN, f"{linked} linked entries ignored"


# ---------------------------------------------------------------- signals


def _signal_during(tmp: Path, args: list[str], sig: int, after: float) -> tuple[subprocess.CompletedProcess, float]:
    process = subprocess.Popen([sys.executable, "-m", "studypack", *args], cwd=tmp, env=_cache_env(tmp),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    process.send_signal(sig)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, out, err), after


def _signalled(tmp: Path, sig: int, command: str) -> Verdict:
    pack = make_pack(tmp)
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text + "".join(
        f"  - id: more-{i}\n    kind: worksheet\n    title: More {i}\n    questions:\n"
        f"      - {{kind: short, prompt: 'Why {i}? {'Explain. ' * 200}', marks: 2, answer: Because.}}\n"
        for i in range(30)))
    args = {"build": ["build", "serve-test", "--out", "out", "--no-cache"],
            "preview": ["preview", "serve-test", "--out", "pictures"],
            "export": ["build", "serve-test", "--format", "docx", "--out", "out"]}[command]
    done, _ = _signal_during(tmp, args, sig, 3.0)
    said = done.stdout + done.stderr
    if "Traceback" in said:
        return CRASH, said[-300:]
    left = [p.name for p in tmp.rglob("*") if p.name.startswith(".studypack-") and p.name != ".studypack-built"
            or p.name.endswith(".part")]
    if left:
        return UNSAFE, f"left {left[:3]}"
    if done.returncode not in (0, 130, 143, 129, -sig) and done.returncode != 2:
        return CRASH, f"exit {done.returncode}"
    if done.returncode != 0 and "interrupted" not in said.lower() and "stopped" not in said.lower():
        return SILENT, f"exit {done.returncode} without a word: {said[-200:]}"
    return CLEAN, f"exit {done.returncode}: {said.strip().splitlines()[-1] if said.strip() else ''}"


def _signal_case(sig: int, command: str) -> Callable[[Path], Verdict]:
    def case(tmp: Path) -> Verdict:
        return _signalled(tmp, sig, command)
    case.__doc__ = f"{signal.Signals(sig).name} three seconds into {command}: old state or new, no temporary file, a word."
    return case


CASES: dict[str, Callable[[Path], Verdict]] = {
    "serve-path-traversal-every-route": serve_traversal,
    "serve-foreign-host": serve_foreign_host,
    "serve-foreign-origin": serve_foreign_origin,
    "serve-hostile-uploads": serve_uploads,
    "serve-200-requests-20-at-a-time": serve_many_at_once,
    "serve-slow-clients": serve_slow_client,
    "moodle-hostile-text-and-cloze-metacharacters": moodle_hostile,
    "word-hostile-text": word_hostile,
    "exports-control-characters": exports_control_characters,
    "cache-folder-is-a-file": cache_is_a_file,
    "cache-entries-link-elsewhere": cache_entry_links_out,
    **{f"signal-{signal.Signals(sig).name.lower()}-during-{command}": _signal_case(sig, command)
       for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) for command in ("build", "preview", "export")},
}


def run(name: str, tmp: Path) -> Verdict:
    """One case's verdict; an exception out of the case itself is a crash of what it drove."""
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        return CASES[name](tmp)
    except Exception as exc:  # the harness saw studypack fail in a way the case did not expect
        return CRASH, f"{type(exc).__name__}: {exc}"[:300]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
