"""The table of each model's choices that the OPA engines send with the input document.

OPA evaluates a keyed reference into a partial rule (``index.choices_of_model[model_id]``)
once per key, each time over every choice; with this table in the input it is one lookup per
model. policies/governance/index.rego uses the table only when it matches ``input.choices``,
so a stale one costs speed, never an answer. Regorus builds that rule once either way: the
embedded engine sends none (its shards would each need their own).
"""

from __future__ import annotations

#: The input field holding the table: model id -> positions in input.choices.
CHOICES_BY_MODEL = "choices_by_model"


def with_choices_by_model(document: dict) -> dict:
    """A shallow copy of ``document`` with the table of its choices' positions by model."""
    table: dict[str, list[int]] = {}
    for position, choice in enumerate(document.get("choices") or []):
        model = choice.get("model") if isinstance(choice, dict) else None
        if isinstance(model, str):
            table.setdefault(model, []).append(position)
    return {**document, CHOICES_BY_MODEL: table}
