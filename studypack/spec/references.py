"""Checks a question's words against the pack: "Study Sources B and C" must name sources
the pack has, and a picture to label must be a file inside the pack folder."""

from __future__ import annotations

import re
import string

from ..errors import StudypackError
from ..paths import inside

_CITED = re.compile(r"\bSources?\s+([A-Z](?:\s*(?:,|and|&|to|–|-|or)\s*[A-Z])*)\b")


def cited(words: str) -> list[str]:
    """Source letters named in a prompt: 'Sources C to F' -> C, D, E, F."""
    found: list[str] = []
    for match in _CITED.finditer(words):
        letters = re.findall(r"[A-Z]|to|–|-", match.group(1))
        i = 0
        while i < len(letters):
            token = letters[i]
            if token in ("to", "–", "-") and found and i + 1 < len(letters):
                start, end = found[-1], letters[i + 1]
                found += [string.ascii_uppercase[k] for k in range(ord(start) - 64, ord(end) - 64)]
                i += 2
                continue
            if len(token) == 1 and token.isupper():
                found.append(token)
            i += 1
    return list(dict.fromkeys(found))


def check_question(question, letters, root) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    for part_index, q in _leaves(question):
        where = ("parts", part_index) if part_index is not None else ()
        missing = [c for c in cited(q.prompt or "") if c not in letters]
        if missing:
            names = ", ".join(missing)
            problems.append((where + ("prompt",), f"the prompt refers to Source{'s' if len(missing) > 1 else ''} {names}, "
                             f"which the pack does not have (sources: {', '.join(letters) or 'none'})"))
        source = getattr(q, "source", None)
        if isinstance(source, str) and source not in letters:
            problems.append((where + ("source",), f"source {source} is not in the pack (sources: {', '.join(letters) or 'none'})"))
        image = getattr(q, "image", None)
        if image is not None:
            try:
                if not inside(root, image.file).is_file():
                    problems.append((where + ("image", "file"), f"image '{image.file}' not found in the pack folder"))
            except StudypackError as exc:
                problems.append((where + ("image", "file"), exc.problems[0].message))
    if getattr(question, "prompt", None) and getattr(question, "parts", None):
        missing = [c for c in cited(question.prompt) if c not in letters]
        if missing:
            problems.append((("prompt",), f"the prompt refers to Source {', '.join(missing)}, which the pack does not have"))
    return problems


def _leaves(question):
    if getattr(question, "parts", None):
        return [(i, part) for i, part in enumerate(question.parts)]
    return [(None, question)]
