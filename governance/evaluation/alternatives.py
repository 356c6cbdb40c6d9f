"""Alternatives for rejected choices, listed by every report: up to three (model, deployment)
pairs of the inventory that the policies allow in the choice's place.

They are decided in ONE extra engine pass after check's own (substitute.py), so what a report
calls an alternative is what `check` decides once the YAML is edited. The pass is kept at most
as large as check's: with N choices, R rejected and P pairs, each rejected choice tries
min(P, max(budget // R, 1)) pairs, budget = max(N // 3, MIN_BUDGET), so the pass holds at most
max(N // 3, R) <= N choices (small inventories: MIN_BUDGET; measured in
benchmarks/bench_suggest.py). Small inventories try
every pair; when there are more, a rejected choice tries first the pairs most often allowed
for use cases of its own classification level in this very check, then those allowed anywhere
(a choice of what to try, never of what is decided).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from governance.engine import Engine
from governance.evaluation.candidates import Candidate, facts, reason, vendors
from governance.evaluation.report import Alternative, ChoiceDecision
from governance.evaluation.substitute import Substitution, evaluate_substitutions
from governance.inventory import Inventory
from governance.policy import PolicySet

LIMIT = 3  # alternatives listed per rejected choice
MIN_BUDGET = 1000  # candidates the extra pass may hold however small the inventory
ALLOWED = ("approved", "approved-with-conditions")


def find_alternatives(
    inventory: Inventory,
    policies: PolicySet,
    engine: Engine,
    document: dict,
    now: dt.datetime,
    decisions: list[ChoiceDecision],
) -> dict[str, list[Alternative]]:
    """Rejected choice id -> its best allowed alternatives (possibly none), ranked as
    `suggest` ranks candidates."""
    rejected = [d for d in decisions if d.decision == "rejected"]
    if not rejected:
        return {}
    models = {m.id: m for m in inventory.models}
    pairs = [(m.id, d.id) for m in inventory.models for d in m.deployments]
    deployments = {(m.id, d.id): d for m in inventory.models for d in m.deployments}
    use_cases = {u.id: u for u in inventory.use_cases}
    level = {u.id: u.data_classification for u in inventory.use_cases}
    anywhere: Counter = Counter()
    at_level: Counter = Counter()
    for d in decisions:
        if d.decision in ALLOWED:
            anywhere[(d.model, d.deployment)] += 1
            at_level[(level[d.use_case], (d.model, d.deployment))] += 1
    position = {pair: i for i, pair in enumerate(pairs)}
    order: dict[str, list[tuple[str, str]]] = {}  # per level: the pairs in the order tried
    for lvl in set(level.values()):
        order[lvl] = sorted(pairs, key=lambda p: (-at_level[(lvl, p)], -anywhere[p], position[p]))
    budget = max(len(decisions) // 3, MIN_BUDGET)
    per_choice = min(len(pairs), max(budget // len(rejected), 1))

    substitutions: list[Substitution] = []
    owners: list[tuple[str, set[str]]] = []  # (rejected choice id, vendors already used)
    for d in rejected:
        use_case = use_cases[d.use_case]
        index = next(
            i
            for i, c in enumerate(use_case.model_choices)
            if (c.model, c.deployment) == (d.model, d.deployment)
        )
        others = [c for i, c in enumerate(use_case.model_choices) if i != index]
        taken = {(c.model, c.deployment) for c in others} | {(d.model, d.deployment)}
        used: set[str] = set()
        for c in others:
            used.update(vendors(models[c.model], deployments[(c.model, c.deployment)]))
        tried = 0
        for model_id, deployment_id in order[level[d.use_case]]:
            if tried == per_choice:
                break
            if (model_id, deployment_id) in taken:
                continue
            tried += 1
            substitutions.append(Substitution(d.use_case, index, model_id, deployment_id, d.role))
            owners.append((d.id, used))
    outcomes = evaluate_substitutions(inventory, policies, engine, document, now, substitutions)

    found: dict[str, list[Candidate]] = {d.id: [] for d in rejected}
    for sub, (owner, used), outcome in zip(substitutions, owners, outcomes, strict=True):
        if outcome.decision in ALLOWED:
            model = models[sub.model]
            deployment = deployments[(sub.model, sub.deployment)]
            found[owner].append(
                Candidate(sub.model, sub.deployment, outcome, facts(model, deployment, used, None))
            )
    result = {}
    for owner, candidates in found.items():
        best = sorted(candidates, key=Candidate.rank_key)[:LIMIT]
        result[owner] = [
            Alternative(
                c.model,
                c.deployment,
                c.decision,
                tuple(c.outcome.rules),
                reason(c.facts),
            )
            for c in best
        ]
    return result
