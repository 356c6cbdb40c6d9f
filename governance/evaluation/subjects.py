"""The facts a report shows beside a choice's ids: which model, how deployed, for what.

Kept once per model, deployment and use case (not per choice) so a 100k-choice report stays
small; every value is a plain string or a sorted list of strings.
"""

from __future__ import annotations

from governance.evaluation.openness import derive_openness
from governance.inventory import Inventory


def _facts(entry: dict) -> dict:
    """Effective facts with their origin (inventory / catalogue / base model / unknown)."""
    facts = {name: dict(fact) for name, fact in sorted(entry.get("facts", {}).items())}
    lineage = entry.get("lineage")
    if lineage:
        facts["base_model"] = {
            "value": lineage["name"],
            "relation": lineage["relation"] or "unspecified",
            "license": lineage["license"] or "unknown",
            "origin": lineage["origin"],
        }
    return facts


def subjects(inventory: Inventory, document: dict | None = None) -> dict:
    """``document``: the evaluated input, whose models carry their effective facts."""
    models: dict[str, dict[str, object]] = {}
    deployments: dict[str, dict] = {}
    use_cases: dict[str, dict] = {}
    evaluated = (document or {}).get("models", {})
    openness = derive_openness(list(evaluated.values())) if evaluated else {}
    for model in inventory.models:
        models[model.id] = {
            "model_name": model.name,
            "provider": model.provider,
            "access_class": model.access_class,
            "license": model.license.key,
            "license_declared": model.license.declared or model.license.key,
        }
        if model.id in evaluated:
            models[model.id]["facts"] = _facts(evaluated[model.id])
        derived = openness.get(model.id)
        if derived is not None:
            models[model.id]["mof_class"] = derived.mof_class
            models[model.id]["mof_next"] = {
                "class": derived.next_class or "none",
                "missing": list(derived.missing_for_next),
            }
        for deployment in model.deployments:
            deployments[f"{model.id}/{deployment.id}"] = {
                "deployment_mode": deployment.mode,
                "operator": deployment.operator,
                "processing_locations": list(deployment.processing_locations),
                "storage_locations": list(deployment.storage_locations),
            }
    for use_case in inventory.use_cases:
        use_cases[use_case.id] = {
            "use_case_name": use_case.name,
            "data_classification": use_case.data_classification,
            "risk_tier": use_case.risk.internal_tier,
            "eu_ai_act": use_case.risk.eu_ai_act,
        }
    return {
        "models": dict(sorted(models.items())),
        "deployments": dict(sorted(deployments.items())),
        "use_cases": dict(sorted(use_cases.items())),
    }
