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


BAD_POLICY = """package acme.rules

import data.governance.lib

deny contains lib.finding("GOV-SAF-001", c, "/x", "m") if {
	some c in lib.choices
}

# METADATA
# title: Uses interpolation
# custom:
#   id: GOV-ACM-001
#   severity: warning
warn contains {"rule": "GOV-ACM-001", "message": $"hi {input.now}"} if {
	true
}

# METADATA
# title: Duplicate of a built-in id
# custom:
#   id: GOV-SAF-001
#   severity: warning
#   controls: ["X"]
#   remediation: Fix.
deny contains lib.finding("GOV-SAF-001", c, "/y", "m") if {
	some c in lib.choices
}
"""


def _builtin_metadata_line(rule_id: str) -> str:
    """Where the built-in library declares rule_id: builtin/<file>:<line of its METADATA>."""
    from tests.support.cli import REPO

    for path in sorted((REPO / "policies").rglob("*.rego")):
        lines = path.read_text().splitlines()
        for number, text in enumerate(lines):
            if text.strip() == f"#   id: {rule_id}":
                while lines[number].strip() != "# METADATA":
                    number -= 1
                return f"builtin/{path.relative_to(REPO / 'policies').as_posix()}:{number + 1}"
    raise AssertionError(f"{rule_id} is not in the built-in library")


def test_policy_check_reports_each_contract_breach(tmp_path):
    (tmp_path / "bad.rego").write_text(BAD_POLICY)
    run = governance("policy", "check", tmp_path)
    assert run.code == 1
    path = tmp_path / "bad.rego"
    assert run.stdout.splitlines() == [
        f"{path}:1:1: error: package: package acme.rules is outside governance.rules.*, "
        "so its findings are never collected",
        f"{path}:5:1: error: metadata-missing: deny rule without a METADATA block",
        f"{path}:9:1: warning: metadata-incomplete: METADATA has no custom.controls",
        f"{path}:9:1: warning: metadata-incomplete: METADATA has no custom.remediation",
        f"{path}:14:1: warning: finding-field: the finding names no field, so it cannot point "
        'at a YAML line (give the finding object a "field", see docs/policy-authoring.md)',
        f'{path}:14:50: error: unsupported-builtin: string interpolation ($"...") is missing '
        "in the embedded engine; use sprintf",
        f"{path}:18:1: error: id-duplicate: rule id GOV-SAF-001 is already used at "
        f"{_builtin_metadata_line('GOV-SAF-001')}",
        f"{path}:18:1: error: severity: a deny rule has severity 'error', not 'warning'",
        "5 errors, 3 warnings",
    ]


def test_policy_check_passes_the_builtin_library_and_a_scaffold(tmp_path):
    from tests.support.cli import REPO

    assert governance("policy", "check", REPO / "policies" / "rules").stdout.strip() == (
        "0 errors, 0 warnings"
    )
    governance("policy", "new", "data_export", "--area", "EXP", "--dir", tmp_path)
    run = governance("policy", "check", tmp_path)
    assert (run.code, run.stdout.strip()) == (0, "0 errors, 0 warnings")


def test_policy_check_compile_error_is_exit_two_with_location(tmp_path):
    (tmp_path / "broken.rego").write_text("package governance.rules.broken\n\nx := [1,\n")
    run = governance("policy", "check", tmp_path)
    assert run.code == 2
    assert run.stderr.startswith(f"{tmp_path / 'broken.rego'}:")
    assert "policy error:" in run.stderr


def test_coverage_report_and_threshold(tmp_path):
    governance("policy", "new", "data_export", "--area", "EXP", "--dir", tmp_path)
    run = governance("policy", "test", tmp_path, "--no-builtin", "--coverage")
    assert run.code == 0, run.stdout
    lines = run.stdout.splitlines()
    assert lines[-4:] == [
        "coverage:",
        f"  {tmp_path / 'data_export.rego'}: 100.0% (5/5 lines)",
        "  total: 100.0% (5/5 lines)",
        "2 passed, 0 failed",
    ]
    strict = governance("policy", "test", "--fail-under", "100")
    assert strict.code == 1
    assert "is below --fail-under 100" in strict.stdout
    assert governance("policy", "test", "--fail-under", "50").code == 0


def test_policy_doc_writes_the_catalogue(tmp_path):
    from tests.support.cli import REPO

    target = tmp_path / "policies.md"
    run = governance("policy", "doc", "-o", target)
    assert (run.code, run.stdout) == (0, f"wrote {target}\n")
    assert target.read_text() == (REPO / "docs" / "policies.md").read_text()


def test_policy_diff_reports_a_relaxation_and_the_decisions_it_flips(tmp_path):
    import shutil

    from tests.support.cli import REPO

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(REPO / "policies" / "rules", old)
    shutil.copytree(REPO / "policies" / "rules", new)
    for catalog in new.glob("catalog*.rego"):
        catalog.unlink()
    licenses = next(p for p in new.glob("licenses*.rego") if "id: GOV-LIC-009" in p.read_text())
    text = licenses.read_text()
    head = text.index("id: GOV-LIC-009")
    text = text[:head] + text[head:].replace("severity: error", "severity: warning", 1)
    text = text.replace(
        'deny contains {"rule": "GOV-LIC-009"', 'warn contains {"rule": "GOV-LIC-009"'
    )
    licenses.write_text(text)
    run = governance(
        "policy",
        "diff",
        old,
        new,
        "--inventory",
        REPO / "examples" / "healthcare-provider",
        "--now",
        "2026-11-24",
    )
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "removed: GOV-CAT-009 (error) Self-hosted accelerators too small for the model" in lines
    assert (
        "changed: GOV-LIC-009 (warning) Gated weights without a recorded licence acceptance; "
        "severity error -> warning"
    ) in lines
    assert lines[-2:] == [
        "1 model choice(s) with a changed decision or findings:",
        "  it-helpdesk-assistant/llama-3.1-8b-instruct/eks-us-west-2: rejected -> "
        "approved-with-conditions (GOV-LIC-009 error -> warning)",
    ]


def test_policy_diff_of_a_bundle_against_its_sources_is_empty(tmp_path):
    from tests.support.cli import REPO

    bundle = tmp_path / "lib.tar.gz"
    assert governance("bundle", "build", "-o", bundle).code == 0
    run = governance("policy", "diff", bundle, REPO / "policies" / "rules")
    assert (run.code, run.stdout) == (0, "no rule changes\n")


def test_policy_test_writes_junit(tmp_path):
    import xml.etree.ElementTree as ET

    policies = tmp_path / "policies"
    governance("policy", "new", "data_export", "--area", "EXP", "--dir", policies)
    rule = policies / "data_export.rego"
    rule.write_text(rule.read_text().replace('"data-export-example" in', '"other-tag" in'))
    report = tmp_path / "junit.xml"
    run = governance("policy", "test", policies, "--no-builtin", "-o", f"junit={report}")
    assert run.code == 1
    root = ET.parse(report).getroot()
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    (suite,) = root.findall("testsuite")
    failed = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert [(c.get("name"), c.get("line")) for c in failed] == [
        ("test_tagged_use_case_is_denied", "6")
    ]
    bad = governance("policy", "test", "-o", "sarif=x.sarif")
    assert bad.code == 2 and "junit=PATH only" in bad.stderr


LINT_CASES = """package governance.rules.lints

import data.governance.lib

# METADATA
# title: No id
# custom:
#   severity: error
#   controls: ["X"]
#   remediation: Fix.
deny contains lib.finding("GOV-LNT-001", c, "/x", "m") if {
	some c in lib.choices
}

# METADATA
# title: Bad id and severity
# custom:
#   id: LNT-2
#   severity: critical
#   controls: ["X"]
#   remediation: Fix.
deny contains lib.finding("LNT-2", c, "/x", "m") if {
	some c in lib.choices
}
"""


def test_id_and_severity_lints(tmp_path):
    (tmp_path / "lints.rego").write_text(LINT_CASES)
    run = governance("policy", "check", tmp_path)
    path = tmp_path / "lints.rego"
    assert run.code == 1
    assert run.stdout.splitlines() == [
        f"{path}:5:1: error: id-missing: deny rule has no custom.id",
        f"{path}:15:1: error: id-format: rule id 'LNT-2' is not GOV-<AREA>-<NNN>",
        f"{path}:15:1: error: severity: severity 'critical' is not one of error, warning, info",
        "3 errors, 0 warnings",
    ]


def test_builtin_library_meets_the_coverage_bar():
    run = governance("policy", "test", "--coverage", "--fail-under", "90")
    assert run.code == 0, run.stdout[-500:]


def test_policy_doc_json_includes_your_rules(tmp_path):
    import json

    governance("policy", "new", "data_export", "--area", "EXP", "--dir", tmp_path / "p")
    target = tmp_path / "rules.json"
    assert governance("policy", "doc", tmp_path / "p", "-o", target).code == 0
    rules = {r["id"]: r for r in json.loads(target.read_text())["rules"]}
    assert rules["GOV-EXP-001"]["title"] == "Purpose tagged 'data-export-example'"
    assert rules["GOV-SAF-001"]["severity"] == "error" and "GOV-WVR-001" in rules
