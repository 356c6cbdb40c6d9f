"""The Model Openness Framework class of models, as the policy library derives it.

The built-in rule ``data.governance.rules.openness.mof_class`` derives the class ("I", "II",
"III" or "none") from a model's recorded components and licences; `suggest` shows it beside
each candidate. It is asked through the engine in one query for all models (as the importers
ask for the access class, interop/openness.py), so the derivation lives in Rego only.
"""

from __future__ import annotations

from governance.engine import create_engine
from governance.policy import PolicyModule, PolicySet

OPENNESS_MODULES = ("builtin/governance/lib.rego", "builtin/rules/openness.rego")

# The engine protocol answers one query, data.governance.main.findings: the classes travel
# as "obligations" of this stand-in for the aggregator.
_QUERY = PolicyModule(
    "suggest/mof_class.rego",
    """package governance.main

import data.governance.rules.openness

findings := {"deny": [], "warn": [], "obligation": [entry |
	some id, model in input.models
	entry := {"model": id, "mof_class": openness.mof_class(model)}
]}
""",
    "builtin",
)


def mof_classes(policies: PolicySet, models: dict[str, dict]) -> dict[str, str]:
    """Model id -> MOF class, for the input document's ``models`` (as build_input makes them);
    {} when the policy set has no built-in openness rules to derive it with (--no-builtin)."""
    modules = [m for m in policies.modules if m.name in OPENNESS_MODULES]
    if len(modules) < len(OPENNESS_MODULES) or not models:
        return {}
    engine = create_engine("embedded")
    engine.load(PolicySet(modules=[*modules, _QUERY], data=policies.data))
    answer = engine.evaluate({"models": models})
    return {entry["model"]: entry["mof_class"] for entry in answer["obligation"]}
