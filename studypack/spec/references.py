"""Checks a question's words against the pack: "Study Sources B and C" or "Study
Interpretations 1 and 2" must name sources the pack has (by letter, or by the source's own
label), and a picture to label must be a file inside the pack folder. Also words the paper
prints about a group of sources ("Sources A and B and Interpretations 1 and 2")."""

from __future__ import annotations

import re
import string

from studypack.base.errors import StudypackError, said
from studypack.base.paths import inside
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import anchors, cited_anchors

NOUNS = ("Source", "Interpretation", "Extract")  # always checked; others ("Figure") when a label uses them
_ID = r"(?:[A-Z]|\d{1,2})"
_LINK = r"\s*(?:,|and|&|to|–|-|or)\s*"
_NAME = re.compile(r"^(.*\S)\s+([A-Z0-9][0-9]*)$")


def _pattern(nouns) -> re.Pattern:
    words = "|".join(re.escape(n) for n in sorted(set(nouns), key=len, reverse=True))
    return re.compile(rf"\b({words})s?\s+({_ID}(?:{_LINK}{_ID})*)\b")


def cited_names(words: str, nouns=NOUNS) -> list[str]:
    """Source names a prompt cites: 'Sources C to E and Interpretation 1' -> Source C, Source D,
    Source E, Interpretation 1. "Source" takes letters only, as the pack's letters are."""
    found: list[str] = []
    for match in _pattern(nouns).finditer(words or ""):
        noun, group = match.group(1), match.group(2)
        tokens = re.findall(rf"{_ID}|\bto\b|–|-", group)
        ids: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token in ("to", "–", "-") and ids and i + 1 < len(tokens):
                ids += _range(ids[-1], tokens[i + 1])
                i += 2
                continue
            if token not in ("to", "–", "-"):
                ids.append(token)
            i += 1
        found += [f"{noun} {x}" for x in ids if not (noun == "Source" and x.isdigit())]
    return list(dict.fromkeys(found))


def _range(start: str, end: str) -> list[str]:
    if start.isdigit() and end.isdigit():
        return [str(k) for k in range(int(start) + 1, int(end) + 1)]
    if start.isalpha() and end.isalpha():
        return [string.ascii_uppercase[k] for k in range(ord(start) - 64, ord(end) - 64)]
    return [end]


def cited(words: str) -> list[str]:
    """Source letters named in a prompt: 'Sources C to F' -> C, D, E, F."""
    return [name.split()[-1] for name in cited_names(words, ("Source",))]


def nouns_of(sources) -> tuple[str, ...]:
    """The nouns prompts may cite sources by: the usual ones and every label's ("Figure")."""
    return tuple(dict.fromkeys(NOUNS + tuple(split(s.name)[0] for s in sources)))


def split(name: str) -> tuple[str, str]:
    """'Interpretation 1' -> ('Interpretation', '1')."""
    match = _NAME.match(name)
    return (match.group(1), match.group(2)) if match else (name, "")


def phrase(names: list[str], say: Words = ENGLISH_WORDS) -> str:
    """'Sources A, B and C and Interpretations 1 and 2' for a list of source names (printed in
    the layout's language: `say`)."""
    if not say.english:
        return _phrase_in(names, say)
    groups: dict[str, list[str]] = {}
    for name in names:
        noun, ident = split(name)
        groups.setdefault(noun, []).append(ident)
    words = []
    for noun, ids in groups.items():
        if len(ids) == 1:
            words.append(f"{noun} {ids[0]}".strip())
        else:
            words.append(f"{noun}s {', '.join(ids[:-1])} and {ids[-1]}")
    return " and ".join(words)


def _phrase_in(names: list[str], say: Words) -> str:
    """`phrase` in another language: the catalogue's plural of a noun it knows (a teacher's own
    label keeps its noun), joined by its "and"."""
    nouns = {say(f"noun.{noun.lower()}", 1): say(f"noun.{noun.lower()}", 2) for noun in STIMULUS_NOUNS}
    groups: dict[str, list[str]] = {}
    for name in names:
        noun, ident = split(name)
        groups.setdefault(noun, []).append(ident)
    words = []
    for noun, ids in groups.items():
        listed = ids[0] if len(ids) == 1 else say.listed(", ".join(ids[:-1]), ids[-1])
        words.append(f"{nouns.get(noun, noun) if len(ids) > 1 else noun} {listed}".strip())
    return words[0] if len(words) == 1 else say.listed(", ".join(words[:-1]), words[-1])


STIMULUS_NOUNS = ("Source", "Resource", "Extract", "Figure", "Text", "Table")


_CITES_MISSING = {"one": "the prompt refers to Source {shown}, which the pack does not have (sources: {letters})",
                  "other": "the prompt refers to Sources {shown}, which the pack does not have (sources: {letters})"}


def check_question(question, letters, root, sources=()) -> list[tuple[tuple, str]]:
    """Problems with what a question names: `letters` the pack's source letters, `sources`
    its sources (for their labels; without them, every source is "Source <letter>")."""
    names = [s.name for s in sources] or [f"Source {letter}" for letter in letters]
    labelled = any(getattr(s, "label", None) for s in sources)
    nouns = nouns_of(sources) if sources else NOUNS
    problems: list[tuple[tuple, str]] = []

    def missing_names(words: str, where: tuple) -> None:
        missing = [n for n in cited_names(words, nouns) if n not in names]
        if not missing:
            return
        if not labelled and all(split(n)[0] == "Source" for n in missing):
            shown = ", ".join(split(n)[1] for n in missing)
            problems.append((where, said("term.cites-missing", _CITES_MISSING, len(missing), shown=shown,
                                         letters=", ".join(letters) or said("term.none", "none"))))
        else:
            problems.append((where, said("term.cites-unknown", "the prompt refers to {phrase}, which the pack does not have "
                                         "(it has: {names}): give a source that label, or correct the prompt",
                                         phrase=phrase(missing), names=", ".join(names) or said("term.no-sources", "no sources"))))

    marked = {name for s in sources for name in anchors(getattr(s, "text", None))}
    for part_index, q in _leaves(question):
        where = ("parts", part_index) if part_index is not None else ()
        missing_names(q.prompt or "", where + ("prompt",))
        problems += [(where + ("prompt",), message) for message in unmarked(q.prompt, marked)]
        source = getattr(q, "source", None)
        if isinstance(source, str) and source not in letters:
            problems.append((where + ("source",), said("term.source-not-in-pack", "source {letter} is not in the pack "
                                                       "(sources: {letters})", letter=source,
                                                       letters=", ".join(letters) or said("term.none", "none"))))
        image = getattr(q, "image", None)
        if image is not None:
            try:
                if not inside(root, image.file).is_file():
                    problems.append((where + ("image", "file"), said("term.image-missing", "image '{file}' not found in "
                                                                     "the pack folder", file=image.file)))
            except StudypackError as exc:
                problems.append((where + ("image", "file"), exc.problems[0].message))
    if getattr(question, "prompt", None) and getattr(question, "parts", None):
        missing_names(question.prompt, ("prompt",))
        problems += [(("prompt",), message) for message in unmarked(question.prompt, marked)]
    return problems


def unmarked(prompt: str | None, marked: set[str]) -> list[str]:
    """Problems with a prompt's anchored line citations (`{lines:storm-calm}`): anchors no text marks."""
    problems = []
    for _noun, first, last in cited_anchors(prompt):
        for name in (first, last):
            if name and name not in marked:
                shown = ", ".join(sorted(marked)) or said("term.anchors-none", "none: mark a place in a text with {#name}")
                problems.append(said("term.anchor-unmarked", "the prompt cites the line of anchor '{name}', which no text "
                                     "marks (anchors: {shown})", name=name, shown=shown))
    return problems


def anchor_problems(sources) -> list[tuple[tuple, str]]:
    """An anchor marked twice in the pack's texts: a citation must mean one place."""
    seen: dict[str, str] = {}
    problems: list[tuple[tuple, str]] = []
    for i, source in enumerate(sources):
        for name in anchors(getattr(source, "text", None)):
            if name in seen:
                problems.append((("sources", i, "text"), said("term.ref-anchor-twice", "{source}: anchor {{#{name}}} is "
                                                             "also marked in {other}: give each anchor its own name",
                                                             source=source.name, name=name, other=seen[name])))
            seen.setdefault(name, source.name)
    return problems


def _leaves(question):
    if getattr(question, "parts", None):
        return [(i, part) for i, part in enumerate(question.parts)]
    return [(None, question)]
