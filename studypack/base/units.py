"""Lengths as teachers write them: `2cm`, `12pt`, `0.5in`, `9mm`; a bare number is points."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator

from studypack.base.errors import said

MM = 72 / 25.4  # points in a millimetre: the one definition every module uses
_UNITS = {"pt": 1.0, "mm": MM, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(pt|mm|cm|in|px)?\s*\Z")


def parse_length(value: Any) -> Any:
    """Return points for a length, or raise ValueError with the forms we accept."""
    if isinstance(value, bool):
        raise ValueError(said("term.check-length", "a length is written like '2cm', '12pt' or '0.5in', got {shown}",
                              shown=repr(value)))
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        match = _LENGTH.match(value)
        if match:
            return float(match.group(1)) * _UNITS[match.group(2) or "pt"]
    raise ValueError(said("term.check-length", "a length is written like '2cm', '12pt' or '0.5in', got {shown}",
                          shown=f"'{value}'"))


Length = Annotated[float, BeforeValidator(parse_length)]


_EM = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(em)?\s*\Z")


def parse_em(value: Any) -> Any:
    """A spacing as a fraction of the font size: `0.05em` or `0.05`; at most 1em."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    if isinstance(value, str):
        match = _EM.match(value)
        if match and float(match.group(1)) <= 1:
            return float(match.group(1))
    raise ValueError(said("term.check-em", "a spacing is written as a fraction of the text size, like '0.05em' (at most 1em), "
                          "got '{value}'", value=value))


Em = Annotated[float, BeforeValidator(parse_em)]
