"""The answer-space kinds' specs: the `spec` module of each folder of `studypack/kinds/spaces/`.

A short or extended question's `space:` names one (`space: grid`) or gives it with its
settings (`space: {kind: grid, height: 60}`); `final:` adds the "Answer ........ unit" line
under it. Adding a kind is adding its folder (`base.registry` finds it)."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field

from studypack.base import registry
from studypack.base.errors import said

SPACES: dict[str, ModuleType] = registry.modules("spaces", "spec")


def _named(value: Any) -> Any:
    """`space: grid` is short for `space: {kind: grid}`."""
    return {"kind": value} if isinstance(value, str) else value


_Tagged: Any = Annotated[Union[tuple(module.Model for module in SPACES.values())], Field(discriminator="kind")]  # type: ignore[misc]
_Named: Any = Literal[tuple(SPACES)]  # type: ignore[valid-type]

Space: Any = Annotated[_Tagged, BeforeValidator(_named, json_schema_input_type=Union[_Named, _Tagged])]
"""A question's answer space: a kind's name (`grid`) or a kind with its settings (editors' schema: either)."""


def absent() -> Any:
    """The default of `space:` and `final:` on a question: None, and left out of the model's
    dumps while None, so a pack that uses neither has the fingerprint it always had (the
    class-set variants it deals, `variants.pack_seed`, and its cache keys do not change)."""
    return Field(None, exclude_if=_is_none)


def _is_none(value: Any) -> bool:
    return value is None


def check(question) -> list[tuple[tuple, str]]:
    """The rules of a question's answer space, as (key path, message); none without one."""
    space = getattr(question, "space", None)
    if space is None:
        return []
    problems = [(("space",) + tuple(where), message) for where, message in SPACES[space.kind].check(space)]
    if getattr(question, "lines", None) is not None:
        if space.kind != "lines":
            problems.append((("lines",), said("term.space-not-lines", "'lines:' is for ruled lines but the answer space is a "
                                               "{kind}: leave out 'lines:' (or set the space's height)", kind=space.kind)))
        elif space.count is not None:
            problems.append((("space", "count"), said("term.space-count-twice", "the number of lines is given twice ('lines:' "
                                                       "and the space's 'count:'): keep one")))
    return problems


def lines_at_least(question, by_marks: int, spacing: float) -> int:
    """How many ruled lines' height the question's answer space surely takes (the page
    estimate's lower bound): the lines themselves; a space's own height in lines; a space that
    grows with the marks (`BY_MARKS`) at least `by_marks` lines; any other, none."""
    space = getattr(question, "space", None)
    if space is None:
        return by_marks
    if space.kind == "lines":
        return space.count if space.count is not None else by_marks
    height = getattr(space, "height", None)
    if height is not None:
        return int(height / spacing + 1e-6)
    return by_marks if getattr(SPACES[space.kind], "BY_MARKS", False) else 0
