"""A formula that cannot be set, said in plain words with where in the formula it went wrong."""

from __future__ import annotations

from studypack.base.errors import said


class FormulaError(ValueError):
    """`message` in plain words; `offset`: the character of `source` where the problem is."""

    def __init__(self, message: str, offset: int, source: str, display: bool = False, closed: bool = True):
        self.message, self.offset, self.source, self.display, self.closed = message, offset, source, display, closed
        super().__init__(str(self))

    def __str__(self) -> str:
        fence = "$$" if self.display else "$"
        return said("term.formula", "formula '{formula}': {what}",
                    formula=f"{fence}{self.source}{fence if self.closed else ''}", what=self.message)

    def within(self, source: str, start: int, display: bool) -> "FormulaError":
        """The same problem, placed in the formula `source` that holds this one at `start`."""
        return FormulaError(self.message, start + self.offset, source, display)
