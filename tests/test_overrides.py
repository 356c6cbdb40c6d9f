"""Rule overrides ([rules."GOV-XXX-NNN"] in governance.toml) in every format, and the policy
sources every report states (with a warning for the organization's rules left out)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.cli import governance
from tests.support.configrepo import CONFIG, config_repo
from tests.support.gitrepo import commit

NOW = ("--now", "2026-11-24")
MODERATION = "          - {control: content-moderation, owner: org, implemented: true}\n"
OVERRIDE = (
    '\n[rules."GOV-SAF-001"]\nseverity = "warning"\n'
    'justification = "Moderation rollout tracked in SEC-1234"\n'
)
FORMATS = {"json": "json", "sarif": "sarif", "junit": "xml", "markdown": "md", "html": "html"}


def _without_moderation_on_prem(repo: Path) -> None:
    """The on-prem deployment loses its content moderation: GOV-SAF-001 (an error) fires."""
    models = repo / "inventory" / "models.yaml"
    models.write_text(models.read_text("utf-8").replace(MODERATION, "", 1), "utf-8")
    commit(repo, "no moderation on on-prem")


def _reports(repo: Path, out: Path, *extra: str):
    outputs = [a for name, ext in FORMATS.items() for a in ("-o", f"{name}={out}/r.{ext}")]
    run = governance("check", *NOW, "-o", "text", *outputs, *extra, cwd=repo)
    return run, {name: (out / f"r.{ext}").read_text("utf-8") for name, ext in FORMATS.items()}


@pytest.fixture(scope="module")
def overridden(tmp_path_factory):
    root = tmp_path_factory.mktemp("overrides")
    repo = config_repo(root / "repo", config=CONFIG + OVERRIDE)
    _without_moderation_on_prem(repo)
    (root / "with").mkdir()
    (root / "without").mkdir()
    return _reports(repo, root / "with"), _reports(
        repo, root / "without", "inventory", "--no-config"
    )


def _saf(report: dict) -> list[dict]:
    return [f for d in report["decisions"] for f in d["findings"] if f["rule"] == "GOV-SAF-001"]


def test_json_has_the_effective_and_original_severity_and_the_justification(overridden):
    (_, with_), (_, without) = overridden
    report, before = json.loads(with_["json"]), json.loads(without["json"])
    assert {f["severity"] for f in _saf(before)} == {"error"}
    assert {f["severity"] for f in _saf(report)} == {"warning"}
    justification = "Moderation rollout tracked in SEC-1234"
    assert [f["override"] for f in _saf(report)] == [
        {"original_severity": "error", "justification": justification}
    ] * len(_saf(report))
    assert report["evidence"]["config"]["overrides"] == [
        {
            "rule": "GOV-SAF-001",
            "severity": "warning",
            "enabled": True,
            "justification": "Moderation rollout tracked in SEC-1234",
        }
    ]
    decisions = {d["id"]: d["decision"] for d in report["decisions"]}
    was = {d["id"]: d["decision"] for d in before["decisions"]}
    assert was["internal-search/gpt-oss-20b/on-prem"] == "rejected"
    assert decisions["internal-search/gpt-oss-20b/on-prem"] == "approved-with-conditions"


def test_sarif_records_the_override_and_the_result_level(overridden):
    (_, with_), _ = overridden
    run = json.loads(with_["sarif"])["runs"][0]
    levels = {r["level"] for r in run["results"] if r["ruleId"] == "GOV-SAF-001"}
    assert levels == {"warning"}
    (override,) = run["invocations"][0]["ruleConfigurationOverrides"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[override["descriptor"]["index"]]["id"] == "GOV-SAF-001"
    assert override["configuration"] == {
        "enabled": True,
        "level": "warning",
        "properties": {"justification": "Moderation rollout tracked in SEC-1234"},
    }


def test_junit_markdown_html_and_text_show_it(overridden):
    (run, with_), (plain, without) = overridden
    cases = ET.fromstring(with_["junit"]).iter("testcase")
    saf = [c for c in cases if "GOV-SAF-001" in c.get("name")]
    assert saf and not any(c.find("failure") is not None for c in saf)  # a warning: no failure
    before = ET.fromstring(without["junit"]).iter("testcase")
    assert any(c.find("failure") is not None for c in before if "GOV-SAF-001" in c.get("name"))
    assert (
        '<property name="override" value="GOV-SAF-001: severity warning (Moderation rollout'
        in with_["junit"]
    )
    assert "(overridden from error: Moderation rollout tracked in SEC-1234)" in with_["markdown"]
    assert (
        "### Rule overrides\n\n| Rule | Override | Justification |\n|---|---|---|\n"
        "| GOV-SAF-001 | severity warning | Moderation rollout tracked in SEC-1234 |"
    ) in with_["markdown"]
    assert '<span class="tag">overridden from error</span>' in with_["html"]
    assert "<caption>Rule overrides (1)</caption>" in with_["html"]
    assert "warning: GOV-SAF-001: " in run.stdout and "[overridden: error -> warning]" in run.stdout
    assert "override: GOV-SAF-001: severity warning (Moderation rollout" in run.stdout
    assert "overridden" not in plain.stdout


def test_a_disabled_rule_has_no_findings(tmp_path):
    off = '\n[rules."GOV-SAF-001"]\nenabled = false\njustification = "Piloting"\n'
    repo = config_repo(tmp_path / "repo", config=CONFIG + off)
    _without_moderation_on_prem(repo)
    run = governance("check", *NOW, "-o", "json", cwd=repo)
    assert _saf(json.loads(run.stdout)) == []


def test_every_report_states_its_policy_sources(tmp_path):
    repo = config_repo(tmp_path / "repo")
    run = governance("check", *NOW, cwd=repo)
    line = next(x for x in run.stdout.splitlines() if x.startswith("policies: "))
    assert line.startswith("policies: built-in (") and line.endswith(" + policies/ (1 rule)")
    assert "GOV-CFG-001" not in run.stdout and "warning" not in run.stderr


def test_an_unconfigured_policy_directory_is_reported(tmp_path):
    repo = config_repo(tmp_path / "repo", config=None)
    run = governance("check", "inventory", *NOW, "-o", "json", cwd=repo)
    expected = (
        "policies/ holds governance.rules.* policies (1 rule) that this check does not "
        'evaluate: set policy = ["policies"] in governance.toml (or pass --policy policies)'
    )
    assert f"governance: warning: policies/retired.rego:1:1: {expected}" in run.stderr
    report = json.loads(run.stdout)
    (finding,) = report["organization_findings"]
    assert (finding["rule"], finding["severity"], finding["message"]) == (
        "GOV-CFG-001",
        "warning",
        expected,
    )
    assert [s["source"] for s in report["evidence"]["policy_sources"]] == ["built-in"]
    given = governance("check", "inventory", *NOW, "--policy", "policies", cwd=repo)
    assert "GOV-CFG-001" not in given.stdout + given.stderr


def test_custom_rules_say_where_they_come_from_in_every_catalogue(tmp_path):
    repo = config_repo(tmp_path / "repo")
    out = tmp_path / "out"
    out.mkdir()
    run = governance(
        "check",
        *NOW,
        "-o",
        f"json={out}/r.json",
        "-o",
        f"sarif={out}/r.sarif",
        "-o",
        f"html={out}/r.html",
        cwd=repo,
    )
    assert run.code == 1, run.stderr
    rules = json.loads((out / "r.json").read_text())["rules"]
    assert rules["GOV-ORG-001"]["origin"] == "custom (policies/)"
    assert "origin" not in rules["GOV-CAT-009"]
    driver = json.loads((out / "r.sarif").read_text())["runs"][0]["tool"]["driver"]
    origins = {r["id"]: r["properties"].get("origin") for r in driver["rules"]}
    assert (origins["GOV-ORG-001"], origins["GOV-CAT-009"]) == ("custom (policies/)", None)
    assert '<span class="tag">custom (policies/)</span>' in (out / "r.html").read_text()
    catalogue = governance("policy", "doc", cwd=repo).stdout
    assert "| remediation | origin |" in catalogue
    assert "| Remove the use case. | custom (policies/) |" in catalogue
