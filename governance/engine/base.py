"""The one protocol every Rego engine implements: load once, evaluate the whole inventory."""

from __future__ import annotations

from typing import Protocol

from governance.policy import PolicySet

#: The single query every engine answers: {"deny": [...], "warn": [...], "obligation": [...]}
FINDINGS_PACKAGE = "governance.main"
FINDINGS_RULE = "findings"
FINDINGS_QUERY = f"data.{FINDINGS_PACKAGE}.{FINDINGS_RULE}"
FINDING_KINDS = ("deny", "warn", "obligation")


class Engine(Protocol):
    name: str

    def version(self) -> str:
        """Engine name and version, recorded in reports."""
        ...

    def load(self, policies: PolicySet) -> None:
        """Compile the policy modules and data; raise on errors."""
        ...

    def evaluate(self, document: dict) -> dict[str, list[dict]]:
        """Evaluate the input document in one pass; raw findings keyed by kind."""
        ...


def normalise_result(result: object, engine: str) -> dict[str, list[dict]]:
    """Check the shape the aggregator promises; anything else is an engine failure."""
    from governance.errors import EngineFailure

    if result is None:
        return {kind: [] for kind in FINDING_KINDS}
    if not isinstance(result, dict):
        raise EngineFailure(f"{engine}: {FINDINGS_QUERY} is not an object")
    out = {}
    for kind in FINDING_KINDS:
        items = result.get(kind, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise EngineFailure(f"{engine}: {FINDINGS_QUERY}.{kind} is not a list of objects")
        out[kind] = items
    return out
