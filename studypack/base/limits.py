"""Bounds on what one input may ask for, checked before the work they would cost.

Each bound is far beyond any real pack or class, and low enough that a file crafted (or
pasted) to exceed it is refused in moments with its file and line, not after minutes of
typesetting or gigabytes of memory.
"""

from __future__ import annotations

NUMBER_DIGITS = 100           # digits in a number written in a pack: marks, levels, answers
ROSTER_BYTES = 16 * 1024 * 1024  # a class list of 16 MB is a wrong file, not a school
ROSTER_STUDENTS = 20_000      # students in one roster: a large school's whole intake (10,000 build in seconds, in under 150 MB)
EXPANDED_CHARS = 4_000_000    # characters of text in a pack once every YAML alias is expanded
PAGES = 2_000                 # pages in one document (the typesetter's own stop, met before typesetting)

