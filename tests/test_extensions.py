"""Inventory extensions: the organization's own fields, checked against its schema at their
line, read by its policies at `.extensions`."""

from __future__ import annotations

import json

from tests.support.cli import governance, line_of
from tests.support.configrepo import CONFIG, config_repo
from tests.support.gitrepo import commit

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
    for command in (("check", *NOW), ("validate",)):
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
