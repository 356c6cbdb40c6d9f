"""The GitHub Action (action.yml), its example workflow, and the pre-commit hooks.

The action's check step is run here as the runner would run it: its `env:` expressions are
filled in (inputs with their defaults, the pull request's base commit), and its `run:` script
is executed by bash in a temp git repository, with GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and
RUNNER_TEMP pointing at temp files. The install step (pip) and the third-party steps
(setup-python, upload-sarif) are not run: they need the network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest
import yaml

from governance import __version__
from governance.ci.action import output_entry
from tests.support.cli import REPO, governance
from tests.support.configrepo import CONFIG, config_repo
from tests.support.gitrepo import GIT_ENV, commit, git, init_repo, use_case, write_inventory

ACTION = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
README = (REPO / "README.md").read_text("utf-8")
INPUTS = {
    "paths",
    "discover",
    "policy",
    "data",
    "fail-on",
    "base-ref",
    "baseline",
    "formats",
    "output-dir",
    "upload-sarif",
    "sarif-category",
    "now",
    "python-version",
    "version",
}
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def step(step_id: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)


def test_action_is_a_composite_action_with_the_documented_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == INPUTS
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
        assert isinstance(spec.get("default", ""), str), name  # YAML 1.1: unquoted true is bool
        assert f"`{name}`" in README, f"input {name} is not documented in the README"
    for name in ACTION["outputs"]:
        assert f"`{name}`" in README, f"output {name} is not documented in the README"
    used = {
        m.group(1).removeprefix("inputs.")
        for s in ACTION["runs"]["steps"]
        for m in EXPRESSION.finditer(json.dumps(s))
        if m.group(1).startswith("inputs.")
    }
    assert used == INPUTS  # every input is used, and nothing undeclared is
    run_steps = [s for s in ACTION["runs"]["steps"] if "run" in s]
    assert all(s["shell"] == "bash" for s in run_steps)
    # Inputs reach scripts through env only (never pasted into the script: no injection).
    assert not any(EXPRESSION.search(s["run"]) for s in run_steps)
    assert '"${INPUT_VERSION:-$ACTION_PATH}"' in step("install")["run"]
    upload = next(s for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["if"].startswith("always() && inputs.upload-sarif == 'true'")
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif }}"


def test_the_example_workflow_and_init_use_the_action_with_real_inputs(tmp_path: Path):
    example = (REPO / "examples" / "github-workflow.yml").read_text("utf-8")
    assert f"```yaml\n{example}```" in README
    governance("init", str(tmp_path))
    written = (tmp_path / ".github" / "workflows" / "model-governance.yml").read_text("utf-8")
    version = __version__
    for text in (example, written):
        workflow = yaml.safe_load(text)
        steps = workflow["jobs"]["check"]["steps"]
        ours = [s for s in steps if s.get("uses", "").startswith("model-governance/")]
        assert len(ours) == 1
        assert ours[0]["uses"] == f"model-governance/model-governance@v{version}"
        assert set(ours[0].get("with") or {}) <= INPUTS
        assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True


# --- running the check step locally ---------------------------------------------------------


def run_check_step(repo: Path, tmp_path: Path, pr_base: str = "", **overrides: str):
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    inputs.update({name.replace("_", "-"): value for name, value in overrides.items()})
    known = {
        "steps.install.outputs.python": sys.executable,
        "github.event.pull_request.base.sha": pr_base,
        "github.action_path": str(REPO),
    }

    def value_of(match: re.Match) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        return known[expression]

    check = step("check")
    env = {**GIT_ENV, "PATH": os.environ["PATH"]}
    env.update({k: EXPRESSION.sub(value_of, str(v)) for k, v in check["env"].items()})
    summary, output, runner = tmp_path / "summary.md", tmp_path / "output.txt", tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    env.update(
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(output),
        GITHUB_WORKSPACE=str(repo),
        RUNNER_TEMP=str(runner),
        GITHUB_ACTIONS="true",
    )
    result = subprocess.run(
        ["bash", "-e", "-c", check["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    outputs = dict(
        line.split("=", 1) for line in output.read_text("utf-8").splitlines() if "=" in line
    )
    summary_text = summary.read_text("utf-8") if summary.exists() else ""
    return result, outputs, summary_text


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose branch adds one choice on the undersized deployment (a new
    violation) on top of main, which already has one (GOV-CAT-009 on small-gpu)."""
    repo = init_repo(tmp_path / "repo")
    write_inventory(repo / "inventory")
    base = commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "feature")
    with (repo / "inventory" / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write(use_case("ocr", "internal", "small-gpu:primary"))
    commit(repo, "add ocr")
    return repo, base


def test_on_a_pull_request_the_step_reports_and_fails_on_the_new_finding(pull_request, tmp_path):
    repo, base = pull_request
    result, outputs, summary = run_check_step(
        repo,
        tmp_path,
        pr_base=base,
        paths="inventory",
        now="2026-11-24",
        formats="json sarif junit",
    )
    assert result.returncode == 1, result.stderr
    assert summary.startswith(
        "This change adds 1 model choice: <code>ocr/gpt-oss-20b/small-gpu</code> rejected "
        "(GOV-CAT-009 at <code>inventory/models.yaml:28:44</code>; approved instead: "
        "<code>gpt-oss-20b</code> on <code>on-prem</code> (self-hosted, us-east-1))"
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1  # the old violation is not annotated again
    assert errors[0].startswith("::error file=inventory/models.yaml,line=28,col=44,")
    assert "ocr/gpt-oss-20b/small-gpu" in errors[0]
    report_dir = tmp_path / "runner" / "model-governance"
    assert outputs == {
        "verdict": "rejected",
        "exit-code": "1",
        "report-dir": str(report_dir),
        "markdown": str(report_dir / "report.md"),
        "json": str(report_dir / "report.json"),
        "sarif": str(report_dir / "report.sarif"),
        "junit": str(report_dir / "report.xml"),
    }
    sarif = json.loads(Path(outputs["sarif"]).read_text("utf-8"))
    states = sorted(r.get("baselineState") for r in sarif["runs"][0]["results"])
    assert states == ["new", "unchanged", "unchanged"]
    assert f"--base {base}" in result.stderr  # the command line is logged


def test_the_step_reads_governance_toml_when_no_inputs_are_given(tmp_path):
    repo = config_repo(tmp_path / "repo", config=CONFIG + 'fail_on = "never"\n')
    result, outputs, summary = run_check_step(repo, tmp_path, now="2026-11-24")
    assert result.returncode == 0, result.stderr  # fail_on from the file
    assert "governance check --now 2026-11-24 -o github" in result.stderr  # no paths, no flags
    assert "GOV-ORG-001" in summary
    assert outputs["verdict"] == "rejected"


def test_old_violations_pass_the_pull_request(pull_request, tmp_path):
    repo, base = pull_request
    result, outputs, summary = run_check_step(
        repo, tmp_path, pr_base=base, paths="inventory", fail_on="never"
    )
    assert result.returncode == 0
    assert outputs["verdict"] == "rejected"  # the new finding is still reported
    git(repo, "checkout", "-q", "main")
    result, outputs, summary = run_check_step(repo, tmp_path, pr_base=base, paths="inventory")
    assert result.returncode == 0, result.stdout
    assert outputs["verdict"] == "approved"
    assert summary.count("This change adds 0 model choices") == 1


def test_without_a_pull_request_everything_gates_unless_baselined(pull_request, tmp_path):
    repo, _ = pull_request
    git(repo, "checkout", "-q", "main")
    result, outputs, summary = run_check_step(repo, tmp_path, paths="inventory")
    assert result.returncode == 1
    assert outputs["verdict"] == "rejected"
    assert "This change adds" not in summary

    assert governance("baseline", "create", "inventory", cwd=repo).code == 0
    result, outputs, _ = run_check_step(
        repo, tmp_path, paths="inventory", baseline=".governance-baseline.json"
    )
    assert result.returncode == 0, result.stdout
    assert outputs["verdict"] == "approved"
    result, outputs, _ = run_check_step(
        repo, tmp_path, pr_base="HEAD", base_ref="none", paths="inventory"
    )
    assert result.returncode == 1  # base-ref none: no comparison even in a pull request


def test_a_shallow_checkout_gets_the_base_commit_fetched(pull_request, tmp_path):
    repo, base = pull_request
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "feature", f"file://{repo}", str(clone))
    result, _, summary = run_check_step(clone, tmp_path, pr_base=base, paths="inventory")
    assert f"fetching the base commit {base}" in result.stderr
    assert result.returncode == 1
    assert summary.startswith("This change adds 1 model choice:")


def test_an_invalid_inventory_is_reported_in_the_summary(pull_request, tmp_path):
    repo, base = pull_request
    (repo / "inventory" / "models.yaml").write_text("apiVersion: governance/v1\nmodels: 3\n")
    result, outputs, summary = run_check_step(repo, tmp_path, pr_base=base, paths="inventory")
    assert result.returncode == 2
    assert outputs["exit-code"] == "2"
    assert outputs["verdict"] == ""
    assert summary.startswith("**model-governance could not check the inventory** (exit code 2)")
    assert "inventory/models.yaml:2:" in summary


# --- pre-commit -----------------------------------------------------------------------------


def test_pre_commit_hooks_point_at_real_commands():
    scripts = {e.name for e in distribution("model-governance").entry_points}
    assert [h["id"] for h in HOOKS] == ["governance-validate", "governance-check"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False  # a use case refers to models in other files
        program, *args = hook["entry"].split()
        assert program in scripts
        assert governance(*args, "--help").code == 0
        assert re.search(hook["files"], "inventory/models.yaml")
    assert "```yaml\n" in README and "id: governance-check" in README


def test_pre_commit_hooks_run_on_an_inventory(pull_request):
    repo, _ = pull_request
    entries = {h["id"]: h["entry"].split()[1:] for h in HOOKS}
    assert governance(*entries["governance-validate"], "inventory", cwd=repo).code == 0
    # governance-check compares with HEAD: the committed old violations do not block ...
    assert governance(*entries["governance-check"], "inventory", cwd=repo).code == 0
    # ... a staged new one does.
    with (repo / "inventory" / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write(use_case("ocr-2", "internal", "small-gpu:primary"))
    git(repo, "add", "-A")
    run = governance(*entries["governance-check"], "inventory", cwd=repo)
    assert run.code == 1
    assert "ocr-2/gpt-oss-20b/small-gpu (primary)" in run.stdout
    assert "rejected [added]" in run.stdout


def test_an_output_value_with_a_line_break_cannot_set_another_output():
    assert output_entry("report-dir", "/tmp/out") == "report-dir=/tmp/out\n"
    entry = output_entry("report-dir", "/tmp/x\nverdict=approved")
    lines = entry.splitlines()
    assert lines[0].startswith("report-dir<<ghadelimiter_")
    assert lines[1:3] == ["/tmp/x", "verdict=approved"]
    assert lines[3] == lines[0].removeprefix("report-dir<<")
