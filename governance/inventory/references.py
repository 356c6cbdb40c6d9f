"""Cross-reference checks that a schema cannot express: ids that must exist, people who
must differ, classification levels that must be defined."""

from __future__ import annotations

import difflib

from governance.errors import InputProblem
from governance.inventory.model import Inventory


def _hint(name: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if known:
        shown = ", ".join(sorted(known)[:8]) + (", ..." if len(known) > 8 else "")
        return f"known {what}: {shown}"
    return f"no {what} are defined"


def _same_person(a, b) -> bool:
    if a.email and b.email:
        return a.email.strip().lower() == b.email.strip().lower()
    return a.name.strip().lower() == b.name.strip().lower()


def check_references(inventory: Inventory) -> list[InputProblem]:
    problems: list[InputProblem] = []
    place = inventory.sources.place

    def problem(pointer: str, message: str, hint: str = "") -> None:
        location, local = place(pointer)  # the pointer within the file the location names
        problems.append(InputProblem(location, local, message, hint))

    models = {m.id: m for m in inventory.models}
    deployments = {m.id: {d.id for d in m.deployments} for m in inventory.models}
    levels = [level.level for level in inventory.organization.data_classification]
    use_cases = {u.id for u in inventory.use_cases}

    requirements = inventory.organization.requirements
    for section in ("residency", "retention", "training_on_customer_data", "access"):
        for index, rule in enumerate(getattr(requirements, section)):
            if rule.classification not in levels:
                problem(
                    f"/organization/requirements/{section}/{index}/classification",
                    f"unknown classification level {rule.classification!r}",
                    _hint(rule.classification, levels, "levels"),
                )
    seen_levels: dict[str, int] = {}
    for index, level in enumerate(inventory.organization.data_classification):
        if level.level in seen_levels:
            problem(
                f"/organization/data_classification/{index}/level",
                f"duplicate classification level {level.level!r}",
            )
        seen_levels[level.level] = index

    for u_index, use_case in enumerate(inventory.use_cases):
        base = f"/use_cases/{u_index}"
        if use_case.data_classification not in levels:
            problem(
                f"{base}/data_classification",
                f"unknown classification level {use_case.data_classification!r}",
                _hint(use_case.data_classification, levels, "levels"),
            )
        for c_index, choice in enumerate(use_case.model_choices):
            at = f"{base}/model_choices/{c_index}"
            if choice.model not in models:
                problem(
                    f"{at}/model",
                    f"model {choice.model!r} is not in the inventory",
                    _hint(choice.model, list(models), "models"),
                )
            elif choice.deployment not in deployments[choice.model]:
                problem(
                    f"{at}/deployment",
                    f"model {choice.model!r} has no deployment {choice.deployment!r}",
                    _hint(choice.deployment, list(deployments[choice.model]), "deployments"),
                )

    for w_index, waiver in enumerate(inventory.exceptions):
        base = f"/exceptions/{w_index}"
        scope = waiver.scope
        if scope.use_case is not None and scope.use_case not in use_cases:
            problem(
                f"{base}/scope/use_case",
                f"use case {scope.use_case!r} is not in the inventory",
                _hint(scope.use_case, list(use_cases), "use cases"),
            )
        if scope.model is not None and scope.model not in models:
            problem(
                f"{base}/scope/model",
                f"model {scope.model!r} is not in the inventory",
                _hint(scope.model, list(models), "models"),
            )
        elif (
            scope.model is not None  # a deployment always comes with its model (WaiverScope)
            and scope.deployment is not None
            and scope.deployment not in deployments[scope.model]
        ):
            problem(
                f"{base}/scope/deployment",
                f"model {scope.model!r} has no deployment {scope.deployment!r}",
                _hint(scope.deployment, list(deployments[scope.model]), "deployments"),
            )
        if _same_person(waiver.approver, waiver.requested_by):
            problem(
                f"{base}/approver",
                "the approver is the requester",
                "a waiver needs a second person to approve it",
            )
    return problems
