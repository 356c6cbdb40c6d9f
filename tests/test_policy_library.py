"""The built-in policy library: its Rego tests pass, its METADATA is complete, its docs are
generated from it, and it stays quiet on a clean inventory."""

from __future__ import annotations

import re

import pytest

from governance.authoring.docs import builtin_catalogue
from governance.authoring.testing import run_tests
from governance.policy import load_policy_set
from governance.resources import policies_dir
from tests.support.cli import REPO, TEMPLATE, governance

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
