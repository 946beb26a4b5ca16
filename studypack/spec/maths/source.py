"""Reading what a teacher typed: a text field split into words and formulas, and a formula's TeX
checked before it is set, so a mistake is a located message, never a traceback or raw TeX."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studypack.base.errors import said
from studypack.base.messages import suggest
from studypack.spec.maths.commands import ENVIRONMENTS, KNOWN, STRUCTURE
from studypack.spec.maths.errors import FormulaError

OPAQUE = ("ce", "unit", "si", "qty", "SI", "text", "mathrm", "begin", "end", "operatorname")  # arguments not TeX


@dataclass(frozen=True)
class MathsSource:
    """A formula found in a text field: its TeX, display (`$$`) or inline, where it starts."""

    tex: str
    display: bool
    offset: int


def split_maths(text: str) -> list[str | MathsSource]:
    """`text` as words and formulas: `$...$` inline, `$$...$$` display, `\\$` a dollar sign.
    An unclosed `$` is a FormulaError whose offset is where it opens in `text`."""
    parts: list[str | MathsSource] = []
    words, i = "", 0
    while True:
        found = _DOLLAR.search(text, i)  # the next `\$` or `$`: the words up to it read as they are
        if found is None:
            words += text[i:]
            break
        words += text[i:found.start()]
        i = found.start()
        if found.group() == "\\$":
            words, i = words + "$", i + 2
            continue
        fence = "$$" if text.startswith("$$", i) else "$"
        end = _closing(text, i + len(fence), fence)
        if end < 0:
            raise FormulaError(said("term.formula-unclosed", "a '{fence}' with no closing '{fence}' (write \\$ for a dollar sign)",
                                      fence=fence), i,
                               text[i + len(fence):], fence == "$$", closed=False)
        if words:
            parts.append(words)
        parts.append(MathsSource(text[i + len(fence):end], fence == "$$", i + len(fence)))
        words, i = "", end + len(fence)
    if words:
        parts.append(words)
    return parts


_DOLLAR = re.compile(r"\\\$|\$")
_FENCES = {"$": re.compile(r"\\[\s\S]|\$"), "$$": re.compile(r"\\[\s\S]|\$\$")}  # a backslash and what it escapes, or the fence


def _closing(text: str, start: int, fence: str) -> int:
    """Where the `fence` closing a formula opened before `start` is, skipping `\\$`; -1 if none."""
    for found in _FENCES[fence].finditer(text, start):
        if found.group() == fence:
            return found.start()
    return -1


def group(tex: str, start: int) -> int:
    """The index just past the `}` matching the `{` at `start` (FormulaError if it never closes)."""
    depth, i = 0, start
    while i < len(tex):
        char = tex[i]
        if char == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return i + 1
        i += 1
    raise FormulaError(said("term.formula-missing", "missing '{brace}'", brace="}"), start, tex)


def command_at(tex: str, start: int) -> str:
    """The name of the command whose backslash is at `start` ('' for a lone backslash)."""
    end = start + 1
    while end < len(tex) and tex[end].isalpha():
        end += 1
    if end == start + 1 and end < len(tex):
        end += 1  # a control symbol: \, \{ \$ \\
    return tex[start + 1:end]


def check(tex: str, display: bool = False) -> None:
    """Refuse TeX the engine would set wrongly: unbalanced braces, unknown commands, a lone `$`,
    `\\left` without `\\right`, a fraction without its two parts, a mismatched environment."""
    try:
        if not tex.strip():
            raise FormulaError(said("term.formula-empty", "an empty formula"), 0, tex)
        _Scanner(tex).run()
    except FormulaError as error:
        raise FormulaError(error.message, error.offset, tex, display) from None


class _Scanner:
    def __init__(self, tex: str):
        self.tex = tex
        self.braces: list[int] = []
        self.lefts: list[int] = []
        self.environments: list[tuple[str, int]] = []

    def run(self) -> None:
        i = 0
        while i < len(self.tex):
            i = self._step(i)
        if self.braces:
            raise FormulaError(said("term.formula-missing", "missing '{brace}'", brace="}"), self.braces[-1], self.tex)
        if self.lefts:
            raise FormulaError(said("term.formula-left-alone", "'\\left' with no '\\right' after it"), self.lefts[-1], self.tex)
        if self.environments:
            name, at = self.environments[-1]
            raise FormulaError(said("term.formula-begin-alone", "'\\begin{{{name}}}' with no '\\end{{{name}}}' after it",
                                      name=name), at, self.tex)

    def _step(self, i: int) -> int:
        char = self.tex[i]
        if char == "\\":
            return self._command(i)
        if char == "{":
            self.braces.append(i)
        elif char == "}":
            if not self.braces:
                raise FormulaError(said("term.formula-close-alone", "a '{close}' with no '{open}' before it", close="}",
                                          open="{"), i, self.tex)
            self.braces.pop()
        elif char == "$":
            raise FormulaError(said("term.formula-dollar-inside", "a '$' inside a formula (write \\$ for a dollar sign)"), i,
                               self.tex)
        elif char in "^_" and not self.tex[i + 1:].strip():
            raise FormulaError(said("term.formula-nothing-after", "a '{char}' with nothing after it", char=char), i, self.tex)
        elif char == "&" and not self.environments:
            raise FormulaError(said("term.formula-ampersand", "a '&' outside a matrix (write \\& for an ampersand)"), i,
                               self.tex)
        return i + 1

    def _command(self, i: int) -> int:
        name = command_at(self.tex, i)
        end = i + 1 + len(name)
        if not name:
            raise FormulaError(said("term.formula-backslash-alone", "a '\\' with no command after it"), i, self.tex)
        if name == "\\" and not self.environments:
            raise FormulaError(said("term.formula-line-break", "a line break '\\\\' outside a matrix (a formula is one line)"),
                               i, self.tex)
        if name[0].isalpha() and name not in KNOWN:
            raise FormulaError(said("term.formula-unknown-command", "unknown command '\\{name}'{suggestion}", name=name,
                                      suggestion=suggest(chr(92) + name, [chr(92) + k for k in KNOWN])), i, self.tex)
        if name == "left":
            self.lefts.append(i)
        elif name == "right":
            if not self.lefts:
                raise FormulaError(said("term.formula-right-alone", "'\\right' with no '\\left' before it"), i, self.tex)
            self.lefts.pop()
        arguments = self._arguments(name, i, end)
        if name in ("begin", "end"):
            self._environment(name, self.tex[end:arguments].strip()[1:-1], i)
        return arguments if name in OPAQUE else end

    def _arguments(self, name: str, at: int, i: int) -> int:
        """Past the arguments `name` needs (each a `{...}` group or one character)."""
        wanted = STRUCTURE.get(name, 0)
        if name == "sqrt" and self.tex[i:].lstrip().startswith("["):
            close = self.tex.find("]", i)
            if close < 0:
                raise FormulaError(said("term.formula-sqrt-bracket", "missing ']' after '\\sqrt['"), at, self.tex)
            i = close + 1
        for _ in range(wanted):
            while i < len(self.tex) and self.tex[i] == " ":
                i += 1
            if i >= len(self.tex) or self.tex[i] == "}":
                raise FormulaError(_needs(name, wanted), at, self.tex)
            if self.tex[i] == "{":
                i = group(self.tex, i)
            else:
                i += len(command_at(self.tex, i)) + 1 if self.tex[i] == "\\" else 1
        return i

    def _environment(self, kind: str, name: str, at: int) -> None:
        if name not in ENVIRONMENTS:
            raise FormulaError(said("term.formula-unknown-environment", "unknown environment '{name}'{suggestion}", name=name,
                                      suggestion=suggest(name, ENVIRONMENTS)), at, self.tex)
        if kind == "begin":
            self.environments.append((name, at))
            return
        if not self.environments or self.environments[-1][0] != name:
            raise FormulaError(said("term.formula-end-alone", "'\\end{{{name}}}' with no '\\begin{{{name}}}' before it",
                                      name=name), at, self.tex)
        self.environments.pop()


def _needs(name: str, wanted: int) -> str:
    shapes = {"frac": "\\frac{top}{bottom}", "dfrac": "\\dfrac{top}{bottom}", "qty": "\\qty{number}{unit}"}
    example = shapes.get(name, f"\\{name}{{...}}")
    return said("term.formula-needs-parts", {"one": "'\\{name}' needs one part: {example}",
                                             "other": "'\\{name}' needs {n} parts: {example}"}, wanted,
                name=name, example=example)
