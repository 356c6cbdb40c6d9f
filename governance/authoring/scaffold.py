"""`governance policy new NAME --area AREA`: a rule file and its tests, green from the start."""

from __future__ import annotations

import re
from pathlib import Path

from governance.atomic import write_atomically
from governance.errors import UsageError

RULE = """# {title}: your organization's policy. See docs/policy-authoring.md for the contract.
package governance.rules.{name}

import data.governance.lib

# METADATA
# title: Purpose tagged '{tag}'
# description: >-
#   Replace with what this rule says about one model choice, and why the organization
#   requires it.
# custom:
#   id: GOV-{area}-001
#   severity: error
#   controls: ["ISO 42001 A.2.2"]
#   remediation: >-
#     Say what to change in the inventory to pass, e.g. remove the '{tag}' purpose tag.
deny contains {{"rule": "GOV-{area}-001", "choice": c.id, "field": field, "message": msg}} if {{
	some c in lib.choices
	"{tag}" in c.use_case.purpose_tags
	field := concat("", [c.use_case.pointer, "/purpose_tags"])
	msg := sprintf("use case %s is tagged '{tag}'", [c.use_case.id])
}}
"""

TEST = """package governance.rules.{name}_test

import data.governance.rules.{name}
import data.governance.test_fixtures as fx

test_tagged_use_case_is_denied if {{
	denied := {name}.deny with input as fx.input_with({{"use_case": {{"purpose_tags": ["{tag}"]}}}})
	"GOV-{area}-001" in fx.rules_of(denied)
}}

test_untagged_use_case_passes if {{
	denied := {name}.deny with input as fx.input_with({{"use_case": {{"purpose_tags": []}}}})
	not "GOV-{area}-001" in fx.rules_of(denied)
}}
"""


def scaffold(name: str, area: str, directory: Path) -> list[Path]:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise UsageError(f"rule file name {name!r} must be a Rego identifier, e.g. data_export")
    if not re.fullmatch(r"[A-Za-z]{2,8}", area):
        raise UsageError(f"--area {area!r} must be 2-8 letters, e.g. EXP (ids are GOV-EXP-001)")
    values = {
        "name": name,
        "area": area.upper(),
        "tag": f"{name.replace('_', '-')}-example",
        "title": name.replace("_", " ").capitalize(),
    }
    files = {directory / f"{name}.rego": RULE, directory / f"{name}_test.rego": TEST}
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise UsageError(f"{', '.join(existing)} already exist(s); policy new never overwrites")
    directory.mkdir(parents=True, exist_ok=True)
    for path, template in files.items():
        write_atomically(path, template.format(**values))
    return list(files)
