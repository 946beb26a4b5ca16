"""The layout model: page, fonts, semantic styles, answer space, header and footer.

A layout is a YAML file; `extends: NAME` deep-merges it onto another layout. Styles are
looked up by semantic name (`question.stem`, `source.body` …) and inherit every unset
attribute from `body`, so a layout can restyle anything without touching content.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, ValidationError, model_validator

from .errors import Location, Problem, StudypackError, display_path
from .spec.fields import Strict
from .units import Em, Length
from . import yamlio
from .units import MM

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
PAGE_SIZES = {  # points, portrait
    "A3": (841.89, 1190.55), "A4": (595.28, 841.89), "A5": (419.53, 595.28),
    "letter": (612.0, 792.0), "legal": (612.0, 1008.0),
}
STYLE_NAMES = (
    "body", "title", "subtitle", "instructions", "student-line", "section.heading",
    "question.number", "question.stem", "question.marks", "question.option",
    "source.heading", "source.body", "source.line-number", "source.provenance", "source.note",
    "key.heading", "key.label", "key.answer", "key.level", "key.total",
    "glossary.term", "glossary.definition", "timeline.date", "timeline.event",
    "header", "footer",
    "candidate.label", "turn-over", "margin-notice", "school",
)


class Margins(Strict):
    top: Length = 18 * 72 / 25.4
    bottom: Length = 18 * 72 / 25.4
    left: Length = 20 * 72 / 25.4
    right: Length = 20 * 72 / 25.4


class Page(Strict):
    size: Literal[tuple(PAGE_SIZES)] = "A4"  # type: ignore[valid-type]
    orientation: Literal["portrait", "landscape"] = "portrait"
    margins: Margins = Margins()
    tint: Colour | None = None          # the whole page's background (cream for dyslexia); null for white
    booklet: bool = False               # impose pages two-up on sheets of the same paper, folded in the middle
    do_not_write: str = ""              # text in the right margin beside a rule: "Do not write in this margin"
    turn_over: str = ""                 # printed at the foot of a page when the sheet goes on after it
    turn_over_pages: Literal["every", "odd"] = "every"  # every continuing page, or right-hand (odd) ones only
    blank_page: str = ""                # across a page added so an exam paper ends on an even page ("BLANK PAGE"); "": none

    @property
    def dimensions(self) -> tuple[float, float]:
        width, height = PAGE_SIZES[self.size]
        return (height, width) if self.orientation == "landscape" else (width, height)


class Style(Strict):
    """A text style; unset attributes come from `body`."""

    font: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    size: Length | None = None
    leading: Length | None = None
    colour: Colour | None = None
    space_before: Length | None = None
    space_after: Length | None = None
    align: Literal["left", "right", "centre", "justify"] | None = None
    letter_spacing: Em | None = None
    word_spacing: Em | None = None


class AnswerLines(Strict):
    spacing: Length = 9 * 72 / 25.4
    per_mark: float = Field(default=2.0, gt=0, le=20)
    extended_per_mark: float | None = Field(default=None, gt=0, le=20)  # extended writing: at least this many a mark, SPaG too
    minimum: int = Field(default=2, ge=0, le=80)
    maximum: int = Field(default=30, ge=1, le=200)
    colour: Colour = "#8c8c8c"
    weight: Length = 0.5

    @model_validator(mode="after")
    def _order(self):
        if self.minimum > self.maximum:
            raise ValueError(f"minimum ({self.minimum}) is more than maximum ({self.maximum}): swap them")
        return self


class SourceBox(Strict):
    line_numbers: int = Field(default=5, ge=0, le=50)
    provenance: Literal["above", "below"] = "below"
    border: Length = 0.8
    border_colour: Colour = "#555555"
    tint: Colour | None = "#f5f2ea"
    padding: Length = 4 * 72 / 25.4


class Questions(Strict):
    number_width: Length = 10 * 72 / 25.4
    marks_width: Length = 24 * 72 / 25.4
    marks_position: Literal["column", "below"] = "column"  # below: under the question, at the right
    continued: str = "Question {{ n }} continued"  # over answer lines carried to a new page; "" for none
    keep_together: Length = 250 * 72 / 25.4  # a question's opening taller than this may split after its stem
    total: str = ""        # after each question's answer space: "(Total for Question {{ n }} = {{ marks }} marks)"; "" for none
    paper_total: str = ""  # after an exam paper's last question: "TOTAL FOR PAPER = {{ total }} MARKS"; "" for none


class Tables(Strict):
    header_tint: Colour | None = "#e8e8e8"
    fills: bool = True                   # light shading behind cells and boxes; false: none (ink-saver)
    rule_colour: Colour = "#9a9a9a"
    rule_weight: Length = 0.5


class Images(Strict):
    greyscale: bool = False


class Branding(Strict):
    school: str = ""
    logo: str | None = None              # an image file, relative to the layout file that names it
    logo_height: Length = 12 * 72 / 25.4
    logo_position: Literal["header-left", "header-right"] = "header-left"


class CandidateField(Strict):
    label: str
    digits: int = Field(default=0, ge=0, le=12)   # 0: a writing box; otherwise that many digit boxes


def _field(value: Any) -> Any:
    """A candidate box written as a plain label, `Surname`, means {label: Surname}."""
    return {"label": value} if isinstance(value, str) else value


class Band(Strict):
    left: str = ""
    centre: str = ""
    right: str = ""
    rule: bool | None = None  # a line between the band and the page body; header: yes, footer: no


class Layout(Strict):
    description: str = ""
    extends: str | None = None
    page: Page = Page()
    fonts: dict[str, str] = {"sans": "noto-sans"}
    styles: dict[str, Style] = {}
    marks: str = "[{{ n }} {{ 'mark' if n == 1 else 'marks' }}]"
    answer_lines: AnswerLines = AnswerLines()
    source: SourceBox = SourceBox()
    header: Band = Band(left="{{ pack.title }}", right="{{ sheet.title }}")
    footer: Band = Band(left="{{ pack.subject }} · {{ pack.level }}", right="Page {{ page }} of {{ pages }}", rule=False)
    name_line: list[str] = ["Name", "Class"]
    candidate_boxes: list[Annotated[CandidateField, BeforeValidator(_field)]] = []
    emphasis: Literal["italic", "bold"] = "italic"
    minimum_text_size: Length = 0        # no text smaller, not even gap numbers or axis labels (large print)
    questions: Questions = Questions()
    tables: Tables = Tables()
    images: Images = Images()
    branding: Branding = Branding()
    _where: dict = PrivateAttr(default_factory=dict)  # setting path -> Location, for render-time errors
    _warnings: list = PrivateAttr(default_factory=list)  # from reading the files (control characters)

    def location(self, path: tuple):
        fallback = next(iter(self._where.values())).file if self._where else "layout"
        return _locate(self._where, path, fallback)

    def candidate_fields(self) -> list[CandidateField]:
        return list(self.candidate_boxes)

    def logo_path(self) -> Path | None:
        """The logo file, found relative to the layout file that names it."""
        if not self.branding.logo:
            return None
        where = self._where.get(("branding", "logo"))
        base = Path(where.file).parent if where else Path(".")
        return base / self.branding.logo

    def face(self, name: str) -> str:
        """The registered font face for a semantic style (fonts are registered on first use)."""
        from . import fonts

        s = self.style(name)
        family = self.fonts.get(s["font"], s["font"])
        if family not in fonts.FAMILIES:
            family = "noto-sans"
        variant = fonts.Variant(s["letter_spacing"], s["word_spacing"], self.emphasis == "italic")
        return fonts.face(family, s["bold"], s["italic"], variant)

    def style(self, name: str) -> dict[str, Any]:
        """The resolved attributes of a semantic style: body, then the named style."""
        merged = dict(_BODY)
        for source in (self.styles.get("body"), self.styles.get(name)):
            if source:
                merged.update({k: v for k, v in source.model_dump().items() if v is not None})
        return merged


_BODY = {"font": "sans", "bold": False, "italic": False, "size": 10.5, "leading": 14.0,
         "colour": "#000000", "space_before": 0.0, "space_after": 0.0, "align": "left",
         "letter_spacing": 0.0, "word_spacing": 0.0}


def shipped_dir() -> Path:
    """Where the shipped layouts live: inside the installed package, or the repo's layouts/."""
    packaged = Path(str(resources.files("studypack"))) / "layouts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "layouts"


def is_path(name_or_path: str) -> bool:
    return name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path or "\\" in name_or_path


def find(name_or_path: str, skip: tuple[Path, ...] = ()) -> Path:
    """A layout by path (`my.yaml`), by name in ./layouts, or by name among the shipped ones.

    `skip`: files already in an `extends` chain, so ./layouts/default.yaml may extend the
    shipped `default` instead of itself."""
    candidate = Path(name_or_path)
    if is_path(name_or_path):
        if candidate.is_file():
            return candidate
        raise StudypackError(f"layout file not found: {name_or_path}")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name_or_path):
        raise StudypackError(f"'{name_or_path}' is not a layout name: use a name like 'default' or a path to a .yaml file")
    for folder in (Path("layouts"), shipped_dir()):
        path = folder / f"{name_or_path}.yaml"
        if path.is_file() and path.resolve() not in skip:
            return path
    from .validate import suggest

    known = sorted(available())
    starting = [k for k in known if k.startswith(name_or_path)]
    hint = suggest(name_or_path, known)
    if len(starting) > 1:
        hint = f" (did you mean {', '.join(starting[:-1])} or {starting[-1]}?)"
    raise StudypackError(f"no layout named '{name_or_path}'{hint}; "
                         f"known layouts: {', '.join(known)}")


def available() -> dict[str, Path]:
    """Every layout by name: the shipped ones, replaced by the workspace's own of the same name."""
    found: dict[str, Path] = {}
    for folder in (shipped_dir(), Path("layouts")):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml"), key=lambda p: p.stem):
                found[path.stem] = path
    return found


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def is_shipped(path: Path) -> bool:
    return path.resolve().parent == shipped_dir().resolve()


def load(name_or_path: str) -> Layout:
    """Load, merge `extends` chains, and validate a layout; errors carry file:line."""
    docs = _chain(find(name_or_path), [])
    merged: dict[str, Any] = {}
    lines: dict[tuple, Location] = {}
    for doc in docs:  # base first, so later files win
        _merge(merged, doc.data or {})
        for path, line in doc.lines.items():
            lines[path] = Location(doc.file, line)
    try:
        layout = Layout.model_validate(merged)
    except ValidationError as exc:
        from .validate import problems_from  # one error vocabulary for content and layouts
        raise StudypackError(problems_from(exc, lambda p: _locate(lines, p, docs[-1].file), Layout))
    layout._where = lines
    layout._warnings = [w for doc in docs for w in doc.warnings]
    problems = _check_geometry(layout, docs[-1].file, lines)
    problems += _check_templates(layout, docs[-1].file, lines)
    problems += _check_fonts(layout, docs[-1].file, lines)
    problems += _check_empty_styles(merged, docs[-1].file, lines)
    problems += _check_logo(layout, docs[-1].file, lines)
    unknown = sorted(set(layout.styles) - set(STYLE_NAMES))
    for name in unknown:
        from .validate import suggest
        problems.append(Problem(f"unknown style '{name}'{suggest(name, STYLE_NAMES)}",
                                _locate(lines, ("styles", name), docs[-1].file)))
    if problems:
        raise StudypackError(problems)
    return layout


def _chain(path: Path, seen: list[Path]) -> list[yamlio.Document]:
    resolved = path.resolve()
    if resolved in seen:
        raise StudypackError(f"{display_path(path)}: layouts extend each other in a loop")
    doc = yamlio.load(path)
    if doc.data is not None and not isinstance(doc.data, dict):
        raise StudypackError(Problem("a layout is a mapping of settings (key: value)", doc.location()))
    parent = (doc.data or {}).get("extends")
    if parent is None:
        return [doc]
    if not isinstance(parent, str):
        raise StudypackError(Problem("extends names one layout, like 'default'", doc.location(("extends",))))
    chain = tuple(seen) + (resolved,)
    if parent.endswith((".yaml", ".yml")):
        base = path.parent / parent
        if not base.is_file():
            raise StudypackError(Problem(f"extends: layout file not found: {display_path(base)} (a file named in "
                                         "extends is read relative to this layout's folder)", doc.location(("extends",))))
    else:
        try:
            base = find(parent, chain)
        except StudypackError as exc:
            raise StudypackError(Problem(f"extends: {exc.problems[0].message}", doc.location(("extends",)))) from None
    return _chain(base, seen + [resolved]) + [doc]


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _locate(lines: dict[tuple, Location], path: tuple, fallback: str) -> Location:
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, Location(fallback, 1))


def _check_geometry(layout: Layout, file: str, lines) -> list[Problem]:
    width, height = layout.page.dimensions
    m = layout.page.margins
    problems = []
    if m.left + m.right > width - 72:
        problems.append(Problem(
            f"left and right margins ({m.left / 72 * 25.4:.0f} mm + {m.right / 72 * 25.4:.0f} mm) leave less than "
            f"1 inch of a {width / 72 * 25.4:.0f} mm wide page: make them smaller",
            _locate(lines, ("page", "margins"), file)))
    if m.top + m.bottom > height - 144:
        problems.append(Problem(
            f"top and bottom margins leave less than 2 inches of a {height / 72 * 25.4:.0f} mm tall page: make them smaller",
            _locate(lines, ("page", "margins"), file)))
    for side in ("top", "bottom", "left", "right"):
        if getattr(m, side) < 0:
            problems.append(Problem(f"margin {side} cannot be negative", _locate(lines, ("page", "margins", side), file)))
    for name, style in layout.styles.items():  # a size of 0 or -5 would print nothing, silently
        for attr in ("size", "leading"):
            value = getattr(style, attr)
            if value is not None and not 1 <= value <= 400:
                problems.append(Problem(f"style '{name}': {attr} must be between 1pt and 400pt, got {value:g}pt",
                                        _locate(lines, ("styles", name, attr), file)))
    if layout.answer_lines.spacing < 4:
        problems.append(Problem(f"answer_lines.spacing must be at least 4pt (1.5mm), got {layout.answer_lines.spacing:g}pt",
                                _locate(lines, ("answer_lines", "spacing"), file)))
    return problems


def _check_logo(layout: Layout, file: str, lines) -> list[Problem]:
    """The logo must exist, open in Pillow, and fit in the top margin above the header rule."""
    path = layout.logo_path()
    if path is None:
        return []
    where = _locate(lines, ("branding", "logo"), file)
    if not path.is_file():
        return [Problem(f"logo file not found: {display_path(path)} (a logo is found relative to the layout file)", where)]
    from . import images

    try:
        images.logo(path, layout.branding.logo_height)
    except StudypackError as exc:
        return [Problem(exc.problems[0].message, where)]
    room = layout.page.margins.top - 6 * MM - 8 * MM  # above the header rule, below 8 mm of edge
    if layout.branding.logo_height > room:
        need = (layout.branding.logo_height + 14 * MM) / MM
        return [Problem(f"branding.logo_height ({layout.branding.logo_height / MM:.0f} mm) does not fit in the top margin "
                        f"({layout.page.margins.top / MM:.0f} mm): make the top margin at least {need:.0f} mm or the logo smaller",
                        _locate(lines, ("branding", "logo_height"), file))]
    return []


SAMPLE_VARIABLES = {
    "pack": {"title": "T", "subtitle": "", "subject": "S", "level": "L", "author": "", "total": 1},
    "sheet": {"id": "s", "title": "T", "kind": "worksheet", "total": 1},
    "page": 1, "pages": 1,
    "student": {"name": "N", "first": "F", "last": "L", "class": "C", "id": "1", "variant": "A"},
    "school": {"name": "S"},
}
"""The variables header and footer templates may use (documented in docs/layouts.md)."""


def _check_templates(layout: Layout, file: str, lines) -> list[Problem]:
    """Compile and trial-render every template now, so a typo is a located error, not a crash."""
    from . import text

    problems = []
    slots = [(("marks",), layout.marks, {"n": 1}),
             (("questions", "total"), layout.questions.total, {"n": "1", "marks": 1}),
             (("questions", "paper_total"), layout.questions.paper_total, {"total": 1})]
    for where in ("header", "footer"):
        band = getattr(layout, where)
        for slot in ("left", "centre", "right"):
            if getattr(band, slot):
                slots.append(((where, slot), getattr(band, slot), SAMPLE_VARIABLES))
    for path, source, variables in slots:
        if not source:
            continue
        try:
            text.render_template(text.compile_template(source), variables)
        except text.TemplateProblem as exc:
            problems.append(Problem(f"{'.'.join(path)}: {exc}", _locate(lines, path, file)))
    return problems


def _check_fonts(layout: Layout, file: str, lines) -> list[Problem]:
    from .fonts import FAMILIES
    from .validate import suggest

    problems = []
    for slot, family in layout.fonts.items():
        if family not in FAMILIES:
            problems.append(Problem(f"unknown font family '{family}'{suggest(family, FAMILIES)}; families are: {', '.join(FAMILIES)}",
                                    _locate(lines, ("fonts", slot), file)))
    for name, style in layout.styles.items():
        if style.font and style.font not in layout.fonts and style.font not in FAMILIES:
            problems.append(Problem(f"style '{name}': font '{style.font}' is not one of the layout's fonts ({', '.join(layout.fonts)})",
                                    _locate(lines, ("styles", name, "font"), file)))
    return problems


def _check_empty_styles(merged: dict, file: str, lines) -> list[Problem]:
    """`colour: #ff0000` reads as empty (# starts a comment): say so instead of ignoring it."""
    problems = []
    for name, style in (merged.get("styles") or {}).items():
        for key, value in (style or {}).items() if isinstance(style, dict) else ():
            if value is None:
                hint = " (# starts a comment in YAML: write colours in quotes, like '#ff0000')" if key == "colour" else ""
                problems.append(Problem(f"style '{name}': {key} is empty{hint}", _locate(lines, ("styles", name, key), file)))
    return problems
