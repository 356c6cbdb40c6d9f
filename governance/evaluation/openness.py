"""The access class and MOF class of models, as the built-in policy library derives them.

Reports show each model's MOF class and what the next class needs; importers write the derived
access class into the entries they produce.

None of the sources states an access class (OSAID open source, open weight, closed); the
built-in rule ``data.governance.rules.openness.derived_access_class`` derives it from the
weights, components and licences. Importers ask that rule, through the embedded engine, so the
class written into an imported entry is the one `governance check` will judge it by, and the
derivation lives in one place (Rego), not twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
    "evaluation/derived_openness.rego",
    """package governance.interop

import data.governance.rules.openness

derived_openness := {id: {
	"access_class": openness.derived_access_class(model),
	"mof_class": openness.mof_class(model),
	"mof_missing": {cls: sort(openness.mof_missing(model, cls)) | some cls in ["III", "II", "I"]},
} |
	some id, model in input.models
}
""",
    "builtin",
)
_RULE = "data.governance.interop.derived_openness"

#: the MOF class a model reaches next (Class III is the lowest, Class I the highest)
NEXT_CLASS = {"none": "III", "III": "II", "II": "I", "I": None}


@dataclass(frozen=True)
class Openness:
    """What the policy library derives: access class, MOF class, what the next class needs."""

    access_class: str
    mof_class: str
    next_class: str | None
    missing_for_next: tuple[str, ...]

    @property
    def mof_text(self) -> str:
        """'MOF Class II; missing for Class I: datasets, ...' or 'no MOF class; ...'."""
        reached = "no MOF class" if self.mof_class == "none" else f"MOF Class {self.mof_class}"
        if self.next_class is None:
            return reached
        return f"{reached}; missing for Class {self.next_class}: {', '.join(self.missing_for_next)}"


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


@cache
def _engine() -> EmbeddedEngine:
    """The built-in openness rules and catalogues, compiled once per process."""
    builtin = load_policy_set()
    modules = [m for m in builtin.modules if m.name in OPENNESS_MODULES]
    engine = EmbeddedEngine()
    engine.load(PolicySet(modules=[*modules, _QUERY], data=builtin.data))
    return engine


def derive_openness(models: list[dict]) -> dict[str, Openness]:
    """Model id -> Openness, for every model whose weights and licence are known."""
    known = [m for m in models if "weights" in m and "license" in m]
    if not known:
        return {}
    answer = _engine().document(_RULE, {"models": {m["id"]: _input_model(m) for m in known}})
    if not isinstance(answer, dict):
        raise EngineFailure(f"the embedded engine answered {json_type(answer)} for {_RULE}")
    result = {}
    for model_id, entry in answer.items():
        next_class = NEXT_CLASS[entry["mof_class"]]
        missing = tuple(entry["mof_missing"][next_class]) if next_class else ()
        result[model_id] = Openness(entry["access_class"], entry["mof_class"], next_class, missing)
    return result
