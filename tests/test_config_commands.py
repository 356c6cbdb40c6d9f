"""Every command honours governance.toml: after `init` and `policy new`, the organization's
rule applies everywhere without a single --policy flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import governance
from tests.support.gitrepo import commit, edit, git, init_repo

NOW = ("--now", "2026-11-24")
TAGGED = "data_categories: [none]\n    purpose_tags: [retired-example]"


@pytest.fixture(scope="module")
def initialized(tmp_path_factory) -> Path:
    """A fresh repository after `governance init` (committed on main), then on a branch:
    `policy new retired --area ORG` and a use case it rejects (not committed)."""
    repo = init_repo(tmp_path_factory.mktemp("org") / "repo")
    run = governance("init", cwd=repo)
    assert run.code == 0, run.stderr
    assert "wrote" in run.stdout and (repo / "governance.toml").is_file()
    commit(repo, "governance init")
    git(repo, "checkout", "-q", "-b", "retire")
    made = governance("policy", "new", "retired", "--area", "ORG", cwd=repo)
    assert made.stdout.splitlines() == [
        f"wrote {repo / 'policies' / 'retired.rego'}",
        f"wrote {repo / 'policies' / 'retired_test.rego'}",
    ]
    edit(repo / "inventory.yaml", "data_categories: [none]", TAGGED)
    return repo


def test_init_writes_a_commented_config_and_a_workflow_relying_on_it(initialized):
    config = (initialized / "governance.toml").read_text("utf-8")
    assert 'paths = ["inventory.yaml"]\n' in config
    assert 'policy = ["policies"]\n' in config
    assert '# [rules."GOV-SAF-001"]' in config
    workflow = (initialized / ".github" / "workflows" / "model-governance.yml").read_text()
    assert "paths:" not in workflow and "governance.toml" in workflow


def test_check_applies_the_new_rule_from_any_directory(initialized):
    (initialized / "docs").mkdir(exist_ok=True)
    run = governance("check", *NOW, cwd=initialized / "docs")
    assert run.code == 1
    assert "error: GOV-ORG-001: use case internal-search is tagged 'retired-example'" in run.stdout


def test_check_base_applies_it_as_a_new_finding(initialized):
    run = governance("check", "--base", "main", *NOW, "-o", "json", cwd=initialized)
    assert run.code == 1, run.stderr
    report = json.loads(run.stdout)
    new = [f["rule"] for d in report["decisions"] for f in d["findings"] if f["status"] == "new"]
    assert new == ["GOV-ORG-001"]


def test_baseline_records_it(initialized, tmp_path):
    target = tmp_path / "baseline.json"
    run = governance("baseline", "create", *NOW, "-o", target, cwd=initialized)
    assert run.code == 0, run.stderr
    assert "GOV-ORG-001" in {e["rule"] for e in json.loads(target.read_text())["findings"]}


def test_explain_knows_the_rule_and_its_origin(initialized):
    run = governance("explain", "GOV-ORG-001", cwd=initialized)
    assert run.code == 0, run.stderr
    assert "Origin: custom (policies/)" in run.stdout.splitlines()


def test_verify_uses_the_config_and_detects_that_it_changed(initialized, tmp_path):
    saved = tmp_path / "report.json"
    governance("check", *NOW, "-o", f"json={saved}", cwd=initialized)
    run = governance("verify", saved, cwd=initialized)
    assert run.code == 0, run.stdout + run.stderr
    config = initialized / "governance.toml"
    before = config.read_text("utf-8")
    try:
        config.write_text(
            before + '\n[rules."GOV-ORG-001"]\nseverity = "warning"\njustification = "pilot"\n'
        )
        run = governance("verify", saved, cwd=initialized)
    finally:
        config.write_text(before)
    assert run.code == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith("configuration changed: governance.toml (sha256 ")
    assert lines[1] == "rule override changed: GOV-ORG-001: none -> severity warning"
    assert "decision changed: internal-search/gpt-oss-20b/on-prem: rejected -> " in run.stdout


def test_policy_commands_default_to_the_configured_directory(initialized):
    tested = governance("policy", "test", "--no-builtin", cwd=initialized)
    assert tested.code == 0 and tested.stdout.endswith("2 passed, 0 failed\n"), tested.stdout
    linted = governance("policy", "check", cwd=initialized)
    assert linted.code == 0 and linted.stdout == "0 errors, 0 warnings\n"
    catalogue = governance("policy", "doc", "--format", "json", cwd=initialized)
    assert "GOV-ORG-001" in {r["id"] for r in json.loads(catalogue.stdout)["rules"]}


def test_explain_shows_a_hostile_justification_inert(tmp_path):
    (tmp_path / "governance.toml").write_text(
        '[rules."GOV-SAF-001"]\nseverity = "warning"\n'
        'justification = "ok\\n::error::pwned \\u001b[31mred"\n',
        "utf-8",
    )
    run = governance("explain", "GOV-SAF-001", cwd=tmp_path)
    assert run.code == 0, run.stderr
    override = [line for line in run.stdout.splitlines() if line.startswith("Override:")]
    assert override == [
        "Override: severity warning by governance.toml:1 (ok ::error::pwned \\x1b[31mred)"
    ]
    assert "\x1b" not in run.stdout
    assert not any(line.startswith("::") for line in run.stdout.splitlines())
