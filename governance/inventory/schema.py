"""The JSON Schema of the inventory format, generated from the typed models."""

from __future__ import annotations

import json
import typing
from functools import cache

from governance.inventory.types import InventoryDocument, Location


def _share_locations(node, location: dict):
    """pydantic inlines the location vocabulary at every use; refer to one definition."""
    if isinstance(node, dict):
        if node == location:
            return {"$ref": "#/$defs/Location"}
        return {key: _share_locations(value, location) for key, value in node.items()}
    if isinstance(node, list):
        return [_share_locations(item, location) for item in node]
    return node


@cache
def inventory_schema() -> dict:
    schema = InventoryDocument.model_json_schema(mode="validation")
    location = dict(typing.get_args(Location)[-1].json_schema)  # Annotated[str, ..., schema]
    schema = _share_locations(schema, location)
    schema["$defs"]["Location"] = location
    schema["$defs"] = dict(sorted(schema["$defs"].items()))
    ordered = {"$schema": schema.pop("$schema"), "$id": schema.pop("$id")}
    ordered.update(schema)
    return ordered


def inventory_schema_text() -> str:
    return json.dumps(inventory_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
