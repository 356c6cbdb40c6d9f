"""Reading an organization's inventory: YAML with a source map, schema, types, references."""

from governance.inventory.load import Inventory, load_inventory

__all__ = ["Inventory", "load_inventory"]
