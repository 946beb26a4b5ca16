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
_INLINE = re.compile(
    r"\\(?P<esc>[\\*])"
    r"|\*\*(?=\S)(?P<strong>.+?)(?<=\S)\*\*(?!\*)"
    r"|\*(?=[^\s*])(?P<em>.+?)(?<=[^\s*])\*"
)


def paragraphs(text: str) -> list[str]:
    """Split on blank lines, join the lines of each paragraph, and convert inline markup."""
    parts = _PARAGRAPH_BREAK.split(text.strip())
    return [inline(_SPACES.sub(" ", part).strip()) for part in parts if part.strip()]


def inline(text: str) -> str:
    """One paragraph's inline markup -> ReportLab markup; everything else escaped."""
    out: list[str] = []
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[pos:match.start()]))
        if match.group("esc"):
            out.append(escape(match.group("esc")))
        elif match.group("strong") is not None:
            out.append(f"<b>{inline(match.group('strong'))}</b>")
        else:
            out.append(f"<i>{inline(match.group('em'))}</i>")
        pos = match.end()
    out.append(escape(text[pos:]))
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
