"""The library API: what `governance check` does, for Python callers."""

from governance.engine.opa import OpaSettings
from governance.evaluation.check import check, evaluate
from governance.evaluation.report import ChoiceDecision, Report
from governance.evaluation.settings import EvaluationSettings
from governance.inventory import Inventory, load_inventory

__all__ = [
    "ChoiceDecision",
    "EvaluationSettings",
    "Inventory",
    "OpaSettings",
    "Report",
    "check",
    "evaluate",
    "load_inventory",
]
