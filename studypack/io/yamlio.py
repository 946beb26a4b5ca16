"""Safe YAML loading that remembers the line of every key.

PyYAML's composer gives a node tree with positions; we build plain Python values from
it ourselves so that we can (1) record `path -> line` for error messages, (2) refuse
duplicate keys instead of silently keeping the last, (3) read scalars by YAML 1.2's
core rules, so `No`, `yes`, `on` and `1934-12-01` stay text, and (4) bound how much an
alias may expand, so a "billion laughs" file is refused quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from studypack.base import limits, yamlsyntax
from studypack.base.errors import Location, Problem, StudypackError, display_path, os_reason, said
from studypack.base.locations import Locations

try:  # the C parser is ~6x faster; fall back quietly where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
Loader = _Loader  # libyaml's loader where it is installed, for files of the tool's own (`words.read`)

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_VALUES = 200_000
MAX_DEPTH = 64

# Control characters print nothing and break PDF text; text pasted from word processors and
# web pages carries them (U+000B is Word's manual line break). They are removed with a
# located warning; U+000B and U+000C become spaces so the words on either side stay apart.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b", "\x0c"}

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_CORE = "tag:yaml.org,2002:"
# What plain YAML resolves to without explicit tags; anything else (!!python/…, !!binary,
# !!set, !custom) was asked for on purpose and is refused.
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "seq", "map")}

Path_ = tuple  # a path into the data: keys and list indices


@dataclass
class Document:
    """Plain data from one YAML file, with the line where each value starts."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def locations(self) -> Locations:
        """Where each value of this file was written."""
        return Locations.of_lines(self.file, self.lines)

    def location(self, path: Path_ = ()) -> Location:
        """The line of the deepest part of `path` that we know, so errors point close."""
        return self.locations().locate(path)


def read_text(path: Path, shown: str) -> str:
    """Read a user's text file as UTF-8 (BOM allowed) or say plainly why not."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StudypackError(Problem(said("term.file-not-found", "file not found: {path}", path=shown)))
    except IsADirectoryError:
        raise StudypackError(Problem(said("term.file-folder", "{path} is a folder, expected a YAML file", path=shown)))
    except OSError as exc:
        raise StudypackError(Problem(said("term.file-unreadable", "cannot read {path}: {reason}", path=shown,
                                          reason=os_reason(exc))))
    if len(raw) > MAX_FILE_BYTES:
        raise StudypackError(Problem(
            said("term.file-large", "file is {size} MB; studypack reads YAML files up to {most} MB: split it or "
                 "shorten the texts", size=f"{len(raw) / (1024 * 1024):.1f}", most=MAX_FILE_BYTES // (1024 * 1024)),
            Location(shown, 1)))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StudypackError(Problem(
            said("term.file-utf16", "file is saved as UTF-16 ('Unicode'): save it as UTF-8"), Location(shown, 1)))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise StudypackError(Problem(said("term.file-nul", "file contains NUL bytes: it is not a text file (a pack file "
                                          "is YAML text)"),
                                     Location(shown, line)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StudypackError(Problem(
            said("term.file-not-utf8", "byte 0x{byte} is not UTF-8 text: save the file as UTF-8", byte=f"{raw[exc.start]:02x}"),
            Location(shown, line)))
    return text


def strip_controls(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Text without control characters, and (offset, character) for each one removed."""
    found = [(m.start(), m.group()) for m in _CONTROL.finditer(text)]
    if not found:
        return text, []
    return _CONTROL.sub(lambda m: " " if m.group() in _AS_SPACE else "", text), found


def _describe_controls(found: list[tuple[int, str]]) -> str:
    names = sorted({f"U+{ord(ch):04X}" for _, ch in found})
    shown = ", ".join(names[:4]) + (" …" if len(names) > 4 else "")
    return said("term.file-controls", _CONTROLS, len(found), names=shown)


_CONTROLS = {"one": "removed {n} invisible control character ({names}), probably pasted in: check the text reads as meant",
             "other": "removed {n} invisible control characters ({names}), probably pasted in: check the text reads as meant"}


def load(path: Path) -> Document:
    """Load one YAML file into a Document, or raise StudypackError with file:line."""
    shown = display_path(path)
    text = read_text(Path(path), shown)
    doc = Document(shown, None)
    text, removed = strip_controls(text)
    by_line: dict[int, list] = {}
    for offset, ch in removed:
        by_line.setdefault(text.count("\n", 0, offset) + 1, []).append((offset, ch))
    for line, found in sorted(by_line.items()):
        doc.warnings.append(Problem(_describe_controls(found), Location(shown, line)))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise StudypackError(_syntax_problem(exc, shown, text))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (after cleaning: rare)
        line = text.count("\n", 0, exc.position) + 1
        raise StudypackError(Problem(
            said("term.yaml-character", "character U+{code} is not allowed in a YAML file: remove it",
                 code=f"{exc.character if isinstance(exc.character, int) else 0:04X}"), Location(shown, line)))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise StudypackError(Problem(said("term.yaml-error", "YAML error: {error}", error=exc), Location(shown, 1)))
    except RecursionError:
        raise StudypackError(Problem(_too_deep(), Location(shown, 1)))
    if node is None:
        doc.data = None
        return doc
    size = _expanded_size(node, {}, 0)
    if size > MAX_VALUES:
        raise StudypackError(Problem(_too_many(), Location(shown, 1)))
    _refuse_amplified_text(node, shown)
    builder = _Builder(doc)
    doc.data = builder.build(node, (), 0)
    return doc


def _too_deep() -> str:
    return said("term.yaml-deep", "data is nested more than {most} levels deep", most=MAX_DEPTH)


def _too_many() -> str:
    return said("term.yaml-values", "the file expands to more than {most} values (through '*name' repeats or sheer "
                "size): studypack refuses it", most=f"{MAX_VALUES:,}")


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    line, message = yamlsyntax.explain(exc, text, _Loader)
    return Problem(message, Location(shown, line))


def _expanded_size(node: yaml.Node, seen: dict[int, int], depth: int) -> int:
    """How many values the tree holds once every alias is expanded, counted without expanding:
    an alias re-uses a node, so each distinct node is sized once (a "billion laughs" file is
    refused in milliseconds)."""
    known = seen.get(id(node))
    if known is not None:
        return known
    if depth > MAX_DEPTH:
        return 1  # the builder reports the depth with its line
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, seen, depth + 1) + _expanded_size(v, seen, depth + 1) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, seen, depth + 1) for item in node.value)
    else:
        size = 1
    seen[id(node)] = min(size, MAX_VALUES + 1)
    return seen[id(node)]


def _refuse_amplified_text(root: yaml.Node, shown: str) -> None:
    """Aliases may repeat a long text a thousand times in a small file: count the characters
    the file expands to (each node once, as for values) and point at the repeated text."""
    chars: dict[int, int] = {}
    uses: dict[int, int] = {}
    nodes: dict[int, yaml.Node] = {}

    def size(node: yaml.Node, depth: int) -> int:
        uses[id(node)] = uses.get(id(node), 0) + 1
        if id(node) in chars or depth > MAX_DEPTH:
            return chars.get(id(node), 0)
        nodes[id(node)] = node
        if isinstance(node, yaml.MappingNode):
            total = sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = sum(size(item, depth + 1) for item in node.value)
        else:
            total = len(node.value)
        chars[id(node)] = min(total, limits.EXPANDED_CHARS + 1)
        return chars[id(node)]

    if size(root, 0) <= limits.EXPANDED_CHARS:
        return
    repeated = max((n for key, n in nodes.items() if uses[key] > 1), key=lambda n: chars[id(n)] * uses[id(n)],
                   default=root)
    raise StudypackError(Problem(
        said("term.yaml-chars", "the file expands to more than {most} characters of text through '*name' repeats (this "
             "text, {chars} characters, is repeated {uses} times): write it once, or split the pack",
             most=f"{limits.EXPANDED_CHARS:,}", chars=f"{chars[id(repeated)]:,}", uses=f"{uses[id(repeated)]:,}"),
        Location(shown, repeated.start_mark.line + 1)))


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording lines."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.count = 0

    def _fail(self, message: str, node: yaml.Node) -> StudypackError:
        return StudypackError(Problem(message, Location(self.doc.file, node.start_mark.line + 1)))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._fail(_too_many(), node)
        if depth > MAX_DEPTH:
            raise self._fail(_too_deep(), node)
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag and node.tag not in _PLAIN_TAGS:
            shown = node.tag.replace(_CORE, "!!")
            raise self._fail(said("term.yaml-type-tag", "'{tag}' is a YAML type tag, which studypack does not read (only "
                                  "text, numbers and lists): remove it, or put the whole text in quotes if the '!' is "
                                  "part of it", tag=shown), node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        _refuse_long_number(node, self)
        value = _scalar(node)
        if isinstance(value, str) and node.style == '"':  # escapes like "\x07" can make them
            value, removed = strip_controls(value)
            if removed:
                self.doc.warnings.append(Problem(
                    _describe_controls(removed), Location(self.doc.file, node.start_mark.line + 1)))
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail(said("term.yaml-key-list", "the name before ':' must be plain text, not a list"), key_node)
            _refuse_long_number(key_node, self)
            key = key_node.value if key_node.style else _scalar(key_node)
            if key == "<<":
                raise self._fail(said("term.yaml-merge", "YAML merge keys (<<) are not supported: write the keys out"), key_node)
            if not isinstance(key, str):
                key = key_node.value
            if key in result:
                first = self.doc.lines.get(path + (key,))
                raise self._fail(
                    said("term.yaml-duplicate", "duplicate key '{key}' (first given on line {first}): keep only one",
                         key=key, first=first), key_node)
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,), depth + 1)
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return result


def _refuse_long_number(node: yaml.ScalarNode, builder: _Builder) -> None:
    """A number of thousands of digits would stop Python's int() (and mean nothing in a pack)."""
    value = node.value
    if not node.style and len(value) > limits.NUMBER_DIGITS and (_INT.match(value) or _FLOAT.match(value)):
        raise builder._fail(said("term.yaml-number", "this number has {length} characters (at most {most}): shorten it, "
                                 "or put it in quotes if it is text", length=f"{len(value):,}", most=limits.NUMBER_DIGITS),
                            node)


class WrittenInt(int):
    """An int that remembers how it was written, so `007` in a text field prints as 007."""

    written: str


class WrittenFloat(float):
    """A float that remembers how it was written, so `1.50` in a text field prints as 1.50."""

    written: str


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted, literal or folded: always text
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        whole = WrittenInt(value)
        whole.written = value
        return whole
    if _FLOAT.match(value):
        fraction = WrittenFloat(value)
        fraction.written = value
        return fraction
    return value
