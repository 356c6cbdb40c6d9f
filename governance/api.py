"""The library API: what `governance check` and `governance suggest` do, for Python callers."""

from governance.engine.opa import OpaSettings
from governance.evaluation.check import check, evaluate
from governance.evaluation.report import ChoiceDecision, Report
from governance.evaluation.settings import EvaluationSettings
from governance.evaluation.suggest import Suggestion, suggest
from governance.inventory import Inventory, load_inventory

__all__ = [
    "ChoiceDecision",
    "EvaluationSettings",
    "Inventory",
    "OpaSettings",
    "Report",
    "Suggestion",
    "check",
    "evaluate",
    "load_inventory",
    "suggest",
]
