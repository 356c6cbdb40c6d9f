"""Waivers (the inventory's `exceptions`): which findings they cover at the evaluation clock.

A waiver is in force from `approved_on` through `expires_on` (inclusive) at `--now`. Outside
that window its findings stand, and a finding says why. A waiver in force that covers no
finding is stale, and a warning says so (naming a finding of its rules just outside its
scope, if there is one), so the file can shrink. A waiver approved by its own requester or by
the accountable owner of the use case a finding belongs to (for model-scoped waivers: of any
use case of the model) is not independent: it does not apply to that finding, and a finding
at the waiver's approver says why (ISO/IEC 42001 A.3.2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated

from governance.evaluation.findings import Finding, make_finding
from governance.evaluation.json_types import Id
from governance.inventory import Inventory
from governance.inventory.types import Waiver
from governance.policy import RuleInfo
from governance.policy.metadata import rule_docs_uri
from governance.typed_json import Spec

WAIVER_RULES = {  # shipped rules, documented in the rule catalogue like the built-in ones
    info.id: replace(info, help_uri=rule_docs_uri(info.id))
    for info in (
        RuleInfo(
            id="GOV-WVR-001",
            title="Waiver expired",
            description="A waiver that would cover this finding has passed its expiry date, so "
            "the finding stands again.",
            severity="warning",
            remediation="Fix the underlying finding, or renew the waiver with a new approval "
            "and expiry date.",
            controls=("ISO 42001 6.1.3", "NIST AI RMF GOVERN 1.5"),
            area="waivers",
            kind="warn",
        ),
        RuleInfo(
            id="GOV-WVR-002",
            title="Stale waiver",
            description="A waiver in force matches no finding: the issue it covered is gone or "
            "its scope or rule ids are wrong.",
            severity="warning",
            remediation="Remove the waiver, or correct its scope and rule ids.",
            controls=("ISO 42001 6.1.3",),
            area="waivers",
            kind="warn",
        ),
        RuleInfo(
            id="GOV-WVR-004",
            title="Waiver approved by an interested party",
            description="The waiver's approver is its requester or the accountable owner of "
            "the use case whose finding it would waive, so it does not apply: the finding "
            "stands. Risk acceptance needs an approver independent of what is accepted.",
            severity="warning",
            remediation="Have the waiver approved by someone who neither requested it nor owns "
            "the use case (e.g. the CISO or the risk committee) and update 'approver'.",
            controls=("ISO 42001 A.3.2", "ISO 42001 6.1.3", "NIST AI RMF GOVERN 2.1"),
            area="waivers",
            kind="warn",
        ),
        RuleInfo(
            id="GOV-WVR-003",
            title="Waiver not yet in force",
            description="A waiver that would cover this finding is approved from a later date.",
            severity="warning",
            remediation="Wait for the approval date, or correct 'approved_on'.",
            controls=("ISO 42001 6.1.3",),
            area="waivers",
            kind="warn",
        ),
    )
}


WAIVER_STATES = ("in-force", "expired", "not-yet-in-force")


@dataclass(frozen=True)
class WaiverStatus:
    """A waiver (inventory exception) and its state at the evaluation clock."""

    id: Annotated[Id, Spec(description="The waiver id.")]
    state: Annotated[
        str,
        Spec(
            description="in-force from approved_on through expires_on inclusive; expired "
            "after; not-yet-in-force before.",
            enum=WAIVER_STATES,
        ),
    ]
    used: Annotated[
        bool,
        Spec(description="Whether the waiver is in force and covered at least one finding."),
    ]
    approved_on: Annotated[str, Spec(description="First day in force (ISO date).", format="date")]
    expires_on: Annotated[str, Spec(description="Last day in force (ISO date).", format="date")]
    approver: Annotated[str, Spec(description="Who approved it.")]
    justification: Annotated[str, Spec(description="Why it was granted.")]
    rules: Annotated[
        tuple[Annotated[str, Spec(pattern=r"^GOV-[A-Z]+-[0-9]{3}$")], ...],
        Spec(description="The rule ids it covers."),
    ]


def _state(waiver: Waiver, today: dt.date) -> str:
    if today < waiver.approved_on:
        return "not-yet-in-force"
    if today > waiver.expires_on:
        return "expired"
    return "in-force"


def _covers(waiver: Waiver, finding: Finding, parts: dict[str, tuple[str, str, str]]) -> bool:
    if finding.rule not in waiver.rules or finding.choice is None:
        return False
    use_case, model, deployment = parts[finding.choice]
    scope = waiver.scope
    return (
        (scope.use_case is None or scope.use_case == use_case)
        and (scope.model is None or scope.model == model)
        and (scope.deployment is None or scope.deployment == deployment)
    )


def _person_key(person) -> str:
    """People compare by email when they have one, else by name (case-insensitively)."""
    return (person.email or person.name).strip().casefold()


def _conflict(waiver: Waiver, use_case) -> str | None:
    """Why the waiver's approver is not independent for a finding of ``use_case``, or None."""
    approver = _person_key(waiver.approver)
    if approver == _person_key(waiver.requested_by):
        return f"{waiver.approver.name} both requested and approved it"
    if use_case is not None and approver == _person_key(use_case.owner):
        return f"{waiver.approver.name} owns use case {use_case.id}"
    return None


def _outside_scope(waiver: Waiver, findings: list[Finding], candidates, parts) -> str:
    """' (a GOV-X finding exists for choice c, outside its scope)' for a stale waiver."""
    for i in candidates:
        finding = findings[i]
        if finding.choice is not None and finding.waived_by is None:
            return (
                f"; a {finding.rule} finding exists for {finding.choice}, outside its scope "
                f"({_scope_text(waiver)})"
            )
    return ""


def _scope_text(waiver: Waiver) -> str:
    scope = waiver.scope
    named = [
        f"{kind} {value}"
        for kind, value in (
            ("use case", scope.use_case),
            ("model", scope.model),
            ("deployment", scope.deployment),
        )
        if value is not None
    ]
    return ", ".join(named) or "everything"


def apply_waivers(
    findings: list[Finding],
    inventory: Inventory,
    parts: dict[str, tuple[str, str, str]],
    today: dt.date,
    fingerprints: Callable[[str, str | None, str], str] | None = None,
) -> tuple[list[Finding], list[WaiverStatus]]:
    """Findings with `waived_by` set where a waiver in force covers them, plus waiver findings."""
    sources = inventory.sources
    result = list(findings)
    statuses = []
    # A waiver names its rules (and usually a use case): look only at those findings.
    by_rule: dict[str, list[int]] = {}
    by_rule_and_use_case: dict[tuple[str, str], list[int]] = {}

    named = {rule for waiver in inventory.exceptions for rule in waiver.rules}

    def index_from(start: int) -> None:
        for i in range(start, len(result)):
            finding = result[i]
            if finding.rule not in named:
                continue
            by_rule.setdefault(finding.rule, []).append(i)
            if finding.choice is not None:  # only choices' findings can be waived
                key = (finding.rule, parts[finding.choice][0])
                by_rule_and_use_case.setdefault(key, []).append(i)

    index_from(0)
    use_cases = {use_case.id: use_case for use_case in inventory.use_cases}
    for index, waiver in enumerate(inventory.exceptions):
        state = _state(waiver, today)
        pointer = f"/exceptions/{index}"
        before = len(result)
        scope_use_case = waiver.scope.use_case
        if scope_use_case is None:
            candidates = sorted({i for rule in waiver.rules for i in by_rule.get(rule, ())})
        else:
            candidates = sorted(
                {
                    i
                    for rule in waiver.rules
                    for i in by_rule_and_use_case.get((rule, scope_use_case), ())
                }
            )
        matched = [
            i
            for i in candidates
            if result[i].waived_by is None and _covers(waiver, result[i], parts)
        ]
        applied = []
        if state == "in-force":
            refused: dict[str, tuple[str, list[str]]] = {}
            for i in matched:
                finding = result[i]
                assert finding.choice is not None  # _covers matches choices' findings only
                why = _conflict(waiver, use_cases.get(parts[finding.choice][0]))
                if why is None:
                    result[i] = finding.waive(waiver.id)
                    applied.append(i)
                else:
                    refused.setdefault(finding.choice, (why, []))[1].append(finding.rule)
            for choice, (why, rules) in sorted(refused.items()):
                result.append(
                    make_finding(
                        WAIVER_RULES["GOV-WVR-004"],
                        "GOV-WVR-004",
                        "warning",
                        f"waiver {waiver.id} does not apply: {why}, and an approver must be "
                        f"independent of the requester and of the owner of what is waived; "
                        f"{', '.join(sorted(set(rules)))} stand(s)",
                        f"{pointer}/approver",
                        sources,
                        choice,
                        fingerprints,
                    )
                )
            if not matched:
                all_of_rules = sorted({i for rule in waiver.rules for i in by_rule.get(rule, ())})
                result.append(
                    make_finding(
                        WAIVER_RULES["GOV-WVR-002"],
                        "GOV-WVR-002",
                        "warning",
                        f"waiver {waiver.id} is in force but matches no finding "
                        f"(rules {', '.join(waiver.rules)})"
                        + _outside_scope(waiver, result, all_of_rules, parts),
                        pointer,
                        sources,
                        None,
                        fingerprints,
                    )
                )
        else:
            rule_id = "GOV-WVR-001" if state == "expired" else "GOV-WVR-003"
            when = (
                f"expired on {waiver.expires_on.isoformat()}"
                if state == "expired"
                else f"is in force only from {waiver.approved_on.isoformat()}"
            )
            field = "expires_on" if state == "expired" else "approved_on"
            for choice in sorted({c for i in matched if (c := result[i].choice)}):
                rules = sorted({result[i].rule for i in matched if result[i].choice == choice})
                result.append(
                    make_finding(
                        WAIVER_RULES[rule_id],
                        rule_id,
                        "warning",
                        f"waiver {waiver.id} {when}; {', '.join(rules)} "
                        + ("stand(s) again" if state == "expired" else "stand(s) until then"),
                        f"{pointer}/{field}",
                        sources,
                        choice,
                        fingerprints,
                    )
                )
        index_from(before)
        statuses.append(
            WaiverStatus(
                id=waiver.id,
                state=state,
                used=bool(applied),
                approved_on=waiver.approved_on.isoformat(),
                expires_on=waiver.expires_on.isoformat(),
                approver=waiver.approver.name,
                justification=waiver.justification,
                rules=tuple(waiver.rules),
            )
        )
    return result, sorted(statuses, key=lambda s: s.id)
