"""`suggest`: which other (model, deployment) pairs the policies would allow in place of a
model choice (or as a use case's primary), ranked, with the facts a person weighs.

Every decision comes from the engine, in one pass over all candidates (substitute.py); this
module only picks the candidates, describes them and orders them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path

from governance.clock import utc_now, utc_text
from governance.errors import UsageError
from governance.evaluation.candidates import Candidate, facts, mof_of, vendors
from governance.evaluation.check import DEFAULTS, prepare
from governance.evaluation.hypothetical import Hypothetical, hypotheticals
from governance.evaluation.input import build_input, catalogues, choice_id
from governance.evaluation.mof import mof_classes
from governance.evaluation.settings import EvaluationSettings
from governance.evaluation.substitute import Substitution, evaluate_substitutions
from governance.gcpause import paused_gc
from governance.inventory import Inventory
from governance.inventory.draft import add_draft
from governance.inventory.types import Deployment, Model, ModelChoice
from governance.policy import PolicySet


@dataclass
class Suggestion:
    """The candidates for one choice (``kind`` "choice") or one use case's primary."""

    kind: str  # choice | use_case
    subject: str  # the choice id, or the use case id
    use_case: str
    current: Candidate | None  # the choice as it is (kind "choice" only), decided in the same pass
    candidates: list[Candidate]
    notes: list[str] = field(default_factory=list)
    now: dt.datetime | None = None  # the evaluation clock, timezone-aware

    def as_dict(self) -> dict:
        return {
            self.kind: self.subject,
            "use_case_id": self.use_case,
            "now": utc_text(self.now) if self.now else "",
            "current": self.current.as_dict() if self.current else None,
            "candidates": [c.as_dict() for c in self.candidates],
            "notes": list(self.notes),
        }


# --- targets and candidates ------------------------------------------------------------------


def _split_choice(inventory: Inventory, choice: str) -> tuple[int, int]:
    """(use case index, model_choices index) of a choice id ``use-case/model/deployment``."""
    known: dict[str, tuple[int, int]] = {}
    for u_index, use_case in enumerate(inventory.use_cases):
        for c_index, c in enumerate(use_case.model_choices):
            known.setdefault(choice_id(use_case.id, c.model, c.deployment), (u_index, c_index))
    if choice in known:
        return known[choice]
    close = difflib.get_close_matches(choice, list(known), n=1)
    hint = f"did you mean {close[0]}?" if close else "choices are named use-case/model/deployment"
    raise UsageError(f"no model choice {choice!r} in the inventory ({hint})")


def _use_case_index(inventory: Inventory, use_case: str) -> int:
    ids = [u.id for u in inventory.use_cases]
    if use_case in ids:
        return ids.index(use_case)
    close = difflib.get_close_matches(use_case, ids, n=1)
    hint = f"did you mean {close[0]}?" if close else "a use case not in it yet: --draft FILE"
    raise UsageError(f"no use case {use_case!r} in the inventory ({hint})")


def suggest_in(
    inventory: Inventory,
    policies: PolicySet,
    engine,
    now: dt.datetime,
    choice: str | None = None,
    use_case: str | None = None,
    catalog: bool = False,
) -> Suggestion:
    """Every other pair in place of ``choice`` (or as ``use_case``'s primary), decided in one
    engine pass, ranked (see Candidate.rank_key)."""
    if (choice is None) == (use_case is None):
        raise UsageError("name a model choice, or a use case with --use-case (one of them)")
    replaced: ModelChoice | None
    if choice is not None:
        u_index, index = _split_choice(inventory, choice)
        target = inventory.use_cases[u_index]
        replaced = target.model_choices[index]
        role = replaced.role
        kind, subject = "choice", choice
    else:
        u_index = _use_case_index(inventory, str(use_case))
        target = inventory.use_cases[u_index]
        roles = [c.role for c in target.model_choices]
        index = roles.index("primary") if "primary" in roles else len(roles)
        replaced = target.model_choices[index] if index < len(roles) else None
        role = "primary"
        kind, subject = "use_case", target.id
    others = [c for i, c in enumerate(target.model_choices) if i != index]
    taken = {(c.model, c.deployment) for c in others}
    by_model = {m.id: m for m in inventory.models}
    used_vendors: set[str] = set()
    for other in others:
        model = by_model[other.model]
        deployment = next(d for d in model.deployments if d.id == other.deployment)
        used_vendors.update(vendors(model, deployment))

    pairs: list[tuple[Model, Deployment, Hypothetical | None]] = [
        (model, deployment, None)
        for model in inventory.models
        for deployment in model.deployments
        if (model.id, deployment.id) not in taken
        and (replaced is None or (model.id, deployment.id) != (replaced.model, replaced.deployment))
    ]
    document = build_input(inventory, now, catalogues(policies.data))
    notes = _waiver_notes(inventory, target.id, replaced) if replaced else []
    if catalog:
        extra = hypotheticals(inventory, policies, target, document)
        pairs += [(h.model, h.deployment, h) for h in extra]
        if not extra:
            notes.append("--catalog: no downloadable catalogue model is missing from the inventory")
    derived = mof_classes(policies, document["models"])
    current = [(replaced.model, replaced.deployment)] if kind == "choice" and replaced else []
    substitutions = [
        Substitution(target.id, index, model_id, deployment_id, role)
        for model_id, deployment_id in current
    ] + [Substitution(target.id, index, m.id, d.id, role) for m, d, _ in pairs]
    outcomes = evaluate_substitutions(inventory, policies, engine, document, now, substitutions)

    def described(model, deployment, outcome, hypothetical=None) -> Candidate:
        mof = mof_of(model, policies, derived)
        return Candidate(
            model.id,
            deployment.id,
            outcome,
            facts(model, deployment, used_vendors, mof),
            hypothetical,
        )

    current_candidate = None
    if current:
        model = by_model[current[0][0]]
        deployment = next(d for d in model.deployments if d.id == current[0][1])
        current_candidate = described(model, deployment, outcomes[0])
    candidates = [
        described(m, d, outcome, h)
        for (m, d, h), outcome in zip(pairs, outcomes[len(current) :], strict=True)
    ]
    candidates.sort(key=Candidate.rank_key)
    return Suggestion(
        kind,
        subject,
        target.id,
        current_candidate,
        candidates,
        notes,
        now,
    )


def _waiver_notes(inventory: Inventory, use_case: str, replaced: ModelChoice) -> list[str]:
    """What waivers scoped to the replaced choice's model mean for the candidates: they are
    applied as check would apply them to the edited inventory, so they do not carry over."""
    notes = []
    for waiver in inventory.exceptions:
        scope = waiver.scope
        if scope.model != replaced.model or scope.use_case not in (None, use_case):
            continue
        if scope.deployment == replaced.deployment:
            notes.append(
                f"waiver {waiver.id} is scoped to {replaced.model} on {replaced.deployment}, "
                "the choice replaced: it covers no candidate, and after the change it would "
                "match nothing here (check reports a waiver in force that matches nothing "
                "as stale, GOV-WVR-002)"
            )
        elif scope.deployment is None:
            notes.append(
                f"waiver {waiver.id} is scoped to model {replaced.model}: it covers only the "
                f"candidates that keep {replaced.model} (on another deployment)"
            )
    return notes


def suggest(
    paths: list[str | Path],
    settings: EvaluationSettings = DEFAULTS,
    choice: str | None = None,
    use_case: str | None = None,
    catalog: bool = False,
    draft: str | Path | None = None,
    **fields,
) -> Suggestion:
    """The ranked candidates for ``choice`` (``use-case/model/deployment``) or for the primary
    of ``use_case``, from the inventory at ``paths``; the same inputs, policies and engine as
    governance.check. ``draft``: a file holding a use case not yet in the inventory (its
    model_choices may be left out), ranked as that use case's primary."""
    if draft is not None and choice is not None:
        raise UsageError("--draft ranks a draft use case's primary: leave out CHOICE")
    with paused_gc():
        if fields:  # the library's shorthand, as for check: suggest(paths, now=clock)
            settings = replace(settings, **fields)
        inventory, policies, _, loaded, settings = prepare(paths, settings)
        if draft is not None:
            inventory, drafted = add_draft(inventory, Path(draft), settings.max_file_size)
            if use_case is None and len(drafted) > 1:
                raise UsageError(
                    f"{draft} holds {len(drafted)} use cases ({', '.join(drafted)}): "
                    "name one with --use-case"
                )
            use_case = use_case or drafted[0]
        now = settings.now or utc_now()
        return suggest_in(inventory, policies, loaded, now, choice, use_case, catalog)
