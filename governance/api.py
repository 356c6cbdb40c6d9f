"""The library API: what `governance check` does, for Python callers."""

from governance.engine.opa import OpaSettings
from governance.evaluation.check import check, evaluate
from governance.evaluation.report import ChoiceDecision, Report
from governance.inventory import Inventory, load_inventory

__all__ = [
    "ChoiceDecision",
    "Inventory",
    "OpaSettings",
    "Report",
    "check",
    "evaluate",
    "load_inventory",
]
