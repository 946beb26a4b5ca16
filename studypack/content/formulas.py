"""Every formula in a pack's text fields checked when the pack loads, so a malformed one is a
problem at its file and line ("formula '$\\frac{1}{2$': missing '}'"), never raw TeX on paper
or a traceback while typesetting. A text with no `$` is not looked at; `\\$` is a dollar sign."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from studypack.spec.maths import FormulaError, MathsSource, split_maths

NOT_TEXT = frozenset({"id", "kind", "letter", "file", "paper", "extends", "include", "layout", "profile"})
"""Keys whose values are names, never printed words: a `$` there is not maths."""


def problems(texts: Iterable[tuple[tuple, str]]) -> Iterator[tuple[tuple, str]]:
    """(key path, message) for each text field, of `(key path, text)`, holding a formula that
    cannot be set: the first one in the field."""
    for path, text in texts:
        if "$" not in text or (path and path[-1] in NOT_TEXT):
            continue
        error = first_error(text)
        if error is not None:
            yield path, _said(error)


def _said(error: FormulaError) -> str:
    """The problem in words; a `$` never closed shows the start of what follows it, not all of it."""
    if error.closed or len(error.source) <= 30:
        return str(error)
    fence = "$$" if error.display else "$"
    return f"formula '{fence}{error.source[:30].rstrip()}…': {error.message}"


def first_error(text: str) -> FormulaError | None:
    """The first problem with the formulas in `text` (an unclosed `$` among them), or None."""
    from studypack.spec.maths.formula import parse  # the formula reader loads on a text's first formula (start-up speed)

    try:
        for part in split_maths(text):
            if isinstance(part, MathsSource):
                parse(part.tex, part.display)
    except FormulaError as error:
        return error
    return None
