"""Lints: things a valid pack may still get wrong, as warnings with file:line.

A pack that validates can still have a source no sheet shows, a question citing a source
the pack lacks, two identical questions, four lines for an eight-mark answer, or sources
far harder to read than the pack's level. `studypack check` and `build` print these; `--strict`
makes them errors, except the ones a pack accepts with a reason (`accept:` in pack.yaml, see
`spec.model.Accept`), which are listed as accepted.
"""

from __future__ import annotations

import re
import json
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path
from typing import Callable

from studypack.plan import profile_lint
from studypack.base.errors import Problem, said
from studypack.base.walk import strings
from studypack.spec import questions as kinds, references, stimuli
from studypack.spec.stimulus_base import FIXED_LINES
from studypack.spec.model import subject_said
from studypack.content.validate import LoadedPack

WORD = re.compile(r"[A-Za-zÀ-ÿ']+")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
ANSWER_FIELDS = ("answer", "answers", "mark_scheme", "points", "model_answer")
# "Total: 40 marks", "total for this section is 20 marks", "30 marks in total", "(out of 25)"
# "Option C describes…", "answer B", "(D) is wrong", "C and D are", "options A and C": a letter
# that class-set variants move, so the key would name another option
LETTERED = re.compile(r"\b(?:options?|answers?|choices?|letters?|boxe?s?)\s*:?\s+\(?([A-Z])\)?(?![\w'’])"
                      r"|(?<![\w'’])\(([A-Z])\)(?!\w)|^\s*([A-Z])\s+(?:is|are|was|and|or)\b", re.I)
DECLARED = re.compile(r"\btotal\b[^.\n]{0,40}?\b(\d+)\s*marks?\b|\b(\d+)\s*marks?\s+in\s+total\b|\bout\s+of\s+(\d+)\b", re.I)


@dataclass(frozen=True)
class Finding:
    """A lint warning with the rule and subject an `accept:` entry names it by."""

    problem: Problem
    rule: str
    subject: str


@dataclass
class Judged:
    """A pack's lint warnings: those still standing, and those accepted, with the reason;
    `entries`, the `accept:` entry that would accept each warning still standing."""

    warnings: list[Problem]
    accepted: list[tuple[Problem, str]]
    entries: dict[Problem, str] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    """A source's reading level by the Flesch–Kincaid grade formula (US school grade)."""

    letter: str
    grade: float
    words: int
    by_verse_line: bool = False  # a poem: each verse line is read as a unit, not each sentence

    @property
    def age(self) -> int:
        return round(self.grade) + 5  # US grade 1 is ages 6-7


def judge(loaded: LoadedPack) -> Judged:
    """The lint warnings, less those the pack accepts; an accept that matches no warning of
    this pack's own is a warning itself (the text it excused has changed)."""
    findings = findings_of(loaded)
    accepts = {(a.rule, a.subject): (i, a.why) for i, a in enumerate(loaded.pack.accept)}
    warnings, accepted, used, entries = [], [], set(), {}
    for finding in findings:
        hit = accepts.get((finding.rule, finding.subject))
        if hit is None:
            warnings.append(finding.problem)
            entries[finding.problem] = accept_entry(finding.rule, finding.subject)
        else:
            accepted.append((finding.problem, hit[1]))
            used.add((finding.rule, finding.subject))
    root = Path(loaded.root).resolve()
    for (rule, subject), (i, _why) in accepts.items():
        where = loaded.locate(("accept", i))  # an accept inherited from a base pack may excuse what this pack left out
        if (rule, subject) not in used and where is not None and Path(where.file).resolve().is_relative_to(root):
            warnings.append(Problem(said("term.accept-unused", "accept: check gives no {rule} warning for {subject} ({what}): "
                                         "remove this entry", rule=rule, subject=subject, what=subject_said(rule)), where))
    return Judged(warnings, accepted, entries)


_PLAIN = re.compile(r"[A-Za-z0-9][\w/().-]*")  # written as it is in a YAML flow mapping


def accept_entry(rule: str, subject: str) -> str:
    """The line of `accept:` that accepts a warning: `- {profile-marks: paper-3/3(b), why: "…"}`."""
    said = subject if _PLAIN.fullmatch(subject) else json.dumps(subject, ensure_ascii=False)
    return f'- {{{rule}: {said}, why: "…"}}'


def lint(loaded: LoadedPack) -> list[Problem]:
    """The lint warnings the pack does not accept."""
    return judge(loaded).warnings


Warn = Callable[[tuple, str, str, str], None]  # (key path, message, rule, subject)


def findings_of(loaded: LoadedPack) -> list[Finding]:
    """Every lint warning with its rule and subject, the board profile's last."""
    pack = loaded.pack
    found: list[Finding] = []

    def warn(path: tuple, message: str, rule: str, subject: str) -> None:
        found.append(Finding(Problem(message, loaded.locate(path)), rule, subject))

    _unused_sources(pack, warn)
    for i, source in enumerate(pack.sources):
        _missing_alt(getattr(source, "image", None), ("sources", i, "image"), f"source {source.letter}", source.letter, warn)
    for s, sheet in enumerate(pack.sheets):
        _marks_totals(pack, s, sheet, warn)
    words_used = _question_findings(pack, warn)
    _unused_glossary(pack, words_used, warn)
    _reading_ages(pack, warn)
    return found + [Finding(*found_) for found_ in profile_lint.lint(loaded)]  # the board profile's, last


def _missing_alt(picture, path: tuple, where: str, subject: str, warn: Warn) -> None:
    """A picture without `alt:`: a tagged PDF's figure, and a screen reader, say nothing of it."""
    if picture is not None and "alt" in type(picture).model_fields and not picture.alt:
        warn(path, said("term.lint-alt", "{where}: its picture has no alt text, so a screen reader says nothing of it: add "
                        "alt: (what the picture shows, for a reader who cannot see it)", where=where), "missing-alt", subject)


def _unused_sources(pack, warn: Warn) -> None:
    shown = {letter for sheet in pack.sheets for letter in sheet.sources}
    for i, source in enumerate(pack.sources):
        if source.letter not in shown:
            warn(("sources", i), said("term.lint-unused-source", "source {letter} is on no sheet: add it to a sheet's sources: "
                                      "or remove it", letter=source.letter), "unused-source", source.letter)


def _marks_totals(pack, s: int, sheet, warn: Warn) -> None:
    """A total written in a sheet's instructions (each tier's), a section's rubric or title,
    against the marks its questions add up to."""
    for path, text, total, what, sheet_id in _totals_said(pack, s, sheet):
        for declared in _declared(text):
            if declared != total:
                warn(path, said("term.lint-total", "{what} says {declared} marks in total, but its questions add up to {total}: "
                                "make them agree", what=what, declared=declared, total=total), "marks-total", sheet_id)


def _totals_said(pack, s: int, sheet) -> list[tuple[tuple, str | None, int, str, str]]:
    """(key path, text, the marks it should say, what it is, sheet id) of each text that may state a total."""
    paper = next((p for p in pack.sheets if p.id == getattr(sheet, "paper", None)), sheet)  # a cover: its paper
    texts: list[tuple[tuple, str | None, int, str, str]] = [
        (("sheets", s, "instructions"), sheet.instructions_for(None), paper.total, said("term.at-sheet", "sheet '{id}'",
                                                                                       id=sheet.id), sheet.id)]
    if getattr(sheet, "tiered", False) and sheet.instructions_for("foundation") != sheet.instructions_for(None):
        texts = [(("sheets", s, "instructions", t), sheet.instructions_for(t), paper.total_for(t),
                  said("term.lint-sheet-tier", "sheet '{id}' ({tier} tier)", id=sheet.id, tier=t), sheet.id)
                 for t in ("foundation", "higher")]
    for i, section, _qs in [(i, sec, qs) for sec, i, qs in sheet.groups() if sec is not None] if hasattr(sheet, "groups") else []:
        total = sum(q.marks + (getattr(q, "spag", None) or 0) for q in section.questions)
        where = ("sheets", s, "sections", i)
        named = said("term.lint-section", "section '{title}'", title=section.title)
        texts += [(where + ("rubric",), section.rubric, total, named, sheet.id),
                  (where + ("title",), section.title, total, named, sheet.id)]
    return texts


def _question_findings(pack, warn: Warn) -> list[str]:
    """Each question's warnings, in order; returns every question's words (for the glossary)."""
    prompts: dict[str, str] = {}
    words_used = []
    names = ({s.name: s.letter for s in pack.sources}, references.nouns_of(pack.sources))
    counted: dict[int, int] = {}  # questions so far on each sheet: numbered through its sections, as printed
    for path, sheet, q in questions(pack):
        number = counted[path[1]] = counted.get(path[1], 0) + 1
        where = said("term.at-sheet", "sheet '{id}'", id=sheet.id) + ", " + said("term.at-question", "question {n}", number)
        label = q.id or f"{sheet.id}/{number}"  # what an accept: entry calls it
        words_used.append(_all_text(q))
        _unshown_citations(pack, names, path, sheet, q, where, label, warn)
        _fixed_lines(pack, path, sheet, q, (where, label), warn)
        _missing_alt(getattr(q, "image", None), path + ("image",), where, label, warn)
        fields = [f for f in ANSWER_FIELDS if f in type(q).model_fields]
        if fields and not kinds.keyed(q) and not getattr(q, "parts", None) and not any(getattr(q, f, None) for f in fields):
            warn(path, said("term.lint-no-answer", "{where}: has no answer or mark scheme, so the answer key will be empty for "
                            "it: add {fields}", where=where, fields=said("term.lint-or", " or ").join(fields[:2])),
                 "no-answer", label)
        key = " ".join(WORD.findall(" ".join(prompts_of(q)).lower()))
        if key in prompts:
            warn(path + ("prompt",), said("term.lint-same", "{where}: the same question as {other}", where=where,
                                          other=prompts[key]), "same-question", label)
        else:
            prompts[key] = where
        for field, words in _explanations(q):
            letter = _names_letter(words)
            if letter:
                warn(path + field, said("term.lint-option-letter", "{where}: the explanation names option {letter}, but "
                                        "class-set variants reorder the options, so the key would name another one: refer "
                                        "to the option by what it says", where=where, letter=letter), "option-letter", label)
        for field, message, rule in kinds.warnings(q):
            warn(path + field, said("term.lint-kind", "{where}: {message}", where=part_named(where, field), message=message),
                 rule, label)
        lines = getattr(q, "lines", None) if kinds.lined(q) else None
        if lines is not None and 0 < lines < q.marks:
            warn(path + ("lines",), said("term.lint-few-lines", "{where}: {lines} lines for {marks} marks is too little "
                                         "space: give at least {marks} lines, or leave lines out to get the layout's lines "
                                         "per mark", where=where, lines=lines, marks=q.marks), "few-lines", label)
    return words_used


def _unshown_citations(pack, names: tuple[dict[str, str], tuple[str, ...]], path: tuple, sheet, q,
                       where: str, label: str, warn: Warn) -> None:
    """A source the question names that its sheet does not show (one the pack lacks: validate).
    `names`: the sources' letters by name, and the nouns a prompt may cite them by."""
    by_name, nouns = names
    for name in references.cited_names(" ".join(prompts_of(q)), nouns):
        letter = by_name.get(name)
        if letter and sheet.sources and letter not in sheet.sources:
            labelled = any(pack.source(x).label for x in sheet.sources)
            shows = references.phrase([pack.source(x).name for x in sheet.sources]) if labelled else ", ".join(sheet.sources)
            warn(path + ("prompt",), said("term.lint-unshown", "{where}: cites {name}, which this sheet does not show (it "
                                          "shows {shows})", where=where, name=name, shows=shows), "cites-unshown", label)


def part_named(where: str, field: tuple) -> str:
    """"question 3" as "question 3(b)" for a warning about its second part (`field` ("parts", 1, …))."""
    return f"{where}({chr(97 + field[1])})" if field[:1] == ("parts",) and len(field) > 1 else where


def _fixed_lines(pack, path: tuple, sheet, q, called: tuple[str, str], warn: Warn) -> None:
    """A prompt citing fixed line numbers ("lines 5-8") on a sheet showing a text numbered by
    printed line (a prose extract, a source), whose numbers move with the layout's type size."""
    where, label = called  # the question in messages, and in an accept: entry
    shown = [pack.source(x) for x in sheet.sources]
    for part, prompt in _prompts_with_paths(q):
        found = FIXED_LINES.search(prompt or "")
        named = set(references.cited_names(prompt or "", references.nouns_of(pack.sources)))
        cited = [s for s in shown if s.name in named] or shown  # the texts it names, else all the sheet shows
        moving = [s.name for s in cited if s.text and stimuli.printed_lines(s)]
        if found and moving:
            warn(path + part + ("prompt",), said("term.lint-fixed-lines", _FIXED, len(moving), where=part_named(where, part),
                                                 lines=found.group(0), texts=references.phrase(moving)), "fixed-lines", label)


_FIXED = {"one": "{where}: '{lines}' is a fixed line number, but {texts} is numbered by printed line, which moves with the "
                 "layout (large print wraps the text anew): mark the place in the text with {{#name}} and cite it as "
                 "{{lines:name-other}}",
          "other": "{where}: '{lines}' is a fixed line number, but {texts} are numbered by printed line, which moves with the "
                   "layout (large print wraps the text anew): mark the place in the text with {{#name}} and cite it as "
                   "{{lines:name-other}}"}


def _prompts_with_paths(q) -> list[tuple[tuple, str]]:
    parts = getattr(q, "parts", None) or []
    return [((), q.prompt)] + [(("parts", i), getattr(part, "prompt", "")) for i, part in enumerate(parts)]


def _unused_glossary(pack, words_used: list[str], warn: Warn) -> None:
    corpus = " ".join(words_used + [s.text or "" for s in pack.sources] + [getattr(s, "title", None) or "" for s in pack.sources]
                      + [e.event for e in pack.timeline] + list(pack.glossary.values())).lower()
    for word in pack.glossary:
        others = corpus.replace(pack.glossary[word].lower(), " ")
        if not re.search(r"\b" + re.escape(word.lower().split(" (")[0]), others):
            warn(("glossary", word), said("term.lint-glossary", "glossary word '{word}' is not used in any source or question",
                                          word=word), "unused-glossary-word", word)


def _reading_ages(pack, warn: Warn) -> None:
    top = level_age(pack.level)
    for i, source in enumerate(pack.sources):
        reading = reading_level(source)
        if reading and top and reading.age > top + 2:
            warn(("sources", i, "text"), said("term.lint-reading-age", "source {letter} reads at about age {age} "
                                              "(Flesch–Kincaid grade {grade}), above the pack's level ({level}): consider a "
                                              "shorter extract or a glossary note for hard words", letter=source.letter,
                                              age=reading.age, grade=f"{reading.grade:.1f}", level=pack.level),
                 "reading-age", source.letter)


def questions(pack):
    """(path, sheet, question) for every question, in sections too."""
    for s, sheet in enumerate(pack.sheets):
        groups = sheet.groups() if hasattr(sheet, "groups") else [(None, -1, sheet.questions)]
        for section, i, qs in groups:
            base = ("sheets", s) + (("sections", i) if section is not None else ())
            for q, question in enumerate(qs):
                yield base + ("questions", q), sheet, question


def prompts_of(q) -> list[str]:
    """A question's own prompt and its parts' (a question with parts may have no prompt of its own)."""
    return [p for p in [getattr(q, "prompt", None)] + [part.prompt for part in getattr(q, "parts", None) or []] if p]


def _explanations(q) -> list[tuple[tuple, str]]:
    """(key path, text) of each explanation a question of a lettered kind carries, parts too."""
    found = []
    if getattr(q, "options", None) is not None or getattr(q, "items", None) is not None \
            or getattr(q, "pairs", None) is not None:
        if getattr(q, "explanation", None):
            found.append((("explanation",), q.explanation))
    for i, part in enumerate(getattr(q, "parts", None) or []):
        found += [(("parts", i) + where, words) for where, words in _explanations(part)]
    return found


def _names_letter(words: str) -> str | None:
    """The option letter an explanation names ("Option C describes…"), if it names one."""
    for match in LETTERED.finditer(words):
        letter = next(g for g in match.groups() if g)
        if letter.isupper() and not (letter == "A" and match.group(3)):  # "A trial held…" is an article
            return letter
    return None


def _declared(text: str | None) -> list[int]:
    if not text:
        return []
    return [int(next(g for g in m.groups() if g)) for m in DECLARED.finditer(text)]


def _all_text(q) -> str:
    """Every word a question holds: prompt, options, answers, mark scheme, scaffold word banks."""
    return " ".join(text for _path, text in strings(q))


def syllables(word: str) -> int:
    """An English syllable estimate: vowel groups, less a silent final e; at least one."""
    word = word.lower().strip("'")
    count = len(re.findall(r"[aeiouyàâäéèêëïîôöùûü]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_level(source) -> Reading | None:
    """Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.

    Verse is read a line at a time and a poem's sentence may run over twenty lines, so for a
    poem a unit is a sentence or a verse line, whichever is shorter: otherwise a sonnet of two
    sentences scores as if its reader needed a degree."""
    text = source.text or ""
    words = WORD.findall(text)
    if len(words) < 30:
        return None
    verse = getattr(source, "kind", None) == "poem"
    units = len(SENTENCE_END.findall(text))
    if verse:
        units = len([line for line in text.split("\n") if WORD.search(line)])
    grade = 0.39 * len(words) / max(1, units) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
    return Reading(source.letter, grade, len(words), verse)


_AGES = [  # (pattern, oldest reader in years) for the ways a level is written
    (r"ages?\s*\d+\s*[-–]\s*(\d+)", None),
    (r"ages?\s*(\d+)", None),
    (r"year\s*(\d+)", 5),        # England and Wales: Year 10 is ages 14-15
    (r"grade\s*(\d+)", 6),       # US and Canada: grade 9 is ages 14-15
    (r"key stage\s*3|ks3", 14),
    (r"key stage\s*4|ks4|gcse", 16),
    (r"a[- ]level|ib\b|key stage\s*5", 18),
]


def level_age(level: str) -> int | None:
    """The oldest age a pack's declared level is for, when it can be read from the words."""
    text = level.lower()
    for pattern, add in _AGES:
        match = re.search(pattern, text)
        if match:
            if match.groups():
                return int(match.group(1)) + (add or 0)
            return add
    return None
