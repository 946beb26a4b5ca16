"""Warnings as a build reports them: each once, in file and line order, and typesetting's
warnings about a pack value pointed at the line that holds it now."""

from __future__ import annotations

from typing import Iterable

from studypack.base.errors import Problem
from studypack.content.validate import LoadedPack


def located(problems: Iterable[Problem], loaded: LoadedPack) -> list[Problem]:
    """Typesetting's warnings about a pack value (`Problem.about`) pointed at the line that holds
    it in this pack's files now (cached warnings keep the value's key path, not a line)."""
    ids = {sheet.id: i for i, sheet in enumerate(loaded.pack.sheets)}
    out = []
    for problem in problems:
        about = problem.about
        if about and about[0] == "sheets" and len(about) > 1:
            about = ("sheets", ids.get(about[1], about[1]), *about[2:])
        out.append(Problem(problem.message, loaded.locate(about), problem.about) if about else problem)
    return out


def unique(problems: list[Problem]) -> list[Problem]:
    """Each warning once, in file and line order (a glyph missing in 5 sheets is one warning)."""
    return sorted(dict.fromkeys(problems), key=_order)


def _order(problem: Problem) -> tuple:
    loc = problem.location
    return (0, loc.file, loc.line or 0, problem.message) if loc else (1, "", 0, problem.message)
