"""User text -> safe paragraph markup, and header/footer templates in a Jinja2 sandbox.

The pack's inline markup is small on purpose: `*emphasis*`, `**strong**`, a blank line
between paragraphs, and `\\*` for a literal asterisk. Everything else — `<`, `&`, quotes,
braces — is escaped, so user text reaches ReportLab as data, never as markup.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\\[\\*]|\*\*|\*")


def paragraphs(text: str) -> list[str]:
    """Split on blank lines, join the lines of each paragraph, and convert inline markup."""
    parts = _PARAGRAPH_BREAK.split(text.strip())
    return [inline(_SPACES.sub(" ", part).strip()) for part in parts if part.strip()]


def inline(text: str) -> str:
    """One paragraph's inline markup -> ReportLab markup; everything else escaped.

    `*` and `**` open when followed by a non-space and close when preceded by one; a
    marker without a partner prints as it is, so "5 * 3" and "**" stay literal.
    """
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


def plain(text: str) -> str:
    """The words a reader sees, markup removed (for headers, file names and checks)."""
    return _SPACES.sub(" ", re.sub(r"\\([\\*])|\*\*|\*", lambda m: m.group(1) or "", text)).strip()


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


_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def compile_template(source: str):
    try:
        return _ENV.from_string(source)
    except TemplateError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}") from None


def template_names(source: str) -> set[str]:
    """The top-level variables a template uses (e.g. {'pack', 'student'}); empty if it cannot parse."""
    from jinja2 import meta

    try:
        return meta.find_undeclared_variables(_ENV.parse(source))
    except TemplateError:
        return set()


def render_template(template, variables: dict) -> str:
    try:
        return template.render(**variables)
    except UndefinedError as exc:
        match = re.search(r"has no attribute '([^']*)'|'([^']*)' is undefined", exc.message or "")
        name = next((g for g in match.groups() if g), "?") if match else "?"
        raise TemplateProblem(f"unknown variable '{name}': the variables are {_names(variables)}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"template error: {exc.message or exc}") from None
    except Exception as exc:  # sandbox refusals and runtime errors in a user's template
        raise TemplateProblem(f"template error: {exc}") from None
