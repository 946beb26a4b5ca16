"""The typed content model of a pack: what `pack.yaml` may hold, as frozen pydantic models.

Question kinds and sheet kinds come from their registries (spec.questions, spec.sheets: the kind folders
of studypack/kinds/), so a new kind needs no edit here. Cross-field rules (unique letters, cited sources exist) live in validate.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field, model_validator

from studypack.base.errors import said
from studypack.io.words import ENGLISH_WORDS, Language, Words
from studypack.spec.added import Added
from studypack.spec.questions import Question
from studypack.spec.fields import Ident, Strict, Text, Tier, in_tier
from studypack.spec.sheets import SHEET_KINDS
from studypack.spec import stimuli
from studypack.spec.stimuli import Stimulus
from studypack.spec.stimulus_base import Letter, SourceImage  # noqa: F401 (SourceImage: where it always was)

SheetKind: Any = Literal[tuple(SHEET_KINDS)]  # the registry's kinds, whatever modules it holds
Source: Any = Stimulus  # a pack's `sources:`: stimuli of every kind (spec/stimuli.py), historical sources among them


class Event(Strict):
    date: Text
    event: Text


class Section(Strict):
    """Part of a paper: a heading, rubric ("Answer all questions"), suggested time, questions."""

    title: Text
    rubric: Text | None = None
    time: Text | None = None
    tier: Tier | None = None
    questions: list[Question] = Field(min_length=1)
    shuffle: bool = False  # true lets class-set variants put this section's questions in another order


class TierInstructions(Strict):
    """Instructions that differ by tier: `instructions: {foundation: ..., higher: ...}`."""

    foundation: Text
    higher: Text


class Sheet(Strict, Added):
    """A student-facing sheet; the answer key is derived from all sheets.

    Questions are numbered through the whole sheet, across sections; each tier's paper
    numbers the questions it prints 1, 2, 3… for its students, and a key covering both
    tiers gives each question's number on each tier's paper (`key_labels`).
    """

    id: Ident
    kind: SheetKind
    title: Text
    instructions: Text | TierInstructions | None = None
    time: Text | None = None
    tier: Tier | None = None
    sources: list[Letter] = []
    source_booklet: bool = False  # print the sources in a separate booklet, not on the sheet
    booklet: Text | None = None  # the booklet's name ("Sources/Interpretations Booklet"); default from the profile, else "Source Booklet"
    paper: Ident | None = None  # a cover sheet: the id of the paper it goes in front of
    questions: list[Question] = []
    sections: list[Section] = []
    shuffle: bool = False  # true lets class-set variants reorder the questions within each section
    ADDED = {"first_number": 1, "code": None}  # a sheet numbered from 1, with no code, keeps its pack's fingerprint (variants, cache keys)
    first_number: int = Field(1, ge=1, le=99)  # the number of its first question (a paper of Section B only: AQA's 04)
    code: str | None = Field(None, max_length=40)  # the paper's own code on a board's cover (8145/1A/C: its option), over the profile's

    def groups(self) -> list[tuple[Section | None, int, list]]:
        """(section or None, its index, its questions) in order."""
        if self.sections:
            return [(section, i, list(section.questions)) for i, section in enumerate(self.sections)]
        return [(None, -1, list(self.questions))] if self.questions else []

    def numbered(self, tier: str | None = None) -> list[tuple[int, Section | None, Any]]:
        """(number, section, question) for each question printed in `tier`, numbered without
        gaps as that tier's students see them (no tier: every question), from `first_number`."""
        out: list[tuple[int, Section | None, Any]] = []
        for section, _i, questions in self.groups():
            for question in questions:
                if in_tier(question, tier) and (section is None or in_tier(section, tier)):
                    out.append((len(out) + self.first_number, section, question))
        return out

    def key_labels(self) -> list[tuple[str, Section | None, Any]]:
        """Every question with the number a key covering both tiers prints for it: its number
        where it is the same on both tiers' papers, else each tier's ("F3 / H4"; "F3" for
        a Foundation-only question)."""
        per_tier = {t: {id(q): n for n, _s, q in self.numbered(t)} for t in ("foundation", "higher")}
        out = []
        for number, section, question in self.numbered(None):
            found = [(t, per_tier[t].get(id(question))) for t in ("foundation", "higher")]
            numbers = {n for _t, n in found if n is not None}
            if len(numbers) == 1 and all(n is not None for _t, n in found):
                label = str(numbers.pop())
            else:
                label = " / ".join(f"{t[0].upper()}{n}" for t, n in found if n is not None)
            out.append((label or str(number), section, question))
        return out

    def instructions_for(self, tier: str | None) -> str | None:
        """The instructions as printed in `tier` (with none chosen, the higher tier's)."""
        if isinstance(self.instructions, TierInstructions):
            return getattr(self.instructions, tier or "higher")
        return self.instructions

    @property
    def tiered(self) -> bool:
        """Whether the sheet prints differently per tier: a question or section tagged with a
        tier, a tier's scaffold, or instructions per tier. An untiered build prints such a
        sheet twice, once per tier, so no student gets both tiers' questions and help."""
        if isinstance(self.instructions, TierInstructions):
            return True
        for section, _i, questions in self.groups():
            if section is not None and section.tier:
                return True
            for question in questions:
                if getattr(question, "tier", None) or getattr(getattr(question, "scaffold", None), "tier", None):
                    return True
        return False

    @property
    def all_questions(self) -> list:
        return [q for _s, _i, qs in self.groups() for q in qs]

    def total_for(self, tier: str | None = None) -> int:
        return sum(q.marks + (q.spag or 0) for _n, _s, q in self.numbered(tier))

    def spag_for(self, tier: str | None = None) -> int:
        return sum(q.spag or 0 for _n, _s, q in self.numbered(tier))

    @property
    def total(self) -> int:
        return self.total_for(None)


# The warnings of `studypack check` a pack may accept, and what names the one it accepts.
ACCEPTABLE = {
    "reading-age": "a source letter",
    "unused-source": "a source letter",
    "cites-unshown": "a question id",
    "no-answer": "a question id",
    "same-question": "a question id",
    "few-lines": "a question id",
    "option-letter": "a question id",
    "marks-total": "a sheet id",
    "unused-glossary-word": "a glossary word",
    "fixed-lines": "a question id",
    "labels-close": "a question id",
    "repeated-instruction": "a question id",
    "missing-alt": "a source letter or a question id",
    # a board profile's (plan.profile_lint); a question by its id, else as its sheet's id and number
    "profile-total": "a sheet id",
    "profile-spag": "a sheet id, or a question: its id, or paper-3/3(b)",
    "profile-time": "a sheet id",
    "profile-booklet": "a sheet id",
    "profile-sections": "a sheet id",
    "profile-questions": "a sheet id",
    "profile-label": "a source letter",
    "profile-marks": "a question id, or its sheet and number: paper-3/3(b)",
    "profile-command": "a question id, or its sheet and number: paper-3/3(b)",
    "profile-stimulus": "a question id, or its sheet and number: paper-3/3(b)",
    "profile-levels": "a question id, or its sheet and number: paper-3/3(b)",
    "profile-parts": "a question id, or its sheet and number: paper-3/3(b)",
}


_SUBJECTS = {english: key for key, english in (
    ("term.accept-source", "a source letter"), ("term.accept-question", "a question id"), ("term.accept-sheet", "a sheet id"),
    ("term.accept-glossary", "a glossary word"), ("term.accept-source-or-question", "a source letter or a question id"),
    ("term.accept-spag", "a sheet id, or a question: its id, or paper-3/3(b)"),
    ("term.accept-part", "a question id, or its sheet and number: paper-3/3(b)"))}


def subject_said(rule: str) -> str:
    """What an `accept:` entry of the kind `rule` names, in the terminal's words: "a source letter"."""
    what = ACCEPTABLE[rule]
    return said(_SUBJECTS[what], what)


def kinds_listed() -> str:
    """The warnings a pack can accept, by what names each: for a message about a wrong entry."""
    by_subject: dict[str, list[str]] = {}
    for rule in ACCEPTABLE:
        by_subject.setdefault(subject_said(rule), []).append(rule)
    return said("term.accept-kinds", "the kinds are {kinds}",
                kinds="; ".join(f"{', '.join(rules)} ({what})" for what, rules in by_subject.items()))


class Accept(Strict):
    """A warning the teacher has weighed and keeps, with the reason: `{reading-age: C, why: "…"}`.
    Accepted warnings are listed as accepted by `check` and no longer fail `--strict`."""

    @classmethod
    def unknown_key_advice(cls) -> str:
        """Said after "unknown key 'profile'": the kinds there are (`check --strict` prints each entry)."""
        return said("term.accept-entry", "an entry names one warning by its kind and what it is about, with why: "
                    "({profile-total: paper-3, why: \"…\"}); ") + kinds_listed()

    reading_age: Text | None = Field(None, alias="reading-age")
    unused_source: Text | None = Field(None, alias="unused-source")
    cites_unshown: Text | None = Field(None, alias="cites-unshown")
    no_answer: Text | None = Field(None, alias="no-answer")
    same_question: Text | None = Field(None, alias="same-question")
    few_lines: Text | None = Field(None, alias="few-lines")
    option_letter: Text | None = Field(None, alias="option-letter")
    marks_total: Text | None = Field(None, alias="marks-total")
    unused_glossary_word: Text | None = Field(None, alias="unused-glossary-word")
    fixed_lines: Text | None = Field(None, alias="fixed-lines")
    labels_close: Text | None = Field(None, alias="labels-close")
    repeated_instruction: Text | None = Field(None, alias="repeated-instruction")
    missing_alt: Text | None = Field(None, alias="missing-alt")
    profile_total: Text | None = Field(None, alias="profile-total")
    profile_spag: Text | None = Field(None, alias="profile-spag")
    profile_time: Text | None = Field(None, alias="profile-time")
    profile_booklet: Text | None = Field(None, alias="profile-booklet")
    profile_sections: Text | None = Field(None, alias="profile-sections")
    profile_questions: Text | None = Field(None, alias="profile-questions")
    profile_label: Text | None = Field(None, alias="profile-label")
    profile_marks: Text | None = Field(None, alias="profile-marks")
    profile_command: Text | None = Field(None, alias="profile-command")
    profile_stimulus: Text | None = Field(None, alias="profile-stimulus")
    profile_levels: Text | None = Field(None, alias="profile-levels")
    profile_parts: Text | None = Field(None, alias="profile-parts")
    why: Text

    @model_validator(mode="after")
    def _one_warning(self) -> "Accept":
        if len([rule for rule in ACCEPTABLE if getattr(self, rule.replace("-", "_"))]) != 1:
            raise ValueError(said("term.accept-one", "name one warning to accept, like {{reading-age: C, why: \"a court "
                                  "transcript\"}}; {kinds}", kinds=kinds_listed()))
        return self

    @property
    def rule(self) -> str:
        return next(rule for rule in ACCEPTABLE if getattr(self, rule.replace("-", "_")))

    @property
    def subject(self) -> str:
        return str(getattr(self, self.rule.replace("-", "_")))


class Pack(Strict, Added):
    ADDED = {"language": None, "bilingual": None, "pack_booklet": None}  # a pack in English keeps its fingerprint (variants, cache keys)
    format: Literal[1] = 1
    title: Text
    subtitle: Text | None = None
    subject: Text
    level: Text
    author: Text | None = None
    layout: Text | None = None
    language: Language | None = None  # the tool's words on paper in this language (fr, de, es, cy, en-GB, en-US): before the layout's and the workspace's
    bilingual: Language | None = None  # a second language for the tool's words, printed with the first (Welsh and English, as WJEC does)
    profile: Text | None = None  # a board profile (profiles/<name>.yaml): layout, booklet, wording, and what `check` expects
    # whether a build writes source-booklet.pdf, every source in one booklet; null: yes, unless
    # the board profile prints the sources on the paper only (`sources_in: paper`: no copy beside it)
    pack_booklet: bool | None = None
    sources: list[Source] = []
    glossary: dict[str, Text] = {}
    timeline: list[Event] = []
    sheets: list[Sheet] = Field(min_length=1)
    accept: list[Accept] = []  # warnings weighed and kept, each with its reason (see lint)

    @model_validator(mode="after")
    def _number_stimuli(self) -> "Pack":
        stimuli.number(self.sources)  # "Figure 2": an unlabelled figure's place among the pack's figures
        return self

    @property
    def total(self) -> int:
        return sum(sheet.total for sheet in self.sheets)

    def total_for(self, tier: str | None = None) -> int:
        return sum(sheet.total_for(tier) for sheet in self.sheets if in_tier(sheet, tier))

    def source(self, letter: str) -> Source:
        return next(s for s in self.sources if s.letter == letter)

    def booklet_name(self, sheet: "Sheet | None" = None, say: Words = ENGLISH_WORDS) -> str:
        """The name of a sheet's source booklet (or the pack's, with no sheet); the default one
        in the layout's language (`say`), by what it holds ("Source Booklet", "Insert")."""
        if sheet is not None:
            return sheet.booklet or say(stimuli.booklet_key("booklet.name", self.gathered(sheet.sources)))
        names = {s.booklet for s in self.sheets if s.booklet}
        return names.pop() if len(names) == 1 else say(stimuli.booklet_key("booklet.name", self.gathered()))

    def gathered(self, letters: Sequence[str] | None = None) -> str:
        """What a booklet of these sources (all the pack's, with none given) calls them:
        `stimuli.gathered`."""
        chosen = self.sources if letters is None else [s for s in self.sources if s.letter in letters]
        return stimuli.gathered(chosen)


DEFAULT_BOOKLET = "Source Booklet"
