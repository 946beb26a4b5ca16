"""The short instruction a kind prints under its prompt ("Tick two boxes.", "Draw a line …"),
and whether the prompt already says it: a reader is told once.

A kind names its instruction and the words that say it (its cues: "tick two", "draw a line");
a prompt holding a cue, whatever its case or markup ("Tick **two**"), has said it."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<[^>]*>|[*_`~]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
COUNTS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def words(text: str) -> str:
    """The text as lower-case words between single spaces, markup and punctuation gone."""
    return " " + _NOT_WORD.sub(" ", _MARKUP.sub("", text).lower()).strip() + " "


def said(prompt: str | None, cues: tuple[str, ...]) -> bool:
    """Whether the prompt holds one of the cues as whole words."""
    if not prompt:
        return False
    found = words(prompt)
    return any(words(cue) in found for cue in cues)


def count_cues(verb: str, n: int) -> tuple[str, ...]:
    """"tick two", "tick 2": the ways a prompt says how many to tick or circle."""
    return tuple(f"{verb} {number}" for number in (COUNTS.get(n), str(n)) if number)


def unsaid(prompt: str | None, instruction: str | None, cues: tuple[str, ...]) -> str | None:
    """The instruction to print under the prompt: None where the prompt already says it."""
    return None if instruction is None or said(prompt, cues) else instruction
