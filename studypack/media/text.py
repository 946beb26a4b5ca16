"""User text -> safe paragraph markup, and header/footer templates in a Jinja2 sandbox.

The pack's inline markup is small on purpose: `*emphasis*`, `**strong**`, a blank line
between paragraphs, and `\\*` for a literal asterisk. Everything else — `<`, `&`, quotes,
braces — is escaped, so user text reaches ReportLab as data, never as markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateError, Undefined, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\\[\\*]|\*\*|\*")


def paragraphs(text: str, quotes: bool = True) -> list[str]:
    """Split on blank lines, join the lines of each paragraph, and convert inline markup.
    `quotes=False` keeps straight quotes as given (a source's own words)."""
    parts = _PARAGRAPH_BREAK.split(text.strip())
    return [inline(_SPACES.sub(" ", part).strip(), quotes) for part in parts if part.strip()]


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_TIES = [  # a space a line must not break at, after group 1: it becomes a no-break space
    re.compile(rf"(\b\d{{1,2}}(?:st|nd|rd|th)?) (?=(?:{_MONTHS})\b)"),       # 1 December, 24th August
    re.compile(rf"(\b(?:{_MONTHS})) (?=\d)"),                               # December 1934, August 24
    re.compile(r"((?<![\d,.])\b\d{1,3}) (?=[A-Za-z%])"),                   # 3 times, 16 marks (not years)
    re.compile(r"(\b(?:Source|Sources|Question|Questions|line|lines|page|pages|Level|Section|Part"
               r"|Paper|Chapter|Article|Figure|Table|No\.|p\.|pp\.)) (?=[A-Z0-9])"),  # Source B, line 12
    re.compile(r"(\b[A-Z]\.) (?=[A-Z])"),                                   # J. V. Stalin
    re.compile(r"(\b(?:Mr|Mrs|Ms|Dr|St)\.?) (?=[A-Z])"),
]
_OPENS_BEFORE = " \t\n([{\u2018\u201c\u2014\u2013-/\xa0"


@lru_cache(maxsize=4096)  # pure; a build sets the same words again (an option in sheet and key, every copy)
def typographic(text: str, quotes: bool = True) -> str:
    """No-break spaces in dates, numbers with their nouns, initials and "Source B"; with
    `quotes`, straight quotes and apostrophes become typographic ones."""
    for tie in _TIES:
        text = tie.sub("\\1\xa0", text)
    if not quotes or ("'" not in text and '"' not in text):
        return text
    out = []
    for i, ch in enumerate(text):
        if ch in "'\"":
            before = text[i - 1] if i else " "
            opening = before in _OPENS_BEFORE and i + 1 < len(text) and not text[i + 1].isspace()
            if ch == '"':
                ch = "\u201c" if opening else "\u201d"
            else:
                ch = "\u2018" if opening and not text[i + 1:i + 3].isdigit() else "\u2019"
        out.append(ch)
    return "".join(out)


def tie_last(markup: str, most: int = 22) -> str:
    """Join a paragraph's last two words with a no-break space, so it never ends on a
    single word, where the two are short enough to move down together."""
    spaces = [] if " " not in markup else _spaces_outside_tags(markup)  # a space inside <font size="7"> is markup
    if not spaces or spaces[-1] <= 0:
        return markup
    cut = spaces[-1]
    words = re.sub(r"<[^>]*>", "", markup[(spaces[-2] if len(spaces) > 1 else -1) + 1:])
    if len(words) > most:
        return markup
    return markup[:cut] + "\xa0" + markup[cut + 1:]


def _spaces_outside_tags(markup: str) -> list[int]:
    """Where the spaces between words are: not those inside a tag's angle brackets."""
    found, inside = [], False
    for i, ch in enumerate(markup):
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif ch == " " and not inside:
            found.append(i)
    return found


@lru_cache(maxsize=4096)  # pure, as typographic
def inline(text: str, quotes: bool = True) -> str:
    """One paragraph's inline markup -> ReportLab markup; everything else escaped.

    `*` and `**` open when followed by a non-space and close when preceded by one; a
    marker without a partner prints as it is, so "5 * 3" and "**" stay literal. Dates,
    counts and initials never break (`typographic`); `quotes=False` keeps straight quotes.
    """
    text = typographic(text, quotes)
    tokens: list[list] = []  # [kind, text] with kind "text", "*" or "**"
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            tokens.append(["text", text[pos:match.start()]])
        mark = match.group()
        if mark.startswith("\\"):
            tokens.append(["text", mark[1]])
        else:
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            tokens.append([mark, mark, not after.isspace(), not before.isspace()])
        pos = match.end()
    if pos < len(text):
        tokens.append(["text", text[pos:]])
    opened: list[int] = []
    pairs: dict[int, int] = {}
    for i, token in enumerate(tokens):
        if token[0] == "text":
            continue
        _kind, _mark, can_open, can_close = token
        partner = next((j for j in reversed(opened) if tokens[j][0] == token[0]), None)
        if can_close and partner is not None and partner != i - 1:
            opened = opened[: opened.index(partner)]
            pairs[partner] = i
        elif can_open:
            opened.append(i)
    closing = {end: start for start, end in pairs.items()}
    out = []
    for i, token in enumerate(tokens):
        if i in pairs:
            out.append("<b>" if token[0] == "**" else "<i>")
        elif i in closing:
            out.append("</b>" if token[0] == "**" else "</i>")
        else:
            out.append(escape(token[1]))
    return "".join(out)


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities: what ReportLab's paragraph markup would read as markup.
    (xml.sax.saxutils does the same but imports urllib, http and ssl: 40 ms at start-up.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text: str) -> str:
    """The reverse of `escape`."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def plain(text: str) -> str:
    """The words a reader sees, markup removed (for headers, file names and checks): the
    markers `inline` pairs up go, and a lone `*` ("5*3") stays, as it prints in the body."""
    marked = _SPACES.sub(" ", text).strip()
    return _unescape(re.sub(r"</?[bi]>", "", inline(marked))).strip()


def literal(text: str) -> str:
    """Text printed exactly as given (names, titles in tables): escaped, no markup."""
    return escape(text)


def _names(variables: dict, prefix: str = "") -> str:
    names = []
    for key, value in variables.items():
        if isinstance(value, dict):
            names.append(_names(value, f"{prefix}{key}."))
        else:
            names.append(prefix + key)
    return ", ".join(names)


class TemplateProblem(Exception):
    """A template that cannot compile or render; the caller adds the file and line."""


MAX_TEMPLATE = 400      # characters in one header, footer or marks template
MAX_OUTPUT = 1000       # characters one template may print
MAX_NESTING = 16        # brackets inside brackets: Jinja2's parser recurses once per level
_BIG = 10**9
_FILTERS = ("upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "count",
            "int", "float", "string", "round", "abs", "first", "last", "truncate", "e", "escape")
_REFUSED = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Call, nodes.Import,
            nodes.FromImport, nodes.Include, nodes.Extends, nodes.Block, nodes.With, nodes.Assign,
            nodes.AssignBlock)


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, narrowed to what a header, footer or marks label needs.

    Layouts are shared between teachers, so a template is untrusted code. Beyond the
    sandbox (no `__class__`, no private attributes) it may not call anything, loop,
    define macros or include files; it sees only the documented variables and a few
    filters; arithmetic that could build huge numbers or strings is refused. So a
    template can neither reach Python nor run for long or fill memory.
    """

    intercepted_binops = frozenset({"*", "**", "%", "//", "+"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("'**' is not allowed in layout templates: write the number out")
        for value in (left, right):
            if isinstance(value, (int, float)) and abs(value) > _BIG:
                raise SecurityError("numbers that large are not allowed in layout templates")
        if operator == "*" and any(isinstance(v, (str, list, tuple)) for v in (left, right)):
            raise SecurityError("repeating text with '*' is not allowed in layout templates")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting is not allowed in layout templates")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's signature
        raise SecurityError("calling functions or methods is not allowed in layout templates")

    # The documented variables are mappings of strings and numbers: `pack.title` looks a key
    # up, and nothing reaches a Python attribute (`pack.items`, `pack.title.upper` would
    # print a method, with a memory address that differs from build to build).
    def getattr(self, obj, attribute):
        if isinstance(attribute, str) and attribute.startswith("_"):
            raise SecurityError(f"'{attribute}' is not available in layout templates")
        if isinstance(obj, dict):
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        if isinstance(obj, Undefined):  # `{{ pack.title }}` where there is no `pack`: say which name is unknown
            return obj._fail_with_undefined_error()
        raise SecurityError(_no_attribute(obj, attribute))

    def getitem(self, obj, argument):
        if isinstance(argument, str) and argument.startswith("_"):
            raise SecurityError(f"'{argument}' is not available in layout templates")
        if isinstance(obj, dict):
            return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
        if isinstance(obj, Undefined):
            return obj._fail_with_undefined_error()
        if isinstance(obj, (str, list, tuple)) and isinstance(argument, (int, slice)):
            return super().getitem(obj, argument)
        raise SecurityError(_no_attribute(obj, argument))


_PRINTABLE = (str, int, float)


def _no_attribute(obj, name) -> str:
    what = {str: "text", int: "a number", float: "a number", bool: "yes/no", list: "a list",
            tuple: "a list"}.get(type(obj), "this value")
    hint = f": use the filter |{name}" if isinstance(obj, str) and name in _FILTERS else ""
    return f"'{name}' is not available on {what} in layout templates{hint}"


def _finalize(value):
    """What `{{ ... }}` may print: text, a number, or a list of those; never an object."""
    if value is None or isinstance(value, (Undefined, *_PRINTABLE)) or (
            isinstance(value, (list, tuple)) and all(isinstance(v, _PRINTABLE) for v in value)):
        return value
    if isinstance(value, dict):
        raise SecurityError(f"a group of variables ({', '.join(map(str, value))}) cannot be printed: "
                            "name one, e.g. {{ pack.title }}")
    raise SecurityError("only text and numbers can be printed in layout templates")


def _nesting(source: str) -> int:
    """How deep brackets nest, found with the lexer (which does not recurse) before parsing."""
    depth = deepest = 0
    for _line, kind, value in _ENV.lex(source):
        if kind == "operator" and value in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "operator" and value in ")]}":
            depth -= 1
    return deepest


_ENV = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, finalize=_finalize)
_ENV.globals.clear()
_ENV.filters = {name: _ENV.filters[name] for name in _FILTERS}
_ENV.tests = {name: _ENV.tests[name] for name in ("defined", "undefined", "none", "number", "string",
                                                   "even", "odd", "divisibleby", "eq", "ne", "lt", "gt",
                                                   "le", "ge", "in")}


_COMPILED: dict[str, object] = {}
_NAMES: dict[str, frozenset[str]] = {}


def compile_template(source: str):
    """The sandboxed template for `source`, compiled once per process: every document of a
    build (and every build in `watch`) shares it. A broken template raises TemplateProblem."""
    template = _COMPILED.get(source)
    if template is None:
        template = _COMPILED[source] = _compile(source)
    return template


def _compile(source: str):
    if len(source) > MAX_TEMPLATE:
        raise TemplateProblem(f"template is {len(source)} characters long; at most {MAX_TEMPLATE} are allowed")
    try:
        if _nesting(source) > MAX_NESTING:
            raise TemplateProblem(f"brackets are nested more than {MAX_NESTING} deep in this template; "
                                  "write it more simply")
        tree = _ENV.parse(source)
    except TemplateError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}") from None
    except RecursionError:  # a backstop: nesting the bracket count does not see
        raise TemplateProblem("the template is nested too deeply; write it more simply") from None
    for node in tree.find_all(_REFUSED):
        what = "calling functions or methods is" if isinstance(node, nodes.Call) else f"'{type(node).__name__.lower()}' is"
        raise TemplateProblem(f"{what} not allowed in layout templates: use only "
                              "{{ variables }}, filters like |upper and {% if %}")
    for node in tree.find_all(nodes.Name):
        if node.name in ("self", "loop", "caller", "varargs", "kwargs"):
            raise TemplateProblem(f"'{node.name}' is not available in layout templates")
    try:
        return _ENV.from_string(tree)  # the tree parsed above: no second parse
    except TemplateError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}") from None
    except RecursionError:
        raise TemplateProblem("the template is nested too deeply; write it more simply") from None


def template_names(source: str) -> set[str]:
    """The top-level variables a template uses (e.g. {'pack', 'student'}); empty if it cannot parse."""
    names = _NAMES.get(source)
    if names is None:
        try:
            names = frozenset(meta.find_undeclared_variables(_ENV.parse(source)))
        except TemplateError:
            names = frozenset()
        _NAMES[source] = names
    return set(names)


def student_fields(source: str) -> frozenset[str] | None:
    """The fields of `student` a template reads, all as `student.field` (e.g. {'variant'}): a
    class set renders it once per different value of those, not once per student. None when
    it uses `student` any other way (or cannot parse)."""
    try:
        tree = _ENV.parse(source)
    except TemplateError:
        return None
    read = [node for node in tree.find_all(nodes.Getattr)
            if isinstance(node.node, nodes.Name) and node.node.name == "student"]
    named = [node for node in tree.find_all(nodes.Name) if node.name == "student"]
    return frozenset(node.attr for node in read) if len(read) == len(named) else None


def attributes_read(source: str, name: str) -> list[str]:
    """The fields of `name` a template reads as `name.field`, in order (e.g. ['title'] for
    `{{ pack.title }}`); empty if it cannot parse."""
    try:
        tree = _ENV.parse(source)
    except TemplateError:
        return []
    return list(dict.fromkeys(node.attr for node in tree.find_all(nodes.Getattr)
                              if isinstance(node.node, nodes.Name) and node.node.name == name))


def render_template(template, variables: dict) -> str:
    try:
        result = template.render(**variables)
        if len(result) > MAX_OUTPUT:
            raise TemplateProblem(f"template prints {len(result)} characters; at most {MAX_OUTPUT} fit on a line")
        return result
    except TemplateProblem:
        raise
    except UndefinedError as exc:
        match = re.search(r"has no attribute '([^']*)'|'([^']*)' is undefined", exc.message or "")
        name = next((g for g in match.groups() if g), "?") if match else "?"
        raise TemplateProblem(f"unknown variable '{name}': the variables are {_names(variables)}") from None
    except SecurityError as exc:
        message = str(exc.message or exc)
        match = re.search(r"access to attribute '([^']*)'", message)
        if match:
            message = f"'{match.group(1)}' is not available in layout templates"
        raise TemplateProblem(message) from None
    except RecursionError:
        raise TemplateProblem("the template is nested too deeply; write it more simply") from None
    except TemplateError as exc:
        raise TemplateProblem(f"template error: {exc.message or exc}") from None
    except Exception as exc:  # sandbox refusals and runtime errors in a user's template
        raise TemplateProblem(f"template error: {exc}") from None
