"""The faster tokenizer (`spec.maths.tokens`) gives latex2mathml's own tokens: for every formula
of the example packs and the benchmark, as the teacher wrote it and as the converter reads it,
and for TeX made to reach each kind of match (comments, dimensions, `\\verb`, `\\mathbf{x}`,
`\\text{...}`, `\\frac12`, environments, a lone `%` or `\\`)."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("latex2mathml")

from studypack.spec.maths import FormulaError, tokens  # noqa: E402
from studypack.spec.maths.expand import expand  # noqa: E402

from test_maths_engine import FENCED, MADE, ROOT, _strings  # noqa: E402

MATCHES = [
    r"x % a comment", "x %", r"a\%b", "2.5 cm + 3mm - .5em", r"\verb|x^2| + \verb!a!", r"\verbatim", r"\verb",
    r"\mathbf{x} + \mathbb{R} + \mathrm{d}x + \mathbf{xy} + \mathstrut x", r"\text{speed}  \textbf {km} \mbox{a b}",
    r"\frac12 + \dfrac 3 4 + \tfrac.5", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", r"\begin {array}{cc} a & b \end {array}",
    r"\operatorname{sin} x + \operatorname* {lim}", "x_1^2 + y_{10} + z^3_4", r"\left( x \right) \, \! \; \: \> \|",
    "", " ", "\\", "a\nb", "é + ∑ + 1,5", r"\{ \} \[ \] \_ \# \$ \& \\", r"\sqrt[3]{8}", r"\ce{2H2 + O2 -> 2H2O}",
]


def _texts() -> list[str]:
    found = set(MATCHES) | set(MADE)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_maths import FORMULAS
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    found |= set(FORMULAS)
    for path in [*ROOT.glob("examples/*/*.yaml"), *ROOT.glob("sources/*/*.yaml")]:
        import yaml

        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found |= {match.group(1) or match.group(2) for match in FENCED.finditer(text)}
    for tex in list(found):
        try:
            found.add(expand(tex))
        except FormulaError:
            pass
    return sorted(found)


def _read(tokenize, tex: str) -> tuple[list[str], str | None]:
    """The tokens as far as they go, and the exception that ended them, if any."""
    out: list[str] = []
    try:
        for token in tokenize(tex):
            out.append(token)
    except Exception as error:  # latex2mathml's own steps fail on some input: the same way in both
        return out, type(error).__name__
    return out, None


def test_the_tokens_are_latex2mathmls_own():
    texts = _texts()
    assert len(texts) > 150  # the packs' formulas were found
    for tex in texts:
        assert _read(tokens.tokenize, tex) == _read(tokens.PLAIN, tex), tex
        assert _read(lambda t: tokens.tokenize(t, False), tex) == _read(lambda t: tokens.PLAIN(t, False), tex), tex


def test_a_formula_is_converted_through_the_faster_tokenizer():
    from latex2mathml import walker

    from studypack.spec.maths import mathml

    assert "<mfrac>" in mathml.convert(r"\frac{a}{b} + x^{2}", False, r"\frac{a}{b} + x^{2}")
    assert walker.tokenize is tokens.tokenize
