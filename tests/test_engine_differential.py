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
from types import SimpleNamespace

import pytest

from governance.authoring.testing import run_tests_with_coverage
from governance.engine import create_engine
from governance.evaluation.check import evaluate
from governance.evaluation.settings import EvaluationSettings
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from tests.support.cli import REPO, TEMPLATE
from tests.support.engine_diff import ENGINES, differences
from tests.support.opa_bindings import require_opa_bindings

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
SETTINGS = EvaluationSettings(now=NOW, suggestions=False)  # the findings, not alternatives
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*/") if any(p.glob("*.yaml")))
INVENTORIES = {p.name: p for p in [TEMPLATE, *EXAMPLES]}
GENERATED = {"generated-400-worst": None, "generated-400-realistic": 0.1}
# Before the EU AI Act's Art. 50 and Annex III dates: GOV-REG-001 re-evaluates the rules `with`
# a later input.now, which both engines must answer alike.
BEFORE = EvaluationSettings(now=dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc), suggestions=False)
EARLIER = {f"{name}@2026-05-01": name for name in ("research-lab", "generated-400-worst")}


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
    found = {
        name: tuple(evaluate(inventory, policies, SETTINGS, engine=e) for e in engines)
        for name, inventory in inventories.items()
    }
    for name, base in EARLIER.items():
        inventory = inventories[base]
        found[name] = tuple(evaluate(inventory, policies, BEFORE, engine=e) for e in engines)
    return found


@pytest.mark.parametrize("name", [*INVENTORIES, *GENERATED, *EARLIER])
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
def test_the_rego_test_suite_passes_on_both_engines(engine, monkeypatch):
    """On OPA with ONE query for all the tests (each distinct query is compiled anew), and
    with coverage from OPA's tracer."""
    require_opa_bindings()
    import opa_bindings

    asked = []
    original = opa_bindings.OpaEngine.eval_document

    def counted(self, path, *args, **kwargs):
        asked.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(opa_bindings.OpaEngine, "eval_document", counted)
    results, files = run_tests_with_coverage(coverage=True, engine=engine)
    failures = [
        f"{r.path}:{r.line}: {r.name} {r.output} {r.error}" for r in results if not r.passed
    ]
    assert len(results) > 200, "the suite was not found"
    assert asked == ([] if engine == "embedded" else ["governance_policy_test_runner.results"])
    rule_files = [f for f in files if f.path.startswith("builtin/rules/")]
    assert len(rule_files) >= 6 and all(0 < f.covered <= f.total for f in rule_files)
    assert not failures, f"on {engine}:\n" + "\n".join(failures)


def test_without_the_bindings_ci_fails_instead_of_skipping(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI=true: the OPA tests must run"):
        require_opa_bindings()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="--ignore-requires-python"):
        require_opa_bindings()
