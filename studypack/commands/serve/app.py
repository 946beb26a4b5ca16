"""The web side of `studypack serve`: a Starlette app over a `Session`.

Routes: the page itself (HTML with its own script and styles, nothing from the internet),
`/api/state` (polled by the page), `/api/settings` (the layout and tier pickers), `/api/roster`
(a class list chosen in the browser), page pictures and PDFs of the build shown, and the class
set's downloads. Nothing else on disk is reachable: every file comes from the session.
Requests that change something must carry the `X-Studypack` header, which a page on another
site cannot send without the browser asking first, and only the host names the server was
started for are answered (a guard against DNS rebinding).
"""

from __future__ import annotations

import secrets
from importlib import resources
from urllib.parse import quote, unquote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from studypack.commands.serve import page_words
from studypack.commands.serve.session import MAX_ROSTER, Session

PAGE = resources.files("studypack.commands.serve").joinpath("page.html").read_text(encoding="utf-8")
LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]"]


def create(session: Session, hosts: list[str] | None = None) -> Starlette:
    """The app for one session; `hosts`: the host names to answer (default: this machine only)."""
    handle = _Handlers(session)
    routes = [
        Route("/", handle.index),
        Route("/api/state", handle.state),
        Route("/api/settings", handle.settings, methods=["POST"]),
        Route("/api/roster", handle.roster, methods=["POST"]),
        Route("/page/{number:int}/{index:int}/{page:int}.png", handle.page),
        Route("/pdf/{number:int}/{index:int}/{filename}", handle.pdf),
        Route("/download/{token}/{name}", handle.download),
    ]
    allowed = hosts if hosts is not None else LOOPBACK
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])


class _Handlers:
    """One handler per route, over one session."""

    def __init__(self, session: Session):
        self.session = session

    async def index(self, request: Request) -> Response:
        nonce = secrets.token_urlsafe(16)
        headers = {"Content-Security-Policy": f"default-src 'none'; script-src 'nonce-{nonce}'; "
                   "style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; "
                   "base-uri 'none'; form-action 'none'",
                   "Cache-Control": "no-store"}
        return HTMLResponse(page_words.page(PAGE, nonce), headers=headers)

    def state(self, request: Request) -> Response:
        try:
            since = int(request.query_params.get("since", "-1"))
        except ValueError:
            since = -1
        return JSONResponse(self.session.state(since), headers={"Cache-Control": "no-store"})

    async def settings(self, request: Request) -> Response:
        refused = _refuse(request)
        if refused:
            return refused
        try:
            body = await request.json()
            self.session.choose(_text(body.get("layout")), _text(body.get("tier")))
        except (ValueError, AttributeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"ok": True})

    async def roster(self, request: Request) -> Response:
        refused = _refuse(request)
        if refused:
            return refused
        if int(request.headers.get("content-length") or 0) > MAX_ROSTER:
            return JSONResponse({"errors": [{"where": "", "message": "this file is too big for a class list (over 2 MB)"}]},
                                status_code=413)
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_ROSTER:
                break
        name = unquote(request.headers.get("x-filename") or "roster.csv")
        try:
            variants = int(request.query_params.get("variants", "0"))
        except ValueError:
            variants = 0
        sheets = tuple(part for part in request.query_params.get("sheets", "").split(",") if part)
        answer = await run_in_threadpool(self.session.class_set, name, data, max(0, min(variants, 26)), sheets)
        return JSONResponse(answer)

    def page(self, request: Request) -> Response:
        p = request.path_params
        data = self.session.picture(p["number"], p["index"], p["page"])
        if data is None:
            return Response("this page is from an older build", status_code=404)
        return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})

    def pdf(self, request: Request) -> Response:
        p = request.path_params
        shown = self.session.pdf(p["number"], p["index"])
        if shown is None or shown.filename != p["filename"]:
            return Response("this PDF is from an older build", status_code=404)
        return Response(shown.pdf, media_type="application/pdf",
                        headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(shown.filename)}"})

    def download(self, request: Request) -> Response:
        found = self.session.download(request.path_params["token"], request.path_params["name"])
        if found is None:
            return Response("no such file: make the class set again", status_code=404)
        path, saved_as = found
        return FileResponse(path, filename=saved_as)


def _refuse(request: Request) -> Response | None:
    """A change must carry X-Studypack, and come from this server's own page when a browser
    says where it comes from (Origin): a page elsewhere, or a sandboxed one, changes nothing."""
    if request.headers.get("x-studypack") != "1":
        return JSONResponse({"error": "send X-Studypack: 1 with requests that change something"}, status_code=403)
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        return JSONResponse({"error": "changes are taken only from this server's own page"}, status_code=403)
    return None


def _text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError("layout and tier are text")
