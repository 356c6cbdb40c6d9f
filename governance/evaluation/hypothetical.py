"""Catalogue candidates for `suggest --catalog`: models of the built-in catalogue
(policies/data/models.yaml) that the inventory does not have, each on a hypothetical
deployment the organization could set up, judged by the engine like any candidate.

Only models whose weights can be downloaded are proposed: self-hosted in the first location
the use case's residency rule allows for processing and for storage (else the organization's
first jurisdiction), on accelerators large enough for the catalogue's memory figure (one
80 GB accelerator, or as many as the figure needs), with the organization-owned safety
controls of its existing self-hosted deployment in that location (or of the first one it has),
since the same infrastructure would run it. Closed models are not proposed: the vendor terms
catalogue holds what a vendor publishes, not the organization's own arrangement (approved
zero data retention, retention days), and a vendor deployment cannot be judged without it.
The entry names its catalogue key and writes no model card: like a real inventory entry, it
gets the catalogue's facts through the effective-facts step (facts.py:
modalities, licence, the entry's review date), so a Llama 3.2 Vision model is judged
multimodal. Facts the catalogue lacks (MOF components, licence acceptance) are left out, so
the findings say what would still be missing. ``to_add`` is the YAML to add.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import yaml

from governance.evaluation.facts import apply_effective_facts
from governance.evaluation.input import catalogues, model_entry
from governance.inventory import Inventory
from governance.inventory.types import Deployment, Model, UseCase
from governance.policy import PolicySet

ACCELERATOR = ("NVIDIA H100 80GB", 80)
DEPLOYMENT_ID = "self-hosted-hypothetical"


@dataclass(frozen=True)
class Hypothetical:
    model: Model
    deployment: Deployment
    to_add: str


def _allowed_location(document: dict, use_case: UseCase, kind: str) -> str:
    rule = document["use_cases"][use_case.id]["effective_requirements"]["residency"]
    if rule and rule.get(kind):
        return rule[kind][0]
    return document["organization"]["jurisdictions"][0]


def _org_controls(inventory: Inventory, location: str) -> list[dict]:
    own = [
        d
        for m in inventory.models
        for d in m.deployments
        if d.mode == "self-hosted" and d.operator.strip().lower() == "org"
    ]
    here = [d for d in own if location in d.processing_locations]
    if not own:
        return []
    template = (here or own)[0]
    return [
        c.model_dump(mode="json", exclude_none=True)
        for c in template.safety_controls
        if c.owner == "org"
    ]


def hypotheticals(
    inventory: Inventory, policies: PolicySet, use_case: UseCase, document: dict
) -> list[Hypothetical]:
    """The catalogue's downloadable models the inventory lacks, each on a hypothetical
    self-hosted deployment; their entries are added to ``document["models"]``."""
    known = {m.id for m in inventory.models} | {m.catalog for m in inventory.models if m.catalog}
    processing = _allowed_location(document, use_case, "processing")
    storage = _allowed_location(document, use_case, "storage")
    controls = _org_controls(inventory, processing)
    today = dt.date.fromisoformat(document["now"])
    found: list[Hypothetical] = []
    for key, entry in sorted(catalogues(policies.data)[0].items()):
        aliases = set(entry.get("aliases") or [])
        if key in known or aliases & known or key in document["models"]:
            continue
        if entry.get("access_class") == "closed" or entry.get("weights_availability") not in (
            "public",
            "gated",
        ):
            continue
        need = entry.get("min_accelerator_memory_gb")
        count = max(1, math.ceil(need / ACCELERATOR[1])) if need else 1
        deployment = {
            "id": DEPLOYMENT_ID,
            "mode": "self-hosted",
            "operator": "org",
            "processing_locations": [processing],
            "storage_locations": [storage],
            "safety_controls": controls,
            "hardware": {
                "accelerator": ACCELERATOR[0],
                "accelerator_memory_gb": ACCELERATOR[1],
                "count": count,
            },
        }
        data = {
            "id": key,
            "name": entry["name"],
            "provider": entry["provider"],
            "catalog": key,
            "access_class": entry["access_class"],
            "weights": {"availability": entry["weights_availability"]},
            "license": {"key": entry["license"]},
            "source": {
                k: v
                for k, v in (("hf_repo", entry.get("hf_repo")), ("url", entry.get("source")))
                if v
            },
            "deployments": [deployment],
        }
        # read when the catalogue entry was (its facts are the catalogue's), else today
        read = dt.date.fromisoformat(str(entry.get("reviewed_on") or today))
        model = Model.model_validate({**data, "source": {**data["source"], "retrieved_on": read}})
        data["source"]["retrieved_on"] = read.isoformat()
        added = {key: model_entry(model, len(inventory.models) + len(found))}
        apply_effective_facts(added, *catalogues(policies.data))
        document["models"].update(added)
        to_add = yaml.safe_dump({"models": [data]}, sort_keys=False, allow_unicode=True)
        to_add += (
            f"# and in use case {use_case.id}, under model_choices:\n"
            f"#   - {{model: {key}, deployment: {DEPLOYMENT_ID}}}\n"
        )
        found.append(Hypothetical(model, model.deployments[0], to_add))
    return found
