"""A fresh git repository with an inventory, a policies/ directory holding one custom rule,
and (optionally) a governance.toml: what an organization has after `init` and `policy new`."""

from __future__ import annotations

from pathlib import Path

from tests.support.gitrepo import commit, init_repo, write_inventory

# Fires on the use case `legacy-tagging`: one finding per choice of it (one choice).
RETIRED_RULE = """package governance.rules.retired

import data.governance.lib

# METADATA
# title: Retired use case
# description: The organization retired this use case; its choices must go.
# custom:
#   id: GOV-ORG-001
#   severity: error
#   controls: ["ISO 42001 A.2.2"]
#   remediation: Remove the use case.
deny contains lib.finding("GOV-ORG-001", c, lib.at(c.use_case, "id"), msg) if {
	some c in lib.choices
	c.use_case.id == "legacy-tagging"
	msg := sprintf("use case %s is retired", [c.use_case.id])
}
"""

CONFIG = """\
paths = ["inventory"]
policy = ["policies"]
"""


def config_repo(root: Path, config: str | None = CONFIG, rule: str = RETIRED_RULE) -> Path:
    """The repository at ``root``, committed once (branch main)."""
    init_repo(root)
    write_inventory(root / "inventory")
    (root / "policies").mkdir()
    (root / "policies" / "retired.rego").write_text(rule, "utf-8")
    if config is not None:
        (root / "governance.toml").write_text(config, "utf-8")
    commit(root, "inventory, policies and configuration")
    return root
