"""The built-in policy library: its Rego tests pass, its METADATA is complete, its docs are
generated from it, and it stays quiet on a clean inventory."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import regorus

from governance.authoring.docs import builtin_catalogue
from governance.authoring.testing import run_tests
from governance.evaluation.input import build_input, builtin_catalogues
from governance.inventory import load_inventory
from governance.inventory.locations import countries, expand, expansions
from governance.policy import load_policy_set
from governance.resources import policies_dir
from tests.support.cli import REPO, TEMPLATE, governance

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
KIND_SEVERITY = {"deny": "error", "warn": "warning", "obligation": "info"}
RULES = load_policy_set().rules


def test_every_rego_test_passes():
    results = run_tests()
    failures = [
        f"{r.path}:{r.line}: {r.name} {r.output} {r.error}" for r in results if not r.passed
    ]
    assert results, "no Rego tests found"
    assert not failures, "\n".join(failures)


def test_cli_runs_the_same_tests():
    run = governance("policy", "test")
    assert run.code == 0, run.stdout
    assert re.fullmatch(r"\d+ passed, 0 failed", run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_metadata_is_complete(rule_id):
    rule = RULES[rule_id]
    assert re.fullmatch(r"GOV-[A-Z]+-\d{3}", rule.id)
    assert rule.title and rule.description and rule.remediation
    assert rule.controls, f"{rule.id} maps to no control"
    assert rule.kind in KIND_SEVERITY, f"{rule.id} annotates {rule.kind!r}"
    assert rule.severity == KIND_SEVERITY[rule.kind], f"{rule.id}: {rule.kind} vs {rule.severity}"


def test_rule_ids_are_unique_across_files():
    seen: dict[str, str] = {}
    for path in sorted((policies_dir() / "rules").glob("*.rego")):
        if path.name.endswith("_test.rego"):
            continue
        for rule_id in re.findall(r"^#\s+id:\s*(GOV-[A-Z]+-\d{3})", path.read_text(), re.MULTILINE):
            assert rule_id not in seen, f"{rule_id} in {path.name} and {seen[rule_id]}"
            seen[rule_id] = path.name
    assert len(seen) > 50, f"only {len(seen)} rule ids found: is the METADATA pattern stale?"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_a_unit_test(rule_id):
    tests = "\n".join(p.read_text() for p in (policies_dir() / "rules").glob("*_test.rego"))
    assert rule_id in tests, f"no Rego test mentions {rule_id}"


def test_policy_docs_are_generated_from_metadata():
    committed = (REPO / "docs" / "policies.md").read_text("utf-8")
    assert committed == builtin_catalogue(), "run: governance policy doc -o docs/policies.md"
    for rule_id in RULES:
        assert f'| <a id="{rule_id.lower()}"></a>{rule_id} |' in committed


def test_clean_template_is_approved_by_the_builtin_library():
    run = governance("check", TEMPLATE, "--now", "2026-11-24")
    assert run.code == 0, run.stdout
    assert run.stdout.startswith("example-org: 1 model choice (1 approved)")


def test_the_fixtures_expand_locations_as_the_input_builder_does():
    """The Rego tests read input.locations from the fixtures: it must say what build_input
    says for those ids, or the residency tests would test another expansion."""
    engine = regorus.Engine()
    engine.add_policy(
        "fixtures_test.rego",
        (policies_dir() / "governance" / "fixtures_test.rego").read_text("utf-8"),
    )
    engine.set_input_json("{}")
    table = json.loads(engine.eval_rule_as_json("data.governance.test_fixtures.base_locations"))
    assert {"global", "EU", "eu-west-2"} <= set(table)
    assert table == expansions(set(table))


def test_location_ids_expand_to_countries():
    """The one expansion (residency.rego reads it from input.locations)."""
    assert expand("aws:eu-west-1") == expand("eu-west-1") == ("IE",)
    assert expand("westeurope") == expand("gcp:europe-west4") == ("NL",)
    assert expand("DE") == ("DE",)
    assert expand("global") == ("global",)
    assert len(expand("EU")) == 27
    assert "NO" in expand("EEA")
    assert "NO" not in expand("EU")
    assert expand("EFTA") == ("CH", "IS", "LI", "NO")
    assert countries(["US", "eu-west-1", "IE"]) == ["IE", "US"]
    assert countries(["US", "global"]) == ["global"]


def test_the_input_expands_every_location_the_inventory_names():
    document = build_input(load_inventory([REPO / "examples" / "eu-bank"]), NOW)
    table = document["locations"]
    assert {"EU", "EEA", "EFTA"} <= set(table)  # the groups, always (safety and residency)
    licences = builtin_catalogues()[1].values()
    excluded = {
        j
        for e in licences
        for x in e["excluded_licensee_jurisdictions"]
        for j in x["jurisdictions"]
    }
    assert excluded and excluded <= set(table)  # Llama's 'EU', for the licence rules
    rules = document["organization"]["requirements"]["residency"]
    assert rules and all(loc in table for rule in rules for loc in rule["processing"])
    assert all(loc in table for loc in document["organization"]["jurisdictions"])
    deployments = [
        d for model in document["models"].values() for d in model["deployments"].values()
    ]
    for deployment in deployments:
        for kind in ("processing", "storage"):
            named = deployment[f"{kind}_locations"]
            expanded = {code for loc in named for code in table[loc]}
            assert deployment[f"{kind}_countries"] == countries(named)
            assert set(countries(named)) == ({"global"} if "global" in expanded else expanded)
