"""The profile linter: what a pack's board profile expects of the paper, compared with the
paper, as warnings with file:line (`studypack check`; `--strict` makes them fail).

It checks the total and SPaG marks, the time, the sections (how many, their titles), the
questions in each (how many, their marks and parts, their command words, a stimulus where
the board gives one), the nouns the sources are labelled with, and whether the sources go
in a booklet or on the paper.
"""

from __future__ import annotations

from studypack.base.errors import Problem
from studypack.spec import references
from studypack.spec.profile import papers
from studypack.spec.sheets import booklet_letters


def lint(loaded) -> list[Problem]:
    """Warnings for the paper(s) of a pack whose profile `loaded.profile` is set."""
    chosen = loaded.profile
    if chosen is None:
        return []
    profile, name = chosen.profile, chosen.name
    pack = loaded.pack
    found: list[Problem] = []

    def warn(path: tuple, message: str) -> None:
        found.append(Problem(f"{message} (profile {name})", loaded.locate(path)))

    _labels(pack, profile, warn)
    for s in papers(pack):
        _paper(pack, s, profile, warn)
    return found


def _labels(pack, profile, warn) -> None:
    """Each source called by a noun this paper labels its sources with."""
    for i, source in enumerate(pack.sources):
        noun = references.split(source.name)[0]
        if noun not in profile.labels:
            where = ("sources", i, "label") if source.label else ("sources", i, "letter")
            warn(where, f"source {source.letter} is called '{source.name}', but this paper labels its sources "
                 f"{' or '.join(repr(n) for n in profile.labels)}: give it a label such as '{profile.labels[-1]} 1'")


def _paper(pack, s: int, profile, warn) -> None:
    """One paper against the profile: marks, time, where its sources go, its sections and questions."""
    sheet = pack.sheets[s]
    here = ("sheets", s)
    what = f"sheet '{sheet.id}'"
    paper = profile.paper
    total, spag = sheet.total_for(None), sheet.spag_for(None)
    if paper.total is not None and total != paper.total:
        warn(here, f"{what} is worth {total} marks, but this paper is worth {paper.total}: add or take away marks")
    if paper.spag is not None and spag != paper.spag:
        warn(here, f"{what} has {spag} SPaG marks, but this paper has {paper.spag}")
    if paper.time and sheet.time and _plain(sheet.time) != _plain(paper.time):
        warn(here + ("time",), f"{what} says the time is '{sheet.time}', but this paper takes {paper.time}")
    _sources_placed(pack, sheet, here, what, profile, warn)
    if paper.sections:
        _sections(sheet, here, what, paper.sections, warn)
    elif paper.questions:
        groups = sheet.groups()
        questions = [q for _sec, _k, qs in groups for q in qs]
        paths = [here + ((("sections", k) if sec is not None else ()) + ("questions", j))
                 for sec, k, qs in groups for j in range(len(qs))]
        _questions(questions, paths, paper.questions, what, here, 0, warn)


def _sources_placed(pack, sheet, here: tuple, what: str, profile, warn) -> None:
    """The sources in a booklet or on the paper, as the profile has them."""
    letters = booklet_letters(sheet, pack)
    if profile.sources_in == "booklet" and sheet.sources and not letters:
        warn(here + ("sources",), f"{what} prints its sources on the paper, but this paper has them in a separate "
             f"{profile.booklet or 'booklet'}: use kind: exam or source_booklet: true")
    if profile.sources_in == "paper" and letters:
        warn(here + ("sources",), f"{what} puts its sources in a booklet, but this paper prints them with the questions")


def _sections(sheet, here, what, rules, warn) -> None:
    if len(sheet.sections) != len(rules):
        titles = ", ".join(f"'{r.title}'" for r in rules if r.title) or f"{len(rules)}"
        have = len(sheet.sections)
        warn(here + (("sections",) if have else ()), f"{what} has {have} section{'s' if have != 1 else ''}, but this paper "
             f"has {len(rules)} ({titles}): {'add the missing one' if have < len(rules) else 'take one away'}")
    number = 0
    for k, (section, rule) in enumerate(zip(sheet.sections, rules)):
        where = here + ("sections", k)
        if rule.title and not _plain(section.title).startswith(_plain(rule.title)):
            warn(where + ("title",), f"{what}, section {k + 1} is '{section.title}', but this paper's section {k + 1} "
                 f"is '{rule.title}'")
        paths = [where + ("questions", j) for j in range(len(section.questions))]
        _questions(list(section.questions), paths, rule.questions, f"{what}, section {k + 1}", where, number, warn)
        number += len(section.questions)


def _questions(questions, paths, rules, what, where, number, warn) -> None:
    if len(questions) != len(rules):
        warn(where + ("questions",), f"{what} has {len(questions)} question{'s' if len(questions) != 1 else ''}, "
             f"but this paper has {len(rules)} there")
    for j, (q, rule, path) in enumerate(zip(questions, rules, paths)):
        _question(q, rule, path, f"question {number + j + 1}", warn)


def _question(q, rule, path, label, warn) -> None:
    if rule.marks is not None and q.marks != rule.marks:
        warn(path + ("marks",), f"{label} is worth {q.marks} marks, but this paper's {label} is worth {rule.marks}")
    spag = getattr(q, "spag", None) or 0
    if rule.spag is not None and spag != rule.spag:
        warn(path, f"{label} has {spag} SPaG marks, but this paper's {label} has {rule.spag}")
    prompt = " ".join(p for p in [getattr(q, "prompt", None)] + [getattr(p, "prompt", "") for p in getattr(q, "parts", None) or []] if p)
    if rule.command and prompt and not any(c.lower() in _plain(prompt) for c in rule.command):
        warn(path + ("prompt",), f"{label} does not use this paper's command words for it "
             f"({' / '.join(repr(c) for c in rule.command)})")
    if rule.stimulus and not getattr(q, "stimulus", None):
        warn(path, f"{label} gives no stimulus, but this paper's {label} lists points to use: add 'stimulus:'")
    if rule.levels and q.kind != "extended":
        warn(path + ("kind",), f"{label} is marked by levels on this paper: make it kind: extended with a levels mark scheme")
    parts = list(getattr(q, "parts", None) or [])
    if rule.parts and len(parts) != len(rule.parts):
        warn(path, f"{label} has {len(parts)} parts, but this paper's {label} has {len(rule.parts)}")
    for i, (part, part_rule) in enumerate(zip(parts, rule.parts)):
        _question(part, part_rule, path + ("parts", i), f"{label}({chr(97 + i)})", warn)


def _plain(words: str) -> str:
    return " ".join(words.lower().replace("’", "'").split())
