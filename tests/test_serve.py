"""`studypack serve` without a browser: the app's endpoints over a live session on a small pack.

The browser test (tests/test_serve_browser.py) drives the same page in Chromium; these check
each endpoint's answers: the pages are the build's own PDFs, errors are located, pickers
rebuild, class sets come back with names on them, and nothing outside the session is served.
"""

from __future__ import annotations

import io
import json
import threading
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("starlette")

from conftest import squash  # noqa: E402
from serving import BROKEN_LINE, ROSTER, edit, make_pack, wait_for  # noqa: E402
from studypack.app.build import build  # noqa: E402
from studypack.commands.cli import main  # noqa: E402
from studypack.commands.serve import open_socket  # noqa: E402
from studypack.commands.serve.app import create  # noqa: E402
from studypack.commands.serve.session import Session  # noqa: E402

CHANGE = {"X-Studypack": "1"}


class Answer:
    def __init__(self, status: int, headers, content: bytes):
        self.status_code, self.headers, self.content = status, headers, content

    def json(self):
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


class Client:
    """Plain HTTP to the server under test (the standard library's, so tests need nothing more)."""

    def __init__(self, base: str):
        self.base = base

    def request(self, method: str, path: str, content: bytes | None = None, headers: dict | None = None) -> Answer:
        request = urllib.request.Request(self.base + path, data=content, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=300) as answer:
                return Answer(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.headers, exc.read())

    def get(self, path: str, headers: dict | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, content: bytes | None = None, json: dict | None = None, headers: dict | None = None) -> Answer:
        if json is not None:
            content, headers = _json.dumps(json).encode(), {"Content-Type": "application/json", **(headers or {})}
        return self.request("POST", path, content or b"", headers)


_json = json


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A session on a fresh copy of the small pack, behind a real Uvicorn on a free port."""
    monkeypatch.chdir(tmp_path)  # no ./layouts, and nothing written to ./output
    pack = make_pack(tmp_path)
    session = Session(pack, jobs=1, interval=0.05, echo=lambda line: None)
    session.start()
    sock = open_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create(session), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    assert session.wait(1)
    wait_for(lambda: server.started, "the server to listen")
    yield pack, session, Client(f"http://127.0.0.1:{sock.getsockname()[1]}")
    server.should_exit = True
    thread.join(30)
    sock.close()
    session.close()


def state(client, since: int = -1) -> dict:
    answer = client.get(f"/api/state?since={since}")
    assert answer.status_code == 200
    return answer.json()


def newer(client, version: int):
    return wait_for(lambda: (lambda s: s if s["version"] > version and not s["building"] else None)(state(client)),
                    f"a build after number {version}")


def text_of(shown: dict) -> str:
    return " ".join(page["text"] for doc in shown["documents"] for page in doc["pages"])


def test_the_page_lists_the_documents_the_build_writes_key_last(served, tmp_path):
    _pack, _session, client = served
    shown = state(client)
    assert shown["ok"] and shown["errors"] == [] and not shown["stale"]
    names = [d["filename"] for d in shown["documents"]]
    assert names[0] == "first-look.pdf" and names[-1] == "answer-key.pdf"
    assert "pack.pdf" not in names  # the sheets again, in one file
    assert shown["documents"][-1]["key"] and not shown["documents"][0]["key"]
    assert "What does Source A say about the confession?" in text_of(shown)
    assert "They confessed." in " ".join(p["text"] for p in shown["documents"][-1]["pages"])
    assert state(client, shown["version"]) == {"version": shown["version"], "building": False}
    page = client.get("/")
    assert page.status_code == 200 and "studypack" in page.text
    assert "script-src 'nonce-" in page.headers["Content-Security-Policy"]
    assert "http://" not in page.text and "https://" not in page.text  # nothing from outside


def test_page_pictures_and_pdfs_are_the_builds_own(served, tmp_path):
    pack, _session, client = served
    shown = state(client)
    first = shown["documents"][0]
    picture = client.get(first["pages"][0]["src"])
    assert picture.status_code == 200 and picture.headers["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(picture.content))
    assert image.size == (first["pages"][0]["width"], first["pages"][0]["height"]) == (910, 1287)  # A4 at 110 dpi, rounded up as pdfium does
    pdf = client.get(first["pdf"])
    build(pack, None, tmp_path / "built", jobs=1)
    assert pdf.content == (tmp_path / "built" / "serve-test" / "first-look.pdf").read_bytes()
    for missing in (f"/page/{shown['version'] + 1}/0/1.png", "/page/1/0/99.png", "/page/1/42/1.png",
                    "/pdf/1/0/other.pdf"):
        assert client.get(missing).status_code == 404, missing


def test_a_save_rebuilds_and_a_broken_save_is_shown_with_its_line_above_the_last_good_pages(served):
    pack, _session, client = served
    version = state(client)["version"]
    edit(pack, "about the confession?", "about the Kronstadt confession?")
    shown = newer(client, version)
    assert shown["ok"] and "Kronstadt" in text_of(shown)

    edit(pack, "marks: 2,", "marks: ten,")
    broken = newer(client, shown["version"])
    assert not broken["ok"] and broken["stale"]
    assert broken["errors"][0]["where"].endswith(f"pack.yaml:{BROKEN_LINE}")
    assert "marks must be a positive whole number, got 'ten'" in broken["errors"][0]["message"]
    assert "Kronstadt" in text_of(broken)  # the last good pages, marked as such
    old_picture = broken["documents"][0]["pages"][0]["src"]

    edit(pack, "marks: ten,", "marks: 2,")
    fixed = newer(client, broken["version"])
    assert fixed["ok"] and not fixed["stale"] and fixed["errors"] == []
    assert fixed["documents"][0]["pages"][0]["src"] != old_picture
    assert client.get(old_picture).status_code == 404  # pictures of a replaced build are dropped


def test_the_layout_and_tier_pickers_rebuild(served):
    _pack, _session, client = served
    shown = state(client)
    layouts = [c["value"] for c in shown["choices"]["layouts"]]
    assert layouts[:2] == ["", "default"] and "large-print-24" in layouts
    assert client.post("/api/settings", json={"layout": "letter"}).status_code == 403  # no X-Studypack header
    assert client.post("/api/settings", json={"layout": "../../etc/passwd"}, headers=CHANGE).status_code == 400
    assert client.post("/api/settings", json={"tier": "middle"}, headers=CHANGE).status_code == 400

    assert client.post("/api/settings", json={"layout": "letter", "tier": "foundation"}, headers=CHANGE).status_code == 200
    letter = newer(client, shown["version"])
    assert letter["settings"] == {"layout": "letter", "tier": "foundation"}
    assert letter["documents"][0]["pages"][0]["width"] == 935  # US Letter, 8.5 in at 110 dpi
    assert "doubt the confession" not in text_of(letter)  # a higher-tier question
    assert "doubt the confession" in text_of(shown)


def test_a_roster_upload_makes_a_class_set_with_the_names_and_locates_bad_rows(served, tmp_path):
    _pack, session, client = served
    assert client.post("/api/roster", content=ROSTER.encode()).status_code == 403
    answer = client.post("/api/roster", content=ROSTER.encode("utf-8-sig"),
                         headers={**CHANGE, "X-Filename": "10C%20history.csv"}).json()
    assert [s["name"] for s in answer["students"]] == ["Aoife Brennan", "Tomasz Kowalczyk", "Priya Raman"]
    assert [s["left_out"] for s in answer["students"]] == [False, False, True]
    assert answer["problems"][0]["where"] == "10C history.csv:4"  # the teacher's file name, not the temporary one
    assert "tier 'Z'" in answer["problems"][0]["message"] and answer["copies"] == 2

    class_set = client.get(answer["downloads"]["class-set.pdf"])
    assert class_set.status_code == 200 and "10C-history-class-set.pdf" in class_set.headers["Content-Disposition"]
    text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(class_set.content)).pages))
    assert "Aoife Brennan" in text and "Tomasz Kowalczyk" in text and "Priya Raman" not in text
    copies = zipfile.ZipFile(io.BytesIO(client.get(answer["downloads"]["copies.zip"]).content))
    assert len(copies.namelist()) == 2 and all(n.startswith("10C-history/") and n.endswith(".pdf") for n in copies.namelist())
    assert client.get(answer["downloads"]["answer-key.pdf"]).content.startswith(b"%PDF")

    token = answer["downloads"]["class-set.pdf"].split("/")[2]
    for bad in (f"/download/{token}/../../pack.yaml", f"/download/{token}/10C-history.csv", "/download/roster-x/class-set.pdf",
                f"/download/{token}/%2e%2e%2fname", "/download/..%2f..%2fetc/passwd"):
        assert client.get(bad).status_code == 404, bad
    uploaded = list(session.folder.rglob("*.csv"))
    assert len(uploaded) == 1 and not Path("output").exists()  # the upload stays in the session's folder
    session.close()
    assert not session.folder.exists()


def test_a_roster_that_cannot_be_read_says_why(served):
    _pack, session, client = served
    answer = client.post("/api/roster", content=b"", headers={**CHANGE, "X-Filename": "empty.csv"}).json()
    assert "the roster is empty" in answer["errors"][0]["message"]
    import http.client
    from urllib.parse import urlsplit

    # a file over 2 MB is refused on its headers, before it is read
    where = urlsplit(client.base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
    connection.putrequest("POST", "/api/roster")
    connection.putheader("X-Studypack", "1")
    connection.putheader("Content-Length", str(3 * 1024 * 1024))
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()
    said = session.class_set("huge.csv", b"a" * (3 * 1024 * 1024))
    assert said["errors"][0]["where"] == "huge.csv" and "too big for a class list" in said["errors"][0]["message"]


def test_only_this_computers_names_are_answered(served):
    _pack, _session, client = served
    assert client.get("/api/state", headers={"Host": "attacker.example:8000"}).status_code == 400
    assert client.get("/api/state", headers={"Host": "localhost:8000"}).status_code == 200


def test_serve_command_refuses_a_folder_without_a_pack_and_a_port_in_use(tmp_path):
    from click.testing import CliRunner

    from studypack.commands.serve import open_socket

    result = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2 and "no pack.yaml in" in result.output
    taken = open_socket("127.0.0.1", 0)
    try:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(make_pack(tmp_path)), "--port", str(port)])
        assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output
    finally:
        taken.close()


def test_the_docs_serve_commands_run(tmp_path):
    """Each command of the Live preview section of docs/beyond-paper.md, as written except on
    a free port: it serves the example pack with the settings it names, and Ctrl-C stops it."""
    import re
    import shlex
    import shutil
    import signal
    import subprocess
    import sys

    from conftest import EXAMPLE, ROOT

    doc = (ROOT / "docs" / "beyond-paper.md").read_text(encoding="utf-8")
    section = doc.split("## Live preview", 1)[1].split("\n## ", 1)[0]
    commands = [line for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines() if line.strip()]
    assert [c.split()[:2] for c in commands] == [["studypack", "serve"]] * 2
    shutil.copytree(EXAMPLE, tmp_path / "sources" / "show-trials")
    for command in commands:
        args = shlex.split(command)[1:]
        if "--port" in args:
            del args[args.index("--port"):args.index("--port") + 2]
        process = subprocess.Popen([sys.executable, "-m", "studypack", *args, "--port", "0"], cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            first = process.stdout.readline()
            assert first.startswith("Serving sources/show-trials at http://127.0.0.1:"), first
            client = Client(first.split(" at ")[1].split()[0].rstrip("/"))
            shown = wait_for(lambda: (lambda s: s if s["version"] >= 1 else None)(client.get("/api/state").json()),
                             f"the first build of: {command}")
            assert shown["ok"] and shown["documents"], shown["errors"]
            layout = args[args.index("--layout") + 1] if "--layout" in args else ""
            tier = args[args.index("--tier") + 1] if "--tier" in args else ""
            assert shown["settings"] == {"layout": layout, "tier": tier}
            process.send_signal(signal.SIGINT)
            rest, _ = process.communicate(timeout=60)
            assert "stopped serving" in rest and process.returncode == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert not (tmp_path / "output").exists()  # serve writes nothing there
