"""Waiver integrity: a waiver approved by the owner of what it waives does not apply (the
finding stands and a finding at the waiver says why), and a stale waiver names a finding of
its rules just outside its scope."""

from __future__ import annotations

import datetime as dt

import governance
from tests.support.cli import line_of, template_with

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)

# The starter inventory is clean: a denied licence (GOV-LIC-003, an error) gives a waiver
# something to waive.
DENY = ("denied_licenses: [cc-by-nc-4.0]", "denied_licenses: [cc-by-nc-4.0, apache-2.0]")


def _waiver(approver: str, use_case: str = "internal-search") -> str:
    return f"""
  - id: WVR-1
    scope: {{use_case: {use_case}}}
    rules: [GOV-LIC-003]
    justification: Legal accepted the Apache licence for this use until the review.
    requested_by: {{name: Grace Hopper, email: grace@example.org}}
    approver: {approver}
    approved_on: 2026-11-01
    expires_on: 2027-01-31
"""


def _check(tmp_path, approver: str, use_case: str = "internal-search"):
    path = template_with(
        tmp_path, DENY, ("exceptions: []", "exceptions:"), extra=_waiver(approver, use_case)
    )
    return path, governance.check([path], now=NOW)


def test_a_waiver_approved_by_the_use_case_owner_does_not_apply(tmp_path):
    path, report = _check(tmp_path, "{name: Ada Lovelace, email: ADA@example.org}")
    (decision,) = report.decisions
    assert decision.decision == "rejected"
    denied = [f for f in decision.findings if f.rule == "GOV-LIC-003"]
    assert denied and all(f.waived_by is None for f in denied)
    (why,) = [f for f in decision.findings if f.rule == "GOV-WVR-004"]
    assert why.severity == "warning"
    assert why.message == (
        "waiver WVR-1 does not apply: Ada Lovelace owns use case internal-search, and an "
        "approver must be independent of the requester and of the owner of what is waived; "
        "GOV-LIC-003 stand(s)"
    )
    line, _ = line_of(path, "approver: {name: Ada Lovelace")
    assert (why.location.path.endswith("inventory.yaml"), why.location.line) == (True, line)
    assert why.pointer == "/exceptions/0/approver"
    (status,) = report.waivers
    assert status.used is False


def test_an_independent_approver_waives(tmp_path):
    _, report = _check(tmp_path, "{name: Alan Turing, email: alan@example.org, role: CISO}")
    (decision,) = report.decisions
    assert decision.decision == "waived"
    assert not [f for f in decision.findings if f.rule == "GOV-WVR-004"]


def test_a_stale_waiver_names_the_finding_just_outside_its_scope(tmp_path):
    spare = (
        "    deployments:\n",
        "    deployments:\n      - id: spare\n        mode: self-hosted\n        operator: org\n"
        "        processing_locations: [us-east-1]\n",
    )
    path = template_with(
        tmp_path,
        DENY,
        spare,
        ("exceptions: []", "exceptions:"),
        extra=_waiver("{name: Alan Turing, email: alan@example.org}").replace(
            "scope: {use_case: internal-search}", "scope: {model: gpt-oss-20b, deployment: spare}"
        ),
    )
    report = governance.check([path], now=NOW)
    (stale,) = [f for f in report.organization_findings if f.rule == "GOV-WVR-002"]
    assert stale.message == (
        "waiver WVR-1 is in force but matches no finding (rules GOV-LIC-003); a GOV-LIC-003 "
        "finding exists for internal-search/gpt-oss-20b/on-prem, outside its scope "
        "(model gpt-oss-20b, deployment spare)"
    )
