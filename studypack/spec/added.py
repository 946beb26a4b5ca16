"""Fields added to a kind after packs were written with it, left out of the pack's dump while
they hold their default: a pack that does not use them keeps its fingerprint (its class-set
variants dealt as before, its cache keys the same), and one that does changes it."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, model_serializer


class Added(BaseModel):
    """A model whose `ADDED` fields ({name: default}) are dumped only when set otherwise."""

    ADDED: ClassVar[dict[str, Any]] = {}

    @model_serializer(mode="wrap")
    def _without_defaults(self, handler) -> Any:
        data = handler(self)
        for name, default in self.ADDED.items():
            if isinstance(data, dict) and data.get(name) == default:
                del data[name]
        return data
