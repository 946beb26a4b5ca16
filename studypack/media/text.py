"""User text -> safe paragraph markup, and header/footer templates in a Jinja2 sandbox.

The pack's inline markup is small on purpose: `*emphasis*` or `_emphasis_`, `**strong**`
or `__strong__`, a blank line between paragraphs, and `\\*` or `\\_` for a literal marker. Everything else — `<`, `&`, quotes,
braces — is escaped, so user text reaches ReportLab as data, never as markup.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial

from jinja2 import StrictUndefined, TemplateError, Undefined, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from studypack.base.errors import said
from studypack.spec.maths import FormulaError, MathsSource, split_maths
from studypack.spec.maths.siunits import factors, number_parts

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"\s+")


def paragraphs(text: str, quotes: bool = True) -> list[str]:
    """Split on blank lines, join the lines of each paragraph, and convert inline markup.
    `quotes=False` keeps straight quotes as given (a source's own words)."""
    parts = _PARAGRAPH_BREAK.split(text.strip())
    return [inline(_SPACES.sub(" ", part).strip(), quotes) for part in parts if part.strip()]


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_TIES = [  # a space a line must not break at, after group 1: it becomes a no-break space
    re.compile(rf"(\b\d{{1,2}}(?:st|nd|rd|th)?) (?=(?:{_MONTHS})\b)"),       # 1 December, 24th August
    re.compile(rf"(\b(?:{_MONTHS})) (?=\d)"),                               # December 1934, August 24
    re.compile(r"((?<![\d,.])\b\d{1,3}) (?=[A-Za-z%])"),                   # 3 times, 16 marks (not years)
    re.compile(r"(\b(?:Source|Sources|Question|Questions|line|lines|page|pages|Level|Section|Part"
               r"|Paper|Chapter|Article|Figure|Table|No\.|p\.|pp\.)) (?=[A-Z0-9])"),  # Source B, line 12
    re.compile(r"(\b[A-Z]\.) (?=[A-Z])"),                                   # J. V. Stalin
    # a number and its unit symbol: 450 °C, 9.81 m/s², 20 %, 3.5 kJ (a line never ends "about 450")
    re.compile(r"(\d) (?=(?:°|%|[µμ]?(?:m|s|g|kg|N|J|W|V|A|K|Pa|Hz|mol|L|mL|h|min|cm|mm|km|kJ|kW|kPa|dm)"
               r"(?![A-Za-z])))"),
    re.compile(r"(\([\-\u2212]?\d[\d.]*,) (?=[\-\u2212]?\d[\d.]*\))"),          # a coordinate pair: (8, 12)
    re.compile(r"(\b(?:Mr|Mrs|Ms|Dr|St)\.?) (?=[A-Z])"),
]
_OPENS_BEFORE = " \t\n([{=\u2018\u201c\u2014\u2013-/\xa0"
"""After these a quote opens (`name="x"`, `("x")`, `—"x"`); after anything else it closes."""
_ELISION = re.compile(r"(?<!\w)'([nN])'(?!\w)")  # rock 'n' roll: both are apostrophes


@lru_cache(maxsize=4096)  # pure; a build sets the same words again (an option in sheet and key, every copy)
def typographic(text: str, quotes: bool = True) -> str:
    """No-break spaces in dates, numbers with their nouns, initials and "Source B"; with
    `quotes`, straight quotes and apostrophes become typographic ones."""
    for tie in _TIES:
        text = tie.sub("\\1\xa0", text)
    if not quotes or ("'" not in text and '"' not in text):
        return text
    text = _ELISION.sub("\u2019\\1\u2019", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "'\"":
            before = _printed_before(out)
            opening = before in _OPENS_BEFORE and i + 1 < len(text) and not text[i + 1].isspace()
            if ch == '"':
                ch = "\u201c" if opening else "\u201d"
            else:
                ch = "\u2018" if opening and not text[i + 1:i + 3].isdigit() else "\u2019"
        out.append(ch)
    return "".join(out)


def _printed_before(out: list[str]) -> str:
    """The character a quote follows as printed: an opening quote opens the next (`"'x'"`),
    and emphasis markers do not count (`*"x"*`); a space at the start."""
    return next((ch for ch in reversed(out) if ch not in "*_"), " ")


def tie_last(markup: str, most: int = 22) -> str:
    """Join a paragraph's last two words with a no-break space, so it never ends on a
    single word, where the two are short enough to move down together."""
    spaces = [] if " " not in markup else _spaces_outside_tags(markup)  # a space inside <font size="7"> is markup
    if not spaces or spaces[-1] <= 0:
        return markup
    cut = spaces[-1]
    words = re.sub(r"<[^>]*>", "", markup[(spaces[-2] if len(spaces) > 1 else -1) + 1:])
    if len(words) > most or _after_formula(markup, spaces) or markup[:cut].endswith("\u00b7"):
        return markup  # a list's last item is not tied to its separating dot, which ends the line before
    return markup[:cut] + "\xa0" + markup[cut + 1:]


SEPARATOR = " \u00b7\u00a0"  # between a subtitle's facts: the dot goes down with the fact after it, never ends a line
_SHORT_ASIDE = re.compile(r"\(([^()<>]{1,16})\)")  # "(ages 14–16)": short enough to keep on one line


def separated(items) -> str:
    """Facts in a row ("Physics · GCSE (ages 14–16) · Total: 35 marks"), each `·` kept with
    the fact after it, and each fact's short parenthetical whole ("(ages / 14–16)" never)."""
    return SEPARATOR.join(_SHORT_ASIDE.sub(lambda m: m.group(0).replace(" ", "\xa0"), item) for item in items)


RUNT = 9  # letters: a last word this short, alone on a paragraph's last line, is a runt


def letters(word: str) -> int:
    """How long a word is as a reader counts it: its letters and digits, not the punctuation
    and marks around them ("knowledge." is nine, "[…]" none)."""
    return sum(ch.isalnum() for ch in word)


_DISPLAYED = re.compile(r"(\$\$[^$]+\$\$)")
_COUNT = re.compile(r"\(\d+\xa0[^\W\d_]+\)\W?$")  # "(1 mark).", "(2 marks)", "(3 points)"


def tie_runt(markup: str) -> str:
    """Tie a paragraph's last word to the one before (`tie_last`) where that word is short
    enough to stand alone as a runt ("…were / shot."): the pair then moves down together. A
    paragraph of fewer than three words, or one whose last word is already tied, is kept. The
    words before a display formula end a line of their own: their last word is tied the same
    way ("…marked x. / Use" over a² + b² = c²)."""
    if "$$" not in markup:
        return _tie_runt(markup)
    pieces = _DISPLAYED.split(markup)  # words, a display formula, words, …
    for i in range(0, len(pieces), 2):
        words = pieces[i].rstrip(" ")
        pieces[i] = _tie_runt(words) + pieces[i][len(words):]
    return "".join(pieces)


def _tie_runt(markup: str) -> str:
    """A last "word" that is only a mark ("…power. […]", an editor's cut) is tied to the word
    before it, which is then the one that must not stand alone."""
    spaces = _spaces_outside_tags(markup) if markup.count(" ") >= 2 else []
    if len(spaces) < 2 or spaces[0] <= 0:
        return markup
    last = html.unescape(re.sub(r"<[^>]*>", "", markup[spaces[-1] + 1:]))
    if not last or letters(last) > RUNT:
        return markup
    if any(ch.isspace() for ch in last):  # \xa0: tied already, to the word before or as a unit
        # a count in brackets tied as a unit ("(1 mark).", by `typographic`) goes down with its word
        return tie_last(markup) if _COUNT.match(last) else markup
    if letters(last) == 0 and len(spaces) >= 3:
        mark = spaces[-1]
        return _tie_runt(markup[:mark]) + "\xa0" + markup[mark + 1:]  # a mark never starts a line
    tied = tie_last(markup)
    count = re.sub(r"<[^>]*>", "", markup[spaces[-2] + 1:spaces[-1]])
    if tied != markup and len(spaces) >= 3 and not any(ch.isalpha() for ch in count):
        # "…for each point (1 mark).": the number goes with the word before it, or "(1 mark)." is the runt
        return tie_last(tied[:spaces[-1]]) + tied[spaces[-1]:]
    return tied


# a capitalised word and the number or capital letter after it: "Site 5", "Figure 1", "Source A"
# (a year is a word of its own: "In 1937" may part)
_LABELLED = re.compile(r"(?<![\w’'])([A-Z][a-z]+) (?=(?:\d{1,3}|[A-Z])(?![\w’']))")


def tie_labels(markup: str) -> str:
    """Tie a word to the number or letter that labels it, "Site\xa05", so a line never ends
    "…from Site 1 to Site" with "5." on the next; a sentence's first word ("Award 3 marks …"),
    tags and formulas are left as they are."""
    if " " not in markup:
        return markup
    out: list[str] = []
    formula, said = False, ""  # inside a formula; the text so far, tags left out
    for piece in re.split(r"(<[^>]*>)", markup):
        if piece.startswith("<"):
            out.append(piece)
            continue
        bits = piece.split("$")
        for i, bit in enumerate(bits):
            formula = formula if i == 0 else not formula  # each `$` opens or closes a formula
            if not formula:
                bit = _LABELLED.sub(partial(_tied, said + bit), bit)
            said += bit
            bits[i] = bit
        out.append("$".join(bits))
    return "".join(out)


def _tied(text: str, m: re.Match) -> str:
    """A word and its label's space tied, unless the word starts a sentence (`text`: the
    words so far, the piece `m` is in at their end)."""
    before = text[:len(text) - len(m.string) + m.start()]
    return m.group(0) if _starts_sentence(before) else m.group(1) + "\xa0"


def _starts_sentence(before: str) -> bool:
    """Whether a word after `before` starts a sentence ("Award 3 marks …"): then not a label."""
    before = before.rstrip()
    return not before or before[-1] in ".!?:;"


def _after_formula(markup: str, spaces: list[int]) -> bool:
    """Whether the last-but-one word follows a formula: the word after an inline formula is
    already set with it (ReportLab never breaks between them), so tying it to the last word too
    would make a unit too wide for a large-print line ("N₂ + 3H₂ ⇌ 2NH₃ (correct answer)")."""
    start = spaces[-2] if len(spaces) > 1 else 0
    return re.sub(r"<[^>]*>", "", markup[:start]).rstrip().endswith("$")


def _spaces_outside_tags(markup: str) -> list[int]:
    """Where the spaces between words are: not those inside a tag's angle brackets, nor inside
    a formula's `$` signs (a dollar sign in markup is `&#36;`)."""
    found, inside, formula = [], False, False
    for i, ch in enumerate(markup):
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif ch == "$" and not inside:
            formula = not formula
        elif ch == " " and not inside and not formula:
            found.append(i)
    return found


@lru_cache(maxsize=4096)  # pure, as typographic
def inline(text: str, quotes: bool = True, units: bool = False) -> str:
    """One paragraph's inline markup -> ReportLab markup; everything else escaped.

    `*` or `_` emphasises, `**` or `__` makes bold, where CommonMark's delimiter runs would:
    a marker opens where it leans on the word after it and closes where it leans on the word
    before (`_marked_words_`). A marker inside a word never counts, for `*` as for `_` (stricter
    than CommonMark for `*`), so arithmetic and names stay as written: `2*3`, `a*b*c`,
    `x_1`, `snake_case`, and `5 * 3`; so does a marker without a partner. Dates, counts and
    initials never break (`typographic`); `quotes=False` keeps straight quotes. A formula that
    is a unit alone (`$\\unit{m/s^2}$`) or a quantity alone (`$\\qty{9.8}{N/kg}$`) is set in
    the words' own face (`unit_words`, `quantity_words`), upright, as a textbook sets a unit in
    running text; `units=True` (a label: an answer line's unit, a table's head, an axis) is
    kept for the callers that say so, and changes nothing more.
    """
    if "$" in text and _FORMULA not in text:
        return _with_formulas(text, quotes, units)
    return _marked(text, quotes)


def _marked(text: str, quotes: bool) -> str:
    pieces = _pieces(typographic(text, quotes))
    _pair([piece for piece in pieces if isinstance(piece, _Run)])
    return "".join(escape(piece) if isinstance(piece, str) else piece.markup() for piece in pieces)


_FORMULA = "\ufffc"  # stands for a formula while the words around it are marked up


def _with_formulas(text: str, quotes: bool, units: bool = False) -> str:
    """`inline` for a text holding `$`: each formula stands aside as one symbol while emphasis
    is paired and quotes turned (so neither touches its inside), then comes back as `$TeX$` or
    `$$TeX$$` (escaped), which `views.paragraph` sets as the formula and an export carries as
    written; a dollar sign (`\\$`) becomes `&#36;`, so every `$` left is a formula's. A text whose
    formulas cannot be read (validation refuses them in a pack) keeps its `$` as dollar signs."""
    from studypack.spec.maths.formula import parse  # the formula reader loads on a text's first formula (start-up speed)

    try:
        parts = split_maths(text)
        formulas = [part for part in parts if isinstance(part, MathsSource)]
        for formula in formulas:
            parse(formula.tex, formula.display)
    except FormulaError:
        return _marked(text, quotes).replace("$", DOLLAR)
    words = "".join(_FORMULA if isinstance(part, MathsSource) else part for part in parts)
    pieces = _marked(words, quotes).replace("$", DOLLAR).split(_FORMULA)
    out = [pieces[0]]
    for formula, after in zip(formulas, pieces[1:]):
        fence = "$$" if formula.display else "$"
        worded = None if formula.display else as_words(formula.tex)
        out += [worded if worded is not None else fence + escape(formula.tex) + fence, after]
    return "".join(out)


def as_words(tex: str) -> str | None:
    """A formula that is a unit or a quantity alone, as words markup in the words' face
    (`m/s²`, `9.8 N/kg` with a no-break space); None for any other formula, which stays maths."""
    alone = _UNIT.fullmatch(tex)
    if alone:
        return unit_words(alone.group(1))
    amount = _QUANTITY.fullmatch(tex)
    parts = number_parts(amount.group(1)) if amount else None
    if amount is None or parts is None:
        return None
    return quantity_words(*parts) + _JOIN + unit_words(amount.group(2))


def quantity_words(value: str, power: str = "") -> str:
    """A quantity's number as words markup: a true minus (U+2212), a power of ten as `× 10`
    with its power raised (`3e8`: 3 × 10⁸), its minus an en dash as a unit's power's is."""
    words = value.replace("-", "\u2212")
    if power:
        words += f"\u00a0×\u00a010<super rise=\"{_RISE}\" size=\"{_SIZE}\">{escape(power.replace('-', chr(0x2013)))}</super>"
    return words


_UNIT = re.compile(r"\s*\\unit\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*")  # a formula that is one unit alone
_QUANTITY = re.compile(r"\s*\\qty\s*\{([^{}]*)\}\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*")  # one quantity alone
_RISE, _SIZE = "36%", "70%"  # a unit's power: raised and sized as the maths faces set a superscript
_JOIN = "\u00a0"  # between a unit's symbols (kg m): a space no line breaks at


def unit_words(unit: str) -> str:
    """A unit as words markup, in the face of the words around it: upright symbols, powers
    raised (`<super>`, a minus as an en dash: not every text face has U+2212, and one missing
    would set the power in a fallback face), a no-break space between symbols, `/` as written."""
    out = []
    for group in factors(unit):
        if group == "/":
            out.append("/")
            continue
        out.append(_JOIN.join(escape(symbol.replace("\\%", "%")) + (
            f"<super rise=\"{_RISE}\" size=\"{_SIZE}\">{escape(power.replace('-', chr(0x2013)))}</super>" if power else "") for symbol, power in group))
    return "".join(out)


DOLLAR = "&#36;"  # a dollar sign in markup: never read as a formula's fence


_MARKERS = re.compile(r"\\[\\*_]|\*+|_+")


@dataclass(eq=False)
class _Run:
    """A run of one marker (`***`, `_`): where it may open or close, and what it became."""

    char: str
    length: int
    can_open: bool
    can_close: bool
    left: int = 0                                        # markers not paired yet
    opens: list[str] = field(default_factory=list)       # tags it opens, innermost first
    closes: list[str] = field(default_factory=list)      # tags it closes, innermost first

    def markup(self) -> str:
        return ("".join(f"</{tag}>" for tag in self.closes) + self.char * self.left
                + "".join(f"<{tag}>" for tag in reversed(self.opens)))


def _pieces(text: str) -> list[str | _Run]:
    """Text and marker runs, in order; an escaped `*`, `_` or backslash is text."""
    pieces: list[str | _Run] = []
    pos = 0
    for match in _MARKERS.finditer(text):
        if match.start() > pos:
            pieces.append(text[pos:match.start()])
        mark = match.group()
        if mark.startswith("\\"):
            pieces.append(mark[1])
        else:
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            pieces.append(_run(mark, before, after))
        pos = match.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def _run(mark: str, before: str, after: str) -> _Run:
    """CommonMark's flanking rules, with the line's start and end as spaces; as for its `_`,
    a run between two letters or digits (both flanking) neither opens nor closes, and nor
    does a run of more than three (`(____)` is a line to write on, not bold)."""
    if len(mark) > 3:
        return _Run(mark[0], len(mark), False, False, len(mark))
    leans_right = not after.isspace() and (not _punctuation(after) or before.isspace() or _punctuation(before))
    leans_left = not before.isspace() and (not _punctuation(before) or after.isspace() or _punctuation(after))
    can_open = leans_right and (not leans_left or _punctuation(before))
    can_close = leans_left and (not leans_right or _punctuation(after))
    return _Run(mark[0], len(mark), can_open, can_close, len(mark))


def _punctuation(ch: str) -> bool:
    """Punctuation or a symbol, as CommonMark counts them (quotes, brackets, dashes, `*`)."""
    return unicodedata.category(ch)[0] in "PS"


def _pair(runs: list[_Run]) -> None:
    """Pair closers with openers as CommonMark does: the nearest opener of the same marker,
    two markers (bold) where both have two, else one (italics); openers between them are
    left as text, so tags always nest. Linear, as CommonMark's: a closer never searches
    again below where one of its kind found nothing (`floors`)."""
    stacks: dict[str, list[tuple[int, _Run]]] = {"*": [], "_": []}
    floors: dict[tuple[str, bool, int], int] = {}
    for index, run in enumerate(runs):
        stack, kind = stacks[run.char], (run.char, run.can_open, run.length % 3)
        while run.can_close and run.left:
            found = next((at for at in range(len(stack) - 1, floors.get(kind, 0) - 1, -1)
                          if _may_pair(stack[at][1], run)), None)
            if found is None:
                floors[kind] = len(stack)
                break
            start, opener = stack[found]
            for others in stacks.values():  # the openers between can no longer pair
                while others and others[-1][0] > start:
                    others.pop()
            _join(opener, run)
            if not opener.left:
                stack.pop()
            if floors:  # a stack shrank: no floor above its top
                floors = {key: min(floor, len(stacks[key[0]])) for key, floor in floors.items()}
        if run.can_open and run.left:
            stack.append((index, run))


def _join(opener: _Run, closer: _Run) -> None:
    """Two markers of each (bold) where both have two left, else one (italics)."""
    used = 2 if opener.left >= 2 and closer.left >= 2 else 1
    tag = "strong" if used == 2 else "i"  # <strong>: the pack's own bold (the views' labels use <b>)
    opener.opens.append(tag)
    closer.closes.append(tag)
    opener.left -= used
    closer.left -= used


def _may_pair(opener: _Run, closer: _Run) -> bool:
    """CommonMark's rule of three, for a run that could both open and close."""
    if not (opener.can_close or closer.can_open):
        return True
    return (opener.length + closer.length) % 3 != 0 or (opener.length % 3 == 0 and closer.length % 3 == 0)


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities: what ReportLab's paragraph markup would read as markup.
    (xml.sax.saxutils does the same but imports urllib, http and ssl: 40 ms at start-up.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text: str) -> str:
    """The reverse of `escape`."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace(DOLLAR, "$").replace("&amp;", "&")


def plain(text: str) -> str:
    """The words a reader sees, markup removed (for headers, file names and checks): the
    markers `inline` pairs up go, and a lone `*` ("5*3") stays, as it prints in the body."""
    marked = _SPACES.sub(" ", text).strip()
    return _unescape(re.sub(r"</?(?:[bi]|strong)>", "", inline(marked))).strip()


def literal(text: str) -> str:
    """Text printed exactly as given (names, titles in tables): escaped, no markup, and a `$`
    a dollar sign, never a formula."""
    return escape(text).replace("$", DOLLAR)


def _names(variables: dict, prefix: str = "") -> str:
    names = []
    for key, value in variables.items():
        if isinstance(value, dict):
            names.append(_names(value, f"{prefix}{key}."))
        else:
            names.append(prefix + key)
    return ", ".join(names)


def _too_deep() -> str:
    return said("term.template-deep", "the template is nested too deeply; write it more simply")


class TemplateProblem(Exception):
    """A template that cannot compile or render; the caller adds the file and line."""


MAX_TEMPLATE = 400      # characters in one header, footer or marks template
MAX_OUTPUT = 1000       # characters one template may print
MAX_NESTING = 16        # brackets inside brackets: Jinja2's parser recurses once per level
_BIG = 10**9
_FILTERS = ("upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "count",
            "int", "float", "string", "round", "abs", "first", "last", "truncate", "e", "escape")
_REFUSED = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Call, nodes.Import,
            nodes.FromImport, nodes.Include, nodes.Extends, nodes.Block, nodes.With, nodes.Assign,
            nodes.AssignBlock)


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, narrowed to what a header, footer or marks label needs.

    Layouts are shared between teachers, so a template is untrusted code. Beyond the
    sandbox (no `__class__`, no private attributes) it may not call anything, loop,
    define macros or include files; it sees only the documented variables and a few
    filters; arithmetic that could build huge numbers or strings is refused. So a
    template can neither reach Python nor run for long or fill memory.
    """

    intercepted_binops = frozenset({"*", "**", "%", "//", "+"})

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError(said("term.template-power", "'**' is not allowed in layout templates: write the number out"))
        for value in (left, right):
            if isinstance(value, (int, float)) and abs(value) > _BIG:
                raise SecurityError(said("term.template-big", "numbers that large are not allowed in layout templates"))
        if operator == "*" and any(isinstance(v, (str, list, tuple)) for v in (left, right)):
            raise SecurityError(said("term.template-repeat", "repeating text with '*' is not allowed in layout templates"))
        if operator == "%" and isinstance(left, str):
            raise SecurityError(said("term.template-percent", "'%' formatting is not allowed in layout templates"))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's signature
        raise SecurityError(said("term.template-call", "calling functions or methods is not allowed in layout templates"))

    # The documented variables are mappings of strings and numbers: `pack.title` looks a key
    # up, and nothing reaches a Python attribute (`pack.items`, `pack.title.upper` would
    # print a method, with a memory address that differs from build to build).
    def getattr(self, obj, attribute):
        if isinstance(attribute, str) and attribute.startswith("_"):
            raise SecurityError(_not_available(attribute))
        if isinstance(obj, dict):
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        if isinstance(obj, Undefined):  # `{{ pack.title }}` where there is no `pack`: say which name is unknown
            return obj._fail_with_undefined_error()
        raise SecurityError(_no_attribute(obj, attribute))

    def getitem(self, obj, argument):
        if isinstance(argument, str) and argument.startswith("_"):
            raise SecurityError(_not_available(argument))
        if isinstance(obj, dict):
            return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
        if isinstance(obj, Undefined):
            return obj._fail_with_undefined_error()
        if isinstance(obj, (str, list, tuple)) and isinstance(argument, (int, slice)):
            return super().getitem(obj, argument)
        raise SecurityError(_no_attribute(obj, argument))


_PRINTABLE = (str, int, float)


def _not_available(name) -> str:
    return said("term.template-not-available", "'{name}' is not available in layout templates", name=name)


_ON = {str: ("term.template-on-text", "text"), int: ("term.template-on-number", "a number"),
       float: ("term.template-on-number", "a number"), bool: ("term.template-on-yes-no", "yes/no"),
       list: ("term.template-on-list", "a list"), tuple: ("term.template-on-list", "a list")}


def _no_attribute(obj, name) -> str:
    what = said(*_ON.get(type(obj), ("term.template-on-value", "this value")))
    hint = said("term.template-use-filter", ": use the filter |{name}", name=name) \
        if isinstance(obj, str) and name in _FILTERS else ""
    return said("term.template-not-on", "'{name}' is not available on {what} in layout templates{hint}", name=name,
                what=what, hint=hint)


def _finalize(value):
    """What `{{ ... }}` may print: text, a number, or a list of those; never an object."""
    if value is None or isinstance(value, (Undefined, *_PRINTABLE)) or (
            isinstance(value, (list, tuple)) and all(isinstance(v, _PRINTABLE) for v in value)):
        return value
    if isinstance(value, dict):
        raise SecurityError(said("term.template-group", "a group of variables ({names}) cannot be printed: name one, e.g. "
                                 "{{{{ pack.title }}}}", names=", ".join(map(str, value))))
    raise SecurityError(said("term.template-print", "only text and numbers can be printed in layout templates"))


def _nesting(source: str) -> int:
    """How deep brackets nest, found with the lexer (which does not recurse) before parsing."""
    depth = deepest = 0
    for _line, kind, value in _ENV.lex(source):
        if kind == "operator" and value in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "operator" and value in ")]}":
            depth -= 1
    return deepest


_ENV = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, finalize=_finalize)
_ENV.globals.clear()
_ENV.filters = {name: _ENV.filters[name] for name in _FILTERS}
_ENV.tests = {name: _ENV.tests[name] for name in ("defined", "undefined", "none", "number", "string",
                                                   "even", "odd", "divisibleby", "eq", "ne", "lt", "gt",
                                                   "le", "ge", "in")}


_COMPILED: dict[str, object] = {}
_NAMES: dict[str, frozenset[str]] = {}


def compile_template(source: str):
    """The sandboxed template for `source`, compiled once per process: every document of a
    build (and every build in `watch`) shares it. A broken template raises TemplateProblem."""
    template = _COMPILED.get(source)
    if template is None:
        template = _COMPILED[source] = _compile(source)
    return template


def _compile(source: str):
    if len(source) > MAX_TEMPLATE:
        raise TemplateProblem(said("term.template-long", "template is {length} characters long; at most {most} are allowed",
                                   length=len(source), most=MAX_TEMPLATE))
    try:
        if _nesting(source) > MAX_NESTING:
            raise TemplateProblem(said("term.template-brackets", "brackets are nested more than {most} deep in this "
                                       "template; write it more simply", most=MAX_NESTING))
        tree = _ENV.parse(source)
    except TemplateError as exc:
        raise TemplateProblem(said("term.template-syntax", "template syntax error: {error}", error=exc.message)) from None
    except RecursionError:  # a backstop: nesting the bracket count does not see
        raise TemplateProblem(_too_deep()) from None
    for node in tree.find_all(_REFUSED):
        if isinstance(node, nodes.Call):
            raise TemplateProblem(said("term.template-refused-call", "calling functions or methods is not allowed in layout "
                                       "templates: use only {{ variables }}, filters like |upper and {% if %}"))
        raise TemplateProblem(said("term.template-refused", "'{name}' is not allowed in layout templates: use only "
                                   "{{{{ variables }}}}, filters like |upper and {{% if %}}", name=type(node).__name__.lower()))
    for node in tree.find_all(nodes.Name):
        if node.name in ("self", "loop", "caller", "varargs", "kwargs"):
            raise TemplateProblem(_not_available(node.name))
    try:
        return _ENV.from_string(tree)  # the tree parsed above: no second parse
    except TemplateError as exc:
        raise TemplateProblem(said("term.template-syntax", "template syntax error: {error}", error=exc.message)) from None
    except RecursionError:
        raise TemplateProblem(_too_deep()) from None


def template_names(source: str) -> set[str]:
    """The top-level variables a template uses (e.g. {'pack', 'student'}); empty if it cannot parse."""
    names = _NAMES.get(source)
    if names is None:
        try:
            names = frozenset(meta.find_undeclared_variables(_ENV.parse(source)))
        except TemplateError:
            names = frozenset()
        _NAMES[source] = names
    return set(names)


def computes_with(source: str, names: set[str]) -> bool:
    """Whether a template does more with one of `names` than print it as it is (arithmetic, a
    comparison, a filter, an `if`): only such a template can work for some values and fail for
    others, so only it needs trying with many. False if it cannot parse."""
    try:
        tree = _ENV.parse(source)
    except TemplateError:
        return False
    used = [node for node in tree.find_all(nodes.Name) if node.name in names]
    printed = [node for output in tree.find_all(nodes.Output) for node in output.nodes
               if isinstance(node, nodes.Name) and node.name in names]
    return len(used) > len(printed)


def student_fields(source: str) -> frozenset[str] | None:
    """The fields of `student` a template reads, all as `student.field` (e.g. {'variant'}): a
    class set renders it once per different value of those, not once per student. None when
    it uses `student` any other way (or cannot parse)."""
    try:
        tree = _ENV.parse(source)
    except TemplateError:
        return None
    read = [node for node in tree.find_all(nodes.Getattr)
            if isinstance(node.node, nodes.Name) and node.node.name == "student"]
    named = [node for node in tree.find_all(nodes.Name) if node.name == "student"]
    return frozenset(node.attr for node in read) if len(read) == len(named) else None


def attributes_read(source: str, name: str) -> list[str]:
    """The fields of `name` a template reads as `name.field`, in order (e.g. ['title'] for
    `{{ pack.title }}`); empty if it cannot parse."""
    try:
        tree = _ENV.parse(source)
    except TemplateError:
        return []
    return list(dict.fromkeys(node.attr for node in tree.find_all(nodes.Getattr)
                              if isinstance(node.node, nodes.Name) and node.node.name == name))


def render_template(template, variables: dict) -> str:
    try:
        result = template.render(**variables)
        if len(result) > MAX_OUTPUT:
            raise TemplateProblem(said("term.template-prints", "template prints {length} characters; at most {most} fit on a "
                                       "line", length=len(result), most=MAX_OUTPUT))
        return result
    except TemplateProblem:
        raise
    except UndefinedError as exc:
        match = re.search(r"has no attribute '([^']*)'|'([^']*)' is undefined", exc.message or "")
        name = next((g for g in match.groups() if g), "?") if match else "?"
        raise TemplateProblem(said("term.template-unknown", "unknown variable '{name}': the variables are {names}", name=name,
                                   names=_names(variables))) from None
    except SecurityError as exc:
        message = str(exc.message or exc)
        match = re.search(r"access to attribute '([^']*)'", message)
        if match:
            message = _not_available(match.group(1))
        raise TemplateProblem(message) from None
    except RecursionError:
        raise TemplateProblem(_too_deep()) from None
    except TemplateError as exc:
        raise TemplateProblem(said("term.template-error", "template error: {error}", error=exc.message or exc)) from None
    except Exception as exc:  # sandbox refusals and runtime errors in a user's template
        raise TemplateProblem(said("term.template-error", "template error: {error}", error=exc)) from None
