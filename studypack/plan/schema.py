"""A JSON Schema of the content format, for editors that autocomplete and underline YAML.

Generated from the pydantic model, so it never drifts from what `build` accepts. Keys that
are read before validation (`include:`, `extends:`, `change:`) are added here; a pack that
extends another needs none of the otherwise required keys.
"""

from __future__ import annotations

import json
from pathlib import Path

from studypack.spec.model import Pack

SCHEMA_FILE = Path(".studypack") / "pack.schema.json"  # beside pack.yaml, so editors work offline
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def pack_schema() -> dict:
    schema = Pack.model_json_schema(mode="validation")
    schema["$schema"] = DIALECT
    schema["title"] = "studypack pack.yaml"
    schema["description"] = "A studypack pack: sources, sheets of questions, glossary and timeline (content format v1)."
    props = schema["properties"]
    props["include"] = {
        "description": "Other YAML files in the pack folder that hold top-level keys of this pack.",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    ref = {"type": "string", "description": "An id, a source letter, or tag:NAME (sheet:, question:, source: to be exact)."}
    props["extends"] = {
        "description": "Build this pack on another: its folder, or a mapping with pack, include, omit and order.",
        "anyOf": [{"type": "string"}, {
            "type": "object", "additionalProperties": False, "required": ["pack"],
            "properties": {
                "pack": {"type": "string", "description": "The base pack's folder, relative to this one."},
                "include": {"type": "array", "items": ref, "description": "Keep only these sheets, questions and sources."},
                "omit": {"type": "array", "items": ref, "description": "Leave these out."},
                "order": {"type": "array", "items": {"type": "string"}, "description": "Sheet ids to put first, in this order."},
            }}]}
    props["change"] = {
        "type": "object", "description": "Changes to the base pack, by id or source letter: the fields to replace.",
        "additionalProperties": {"type": "object"}}
    required = schema.pop("required", [])
    schema["if"] = {"not": {"required": ["extends"]}}
    schema["then"] = {"required": required}
    return schema


def dumps() -> str:
    return json.dumps(pack_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
