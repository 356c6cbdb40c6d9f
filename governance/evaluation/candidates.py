"""A candidate (model, deployment) for a use case: its engine outcome, the facts a person
weighs beside it, and the order candidates are ranked in (shared by `suggest` and the
alternatives the reports list for rejected choices)."""

from __future__ import annotations

from dataclasses import dataclass

from governance.evaluation.hypothetical import Hypothetical
from governance.evaluation.substitute import Outcome
from governance.inventory.types import VENDOR_MODES, Deployment, Model
from governance.policy import PolicySet
from governance.typed_json import to_json

#: Order of the decision groups in a ranking (waived: allowed only by an exception).
GROUP_ORDER = {"approved": 0, "approved-with-conditions": 1, "waived": 2, "rejected": 3}


@dataclass(frozen=True)
class Candidate:
    model: str
    deployment: str
    outcome: Outcome
    facts: dict
    hypothetical: Hypothetical | None = None

    @property
    def decision(self) -> str:
        return self.outcome.decision

    def rank_key(self) -> tuple:
        """Approved first; then with conditions (fewest warnings, then fewest obligations);
        then waived; then rejected by open errors. Ties: no new vendor first, then ids."""
        outcome = self.outcome
        weight = (
            (outcome.count("warning"), outcome.count("info"))
            if self.decision in ("approved", "approved-with-conditions")
            else (outcome.count("error"), outcome.count("warning"))
        )
        return (
            GROUP_ORDER[self.decision],
            weight,
            bool(self.facts["new_vendors"]),
            self.hypothetical is not None,
            self.model,
            self.deployment,
        )

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "deployment": self.deployment,
            "decision": self.decision,
            "rules": self.outcome.rules,
            "findings": [finding_summary(f) for f in self.outcome.findings],
            "facts": self.facts,
            "hypothetical": self.hypothetical is not None,
            "to_add": self.hypothetical.to_add if self.hypothetical else None,
        }


def finding_summary(finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "location": to_json(finding.location),
        "waived_by": finding.waived_by,
    }


# --- facts ---------------------------------------------------------------------------------


def catalogue_entry(policies: PolicySet, key: str | None) -> dict | None:
    """The built-in catalogue's entry for ``key`` (or one listing it as an alias)."""
    if key is None:
        return None
    entries = catalogue_models(policies)
    if key in entries:
        return entries[key]
    for entry in entries.values():
        if isinstance(entry, dict) and key in (entry.get("aliases") or []):
            return entry
    return None


def catalogue_models(policies: PolicySet) -> dict:
    catalog = policies.data.get("governance", {}).get("catalog", {})
    return (catalog.get("models") or {}).get("models") or {}


def vendors(model: Model, deployment: Deployment) -> dict[str, str]:
    """Companies whose service the choice depends on at run time, keyed case-insensitively:
    the provider and operator of a vendor-operated deployment; none for the org's own."""
    if deployment.mode not in VENDOR_MODES:
        return {}
    names = [model.provider, deployment.operator]
    return {n.strip().lower(): n.strip() for n in names if n.strip().lower() != "org"}


def facts(
    model: Model, deployment: Deployment, used_vendors: set[str], mof_class: str | None
) -> dict:
    """What a person weighs beside the decision (plain JSON values)."""
    owners: dict[str, list[str]] = {"org": [], "vendor": []}
    for control in deployment.safety_controls:
        if control.implemented:
            owners[control.owner].append(control.control)
    vendor_operated = deployment.mode in VENDOR_MODES
    retention = deployment.retention
    return {
        "provider": model.provider,
        "access_class": model.access_class,
        "mof_class": mof_class,
        "license": model.license.key,
        "mode": deployment.mode,
        "operator": deployment.operator,
        "safety_controls": {k: sorted(v) for k, v in owners.items()},
        "processing_locations": list(deployment.processing_locations),
        "storage_locations": list(deployment.storage_locations),
        "retention": (
            {
                "days": retention.days,
                "zero_data_retention": retention.zero_data_retention,
                "human_review_possible": retention.human_review_possible,
            }
            if retention is not None and vendor_operated
            else None
        ),
        "training_on_customer_data": (
            deployment.training_on_customer_data if vendor_operated else None
        ),
        "new_vendors": sorted(
            name for key, name in vendors(model, deployment).items() if key not in used_vendors
        ),
    }


def mof_of(model: Model, policies: PolicySet, derived: dict[str, str]) -> str | None:
    """The MOF class the policy library derives for the model (evaluation/mof.py); without
    the built-in rules, the class the catalogue records for it, if any."""
    if model.id in derived:
        return derived[model.id]
    entry = catalogue_entry(policies, model.catalog)
    return entry.get("mof_class") if entry else None


def reason(candidate_facts: dict) -> str:
    """'self-hosted, EU' or 'private-cloud by Microsoft, swedencentral': how it runs, where."""
    mode = candidate_facts["mode"]
    operator = candidate_facts["operator"]
    how = mode if operator.strip().lower() == "org" else f"{mode} by {operator}"
    return f"{how}, {', '.join(candidate_facts['processing_locations'])}"
