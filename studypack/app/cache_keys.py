"""The cache key of each planned document: a hash of everything its PDF depends on, so a
cached document is reused exactly when typesetting it again would give the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

from studypack.content.validate import LoadedPack
from studypack.io import cache as caches
from studypack.media import images
from studypack.plan.documents import Plan
from studypack.settings.layout import Layout

_TOOL: list[str] = []
_DISTRIBUTIONS = ("reportlab", "pretix-fontpack-free",
                  "arabic-reshaper", "python-bidi", "pillow", "ziamath", "ziafont", "latex2mathml")


def document_keys(loaded: LoadedPack, layout: Layout, plan: Plan) -> dict[str, str]:
    """{file name: cache key} for each planned document: a hash of everything its PDF depends
    on. Shared by all: the tool (its code and the versions of ReportLab and the font
    packages), the layout (settings, the lines they were written on, the logo), the pack
    without its sheets (sources, glossary, timeline, title, totals), the kinds and ids of all
    sheets, the pictures' bytes and the tier. Then each document's own sheets, in full."""
    shared = _shared(loaded, layout, plan)
    pack = loaded.pack
    sheets: dict[int, str] = {}
    keys = {}
    for doc in plan.documents:
        for i in doc.sheets:
            if i not in sheets:
                sheets[i] = json.dumps(pack.sheets[i].model_dump(mode="json"), sort_keys=True)
        keys[doc.filename] = caches.digest(shared, repr(doc), *(sheets[i] for i in doc.sheets))
    return keys


def _shared(loaded: LoadedPack, layout: Layout, plan: Plan) -> str:
    """The part of every document's key that all of a build's documents share."""
    pack = loaded.pack
    logo = layout.logo_path()
    pictures = sorted(set(images.picture_files(loaded, layout)))
    return caches.digest(
        _tool_digest(),
        layout.model_dump_json(),
        json.dumps(sorted((repr(k), str(v)) for k, v in layout._where.items())),
        _file_bytes(logo) if logo is not None else b"",
        *(_file_bytes(p) for p in pictures),
        json.dumps(pack.model_dump(mode="json", exclude={"sheets", "accept"}), sort_keys=True),
        json.dumps([pack.total_for(plan.tier), pack.total_for("foundation"), pack.total_for("higher")]),
        json.dumps([(sheet.id, sheet.kind) for sheet in pack.sheets]),
        json.dumps([plan.tier, str(loaded.root.resolve()), loaded.name]),
    )


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"(missing)"


def _tool_digest() -> str:
    """The code that typesets: studypack's own files, its fonts included (so a changed
    checkout never reuses an old document) and the versions of the libraries that shape the pages. Once per process."""
    if not _TOOL:
        root = Path(__file__).resolve().parent.parent
        parts: list[bytes | str] = []
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".j2", ".png", ".xz") and "__pycache__" not in path.parts:
                parts += [str(path.relative_to(root)), path.read_bytes()]
        parts += [f"{name} {caches.installed_version(name) or '-'}" for name in _DISTRIBUTIONS]
        _TOOL.append(caches.digest(*parts))
    return _TOOL[0]
