"""`--discover`: several inventories in one repository, one report with a section per inventory."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from tests.support.cli import REPO, governance
from tests.support.gitrepo import (
    ORGANIZATION,
    USE_CASES,
    commit,
    edit,
    git,
    init_repo,
    use_case,
    write_inventory,
)

NOW = "2026-11-24"
SCHEMAS = {
    name: json.loads((REPO / "schemas" / name).read_text("utf-8"))
    for name in ("report.schema.json", "report-set.schema.json")
}


def report_set_validator() -> jsonschema.Draft202012Validator:
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values()
    )
    return jsonschema.Draft202012Validator(SCHEMAS["report-set.schema.json"], registry=registry)


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    """teams/search (the old violation on small-gpu) and teams/legal (clean: no small-gpu
    choices, another organization id), plus YAML that is not ours."""
    repo = init_repo(tmp_path / "repo")
    write_inventory(repo / "teams" / "search")
    write_inventory(
        repo / "teams" / "legal",
        organization=ORGANIZATION.replace("id: acme", "id: acme-legal"),
        use_cases="apiVersion: governance/v1\nuse_cases:\n"
        + use_case("contract-review", "confidential", "on-prem:primary"),
    )
    (repo / "docker-compose.yml").write_text("services: {}\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    commit(repo, "two inventories")
    return repo


def check(repo: Path, *args: str):
    return governance("check", ".", "--discover", "--now", NOW, *args, cwd=repo)


def test_every_inventory_gets_a_section_and_the_worst_exit_code(monorepo):
    run = check(monorepo)
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "== inventory teams/legal =="
    assert lines[1].startswith("acme-legal: 1 model choice (1 approved)")
    search = lines.index("== inventory teams/search ==")
    assert lines[search + 1].startswith("acme: 4 model choices (2 rejected, 2 approved)")
    assert "teams/search/models.yaml:28:44: error: GOV-CAT-009" in run.stdout
    assert governance("check", "teams/legal", "--now", NOW, cwd=monorepo).code == 0


def test_machine_formats_combine_per_inventory(monorepo, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    run = check(
        monorepo,
        "-o",
        f"json={out / 'r.json'}",
        "-o",
        f"sarif={out / 'r.sarif'}",
        "-o",
        f"junit={out / 'r.xml'}",
        "-o",
        f"markdown={out / 'r.md'}",
        "-o",
        "github",
    )
    assert run.code == 1, run.stderr
    document = json.loads((out / "r.json").read_text("utf-8"))
    report_set_validator().validate(document)
    assert [(i["path"], i["report"]["verdict"]) for i in document["inventories"]] == [
        ("teams/legal", "approved"),
        ("teams/search", "rejected"),
    ]
    sarif = json.loads((out / "r.sarif").read_text("utf-8"))
    assert [r["automationDetails"]["id"] for r in sarif["runs"]] == [
        "model-governance/teams/legal/",
        "model-governance/teams/search/",
    ]
    assert [len(r["results"]) for r in sarif["runs"]] == [0, 2]
    suites = ET.parse(out / "r.xml").getroot()
    names = [s.get("name") for s in suites]
    assert all(n.startswith(("teams/legal: ", "teams/search: ")) for n in names)
    assert suites.get("failures") == "2"
    assert int(suites.get("tests")) == sum(int(s.get("tests")) for s in suites)
    markdown = (out / "r.md").read_text("utf-8")
    assert markdown.index("## Inventory `teams/legal`") < markdown.index(
        "## Inventory `teams/search`"
    )
    assert run.stdout.count("::error file=teams/search/models.yaml,line=28") == 2


def test_html_is_refused_before_any_work(monorepo):
    run = check(monorepo, "-o", "html")
    assert run.code == 2
    assert run.stderr.startswith("governance: error: -o html: html shows one inventory per")


def test_pull_request_across_inventories(monorepo):
    git(monorepo, "checkout", "-q", "-b", "change")
    edit(
        monorepo / "teams" / "legal" / "use-cases.yaml",
        "deployment: on-prem, role: primary}",
        "deployment: on-prem, role: primary}\n"
        "      - {model: gpt-oss-20b, deployment: small-gpu, role: fallback}",
    )
    write_inventory(
        monorepo / "teams" / "new",
        organization=ORGANIZATION.replace("id: acme", "id: acme-new"),
        use_cases=USE_CASES,
    )
    commit(monorepo, "change two inventories")
    run = check(monorepo, "--base", "main", "-o", "json")
    assert run.code == 1, run.stderr
    document = json.loads(run.stdout)
    report_set_validator().validate(document)
    changes = {
        i["path"]: sorted({d["change"] for d in i["report"]["decisions"]})
        for i in document["inventories"]
    }
    assert changes == {
        "teams/legal": ["added", "unchanged"],
        "teams/new": ["added"],
        "teams/search": ["unchanged"],
    }
    search = document["inventories"][2]["report"]
    assert search["verdict"] == "approved"  # its old violation does not gate


def test_baselines_record_which_inventory(monorepo):
    made = governance("baseline", "create", ".", "--discover", "--now", NOW, cwd=monorepo)
    assert made.code == 0, made.stderr
    entries = json.loads((monorepo / ".governance-baseline.json").read_text("utf-8"))["findings"]
    assert {e["inventory"] for e in entries} == {"teams/search"}
    run = check(monorepo, "--baseline", ".governance-baseline.json")
    assert run.code == 0, run.stdout
    assert "2 baselined findings; 0 stale baseline entries" in run.stdout


def test_a_document_outside_any_inventory_is_an_error(monorepo):
    (monorepo / "shared").mkdir()
    (monorepo / "shared" / "models.yaml").write_text("apiVersion: governance/v1\nmodels: []\n")
    run = check(monorepo)
    assert run.code == 2
    assert run.stderr == (
        "shared/models.yaml:1:1: error: governance document outside any inventory: no "
        "'organization' section in its directory or above it (move it into its inventory's "
        "directory)\n"
    )


def test_a_nested_inventory_is_loaded_apart_from_its_parent(monorepo):
    write_inventory(
        monorepo / "teams" / "search" / "lab",
        organization=ORGANIZATION.replace("id: acme", "id: acme-lab"),
    )
    run = check(monorepo, "-o", "json")
    assert run.code == 1, run.stderr
    document = json.loads(run.stdout)
    assert [(i["path"], i["report"]["organization"]["id"]) for i in document["inventories"]] == [
        ("teams/legal", "acme-legal"),
        ("teams/search", "acme"),
        ("teams/search/lab", "acme-lab"),
    ]


def test_a_saved_report_set_renders_again_per_inventory(monorepo, tmp_path):
    saved = tmp_path / "set.json"
    first = check(monorepo, "-o", f"json={saved}", "-o", "markdown")
    again = governance("report", saved, "-o", "markdown", "--fail-on", "error", cwd=monorepo)
    assert again.code == first.code == 1
    assert again.stdout == first.stdout  # the same sections, without evaluating again
    for name in ("sarif", "junit", "text"):
        direct = check(monorepo, "-o", name)
        assert governance("report", saved, "-o", name, cwd=monorepo).stdout == direct.stdout
    refused = governance("report", saved, "-o", "html=page.html", cwd=monorepo)
    assert refused.code == 2 and "html shows one inventory per document" in refused.stderr


def test_a_broken_report_in_a_set_is_named_at_its_line(monorepo, tmp_path):
    saved = tmp_path / "set.json"
    check(monorepo, "-o", f"json={saved}")
    data = json.loads(saved.read_text("utf-8"))
    data["inventories"][1]["report"]["verdict"] = "maybe"
    saved.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    run = governance("report", saved, cwd=monorepo)
    assert run.code == 2
    lines = saved.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if '"verdict": "maybe"' in text)
    assert run.stderr.startswith(f"{saved}:{line}:")
    assert "/inventories/1/report/verdict" in run.stderr
    data["report_set_version"] = "9"
    saved.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    run = governance("report", saved, cwd=monorepo)
    assert run.code == 2 and "report_set_version '9' is not supported" in run.stderr


def test_an_inventory_deleted_by_the_change_is_reported_as_removed(monorepo):
    shutil.rmtree(monorepo / "teams" / "legal")  # not committed: the work tree against HEAD
    run = check(monorepo, "--base", "HEAD", "-o", "json")
    assert run.code == 0, run.stderr  # removing choices gates nothing
    document = json.loads(run.stdout)
    report_set_validator().validate(document)
    assert [i["path"] for i in document["inventories"]] == ["teams/legal", "teams/search"]
    legal = document["inventories"][0]["report"]
    assert legal["decisions"] == []
    assert [d["id"] for d in legal["comparison"]["removed"]] == [
        "contract-review/gpt-oss-20b/on-prem"
    ]
    assert legal["comparison"]["reevaluated"] == [
        "the inventory at teams/legal is deleted by this change: every model choice counts "
        "as removed"
    ]
    markdown = check(monorepo, "--base", "HEAD", "-o", "markdown").stdout
    assert "removes 1" in markdown and "contract-review/gpt-oss-20b/on-prem" in markdown
    # without --base nothing is compared, and the deleted inventory is simply not there
    plain = json.loads(check(monorepo, "-o", "json").stdout)
    assert [i["path"] for i in plain["inventories"]] == ["teams/search"]
