"""Which encoding a class list was saved in, and whether a name was decoded wrongly.

A roster is UTF-8 (Excel's "CSV UTF-8", with or without a byte-order mark) or UTF-16
("Unicode text", with its byte-order mark): those are certain. Anything else is a guess:
an older Excel saves in the Windows code page of its country (cp1252 in Western Europe,
cp1250 in Central Europe, cp1251 for Cyrillic …), and the same bytes are different letters
in each. charset-normalizer proposes code pages by how text in each language looks; a
class list is short and made of names, which it weighs poorly, so its proposals are
judged again by how names look (letters of one language per word, no symbols inside a
word): "Wiœniewska £ucja" is Polish read as Western, "Ibáńez" Spanish read as Central
European. Where two readings both look like names (Latin-1's "José Muñoz" is cp1250's "José
Muńoz"), the one whose special letters fewer languages share wins: é, ñ and ü are all Spanish,
while ń with é needs Polish and another language. The caller warns about every guess, naming
the encoding, and, when two readings are still alike, both (`Decoded.doubt`).

`misdecoded(name)` tells why a decoded name looks like mojibake ("Ã©", "£ucja"), for a
warning with the roster's file and line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

from studypack.base.errors import said

# tried after charset-normalizer's own proposals: the code pages schools' Excel saves most
FALLBACKS = ("cp1252", "cp1250", "cp1251", "latin-1")

# the special Latin letters of languages whose names turn up on class lists; a word whose
# letters no single one of them has was, most likely, decoded with the wrong code page
_LANGUAGES = {
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ", "hr": "čćđšž", "sl": "čšž", "de": "äöüß", "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü", "pt": "áâãàçéêíóôõú", "it": "àèéìíîòóùú", "nl": "éëïöüèáó",
    "da": "æøåéó", "sv": "åäöé", "fi": "äöåšž", "is": "áðéíóúýþæö", "fo": "áðíóúýæø",
    "tr": "çğıöşüâîû", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž", "et": "äõöüšž",
    "ca": "àçéèíïóòúü", "ga": "áéíóú", "cy": "âêîôûŵŷäëïöüáéíóúàèìòù", "mt": "ċġħżàèìòù",
    "sq": "çë", "az": "əçğıöşü",
}
_KNOWN = set("".join(_LANGUAGES.values()))
# characters that are never part of a name but are what a wrong code page makes of letters
# (Ł read as £, ą as ¹, ł as ³, ż as ¿, Ż as ¯ …); name punctuation (’ · ‐) is allowed
_NAME_PUNCTUATION = set("’‘ʼ`´·‐‑–—.,'()&/ ")
_WORD = re.compile(r"[^\s,;\t\"'()/&.\-‐‑–—]+")
_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "CJK": "CJK", "HANGUL": "HANGUL"}


_LETTER_SETS = [set(letters) for letters in _LANGUAGES.values()]


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name
    guessed: bool  # False for UTF-8 and UTF-16 with a byte-order mark
    other: tuple[str, str, str] | None = None  # a reading that looks as likely: (encoding, its word, ours)

    @property
    def label(self) -> str:
        """What to call the encoding in a message: 'Windows-1250 (cp1250)'."""
        return label(self.encoding)

    @property
    def doubt(self) -> str:
        """The other likely reading, for the warning ('' when the guess has no close rival)."""
        if self.other is None:
            return ""
        encoding, theirs, ours = self.other
        return said("term.charset-doubt", "; read as {encoding} it would say {theirs} where this says {ours}: the names alone "
                    "cannot tell which is right", encoding=label(encoding), theirs=repr(theirs), ours=repr(ours))


def decode(raw: bytes) -> Decoded:
    """Bytes -> text: UTF-16 by its byte-order mark, UTF-8 (BOM or not), else the most
    plausible legacy code page (a guess)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(raw.decode("utf-16"), "utf-16", False)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    readings: list[tuple[tuple[int, int, int, int], str, str]] = []
    for rank, encoding in enumerate(_candidates(raw)):
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        readings.append(((oddness(text), spread(text), _rarity(encoding), rank), encoding, text))
    readings.sort(key=lambda reading: reading[0])  # latin-1 decodes any bytes: never empty
    (score, encoding, text), rivals = readings[0], readings[1:]
    # a rival: as odd, as spread and as common a code page, reading Latin letters otherwise (Cyrillic
    # read as Greek is as unlike names as can be, but these counts cannot see it: no doubt is shown)
    rival = next((r for r in rivals if r[0][:3] == score[:3] and score[1] and r[2] != text), None)
    return Decoded(text, encoding, True, _differing(rival[1], rival[2], text) if rival else None)


def spread(text: str) -> int:
    """How many languages it takes to hold the special letters of the words of `text` (0 for
    none): a class list's names are mostly of one or two languages, so of two readings that
    both look like names, the one needing fewer is likelier."""
    letters = {ch.lower() for word in set(_WORD.findall(text)) if not word.isascii() for ch in word} & _KNOWN
    count = 0
    while letters:
        letters -= max(_LETTER_SETS, key=lambda language: len(letters & language))
        count += 1
    return count


def _differing(encoding: str, theirs: str, ours: str) -> tuple[str, str, str]:
    """(encoding, the first word its reading gives otherwise, ours), to show the difference."""
    pairs = zip(_WORD.findall(theirs), _WORD.findall(ours))
    word = next(((a, b) for a, b in pairs if a != b), ("", ""))
    return encoding, word[0], word[1]


# the code pages Windows' Excel saves in; then the ISO ones of older Unix tools; then the rest
# (DOS, old Mac): of two readings that look equally like names, the commoner code page wins
_WINDOWS = re.compile(r"cp125\d|cp874|cp932|shift_jis|gbk|gb18030|gb2312|big5|cp949|euc_kr")
_ISO = re.compile(r"iso8859-\d+|koi8-[ru]|euc_jp")


def _rarity(encoding: str) -> int:
    return 0 if _WINDOWS.fullmatch(encoding) else 1 if _ISO.fullmatch(encoding) else 2


def _candidates(raw: bytes) -> list[str]:
    """charset-normalizer's proposals, likeliest first, then the usual code pages."""
    from charset_normalizer import from_bytes  # lazy: loaded only for a roster that is not UTF-8 (start-up speed)

    proposed = [match.encoding for match in from_bytes(raw)]
    proposed = [e for e in proposed if not e.startswith(("utf", "ascii"))]  # no BOM, not valid UTF-8: not these
    found = [codecs.lookup(e).name for e in [*proposed, *FALLBACKS]]
    return list(dict.fromkeys(found))


def oddness(text: str) -> int:
    """How unlike names the words of `text` look: symbols or control characters inside
    words, scripts mixed within a word, Latin letters of no one language together."""
    return sum(_word_oddness(word) for word in set(_WORD.findall(text)) if not word.isascii())


@lru_cache(maxsize=4096)  # a roster's names share their words (Mohammed, Smith): each is judged once
def _word_oddness(word: str) -> int:
    cost = 0
    scripts = set()
    special = set()
    for ch in word:
        if ch.isascii():
            if ch.isalpha():
                scripts.add("LATIN")
            continue
        category = unicodedata.category(ch)
        if category[0] == "L":
            scripts.add(_script(ch))
            lower = ch.lower()
            if lower in _KNOWN:
                special.add(lower)
        elif category[0] == "M":  # a mark of another script on a Latin letter ('Muٌoz'): a wrong code page
            if _script(ch) != "COMBINING":
                scripts.add(_script(ch))
        elif ch in _NAME_PUNCTUATION:
            continue
        else:
            cost += 5  # £ ¹ ³ ¿ ¯ ¥, a control character …
    if len(scripts) > 1:
        cost += 5
    if len(special) > 1 and not any(special <= set(letters) for letters in _LANGUAGES.values()):
        cost += 2
    return cost


@lru_cache(maxsize=4096)  # by letter: a class of ten thousand names asks for the same few hundred
def _script(ch: str) -> str:
    first = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
    return _GROUPS.get(first, first)


_MOJIBAKE_SOURCES = ("cp1252", "latin-1")


def misdecoded(value: str) -> str:
    """Why `value` looks mis-decoded ('' if it does not): UTF-8 read as a Windows code page
    ("RenÃ© MÃ¼ller"), or letters of one code page read as another ("Wiœniewska £ucja")."""
    if value.isascii():
        return ""
    for source in _MOJIBAKE_SOURCES:
        try:
            meant = value.encode(source).decode("utf-8")
        except UnicodeError:
            continue
        if meant != value:
            return said("term.charset-twice", "it looks like UTF-8 text read as {encoding} (did you mean {meant}?): the file "
                        "was converted twice somewhere; export it again from the MIS as CSV UTF-8", encoding=label(source),
                        meant=repr(meant))
    odd = sorted({ch for word in _WORD.findall(value) if _word_oddness(word) >= 5 for ch in word
                  if not ch.isascii() and unicodedata.category(ch)[0] not in "LM" and ch not in _NAME_PUNCTUATION})
    if odd:
        shown = " ".join(f"{ch!r}" if unicodedata.category(ch)[0] != "C" else f"U+{ord(ch):04X}" for ch in odd[:4])
        return said("term.charset-odd", "it holds {shown}, which no name has: the roster was probably saved in another "
                    "encoding than it was read in (Polish Ł read as Western shows as £); save it as CSV UTF-8", shown=shown)
    mixed = [word for word in _WORD.findall(value) if len({_script(ch) if not ch.isascii() else "LATIN"
                                                            for ch in word if ch.isalpha()}) > 1]
    if mixed:
        return said("term.charset-mixed", "{word} mixes letters of two alphabets in one word: the roster was probably read "
                    "in the wrong encoding, or a letter was typed on the wrong keyboard; check it, and save the roster as CSV "
                    "UTF-8", word=repr(mixed[0]))
    return ""


_LABELS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "latin-1": "Latin-1 (ISO-8859-1)", "iso8859-1": "Latin-1 (ISO-8859-1)",
           "mac-roman": "Mac Roman", "koi8-r": "KOI8-R", "cp437": "DOS (cp437)", "cp850": "DOS Western (cp850)",
           "cp852": "DOS Central European (cp852)", "shift_jis": "Shift JIS", "cp932": "Shift JIS (cp932)",
           "euc_jp": "EUC-JP", "gb2312": "GB2312", "gbk": "GBK", "gb18030": "GB18030", "big5": "Big5",
           "euc_kr": "EUC-KR", "cp949": "Korean (cp949)", "johab": "Johab"}


def label(encoding: str) -> str:
    """'cp1250' -> 'Windows-1250 (cp1250)'; 'iso8859-2' -> 'ISO-8859-2'."""
    name = codecs.lookup(encoding).name
    if name in _LABELS:
        return _LABELS[name]
    if re.fullmatch(r"cp125\d", name):
        return f"Windows-{name[2:]} ({name})"
    if name.startswith("iso8859-"):
        return f"ISO-8859-{name[8:]}"
    return name
