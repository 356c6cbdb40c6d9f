"""`governance check`: decisions, waivers at an injected clock, exit codes, locations.

These use a fixed test policy (tests/fixtures/policies/evaluator) with --no-builtin, so the
evaluator is tested independently of the built-in library.
"""

from __future__ import annotations

import json

import pytest

from tests.support.cli import REPO, governance, line_of, template_with

POLICY = REPO / "tests" / "fixtures" / "policies" / "evaluator"
SMALL_GPU = ("accelerator_memory_gb: 24", "accelerator_memory_gb: 24")
BIG_GPU = ("accelerator_memory_gb: 24", "accelerator_memory_gb: 80")


def check(path, *extra: str):
    return governance(
        "check", path, "--no-builtin", "--policy", POLICY, "--now", "2026-11-24", *extra
    )


def waiver(
    approved: str,
    expires: str,
    rules: str = "[GOV-TST-001]",
    scope: str = "use_case: internal-search",
) -> str:
    return f"""
  - id: WVR-1
    scope: {{{scope}}}
    rules: {rules}
    justification: Bigger GPUs arrive in Q1.
    requested_by: {{name: Ada Lovelace, email: ada@example.org}}
    approver: {{name: Grace Hopper, email: grace@example.org, role: CISO}}
    approved_on: {approved}
    expires_on: {expires}
"""


def with_waiver(tmp_path, approved, expires, **kwargs):
    return template_with(
        tmp_path, ("exceptions: []", "exceptions:" + waiver(approved, expires, **kwargs))
    )


def test_approved_choice_exits_zero(tmp_path):
    path = template_with(tmp_path, BIG_GPU)
    run = check(path)
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines()[0] == (
        "example-org: 1 model choice (1 approved); 0 errors, 0 warnings — approved"
    )
    line, column = line_of(path, "- {model: gpt-oss-20b")
    assert (
        f"internal-search/gpt-oss-20b/on-prem (primary) at {path}:{line}:{column + 2}: approved"
        in run.stdout
    )


def test_rejected_choice_points_at_the_offending_line(tmp_path):
    path = template_with(tmp_path, SMALL_GPU)
    run = check(path)
    assert run.code == 1
    line, column = line_of(path, "accelerator_memory_gb")
    assert (
        f"  {path}:{line}:{column}: error: GOV-TST-001: on-prem has 24 GB"
        in run.stdout.splitlines()
    )
    assert "    fix: Use an accelerator with at least 40 GB." in run.stdout
    assert "— rejected" in run.stdout.splitlines()[0]


def test_warning_only_is_approved_with_conditions_and_gates_on_fail_on(tmp_path):
    path = template_with(tmp_path, BIG_GPU, ("purpose: Answer", "purpose: DRAFT Answer"))
    run = check(path)
    assert run.code == 0
    assert ": approved-with-conditions" in run.stdout
    assert "warning: GOV-TST-002: purpose is a draft" in run.stdout
    assert check(path, "--fail-on", "warning").code == 1
    assert check(path, "--fail-on", "never").code == 0


def test_obligation_is_a_condition_not_a_failure(tmp_path):
    path = template_with(
        tmp_path, BIG_GPU, ("distribution: internal", "distribution: hosted-service")
    )
    run = check(path, "--fail-on", "warning")
    assert run.code == 0
    assert "info: GOV-TST-003: publish the notice" in run.stdout
    assert ": approved-with-conditions" in run.stdout


def test_waiver_in_force_waives_the_error(tmp_path):
    path = with_waiver(tmp_path, "2026-11-01", "2027-01-31")
    run = check(path)
    assert run.code == 0, run.stdout
    assert ": waived" in run.stdout
    assert "GOV-TST-001: on-prem has 24 GB [waived by WVR-1]" in run.stdout


def test_waiver_expiry_at_injected_clock(tmp_path):
    path = with_waiver(tmp_path, "2026-11-01", "2026-11-30")
    assert check(path).code == 0  # --now 2026-11-24: in force
    on_expiry_day = governance(
        "check", path, "--no-builtin", "--policy", POLICY, "--now", "2026-11-30T23:59:59Z"
    )
    assert on_expiry_day.code == 0  # inclusive
    after = governance("check", path, "--no-builtin", "--policy", POLICY, "--now", "2026-12-01")
    assert after.code == 1
    line, column = line_of(path, "expires_on:")
    assert (
        f"  {path}:{line}:{column}: warning: GOV-WVR-001: waiver WVR-1 expired on 2026-11-30; "
        "GOV-TST-001 stand(s) again"
    ) in after.stdout.splitlines()
    assert ": rejected" in after.stdout


def test_waiver_not_yet_in_force(tmp_path):
    path = with_waiver(tmp_path, "2026-12-01", "2027-01-31")
    run = check(path)
    assert run.code == 1
    assert "GOV-WVR-003: waiver WVR-1 is in force only from 2026-12-01" in run.stdout


def test_stale_waiver_is_an_organization_warning(tmp_path):
    path = template_with(
        tmp_path, BIG_GPU, ("exceptions: []", "exceptions:" + waiver("2026-11-01", "2027-01-31"))
    )
    run = check(path)
    assert run.code == 0
    line, column = line_of(path, "- id: WVR-1")
    assert "organization:" in run.stdout
    assert (
        f"  {path}:{line}:{column + 2}: warning: GOV-WVR-002: waiver WVR-1 is in force but "
        "matches no finding (rules GOV-TST-001)"
    ) in run.stdout.splitlines()
    assert check(path, "--fail-on", "warning").code == 1


def test_waiver_scope_must_match_the_choice(tmp_path):
    path = with_waiver(
        tmp_path, "2026-11-01", "2027-01-31", scope="model: gpt-oss-20b, deployment: on-prem"
    )
    assert ": waived" in check(path).stdout
    other = template_with(
        tmp_path,
        (
            "exceptions: []",
            "exceptions:" + waiver("2026-11-01", "2027-01-31", rules="[GOV-TST-002]"),
        ),
    )
    run = check(other)
    assert run.code == 1 and ": rejected" in run.stdout and "GOV-WVR-002" in run.stdout


def test_organization_level_finding(tmp_path):
    path = template_with(
        tmp_path, BIG_GPU, ("monthly_active_users: 20000", "monthly_active_users: 2000000")
    )
    run = check(path, "--fail-on", "warning")
    assert run.code == 1
    line, column = line_of(path, "monthly_active_users:")
    assert f"  {path}:{line}:{column}: warning: GOV-TST-004: many users" in run.stdout.splitlines()


def test_invalid_inventory_exits_two(tmp_path):
    path = template_with(tmp_path, ("access_class: open-weight", "access_class: open"))
    run = check(path)
    assert run.code == 2 and run.stdout == ""
    line, column = line_of(path, "access_class:")
    assert run.stderr.startswith(f"{path}:{line}:{column}: error: /models/0/access_class:")


@pytest.mark.parametrize("now", ["yesterday", "2026-13-01"])
def test_bad_clock_exits_two(tmp_path, now):
    run = governance("check", template_with(tmp_path), "--now", now)
    assert run.code == 2
    assert run.stderr.strip() == f"governance: error: --now {now!r} is not an ISO-8601 date or time"


def test_policy_syntax_error_exits_two_with_location(tmp_path):
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "broken.rego").write_text(
        "package governance.rules.broken\n\ndeny contains x if {\n", "utf-8"
    )
    run = governance("check", template_with(tmp_path), "--policy", policies, "--now", "2026-11-24")
    assert run.code == 2
    assert run.stderr.startswith(f"{policies / 'broken.rego'}:")
    assert "policy error:" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_bad_inventory_is_reported_before_a_bad_policy(tmp_path):
    # the policies are loaded while the inventory is read; the inventory's problems still
    # come first, and alone, as when one was read after the other
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "broken.rego").write_text("package governance.rules.broken\n\ndeny if {\n", "utf-8")
    path = template_with(tmp_path, ("access_class: open-weight", "access_class: open"))
    run = governance("check", path, "--policy", policies, "--now", "2026-11-24")
    assert run.code == 2
    line, column = line_of(path, "access_class:")
    assert run.stderr.startswith(f"{path}:{line}:{column}: error: /models/0/access_class:")
    assert "broken.rego" not in run.stderr


def test_unknown_engine_and_missing_path_exit_two(tmp_path):
    assert governance("check", template_with(tmp_path), "--engine", "wasm").code == 2
    run = governance("check", tmp_path / "nope.yaml")
    assert run.code == 2 and "no such file or directory" in run.stderr


def test_unreachable_opa_exits_three(tmp_path):
    run = governance(
        "check",
        template_with(tmp_path),
        "--engine",
        "opa",
        "--opa-url",
        "http://127.0.0.1:9",
        "--opa-retries",
        "0",
        "--opa-timeout",
        "2",
    )
    assert run.code == 3
    assert run.stderr.strip() == (
        "governance: error: cannot reach OPA at http://127.0.0.1:9 (reach); is the server running?"
    )
    assert run.stdout == ""


def test_output_is_byte_identical_across_runs(tmp_path):
    path = with_waiver(tmp_path, "2026-11-01", "2026-11-20")
    first, second = check(path), check(path)
    assert first.stdout == second.stdout and first.stdout


def test_library_api_matches_the_cli(tmp_path):
    import datetime as dt

    import governance as gov

    path = template_with(tmp_path, SMALL_GPU)
    report = gov.check(
        [path],
        gov.EvaluationSettings(
            policy_dirs=(POLICY,),
            builtin=False,
            now=dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc),
        ),
    )
    assert report.exit_code("error") == 1
    assert [(d.id, d.decision) for d in report.decisions] == [
        ("internal-search/gpt-oss-20b/on-prem", "rejected")
    ]
    finding = report.decisions[0].findings[0]
    assert (finding.rule, finding.severity, finding.title) == (
        "GOV-TST-001",
        "error",
        "Accelerator too small",
    )
    assert json.dumps(report.as_dict())  # serialisable
