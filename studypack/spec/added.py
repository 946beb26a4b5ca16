"""Fields added to a kind after packs were written with it, left out of the pack's dump while
they hold their default: a pack that does not use them keeps its fingerprint (its class-set
variants dealt as before, its cache keys the same), and one that does changes it."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, SerializationInfo, model_serializer

SEED = {"seed": True}
"""The serialization context of a pack's seed (`variants.pack_seed`): `UNSEEDED` fields left out."""


class Added(BaseModel):
    """A model whose `ADDED` fields ({name: default}) are dumped only when set otherwise, and
    whose `UNSEEDED` fields (alt text: words for a screen reader) never move a variant's
    order: they are left out of the dump a pack's seed is made from."""

    ADDED: ClassVar[dict[str, Any]] = {}
    UNSEEDED: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _without_defaults(self, handler, info: SerializationInfo) -> Any:
        data = handler(self)
        if not isinstance(data, dict):
            return data
        for name, default in self.ADDED.items():
            if data.get(name) == default:
                del data[name]
        if info.context == SEED:
            for name in self.UNSEEDED:
                data.pop(name, None)
        return data
