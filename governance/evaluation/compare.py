"""What a change does: base and head evaluations compared choice by choice, finding by finding.

Pure: it reads two Reports and the facts each choice depends on, and returns the head Report
with the comparison filled in. A model choice (use case x model x deployment) is *added* when
only the head has it, *removed* when only the base has it, and *changed* when its own fields,
its use case's fields, or the model or deployment it points at differ (positions ignored: a
moved line is no change). Findings are matched by fingerprint (rule + choice + the offending
field named by ids), never by line: a finding is *new* when the base had no finding with that
fingerprint, or had it only waived; *unchanged* otherwise. Base findings left unmatched are
*resolved* (those of removed choices stay inside the removed choice).

Organization requirements and policies apply to every choice, so a change to them can change
every decision without any choice changing: the comparison then says so in `reevaluated`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from governance.evaluation.findings import Finding
from governance.evaluation.input import choice_id
from governance.evaluation.report import ChoiceDecision, Comparison, Report
from governance.inventory import Inventory
from governance.policy import PolicySet


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def choice_facts(inventory: Inventory) -> dict[str, str]:
    """Choice id -> canonical JSON of everything the choice is made of (first one wins)."""
    models = {m.id: m for m in inventory.models}
    facts: dict[str, str] = {}
    for use_case in inventory.use_cases:
        case = use_case.model_dump(mode="json", exclude={"model_choices"})
        for choice in use_case.model_choices:
            key = choice_id(use_case.id, choice.model, choice.deployment)
            if key in facts:
                continue
            model = models.get(choice.model)
            deployment = next(
                (d for d in (model.deployments if model else ()) if d.id == choice.deployment),
                None,
            )
            facts[key] = _canonical(
                {
                    "choice": choice.model_dump(mode="json"),
                    "use_case": case,
                    "model": model.model_dump(mode="json", exclude={"deployments"})
                    if model
                    else None,
                    "deployment": deployment.model_dump(mode="json") if deployment else None,
                }
            )
    return facts


@dataclass(frozen=True)
class PolicyFacts:
    """A policy set by content, with module and data file names made comparable."""

    modules: dict[str, str]  # name -> sha256
    data_sha256: str

    @classmethod
    def of(cls, policies: PolicySet, rename: Callable[[str], str] = str) -> PolicyFacts:
        data = _canonical(policies.data).encode("utf-8")
        return cls(
            modules={rename(m.name): m.sha256 for m in policies.modules},
            data_sha256=hashlib.sha256(data).hexdigest(),
        )


def _names(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys))


def reevaluation_reasons(
    base: Inventory, head: Inventory, base_policies: PolicyFacts, head_policies: PolicyFacts
) -> list[str]:
    """Why decisions may differ for choices that did not change themselves."""
    reasons = []
    old = base.organization.model_dump(mode="json")
    new = head.organization.model_dump(mode="json")
    old_requirements, new_requirements = old.pop("requirements"), new.pop("requirements")
    if old_requirements != new_requirements:
        keys = {k for k in old_requirements.keys() | new_requirements.keys()}
        changed = {k for k in keys if old_requirements.get(k) != new_requirements.get(k)}
        reasons.append(
            f"organization requirements changed ({_names(changed)}): "
            "every model choice was re-evaluated against them"
        )
    if old != new:
        changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        reasons.append(
            f"organization changed ({_names(changed)}): every model choice was re-evaluated"
        )
    before, after = base_policies.modules, head_policies.modules
    added = after.keys() - before.keys()
    removed = before.keys() - after.keys()
    edited = {n for n in before.keys() & after.keys() if before[n] != after[n]}
    if added or removed or edited:
        parts = [
            f"{label} {_names(names)}"
            for label, names in (("added", added), ("changed", edited), ("removed", removed))
            if names
        ]
        reasons.append(
            f"policies changed ({'; '.join(parts)}): every model choice was re-evaluated"
        )
    if base_policies.data_sha256 != head_policies.data_sha256:
        reasons.append("policy data changed: every model choice was re-evaluated")
    return reasons


def classify_findings(
    head: list[Finding], base: list[Finding]
) -> tuple[dict[int, str], list[Finding]]:
    """Status (new | unchanged) per head finding, by index; and the base findings left over.

    Findings pair up by fingerprint in order; a pair whose base finding was waived and whose
    head finding is not counts as new (removing a waiver must not pass unnoticed).
    """
    pool: dict[str, list[Finding]] = defaultdict(list)
    for finding in base:
        pool[finding.fingerprint].append(finding)
    statuses = {}
    for index, finding in enumerate(head):
        candidates = pool.get(finding.fingerprint)
        if not candidates:
            statuses[index] = "new"
            continue
        earlier = candidates.pop(0)
        reopened = earlier.waived_by is not None and finding.waived_by is None
        statuses[index] = "new" if reopened else "unchanged"
    left = [f for fingerprint in sorted(pool) for f in pool[fingerprint]]
    return statuses, sorted(left, key=lambda f: f.sort_key)


def with_statuses(report: Report, status_of: Callable[[list[Finding]], dict[int, str]]) -> Report:
    """The report with every finding's status set from ``status_of(all findings)``."""
    findings = report.all_findings
    statuses = status_of(findings)
    updated = [replace(f, status=statuses[i]) for i, f in enumerate(findings)]
    decisions, position = [], 0
    for decision in report.decisions:
        count = len(decision.findings)
        decisions.append(replace(decision, findings=tuple(updated[position : position + count])))
        position += count
    return replace(report, decisions=decisions, organization_findings=updated[position:])


def compare_with_base(
    head: Report,
    base: Report | None,
    head_choices: dict[str, str],
    base_choices: dict[str, str],
    label: str,
    reasons: list[str],
) -> Report:
    """The head report classified against the base (None: nothing to compare with)."""
    base_decisions = {d.id: d for d in base.decisions} if base else {}
    base_findings = base.all_findings if base else []
    head_ids = {d.id for d in head.decisions}
    kept_base = [f for f in base_findings if f.choice is None or f.choice in head_ids]
    resolved: list[Finding] = []

    def status_of(findings: list[Finding]) -> dict[int, str]:
        statuses, left = classify_findings(findings, kept_base)
        resolved.extend(left)
        return statuses

    classified = with_statuses(head, status_of)
    decisions = []
    for decision in classified.decisions:
        if decision.id not in base_decisions:
            change = "added"
        elif head_choices.get(decision.id) != base_choices.get(decision.id):
            change = "changed"
        else:
            change = "unchanged"
        decisions.append(replace(decision, change=change))
    removed: list[ChoiceDecision] = [
        base_decisions[key] for key in sorted(base_decisions.keys() - head_ids)
    ]
    comparison = Comparison(
        kind="git",
        base=label,
        reevaluated=list(reasons),
        removed=removed,
        resolved=resolved,
    )
    return replace(classified, decisions=decisions, comparison=comparison)
