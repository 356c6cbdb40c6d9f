"""Finding fingerprints name the subject by ids, so reordering the inventory keeps them."""

from __future__ import annotations

import datetime as dt

import pytest

from governance.evaluation.check import evaluate
from governance.evaluation.settings import EvaluationSettings
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from tests.support.cli import REPO

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*/") if any(p.glob("*.yaml")))


def fingerprints(inventory) -> dict[str, tuple[str, str | None]]:
    report = evaluate(inventory, load_policy_set(), EvaluationSettings(now=NOW))
    return {f.fingerprint: (f.rule, f.choice) for f in report.all_findings}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_reordering_models_deployments_and_use_cases_keeps_every_fingerprint(example):
    inventory = load_inventory([example])
    before = fingerprints(inventory)
    assert len(before) == len(set(before)) > 0
    inventory.models.reverse()
    for model in inventory.models:
        model.deployments.reverse()
    inventory.use_cases.reverse()
    for use_case in inventory.use_cases:
        use_case.model_choices.reverse()
    inventory.exceptions.reverse()
    assert fingerprints(inventory) == before


def test_fingerprints_differ_between_rules_and_choices():
    report = evaluate(
        load_inventory([REPO / "examples" / "hybrid-startup"]),
        load_policy_set(),
        EvaluationSettings(now=NOW),
    )
    keys = [(f.rule, f.choice, f.pointer) for f in report.all_findings]
    prints = [f.fingerprint for f in report.all_findings]
    assert len(set(prints)) == len(set(keys))
