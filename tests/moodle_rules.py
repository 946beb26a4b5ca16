"""How Moodle itself reads what the Moodle export writes, reimplemented from the rules its
question types follow (not from our exporter), so a test can compare the gaps and answers a
teacher's students would meet in Moodle with the pack's own.

- Embedded answers (cloze, "multianswer"): a gap is `{weight:TYPE:alternatives}`; the
  alternatives are split on `~`; one may start with `=` (right) or `%n%` (n percent); an
  answer runs lazily up to the first `~`, `#` or `}` that is not preceded by a backslash, by
  `&` or by `&amp;`; `#` starts its feedback, which runs up to a `~` or `}` not preceded by a
  backslash. After that, HTML entities are decoded and only `\\}` and `\\#` are unescaped:
  every other backslash stays in the answer.
- Short answers: `*` is a wildcard for any text, `\\*` a literal asterisk; matching is whole
  and, unless the question says otherwise, ignores case.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TYPES = {"NUMERICAL": "numerical", "NM": "numerical", "MULTICHOICE": "multichoice", "MC": "multichoice",
          "MULTICHOICE_V": "multichoice", "MCV": "multichoice", "MULTICHOICE_H": "multichoice", "MCH": "multichoice",
          "SHORTANSWER": "shortanswer", "SA": "shortanswer", "MW": "shortanswer",
          "SHORTANSWER_C": "shortanswer", "SAC": "shortanswer", "MWC": "shortanswer"}
_TYPE_NAMES = "|".join(sorted(_TYPES, key=len, reverse=True))
_ANSWER_END = r"(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_FEEDBACK_END = r"(?<!\\)(?=[~}]|$)"
_ALTERNATIVE = (r"(=|%(-?[0-9]+)%)?"
                r"(.+?" + _ANSWER_END + r")"
                r"(#(.*?" + _FEEDBACK_END + r"))?")
_GAP = re.compile(r"\{([0-9]*):(" + _TYPE_NAMES + r"):(" + _ALTERNATIVE + r"(~" + _ALTERNATIVE + r")*)\}", re.S)
_ONE = re.compile(r"~?" + _ALTERNATIVE, re.S)


@dataclass(frozen=True)
class Alternative:
    fraction: float
    answer: str
    feedback: str


@dataclass(frozen=True)
class Gap:
    weight: int
    qtype: str
    alternatives: tuple[Alternative, ...]

    @property
    def right(self) -> list[str]:
        return [a.answer for a in self.alternatives if a.fraction == 1]

    @property
    def answers(self) -> list[str]:
        return [a.answer for a in self.alternatives]


def _unquote(value: str) -> str:
    return html.unescape(value).replace("\\}", "}").replace("\\#", "#")


def _alternatives(body: str) -> tuple[Alternative, ...]:
    found = []
    while body:
        match = _ONE.match(body)
        if not match:
            break
        marker, percent, answer, feedback = match.group(1), match.group(2), match.group(3), match.group(5)
        fraction = 1.0 if marker == "=" else (int(percent) / 100 if percent else 0.0)
        found.append(Alternative(fraction, _unquote(answer), _unquote(feedback or "")))
        body = body[match.end():]
    return tuple(found)


def cloze_gaps(question_html: str) -> tuple[list[Gap], str]:
    """The gaps Moodle finds in a cloze question's text, in order, and the text left around
    them (each gap replaced by `{#n}`, as Moodle stores it)."""
    gaps: list[Gap] = []
    text = question_html
    while True:
        match = _GAP.search(text)
        if not match:
            return gaps, text
        weight = int(match.group(1) or 1)
        gaps.append(Gap(weight, _TYPES[match.group(2)], _alternatives(match.group(3))))
        text = text[:match.start()] + "{#%d}" % len(gaps) + text[match.end():]


def shortanswer_matches(pattern: str, response: str, case_sensitive: bool = False) -> bool:
    """Whether Moodle's short-answer marking accepts `response` for the answer `pattern`."""
    pieces = re.split(r"(?<!\\)\*+", pattern)
    regex = ".*".join(re.escape(piece.replace("\\*", "*")) for piece in pieces)
    return re.fullmatch(regex, response.strip(), 0 if case_sensitive else re.I) is not None
