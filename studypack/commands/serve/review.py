"""`studypack serve --review MARKED_DIR`: the boxes a marking left to the teacher, in a browser.

The page lists each question of review.json (whose, why it waits, or its mark once decided)
with the crop of each box as scanned; a click says a box is ticked or empty (or takes the
decision back). Each decision goes into the folder's decisions.json (`mark.decisions`) and
the class is marked again with the arguments run.json keeps, so marks.csv, the annotated
copies and the item analysis follow at once. The scans are read once (on the server's start,
beside the teacher's first look) and their readings kept while no scan, map or class list
changes on disk: a click then costs the writing, not the reading, of a class's pages. Only files of that folder that review.json
names are served; requests that change something carry the `X-Studypack` header, as the
pack page's do.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from studypack.base.errors import Problem, StudypackError, display_path, said
from studypack.mark import decisions, entry
from studypack.commands.serve.app import LOOPBACK

PAGE = resources.files("studypack.commands.serve").joinpath("review.html").read_text(encoding="utf-8")
NEEDED = ("review.json", "run.json")


def check(folder: Path) -> None:
    """A located error unless `folder` holds a marking this page can review."""
    missing = [name for name in NEEDED if not (folder / name).is_file()]
    if missing:
        raise StudypackError(Problem(said("term.review-not-marked", "{folder}: no {missing} here; give the folder "
                                          "`studypack mark` wrote (its --out, marked/ by default)",
                                          folder=display_path(folder), missing=missing[0])))


def create(folder: Path, hosts: list[str] | None = None) -> Starlette:
    """The review app over one marking folder."""
    handle = _Review(folder)
    threading.Thread(target=handle.warm, name="review-reading", daemon=True).start()
    routes = [Route("/", handle.index), Route("/api/review", handle.listing),
              Route("/api/decide", handle.decide, methods=["POST"]), Route("/crop/{name}", handle.crop)]
    allowed = hosts if hosts is not None else LOOPBACK
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])


class _Review:
    def __init__(self, folder: Path):
        self.folder = folder
        self.lock = threading.Lock()  # one marking (or reading) at a time
        self.kept: tuple[tuple, Any] | None = None  # (what was read, as on disk; the scans' readings)

    def warm(self) -> None:
        """Read the scans before the first click needs them (a failure waits for that click to say it)."""
        try:
            with self.lock:
                again = self._again()
                self._read([entry.found(p, self.folder) for p in again["scans"]],
                           json.loads(entry.found(again["map"], self.folder).read_text(encoding="utf-8")))
        except (StudypackError, OSError, ValueError, KeyError, TypeError, ImportError):
            pass

    def _again(self) -> dict:
        return json.loads((self.folder / "run.json").read_text(encoding="utf-8"))

    def _read(self, paths: list[Path], data: dict):
        """The scans' readings (before the teacher's decisions), kept while the files are the
        same: each call gets its own copy, which the decisions then change."""
        from dataclasses import replace

        from studypack.mark import run, scans  # lazy: numpy and zxing-cpp only for a review
        files = scans.files(paths)
        seen = (hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(),
                tuple((str(f), *_stamp(f)) for f in files))
        if self.kept is None or self.kept[0] != seen:
            self.kept = (seen, run.read_scans(paths, data))
        marked = self.kept[1]
        return replace(marked, readings={copy: dict(boxes) for copy, boxes in marked.readings.items()})

    async def index(self, request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        headers = {"Content-Security-Policy": f"default-src 'none'; script-src 'nonce-{nonce}'; "
                   "style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
                   "base-uri 'none'; form-action 'none'", "Cache-Control": "no-store"}
        return HTMLResponse(PAGE.replace("{{nonce}}", nonce), headers=headers)

    def listing(self, request: Request) -> Response:
        return JSONResponse(self._listing(), headers={"Cache-Control": "no-store"})

    def _listing(self) -> dict:
        data = json.loads((self.folder / "review.json").read_text(encoding="utf-8"))
        waiting = sum(1 for q in data["questions"] if q["mark"] is None)
        return {"questions": data["questions"], "waiting": waiting, "folder": display_path(self.folder)}

    def crop(self, request: Request) -> Response:
        name = request.path_params["name"]
        named = {Path(b["crop"]).name for q in self._listing()["questions"] for b in q["boxes"] if b["crop"]}
        if name not in named:
            return Response("no such crop", status_code=404)
        return Response((self.folder / "review" / name).read_bytes(), media_type="image/png",
                        headers={"Cache-Control": "no-store"})

    async def decide(self, request: Request) -> Response:
        if request.headers.get("x-studypack") != "1":
            return JSONResponse({"error": "send X-Studypack: 1 with requests that change something"}, status_code=403)
        try:
            body = await request.json()
            key = (int(body["copy"]), str(body["question"]), str(body["choice"]))
            state = str(body["state"])
            if state not in decisions.STATES + ("",):
                raise ValueError(f"a box is 'filled' or 'empty' (or '' to take the decision back), not '{state}'")
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        try:
            await run_in_threadpool(self._decide, key, state)
        except StudypackError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(self._listing())

    def _decide(self, key: decisions.Key, state: str) -> None:
        """Keep the decision, then mark the class again with it."""
        with self.lock:
            kept = decisions.load(self.folder)
            if state:
                kept[key] = state
            else:
                kept.pop(key, None)
            decisions.save(self.folder, kept)
            again = self._again()
            entry.mark([entry.found(p, self.folder) for p in again["scans"]], entry.found(again["map"], self.folder),
                       self.folder, True, entry.found(again["roster"], self.folder) if again.get("roster") else None,
                       again.get("layout"), reader=self._read)


def _stamp(path: Path) -> tuple[int, int]:
    """A file's size and time of change: a scan replaced or added is read again."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
