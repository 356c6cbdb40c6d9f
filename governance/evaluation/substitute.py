"""Decide model choices that are not in the inventory: a (model, deployment) pair put in
place of a use case's choice, all else unchanged, judged by the same policies and engine.

Many substitutions are evaluated in ONE engine pass. The input document is the inventory's
own, with its ``choices`` replaced by one synthetic choice per substitution; each one points at
a copy of its use case (under a key no inventory id can take: ids never contain '#') whose
``model_choices`` has the substitution applied, so rules that read the use case's other
choices (fallbacks) see the use case as it would be. The copy keeps the use case's ``id`` and
``pointer``, so messages and locations are the ones `check` would give after the edit. A
choice's findings depend only on its use case, model and deployment and the organization (the
engine's sharding relies on the same), so the other choices need not be evaluated again.

Waivers are applied exactly as `check` would apply them to the edited inventory: a waiver
scoped to the use case (or to the candidate's model or deployment) covers the candidate's
findings of its rules; a waiver scoped to the replaced choice's model and deployment does not
(after the edit it would cover nothing, and `check` would call it stale, GOV-WVR-002, an
organization-level warning that does not change any choice's decision).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from governance.engine import Engine
from governance.evaluation.findings import Finding, distinct_sorted, from_engine
from governance.evaluation.identity import Fingerprints
from governance.evaluation.input import choice_id
from governance.evaluation.report import decide
from governance.evaluation.waivers import WAIVER_RULES, apply_waivers
from governance.inventory import Inventory
from governance.policy import PolicySet

#: Separates a use case's id from the copy number in the copy's key ('#' is never in an id).
COPY_MARK = "#suggest-"


@dataclass(frozen=True)
class Substitution:
    """Put ``model`` on ``deployment`` into use case ``use_case``'s model_choices at ``index``
    (replacing the choice there), or append it when ``index`` is the list's length."""

    use_case: str
    index: int
    model: str
    deployment: str
    role: str

    @property
    def choice_id(self) -> str:
        return choice_id(self.use_case, self.model, self.deployment)


@dataclass(frozen=True)
class Outcome:
    """What `check` would decide for a substitution's choice, with the findings behind it."""

    decision: str
    findings: tuple[Finding, ...]

    def count(self, severity: str, waived: bool = False) -> int:
        return sum(
            1
            for f in self.findings
            if f.severity == severity and (f.waived_by is not None) == waived
        )

    @property
    def rules(self) -> list[str]:
        """Rule ids of the findings that still stand (not waived), sorted, each once."""
        return sorted({f.rule for f in self.findings if f.waived_by is None})


def substituted_document(document: dict, substitutions: list[Substitution]) -> dict:
    """The input document holding only the substitutions' choices (see the module docstring)."""
    use_cases = dict(document["use_cases"])
    choices = []
    for number, sub in enumerate(substitutions):
        original = document["use_cases"][sub.use_case]
        model_choices = list(original["model_choices"])
        entry = {"model": sub.model, "deployment": sub.deployment, "role": sub.role}
        if sub.index < len(model_choices):
            model_choices[sub.index] = entry
        else:
            model_choices.append(entry)
        key = f"{sub.use_case}{COPY_MARK}{number}"
        use_cases[key] = {**original, "model_choices": model_choices}
        choices.append(
            {
                "id": f"{key}/{sub.model}/{sub.deployment}",
                "use_case": key,
                "model": sub.model,
                "deployment": sub.deployment,
                "role": sub.role,
                "pointer": f"{original['pointer']}/model_choices/{sub.index}",
            }
        )
    return {**document, "use_cases": use_cases, "choices": choices}


def evaluate_substitutions(
    inventory: Inventory,
    policies: PolicySet,
    engine: Engine,
    document: dict,
    now: dt.datetime,
    substitutions: list[Substitution],
) -> list[Outcome]:
    """One engine pass over every substitution; outcomes in the order given.

    ``document`` is build_input(inventory, now) (or one extended with hypothetical models)."""
    if not substitutions:
        return []
    synthetic = substituted_document(document, substitutions)
    raw = engine.evaluate(synthetic)
    rules = dict(policies.rules)
    rules.update(WAIVER_RULES)
    synthetic_ids = [c["id"] for c in synthetic["choices"]]
    real_ids = {sid: sub.choice_id for sid, sub in zip(synthetic_ids, substitutions, strict=True)}
    fingerprints = Fingerprints(document)

    def fingerprint(rule: str, choice: str | None, pointer: str) -> str:
        # as the edited inventory's choice would be fingerprinted
        return fingerprints(rule, real_ids.get(choice, choice), pointer)

    pointers = {c["id"]: c["pointer"] for c in synthetic["choices"]}
    findings = from_engine(raw, rules, inventory.sources, pointers, fingerprint)
    findings = [f for f in findings if f.choice is not None]  # the organization's: as check
    parts = {
        sid: (sub.use_case, sub.model, sub.deployment)
        for sid, sub in zip(synthetic_ids, substitutions, strict=True)
    }
    findings, _ = apply_waivers(findings, inventory, parts, now.date(), fingerprint)
    by_choice: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.choice is not None:
            by_choice[finding.choice].append(replace(finding, choice=real_ids[finding.choice]))
    outcomes = []
    for sid in synthetic_ids:
        own = distinct_sorted(by_choice.get(sid, ()))
        outcomes.append(Outcome(decide(list(own)) if own else "approved", own))
    return outcomes
