r"""Quantities and units as `\unit{...}` and `\qty{number}{unit}` (the siunitx way), turned into
TeX the maths engine sets: upright unit symbols, powers, a thin space between number and unit
and between units.

    \unit{m.s^{-2}}   \qty{9.81}{m.s^{-2}}   \qty{25}{\degree C}   \qty{3e8}{m/s}   \unit{\kilo\ohm}
"""

from __future__ import annotations

import re

from studypack.base.errors import said
from studypack.spec.maths.errors import FormulaError

NAMES = {  # siunitx's unit and prefix commands -> their symbols
    "metre": "m", "meter": "m", "second": "s", "gram": "g", "kilogram": "kg", "ampere": "A", "kelvin": "K",
    "mole": "mol", "candela": "cd", "newton": "N", "joule": "J", "watt": "W", "pascal": "Pa", "hertz": "Hz",
    "coulomb": "C", "volt": "V", "ohm": "Ω", "tesla": "T", "litre": "L", "liter": "L", "hour": "h", "minute": "min",
    "electronvolt": "eV", "degreeCelsius": "°C", "celsius": "°C", "degree": "°", "percent": "\\%",
    "giga": "G", "mega": "M", "kilo": "k", "centi": "c", "milli": "m", "micro": "µ", "nano": "n",
}
_PREFIXES = ("giga", "mega", "kilo", "centi", "milli", "micro", "nano")
_POWERS = {"per": " \N{NOT SIGN}", "squared": "^2 ", "cubed": "^3 "}  # \per m: m^{-1}; \metre\squared: m^2
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_POWER = re.compile(r"\^(\{[^}]*\}|-?\d+)")
_NUMBER = re.compile(r"\s*(-?\d+(?:\.\d+)?)(?:[eE]([-+]?\d+))?\s*")
_SYMBOL = re.compile(r"[A-Za-zΩµ°%\\]+")


def unit(text: str) -> str:
    r"""The TeX for a unit: `m.s^{-2}` -> `\mathrm {m}\,\mathrm {s}^{-2}`; `/` stays a solidus."""
    out = []
    for group in factors(text):
        if group == "/":
            out.append("/")
        else:
            out.append(r"\,".join(r"\mathrm {" + symbol + "}" + ("^{" + power + "}" if power else "")
                                   for symbol, power in group))
    return "".join(out)


def factors(text: str) -> list:
    r"""A unit as its groups of (symbol, power) between solidi: `m.s^{-2}` -> `[[("m", ""), ("s", "-2")]]`,
    `m/s^2` -> `[[("m", "")], "/", [("s", "2")]]`; the symbols as TeX writes them (`\%`)."""
    words = _COMMAND.sub(lambda m: _name(m.group(1), m.start()), text.replace("\\degree C", "\\degreeCelsius"))
    words = re.sub(r"\s+\^", "^", words)  # \metre\squared: the power stays with its unit
    groups: list = []
    for piece in re.split(r"(/)", words):
        if piece == "/":
            groups.append("/")
        elif piece.strip():
            groups.append([_factor(f) for f in re.split(r"[.~\s]+", piece.strip()) if f])
    return groups


def number_parts(number: str) -> tuple[str, str] | None:
    """A quantity's number as its value and power of ten (`3e8` -> `("3", "8")`, `9.81` ->
    `("9.81", "")`); None where it is no number."""
    match = _NUMBER.fullmatch(number)
    return (match.group(1), match.group(2) or "") if match else None


def quantity(number: str, text: str) -> str:
    r"""The TeX for a quantity: `9.81`, `m.s^{-2}` -> `9.81\,\mathrm {m}\,\mathrm {s}^{-2}`; `3e8` -> `3\times 10^{8}`."""
    match = _NUMBER.fullmatch(number)
    if not match:
        raise FormulaError(said("term.formula-not-a-number", "'{number}' is not a number", number=number.strip()), 0, number)
    value = match.group(1) + (r"\times 10^{" + match.group(2) + "}" if match.group(2) else "")
    return value + r"\," + unit(text)


def _name(command: str, at: int) -> str:
    if command in _POWERS:
        return _POWERS[command]
    if command not in NAMES:
        from studypack.base.messages import suggest

        raise FormulaError(said("term.formula-unknown-unit", "unknown unit '\\{unit}'{suggestion}", unit=command,
                                suggestion=suggest(command, NAMES)), at, command)
    return NAMES[command] + ("" if command in _PREFIXES else " ")  # a prefix joins the unit after it


def _factor(factor: str) -> tuple[str, str]:
    """One unit and its power: `s^{-2}` -> `("s", "-2")`."""
    inverse = factor.startswith("\N{NOT SIGN}")
    factor = factor.lstrip("\N{NOT SIGN}")
    power = _POWER.search(factor)
    symbol = factor[:power.start()] if power else factor
    if not _SYMBOL.fullmatch(symbol):
        raise FormulaError(said("term.formula-not-a-unit", "'{factor}' is not a unit", factor=factor), 0, factor)
    exponent = power.group(1).strip("{}") if power else ("1" if inverse else "")
    return symbol, ("-" if inverse else "") + exponent if exponent else ""
