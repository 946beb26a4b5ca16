"""Embedded fonts: register a family's four faces once; fall back by whole words; report
characters no configured font can print.

The built-in families ship inside the package (`fontfiles/`, with their licences), so
nothing has to be installed by hand and every machine embeds the same bytes:
- `noto-sans`: Latin with accents and Vietnamese, Greek, Cyrillic;
- `fira-go`: the same, plus Arabic, Hebrew, Thai and Devanagari letters;
- `atkinson-hyperlegible`: a face designed for low-vision readers, Latin only;
- `andika`: a face designed for early readers (single-storey a and g), Latin, Greek, Cyrillic.
The CJK families come from the optional `cjk` extra's package. Two symbol faces, Noto Sans
Math and Noto Sans Symbols 2 (`SYMBOLS`), are the last fallbacks of every family: arrows,
relations, operators and shapes that no text face has; a layout cannot choose them.
ReportLab never warns about a missing glyph and has no font fallback, so a word the
chosen face cannot print is set whole in the first fallback family that can
(`runs()`; paragraphs use it through studypack.paragraph), or, where none can print all
of it, letter by letter in the first family that has each; `missing()` reports what no
family can print.

A face can also be registered as a *variant*: letter and word spacing built into its
advance widths (PDF viewers place glyphs by the widths the PDF declares, so spacing
survives copying and text extraction), and italics mapped to bold for layouts that
avoid italics.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import marshal
import re
import zlib
from dataclasses import dataclass
from importlib.util import find_spec
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from studypack.io import cache as caches

FACE_SUFFIX = ("", "-Bold", "-Italic", "-BoldItalic")

FONT_DIR = Path(__file__).resolve().parent.parent / "fontfiles"
"""The shipped faces, xz-compressed, with their licences (see its README.md)."""


@dataclass(frozen=True)
class Family:
    description: str
    package: str | None      # the Python package that ships the files; None: FONT_DIR
    files: tuple[str, str, str, str]  # regular, bold, italic, bold italic
    optional: bool = False   # an extra: offered only when its package is installed


def _shipped(stem: str) -> tuple[str, str, str, str]:
    """A shipped family's four files: regular, bold, italic, bold italic."""
    return f"{stem}-Regular.ttf.xz", f"{stem}-Bold.ttf.xz", f"{stem}-Italic.ttf.xz", f"{stem}-BoldItalic.ttf.xz"


FAMILIES: dict[str, Family] = {
    "noto-sans": Family("Noto Sans: Latin with accents, Vietnamese, Greek, Cyrillic", None, _shipped("NotoSans")),
    "fira-go": Family("FiraGO: Latin with accents, Vietnamese, Greek, Cyrillic, Arabic, Hebrew, Thai",
                      None, _shipped("FiraGO")),
    "atkinson-hyperlegible": Family(
        "Atkinson Hyperlegible: letters that cannot be mistaken for each other; Latin only "
        "(other scripts fall back to Noto Sans word by word)", None, _shipped("AtkinsonHyperlegible")),
    "andika": Family(
        "Andika: designed for children learning to read (single-storey a and g, I l 1 told apart); "
        "Latin, Greek, Cyrillic", None, _shipped("Andika")),
}
FALLBACKS = ("noto-sans", "fira-go")
"""Where a word goes that the layout's face cannot print, in order."""


def _one_face(name: str) -> tuple[str, str, str, str]:
    """A face that serves all four styles (a symbol has no bold or italic of its own)."""
    return name, name, name, name


SYMBOLS: dict[str, Family] = {
    "noto-sans-math": Family("Noto Sans Math: arrows, relations, operators, geometry; Latin and Greek letters",
                             None, _one_face("NotoSansMath-Regular.ttf.xz")),
    "noto-sans-symbols-2": Family("Noto Sans Symbols 2: geometric shapes (□) and other symbols",
                                  None, _one_face("NotoSansSymbols2-Regular.ttf.xz")),
}
"""The last fallbacks of every family, in order, after the text faces and the cjk extra (so a
word one of those prints keeps its face): symbols no text face has. Never a layout's own family."""


def _spec(family: str) -> Family:
    """A family's faces: one a layout may choose, or a symbol fallback."""
    return FAMILIES[family] if family in FAMILIES else SYMBOLS[family]


def shipped_files() -> list[str]:
    """Every face file in FONT_DIR that a family names, once each, in order."""
    every = [*FAMILIES.values(), *SYMBOLS.values()]
    return list(dict.fromkeys(name for spec in every if spec.package is None for name in spec.files))


def _optional_families() -> None:
    """Chinese, Japanese and Korean faces from the `cjk` extra (pretix-fontpack-free),
    offered only when it is installed: it is large (~114 MiB)."""
    try:
        spec = find_spec(CJK_PACKAGE)
    except (ImportError, ValueError):
        return
    if spec is None or spec.origin is None:
        return
    root = Path(spec.origin).parent
    for name, stem, label in (("noto-sans-sc", "SC", "Simplified Chinese"), ("noto-sans-tc", "TC", "Traditional Chinese"),
                              ("noto-sans-jp", "JP", "Japanese"), ("noto-sans-kr", "KR", "Korean")):
        regular = sorted(root.glob(f"static/*/Noto-Sans-{stem}_*_regular.ttf"))
        bold = sorted(root.glob(f"static/*/Noto-Sans-{stem}_*_bold.ttf"))
        if regular:
            r = str(regular[-1].relative_to(root))
            b = str(bold[-1].relative_to(root)) if bold else r
            FAMILIES[name] = Family(f"Noto Sans {stem}: {label} (the cjk extra)", CJK_PACKAGE, (r, b, r, b), optional=True)


CJK_PACKAGE = "pretix_fontpackfree"
_optional_families()


def face_bytes(family: str) -> bytes:
    """A family's regular face as a font file's bytes (the maths engine reads Noto Sans Math
    from them)."""
    return _font_bytes(family, 0)


@lru_cache(maxsize=None)
def face_digest(family: str) -> str:
    """The SHA-256 of a shipped family's packed regular face: what a formula set in it depends on."""
    return hashlib.sha256((FONT_DIR / _spec(family).files[0]).read_bytes()).hexdigest()


@lru_cache(maxsize=None)
def _font_bytes(family: str, index: int) -> bytes:
    spec = _spec(family)
    if spec.package is None:
        return _shipped_bytes(spec.files[index])
    found = find_spec(spec.package)
    if found is None or found.origin is None:  # an extra uninstalled since the family was listed
        raise FileNotFoundError(f"the font package {spec.package} is not installed")
    return (Path(found.origin).parent / spec.files[index]).read_bytes()


def _shipped_bytes(name: str) -> bytes:
    """The shipped faces are xz-compressed (a third of the disk a laptop gives them
    unpacked), and unpacking costs 5-50 ms a face, so the unpacked face is kept in the
    user's cache folder, named by the packed file's digest, when one is writable; sealed
    with its checksum, so a damaged copy is unpacked afresh (with a note), never drawn."""
    packed = (FONT_DIR / name).read_bytes()
    cache = _cache_dir()
    path = None
    if cache is not None:
        path = cache / f"{name.removesuffix('.ttf.xz')}-{hashlib.sha256(packed).hexdigest()[:16]}-{_SEALED}.ttf"
        kept = caches.read_sealed(path, ("term.cache-what-unpacked", "the font is unpacked"))
        if kept is not None:
            return kept
    data = lzma.decompress(packed)
    if path is not None:
        _write_cached(path, data)
    return data


_SEALED = "s1"  # in the names of cache files sealed with their checksum (io/cache.seal)


def _cache_dir() -> Path | None:
    """The fonts' part of the user's cache (None: off, or a symbolic link, never written through)."""
    return caches.subfolder("fonts")


def _write_cached(path: Path, data: bytes) -> None:
    """Write a cache file sealed, whole or not at all; a read-only home folder only costs speed."""
    caches.write_sealed(path, data)


@dataclass(frozen=True)
class Variant:
    """Spacing (in em) added to every letter and to spaces, and whether italics print as bold."""

    letter: float = 0.0
    word: float = 0.0
    italics: bool = True

    @property
    def suffix(self) -> str:
        if self == Variant():
            return ""
        return f"~l{round(self.letter * 1000)}w{round(self.word * 1000)}{'' if self.italics else 'b'}"


PLAIN = Variant()
_FACES: dict[str, tuple[str, bool, bool, Variant]] = {}  # face name -> family, bold, italic, variant


def register(family: str, variant: Variant = PLAIN) -> str:
    """Register a family's faces with ReportLab; return the base name used in styles."""
    return _register(family, variant)


@lru_cache(maxsize=None)
def _register(family: str, variant: Variant) -> str:
    # ReportLab loads here, not at import: `check` asks only which characters a family
    # covers (`coverage`, cached on disk) and never typesets (start-up speed)
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    base = "SP-" + family + variant.suffix
    names = [base + suffix for suffix in FACE_SUFFIX]
    files = _spec(family).files
    for index, name in enumerate(names):
        if files.index(files[index]) < index:  # its file serves an earlier style too: that font prints it
            continue
        font = _ttfont(name, _font_bytes(family, index))
        if variant.letter or variant.word:
            _space_out(font, variant)
        pdfmetrics.registerFont(font)
        _FACES[name] = (family, bool(index & 1), bool(index & 2), variant)
    for bold in (0, 1):
        for italic in (0, 1):
            target = names[_style_index(files, bool(bold), bool(italic), variant)]
            addMapping(base, bold, italic, target)
            for name in names:
                addMapping(name, bold, italic, target)
    return base


_FACE_FORMAT = 2  # what a kept face holds (2: sealed with its checksum); a new number when that changes


def _ttfont(name: str, data: bytes, digest: str | None = None):
    """A ReportLab TrueType font named `name` of the face `data` (`digest`: its SHA-256, where
    the caller has it). Parsing a face (its glyph
    map and widths, ~12 ms each, four per family) is done once: the parsed tables are kept
    in the user's cache folder beside the unpacked fonts, keyed by the face's bytes and
    ReportLab's version, as plain data (marshal: numbers, strings, lists and dicts, nothing
    that runs code when read); the face made from them is the one parsing gives."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    cache = _cache_dir()
    stored = f"{(digest or hashlib.sha256(data).hexdigest())[:24]}-rl{Version}-{_FACE_FORMAT}.face"
    path = None if cache is None else cache / stored
    _write_unicode_map()
    face = None
    kept_data = None if path is None else caches.read_sealed(path, ("term.cache-what-parsed", "the font is parsed"))
    if kept_data is None:
        kept_data = _parsed_ahead(stored)
    if kept_data is not None:
        try:
            face = _restored(marshal.loads(kept_data), data)
        except (EOFError, ValueError, TypeError, KeyError, AttributeError):
            face = None
    if face is None:
        face = TTFontFace(io.BytesIO(data))
        if path is not None:
            kept = _kept(face)
            if kept is not None:
                _write_cached(path, kept)
    return _font_of(TTFont, name, face)


PRIVATE = 0x100000
"""Where a face's glyphs without a character of their own get codes, in this process only:
the Supplementary Private Use Area-B (U+100000 + the glyph's index), which no text uses."""
_SAID: dict[tuple[bytes, int], str] = {}  # (face's PostScript name, private code) -> what its ToUnicode entry says


def private_code(font_name: str, index: int, said: str) -> str:
    """A character that sets glyph `index` of the registered font `font_name` as text where
    the face's character map reaches no character for it (a script-size digit, a taller
    bracket: the maths face's variants): U+100000 + index, added to the face's map in this
    process. The PDF's ToUnicode map says `said` for it, so a reader copies the character
    the glyph stands for; the private code itself is never written."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face
    code = PRIVATE + index
    if code not in face.charToGlyph:
        face.charToGlyph[code] = index
        face.charWidths[code] = face.getCharWidth(ord(said[0])) if said else face.defaultWidth
        _SAID[(bytes(face.name) + face.subfontNameX, code)] = said
        _write_unicode_map()
    return chr(code)


@lru_cache(maxsize=None)
def _write_unicode_map() -> None:
    """ReportLab writes each code of a subset into the font's ToUnicode map as `<%04X>`, which
    for a character above U+FFFF (the maths italic letters, U+1D44E...) is an odd number of
    hex digits that readers reject: the map must hold its UTF-16 pair. A private code
    (`private_code`) must say the character its glyph stands for. Its one helper is wrapped,
    once, to write both; a subset of other characters is written as before, byte for byte."""
    from reportlab.pdfbase import ttfonts

    plain = ttfonts.makeToUnicodeCMap

    def to_unicode_cmap(fontname, subset):
        written = plain(fontname, subset)
        face = fontname.encode("latin-1").split(b"+", 1)[-1]
        for code, value in enumerate(subset):
            if value > 0xFFFF:
                said = _SAID.get((face, value), chr(value)) if value >= PRIVATE else chr(value)
                pair = said.encode("utf-16-be").hex().upper() or "FFFD"
                written = written.replace(f"<{code:02X}> <{value:04X}>", f"<{code:02X}> <{pair}>", 1)
        return written

    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def file_font(name: str, path: str):
    """A ReportLab TrueType font named `name` of the font file at `path` (a face shipped by a
    library, such as the maths face), its parse kept in the user's cache like the shipped faces'."""
    return _ttfont(name, *_library_face(path))


@lru_cache(maxsize=4)
def _library_face(path: str) -> tuple[bytes, str]:
    """A face file outside the families (STIX Two Math, 1.5 MB) and its SHA-256, read and
    worked out once a process: its coverage and its parse are both kept by that digest, and
    a first build asked it three times (the coverage, the parse behind it, the registration)."""
    data = Path(path).read_bytes()
    return data, hashlib.sha256(data).hexdigest()


PARSED_DIR = FONT_DIR / "parsed"
"""Faces parsed ahead, as `_kept` keeps a parse (`tools/parsed_faces.py` writes them): the maths
face STIX Two Math, which a first build on a machine would otherwise parse (a twentieth of
building a pack of 200 formulas); named as in the cache, so only for the face's bytes and the
ReportLab version they were made from. Compressed with zlib (`PARSED_SUFFIX`), not xz as the
faces are: 89 KB rather than 45 KB, unpacked in a tenth of xz's time (xz took 25 million
instructions of a first build of 200 formulas, zlib 2 million)."""
PARSED_SUFFIX = ".z"


@lru_cache(maxsize=4)
def _parsed_ahead(stored: str) -> bytes | None:
    """The parse of a face in PARSED_DIR, unpacked once a process (the glyph check reads the
    face's coverage from it, then the face is registered)."""
    try:
        return zlib.decompress((PARSED_DIR / (stored + PARSED_SUFFIX)).read_bytes())
    except (OSError, zlib.error):
        return None


def _kept(face) -> bytes | None:
    """A parsed face's state as marshal data (None if ReportLab keeps something else there)."""
    state = {key: value for key, value in vars(face).items() if key not in ("_ttf_data", "_pdfScale")}
    names = sorted(key for key, value in state.items() if type(value) is not bytes and isinstance(value, bytes))
    state.update({key: bytes(state[key]) for key in names})
    try:
        return marshal.dumps({"names": names, "state": state})
    except ValueError:
        return None


def _restored(kept: dict, data: bytes):
    """The face `_kept` wrote, as parsing `data` makes it."""
    from reportlab.pdfbase.pdfmetrics import TypeFace
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    TypeFace.__init__(face, None)
    state = dict(kept["state"])
    state.update({key: TTFNameBytes(state[key]) for key in kept["names"]})
    vars(face).update(state)
    face._ttf_data = data
    units = face.unitsPerEm  # as TTFontFile.extractInfo scales a face not drawn in 1000 units per em
    if units == 1000:
        face._pdfScale = lambda x: x
    else:
        per = 1000 / units
        face._pdfScale = lambda x: x * per
    return face


def _font_of(font_class, name: str, face):
    """A font around an already parsed face, as TTFont's constructor makes one."""
    from fnmatch import fnmatch

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding

    font = font_class.__new__(font_class)
    font.fontName, font.face, font.encoding, font.state = name, face, TTEncoding(), WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


def _space_out(font, variant: Variant) -> None:
    """Wider advance widths. The face gets its own PostScript name: ReportLab shares one
    font object between registrations of the same face name, which would undo the spacing."""
    font.face.name = font.face.name + f"-Spaced{round(variant.letter * 1000)}-{round(variant.word * 1000)}".encode()
    widths = dict(font.face.charWidths)
    extra = variant.letter * 1000
    for code in widths:
        widths[code] += extra
    for space in (0x20, 0xA0):
        if space in widths:
            widths[space] += variant.word * 1000
    font.face.charWidths = widths


def face(family: str, bold: bool = False, italic: bool = False, variant: Variant = PLAIN) -> str:
    return register(family, variant) + FACE_SUFFIX[_style_index(_spec(family).files, bold, italic, variant)]


def _style_index(files: tuple[str, ...], bold: bool, italic: bool, variant: Variant) -> int:
    """Which of a family's four faces prints a style: italics as bold where the variant avoids
    them, and where one file serves several styles (CJK has no italics, a symbol face has one
    face for all four), the first style of that file: two ReportLab fonts of one face would
    embed two subsets of the same name, which ends the PDF with an error."""
    if italic and not variant.italics:
        bold, italic = True, False
    return files.index(files[int(bold) + 2 * int(italic)])


def describe(face_name: str) -> tuple[str, bool, bool, Variant] | None:
    """The family, bold, italic and variant of a face registered here (None for others)."""
    return _FACES.get(face_name)


@lru_cache(maxsize=None)
def coverage(family: str) -> frozenset[int]:
    """The code points the family's regular face has glyphs for. Kept on disk beside the
    unpacked fonts (keyed by the face's bytes), so a glyph check needs no font parsed."""
    def parsed() -> frozenset[int]:
        from reportlab.pdfbase import pdfmetrics  # only when the coverage is not on disk yet

        register(family)
        return frozenset(code for code in pdfmetrics.getFont(face(family)).face.charToGlyph if code < PRIVATE)  # not a maths variant's code

    return _kept_coverage(family, _font_bytes(family, 0), parsed)


@lru_cache(maxsize=None)
def file_coverage(name: str, path: str) -> frozenset[int]:
    """The code points a face file outside the families has glyphs for (STIX Two Math, which
    the maths engine ships), kept on disk as a family's are. Where it is not, the face is
    parsed as registering it parses it (`_ttfont`), so that parse is kept too and the face,
    registered next to draw a formula, is read from it (a first build parsed it twice)."""
    data, digest = _library_face(path)

    def parsed() -> frozenset[int]:
        return frozenset(_ttfont(name, data, digest).face.charToGlyph)

    return _kept_coverage(name, data, parsed, digest)


def _kept_coverage(name: str, data: bytes, parse, digest: str | None = None) -> frozenset[int]:
    cache = _cache_dir()
    path = None if cache is None else cache / f"{name}-{(digest or hashlib.sha256(data).hexdigest())[:16]}-{_SEALED}.cover"
    kept = None if path is None else caches.read_sealed(path, ("term.cache-what-coverage", "the font's coverage is read"))
    if kept is not None:
        try:
            return _unpack_ranges(kept.decode("ascii"))
        except ValueError:
            pass
    found = parse()
    if path is not None:
        _write_cached(path, _pack_ranges(found).encode("ascii"))
    return found


def draws_missing_as_box(family: str) -> bool:
    """Whether a character the family's face lacks prints as a box. ReportLab sets every such
    character as code 0 of the face's first subset, which prints as the face's glyph for
    U+0000: where the face maps U+0000 (the Noto faces: an empty glyph, no width) the
    character prints as nothing and the text closes up; where it does not (FiraGO, Atkinson
    Hyperlegible), as glyph 0, the face's .notdef, a box. Read from the coverage, so no face
    is parsed."""
    return 0 not in coverage(family)


def _pack_ranges(points: frozenset[int]) -> str:
    """Code points as ranges, one "first last" (hex) a line."""
    lines: list[str] = []
    ordered = sorted(points)
    start = 0
    for i, point in enumerate(ordered):
        if i + 1 == len(ordered) or ordered[i + 1] != point + 1:  # the last of a range
            lines.append(f"{ordered[start]:x} {point:x}")
            start = i + 1
    return "\n".join(lines) + "\n"


def _unpack_ranges(data: str) -> frozenset[int]:
    if not data.endswith("\n"):
        raise ValueError("a cut-off coverage file")
    points: list[int] = []
    pairs = data.split()
    for first, last in zip(pairs[::2], pairs[1::2]):
        points.extend(range(int(first, 16), int(last, 16) + 1))
    return frozenset(points)


def chain(family: str) -> tuple[str, ...]:
    """The family, then the fallbacks tried for words it cannot print."""
    extras = tuple(name for name, spec in FAMILIES.items() if spec.optional)
    return (family,) + tuple(f for f in FALLBACKS + extras + tuple(SYMBOLS) if f != family)


def _prints(family: str, word: str) -> bool:
    have = coverage(family)
    return all(ord(ch) in have for ch in word)


def fallback_for(word: str, family: str) -> str:
    """The family a whole word is set in: the face's own if it can, else the first fallback that
    can. Never a symbol face: its letters are not the text's (nor bold), so a word with a
    symbol no text face has is split (`_placed`), the symbol alone in the symbol face."""
    if _prints(family, word):
        return family
    for other in chain(family)[1:]:
        if other not in SYMBOLS and _prints(other, word):
            return other
    return family  # nothing can: missing() reports it before typesetting


def runs(text: str, face_name: str) -> list[tuple[str, str]]:
    """Split text into (segment, face) runs: words the face cannot print move whole to a fallback."""
    info = describe(face_name)
    if info is None or not text:
        return [(text, face_name)]
    family, bold, italic, variant = info
    have = coverage(family)
    if have.issuperset(map(ord, text.replace(" ", ""))) or all(ord(ch) in have or ch.isspace() for ch in text):
        return [(visual(text), face_name)]
    pieces: list[str] = []
    targets: list[str] = []
    for word in _words(text):
        for piece, other in _placed(word, family):
            pieces.append(piece)
            targets.append(face_name if other == family else face(other, bold, italic, variant))
    for i, piece in enumerate(pieces):  # a space between two fallback words joins their run
        if piece.isspace() and 0 < i < len(pieces) - 1 and targets[i - 1] == targets[i + 1]:
            targets[i] = targets[i - 1]
    out: list[tuple[str, str]] = []
    for piece, target in zip(pieces, targets):
        if out and out[-1][1] == target:
            out[-1] = (out[-1][0] + piece, target)
        else:
            out.append((piece, target))
    return [(visual(segment), f) for segment, f in out]


def _placed(word: str, family: str) -> list[tuple[str, str]]:
    """A word (or a run of spaces) and the family that sets it: whole in one text family where
    one can print it all; else each letter in the first family of the chain that has it
    ("x⊥y": x and y in the text's face, ⊥ in Noto Sans Math)."""
    other = family if word.isspace() else fallback_for(word, family)
    if other != family or word.isspace() or _prints(family, word):
        return [(word, other)]
    placed: list[tuple[str, str]] = []
    for ch in word:
        home = next((name for name in chain(family) if ord(ch) in coverage(name)), family)
        if placed and placed[-1][1] == home:
            placed[-1] = (placed[-1][0] + ch, home)
        else:
            placed.append((ch, home))
    return placed


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic and their forms


def is_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def rtl_support() -> bool:
    """True when the `rtl` extra (arabic-reshaper, python-bidi) is installed."""
    return _shaper() is not None


@lru_cache(maxsize=1)
def _shaper():
    try:
        from arabic_reshaper import reshape
        from bidi import get_display
    except ImportError:
        return None
    return lambda segment: get_display(reshape(segment))


def visual(segment: str) -> str:
    """Right-to-left words (Arabic, Hebrew) joined and in reading order, when the rtl extra
    is installed; other text unchanged. Spaces around the words stay where they were."""
    if not is_rtl(segment):
        return segment
    shape = _shaper()
    if shape is None:
        return segment
    core = segment.strip()
    lead = segment[: len(segment) - len(segment.lstrip())]
    trail = segment[len(segment.rstrip()):]
    return lead + shape(core) + trail


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|\S+", text)


def missing(text: str, family: str) -> list[str]:
    """Characters of `text` that neither the family nor any fallback can print."""
    have = coverage(family)  # most text stops here: no big face is loaded, no fallback named
    lost = {ch for ch in text if ord(ch) not in have and ch not in "\n\r\t"}
    for name in chain(family)[1:] if lost else ():
        have = coverage(name)
        lost = {ch for ch in lost if ord(ch) not in have}
        if not lost:
            break
    return sorted(lost)
