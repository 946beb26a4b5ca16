"""The profile linter: what a pack's board profile expects of the paper, compared with the
paper, as warnings with file:line (`studypack check`; `--strict` makes them fail).

It checks the total and SPaG marks, the time, the sections (how many, their titles), the
questions in each (how many, their marks and parts, their command words, a stimulus where
the board gives one), the nouns the sources are labelled with, and whether the sources go
in a booklet or on the paper.

Each warning has a kind (`profile-marks`, …: the `profile-` kinds of `spec.model.ACCEPTABLE`) and a subject (a sheet id, a source
letter, or a question: its id, else `<sheet id>/3(b)`), so a pack can accept it with a reason
as it accepts its other warnings. Prompts are compared as a reader sees them: without the
inline markup (`**one**`) and quotation marks a teacher writes.
"""

from __future__ import annotations

import re
from typing import Callable, cast

from studypack.base.errors import Problem, said
from studypack.spec import references
from studypack.spec.profile import papers
from studypack.spec.sheets import booklet_letters


# The English of the counted warnings (en.yaml's): a paper's sections and questions.
_SECTIONS = {"one": "{what} has {n} section, but this paper has {paper} ({titles}): {fix}",
             "other": "{what} has {n} sections, but this paper has {paper} ({titles}): {fix}"}
_QUESTIONS = {"one": "{what} has {n} question, but this paper has {paper} there",
              "other": "{what} has {n} questions, but this paper has {paper} there"}

Warn = Callable[[tuple, str, str, str], None]  # (key path, message, kind, subject)


def lint(loaded) -> list[tuple[Problem, str, str]]:
    """(warning, kind, subject) for the paper(s) of a pack whose profile `loaded.profile` is set."""
    chosen = loaded.profile
    if chosen is None:
        return []
    profile, name = chosen.profile, chosen.name
    pack = loaded.pack
    found: list[tuple[Problem, str, str]] = []

    def warn(path: tuple, message: str, kind: str, subject: str) -> None:
        found.append((Problem(said("term.profile-lint", "{message} (profile {name})", message=message, name=name),
                              loaded.locate(path)), kind, subject))

    _labels(pack, profile, warn)
    for s in papers(pack):
        _paper(pack, s, profile, warn)
    return found


def _labels(pack, profile, warn: Warn) -> None:
    """Each source called by a noun this paper labels its sources with."""
    for i, source in enumerate(pack.sources):
        noun = references.split(source.name)[0]
        if noun not in profile.labels:
            where = ("sources", i, "label") if source.label else ("sources", i, "letter")
            labels = said("term.lint-or", " or ").join(repr(n) for n in profile.labels)
            warn(where, said("term.profile-label", "source {letter} is called '{name}', but this paper labels its sources "
                             "{labels}: give it a label such as '{example} 1'", letter=source.letter, name=source.name,
                             labels=labels, example=profile.labels[-1]), "profile-label", source.letter)


def _paper(pack, s: int, profile, warn: Warn) -> None:
    """One paper against the profile: marks, time, where its sources go, its sections and questions."""
    sheet = pack.sheets[s]
    here = ("sheets", s)
    what = said("term.at-sheet", "sheet '{id}'", id=sheet.id)
    paper = profile.paper
    total, spag = sheet.total_for(None), sheet.spag_for(None)
    if paper.total is not None and total != paper.total:
        warn(here, said("term.profile-total", "{what} is worth {total} marks, but this paper is worth {paper}: add or take "
                        "away marks", what=what, total=total, paper=paper.total), "profile-total", sheet.id)
    if paper.spag is not None and spag != paper.spag:
        warn(here, said("term.profile-spag", "{what} has {spag} SPaG marks, but this paper has {paper}", what=what, spag=spag,
                        paper=paper.spag), "profile-spag", sheet.id)
    if paper.time and sheet.time and not same_time(sheet.time, paper.time):
        warn(here + ("time",), said("term.profile-time", "{what} says the time is '{time}', but this paper takes {paper}",
                                    what=what, time=sheet.time, paper=paper.time), "profile-time", sheet.id)
    _sources_placed(pack, sheet, here, what, profile, warn)
    _answer_forms(sheet, here, profile, warn)
    if paper.sections:
        _sections(sheet, here, what, paper.sections, warn)
    elif paper.questions:
        groups = sheet.groups()
        questions = [q for _sec, _k, qs in groups for q in qs]
        paths = [here + ((("sections", k) if sec is not None else ()) + ("questions", j))
                 for sec, k, qs in groups for j in range(len(qs))]
        _questions(sheet.id, (questions, paths), paper.questions, (what, here), 0, warn)


# a sentence of a prompt telling how to mark the answer ("Tick (✓) one box.", "Shade one circle")
_ANSWERING = re.compile(r"(?:^|(?<=[.?!:]))\s*((?:tick|shade|circle|put a cross|put a tick|cross)\b[^.?!]*[.?!]?)", re.I)


def answering_said(prompt: str | None) -> str | None:
    """The prompt's own sentence saying how to mark an option ("Tick (✓) **one** box."), if any."""
    found = _ANSWERING.search(prompt or "")
    return _unmarked(found.group(1)) if found else None


def _unmarked(words: str) -> str:
    """The words without inline markup, one space between them."""
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", words).split())


def _answer_forms(sheet, here: tuple, profile, warn: Warn) -> None:
    """A one-answer question whose prompt says how to mark it where the paper's own form
    (the profile's `choices: instruction:`, printed under every such question) says it:
    "Tick (✓) one box." over circles to shade tells the candidate two things."""
    form = (profile.layout.get("choices") or {}).get("instruction") if isinstance(profile.layout, dict) else None
    if not form:
        return
    groups = sheet.groups() if hasattr(sheet, "groups") else [(None, -1, sheet.questions)]
    for section, k, questions in groups:
        base = here + (("sections", k) if section is not None else ())
        for j, q in enumerate(questions):
            pairs = [(base + ("questions", j), q)] + [(base + ("questions", j, "parts", i), p)
                                                      for i, p in enumerate(getattr(q, "parts", None) or [])]
            for path, one in pairs:
                own = answering_said(getattr(one, "prompt", None)) if one.kind == "multiple-choice" else None
                if own:
                    warn(path + ("prompt",), said("term.profile-repeated", "the prompt says '{own}', but this paper prints "
                                                  "its own form under every multiple-choice question ('{form}'): leave the "
                                                  "instruction out of the prompt", own=own, form=_unmarked(form)),
                         "repeated-instruction", getattr(one, "id", None) or getattr(q, "id", None) or sheet.id)


def _sources_placed(pack, sheet, here: tuple, what: str, profile, warn: Warn) -> None:
    """The sources in a booklet or on the paper, as the profile has them."""
    letters = booklet_letters(sheet, pack)
    if profile.sources_in == "booklet" and sheet.sources and not letters:
        booklet = profile.booklet or said("term.profile-booklet-word", "booklet")
        warn(here + ("sources",), said("term.profile-on-paper", "{what} prints its sources on the paper, but this paper has "
                                       "them in a separate {booklet}: use kind: exam or source_booklet: true", what=what,
                                       booklet=booklet), "profile-booklet", sheet.id)
    if profile.sources_in == "paper" and letters:
        warn(here + ("sources",), said("term.profile-in-booklet", "{what} puts its sources in a booklet, but this paper "
                                       "prints them with the questions", what=what), "profile-booklet", sheet.id)


def _sections(sheet, here, what, rules, warn: Warn) -> None:
    if len(sheet.sections) != len(rules):
        titles = ", ".join(f"'{r.title}'" for r in rules if r.title) or f"{len(rules)}"
        have = len(sheet.sections)
        fix = said("term.profile-add-one", "add the missing one") if have < len(rules) else \
            said("term.profile-take-one", "take one away")
        warn(here + (("sections",) if have else ()), said("term.profile-section-count", _SECTIONS, have, what=what,
                                                          paper=len(rules), titles=titles, fix=fix), "profile-sections", sheet.id)
    if not sheet.sections:  # a paper without sections: its questions are the sections' run together
        questions = list(sheet.all_questions)
        _questions(sheet.id, (questions, [here + ("questions", j) for j in range(len(questions))]),
                   [q for rule in rules for q in rule.questions], (what, here), sheet.first_number - 1, warn)
        return
    number = sheet.first_number - 1
    for k, (section, rule) in enumerate(zip(sheet.sections, _section_rules(sheet.sections, rules))):
        where = here + ("sections", k)
        if rule is None:
            number += len(section.questions)
            continue
        if rule.title and not _plain(section.title).startswith(_plain(rule.title)):
            warn(where + ("title",), said("term.profile-section-title", "{what}, section {n} is '{title}', but this paper's "
                                          "section {n} is '{paper}'", k + 1, what=what, title=section.title, paper=rule.title),
                 "profile-sections", sheet.id)
        paths = [where + ("questions", j) for j in range(len(section.questions))]
        _questions(sheet.id, (list(section.questions), paths), rule.questions, (what + ", " + said("term.at-section", "section {n}", k + 1), where),
                   number, warn)
        number += len(section.questions)


def _section_rules(sections, rules) -> list:
    """The rule each of a paper's sections is held to: the profile's section its title starts
    with ("Section B: The 19th-century novel" is Section B, wherever it stands, so a practice
    paper of one section is checked against that section), else the one in its place."""
    out = []
    for k, section in enumerate(sections):
        named = [r for r in rules if r.title and _plain(section.title).startswith(_plain(r.title))]
        out.append(named[0] if named else (rules[k] if k < len(rules) else None))
    return out


def _questions(sheet_id: str, questions_paths: tuple[list, list], rules, what_where: tuple[str, tuple],
               number: int, warn: Warn) -> None:
    """A paper's (or section's) questions against its rules; `number`: the questions before them."""
    questions, paths = questions_paths
    what, where = what_where
    if len(questions) != len(rules):
        warn(where + ("questions",), said("term.profile-question-count", _QUESTIONS, len(questions), what=what,
                                          paper=len(rules)), "profile-questions", sheet_id)
    for j, (q, rule, path) in enumerate(zip(questions, rules, paths)):
        _question(q, rule, path, (sheet_id, str(number + j + 1)), warn)


def _question(q, rule, path, named: tuple[str, str], warn: Warn) -> None:
    """One question (or part: `named` (sheet id, "3(b)")) against its rule."""
    sheet_id, number = named
    # a part's number ("3(b)") is said where a question's goes: it counts nothing
    label = said("term.at-question", "question {n}", cast(int, number))
    subject = getattr(q, "id", None) or f"{sheet_id}/{number}"
    if rule.marks is not None and q.marks != rule.marks:
        warn(path + ("marks",), said("term.profile-marks", "{label} is worth {marks} marks, but this paper's {label} is worth "
                                     "{paper}", label=label, marks=q.marks, paper=rule.marks), "profile-marks", subject)
    spag = getattr(q, "spag", None) or 0
    if rule.spag is not None and spag != rule.spag:
        warn(path, said("term.profile-question-spag", "{label} has {spag} SPaG marks, but this paper's {label} has {paper}",
                        label=label, spag=spag, paper=rule.spag), "profile-spag", subject)
    prompt = " ".join(p for p in [getattr(q, "prompt", None)] + [getattr(p, "prompt", "") for p in getattr(q, "parts", None) or []] if p)
    if rule.command and prompt and not uses_command(prompt, rule.command):
        warn(path + ("prompt",), said("term.profile-command", "{label} does not use this paper's command words for it "
                                      "({words})", label=label, words=" / ".join(repr(c) for c in rule.command)),
             "profile-command", subject)
    if rule.stimulus and not getattr(q, "stimulus", None):
        warn(path, said("term.profile-stimulus", "{label} gives no stimulus, but this paper's {label} lists points to use: "
                        "add 'stimulus:'", label=label), "profile-stimulus", subject)
    if rule.levels and q.kind != "extended":
        warn(path + ("kind",), said("term.profile-levels", "{label} is marked by levels on this paper: make it kind: extended "
                                    "with a levels mark scheme", label=label), "profile-levels", subject)
    parts = list(getattr(q, "parts", None) or [])
    if rule.parts and len(parts) != len(rule.parts):
        warn(path, said("term.profile-parts", "{label} has {parts} parts, but this paper's {label} has {paper}", label=label,
                        parts=len(parts), paper=len(rule.parts)), "profile-parts", subject)
    for i, (part, part_rule) in enumerate(zip(parts, rule.parts)):
        _question(part, part_rule, path + ("parts", i), (sheet_id, f"{number}({chr(97 + i)})"), warn)


_MARKUP = re.compile(r"\\([*_])|[*_]+")  # `**one**`, `_why_`: the markers go; an escaped `\*` stays a star
_QUOTES = str.maketrans({c: " " for c in "\"“”„«»`"} | {c: "'" for c in "‘’‛′"})
_QUOTE_MARK = re.compile(r"(?<![^\W\d_])'|'(?![^\W\d_])")  # a straight single quote not inside a word (don't)


def uses_command(prompt: str, commands) -> bool:
    """Whether the prompt, as a reader sees it, holds one of the command words: `Suggest
    **one** reason` uses "Suggest one"; "'What', according to Source A" uses "What, according to"."""
    return any(_as_read(c) in _as_read(prompt) for c in commands)


def _as_read(text: str) -> str:
    """The words as printed, compared in plain form: no inline markup, no quotation marks."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", text).translate(_QUOTES)
    return _plain(_QUOTE_MARK.sub(" ", text))


_NUMBER = r"\d+(?:[.,]\d+)?[½¼¾]?|[½¼¾]|an?|one|two|three|four|five|half an?"
_AMOUNT = re.compile(rf"(?<![\w.])({_NUMBER})(\s+and\s+a\s+half)?\s*(hours?|hrs?|h|minutes?|mins?|m)(?!\w)", re.I)
_READING = re.compile(r"\([^()]*\)|(?:\bplus\b|\+|\band\b|\bwith\b|,)[^,;()]*?\breading(?:\s+time)?", re.I)
_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0}
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}


def minutes(time: str) -> float | None:
    """The writing time a paper's `time:` gives, in minutes ("1 hour 15 minutes", "75 mins",
    "1½ hours"), leaving out what is in brackets and any reading time ("1 hour (plus 5 minutes'
    reading time)" is 60); None when it gives no hours or minutes."""
    found = list(_AMOUNT.finditer(_READING.sub(" ", time))) or list(_AMOUNT.finditer(time))
    if not found:
        return None
    total = 0.0
    for match in found:
        amount = _number(match.group(1).lower()) + (0.5 if match.group(2) else 0.0)
        total += amount * (60 if match.group(3).lower().startswith("h") else 1)
    return total


def _number(word: str) -> float:
    """"1", "1.5", "1½", "½", "one", "an", "half an" as a number."""
    if word.startswith("half"):
        return 0.5
    if word in _WORDS:
        return _WORDS[word]
    fraction = _FRACTIONS.get(word[-1], 0.0)
    whole = word[:-1] if fraction else word
    return fraction + (float(whole.replace(",", ".")) if whole else 0.0)


def same_time(written: str, expected: str) -> bool:
    """Whether a paper's time is the profile's, however each is written."""
    ours, theirs = minutes(written), minutes(expected)
    if ours is not None and theirs is not None:
        return ours == theirs
    return _plain(written) == _plain(expected)


def _plain(words: str) -> str:
    """Lower case, one space between words, apostrophes straight; no space before punctuation."""
    words = " ".join(words.lower().replace("’", "'").split())
    return re.sub(r" (?=[,.;:?!)])|(?<=\() ", "", words)
