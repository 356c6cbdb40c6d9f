"""Security teams' loop: scaffold a rule, run its tests, see a failure, use it in a check."""

from __future__ import annotations

from tests.support.cli import governance, template_with


def test_new_rule_is_green_at_once_and_never_overwritten(tmp_path):
    policies = tmp_path / "policies"
    run = governance("policy", "new", "data_export", "--area", "exp", "--dir", policies)
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"wrote {policies / 'data_export.rego'}",
        f"wrote {policies / 'data_export_test.rego'}",
    ]
    tests = governance("policy", "test", policies, "--no-builtin")
    assert tests.code == 0, tests.stdout
    assert tests.stdout.strip() == "2 passed, 0 failed"
    before = (policies / "data_export.rego").read_bytes()
    again = governance("policy", "new", "data_export", "--area", "exp", "--dir", policies)
    assert again.code == 2 and "never overwrites" in again.stderr
    assert (policies / "data_export.rego").read_bytes() == before


def test_a_failing_rego_test_is_reported_with_its_line(tmp_path):
    policies = tmp_path / "policies"
    governance("policy", "new", "data_export", "--area", "EXP", "--dir", policies)
    rule = policies / "data_export.rego"
    rule.write_text(rule.read_text().replace('"data-export-example" in', '"other-tag" in'))
    run = governance("policy", "test", policies, "--no-builtin")
    assert run.code == 1
    failing = [line for line in run.stdout.splitlines() if ": FAIL: " in line]
    assert len(failing) == 1
    assert failing[0].endswith(
        "data_export_test.rego:6: FAIL: governance.rules.data_export_test."
        "test_tagged_use_case_is_denied"
    )
    assert run.stdout.strip().endswith("1 passed, 1 failed")


def test_scaffolded_rule_runs_in_check(tmp_path):
    policies = tmp_path / "policies"
    governance("policy", "new", "data_export", "--area", "EXP", "--dir", policies)
    inventory = template_with(
        tmp_path,
        (
            "data_categories: [none]",
            "data_categories: [none]\n    purpose_tags: [data-export-example]",
        ),
    )
    run = governance("check", inventory, "--policy", policies, "--now", "2026-11-24")
    assert run.code == 1
    assert (
        "error: GOV-EXP-001: use case internal-search is tagged 'data-export-example'" in run.stdout
    )


def test_bad_names_are_usage_errors(tmp_path):
    assert governance("policy", "new", "Data-Export", "--area", "EXP", "--dir", tmp_path).code == 2
    assert governance("policy", "new", "ok", "--area", "E1", "--dir", tmp_path).code == 2
