"""The Model Openness Framework class of models, as the policy library derives it.

The built-in rule ``data.governance.rules.openness.mof_class`` derives the class ("I", "II",
"III" or "none") from a model's recorded components and licences; `suggest` shows it beside
each candidate. It is asked through the embedded engine as its own document, for all models
at once (as the importers ask for the access class, interop/openness.py), so the derivation
lives in Rego only.
"""

from __future__ import annotations

from governance.engine.base import json_type
from governance.engine.embedded import EmbeddedEngine
from governance.errors import EngineFailure
from governance.policy import PolicyModule, PolicySet

OPENNESS_MODULES = ("builtin/governance/lib.rego", "builtin/rules/openness.rego")

_QUERY = PolicyModule(
    "suggest/mof_classes.rego",
    """package governance.suggest

import data.governance.rules.openness

mof_classes := {id: openness.mof_class(model) |
	some id, model in input.models
}
""",
    "builtin",
)
_RULE = "data.governance.suggest.mof_classes"


def mof_classes(policies: PolicySet, models: dict[str, dict]) -> dict[str, str]:
    """Model id -> MOF class, for the input document's ``models`` (as build_input makes them);
    {} when the policy set has no built-in openness rules to derive it with (--no-builtin)."""
    modules = [m for m in policies.modules if m.name in OPENNESS_MODULES]
    if len(modules) < len(OPENNESS_MODULES) or not models:
        return {}
    engine = EmbeddedEngine()
    engine.load(PolicySet(modules=[*modules, _QUERY], data=policies.data))
    answer = engine.document(_RULE, {"models": models})
    if not isinstance(answer, dict):
        raise EngineFailure(f"the embedded engine answered {json_type(answer)} for {_RULE}")
    return answer
