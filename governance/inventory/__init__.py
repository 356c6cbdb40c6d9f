"""Reading an organization's inventory: YAML with a source map, schema, types, references."""

from governance.inventory.load import load_inventory
from governance.inventory.model import Inventory

__all__ = ["Inventory", "load_inventory"]
