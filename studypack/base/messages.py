"""Validation failures in a teacher's words, and "did you mean" for a mistyped name.

pydantic says `sheets.0.questions.2.marks: Input should be a valid integer`; a teacher
should read "sheet 'sources-a-b', question 3: marks must be a positive whole number, got
'ten'". Packs, layouts and `extends:` all word their mistakes here, so the vocabulary is
the same everywhere; and each is said in the terminal's language (`errors.said`: the
catalogues' `term.*` messages).
"""

from __future__ import annotations

import difflib
import sys
import typing
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from pydantic import BaseModel, ValidationError

from studypack.base.errors import Location, Problem, said

def problems_from(exc: ValidationError, locate: Callable[[tuple], Location], root: type[BaseModel], data: Any = None) -> list[Problem]:
    """One located Problem per distinct failure; `data` (the raw input) names sheets and questions."""
    problems = []
    seen = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        model_loc, parent = _strip_tags(root, loc)
        if error["type"] == "union_tag_invalid" and model_loc[:1] == ("sources",):
            model_loc += ("kind",)  # a source's kind is a word among many: point at it
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
        return _unwrap(_resolved(field.annotation, node)) if field else None
    origin = typing.get_origin(node)
    if origin in (list, tuple) and isinstance(part, int):
        args = typing.get_args(node)
        return _unwrap(args[0]) if args else None
    if origin is dict:
        return _unwrap(typing.get_args(node)[1])
    return None


def _resolved(annotation: Any, model: type) -> Any:
    """A field's type where it names a type bound in its module after the class was made (a
    compound kind's `parts: list["Leaf"]`, bound by spec/questions): as the schema reads it."""
    if not isinstance(annotation, (str, typing.ForwardRef)) and not any(
            isinstance(a, (str, typing.ForwardRef)) for a in typing.get_args(annotation)):
        return annotation
    namespace = vars(sys.modules[model.__module__])

    def read(node: Any) -> Any:
        if isinstance(node, typing.ForwardRef):
            node = node.__forward_arg__
        if isinstance(node, str):
            node = eval(node, namespace)  # noqa: S307 (an annotation in studypack's own source, never a pack's text)
        origin, args = typing.get_origin(node), typing.get_args(node)
        if origin in (list, tuple) and any(isinstance(a, (str, typing.ForwardRef)) for a in args):
            node = origin[tuple(read(a) for a in args)]
        return node

    try:
        return read(annotation)
    except (NameError, SyntaxError):
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
    words: list[str] = []
    node = data
    i = offset = 0
    while i < len(loc):
        part = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        step = _STEPS.get(part) if isinstance(part, str) else None
        taken = step(_get(node, part), nxt, offset, not words) if step else None
        if taken is None:
            break
        word, node, offset = taken
        words.append(word)
        if node is _END:
            break
        i += 2
    return said("term.at", "{where}: ", where=", ".join(words)) if words else ""


_END = object()  # a step after which nothing more is named (a glossary word)
_Step = tuple[str, Any, int]  # the words for one step, the value it leads to, the questions before it


def _sheet(sheets: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
    if not isinstance(nxt, int):
        return None
    sheet = _get(sheets, nxt)
    sid = _get(sheet, "id")
    return (said("term.at-sheet", "sheet '{id}'", id=sid) if isinstance(sid, str)
            else said("term.at-sheet-n", "sheet {n}", nxt + 1)), sheet, offset


def _section(sections: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
    if not isinstance(nxt, int):
        return None
    earlier = [_get(_get(sections, k), "questions") for k in range(nxt)]
    offset = sum(len(q) for q in earlier if isinstance(q, list))  # questions number through the sheet
    return said("term.at-section", "section {n}", nxt + 1), _get(sections, nxt), offset


def _question(questions: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
    if not isinstance(nxt, int):
        return None
    return said("term.at-question", "question {n}", nxt + 1 + offset), _get(questions, nxt), offset


def _part(parts: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
    if not (isinstance(nxt, int) and nxt < 26):
        return None
    return said("term.at-part", "part ({letter})", letter=chr(97 + nxt)), _get(parts, nxt), offset


def _source(sources: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
    if not (isinstance(nxt, int) and first):  # the pack's sources only; a sheet's `sources:` are letters
        return None
    src = _get(sources, nxt)
    letter = _get(src, "letter")
    return (said("term.at-source", "source {letter}", letter=letter) if isinstance(letter, str) and len(letter) == 1
            else said("term.at-source-n", "source {n}", nxt + 1)), src, offset


def _glossary(glossary: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
    return (said("term.at-glossary", "glossary entry '{term}'", term=nxt), _END, offset) if isinstance(nxt, str) else None


def _numbered(key: str, what: str) -> Callable[[Any, Any, int, bool], _Step | None]:
    def step(items: Any, nxt: Any, offset: int, first: bool) -> _Step | None:
        return (said(key, what + " {n}", nxt + 1), _get(items, nxt), offset) if isinstance(nxt, int) else None
    return step


_STEPS: dict[str, Callable[[Any, Any, int, bool], _Step | None]] = {
    "sheets": _sheet, "sections": _section, "questions": _question, "parts": _part, "sources": _source,
    "glossary": _glossary, "timeline": _numbered("term.at-timeline", "timeline entry"),
    "levels": _numbered("term.at-level", "level row"),
}


def _get(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _field_name(loc: tuple) -> str:
    if len(loc) >= 2 and loc[-2] == "glossary":
        return said("term.its-meaning", "its meaning")
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "value"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return said("term.yes-no", "{value} (a yes/no value: put the text in quotes)", value=str(value).lower())
    if isinstance(value, (dict, list)):
        return a_type(value)
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"'{text}'"


def a_type(value: Any) -> str:
    """What a value is, with its article, in the terminal's words: "a list"."""
    if isinstance(value, dict):
        return said("term.a-mapping", "a group of 'name: value' lines")
    if isinstance(value, list):
        return said("term.a-list", "a list")
    if isinstance(value, bool):
        return said("term.a-yes-no", "a yes/no value")
    if isinstance(value, (int, float)):
        return said("term.a-number", "a number")
    return said("term.a-text", "a text")


@dataclass(frozen=True)
class _Failure:
    """One pydantic error, with what its message needs."""

    kind: str
    name: str  # the field, as a teacher wrote it
    value: Any
    ctx: Mapping[str, Any]
    error: Mapping[str, Any]
    parent: Any  # the model holding the field: its keys, for an unknown one

    @property
    def shown(self) -> str:
        return _shown(self.value)


def _message(error: Mapping[str, Any], parent: Any, loc: tuple) -> str:
    f = _Failure(error["type"], _field_name(loc), error.get("input"), error.get("ctx") or {}, error, parent)
    if f.name == "marks" and f.kind in _MARKS_KINDS:
        return _marks(f)
    if f.kind == "union_tag_invalid" and loc[:1] == ("sources",):
        tags = [t.strip("' ") for t in str(f.ctx.get("expected_tags", "")).split(",")]
        tags = sorted(tags, key=lambda t: t not in ("primary", "secondary"))  # the historical source's first
        tag = str(f.ctx.get("tag"))
        return said("term.source-kind", "kind must be one of {kinds}, got '{kind}'{suggestion}", kinds=", ".join(tags),
                    kind=tag, suggestion=suggest(tag, tags))
    if f.kind == "union_tag_not_found" and loc[:1] == ("sources",):
        return said("term.no-source-kind", "missing required field 'kind': say which kind of source this is (primary or "
                    "secondary for a historical source; extract, poem, figure, table, story or case-study)")
    words = _SAID.get(f.kind)
    if isinstance(words, tuple):
        return said(words[0], words[1], name=f.name, shown=f.shown)
    if words is not None:
        return words(f)
    return said("term.model-check", "{name}: {what}", name=f.name, what=error["msg"])  # pydantic's own words


_MARKS_KINDS = ("int_type", "int_parsing", "greater_than", "int_from_float", "less_than_equal")
_BOUNDS = {"greater_than": ("term.more-than", "{name} must be more than {limit}, got {shown}"),
           "greater_than_equal": ("term.at-least", "{name} must be at least {limit}, got {shown}"),
           "less_than": ("term.less-than", "{name} must be less than {limit}, got {shown}"),
           "less_than_equal": ("term.at-most", "{name} must be at most {limit}, got {shown}")}


def _marks(f: _Failure) -> str:
    if isinstance(f.value, str) and f.value.strip().isdigit():
        return said("term.marks-quoted", "marks must be a whole number without quotes: write {number}, not '{value}'",
                    number=f.value.strip(), value=f.value)
    if f.kind == "less_than_equal":
        return said("term.marks-most", "marks must be at most {most}, got {shown}", most=f.ctx.get("le"), shown=f.shown)
    return said("term.marks-whole", "marks must be a positive whole number, got {shown}", shown=f.shown)


def _unknown_key(f: _Failure) -> str:
    """A key the model does not have, with the nearest it does; a model may add its own advice
    (`unknown_key_advice`: a callable or text), such as the list of kinds `accept:` takes."""
    advice = getattr(_unwrap(f.parent), "unknown_key_advice", None)
    keys = _allowed_keys(f.parent)
    family = len([k for k in keys if k.startswith(f"{f.name}-")]) > 1  # 'profile': no one of them is meant
    return (said("term.unknown-key", "unknown key '{name}'{suggestion}", name=f.name,
                 suggestion="" if family else suggest(str(f.name), keys)) + (f": {advice()}" if advice else ""))


def _unknown_kind(f: _Failure) -> str:
    tags = [t.strip("' ") for t in str(f.ctx.get("expected_tags", "")).split(",")]
    if f.name == "space":  # an answer space (kinds/spaces/): ruled lines first, as they are the usual one
        tags = sorted(tags, key=lambda t: t != "lines")
        return said("term.space-kind", "space '{kind}' is not a kind of answer space{suggestion}: choose {kinds} or {last}",
                    kind=f.ctx.get("tag"), suggestion=suggest(str(f.ctx.get("tag")), tags), kinds=", ".join(tags[:-1]),
                    last=tags[-1])
    return said("term.unknown-kind", "unknown kind '{kind}'{suggestion}; kinds are: {kinds}", kind=f.ctx.get("tag"),
                suggestion=suggest(str(f.ctx.get("tag")), tags), kinds=", ".join(tags))


def _not_among(f: _Failure) -> str:
    options = [o.strip("' ") for o in str(f.ctx.get("expected", "")).replace(" or ", ", ").split(",")]
    return said("term.not-among", "{name} must be one of {options}, got {shown}{suggestion}", name=f.name,
                options=", ".join(options), shown=f.shown, suggestion=suggest(str(f.value), options))


def _out_of_bounds(f: _Failure) -> str:
    limit = next(iter(f.ctx.values()), "")
    key, english = _BOUNDS[f.kind]
    return said(key, english, name=f.name, limit=limit, shown=f.shown)


def _not_text(f: _Failure) -> str:
    if f.value is None:
        return said("term.empty", "{name} is empty: write it after the colon, or leave the line out if it is optional",
                    name=f.name)
    return said("term.not-text", "{name} must be text, got {shown}", name=f.name, shown=f.shown)


def _wrong_form(f: _Failure) -> str:
    if f.name == "letter" or f.name == "sources":
        return said("term.form-letter", "a source letter is one capital letter A-Z, got {shown}", shown=f.shown)
    if f.name == "id":
        return said("term.form-id", "id must be lower-case letters, digits and hyphens (like 'sources-a-b'), got {shown}",
                    shown=f.shown)
    if f.name == "label":
        return said("term.form-label", "label has the wrong form, got {shown}: write a noun and a letter or number, like "
                    "Source A, Extract 1, Figure 2, Table 1, Text A, Resource B or Interpretation 1; or none, for no label",
                    shown=f.shown)
    if f.name in ("colour", "tint", "border_colour"):
        return said("term.form-colour", "{name} must be a colour like '#1a2b3c', got {shown}", name=f.name, shown=f.shown)
    return said("term.form-wrong", "{name} has the wrong form, got {shown}", name=f.name, shown=f.shown)


def _too_few(f: _Failure) -> str:
    if isinstance(f.value, str):
        return said("term.not-empty", "{name} must not be empty", name=f.name)
    return said("term.too-few", {"one": "{name} needs at least {n} item", "other": "{name} needs at least {n} items"},
                f.ctx.get("min_length", 1), name=f.name)


def _invalid(f: _Failure) -> str:
    """A model's own check (a `ValueError` its validator raised, said in the terminal's words
    where it was raised), after the field it is about."""
    return said("term.model-check", "{name}: {what}", name=f.name, what=f.ctx.get("error", f.error["msg"]))


# pydantic's error type -> the words: (catalogue key, English template: {name}; {shown}: the value as
# quoted) or a function
_SAID: dict[str, tuple[str, str] | Callable[[_Failure], str]] = {
    "missing": ("term.missing", "missing required field '{name}': add it"),
    "extra_forbidden": _unknown_key,
    "union_tag_invalid": _unknown_kind,
    "union_tag_not_found": ("term.no-kind", "missing required field 'kind': say which kind of question this is"),
    "literal_error": _not_among,
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), ("term.not-whole", "{name} must be a whole number, got {shown}")),
    **dict.fromkeys(_BOUNDS, _out_of_bounds),
    **dict.fromkeys(("float_type", "float_parsing"), ("term.not-number", "{name} must be a number, got {shown}")),
    **dict.fromkeys(("bool_type", "bool_parsing"), ("term.not-yes-no", "{name} must be true or false, got {shown}")),
    "string_type": _not_text,
    "string_too_short": ("term.not-empty", "{name} must not be empty"),
    "string_too_long": lambda f: said("term.too-long-text", "{name} is too long (at most {most} characters)", name=f.name,
                                      most=f.ctx.get("max_length")),
    "string_pattern_mismatch": _wrong_form,
    "too_short": _too_few,
    "too_long": lambda f: said("term.too-many", "{name} has too many items (at most {most})", name=f.name,
                               most=f.ctx.get("max_length")),
    **dict.fromkeys(("model_type", "dict_type", "model_attributes_type"),
                    ("term.not-mapping", "{name} must be 'name: value' lines, got {shown}")),
    **dict.fromkeys(("list_type", "tuple_type"), ("term.not-list", "{name} must be a list (lines starting with '- '), got {shown}")),
    "value_error": _invalid,
}


def suggest(word: str, choices) -> str:
    """' (did you mean 'marks'?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return said("term.did-you-mean", " (did you mean '{word}'?)", word=close[0]) if close else ""
