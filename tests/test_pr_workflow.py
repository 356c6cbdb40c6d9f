"""`check --base GIT_REF`: what a pull request does to the organization's model choices.

Every test builds a real git repository in a temp dir (tests/support/gitrepo.py) with a base
commit and a change, runs the CLI from the repository root as CI does, and asserts on the
classification, the exit code and what the user reads.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.support.cli import REPO, governance, line_of
from tests.support.gitrepo import commit, edit, git, init_repo, use_case, write_inventory

NOW = "2026-11-24"
SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text("utf-8"))


def check(repo: Path, *args: str):
    return governance("check", "inventory", "--now", NOW, *args, cwd=repo)


def report_of(repo: Path, *args: str) -> tuple[int, dict]:
    run = check(repo, *args, "-o", "json")
    assert run.code in (0, 1), run.stderr
    report = json.loads(run.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    return run.code, report


def changes(report: dict) -> dict[str, str]:
    return {d["id"]: d["change"] for d in report["decisions"]}


def statuses(report: dict) -> list[tuple[str, str, str]]:
    return sorted(
        (f["choice"], f["rule"], f["status"]) for d in report["decisions"] for f in d["findings"]
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the base inventory (one old violation, GOV-CAT-009 on small-gpu, in 2 choices);
    branch `change` checked out on top of it."""
    repo = init_repo(tmp_path / "repo")
    write_inventory(repo / "inventory")
    commit(repo, "base inventory")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def test_a_change_is_classified_choice_by_choice_and_gates_on_new_findings_only(repo):
    inventory = repo / "inventory"
    # 1. add two choices: one approved, one on the undersized deployment
    edit(
        inventory / "use-cases.yaml",
        "      - {model: gpt-oss-20b, deployment: small-gpu, role: primary}\n",
        "      - {model: gpt-oss-20b, deployment: small-gpu, role: primary}\n"
        "      - {model: gpt-oss-20b, deployment: on-prem, role: fallback}\n",
    )
    edit(
        inventory / "use-cases.yaml",
        "      - {model: gpt-oss-20b, deployment: on-prem, role: primary}\n  - id: legacy-tagging",
        "      - {model: gpt-oss-20b, deployment: on-prem, role: primary}\n"
        "      - {model: gpt-oss-20b, deployment: small-gpu, role: evaluation}\n"
        "  - id: legacy-tagging",
    )
    # 2. move a deployment to Ireland (confidential data must stay in the US)
    edit(
        inventory / "models.yaml",
        "id: on-prem\n        mode: self-hosted\n        operator: org\n"
        "        processing_locations: [us-east-1]",
        "id: on-prem\n        mode: self-hosted\n        operator: org\n"
        "        processing_locations: [eu-west-1]",
    )
    # 3. remove a choice
    edit(
        inventory / "use-cases.yaml",
        "      - {model: gpt-oss-20b, deployment: small-gpu, role: fallback}\n",
        "",
    )
    # 4. change a requirement
    edit(
        inventory / "organization.yaml",
        "        processing: [US]\n",
        "        processing: [US, CA]\n",
    )
    commit(repo, "the change")

    code, report = report_of(repo, "--base", "main")

    assert code == 1
    assert changes(report) == {
        "contract-review/gpt-oss-20b/on-prem": "changed",  # its deployment moved
        "internal-search/gpt-oss-20b/on-prem": "changed",
        "internal-search/gpt-oss-20b/small-gpu": "added",
        "legacy-tagging/gpt-oss-20b/on-prem": "added",
        "legacy-tagging/gpt-oss-20b/small-gpu": "unchanged",
    }
    assert statuses(report) == [
        ("contract-review/gpt-oss-20b/on-prem", "GOV-RES-001", "new"),
        ("internal-search/gpt-oss-20b/small-gpu", "GOV-CAT-009", "new"),
        ("legacy-tagging/gpt-oss-20b/small-gpu", "GOV-CAT-009", "unchanged"),
    ]
    comparison = report["comparison"]
    main = git(repo, "rev-parse", "main")
    assert comparison["kind"] == "git"
    assert comparison["base"] == f"main ({main[:12]})"
    assert [d["id"] for d in comparison["removed"]] == ["contract-review/gpt-oss-20b/small-gpu"]
    assert comparison["removed"][0]["decision"] == "rejected"
    assert comparison["resolved"] == []  # the removed choice's finding stays with it
    assert comparison["reevaluated"] == [
        "organization requirements changed (residency): every model choice was re-evaluated "
        "against them"
    ]
    assert report["verdict"] == "rejected"
    assert "governance-base-" not in json.dumps(report)  # no temp path leaks into the report

    text = check(repo, "--base", "main")
    assert text.code == 1
    lines = text.stdout.splitlines()
    assert lines[0] == (
        "acme: 5 model choices (3 rejected, 2 approved); 2 new errors, 0 new warnings — rejected"
    )
    assert lines[1] == (
        f"compared with main ({main[:12]}): 2 added, 2 changed, 1 removed, 1 unchanged model "
        "choices; 2 new, 1 unchanged findings"
    )
    assert lines[2].startswith("re-evaluated: organization requirements changed (residency)")
    line, _ = line_of(inventory / "use-cases.yaml", "deployment: small-gpu, role: evaluation")
    assert (
        f"internal-search/gpt-oss-20b/small-gpu (evaluation) at inventory/use-cases.yaml:{line}:9: "
        "rejected [added]"
    ) in lines
    gpu, _ = line_of(inventory / "models.yaml", "accelerator_memory_gb: 8")
    assert any(
        f"inventory/models.yaml:{gpu}:" in line and "GOV-CAT-009" in line and line.endswith("[new]")
        for line in lines
    )
    base_line = 45  # the removed choice's line in the base version of use-cases.yaml
    assert lines[-2:] == [
        f"removed (only in main ({main[:12]})):",
        f"  contract-review/gpt-oss-20b/small-gpu (fallback) at inventory/use-cases.yaml:"
        f"{base_line}:9: was rejected",
    ]
    base_text = git(repo, "show", "main:inventory/use-cases.yaml").splitlines()
    assert "deployment: small-gpu, role: fallback" in base_text[base_line - 1]

    # The pull-request comment leads with what the change adds, and why a choice is rejected.
    markdown = check(repo, "--base", "main", "-o", "markdown")
    assert markdown.code == 1
    assert markdown.stdout.splitlines()[0] == (
        "This change adds 2 model choices: <code>internal-search/gpt-oss-20b/small-gpu</code> "
        f"rejected (GOV-CAT-009 at <code>inventory/models.yaml:{gpu}:44</code>), "
        "<code>legacy-tagging/gpt-oss-20b/on-prem</code> approved; changes 2; removes 1."
    )
    # Annotations go on new findings only; the old violation is not annotated again.
    annotations = check(repo, "--base", "main", "-o", "github").stdout.splitlines()
    errors = [line for line in annotations if line.startswith("::error ")]
    assert [line.split("title=")[1].split(" ")[0] for line in errors] == [
        "GOV-RES-001",
        "GOV-CAT-009",
    ]
    assert "internal-search/gpt-oss-20b/small-gpu" in errors[1]


def test_an_old_violation_does_not_fail_the_pull_request_a_new_one_does(repo):
    inventory = repo / "inventory"
    assert check(repo).code == 1  # without --base the old violation gates

    with (inventory / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write(use_case("faq-bot", "internal", "on-prem:primary"))
    commit(repo, "add an approved choice")
    run = check(repo, "--base", "main")
    assert run.code == 0, run.stdout
    assert run.stdout.splitlines()[0] == (
        "acme: 5 model choices (2 rejected, 3 approved); 0 new errors, 0 new warnings — approved"
    )
    assert "faq-bot/gpt-oss-20b/on-prem (primary) at inventory/use-cases.yaml:" in run.stdout
    assert "approved [added]" in run.stdout
    assert check(repo, "--base", "main", "--fail-on", "warning").code == 0

    with (inventory / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write(use_case("ocr", "internal", "small-gpu:primary"))
    commit(repo, "add a rejected choice")
    run = check(repo, "--base", "main")
    assert run.code == 1
    assert run.stdout.splitlines()[0].endswith("1 new error, 0 new warnings — rejected")
    assert check(repo, "--base", "main", "--fail-on", "never").code == 0
    # Against the previous commit only the last choice is the change.
    assert "1 added, 5 unchanged model choices" in check(repo, "--base", "HEAD~1").stdout


def test_a_fix_resolves_findings_at_their_base_location(repo):
    models = repo / "inventory" / "models.yaml"
    base_line, base_column = line_of(models, "accelerator_memory_gb: 8")
    models.write_text(
        "# NVIDIA L4 now\n"
        + models.read_text("utf-8").replace(
            "{accelerator: NVIDIA T4, accelerator_memory_gb: 8}",
            "{accelerator: NVIDIA L4, accelerator_memory_gb: 24}",
        ),
        "utf-8",
    )
    commit(repo, "bigger GPU")

    code, report = report_of(repo, "--base", "main")
    assert code == 0
    assert set(changes(report).values()) == {"changed", "unchanged"}
    resolved = report["comparison"]["resolved"]
    assert [(f["choice"], f["rule"]) for f in resolved] == [
        ("contract-review/gpt-oss-20b/small-gpu", "GOV-CAT-009"),
        ("legacy-tagging/gpt-oss-20b/small-gpu", "GOV-CAT-009"),
    ]
    # Positions of resolved findings are in the base version of the file, under its real path.
    assert {(f["location"]["path"], f["location"]["line"]) for f in resolved} == {
        ("inventory/models.yaml", base_line)
    }
    assert base_column > 1
    text = check(repo, "--base", "main").stdout
    assert f"resolved (in main ({git(repo, 'rev-parse', 'main')[:12]}), gone now):" in text


def test_removing_a_waiver_makes_its_finding_new(repo):
    waiver = """\
exceptions:
  - id: WVR-1
    scope: {use_case: legacy-tagging}
    rules: [GOV-CAT-009]
    justification: The T4 box is replaced in Q1.
    requested_by: {name: Ada Lovelace, email: ada@example.org}
    approver: {name: Grace Hopper, email: grace@example.org, role: CISO}
    approved_on: 2026-10-01
    expires_on: 2027-01-31
"""
    (repo / "inventory" / "exceptions.yaml").write_text("apiVersion: governance/v1\n" + waiver)
    commit(repo, "waive")
    git(repo, "branch", "-f", "waived")
    (repo / "inventory" / "exceptions.yaml").unlink()
    commit(repo, "drop the waiver")

    code, report = report_of(repo, "--base", "waived")
    assert code == 1
    assert ("legacy-tagging/gpt-oss-20b/small-gpu", "GOV-CAT-009", "new") in statuses(report)
    assert ("contract-review/gpt-oss-20b/small-gpu", "GOV-CAT-009", "unchanged") in statuses(report)


def test_a_policy_change_is_evaluated_at_both_commits_and_said(repo):
    shutil.copytree(REPO / "tests" / "fixtures" / "policies" / "evaluator", repo / "policies")
    commit(repo, "our policy")
    git(repo, "branch", "-f", "with-policy")
    edit(
        repo / "policies" / "rules.rego", "accelerator_memory_gb < 40", "accelerator_memory_gb < 16"
    )
    commit(repo, "relax the policy")

    code, report = report_of(repo, "--base", "with-policy", "--no-builtin", "--policy", "policies")
    assert code == 0
    assert report["comparison"]["reevaluated"] == [
        "policies changed (changed policies/rules.rego): every model choice was re-evaluated"
    ]
    # Evaluated with the base's own policy, on-prem (24 GB) failed there: resolved now.
    assert sorted(
        f["choice"] for f in report["comparison"]["resolved"] if f["rule"] == "GOV-TST-001"
    ) == ["contract-review/gpt-oss-20b/on-prem", "internal-search/gpt-oss-20b/on-prem"]
    assert set(changes(report).values()) == {"unchanged"}


def test_an_inventory_new_in_this_change_is_all_added(tmp_path: Path):
    repo = init_repo(tmp_path / "repo")
    (repo / "README.md").write_text("nothing yet\n")
    commit(repo, "empty")
    write_inventory(repo / "inventory")
    commit(repo, "first inventory")

    code, report = report_of(repo, "--base", "HEAD~1")
    assert code == 1
    assert set(changes(report).values()) == {"added"}
    assert {f["status"] for d in report["decisions"] for f in d["findings"]} == {"new"}
    short = git(repo, "rev-parse", "HEAD~1")[:12]
    assert report["comparison"]["reevaluated"] == [
        f"no inventory at HEAD~1 ({short}): every model choice counts as added"
    ]


def test_an_invalid_base_inventory_counts_everything_as_added(repo):
    git(repo, "checkout", "-q", "main")
    edit(repo / "inventory" / "models.yaml", "access_class: open-weight", "access_class: half-open")
    commit(repo, "broken")
    git(repo, "checkout", "-q", "-b", "fix")
    edit(repo / "inventory" / "models.yaml", "access_class: half-open", "access_class: open-weight")
    commit(repo, "fixed")

    code, report = report_of(repo, "--base", "main")
    assert code == 1
    assert set(changes(report).values()) == {"added"}
    (reason,) = report["comparison"]["reevaluated"]
    line, _ = line_of(repo / "inventory" / "models.yaml", "access_class: open-weight")
    short = git(repo, "rev-parse", "main")[:12]
    assert reason.startswith(
        f"the inventory at main ({short}) does not load (1 problem, "
        f"first: inventory/models.yaml:{line}:"
    )
    assert reason.endswith("every model choice counts as added")


def test_bad_refs_and_places_are_one_line_errors(repo, tmp_path: Path):
    run = check(repo, "--base", "no-such-branch")
    assert run.code == 2
    assert run.stderr.startswith(
        "governance: error: --base no-such-branch: no such branch, tag or commit"
    )
    assert "git fetch origin no-such-branch" in run.stderr

    outside = write_inventory(tmp_path / "plain" / "inventory").parent
    run = governance("check", "inventory", "--base", "main", cwd=outside)
    assert run.code == 2
    assert run.stderr.startswith("governance: error: --base compares with a git commit, but ")
    assert "is not in a git work tree" in run.stderr

    run = check(repo, "--base", "main", "--baseline", "b.json")
    assert run.code == 2
    assert "--base and --baseline" in run.stderr


def test_a_shallow_clone_needs_the_base_commit_fetched(repo, tmp_path: Path):
    edit(
        repo / "inventory" / "models.yaml",
        "accelerator_memory_gb: 8}",
        "accelerator_memory_gb: 32}",
    )
    commit(repo, "fix")
    base = git(repo, "rev-parse", "main")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "change", f"file://{repo}", str(clone))

    run = check(clone, "--base", base)
    assert run.code == 2
    assert run.stderr == (
        f"governance: error: --base {base}: that commit is not in this shallow clone; "
        f"fetch it: git fetch --depth=1 origin {base}\n"
    )
    git(clone, "fetch", "-q", "--depth=1", "origin", base)
    code, report = report_of(clone, "--base", base)
    assert code == 0
    assert report["comparison"]["base"] == base[:12]
    assert len(report["comparison"]["resolved"]) == 2


def test_nothing_in_the_working_tree_changes(repo):
    edit(
        repo / "inventory" / "models.yaml",
        "accelerator_memory_gb: 8}",
        "accelerator_memory_gb: 32}",
    )
    before = git(repo, "status", "--porcelain")
    assert before == "M inventory/models.yaml"
    first = check(repo, "--base", "main")
    assert first.code == 0  # uncommitted edits are the head
    assert check(repo, "--base", "main").stdout == first.stdout  # byte-identical
    assert git(repo, "status", "--porcelain") == before
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "change"
