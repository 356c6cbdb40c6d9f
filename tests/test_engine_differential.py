"""Same policies, same answers: the embedded engine (regorus) against real OPA in process.

Every example, a generated inventory of 400 use cases in the worst case (nearly every choice
breaks rules) and a realistic one (10 % do), and the whole Rego test suite, on `embedded` and
`opa-inprocess`. Findings and decisions are compared as multisets; a difference fails naming
the rule, the choice and both engines' values. Real OPA is required in CI (CI=true), where
its absence fails these tests instead of skipping them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from types import SimpleNamespace

import pytest

from governance.engine import create_engine
from governance.evaluation.check import evaluate
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from governance.policy.testing import run_tests
from tests.support.cli import REPO, TEMPLATE
from tests.support.opa_bindings import require_opa_bindings

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*/") if any(p.glob("*.yaml")))
INVENTORIES = {p.name: p for p in [TEMPLATE, *EXAMPLES]}
GENERATED = {"generated-400-worst": None, "generated-400-realistic": 0.1}
ENGINES = ("embedded", "opa-inprocess")


def _outcome(report) -> tuple[Counter, Counter]:
    """(findings, decisions) of a report as multisets."""
    findings = Counter(
        (f.rule, f.choice or "(organization)", f.pointer, f.message, f.status or "open")
        for f in report.all_findings
    )
    decisions = Counter((d.id, d.decision) for d in report.decisions)
    return findings, decisions


def differences(left, right, names=ENGINES) -> list[str]:
    """One line per difference between two engines' reports: rule, choice, both values."""
    (left_findings, left_decisions), (right_findings, right_decisions) = (
        _outcome(left),
        _outcome(right),
    )
    lines = []
    for key in sorted(set(left_findings) | set(right_findings)):
        if left_findings[key] != right_findings[key]:
            rule, choice, pointer, message, status = key
            lines.append(
                f"{rule} on {choice} at {pointer} ({status}: {message!r}): "
                f"{names[0]} {left_findings[key]}, {names[1]} {right_findings[key]}"
            )
    left_by_choice, right_by_choice = _by_choice(left_decisions), _by_choice(right_decisions)
    for choice in sorted(set(left_by_choice) | set(right_by_choice)):
        ours, theirs = left_by_choice.get(choice, "none"), right_by_choice.get(choice, "none")
        if ours != theirs:
            lines.append(f"decision of {choice}: {names[0]} {ours}, {names[1]} {theirs}")
    return lines


def _by_choice(decisions: Counter) -> dict[str, str]:
    """choice id -> its decision(s), from the multiset of (choice, decision)."""
    by_choice: dict[str, list[str]] = {}
    for (choice, decision), count in decisions.items():
        by_choice.setdefault(choice, []).extend([decision] * count)
    return {choice: ", ".join(sorted(found)) for choice, found in by_choice.items()}


@pytest.fixture(scope="module")
def policies():
    return load_policy_set()


@pytest.fixture(scope="module")
def reports(policies, tmp_path_factory):
    """Every inventory evaluated on both engines, each engine loaded once."""
    require_opa_bindings()
    inventories = {name: load_inventory([path]) for name, path in INVENTORIES.items()}
    for name, rate in GENERATED.items():
        folder = generate(400, seed=7, out=tmp_path_factory.mktemp(name), violation_rate=rate)
        inventories[name] = load_inventory([folder])
    engines = []
    for name in ENGINES:
        engine = create_engine(name)
        engine.load(policies)
        engines.append(engine)
    return {
        name: tuple(evaluate(inventory, policies, engine=e, now=NOW) for e in engines)
        for name, inventory in inventories.items()
    }


@pytest.mark.parametrize("name", [*INVENTORIES, *GENERATED])
def test_embedded_and_real_opa_agree(reports, name):
    embedded, opa = reports[name]
    assert embedded.decisions, "nothing was evaluated"
    found = differences(embedded, opa)
    assert not found, f"{name}: {len(found)} differences\n" + "\n".join(found)


def test_a_difference_names_rule_choice_and_both_values():
    def report(findings, decision):
        return SimpleNamespace(
            all_findings=[
                SimpleNamespace(rule=r, choice="uc/m/d", pointer="/p", message="m", status="open")
                for r in findings
            ],
            decisions=[SimpleNamespace(id="uc/m/d", decision=decision)],
        )

    lines = differences(report(["GOV-SAF-009", "GOV-SAF-009"], "rejected"), report([], "approved"))
    assert lines == [
        "GOV-SAF-009 on uc/m/d at /p (open: 'm'): embedded 2, opa-inprocess 0",
        "decision of uc/m/d: embedded rejected, opa-inprocess approved",
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_rego_test_suite_passes_on_both_engines(engine):
    require_opa_bindings()
    results = run_tests(engine=engine)
    failures = [
        f"{r.path}:{r.line}: {r.name} {r.output} {r.error}" for r in results if not r.passed
    ]
    assert len(results) > 200, "the suite was not found"
    assert not failures, f"on {engine}:\n" + "\n".join(failures)
