"""Inventory extensions: the organization's own fields, checked against its schema at their
line, read by its policies at `.extensions`."""

from __future__ import annotations

import json

from governance.inventory.vocabulary import CERTIFICATIONS
from tests.support.cli import governance, line_of
from tests.support.configrepo import CONFIG, config_repo
from tests.support.gitrepo import commit, edit

NOW = ("--now", "2026-11-24")

# Every self-hosted deployment needs an owner team.
OWNER_RULE = """package governance.rules.owners

import data.governance.lib

# METADATA
# title: Self-hosted deployment without an owner team
# description: Every deployment the organization runs names the team that owns it.
# custom:
#   id: GOV-OWN-001
#   severity: error
#   remediation: Set extensions.owner_team on the deployment.
deny contains lib.finding("GOV-OWN-001", c, c.deployment.pointer, msg) if {
	some c in lib.choices
	c.deployment.mode == "self-hosted"
	not c.deployment.extensions.owner_team
	msg := sprintf("deployment %s has no owner team", [c.deployment.id])
}
"""

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "deployment": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"owner_team": {"$ref": "#/$defs/team"}},
        }
    },
    "$defs": {"team": {"type": "string", "minLength": 1}},
}


def _repo(tmp_path, team: str):
    repo = config_repo(
        tmp_path / "repo",
        config=CONFIG + 'extensions_schema = "extensions.schema.json"\n',
        rule=OWNER_RULE,
    )
    (repo / "extensions.schema.json").write_text(json.dumps(SCHEMA), "utf-8")
    models = repo / "inventory" / "models.yaml"
    text = models.read_text("utf-8")
    marker = "      - id: small-gpu\n        mode: self-hosted\n"
    models.write_text(
        text.replace(marker, marker + f"        extensions: {{owner_team: {team}}}\n")
    )
    commit(repo, "owner team on small-gpu")
    return repo


def test_a_rule_reading_extensions_fires_only_where_they_are_missing(tmp_path):
    repo = _repo(tmp_path, "platform")
    run = governance("check", *NOW, "-o", "json", cwd=repo)
    report = json.loads(run.stdout)
    owners = {
        d["deployment"]
        for d in report["decisions"]
        for f in d["findings"]
        if f["rule"] == "GOV-OWN-001"
    }
    assert owners == {"on-prem"}


def test_a_value_against_the_schema_is_exit_2_at_its_line(tmp_path):
    repo = _repo(tmp_path, "5")
    line, column = line_of(repo / "inventory" / "models.yaml", "owner_team: 5")
    for command in (("check", *NOW), ("check", "--base", "HEAD", *NOW), ("validate",)):
        run = governance(*command, cwd=repo)
        assert run.code == 2
        assert run.stderr == (
            f"inventory/models.yaml:{line}:{column}: error: "
            "/models/0/deployments/1/extensions/owner_team: 5 is not of type 'string' "
            "(extensions_schema: deployment)\n"
        )


def test_schema_with_extensions_combines_both(tmp_path):
    repo = _repo(tmp_path, "platform")
    run = governance("schema", "--with-extensions", cwd=repo)
    assert run.code == 0, run.stderr
    schema = json.loads(run.stdout)
    deployment = schema["$defs"]["Deployment"]["properties"]["extensions"]
    assert deployment["$ref"] == "urn:model-governance:extensions#/properties/deployment"
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)


def test_certifications_and_compensating_controls_fit_real_organizations(tmp_path):
    repo = config_repo(tmp_path / "repo", config=CONFIG)
    models = repo / "inventory" / "models.yaml"
    text = models.read_text("utf-8")
    marker = "      - id: small-gpu\n        mode: self-hosted\n"
    certified = '        certifications: ["SOC 2 Type II", "ISO/IEC 42001", ACME Trust Seal]\n'
    models.write_text(text.replace(marker, marker + certified), "utf-8")
    line, column = line_of(models, "ACME Trust Seal")
    (repo / "inventory" / "exceptions.yaml").write_text(
        "apiVersion: governance/v1\nexceptions:\n"
        "  - id: EXC-1\n    rules: [GOV-CAT-009]\n    scope: {use_case: legacy-tagging}\n"
        "    justification: Retired next quarter.\n"
        '    compensating_controls: [human-review, "manual spot checks by the tagging team"]\n'
        "    requested_by: {name: Ada, email: ada@example.org}\n"
        "    approver: {name: Bob, email: bob@example.org}\n"
        "    approved_on: 2026-10-01\n    expires_on: 2027-01-31\n",
        "utf-8",
    )
    run = governance("validate", cwd=repo)
    assert run.code == 0, run.stderr
    assert run.stderr == (
        f"inventory/models.yaml:{line}:{column}: warning: /models/0/deployments/1/"
        "certifications/2: unknown certification 'ACME Trust Seal': kept as written (known: "
        + ", ".join(CERTIFICATIONS)
        + ")\n"
    )
    exceptions = repo / "inventory" / "exceptions.yaml"
    edit(exceptions, "human-review", "human-reveiw")
    run = governance("validate", cwd=repo)
    assert run.code == 2
    assert (
        "'human-reveiw' is neither a known control nor a description in words (did you "
        "mean 'human-review'?" in run.stderr
    )
