"""The review page (`studypack serve --review MARKED_DIR`) over a real marking: a copy with
one box a faint dot, marked; the teacher's click decides the box, decisions.json keeps it,
the class is marked again at once (marks.csv, review.json) and by every later `mark`."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import threading
import urllib.error
import urllib.request

import pypdfium2
import pytest

import scanner
from studypack.commands.cli import main
from studypack.mark import decisions

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("starlette")

from click.testing import CliRunner  # noqa: E402

from serving import wait_for  # noqa: E402
from studypack.commands.serve import open_socket  # noqa: E402
from studypack.commands.serve import review  # noqa: E402


def _call(base: str, path: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method="POST" if body is not None else "GET",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=300) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def marked_folder(tmp_path):
    """Two copies scanned: copy 1 with a faint dot in the right box of Q1 and every other right
    box crossed, copy 2 blank; marked into tmp_path/m."""
    folder = scanner.class_set(tmp_path, 2)
    data = scanner.marking_map(folder)
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    rng = random.Random(3)
    scans = tmp_path / "scans"
    scans.mkdir()
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        if not copy:
            continue
        image = scanner.render(pdf, index, 200)
        unit = data["units"][data["copies"][copy - 1]["unit"]]
        page = unit["pages"][number - 1]
        right = {(e["question"], c) for e in unit["questions"] for c in e["correct"]}
        for box in page["boxes"]:
            if copy == 1 and (box["question"], box["choice"]) in right:
                pen = "dot" if box["question"] == "quiz:1" else "cross"
                scanner.draw(image, box["rect"], scanner.Pen(pen), 200, page["size"][1], rng)
        image.save(scans / f"page-{index:02d}.png")
    out = tmp_path / "m"
    result = CliRunner().invoke(main, ["mark", str(scans), "--map", str(folder / "marking-map.json"), "--out", str(out)])
    assert result.exit_code == 1, result.output
    return out, scans, folder


def _marks(out) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "marks.csv").read_text(encoding="utf-8-sig"))))


def test_a_click_decides_a_box_and_the_class_is_marked_again(marked_folder):
    out, scans, folder = marked_folder
    assert _marks(out)[0]["quiz Q1"] == "?"
    sock = open_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(review.create(out), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_for(lambda: server.started, "the server to listen")
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        status, page = _call(base, "/")
        assert status == 200 and b"Boxes to review" in page
        status, raw = _call(base, "/api/review")
        listing = json.loads(raw)
        [question] = [q for q in listing["questions"] if q["copy"] == 1]
        assert (question["question"], question["mark"], question["why"]) == ("quiz:1", None, "a box not clearly ticked or empty")
        [box] = [b for b in question["boxes"] if b["crop"]]
        assert box["state"] == "uncertain"
        status, png = _call(base, "/crop/" + box["crop"].split("/")[-1])
        assert status == 200 and png == (out / box["crop"]).read_bytes() and png.startswith(b"\x89PNG")
        assert _call(base, "/crop/..%2Fmarks.csv")[0] == 404  # only the crops review.json names
        decision = {"copy": 1, "question": "quiz:1", "choice": box["choice"], "state": "filled"}
        assert _call(base, "/api/decide", decision)[0] == 403  # without the header
        status, raw = _call(base, "/api/decide", decision, {"X-Studypack": "1"})
        assert status == 200, raw
        [question] = [q for q in json.loads(raw)["questions"] if q["copy"] == 1]
        assert question["mark"] == 1 and any(b["decided"] for b in question["boxes"])
        assert _marks(out)[0]["quiz Q1"] == "1" and _marks(out)[0]["To review"] == "0"
        assert decisions.load(out) == {(1, "quiz:1", box["choice"]): "filled"}
        again = CliRunner().invoke(main, ["mark", str(scans), "--map", str(folder / "marking-map.json"), "--out", str(out),
                                          "--force"])
        assert again.exit_code == 0, again.output  # the decision holds for every later marking
        assert _marks(out)[0]["quiz Q1"] == "1" and decisions.load(out)
        status, raw = _call(base, "/api/decide", dict(decision, state=""), {"X-Studypack": "1"})  # taken back
        assert status == 200 and _marks(out)[0]["quiz Q1"] == "?" and decisions.load(out) == {}
        status, raw = _call(base, "/api/decide", dict(decision, state="maybe"), {"X-Studypack": "1"})
        assert status == 400 and b"filled" in raw
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def test_a_folder_that_is_no_marking_is_a_message(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--review", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2 and "no review.json here" in result.output and "Traceback" not in result.output


def test_a_damaged_decisions_file_is_a_located_error(tmp_path):
    (tmp_path / decisions.FILE).write_text("{\"boxes\": [{\"copy\": 1}]}", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        decisions.load(tmp_path)
    assert "decisions.json: not a list of decisions" in str(caught.value)


def test_run_json_keeps_paths_inside_the_folder_relative(marked_folder, tmp_path):
    out, scans, folder = marked_folder
    again = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert again["scans"] == [str(scans.resolve())] and again["map"] == str((folder / "marking-map.json").resolve())
    from studypack.mark import entry
    inside = tmp_path / "m2" / "scans" / "a.pdf"
    assert entry.kept(inside, tmp_path / "m2") == "scans/a.pdf"  # the folder moves with its scans
    assert entry.found("scans/a.pdf", tmp_path / "m2") == tmp_path / "m2" / "scans" / "a.pdf"
    assert entry.found(again["map"], out) == (folder / "marking-map.json").resolve()


def test_the_scans_are_read_once_while_they_stay_the_same(marked_folder, monkeypatch):
    """A click marks the class again from the readings the page keeps; a scan changed on disk is read again."""
    out, scans, _folder = marked_folder
    from studypack.mark import run
    reads = []
    real = run.read_scans
    monkeypatch.setattr(run, "read_scans", lambda paths, data: reads.append(len(paths)) or real(paths, data))
    handle = review._Review(out)
    handle.warm()
    assert reads == [1]
    [question] = [q for q in json.loads((out / "review.json").read_text(encoding="utf-8"))["questions"] if q["copy"] == 1]
    [box] = [b for b in question["boxes"] if b["crop"]]
    key = (1, "quiz:1", box["choice"])
    handle._decide(key, "filled")
    assert reads == [1] and _marks(out)[0]["quiz Q1"] == "1"
    handle._decide(key, "")
    assert reads == [1] and _marks(out)[0]["quiz Q1"] == "?"  # the kept readings were not changed by the decision
    first = sorted(scans.iterdir())[0]
    first.write_bytes(first.read_bytes())  # the same page scanned again: a new file
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 1_000_000_000))
    handle._decide(key, "empty")
    assert reads == [1, 1] and _marks(out)[0]["quiz Q1"] == "0"
