"""Write the settings reference of docs/layouts.md from the layout model.

Each layout setting says what it does in studypack/settings/layout.py (`setting(default, "…")`, a
group's docstring); this script turns them into the "Every key" part of docs/layouts.md,
between the two marker comments, with each setting's allowed values and its value in the
shipped `default` layout. tests/test_layout_docs.py fails when the page and the model drift.

Usage:
    python tools/layout_docs.py           # rewrite the reference in docs/layouts.md
    python tools/layout_docs.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import typing
from pathlib import Path
from typing import Any, Iterator

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studypack.settings import layout  # noqa: E402
from studypack.base import units  # noqa: E402
from studypack.io import yamlio  # noqa: E402

DOC = ROOT / "docs" / "layouts.md"
BEGIN = "<!-- BEGIN settings: written by tools/layout_docs.py from studypack/settings/layout.py; edit the descriptions there -->"
END = "<!-- END settings -->"
_COLOUR = layout.Colour.__metadata__[0].metadata[0].pattern  # type: ignore[attr-defined]


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def own_doc(cls: type) -> list[str]:
    """A class's own docstring (not one inherited from Strict), as paragraphs."""
    doc = cls.__dict__.get("__doc__")
    return paragraphs(inspect.cleandoc(doc) if doc else "")


def is_group(info: FieldInfo) -> bool:
    return isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)


def leaves(model: type[BaseModel], path: tuple) -> Iterator[tuple[tuple, FieldInfo]]:
    """Every setting under a group, sub-groups (page.margins) flattened."""
    for name, info in model.model_fields.items():
        if is_group(info):
            yield from leaves(info.annotation, path + (name,))  # type: ignore[arg-type]
        else:
            yield path + (name,), info


def group_notes(model: type[BaseModel]) -> list[str]:
    """What a group's settings say beyond their table cell, in order."""
    notes: list[str] = []
    for info in model.model_fields.values():
        if is_group(info):
            notes += own_doc(info.annotation) + group_notes(info.annotation)  # type: ignore[arg-type]
        else:
            notes += paragraphs(info.description)[1:]
    return notes


def _flatten(annotation: Any, metadata: list) -> tuple[list, list, bool]:
    """The non-None types of an annotation, all the metadata on the way, and whether null is allowed."""
    meta = list(metadata)
    types, nullable = [], False
    stack = [annotation]
    while stack:
        node = stack.pop(0)
        if typing.get_origin(node) is typing.Annotated:
            meta += list(node.__metadata__)
            stack.insert(0, node.__origin__)
        elif typing.get_origin(node) in (typing.Union, getattr(__import__("types"), "UnionType")):
            stack[:0] = list(typing.get_args(node))
        elif node is type(None):
            nullable = True
        else:
            types.append(node)
    for m in list(meta):  # Field(pattern=…) inside an Annotated keeps its constraints one level down
        meta += list(getattr(m, "metadata", []) or [])
    return types, meta, nullable


def values(info: FieldInfo) -> str:
    """What a teacher may write for a setting, in words."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("values"):
        return str(extra["values"])
    types, meta, nullable = _flatten(info.annotation, info.metadata)
    marker = next((m for m in meta if isinstance(m, layout.Template)), None)
    funcs = {getattr(m, "func", None) for m in meta if isinstance(m, BeforeValidator)}
    bound = {type(m): getattr(m, type(m).__name__.lower()) for m in meta if isinstance(m, (Ge, Gt, Le, Lt))}
    if marker is not None:
        words = f"template {marker.names}".strip()
    elif units.parse_length in funcs:
        words = "length"
    elif units.parse_em in funcs:
        words = "a fraction of the text size, like `0.05em`, at most `1em`"
    elif any(getattr(m, "pattern", None) == _COLOUR for m in meta):
        words = "colour"
    elif types and typing.get_origin(types[0]) is typing.Literal:
        words = ", ".join(f"`{v}`" for v in typing.get_args(types[0]))
    elif types == [bool]:
        words = "`true`, `false`"
    elif types == [int]:
        low = bound.get(Ge, bound[Gt] + 1 if Gt in bound else None)
        words = f"whole number {low}–{bound[Le]}" if low is not None and Le in bound else "whole number"
    elif types == [float]:
        low = f"above {bound[Gt]}" if Gt in bound else f"at least {bound[Ge]}" if Ge in bound else ""
        high = f"at most {bound[Le]}" if Le in bound else ""
        words = "number " + ", ".join(w for w in (low, high) if w) if low or high else "number"
    elif types == [str]:
        words = "text"
    else:
        raise SystemExit(f"say what {info.annotation} accepts: setting(…, values=\"…\")")
    if nullable:
        words += ", or nothing (`null`)" if types == [bool] else ", or `null`"
    return words


def shown(value: Any, outer: bool = True) -> str:
    """A value as it would be written in a layout file."""
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif hasattr(value, "written"):
        text = value.written
    elif isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, list):
        text = "[" + ", ".join(shown(v, False) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {shown(v, False)}" for k, v in value.items()) + "}"
    elif isinstance(value, str) and (not value or value[0] in "#{[\"'*&!|>%@`" or "{" in value or ": " in value or " #" in value):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return f"`{text}`" if outer else text


def default(path: tuple, info: FieldInfo, written: dict) -> str:
    """The value in the shipped default.yaml, or the built-in one where it says nothing."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("shown"):
        return str(extra["shown"])
    node: Any = written
    for part in path:
        if not isinstance(node, dict) or part not in node:
            value = info.get_default(call_default_factory=True)
            types, meta, _ = _flatten(info.annotation, info.metadata)
            if isinstance(value, float) and units.parse_length in {getattr(m, "func", None) for m in meta}:
                mm = value / (72 / 25.4)
                return f"`{mm:g}mm`" if abs(mm - round(mm, 1)) < 1e-9 and value else f"`{value:g}`"
            return shown(value)
        node = node[part]
    return shown(node)


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def row(path: tuple, info: FieldInfo, written: dict) -> str:
    what = paragraphs(info.description)
    return (f"| `{'.'.join(path)}` | {cell(values(info))} | {cell(default(path, info, written))} | "
            f"{cell(what[0]) if what else ''} |")


def reference() -> str:
    """The generated part of docs/layouts.md."""
    written = yamlio.load(layout.shipped_dir() / "default.yaml").data
    fields = list(layout.Layout.model_fields.items())
    out = [BEGIN, ""]
    i = 0
    while i < len(fields):
        name, info = fields[i]
        same = [name]
        while is_group(info) and i + len(same) < len(fields) and fields[i + len(same)][1].annotation is info.annotation:
            same.append(fields[i + len(same)][0])
        i += len(same)
        out.append("### " + " and ".join(f"`{n}`" for n in same))
        out.append("")
        if is_group(info):
            doc = own_doc(info.annotation)  # type: ignore[arg-type]
            intro, notes = doc[:1], doc[1:]
            rows = [row(path, leaf, written) for n in same for path, leaf in leaves(info.annotation, (n,))]  # type: ignore[arg-type]
            notes += group_notes(info.annotation)  # type: ignore[arg-type]
        else:
            text = paragraphs(info.description)
            intro, notes = [], text[1:]
            rows = [row((name,), info, written)]
        for paragraph in intro:
            out += [paragraph, ""]
        out += ["| setting | values | default | what it does |", "|---|---|---|---|", *rows, ""]
        for paragraph in notes:
            out += [paragraph, ""]
    out.append(END)
    return "\n".join(out)


def updated(page: str) -> str:
    """docs/layouts.md with its settings reference rewritten."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{DOC.relative_to(ROOT)} has no settings markers ({BEGIN!r} … {END!r})")
    return page[:start] + reference() + page[end + len(END):]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/layouts.md is out of date")
    args = parser.parse_args()
    page = DOC.read_text(encoding="utf-8")
    new = updated(page)
    if args.check:
        if new != page:
            print("docs/layouts.md is out of date: run python tools/layout_docs.py")
            return 1
        print("docs/layouts.md is up to date")
        return 0
    DOC.write_text(new, encoding="utf-8")
    print("docs/layouts.md: settings reference written" if new != page else "docs/layouts.md: already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
