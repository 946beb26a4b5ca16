"""YAML syntax errors in plain words, on the line where the mistake is.

PyYAML (and libyaml, its C twin, whose words differ) reports where parsing stopped, in
parser terms: "did not find expected '-' indicator (while parsing a block collection)".
A teacher needs the line they got wrong and what to type instead. Where parsing stops is
often a line later than the mistake (a missing colon shows on the next line, an unclosed
quote where the next quote is), so each case here looks at the text around the marks and
the tokens read before the failure to find the line to name. Every YAML file studypack
reads (packs, included files, layouts, profiles, studypack.yaml) comes through
`yamlio.load`, which asks `explain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from studypack.base.errors import said

# "name: value", "- name: value", "name:" at the start of a line
_KEY = re.compile(r"(\s*)((?:-\s+)*)([^\s#'\"\[\]{},:-][^#:]*?|'[^']*'|\"[^\"]*\"):(\s|$)")
_NO_SPACE_KEY = re.compile(r"(\s*)((?:-\s+)*)([a-z][\w-]*):([^\s:/][^:]*)$", re.IGNORECASE)
_BLOCK_START = re.compile(r".*:\s+[|>][-+0-9]*\s*(#.*)?$")
_SPECIAL_START = {"@": "'@'", "`": "", "%": "'%'", "|": "'|'", ">": "'>'", ",": "','"}


@dataclass
class _Source:
    """The file's lines, with helpers to read them as a teacher sees them."""

    lines: list[str]

    def get(self, line: int) -> str:
        """Line `line` (1-based), or '' past the end."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def above(self, line: int) -> int:
        """The nearest line before `line` with content (not blank, not a comment), or 0."""
        for number in range(line - 1, 0, -1):
            text = self.get(number).strip()
            if text and not text.startswith("#"):
                return number
        return 0


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> int:
    """Where the name starts on a 'name: value' line, after any '- ' in front of it."""
    match = re.match(r"(\s*(?:-\s+)*)", text)
    return len(match.group(1)) if match else 0


def _name(text: str) -> str:
    """'title:' for a 'title: …' line, or the line's start for anything else."""
    match = _KEY.match(text)
    if match:
        return match.group(3).strip() + ":"
    return _clip(text.strip())


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _spaces(n: int) -> str:
    return said("term.yaml-spaces", {"one": "{n} space", "other": "{n} spaces"}, n)


def explain(exc: yaml.MarkedYAMLError, text: str, loader: type) -> tuple[int, str]:
    """(line, message) for a YAML syntax error: the line to fix and what to do there."""
    source = _Source(text.splitlines())
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column if mark else 0
    start = exc.context_mark.line + 1 if exc.context_mark else line
    here = source.get(line)
    for rule in _RULES:
        found = rule(_Case(source, problem, context, line, column, start, here, exc, text, loader))
        if found:
            return found
    return line, said("term.yaml-unreadable", "YAML cannot read this line: check its quotes, colons and indentation "
                       "against the lines above")


@dataclass
class _Case:
    source: _Source
    problem: str
    context: str
    line: int  # where PyYAML stopped
    column: int
    start: int  # where the thing it was reading started
    here: str  # the text of `line`
    exc: yaml.MarkedYAMLError
    text: str
    loader: type


def _tab(case: _Case) -> tuple[int, str] | None:
    at = case.here[case.column: case.column + 1]
    if not ("tab character" in case.problem or "'\\t'" in case.problem or at == "\t"):
        return None
    if "\t" in case.here[: _indent(case.here) + 1] or case.here[: case.column].strip() == "":
        return case.line, said("term.yaml-tab-indent", "a tab is used for indenting: YAML needs spaces, replace the tab "
                               "with spaces")
    return case.line, said("term.yaml-tab-between", "this line has a tab character between words: YAML needs spaces, "
                           "replace the tab with a space")


def _colour(case: _Case) -> tuple[int, str] | None:
    for number in (case.line, case.line - 1):
        if re.search(r":\s+#[0-9a-fA-F]{3,8}\b", case.source.get(number)):
            return number, said("term.yaml-colour", "'#' starts a comment in YAML: put the colour in quotes, like '#aa0000'")
    return None


def _unclosed_quote(case: _Case) -> tuple[int, str] | None:
    if "quoted scalar" not in case.context or not ("end of stream" in case.problem or "document" in case.problem):
        return None
    opening = case.source.get(case.start)[case.exc.context_mark.column:][:1] if case.exc.context_mark else '"'
    advice = said("term.yaml-add-closing", "add the closing {quote} where the text ends", quote=opening)
    if opening == "'":
        advice += said("term.yaml-apostrophe", " (if the ' is an apostrophe, put the whole text in double quotes instead)")
    return case.start, said("term.yaml-never-closed", "the {quote} that opens this text is never closed: {advice}",
                            quote=opening, advice=advice)


def _missing_colon(case: _Case) -> tuple[int, str] | None:
    if "could not find expected ':'" not in case.problem:
        return None
    line = case.start
    text = case.source.get(line)
    before = case.source.above(line)
    if before and _BLOCK_START.match(case.source.get(before)) and _indent(text) <= _indent(case.source.get(before)):
        return line, said("term.yaml-not-under", "this line is not indented under '{name} |' (line {line}), so it is not "
                          "part of that text: indent every line of the text further than the name above it",
                          name=_name(case.source.get(before)), line=before)
    no_space = _NO_SPACE_KEY.match(text)
    if no_space:
        return line, _put_a_space(no_space)
    fixed = _with_colon(text.strip())
    if fixed:
        return line, _no_colon(text, fixed)
    return line, said("term.yaml-no-name", "this line has no 'name:' at its start: if it continues the text above, "
                      "indent it further than that text's name; if it is a setting, write it as 'name: value'")


def _no_colon(text: str, fixed: str) -> str:
    return said("term.yaml-no-colon", "'{text}' has no ':' after its name: write '{fixed}'",
                text=_clip(text.strip()), fixed=_clip(fixed, 50))


def _put_a_space(match: re.Match) -> str:
    fixed = f"{match.group(2)}{match.group(3)}: {match.group(4).strip()}"
    return said("term.yaml-space-after-colon", "put a space after the ':' (write '{fixed}')", fixed=_clip(fixed, 50))


def _colon_in_value(case: _Case) -> tuple[int, str] | None:
    if "mapping values are not allowed" not in case.problem:
        return None
    scalars = [t for t in _tokens_before(case) if isinstance(t, yaml.ScalarToken)]
    began = scalars[-1].start_mark if scalars else None
    if began and began.line + 1 < case.line:  # the text before the ':' began on an earlier line, …
        first = case.source.get(began.line + 1)
        if not first[: began.column].strip(" -"):  # … at the start of that line: a name lost its colon
            no_space = _NO_SPACE_KEY.match(first)
            if no_space:
                return began.line + 1, _put_a_space(no_space)
            fixed = _with_colon(first.strip())
            if fixed:
                return began.line + 1, _no_colon(first, fixed)
    before = case.source.above(case.line)
    above = case.source.get(before)
    deeper = _indent(case.here) > _key_column(above)
    if before and deeper and re.match(r"\s*(-\s+)?[^\s:#][^:#]*:\s+\S", above) and not _BLOCK_START.match(above):
        return case.line, said("term.yaml-indented-more", "this line is indented more than the line above, which "
                               "already has a value: line it up with the keys around it")
    return case.line, said("term.yaml-colon-inside", "a ':' appears inside a value: put the whole value in quotes "
                           "(\"…\") or use a block (|) for text")


def _with_colon(body: str) -> str:
    """`kind worksheet` -> `kind: worksheet`, when the first word looks like a name; else ''."""
    lead = re.match(r"(-\s+)*", body).group(0)  # type: ignore[union-attr]
    words = body[len(lead):].split(None, 1)
    if not words or not re.fullmatch(r"[a-z][a-z0-9_-]*", words[0]):
        return ""
    return lead + words[0] + ":" + (" " + words[1] if len(words) > 1 else "")


def _list_on_key_line(case: _Case) -> tuple[int, str] | None:
    if "sequence entries are not allowed" not in case.problem:
        return None
    return case.line, said("term.yaml-list-on-name", "a '- ' list cannot start on the same line as a name: put each "
                           "'- item' on its own line below, indented, or put the whole text in quotes if the '-' is "
                           "part of it")


def _block_text_header(case: _Case) -> tuple[int, str] | None:
    if "block scalar" not in case.context:
        return None
    return case.start, said("term.yaml-block-header", "nothing may follow '|' or '>' on its line: start the text on "
                            "the next line, indented further than the name")


def _escape(case: _Case) -> tuple[int, str] | None:
    if "escape" not in case.problem and "hex" not in case.problem:
        return None
    return case.line, said("term.yaml-escape", "a backslash (\\) inside double quotes starts a special code here: "
                           "write \\\\ for a backslash, or put the text in single quotes ('…') instead")


def _alias(case: _Case) -> tuple[int, str] | None:
    if "found undefined alias" in case.problem:
        found = re.match(r"\*?([^\s,\]}]*)", case.here[case.column:])
        name = found.group(1) if found and found.group(1) else "?"
        return case.line, said("term.yaml-alias", "a value that starts with '*' ('*{name}') is read as a reference to "
                               "a value named '&{name}' earlier in the file, and there is none: put the whole text in "
                               "quotes if the '*' is part of it", name=name)
    if "while scanning an alias" in case.context or "while scanning an anchor" in case.context:
        sign = "*" if "alias" in case.context else "&"
        return case.start, said("term.yaml-sign-start", "a value cannot start with '{sign}' in YAML: put the whole text "
                                "in quotes (\"{sign}…\")", sign=sign)
    if "duplicate anchor" in case.context:
        found = re.match(r"&([^\s,\]}]*)", case.here[case.column:])
        name = found.group(1) if found else ""
        return case.line, said("term.yaml-anchor-twice", "the name '&{name}' is given twice (first on line {line}): give "
                               "each its own name", name=name, line=case.start)
    return None


def _special_start(case: _Case) -> tuple[int, str] | None:
    if "cannot start any token" in case.problem:
        char = case.here[case.column: case.column + 1]
        shown = _SPECIAL_START.get(char, f"'{char}'") or said("term.yaml-backtick", "a backtick (`)")
        return case.line, said("term.yaml-cannot-start", "a value cannot start with {shown} in YAML: put the whole text "
                               "in quotes", shown=shown)
    if "directive" in case.context:
        return case.start, said("term.yaml-directive", "a line cannot start with '%' in YAML: put the text in quotes")
    if "tag handle" in case.problem:
        return case.line, said("term.yaml-tag", "a value cannot start with '!' in YAML: put the whole text in quotes")
    return None


def _documents(case: _Case) -> tuple[int, str] | None:
    if "another document" in case.problem or "document start" in case.problem:
        line = next((n for n in range(case.line, 0, -1) if re.match(r"(---|\.\.\.)(\s|$)", case.source.get(n))),
                    case.line)
        shown = _clip(case.source.get(line).strip(), 10)
        return line, said("term.yaml-document-end", "a line '{shown}' ends the file's content here, and studypack reads "
                          "one document per file: remove that line, or indent it or put it in quotes if it is text",
                          shown=shown)
    return None


def _flow(case: _Case) -> tuple[int, str] | None:
    if "flow sequence" in case.context or "flow mapping" in case.context:
        opening, closing = ("[", "]") if "sequence" in case.context else ("{", "}")
        if case.line == case.start:
            return case.start, said("term.yaml-flow-list", "the {opening} … {closing} on this line is read as a list of "
                                    "items separated by commas: put an item with quotes, ':' or '#' in quotes, or put "
                                    "the whole text in quotes if it is not a list", opening=opening, closing=closing)
        return case.start, said("term.yaml-flow-unclosed", "the '{opening}' on this line is never closed with '{closing}': "
                                "close it on this line, or put the whole text in quotes if the '{opening}' is part of it",
                                opening=opening, closing=closing)
    if "flow node" in case.context:
        char = case.here[case.column: case.column + 1]
        if char == ",":
            return case.line, said("term.yaml-empty-item", "an empty item between commas inside [ ]: remove the extra comma")
        if char == "-":
            return case.line, said("term.yaml-flow-dash", "a '- ' item inside [ ]: write a list either as [a, b] on one "
                                   "line or as '- a' lines, not both")
        return case.line, said("term.yaml-flow-missing", "an item inside [ ] or { } is missing: check the commas")
    return None


def _tokens_before(case: _Case) -> list[yaml.Token]:
    """The tokens read before the failure (the scanner gets further than the parser)."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(case.text, Loader=case.loader):
            if (token.start_mark.line, token.start_mark.column) >= (case.line - 1, case.column):
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _structure(case: _Case) -> tuple[int, str] | None:
    """The parser found something that does not fit the list or the names around it."""
    if "block mapping" not in case.context and "block collection" not in case.context \
            and "block end" not in case.problem:
        return None
    tokens = [t for t in _tokens_before(case) if not isinstance(t, (yaml.BlockEndToken, yaml.KeyToken))]
    last = tokens[-1] if tokens else None
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        quote = last.style
        opened = last.start_mark.line + 1
        if opened < last.end_mark.line + 1:
            return opened, said("term.yaml-quote-lines", "the {quote} that opens this text is not closed on this line, "
                                "so everything up to the next {quote} (line {line}) is read as one text: add the "
                                "closing {quote} where the text ends", quote=quote, line=last.end_mark.line + 1)
        if quote == '"':
            return case.line, said("term.yaml-double-more", 'this text starts with " so it ends at the next ", but more '
                                   "text follows: put the whole text in single quotes ('…'), or write \\\" for each \" "
                                   "inside it")
        return case.line, said("term.yaml-single-more", "this text starts with ' so it ends at the next ' (an "
                               "apostrophe?), but more text follows: write each ' inside it twice (''), or put the "
                               "whole text in double quotes")
    if isinstance(last, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) \
            and last.end_mark.line + 1 == case.line and case.column > _indent(case.here):
        opening = "[" if isinstance(last, yaml.FlowSequenceEndToken) else "{"
        closing = "]" if opening == "[" else "}"
        return case.line, said("term.yaml-flow-more", "this text starts with '{opening}' so it is read as a list ending "
                               "at '{closing}', but more text follows: put the whole text in quotes",
                               opening=opening, closing=closing)
    if isinstance(last, yaml.ScalarToken) and last.style in ("|", ">") and last.end_mark.line + 1 >= case.line - 1:
        opened = last.start_mark.line + 1
        return case.line, said("term.yaml-block-less", "this line is indented less than the text above it (under "
                               "'{name} {style}' on line {line}): indent every line of that text the same",
                               name=_name(case.source.get(opened)), style=last.style, line=opened)
    here = case.here
    body = here.strip()
    if case.column > _indent(here):
        return case.line, said("term.yaml-unexpected", "unexpected text at '{text}': check the quotes and colons on "
                               "this line", text=_clip(here[case.column:].strip(), 20))
    if body.startswith(":"):
        return case.line, said("term.yaml-starts-colon", "this line starts with ':' and has no name before it: write "
                               "the name, like 'title: …'")
    if re.match(r"-[^\s-]", body):
        return case.line, said("term.yaml-dash-space", "put a space after '-' to start a list item (write '- {text}')",
                               text=_clip(body[1:], 40))
    if re.match(r"-(\s|$)", body):
        return _list_item_misplaced(case)
    return _misaligned(case)


def _list_item_misplaced(case: _Case) -> tuple[int, str]:
    column = _indent(case.here)
    if "block collection" in case.context and case.exc.context_mark:
        other, other_column = case.start, case.exc.context_mark.column
    else:
        other, other_column = _nearest_item(case.source, case.line, column)
    if other:
        return case.line, said("term.yaml-dash-indent", "this '-' is indented {spaces}, but the '-' of the list above "
                               "(line {line}) is indented {column}: line them up",
                               spaces=_spaces(column), line=other, column=other_column)
    return case.line, said("term.yaml-item-among", "a list item ('- …') here, among 'name: value' lines: put it, "
                           "indented, under the name of the list it belongs to")


def _nearest_item(source: _Source, line: int, column: int) -> tuple[int, int]:
    """The earlier list item ('- ') of the same list, judged by the closest indentation."""
    best: tuple[int, int] = (0, 0)
    for number in range(line - 1, 0, -1):
        text = source.get(number)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = _indent(text)
        if re.match(r"\s*-(\s|$)", text) and indent != column:
            if not best[0] or abs(indent - column) < abs(best[1] - column):
                best = (number, indent)
        if indent < column and not re.match(r"\s*-(\s|$)", text):
            break
    return best


def _misaligned(case: _Case) -> tuple[int, str]:
    column = _indent(case.here)
    if "block collection" in case.context and case.exc.context_mark and column == case.exc.context_mark.column:
        parent = _parent(case.source, case.start, column)
        where = said("term.yaml-new-setting", ": line it up with '{name}' (line {line}) if it is a new setting",
                     name=_name(case.source.get(parent)), line=parent) if parent else ""
        return case.line, said("term.yaml-lined-with-dash", "this line is lined up with the '-' of the list above (line "
                               "{line}) but is not a list item{where}, or indent it further if it belongs to the item "
                               "above", line=case.start, where=where)
    candidates: dict[int, int] = {}
    number = case.line
    while True:
        number = case.source.above(number)
        if not number:
            break
        text = case.source.get(number)
        if _in_block_text(case.source, number):
            continue
        key = _key_column(text)
        candidates.setdefault(key, number)
        if _indent(text) == 0:
            break
    if not candidates:
        return case.line, said("term.yaml-indent-mismatch", "this line's indentation does not match the lines above: "
                               "line it up with them")
    target = min(candidates, key=lambda c: (abs(c - column), -candidates[c]))
    at = candidates[target]
    return case.line, said("term.yaml-indented-n", "this line is indented {spaces}, but '{name}' (line {line}) is "
                           "indented {column}: line it up with the lines it belongs with",
                           spaces=_spaces(column), name=_name(case.source.get(at)[target:]), line=at, column=target)


def _parent(source: _Source, line: int, column: int) -> int:
    """The line of the name that holds the list starting at `line`."""
    number = line
    while True:
        number = source.above(number)
        if not number or _indent(source.get(number)) < column:
            return number


def _in_block_text(source: _Source, line: int) -> bool:
    """Whether `line` is inside a '|' or '>' text block (whose lines may look like anything)."""
    indent = _indent(source.get(line))
    number = line
    while True:
        number = source.above(number)
        if not number:
            return False
        text = source.get(number)
        if _indent(text) < indent:
            return bool(_BLOCK_START.match(text))


_RULES = [_tab, _colour, _unclosed_quote, _missing_colon, _colon_in_value, _list_on_key_line, _block_text_header,
          _escape, _alias, _special_start, _documents, _flow, _structure]
