"""Catalogue candidates for `suggest --catalog`: models of the built-in catalogue the inventory
does not have, each with a deployment the requirements would allow (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass

from governance.inventory.types import Deployment, Model


@dataclass(frozen=True)
class Hypothetical:
    model: Model
    deployment: Deployment
    mof_class: str | None
    to_add: str


def hypotheticals(inventory, policies, use_case, document) -> list[Hypothetical]:
    return []
