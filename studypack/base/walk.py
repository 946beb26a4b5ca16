"""Every string in nested data (YAML as read, a model_dump, or the models themselves) with
its key path, so each check that reads all the words of a pack walks them the same way."""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel


def strings(value: Any, path: tuple = (), keys: bool = False) -> Iterator[tuple[tuple, str]]:
    """(key path, text) for each string in `value`, depth first in written order: dict values,
    list and tuple items, a model's fields (read field by field: building a serializer for
    every question kind costs start-up time). With `keys`, a dict's text keys too (a glossary
    word is printed), each before its value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), path + (name,), keys)
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys and isinstance(key, str):
                yield path + (key,), key
            yield from strings(item, path + (key,), keys)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from strings(item, path + (i,), keys)
