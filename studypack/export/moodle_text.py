"""Text as Moodle reads it back: the escapes Moodle really undoes, for each place text goes.

Moodle's embedded answers (cloze) end an answer at a `~`, `#` or `}` not preceded by a
backslash or `&`, read `=` and `%n%` at an answer's start as its grade, then decode HTML
entities and undo only `\\}` and `\\#`. So every character that means something there is
written as a numeric character reference (`&#126;` for `~`), which Moodle's matching passes
over and its decoding turns back into the character; a backslash escape would stay in the
answer. Short answers treat `*` as a wildcard, so a literal one is written `\\*`. A `{` in
a question's own words is written `&#123;`, so text that looks like a gap never becomes one.
"""

from __future__ import annotations

import re

# characters with a meaning inside {…} gaps, or at an answer's start, as references
_GAP_SPECIAL = {ch: f"&#{ord(ch)};" for ch in "&~#}{\\=%<>\""}
_GAP_PATTERN = re.compile("[" + re.escape("".join(_GAP_SPECIAL)) + "]")
_BEFORE_UNDONE = re.compile(r"\\(?=[}#])")


def gap_answer(answer: str, typed: bool) -> str:
    """One answer of a cloze gap, from its plain text: `typed` for a SHORTANSWER gap (where
    `*` would be Moodle's wildcard), else a MULTICHOICE choice."""
    # Moodle undoes `\}` and `\#` after decoding: a backslash the teacher wrote before one is doubled
    written = _GAP_PATTERN.sub(lambda m: _GAP_SPECIAL[m.group()], _BEFORE_UNDONE.sub(r"\\\\", answer))
    return written.replace("*", "&#92;*") if typed else written


def shortanswer(answer: str) -> str:
    """A short-answer question's accepted answer (plain text): a literal `*` is `\\*`."""
    return answer.replace("*", "\\*")


def outside_gaps(question_html: str) -> str:
    """A cloze question's own words (already HTML): no `{` that could open a gap."""
    return question_html.replace("{", "&#123;")
