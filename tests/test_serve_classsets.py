"""`studypack serve` for class sets and workspaces: chosen sheets, what made a class set,
the workspace's own layouts, a pack written as pack.yml, and uploads at the same time.

Over a real Uvicorn, as tests/test_serve.py does, on a pack of two sheets inside a workspace
with a layout of its own.
"""

from __future__ import annotations

import io
import threading

import pytest
from pypdf import PdfReader

uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("starlette")

from conftest import squash  # noqa: E402
from serving import PACK, ROSTER, wait_for  # noqa: E402
from studypack.commands.cli import main  # noqa: E402
from studypack.commands.serve import open_socket  # noqa: E402
from studypack.commands.serve.app import create  # noqa: E402
from studypack.commands.serve.session import KEEP_ROSTERS, Session  # noqa: E402
from test_serve import CHANGE, Client  # noqa: E402

SECOND_SHEET = """\
  - id: second-look
    kind: worksheet
    title: Second look
    questions:
      - {kind: short, prompt: "Name one defendant of the 1936 trial.", marks: 1, lines: 1, answer: "Zinoviev."}
"""
GOOD = ROSTER.replace("Priya,Raman,10C,5103,Z\n", "Priya,Raman,10C,5103,\n")


def make_workspace(root, pack_file: str = "pack.yaml"):
    """root/sources/serve-test/<pack_file> (two sheets) and root/layouts/school.yaml (US Letter)."""
    pack = root / "sources" / "serve-test"
    pack.mkdir(parents=True)
    (pack / pack_file).write_text(PACK + SECOND_SHEET, encoding="utf-8")
    (root / "layouts").mkdir()
    (root / "layouts" / "school.yaml").write_text("extends: letter\ndescription: Our school's paper\n", encoding="utf-8")
    return pack


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = make_workspace(tmp_path)
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


def upload(client, roster: str = GOOD, name: str = "10C.csv", query: str = "") -> dict:
    answer = client.post(f"/api/roster{query}", content=roster.encode("utf-8"), headers={**CHANGE, "X-Filename": name})
    assert answer.status_code == 200, answer.text
    return answer.json()


def pdf_text(client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200, url
    return squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages))


def test_the_workspace_layouts_are_offered_and_build(served):
    _pack, _session, client = served
    shown = client.get("/api/state").json()
    offered = {c["value"]: c["label"] for c in shown["choices"]["layouts"]}
    assert offered["school"] == "school (yours)" and "letter" in offered
    assert client.post("/api/settings", json={"layout": "school"}, headers=CHANGE).status_code == 200
    school = wait_for(lambda: (lambda s: s if s["version"] > shown["version"] and not s["building"] else None)(
        client.get("/api/state").json()), "the build in the workspace's layout")
    assert school["ok"], school["errors"]
    assert school["settings"]["layout"] == "school"
    assert school["documents"][0]["pages"][0]["width"] == 935  # US Letter, from the workspace's school.yaml


def test_a_class_set_of_chosen_sheets_says_what_made_it(served):
    _pack, _session, client = served
    assert [s["id"] for s in client.get("/api/state").json()["sheets"]] == ["first-look", "second-look"]
    whole = upload(client)
    assert whole["made_with"] == {"roster": "10C.csv", "layout": "", "layout_label": "as the pack says", "tier": "",
                                  "sheets": [], "variants": 0}
    assert "Name one defendant" in pdf_text(client, whole["downloads"]["class-set.pdf"])

    chosen = upload(client, query="?sheets=second-look")
    assert chosen["made_with"]["sheets"] == ["second-look"] and chosen["copies"] == 3
    text = pdf_text(client, chosen["downloads"]["class-set.pdf"])
    assert "Name one defendant" in text and "What does Source A say" not in text
    assert "Aoife Brennan" in text and "Priya Raman" in text
    key = pdf_text(client, chosen["downloads"]["answer-key.pdf"])
    assert "Zinoviev" in key and "They confessed" not in key  # the key of the chosen sheet only
    saved_as = client.get(chosen["downloads"]["class-set.pdf"]).headers["Content-Disposition"]
    assert "10C--second-look-class-set.pdf" in saved_as  # named apart from the whole pack's class set

    wrong = upload(client, query="?sheets=secnd-look")
    assert "no sheet 'secnd-look'" in wrong["errors"][0]["message"]
    assert "did you mean 'second-look'" in wrong["errors"][0]["message"]
    assert "its sheets are first-look, second-look" in wrong["errors"][0]["message"]


def test_an_xlsx_class_list_uploads(served):
    openpyxl = pytest.importorskip("openpyxl")
    _pack, _session, client = served
    book = openpyxl.Workbook()
    for row in [["First name", "Surname", "Class", "Candidate number"], ["Aoife", "Brennan", "10C", 5101.0],
                ["", "", "10C", 5102]]:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    answer = client.post("/api/roster", content=data.getvalue(), headers={**CHANGE, "X-Filename": "10C.xlsx"}).json()
    assert [(s["name"], s["id"]) for s in answer["students"]] == [("Aoife Brennan", "5101")]
    assert answer["problems"][0]["where"] == "10C.xlsx: row 3"
    assert "Aoife Brennan" in pdf_text(client, answer["downloads"]["class-set.pdf"])


def test_twenty_uploads_at_once_never_fail_and_failed_ones_keep_the_good_class_sets(served):
    _pack, session, client = served
    good = [upload(client, name=f"good-{n}.csv") for n in range(KEEP_ROSTERS)]
    for n in range(5):  # failed uploads: nothing kept, nothing pushed out
        assert upload(client, roster="", name=f"empty-{n}.csv")["errors"]
    for made in good:
        assert client.get(made["downloads"]["class-set.pdf"]).status_code == 200

    answers: dict[int, object] = {}

    def send(n: int) -> None:
        roster = GOOD if n % 3 else "Nobody,Here\n"  # every third one fails: no name column
        answers[n] = client.post("/api/roster", content=roster.encode(), headers={**CHANGE, "X-Filename": f"at-once-{n}.csv"})

    threads = [threading.Thread(target=send, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    assert sorted(answers) == list(range(20))
    assert [a.status_code for a in answers.values()] == [200] * 20  # type: ignore[attr-defined]
    made = [a.json() for n, a in sorted(answers.items()) if n % 3]  # type: ignore[attr-defined]
    assert all("downloads" in m for m in made) and all(a.json()["errors"] for n, a in answers.items() if not n % 3)  # type: ignore[attr-defined]
    kept = [m for m in made if client.get(m["downloads"]["class-set.pdf"]).status_code == 200]
    assert len(kept) == KEEP_ROSTERS  # the last three made; each one that is kept downloads whole
    assert len(list(session.folder.glob("roster-*"))) == KEEP_ROSTERS


def test_a_pack_written_as_pack_yml_is_served(tmp_path, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.chdir(tmp_path)
    pack = make_workspace(tmp_path, "pack.yml")
    session = Session(pack, jobs=1, interval=0.05, echo=lambda line: None)
    session.start()
    try:
        assert session.wait(1)
        shown = session.state()
        assert shown["ok"], shown["errors"]
        assert [d["filename"] for d in shown["documents"]][:2] == ["first-look.pdf", "second-look.pdf"]
    finally:
        session.close()
    taken = open_socket("127.0.0.1", 0)
    try:  # the command takes the folder (it goes on to the port, which is taken)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(pack), "--port", str(port)])
        assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output, result.output
    finally:
        taken.close()
