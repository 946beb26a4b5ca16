"""Validation failures in a teacher's words, and "did you mean" for a mistyped name.

pydantic says `sheets.0.questions.2.marks: Input should be a valid integer`; a teacher
should read "sheet 'sources-a-b', question 3: marks must be a positive whole number, got
'ten'". Packs, layouts and `extends:` all word their mistakes here, so the vocabulary is
the same everywhere.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any, Callable, Mapping

from pydantic import BaseModel, ValidationError

from studypack.base.errors import Location, Problem

def problems_from(exc: ValidationError, locate: Callable[[tuple], Location], root: type[BaseModel], data: Any = None) -> list[Problem]:
    """One located Problem per distinct failure; `data` (the raw input) names sheets and questions."""
    problems = []
    seen = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        model_loc, parent = _strip_tags(root, loc)
        message = describe(model_loc, data) + _message(error, parent, model_loc)
        key = (message, model_loc)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(message, locate(model_loc)))
    return problems


def _strip_tags(root: type[BaseModel], loc: tuple) -> tuple[tuple, Any]:
    """pydantic puts union tags ('multiple-choice') and validator names in loc; drop them.

    Also returns the model that holds the last part, so unknown keys can be matched
    against the fields that model really has.
    """
    clean = []
    node: Any = root
    parent: Any = root
    for part in loc:
        if isinstance(node, _Union):
            member = node.members.get(part)
            if member is not None:
                node = member
                continue
        if isinstance(part, str) and part.startswith(("function-", "json-or-python", "tagged-union")):
            continue
        clean.append(part)
        parent = node
        node = _child(node, part)
    return tuple(clean), parent


class _Union:
    def __init__(self, members: dict[str, Any]):
        self.members = members


def _child(node: Any, part: Any) -> Any:
    """Follow one step of a loc through model classes, lists, dicts and tagged unions."""
    node = _unwrap(node)
    if isinstance(node, type) and issubclass(node, BaseModel):
        fields = {f.alias or name: f for name, f in node.model_fields.items()}  # as written: `reading-age`
        field = fields.get(part) if isinstance(part, str) else None
        return _unwrap(field.annotation) if field else None
    origin = typing.get_origin(node)
    if origin in (list, tuple) and isinstance(part, int):
        args = typing.get_args(node)
        return _unwrap(args[0]) if args else None
    if origin is dict:
        return _unwrap(typing.get_args(node)[1])
    return None


def _unwrap(node: Any) -> Any:
    while True:
        origin = typing.get_origin(node)
        if origin is typing.Annotated:
            node = typing.get_args(node)[0]
            continue
        if origin is typing.Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
            args = [a for a in typing.get_args(node) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel) and "kind" in a.model_fields]
            if len(models) > 1:
                return _Union({typing.get_args(m.model_fields["kind"].annotation)[0]: m for m in models})
            if len(args) == 1:
                node = args[0]
                continue
        return node


def _allowed_keys(node: Any) -> list[str]:
    node = _unwrap(node)
    if isinstance(node, type) and issubclass(node, BaseModel):
        return [f.alias or name for name, f in node.model_fields.items()]
    return []


def describe(loc: tuple, data: Any) -> str:
    """A human prefix for a loc: "sheet 'sources-a-b', question 3: "."""
    words = []
    node = data
    i = offset = 0
    while i < len(loc):
        part = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        child = _get(node, part)
        if part == "sheets" and isinstance(nxt, int):
            sheet = _get(child, nxt)
            sid = _get(sheet, "id")
            words.append(f"sheet '{sid}'" if isinstance(sid, str) else f"sheet {nxt + 1}")
            node, i = sheet, i + 2
            continue
        if part == "sections" and isinstance(nxt, int):
            earlier = [_get(_get(child, k), "questions") for k in range(nxt)]
            offset = sum(len(q) for q in earlier if isinstance(q, list))  # questions number through the sheet
            words.append(f"section {nxt + 1}")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "questions" and isinstance(nxt, int):
            words.append(f"question {nxt + 1 + offset}")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "parts" and isinstance(nxt, int) and nxt < 26:
            words.append(f"part ({chr(97 + nxt)})")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "sources" and isinstance(nxt, int) and len(words) == 0:
            src = _get(child, nxt)
            letter = _get(src, "letter")
            words.append(f"source {letter}" if isinstance(letter, str) and len(letter) == 1 else f"source {nxt + 1}")
            node, i = src, i + 2
            continue
        if part == "glossary" and isinstance(nxt, str):
            words.append(f"glossary entry '{nxt}'")
            break
        if part == "timeline" and isinstance(nxt, int):
            words.append(f"timeline entry {nxt + 1}")
            node, i = _get(child, nxt), i + 2
            continue
        if part == "levels" and isinstance(nxt, int):
            words.append(f"level row {nxt + 1}")
            node, i = _get(child, nxt), i + 2
            continue
        break
    return (", ".join(words) + ": ") if words else ""


def _get(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _field_name(loc: tuple) -> str:
    if len(loc) >= 2 and loc[-2] == "glossary":
        return "its meaning"
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "value"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put the text in quotes)"
    if isinstance(value, (dict, list)):
        return f"a {type_name(value)}"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"'{text}'"


def type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "group of 'name: value' lines"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "yes/no value"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "empty value"
    return "text"


def _message(error: Mapping[str, Any], parent: Any, loc: tuple) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = _field_name(loc)
    if kind == "missing":
        return f"missing required field '{name}': add it"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(parent)
        return f"unknown key '{name}'{suggest(str(name), allowed)}"
    if kind == "union_tag_invalid":
        tags = [t.strip("' ") for t in str(ctx.get("expected_tags", "")).split(",")]
        return f"unknown kind '{ctx.get('tag')}'{suggest(str(ctx.get('tag')), tags)}; kinds are: {', '.join(tags)}"
    if kind == "union_tag_not_found":
        return "missing required field 'kind': say which kind of question this is"
    if kind == "literal_error":
        options = [o.strip("' ") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return f"{name} must be one of {', '.join(options)}, got {_shown(value)}{suggest(str(value), options)}"
    if name == "marks" and kind in ("int_type", "int_parsing", "greater_than", "int_from_float", "less_than_equal"):
        if isinstance(value, str) and value.strip().isdigit():
            return f"marks must be a whole number without quotes: write {value.strip()}, not '{value}'"
        if kind == "less_than_equal":
            return f"marks must be at most {ctx.get('le')}, got {_shown(value)}"
        return f"marks must be a positive whole number, got {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name} must be a whole number, got {_shown(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"{name} must be {bound} {limit}, got {_shown(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"{name} must be a number, got {_shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{name} must be true or false, got {_shown(value)}"
    if kind == "string_type" and value is None:
        return f"{name} is empty: write it after the colon, or leave the line out if it is optional"
    if kind == "string_type":
        return f"{name} must be text, got {_shown(value)}"
    if kind == "string_too_short":
        return f"{name} must not be empty"
    if kind == "string_too_long":
        return f"{name} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_pattern_mismatch":
        if name == "letter" or name == "sources":
            return f"a source letter is one capital letter A-Z, got {_shown(value)}"
        if name == "id":
            return f"id must be lower-case letters, digits and hyphens (like 'sources-a-b'), got {_shown(value)}"
        if name in ("colour", "tint", "border_colour"):
            return f"{name} must be a colour like '#1a2b3c', got {_shown(value)}"
        return f"{name} has the wrong form, got {_shown(value)}"
    if kind == "too_short" and isinstance(value, str):
        return f"{name} must not be empty"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"{name} needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "too_long":
        return f"{name} has too many items (at most {ctx.get('max_length')})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name} must be 'name: value' lines, got {_shown(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"{name} must be a list (lines starting with '- '), got {_shown(value)}"
    if kind == "value_error":
        return f"{name}: {ctx.get('error', error['msg'])}"
    return f"{name}: {error['msg']}"


def suggest(word: str, choices) -> str:
    """' (did you mean 'marks'?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
