"""The facts a report shows beside a choice's ids: which model, how deployed, for what.

Kept once per model, deployment and use case (not per choice) so a 100k-choice report stays
small; every value is a plain string or a sorted list of strings.
"""

from __future__ import annotations

from governance.inventory import Inventory


def subjects(inventory: Inventory) -> dict:
    models, deployments, use_cases = {}, {}, {}
    for model in inventory.models:
        models[model.id] = {
            "model_name": model.name,
            "provider": model.provider,
            "access_class": model.access_class,
            "license": model.license.key,
            "license_declared": model.license.declared or model.license.key,
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
