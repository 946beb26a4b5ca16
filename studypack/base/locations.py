"""Where each value of a user's data was written, for errors that point at a line.

Packs (with their included and base files), layouts (with the layouts they extend) and
single YAML files all answer the same question: "which line of which file holds this key
path?" A path not written anywhere (a default, a list item pydantic added) is answered by
its closest written parent, and failing that by the first line of the main file.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from studypack.base.errors import Location

KeyPath = tuple  # keys and list indices into the data, like ("sheets", 0, "questions", 2)


class Locations(dict):
    """{key path: Location}, plus the file to name when no part of a path was written.

    A dict, so the merging code (includes, `extends:`) can copy, move and drop entries."""

    def __init__(self, where: Mapping[KeyPath, Location] | Iterable = (), fallback: str = ""):
        super().__init__(where)
        self.fallback = fallback

    @classmethod
    def of_lines(cls, file: str, lines: Mapping[KeyPath, int]) -> "Locations":
        """The locations of one file, from the {key path: line} its YAML loader recorded."""
        return cls({path: Location(file, line) for path, line in lines.items()}, file)

    def locate(self, path: Iterable = ()) -> Location:
        """The location of the deepest written part of `path`, so an error points close."""
        path = tuple(path)
        while path and path not in self:
            path = path[:-1]
        found = self.get(path)
        return found if found is not None else Location(self.fallback, 1)

    def __repr__(self) -> str:
        return f"Locations({dict.__repr__(self)}, fallback={self.fallback!r})"
