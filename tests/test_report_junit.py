"""`-o junit`: one testsuite per policy area, one testcase per (model choice, rule), read back
with junitparser the way a CI dashboard reads it.

Goldens: tests/golden/<example>/junit.xml, from `governance check examples/<example>
--now 2026-11-24 -o junit=...` at the repository root; regenerate with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import replace

import pytest
from junitparser import Failure, JUnitXml, Properties, Skipped

from governance.evaluation.report import Comparison, Report
from governance.policy import load_policy_set
from governance.report import junit
from governance.report.formats import RenderContext
from tests.support.cli import governance
from tests.support.reports import EXAMPLES, NOW, assert_golden, clean_env, rendered, report_of


def parse(text: str) -> JUnitXml:
    return JUnitXml.fromstring(text.encode("utf-8"))


def cases(xml: JUnitXml):
    """(suite name, owner, rule id, testcase) for every testcase."""
    for suite in xml:
        for case in suite:
            owner, _, label = case.name.partition(" :: ")
            yield suite.name, owner, label.split(" ")[0], case


def properties(case) -> list[tuple[str, str]]:
    found = case.child(Properties)
    return [(p.name, p.value) for p in found] if found is not None else []


@pytest.mark.parametrize("example", EXAMPLES)
def test_matches_the_golden_file(example):
    assert_golden(example, "junit.xml", rendered(example)["junit"])


@pytest.mark.parametrize("example", EXAMPLES)
def test_byte_identical_across_two_runs(example):
    assert rendered(example, run=1)["junit"] == rendered(example)["junit"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_junitparser_counts_every_choice_and_rule_and_fails_the_open_errors(example):
    report = report_of(example)
    xml = parse(rendered(example)["junit"])
    rules_by_area = defaultdict(set)
    for rule_id, info in report.rules.items():
        rules_by_area[info.area].add(rule_id)
    organization_rules = defaultdict(set)
    for finding in report.organization_findings:
        organization_rules[report.rules[finding.rule].area].add(finding.rule)

    suites = {suite.name: suite for suite in xml}
    assert sorted(suites) == sorted(rules_by_area)
    for area, suite in suites.items():
        expected = len(report.decisions) * len(rules_by_area[area]) + len(organization_rules[area])
        assert suite.tests == expected
        declared = (suite.tests, suite.failures, suite.errors, suite.skipped)
        suite.update_statistics()  # junitparser's own count of what is inside
        assert (suite.tests, suite.failures, suite.errors, suite.skipped) == declared
        assert suite.timestamp == "2026-11-24T00:00:00Z"
    assert xml.tests == sum(s.tests for s in suites.values())
    assert xml.failures == sum(s.failures for s in suites.values())

    failed = {
        (owner, rule): (result.message, result.type)
        for _, owner, rule, case in cases(xml)
        for result in case.result
        if isinstance(result, Failure)
    }
    open_errors = {
        (f.choice or "organization", f.rule): (f.message, f.rule)
        for f in report.open_findings(("error",))
    }
    assert failed == open_errors
    assert bool(failed) == (report.exit_code("error") == 1)


def test_waived_errors_are_skipped_with_the_waiver():
    xml = parse(rendered("hybrid-startup")["junit"])
    skipped = {
        (owner, rule): result.message
        for _, owner, rule, case in cases(xml)
        for result in case.result
        if isinstance(result, Skipped)
    }
    waived = {
        (f.choice, f.rule): f"waived by {f.waived_by}"
        for f in report_of("hybrid-startup").all_findings
        if f.waived_by
    }
    assert (
        skipped
        == waived
        == {
            ("patient-help-chatbot/gpt-4o/openai-api-us", "GOV-SAF-002"): "waived by WVR-2026-007",
            ("patient-help-chatbot/gpt-oss-20b/eks-platform-us-east-1", "GOV-SAF-002"): (
                "waived by WVR-2026-007"
            ),
        }
    )


def test_warnings_and_obligations_are_testcase_properties_and_system_out():
    report = report_of("healthcare-provider")
    xml = parse(rendered("healthcare-provider")["junit"])
    shown = {
        (owner, rule, name, value)
        for _, owner, rule, case in cases(xml)
        for name, value in properties(case)
    }
    expected = {
        (
            f.choice or "organization",
            f.rule,
            {"warning": "warning", "info": "obligation"}[f.severity],
            f"{f.location}: {f.message}",
        )
        for f in report.all_findings
        if f.severity in ("warning", "info")
    }
    assert shown == expected
    overdue = next(
        case
        for _, owner, rule, case in cases(xml)
        if (owner, rule)
        == ("billing-inquiry-routing/gpt-35-turbo/aoai-eastus2-legacy", "GOV-OPS-002")
    )
    assert overdue.is_passed
    assert overdue.system_out.startswith(
        "examples/healthcare-provider/use-cases.yaml:139:60: warning: GOV-OPS-002: use case "
        "billing-inquiry-routing was due for review by 2026-08-31"
    )


def test_organization_findings_have_their_own_testcase():
    xml = parse(rendered("healthcare-provider")["junit"])
    organization = {
        (suite, rule): case.classname
        for suite, owner, rule, case in cases(xml)
        if owner == "organization"
    }
    assert organization == {
        ("operations", "GOV-OPS-006"): "governance.operations",
        ("operations", "GOV-OPS-007"): "governance.operations",
    }


def test_names_carry_choice_rule_and_title():
    xml = parse(rendered("eu-bank")["junit"])
    names = [case.name for _, _, _, case in cases(xml)]
    assert len(names) == len(set(names))
    suite = next(s for s in xml if s.name == "residency")
    first = next(iter(suite))
    assert first.classname == "governance.residency"
    assert first.name.endswith(
        " :: GOV-RES-001 Processing location outside what the data classification allows"
    )


def _one_choice(report: Report, choice_id: str, message: str) -> Report:
    decision = report.decisions[0]
    finding = replace(
        decision.findings[0], choice=choice_id, severity="error", message=message, waived_by=None
    )
    return replace(
        report,
        decisions=[replace(decision, id=choice_id, findings=(finding,), decision="rejected")],
        organization_findings=[],
    )


def test_markup_and_characters_xml_forbids_survive_a_real_parser():
    choice = "uc\x07<&>\"'/m\td/x"
    message = "a ]]> b <script>alert(1)</script> & \x1b[31m\r\nnext \ud800 line"
    text = junit.render(_one_choice(report_of("hybrid-startup"), choice, message), RenderContext())
    ET.fromstring(text.encode("utf-8"))  # well-formed for the standard library as well
    xml = parse(text)
    failures = [
        (case.name, result.message)
        for _, _, _, case in cases(xml)
        for result in case.result
        if isinstance(result, Failure)
    ]
    assert len(failures) == 1
    name, parsed = failures[0]
    assert name.startswith("uc\\x07<&>\"'/m\td/x :: ")  # controls shown, as in every format
    assert parsed == "a ]]> b <script>alert(1)</script> & \\x1b[31m\\r\\nnext \\ud800 line"
    assert "\x07" not in text and "\x1b" not in text


def test_a_rule_missing_from_the_catalogue_gets_the_area_of_its_id():
    report = report_of("hybrid-startup")
    decision = report.decisions[0]
    stray = replace(decision.findings[0], rule="GOV-ZZZ-001", severity="error", title="Stray")
    report = replace(
        report, decisions=[replace(decision, findings=(stray,)), *report.decisions[1:]]
    )
    xml = parse(junit.render(report, RenderContext()))
    suite = next(s for s in xml if s.name == "zzz")
    assert suite.tests == len(report.decisions)
    assert suite.failures == 1
    assert any(c.name == f"{decision.id} :: GOV-ZZZ-001 Stray" for c in suite)


def test_comparison_new_errors_fail_baselined_and_unchanged_ones_are_skipped():
    report = report_of("hybrid-startup")
    rejected = [d for d in report.decisions if d.decision == "rejected"]
    added, baselined, unchanged = rejected[0], rejected[1], rejected[2]
    status = {added.id: "new", baselined.id: "baselined", unchanged.id: "unchanged"}
    change = {added.id: "added", baselined.id: "changed"}
    decisions = [
        replace(
            d,
            change=change.get(d.id, "unchanged"),
            findings=tuple(replace(f, status=status.get(d.id, "unchanged")) for f in d.findings),
        )
        for d in report.decisions
    ]
    resolved = replace(report.decisions[0].findings[0], rule="GOV-RES-001", message="gone")
    report = replace(
        report,
        decisions=decisions,
        comparison=Comparison(
            kind="git",
            base="origin/main",
            reevaluated=["policies changed (added x.rego): every model choice was re-evaluated"],
            removed=[replace(report.decisions[-1], id="old/m/d")],
            resolved=[resolved],
        ),
    )
    xml = parse(junit.render(report, RenderContext()))
    outcomes = defaultdict(set)
    changes = defaultdict(set)
    for _, owner, _, case in cases(xml):
        for result in case.result:
            outcomes[owner].add(
                (type(result).__name__, result.message if not isinstance(result, Failure) else "")
            )
        changes[owner].update(v for n, v in properties(case) if n == "change")
    assert {kind for kind, _ in outcomes[added.id]} == {"Failure"}
    assert outcomes[baselined.id] == {("Skipped", "baselined")}
    assert outcomes[unchanged.id] == {("Skipped", "unchanged since the base")}
    assert changes[added.id] == {"added"} and changes[baselined.id] == {"changed"}
    assert not changes[unchanged.id]
    assert xml.failures == sum(
        1 for f in added.findings if f.severity == "error" and not f.waived_by
    )

    for suite in xml:
        suite_properties = [(p.name, p.value) for p in suite.properties()]
        assert ("comparison.base", "origin/main") in suite_properties
        assert ("removed", "old/m/d") in suite_properties
        assert (("resolved", f"{resolved.choice} :: GOV-RES-001: gone") in suite_properties) == (
            suite.name == "residency"
        )


def test_without_a_comparison_the_suites_state_only_the_policy_sources():
    assert '<properties>\n      <property name="comparison' not in rendered("eu-bank")["junit"]
    suites = parse(rendered("eu-bank")["junit"])
    assert all(
        [(p.name, p.value) for p in s.properties()]
        == [("policies", f"built-in ({len(load_policy_set().rules)} rules)")]
        for s in suites
    )


def test_junit_on_stdout_is_the_same_document_as_in_a_file():
    run = governance("check", "examples/eu-bank", *NOW, "-o", "junit", env=clean_env())
    assert run.code == 1
    assert run.stdout == rendered("eu-bank")["junit"]
