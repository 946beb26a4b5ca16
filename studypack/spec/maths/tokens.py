"""latex2mathml's tokenizer with less work a token: the same tokens, in the same order.

latex2mathml (`tokenizer.tokenize`) matches its one pattern of 24 groups and, for every
match, filters all 24 groups through a Python function to find the ones that matched:
4,000 tokens in a pack of 200 formulas called it 92,000 times. Most alternatives of the
pattern are one group spanning the whole match (a letter, a number, a command, a character):
the match's last group names it, and its text is the one token the filter would find (a
group of an alternative that failed is unset again, so no other is found). Such a match is
read directly here, through the same steps latex2mathml then takes; every other match (a
sub- or superscript digit, `\\text{...}`, `\\frac12`, `\\mathbf{x}`, `\\verb`) is read by its
own steps, as they are written there.

Imported only where latex2mathml is (`mathml._converter`), and installed (`install`) only
over the version it was written against (`VERSIONS`); any other runs as it is.
`tests/test_maths_tokens.py` compares the two on the corpus and the example packs.
"""

from __future__ import annotations

import functools
from typing import Iterator

from latex2mathml import commands, walker
from latex2mathml.symbols_parser import convert_symbol
from latex2mathml.tokenizer import PATTERN, UNITS

VERSIONS = ("3.81",)  # latex2mathml's major.minor it was written against
_WHOLE = frozenset({"comment", "letter", "dimension", "number", "dot_decimal", "escaped", "begin_end", "operatorname",
                    "command", "char"})  # the groups that span their alternative's whole match
_OWN_STEPS = (commands.VERB, commands.MATH)  # a group's text starting so takes a match's own steps
_SPACED = (commands.BEGIN, commands.END, commands.OPERATORNAME)  # tokens given without their spaces
PLAIN = walker.tokenize  # latex2mathml's own (for the test that compares them)


@functools.cache
def install() -> bool:
    """Have latex2mathml's walker read its tokens from `tokenize`, once per process; whether it
    could (a known version)."""
    from studypack.io import cache as caches

    version = caches.installed_version("latex2mathml") or ""
    if ".".join(version.split(".")[:2]) not in VERSIONS:
        return False
    walker.tokenize = tokenize  # (its `walk` reads the name from its module)
    return True


def tokenize(latex_string: str, skip_comments: bool = True) -> Iterator[str]:
    """`latex2mathml.tokenizer.tokenize`: the same tokens."""
    for match in PATTERN.finditer(latex_string):
        if match.lastgroup in _WHOLE:
            captured = match.group()
            if not captured.startswith(_OWN_STEPS):
                if skip_comments and captured.startswith("%"):
                    continue
                if captured.endswith(UNITS) and captured[0:1].isdigit():
                    yield captured.replace(" ", "")
                elif captured.startswith(_SPACED):
                    yield "".join(captured.split(" "))
                else:
                    yield captured
                continue
        yield from _matched(tuple(group for group in match.groups() if group is not None), skip_comments)


def _matched(tokens: tuple[str, ...], skip_comments: bool) -> Iterator[str]:
    """The tokens of one match's groups, read as latex2mathml reads them."""
    if tokens[0].startswith(commands.VERB):
        yield commands.VERB
        yield tokens[2]  # the verbatim text
        return
    if tokens[0].startswith(commands.MATH) and tokens[0] not in commands.MATH_NON_FONT_COMMANDS:
        symbol = convert_symbol("".join(tokens))
        if symbol:
            yield f"&#x{symbol};"
            return
    for captured in tokens:
        if skip_comments and captured.startswith("%"):
            break
        if captured.endswith(UNITS) and captured[0:1].isdigit():
            yield captured.replace(" ", "")
            continue
        if captured.startswith(_SPACED):
            yield "".join(captured.split(" "))
            continue
        yield captured
