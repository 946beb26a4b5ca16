"""Errors are values with a location until the command line prints them.

Every problem a user can cause (content, layout, roster, output folder) becomes a
`Problem` that says where it is and what to do. Stages collect all problems they find
and raise one `StudypackError` holding them, so a teacher sees every mistake at once.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping


@dataclass(frozen=True, order=True)
class Location:
    """A place in a user's file: the path as the user would type it and a 1-based line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with where it is (if known) and what to do."""

    message: str
    location: Location | None = None
    # The pack value it is about, as a key path (a sheet by its id: ("sheets", "s1", "title")), for
    # a stage that runs without the pack's locations: typesetting, whose warnings are also cached
    # while lines move. The build that shows the warning points it at that value's line.
    about: tuple | None = field(default=None, compare=False)

    def __str__(self) -> str:
        message = one_line(self.message)
        return f"{self.location}: {message}" if self.location else message


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """A message quoting user text stays one line: line breaks and control characters escaped."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


class StudypackError(Exception):
    """Raised with every problem a stage found; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(problems, key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # keep the locations when an error crosses a process boundary
        return (StudypackError, (self.problems,))


def together(*steps):
    """Run steps that do not depend on each other (read the pack, read the roster), each to
    its end, and raise every problem they found at once: one run shows all the mistakes."""
    results, problems = [], []
    for step in steps:
        try:
            results.append(step())
        except StudypackError as exc:
            problems += exc.problems
            results.append(None)
    if problems:
        raise StudypackError(problems)
    return results


def _sort_key(problem: Problem) -> tuple:
    loc = problem.location
    if loc is None:
        return ("~", 0, problem.message)
    return (loc.file, loc.line or 0, problem.message)


def display_path(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# The terminal's language for the messages made down here (a pack's mistakes, as `messages`
# words them), below the message catalogues' layer: each is said by its catalogue key through
# `_speaker`, which the command line sets to the terminal's language (`speak`); where none is
# set (English, a test, a library call) it is the English written beside the key, the same as
# en.yaml's (tests/test_terminal_words.py holds the two equal).
_speaker: Callable[[str, int | None, Mapping[str, Any]], str] | None = None
_language: str | None = None  # the speaker's language code (None: English)


def speak(speaker: Callable[[str, int | None, Mapping[str, Any]], str] | None, language: str | None = None) -> None:
    """Say the messages from now on through `speaker(key, n, values)` (None: in English), in
    `language` (its code)."""
    global _speaker, _language
    _speaker = speaker
    _language = language if speaker is not None else None


def speaking() -> str | None:
    """The language messages are said in, where it is not English: a cached document's
    typesetting warnings were said in it, so its cache key names it (`cache_keys`)."""
    return _language


def said(key: str, english: str | Mapping[str, str], n: int | None = None, /, **values: Any) -> str:
    """The message `key` in the terminal's language; `english`: its English (plural forms
    `one` and `other` where it counts `n`)."""
    if _speaker is not None:
        return _speaker(key, n, values)
    if not isinstance(english, str):
        english = english["one" if n == 1 else "other"]
    return english.format(n=n, **values) if n is not None or values else english  # as the catalogues say it


def install_aside() -> str:
    """How the command that adds an optional part is worded (`base.extras.install`): the
    published name, then, for a checkout, its folder."""
    return said("term.install", "{published} (from a checkout: {local})")


# An operating system's reason for a failed file operation, by errno, in the terminal's words;
# in English (no speaker) the system's own words, exactly as before.
_REASONS = {"ENOENT": ("term.os-enoent", "No such file or directory"), "EACCES": ("term.os-eacces", "Permission denied"),
            "EPERM": ("term.os-eperm", "Operation not permitted"), "ENOSPC": ("term.os-enospc", "No space left on device"),
            "EROFS": ("term.os-erofs", "Read-only file system"), "EISDIR": ("term.os-eisdir", "Is a directory"),
            "ENOTDIR": ("term.os-enotdir", "Not a directory"), "EEXIST": ("term.os-eexist", "File exists"),
            "EBUSY": ("term.os-ebusy", "Device or resource busy"), "EMFILE": ("term.os-emfile", "Too many open files"),
            "ENAMETOOLONG": ("term.os-enametoolong", "File name too long"),
            "EXDEV": ("term.os-exdev", "Invalid cross-device link"), "EIO": ("term.os-eio", "Input/output error")}


def os_reason(exc: BaseException) -> str:
    """Why the system refused (`cannot read x: Permission denied`): a common errno in the
    terminal's language, else the system's own words (its strerror)."""
    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code) if isinstance(code, int) else None
    own = getattr(exc, "strerror", None) or str(exc)
    if _speaker is None or name not in _REASONS:
        return own
    return said(*_REASONS[name])
