"""The access class of imported models, as the policy library derives it.

None of the sources states an access class (OSAID open source, open weight, closed); the
built-in rule ``data.governance.rules.openness.derived_access_class`` derives it from the
weights, components and licences. Importers ask that rule, through the embedded engine, so the
class written into an imported entry is the one `governance check` will judge it by, and the
derivation lives in one place (Rego), not twice.
"""

from __future__ import annotations

from governance.engine.base import json_type
from governance.engine.embedded import EmbeddedEngine
from governance.errors import EngineFailure
from governance.policy import PolicyModule, PolicySet, load_policy_set

OPENNESS_MODULES = (
    "builtin/governance/lib.rego",
    "builtin/rules/openness.rego",
    "builtin/rules/openness_access.rego",
)

# The derivation for every model of the input, as one document the embedded engine answers.
_QUERY = PolicyModule(
    "interop/derived_access_class.rego",
    """package governance.interop

import data.governance.rules.openness

derived_access_classes := {id: openness.derived_access_class(model) |
	some id, model in input.models
}
""",
    "builtin",
)
_RULE = "data.governance.interop.derived_access_classes"


def _input_model(facts: dict) -> dict:
    """The fields the openness rules read, with the defaults the inventory format implies."""
    return {
        "id": facts["id"],
        "name": facts.get("name", facts["id"]),
        "weights": facts["weights"],
        "license": {"key": facts["license"]["key"]},
        "components": [
            {
                "name": c["name"],
                "included": c.get("included", True),
                "license": c.get("license"),
            }
            for c in facts.get("components", [])
        ],
    }


def derive_access_classes(models: list[dict]) -> dict[str, str]:
    """Model id -> access class, for every model whose weights and licence are known."""
    known = [m for m in models if "weights" in m and "license" in m]
    if not known:
        return {}
    builtin = load_policy_set()
    modules = [m for m in builtin.modules if m.name in OPENNESS_MODULES]
    engine = EmbeddedEngine()
    engine.load(PolicySet(modules=[*modules, _QUERY], data=builtin.data))
    answer = engine.document(_RULE, {"models": {m["id"]: _input_model(m) for m in known}})
    if not isinstance(answer, dict):
        raise EngineFailure(f"the embedded engine answered {json_type(answer)} for {_RULE}")
    return answer
