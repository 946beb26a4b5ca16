"""The tool's own words on paper (headings, labels, instructions, page furniture) in the
school's language, read from a message catalogue: `studypack/languages/<code>.yaml`.

A catalogue is plain YAML, as layouts and profiles are: a teacher who can read a layout can
correct a translation or add a language, and no build step (gettext's .po to .mo) stands
between the file and the paper. `en.yaml` holds every message by its key; every other full
language holds the same keys (a test checks it); a variant (`en-US`) `extends:` another and
holds only what differs. A message is text with `{name}` places; one that counts is a mapping
of plural forms (`one`, `two`, `few`, `many`, `other`), chosen by the language's `plural` rule.

With a second language (a bilingual paper, as WJEC prints Welsh and English), every message
is said in both: on one line joined by " / ", or stacked (`block`) one above the other.
"""

from __future__ import annotations

import hashlib
import json
import re

import difflib
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, Mapping

import yaml
from pydantic import BeforeValidator

from studypack.base.errors import Problem, StudypackError, said
from studypack.base.paths import user_cache
from studypack.io import yamlio
from studypack.io.output import write_whole
from studypack.io.sealed import read_plain, seal, unseal

FOLDER = Path(__file__).resolve().parent.parent / "languages"
ENGLISH = "en"
JOIN = " / "     # a bilingual message on one line: "Trowch drosodd / Turn over"
STACK = "<br/>"  # a bilingual heading or instruction: the second language on the line below
VOWELS = frozenset("aeiouâêîôûáéíóúàèìòù")  # a word beginning with one takes `list.and-vowel`


def _other(_n: int) -> str:
    return "other"


PLURALS: dict[str, Callable[[int], str]] = {
    # CLDR's rules for whole numbers, the only numbers the tool counts
    "one-other": lambda n: "one" if n == 1 else "other",
    "french": lambda n: "one" if n in (0, 1) else "other",
    "welsh": lambda n: {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other"),
    "none": _other,
}


@dataclass(frozen=True)
class Catalogue:
    """One language's messages, with its name and rules."""

    code: str
    name: str
    plural: str
    hyphenation: str | None
    paper: str  # the paper its schools print on: A4, or letter (en-US)
    messages: Mapping[str, Any] = field(default_factory=dict)


def codes() -> list[str]:
    """Every language a catalogue ships for, sorted."""
    return sorted(p.stem for p in FOLDER.glob("*.yaml"))


@lru_cache(maxsize=None)
def catalogue(code: str) -> Catalogue:
    """The catalogue of `code`, a variant's laid over the one it extends."""
    path = FOLDER / f"{code}.yaml"
    if code not in codes():
        raise StudypackError(Problem(unknown(code)))
    data = read(path)
    base = catalogue(data["extends"]) if data.get("extends") else None
    messages = {**(base.messages if base else {}), **(data.get("messages") or {})}
    return Catalogue(code, data.get("name", code), data.get("plural") or (base.plural if base else "one-other"),
                     data.get("hyphenation", base.hyphenation if base else None),
                     data.get("paper") or (base.paper if base else "A4"), messages)


def read(path: Path) -> dict:
    """A shipped catalogue's data, read by libyaml's loader alone: read as a pack is read (each
    value's line kept, its keys and words checked: `yamlio.load`) it cost a build twice as much,
    ~9 ms for English. tests/test_languages reads every catalogue both ways and finds the same
    data (so none holds a duplicate key or a `yes` read as true).

    Even libyaml's read was a fiftieth of a class set's time (every build reads English), so
    the data is kept in the user's cache as JSON, named by the file's SHA-256 (an edited
    catalogue is read afresh) and sealed (a damaged copy is read afresh and replaced, silently:
    saying so would need this catalogue)."""
    raw = path.read_bytes()
    kept = _kept_path(path, raw)
    if kept is not None:
        sealed = read_plain(kept)
        found = None if sealed is None else unseal(sealed)
        if found is not None:
            try:
                return json.loads(found)
            except ValueError:
                pass
    data = yaml.load(raw, Loader=yamlio.Loader) or {}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    if kept is not None and json.loads(text) == data:  # only what JSON gives back as it was
        write_whole(kept, seal(text.encode()))
    return data


def _kept_path(path: Path, raw: bytes) -> Path | None:
    """Where the catalogue's data is kept, None when the cache is off or a symbolic link (not
    written through; said by the build when it uses the cache, not here)."""
    base = user_cache()
    if base is None or base.is_symlink() or (base / "words").is_symlink():
        return None
    return base / "words" / f"{path.stem}-{hashlib.sha256(raw).hexdigest()[:16]}.json"


def unknown(code: str) -> str:
    """The message for a language no catalogue ships."""
    return said("term.check-language", "no catalogue for language '{code}': choose one of {codes} (docs/languages.md says how "
                "to add one)", code=code, codes=", ".join(codes()))


def _language(value: Any) -> Any:
    """A language code a catalogue ships (`fr`, `cy`, `en-US`), for pack, layout and workspace."""
    if value is not None and value not in codes():
        raise ValueError(unknown(str(value)))
    return value


Language = Annotated[str, BeforeValidator(_language)]


def _said(cat: Catalogue, key: str, n: int | None, values: Mapping[str, Any], own: tuple = ()) -> str:
    message = dict(own).get(key) if own else None  # a layout's own wording first (`wording:`)
    if isinstance(message, tuple):  # its plural forms, kept hashable
        message = dict(message)
    if message is None:
        message = cat.messages.get(key)
    if message is None:
        message = catalogue(ENGLISH).messages[key]  # a KeyError here is a key no catalogue has: a bug
    if isinstance(message, Mapping):
        form = PLURALS.get(cat.plural, _other)(n if n is not None else 0)
        message = message.get(form, message.get("other"))
    return _closed(str(message), values).format(**{"n": n, **values}) if (n is not None or values) else str(message)


def _closed(message: str, values: Mapping[str, Any]) -> str:
    """The message without its colon after a value that ends in its own question or
    exclamation mark or colon: "{label}:" says a heading "Convincing?" as "Convincing?", never
    "Convincing?:" (French "{label} :" the same)."""
    for name, value in values.items():
        if isinstance(value, str) and value.rstrip().endswith(("?", "!", ":")):
            message = re.sub(r"\{" + re.escape(name) + r"\}[\s\u00a0\u202f]?:", "{" + name + "}", message)
    return message


class Said(str):
    """A message said in two languages (the joined text), keeping each: put into another
    message, each language's form goes into that language's sentence."""

    first: str
    second: str

    def __new__(cls, joined: str, first: str, second: str) -> "Said":
        said = super().__new__(cls, joined)
        said.first, said.second = first, second
        return said

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]  # pickled to a typesetting process
        return (str(self), self.first, self.second)


def each(said: str, change: Callable[[str], str]) -> str:
    """`change` (escaping a name, say) made to each language's form of a message: a `Said`
    stays one, so each form still goes into its own language's sentence."""
    if isinstance(said, Said):
        return Said(change(str(said)), change(said.first), change(said.second))
    return change(said)


@dataclass(frozen=True)
class Words:
    """Says a message in the layout's language (and its second language, on bilingual paper)."""

    code: str = ENGLISH
    second: str | None = None
    own: tuple[tuple[str, Any], ...] = ()  # a layout's wording of some messages, in the first language

    @property
    def catalogue(self) -> Catalogue:
        return catalogue(self.code)

    @property
    def english(self) -> bool:
        return self.code.startswith(ENGLISH) and self.second is None

    def __call__(self, key: str, n: int | None = None, /, **values: Any) -> str:
        """The message `key` on one line (`n`: the number it counts, `values`: its places)."""
        return self._both(key, n, values, JOIN)

    def block(self, key: str, n: int | None = None, /, **values: Any) -> str:
        """The message `key` as a heading or instruction: a second language stacked below it."""
        return self._both(key, n, values, STACK)

    def alone(self, key: str, n: int | None = None, /, **values: Any) -> str:
        """The message in the first language only (a word inside a sentence the teacher wrote)."""
        return _said(self.catalogue, key, n, values, self.own)

    def composed(self, compose: Callable[["Words"], str]) -> str:
        """What `compose` makes of the words (a phrase built of several messages, "Sources A
        and B"), made in each language on bilingual paper and kept as one `Said`."""
        if self.second is None:
            return compose(self)
        first, other = compose(words(self.code, own=self.own)), compose(words(self.second))
        return first if other == first else Said(f"{first}{JOIN}{other}", first, other)

    def glossed(self, pairs: Iterable[tuple[str, str]]) -> str:
        """A source's glossary on one line, "word: meaning; word: meaning", with the
        punctuation of the paper's first language (French "mot : sens ; …"); each word and
        meaning as given (markup or plain: the caller's)."""
        between = self.alone("source.glossary-between")
        return between.join(self.alone("source.glossary-item", word=word, meaning=meaning) for word, meaning in pairs)

    def listed(self, first: str, last: str) -> str:
        """`first` and `last` joined by the language's "and": its `list.and-vowel` form where
        `last` begins with a vowel (Welsh "A ac E", "a" before a consonant)."""
        before_vowel = str(last)[:1].casefold() in VOWELS
        return self("list.and-vowel" if before_vowel else "list.and", first=first, last=last)

    def english_of(self, said: str) -> str:
        """The English of a layout text said in this language ("Nom" → "Name"), so that a class
        set still knows which blank a roster column fills; any other text as it is."""
        for key in catalogue(ENGLISH).messages:
            if key.startswith("layout.") and said in (self(key), self.alone(key)):
                return str(catalogue(ENGLISH).messages[key])
        return said

    def _both(self, key: str, n: int | None, values: Mapping[str, Any], joiner: str) -> str:
        if self.second is None:
            return _said(self.catalogue, key, n, values, self.own)
        first = _said(self.catalogue, key, n, {k: getattr(v, "first", v) for k, v in values.items()}, self.own)
        other = _said(catalogue(self.second), key, n, {k: getattr(v, "second", v) for k, v in values.items()})
        return first if other == first else Said(f"{first}{joiner}{other}", first, other)


ENGLISH_WORDS = Words()

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # the first set names the terminal's locale, as in C


def terminal_language(environ: Mapping[str, str], school: str | None = None) -> str:
    """The language studypack speaks on the terminal: the environment's (LC_ALL, else
    LC_MESSAGES, else LANG: `fr_FR.UTF-8` is French) where a catalogue ships it; where the
    environment names none (unset, C, POSIX) or one no catalogue ships, the workspace's
    `language:` (`school`); else English. The terminal is the teacher's: a Welsh paper
    built on an English computer still talks to its teacher in English."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return _locale_language(value) or school or ENGLISH
    return school or ENGLISH


def _locale_language(locale: str) -> str | None:
    """The catalogue of a locale's name (`de_AT.UTF-8` -> de, `en_US` -> en-US), None for C or POSIX or none."""
    name = locale.split(".")[0].split("@")[0]
    if name in ("C", "POSIX", ""):
        return None
    language, _, country = name.partition("_")
    shipped = codes()
    for code in (f"{language}-{country}", language):
        if code in shipped:
            return code
    return None


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Every catalogue's month names (`date.months`, January first), lower-cased, to the
    month's number from 0: a date the teacher wrote in any language finds its month."""
    found: dict[str, int] = {}
    for code in codes():
        names = catalogue(code).messages.get("date.months")
        for i, name in enumerate(str(names or "").split()):
            found.setdefault(name.casefold(), i)
    return found


@lru_cache(maxsize=None)
def words(code: str | None, second: str | None = None, own: tuple[tuple[str, Any], ...] = ()) -> Words:
    """The words of a language (English where none is set); `own`: a layout's wording of some
    messages, said instead of the catalogue's in the first language (`own_wording`)."""
    return Words(code or ENGLISH, second, own)


def own_wording(wording: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A layout's `wording:` as `Words.own` holds it (plural forms as pairs: hashable)."""
    return tuple(sorted((key, tuple(sorted(value.items())) if isinstance(value, Mapping) else value)
                        for key, value in wording.items()))


def wording_problem(key: str, value: Any) -> str | None:
    """What is wrong with a layout's wording of one message (None: nothing): a key no
    catalogue has, plural forms no language uses, or a `{place}` the message does not fill."""
    english = catalogue(ENGLISH).messages
    if key not in english:
        close = difflib.get_close_matches(key, list(english), n=1, cutoff=0.6)
        if close:
            return said("term.check-wording-close", "'{key}' is not one of the tool's messages (did you mean '{close}'?)",
                        key=key, close=close[0])
        return said("term.check-wording-key", "'{key}' is not one of the tool's messages: see studypack/languages/en.yaml for "
                    "their keys", key=key)
    forms = value if isinstance(value, Mapping) else {"other": value}
    wrong = [form for form in forms if form not in FORMS]
    if wrong or "other" not in forms:
        return said("term.check-wording-forms", "'{key}': plural forms are {forms}, and 'other' is needed", key=key,
                    forms=", ".join(FORMS))
    allowed = _places(english[key]) | {"n"}
    for text in forms.values():
        extra = _places(text) - allowed
        if extra:
            return said("term.check-wording-place", "'{key}' has no place {places}: it fills {fills}", key=key,
                        places=", ".join(sorted("{" + x + "}" for x in extra)), fills=_listed(allowed))
    return None


FORMS = ("zero", "one", "two", "few", "many", "other")


def _places(message: Any) -> set[str]:
    texts = message.values() if isinstance(message, Mapping) else [message]
    return {name for text in texts for _lit, name, _spec, _conv in string.Formatter().parse(str(text)) if name}


def _listed(places: set[str]) -> str:
    return ", ".join("{" + p + "}" for p in sorted(places))
