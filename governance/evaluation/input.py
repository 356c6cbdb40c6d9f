"""Build the one input document every engine evaluates (the policy contract's `input`).

Policies should read facts, not re-derive format semantics, so this step adds:
- ``pointer`` on every entity, so a finding can name the exact field it is about;
- ``processing_countries`` / ``storage_countries`` on deployments (regions and groups
  expanded to ISO codes, or ``["global"]``), and ``locations``: every location id the
  inventory or the licence catalogue names, and the groups, with the countries each stands
  for (the only expansion of location ids: Rego reads it);
- ``classification_rank`` on use cases and ``effective_requirements`` (the residency,
  retention, training and access rule for the use case's level: the rule for the highest
  level at or below it);
- ``choices``: one entry per model choice, with a stable ``id`` of the form
  ``use-case/model/deployment``;
- effective model facts (``facts``, ``lineage``, ``catalog_key``: see facts.py), from the
  model facts catalogue of the policy set when one is given.
See docs/policy-authoring.md for the full shape.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from governance.evaluation.facts import apply_effective_facts
from governance.inventory import Inventory
from governance.inventory.locations import countries, expansions
from governance.inventory.types import Model
from governance.inventory.yamlfile import load_plain
from governance.resources import catalogue

PER_LEVEL_RULES = {
    "residency": "residency",
    "retention": "retention",
    "training_on_customer_data": "training",
    "access": "access",
}


def choice_id(use_case: str, model: str, deployment: str) -> str:
    return f"{use_case}/{model}/{deployment}"


def named_locations(inventory: Inventory, licenses: dict) -> set[str]:
    """Every location id the inventory names (the organization's jurisdictions and residency
    rules, deployments' processing and storage, use cases' data subjects) and the licence
    catalogue's excluded licensee jurisdictions."""
    organization = inventory.organization
    named = {
        str(location)
        for entry in licenses.values()
        for exclusion in entry.get("excluded_licensee_jurisdictions") or []
        for location in exclusion.get("jurisdictions") or []
    }
    named.update(organization.jurisdictions)
    for rule in organization.requirements.residency:
        named.update(rule.processing, rule.storage)
    for model in inventory.models:
        for deployment in model.deployments:
            named.update(deployment.processing_locations, deployment.storage_locations)
    for use_case in inventory.use_cases:
        named.update(use_case.data_subject_jurisdictions)
    return named


def _effective(rules: list[dict], rank: int) -> dict | None:
    applicable = [r for r in rules if r["rank"] <= rank]
    return max(applicable, key=lambda r: r["rank"]) if applicable else None


def catalogues(data: dict | None) -> tuple[dict, dict]:
    """The model facts and licence catalogues (key -> entry) inside a policy set's data."""
    catalog = ((data or {}).get("governance") or {}).get("catalog") or {}
    models = (catalog.get("models") or {}).get("models") or {}
    return models, (catalog.get("licenses") or {}).get("licenses") or {}


@cache
def builtin_catalogues() -> tuple[dict, dict]:
    """The shipped model facts and licence catalogues, for callers without a policy set."""
    return (
        load_plain(catalogue("models.yaml").read_text("utf-8"))["models"],
        load_plain(catalogue("licenses.yaml").read_text("utf-8"))["licenses"],
    )


def model_entry(model: Model, m_index: int) -> dict:
    """A model and its deployments as the input document holds them (at /models/m_index)."""
    entry = model.model_dump(mode="json", exclude={"deployments"})
    entry["pointer"] = f"/models/{m_index}"
    deployments = {}
    for d_index, deployment in enumerate(model.deployments):
        facts = deployment.model_dump(mode="json")
        facts["pointer"] = f"/models/{m_index}/deployments/{d_index}"
        facts["processing_countries"] = countries(deployment.processing_locations)
        facts["storage_countries"] = countries(deployment.storage_locations)
        deployments[deployment.id] = facts
    entry["deployments"] = deployments
    return entry


def build_input(
    inventory: Inventory, now: dt.datetime, catalogs: tuple[dict, dict] | None = None
) -> dict:
    """``catalogs``: (model facts, licences) of the policy set (default: the shipped ones)."""
    organization = inventory.organization.model_dump(mode="json")
    ranks = {level["level"]: i for i, level in enumerate(organization["data_classification"])}
    organization["classification_rank"] = ranks
    organization["pointer"] = "/organization"
    requirements = organization["requirements"]
    for section in PER_LEVEL_RULES:
        for index, rule in enumerate(requirements[section]):
            rule["rank"] = ranks[rule["classification"]]
            rule["pointer"] = f"/organization/requirements/{section}/{index}"

    models = {
        model.id: model_entry(model, m_index) for m_index, model in enumerate(inventory.models)
    }
    model_facts, licenses = catalogs or builtin_catalogues()
    apply_effective_facts(models, model_facts, licenses)

    # The rules in force depend only on the level: one object per level, shared by its use
    # cases (the document is serialised, never mutated, so sharing changes nothing).
    effective_by_rank = {
        rank: {
            name: _effective(requirements[section], rank)
            for section, name in PER_LEVEL_RULES.items()
        }
        for rank in ranks.values()
    }
    use_cases = {}
    choices = []
    dumped = inventory.use_case_json  # the loader's, when it made them (a copy each: we add)
    if len(dumped) != len(inventory.use_cases):
        dumped = [use_case.model_dump(mode="json") for use_case in inventory.use_cases]
    for u_index, use_case in enumerate(inventory.use_cases):
        entry = dict(dumped[u_index])
        entry["pointer"] = f"/use_cases/{u_index}"
        rank = ranks[use_case.data_classification]
        entry["classification_rank"] = rank
        entry["effective_requirements"] = effective_by_rank[rank]
        use_cases[use_case.id] = entry
        for c_index, choice in enumerate(use_case.model_choices):
            choices.append(
                {
                    "id": choice_id(use_case.id, choice.model, choice.deployment),
                    "use_case": use_case.id,
                    "model": choice.model,
                    "deployment": choice.deployment,
                    "role": choice.role,
                    "pointer": f"/use_cases/{u_index}/model_choices/{c_index}",
                    "extensions": choice.extensions,
                }
            )

    exceptions = []
    for w_index, waiver in enumerate(inventory.exceptions):
        entry = waiver.model_dump(mode="json")
        entry["pointer"] = f"/exceptions/{w_index}"
        exceptions.append(entry)

    return {
        "now": now.date().isoformat(),
        "organization": organization,
        "locations": expansions(named_locations(inventory, licenses)),
        "models": models,
        "use_cases": use_cases,
        "choices": choices,
        "exceptions": exceptions,
    }
