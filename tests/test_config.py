"""governance.toml: found upward to the repository's top, strict, overridden by flags."""

from __future__ import annotations

import json
import shlex

import pytest
import tomli
import tomllib
import yaml

from governance.config import _toml_error
from tests.support.cli import REPO, governance
from tests.support.configrepo import CONFIG, RETIRED_RULE, config_repo

NOW = ("--now", "2026-11-24")


def _rules(run) -> set[str]:
    report = json.loads(run.stdout)
    return {f["rule"] for d in report["decisions"] for f in d["findings"]}


def test_check_reads_paths_and_policies_from_the_nearest_config(tmp_path):
    repo = config_repo(tmp_path / "repo")
    run = governance("check", *NOW, "-o", "json", cwd=repo / "inventory")
    assert run.code == 1, run.stderr
    assert "GOV-ORG-001" in _rules(run)
    report = json.loads(run.stdout)
    assert report["evidence"]["config"]["path"] == "../governance.toml"


def test_pyproject_tool_governance_table_works_the_same(tmp_path):
    repo = config_repo(tmp_path / "repo", config=None)
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.governance]\n' + CONFIG, "utf-8"
    )
    run = governance("check", *NOW, "-o", "json", cwd=repo)
    assert "GOV-ORG-001" in _rules(run)


def test_flags_override_the_file_and_no_config_ignores_it(tmp_path):
    repo = config_repo(tmp_path / "repo", config=CONFIG + 'fail_on = "never"\n')
    assert governance("check", *NOW, cwd=repo).code == 0
    assert governance("check", *NOW, "--fail-on", "error", cwd=repo).code == 1
    flagged = governance("check", "inventory", *NOW, "--policy", "nothing-here", cwd=repo)
    assert flagged.code == 2
    assert "nothing-here: no such policy directory" in flagged.stderr
    bare = governance("check", "inventory", *NOW, "-o", "json", "--no-config", cwd=repo)
    assert "GOV-ORG-001" not in _rules(bare)
    assert "config" not in json.loads(bare.stdout)["evidence"]
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('paths = ["repo/inventory"]\n', "utf-8")
    explicit = governance("check", *NOW, "-o", "json", "--config", elsewhere, cwd=tmp_path)
    assert "GOV-ORG-001" not in _rules(explicit)
    assert json.loads(explicit.stdout)["evidence"]["config"]["path"] == "elsewhere.toml"


def test_the_search_stops_at_the_repository_top(tmp_path):
    (tmp_path / "governance.toml").write_text('policy = ["nowhere"]\n', "utf-8")
    repo = config_repo(tmp_path / "repo", config=None)
    run = governance("check", "inventory", *NOW, "-o", "json", cwd=repo)
    assert run.code == 1 and "config" not in json.loads(run.stdout)["evidence"]
    missing = governance("check", *NOW, cwd=repo)
    assert missing.code == 2
    assert "check: no PATHS given and no configured inventories" in missing.stderr


def test_unknown_keys_wrong_types_and_bad_values_are_located(tmp_path):
    text = CONFIG + 'fail_on = "warnings"\nengin = "opa"\n\n[opa]\ntimeout = "ten"\n'
    repo = config_repo(tmp_path / "repo", config=text)
    run = governance("check", *NOW, cwd=repo)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "governance.toml:3:11: error: fail_on 'warnings' is not one of error, warning, never",
        "governance.toml:4:1: error: unknown key 'engin' (allowed: baseline, data, engine, "
        "extensions_schema, fail_on, opa, outputs, paths, policy, rules)",
        'governance.toml:7:11: error: opa.timeout must be a number, not the string "ten"',
    ]


def test_invalid_toml_is_located(tmp_path):
    repo = config_repo(tmp_path / "repo", config='paths = ["inventory"\n')
    run = governance("validate", cwd=repo)
    assert run.code == 2
    assert run.stderr.startswith("governance.toml:2:1: error: not valid TOML: ")


def test_overrides_need_a_justification_and_a_known_rule(tmp_path):
    unjustified = CONFIG + '\n[rules."GOV-CAT-009"]\nseverity = "warning"\n'
    repo = config_repo(tmp_path / "one", config=unjustified)
    run = governance("check", *NOW, cwd=repo)
    assert run.code == 2
    assert run.stderr.startswith(
        "governance.toml:4:8: error: the override of GOV-CAT-009 has no justification (say why"
    )
    unknown = CONFIG + '\n[rules."GOV-CAT-999"]\nenabled = false\njustification = "typo"\n'
    repo = config_repo(tmp_path / "two", config=unknown)
    run = governance("check", *NOW, cwd=repo)
    assert run.code == 2
    assert run.stderr.startswith(
        "governance.toml:4:8: error: rules.GOV-CAT-999: no rule 'GOV-CAT-999' in the policies "
        "in force (check the id"
    )


def test_check_base_reads_the_configuration_as_it_was_at_the_base(tmp_path):
    repo = config_repo(tmp_path / "repo")
    (repo / "governance.toml").write_text(
        CONFIG + '\n[rules."GOV-CAT-009"]\nenabled = false\njustification = "GPU swap in Q1"\n'
    )
    run = governance("check", "--base", "main", *NOW, "-o", "json", cwd=repo)
    comparison = json.loads(run.stdout)["comparison"]
    # at main GOV-CAT-009 was on (two findings); switching it off resolves them
    assert [f["rule"] for f in comparison["resolved"]] == ["GOV-CAT-009", "GOV-CAT-009"]


def test_the_pre_commit_hooks_run_as_written_with_the_config(tmp_path):
    repo = config_repo(tmp_path / "repo")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    codes = {}
    for hook in hooks:
        program, *args = shlex.split(hook["entry"])
        assert program == "governance"
        codes[hook["id"]] = governance(*args, cwd=repo).code
    assert codes == {"governance-validate": 0, "governance-check": 0}  # nothing new vs HEAD


def test_a_bundle_carries_the_organizations_policies_and_overrides(tmp_path):
    override = '\n[rules."GOV-CAT-009"]\nseverity = "warning"\njustification = "GPU swap in Q1"\n'
    repo = config_repo(tmp_path / "repo", config=CONFIG + override)
    built = governance("bundle", "build", "-o", tmp_path / "org.tar.gz", cwd=repo)
    assert built.code == 0, built.stderr
    run = governance(
        "check",
        "inventory",
        "--no-config",
        "--bundle",
        tmp_path / "org.tar.gz",
        *NOW,
        "-o",
        "json",
        cwd=repo,
    )
    report = json.loads(run.stdout)
    findings = [f for d in report["decisions"] for f in d["findings"]]
    assert {(f["rule"], f["severity"]) for f in findings} == {
        ("GOV-ORG-001", "error"),
        ("GOV-CAT-009", "warning"),
    }
    assert report["evidence"]["config"]["overrides"] == [
        {
            "rule": "GOV-CAT-009",
            "severity": "warning",
            "enabled": True,
            "justification": "GPU swap in Q1",
        }
    ]


def test_policy_diff_reads_the_configured_data(tmp_path):
    rule = RETIRED_RULE.replace(
        'c.use_case.id == "legacy-tagging"', "c.use_case.id in data.org.retired"
    )
    repo = config_repo(tmp_path / "repo", config=CONFIG + 'data = ["org.yaml"]\n', rule=rule)
    (repo / "org.yaml").write_text("org:\n  retired: [legacy-tagging]\n", "utf-8")
    (repo / "empty").mkdir()
    run = governance(
        "policy", "diff", "empty", "policies", "--inventory", "inventory", *NOW, cwd=repo
    )
    assert run.code == 0, run.stderr
    assert "legacy-tagging/gpt-oss-20b/small-gpu: approved -> rejected (+GOV-ORG-001)" in run.stdout


def test_report_writes_the_configured_outputs(tmp_path):
    repo = config_repo(tmp_path / "repo", config=CONFIG + 'outputs = ["markdown=out/summary.md"]\n')
    (repo / "out").mkdir()
    saved = tmp_path / "report.json"
    governance("check", *NOW, "-o", f"json={saved}", cwd=repo)
    run = governance("report", saved, cwd=repo)
    assert run.code == 0, run.stderr
    assert run.stderr == f"wrote {repo / 'out' / 'summary.md'}\n"
    assert "GOV-ORG-001" in (repo / "out" / "summary.md").read_text("utf-8")


@pytest.mark.parametrize("text", ['policy = ["a"\n', "[rules\n", 'x = "a\n', "a = 1\na = 2\n"])
def test_python_310s_toml_reader_gives_the_same_positions(text):
    """Python 3.10 reads governance.toml with tomli: its errors must locate like tomllib's."""
    places = []
    for reader in (tomllib, tomli):
        with pytest.raises(reader.TOMLDecodeError) as caught:
            reader.loads(text)
        places.append(_toml_error(str(caught.value), text))
    assert places[0] == places[1]
    assert "(at " not in places[0][2]  # the position was taken out of the message
