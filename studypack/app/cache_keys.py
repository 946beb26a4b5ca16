"""The cache key of each planned document: a hash of everything its PDF depends on, so a
cached document is reused exactly when typesetting it again would give the same bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from studypack.base.errors import speaking
from studypack.content.validate import LoadedPack
from studypack.io import cache as caches
from studypack.media import images
from studypack.plan.documents import Document, Plan
from studypack.settings.layout import Layout

_TOOL: list[str] = []
_PACKAGE = Path(__file__).resolve().parent.parent  # studypack's own folder
_SUFFIXES = (".py", ".yaml", ".j2", ".png", ".xz")  # the files that shape the pages
_DISTRIBUTIONS = ("reportlab", "pretix-fontpack-free",
                  "arabic-reshaper", "python-bidi", "pillow", "ziamath", "ziafont", "latex2mathml")


def document_keys(loaded: LoadedPack, layout: Layout, plan: Plan) -> dict[str, str]:
    """{file name: cache key} for each planned document: a hash of everything its PDF depends
    on. Shared by all: the tool (its code and the versions of ReportLab and the font
    packages), the layout (settings, the lines they were written on, the logo), the pack
    without its sheets (sources, glossary, timeline, title, totals), the kinds and ids of all
    sheets, the pictures' bytes, the tier and the terminal's language (its warnings are kept
    with it) where it is not English. Then each document's own sheets, in full."""
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


def class_key(loaded: LoadedPack, layout: Layout, pack, document: Document) -> str:
    """The cache key of a class set's answer key (`plan.class_set`'s `key`): the tool, the
    layout, the pictures and where the pack is, as for every document; the pack the copies
    print (the whole pack, or its chosen sheets) in full; the key's plan (its sheets, tier,
    title, note); and each variant it answers for, by name, with that variant's pack and
    answers, so a key is reused only for copies dealt the very same variants. The packs are
    read through the pack's own serializer (built as it was validated)."""
    logo = layout.logo_path()
    variants = [(name, _pack_json(variant), [[dataclasses.astuple(a) for a in sheet] for sheet in answers])
                for name, variant, answers in document.variants]
    return caches.digest(
        _tool_digest(), "class-key",
        layout.model_dump_json(),
        json.dumps(sorted((repr(k), str(v)) for k, v in layout._where.items())),
        _file_bytes(logo) if logo is not None else b"",
        *(_file_bytes(p) for p in sorted(set(images.picture_files(loaded, layout)))),
        json.dumps([str(loaded.root.resolve()), loaded.name]),
        _pack_json(pack),
        repr(dataclasses.replace(document, variants=())),
        json.dumps(variants),
    )


def _pack_json(pack) -> str:
    return json.dumps(pack.model_dump(mode="json"), sort_keys=True)


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
        *([f"warnings said in {speaking()}"] if speaking() else []),  # English keys as they were
    )


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"(missing)"


def tool_digest_now() -> None:
    """Work the tool's digest out now (the resident server, before it forks its copies)."""
    _tool_digest()


def _tool_digest() -> str:
    """The code that typesets: studypack's own files, its fonts included (so a changed
    checkout never reuses an old document) and the versions of the libraries that shape the
    pages. Once per process; see `tool_digest` for why it is rarely read in full."""
    if not _TOOL:
        _TOOL.append(tool_digest(_PACKAGE))
    return _TOOL[0]


def tool_digest(root: Path) -> str:
    """The digest of the files under `root` and the libraries' versions. Hashing the 5 MB
    package took 14 ms of every build, so the result is kept in the user cache (`tool/`, one
    sealed file per installed copy) with what each file's path, size and mtime_ns were: while
    none of them changes, the digest is read back; an edited, added or removed file makes it
    computed again."""
    files = _tool_files(root)
    versions = [f"{name} {caches.installed_version(name) or '-'}" for name in _DISTRIBUTIONS]
    stamp = caches.digest(str(root), *versions,
                          *(f"{rel}\x1f{st.st_size}\x1f{st.st_mtime_ns}" for rel, _, st in files))
    folder = caches.subfolder("tool")
    path = None if folder is None else folder / f"{hashlib.sha256(str(root).encode()).hexdigest()[:32]}.digest"
    kept = None if path is None else caches.read_sealed(path, ("term.cache-what-digest", "the tool's digest is computed"))
    if kept is not None and kept.startswith(stamp.encode() + b" "):
        return kept[len(stamp) + 1:].decode()
    parts: list[bytes | str] = []
    for rel, path_of_file, _ in files:
        with open(path_of_file, "rb") as handle:
            parts += [rel, handle.read()]
    found = caches.digest(*parts, *versions)
    if path is not None:
        caches.write_sealed(path, f"{stamp} {found}".encode())
    return found


def _tool_files(root: Path) -> list[tuple[str, str, os.stat_result]]:
    """The files under `root` that shape the pages (code, settings, templates, pictures,
    fonts; never __pycache__), in the order of their paths, with their stat. With scandir and
    plain strings, each file's path too: Path objects made this walk cost as much as hashing
    the files (a Path a file still cost 7 ms of every build)."""
    found: list[tuple[tuple[str, ...], str, os.stat_result]] = []
    folders: list[tuple[tuple[str, ...], str]] = [((), str(root))]
    while folders:
        parts, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(((*parts, entry.name), entry.path))
                elif entry.name.endswith(_SUFFIXES) and entry.is_file():
                    found.append(((*parts, entry.name), entry.path, entry.stat()))
    found.sort(key=lambda item: item[0])
    return [("/".join(parts), path, info) for parts, path, info in found]
