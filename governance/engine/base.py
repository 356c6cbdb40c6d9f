"""The one protocol every Rego engine implements: load once, evaluate the whole inventory,
and the contract every engine's answer is checked against before it is believed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from governance.errors import EngineFailure
from governance.policy import PolicySet

#: The single query every engine answers: {"deny": [...], "warn": [...], "obligation": [...]}
FINDINGS_PACKAGE = "governance.main"
FINDINGS_RULE = "findings"
FINDINGS_QUERY = f"data.{FINDINGS_PACKAGE}.{FINDINGS_RULE}"
FINDING_KINDS = ("deny", "warn", "obligation")
#: What a finding must carry (lib.finding / lib.org_finding build them): name -> JSON type.
FINDING_FIELDS = {"rule": str, "message": str}
OPTIONAL_FINDING_FIELDS = {"choice": str, "field": str}


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


@dataclass(frozen=True)
class AnswerContract:
    """Who answered and what to check when the answer is wrong, with the rule ids the loaded
    policy set declares: an answer is believed only when it has exactly the shape
    governance.main promises, because an empty or odd answer would read as a pass."""

    source: str  # "OPA at http://…", "the embedded engine (regorus)", …
    shape_hint: str  # what to check when the shape is wrong (null, {}, other keys, …)
    rule_hint: str  # what to check when a rule id is one no loaded policy declares
    rule_ids: frozenset[str]

    def fail(self, what: str, hint: str | None = None, detail: str = "") -> EngineFailure:
        return EngineFailure(
            f"{self.source} answered {what} for {FINDINGS_QUERY}{detail}: {hint or self.shape_hint}"
        )


class Undefined:
    """An engine's way to say the query has no value (regorus: "<undefined>")."""


def json_type(value: object) -> str:
    if isinstance(value, Undefined):
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"a string ({value[:40]!r})"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def checked_answer(answer: object, contract: AnswerContract) -> dict[str, list[dict]]:
    """The answer as {kind: [finding, ...]} when it keeps the contract; else EngineFailure
    with one line saying what was wrong (never an empty result read as a pass)."""
    if not isinstance(answer, dict):
        raise contract.fail(json_type(answer))
    if set(answer) != set(FINDING_KINDS):
        missing = [kind for kind in FINDING_KINDS if kind not in answer]
        extra = sorted(str(key) for key in answer if key not in FINDING_KINDS)
        parts = []
        if missing:
            parts.append("without " + ", ".join(missing))
        if extra:
            parts.append(
                "with unexpected key" + ("s " if len(extra) > 1 else " ") + ", ".join(extra)
            )
        raise contract.fail("an object " + " and ".join(parts))
    for kind in FINDING_KINDS:
        items = answer[kind]
        if not isinstance(items, list):
            raise contract.fail(f"{kind} as {json_type(items)}, not a list of findings")
        if not _all_well_formed(items, contract.rule_ids):
            for item in items:  # the slow path only says what is wrong
                _check_finding(kind, item, contract)
    return answer


def _all_well_formed(items: list, rule_ids: frozenset[str]) -> bool:
    """Whether every finding keeps the contract: the fast test (400k findings at 100k
    choices), written out so that it costs a fraction of a second."""
    try:
        for item in items:
            if (
                type(item) is not dict
                or item.get("rule") not in rule_ids
                or type(item.get("message")) is not str
            ):
                return False
            choice, field = item.get("choice"), item.get("field")
            if (choice is not None and type(choice) is not str) or (
                field is not None and type(field) is not str
            ):
                return False
    except TypeError:  # an unhashable rule
        return False
    return True


def _check_finding(kind: str, item: object, contract: AnswerContract) -> None:
    if not isinstance(item, dict):
        raise contract.fail(f"a {kind} finding that is {json_type(item)}, not an object")
    for name, expected in {**FINDING_FIELDS, **OPTIONAL_FINDING_FIELDS}.items():
        value = item.get(name)
        if value is None and name in OPTIONAL_FINDING_FIELDS:
            continue
        if not isinstance(value, expected):
            shown = "no" if name not in item else json_type(value) + " as"
            raise contract.fail(
                f"a {kind} finding with {shown} {name!r}, not a string: {str(item)[:160]}",
                "build findings with lib.finding or lib.org_finding, which give 'rule' and "
                "'message' strings (docs/policy-authoring.md)",
            )
    if item["rule"] not in contract.rule_ids:
        raise contract.fail(
            f"a {kind} finding",
            contract.rule_hint,
            f" with rule id {item['rule']!r}, which no loaded policy declares",
        )
