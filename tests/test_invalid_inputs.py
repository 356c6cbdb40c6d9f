"""Every bad input in tests/fixtures/invalid/ is refused by the real CLI with exact messages.

Each case runs ``python -m governance validate PATH`` in a subprocess from the repository root
(so paths print relative) and checks: exit code 2, stdout empty, no traceback, and stderr equal
to the expected lines, which were written by hand from the fixture. ``at`` names the text that
must start at each line:col, so a drifting source map fails here even if the message is right.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli import in_process

ROOT = Path(__file__).resolve().parent.parent
F = "tests/fixtures/invalid"
TAG_HINT = "(inventories are data: remove the tag)"
ALIAS_HINT = "(write the values out; aliases may add at most 10000 values)"
YAML_HINT = "(check indentation, quotes and brackets here)"
API_HINT = "(use 'apiVersion: governance/v1')"
BIG_HINT = "(write it in quotes if it is text)"
YEAR_HINT = "(use a year from 1678 to 2261)"
UTF8_HINT = "(save the file as UTF-8)"


@dataclass(frozen=True)
class Case:
    fixture: str  # under tests/fixtures/invalid/
    lines: tuple[str, ...]  # exact stderr lines, in order
    # for each line: the text that must start at its line:col (str or bytes); None: no token
    at: tuple[str | bytes | None, ...]


def case(fixture: str, *lines_and_tokens: tuple[str, str | bytes | None]) -> Case:
    lines = tuple(line for line, _ in lines_and_tokens)
    tokens = tuple(token for _, token in lines_and_tokens)
    return Case(fixture, lines, tokens)


CASES = [
    # --- reading files and YAML ------------------------------------------------------------
    case(
        "malformed-yaml.yaml",
        (
            f"{F}/malformed-yaml.yaml:5:8: error: invalid YAML: mapping values are not allowed "
            f"in this context {YAML_HINT}",
            ":",  # the ':' after 'name', indented deeper than its siblings
        ),
    ),
    case(
        "undefined-alias.yaml",
        (
            f"{F}/undefined-alias.yaml:6:18: error: invalid YAML: found undefined alias "
            f"{YAML_HINT}",
            "*regions",
        ),
    ),
    case(
        "duplicate-key.yaml",
        (
            f"{F}/duplicate-key.yaml:7:3: error: /organization/name: duplicate key 'name' "
            "(first defined at line 5; keep one)",
            "name: Other Org",
        ),
    ),
    case(
        # budget: b costs 110, c 2210, d/0 3321, d/1 3321: the third *c passes 10000.
        # An alias in a sequence is located at its anchor (libyaml keeps no alias positions).
        "alias-bomb.yaml",
        (f"{F}/alias-bomb.yaml:11:6: error: /x-d/2: alias expansion too large {ALIAS_HINT}", "&c"),
    ),
    case(
        # merges cost 4, 20, 68, 196, 516, 1284, 3076 for x-1..x-7 and 7172 for x-8 (> 10000)
        "merge-bomb.yaml",
        (f"{F}/merge-bomb.yaml:17:1: error: /x-8: alias expansion too large {ALIAS_HINT}", "x-8:"),
    ),
    case(
        "merge-not-mapping.yaml",
        (
            f"{F}/merge-not-mapping.yaml:4:7: error: /organization: '<<' must merge a mapping",
            "[US, EU]",
        ),
    ),
    case(
        "non-utf8.yaml",
        (
            f"{F}/non-utf8.yaml:5:12: error: file is not valid UTF-8 (byte 0xe9) "
            "(save the file as UTF-8)",
            b"\xe9 Org",
        ),
    ),
    case(
        "python-tag.yaml",
        (
            f"{F}/python-tag.yaml:5:9: error: /organization/name: tag "
            f"'tag:yaml.org,2002:python/object/apply:os.system' is not allowed {TAG_HINT}",
            "!!python/object/apply:os.system",
        ),
    ),
    case(
        "custom-tag.yaml",
        (
            f"{F}/custom-tag.yaml:5:9: error: /organization/name: tag '!vault' is not allowed "
            f"{TAG_HINT}",
            "!vault secret/org-name",
        ),
    ),
    case(
        "custom-tag-on-key.yaml",
        (
            f"{F}/custom-tag-on-key.yaml:5:3: error: /organization/name: tag '!vault' is not "
            f"allowed {TAG_HINT}",
            "!vault name:",
        ),
    ),
    case(
        "empty.yaml",
        (
            f"{F}/empty.yaml:1:1: error: file is empty "
            "(add 'apiVersion: governance/v1' and at least one section)",
            None,
        ),
    ),
    case(
        "tabs.yaml",
        (
            f"{F}/tabs.yaml:5:1: error: tab character used for indentation "
            "(YAML indentation must use spaces)",
            "\tname:",
        ),
    ),
    case(
        "no-yaml-dir",
        (f"{F}/no-yaml-dir:1:1: error: directory holds no .yaml or .yml files", None),
    ),
    case(
        "does-not-exist.yaml",  # deliberately absent
        (f"{F}/does-not-exist.yaml:1:1: error: no such file or directory", None),
    ),
    # --- document shape ------------------------------------------------------------------------
    case(
        "missing-apiversion.yaml",
        (
            f"{F}/missing-apiversion.yaml:2:1: error: /apiVersion: missing 'apiVersion' {API_HINT}",
            "organization:",  # no key to point at: the start of the document
        ),
    ),
    case(
        "wrong-apiversion.yaml",
        (
            f"{F}/wrong-apiversion.yaml:2:1: error: /apiVersion: unsupported apiVersion "
            f"'governance/v2' {API_HINT}",
            "apiVersion: governance/v2",
        ),
    ),
    case(
        "not-a-mapping.yaml",
        (
            f"{F}/not-a-mapping.yaml:2:1: error: a document must be a mapping, got a list "
            "(start with 'apiVersion: governance/v1')",
            "- apiVersion",
        ),
    ),
    case(
        "second-document-invalid.yaml",
        (
            f"{F}/second-document-invalid.yaml:11:1: error: /model: unknown field 'model' "
            "(did you mean 'models'?)",
            "model: []",
        ),
    ),
    case(
        "no-organization.yaml",
        (
            f"{F}/no-organization.yaml:2:1: error: no 'organization' section in the inventory "
            "(add one)",
            "apiVersion:",
        ),
    ),
    case(
        "two-organizations",
        (
            f"{F}/two-organizations/b.yaml:3:1: error: /organization: a second 'organization' "
            f"section (the first is at {F}/two-organizations/a.yaml:3:1; keep one per inventory)",
            "organization:",
        ),
    ),
    # --- fields and types ----------------------------------------------------------------------
    case(
        "wrong-type-bool.yaml",
        (
            f"{F}/wrong-type-bool.yaml:30:16: error: /use_cases/0/exposure/user_facing: "
            "expected true or false, got 'yes'",
            "user_facing: yes",
        ),
    ),
    case(
        "wrong-type-string.yaml",
        (
            f"{F}/wrong-type-string.yaml:4:3: error: /organization/id: expected a string, got 42",
            "id: 42",
        ),
    ),
    case(
        "unknown-field-typo.yaml",
        (
            f"{F}/unknown-field-typo.yaml:22:9: error: /models/0/deployments/0/storage_location: "
            "unknown field 'storage_location' (did you mean 'storage_locations'?)",
            "storage_location:",
        ),
    ),
    case(
        "missing-required-field.yaml",
        (
            f"{F}/missing-required-field.yaml:10:5: error: /models/0: "
            "missing required field 'provider'",
            "id: gpt-oss-20b",  # the model that lacks it
        ),
    ),
    case(
        "enum-typo.yaml",
        (
            f"{F}/enum-typo.yaml:13:5: error: /models/0/access_class: 'open-weights' is not "
            "allowed (expected one of 'open-source', 'open-weight' or 'closed')",
            "access_class: open-weights",
        ),
    ),
    case(
        "negative-count.yaml",
        (
            f"{F}/negative-count.yaml:7:3: error: /organization/monthly_active_users: "
            "input should be greater than or equal to 0, got -5",
            "monthly_active_users: -5",
        ),
    ),
    case(
        "fractional-count.yaml",
        (
            f"{F}/fractional-count.yaml:16:18: error: /models/0/model_card/parameters_total: "
            "expected an integer, got 1.5",
            "parameters_total: 1.5",
        ),
    ),
    case(
        "id-with-space.yaml",
        (
            f"{F}/id-with-space.yaml:4:3: error: /organization/id: string should match pattern "
            "'^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', got 'example org'",
            "id: example org",
        ),
    ),
    case(
        "empty-name.yaml",
        (
            f"{F}/empty-name.yaml:5:3: error: /organization/name: string should have at least "
            "1 character, got ''",
            'name: ""',
        ),
    ),
    case(
        "bad-date.yaml",
        (
            f"{F}/bad-date.yaml:16:14: error: /models/0/source/retrieved_on: '2026-02-30' is not "
            "a calendar date",
            "retrieved_on: 2026-02-30",
        ),
    ),
    case(
        "date-compact-form.yaml",
        (
            f"{F}/date-compact-form.yaml:16:14: error: /models/0/source/retrieved_on: "
            "'20261101' is not a date in the form YYYY-MM-DD",
            'retrieved_on: "20261101"',
        ),
    ),
    case(
        "date-week-form.yaml",
        (
            f"{F}/date-week-form.yaml:16:14: error: /models/0/source/retrieved_on: "
            "'2026-W44-7' is not a date in the form YYYY-MM-DD",
            "retrieved_on: 2026-W44-7",
        ),
    ),
    case(
        "unknown-region.yaml",
        (
            f"{F}/unknown-region.yaml:21:43: error: "
            "/models/0/deployments/0/processing_locations/1: unknown location 'us-eats-1' "
            "(did you mean 'us-east-1'?)",
            "us-eats-1]",
        ),
    ),
    case(
        "lowercase-country.yaml",
        (
            f"{F}/lowercase-country.yaml:6:19: error: /organization/jurisdictions/0: "
            "unknown location 'us' (did you mean 'US'? codes are upper case)",
            "us]",
        ),
    ),
    case(
        "multi-error.yaml",
        (
            f"{F}/multi-error.yaml:7:3: error: /organization/monthly_active_users: "
            "expected an integer, got 'many'",
            "monthly_active_users: many",
        ),
        (
            f"{F}/multi-error.yaml:14:5: error: /models/0/access_class: 'open-weights' is not "
            "allowed (expected one of 'open-source', 'open-weight' or 'closed')",
            "access_class: open-weights",
        ),
        (
            f"{F}/multi-error.yaml:23:9: error: /models/0/deployments/0/hardwear: "
            "unknown field 'hardwear' (did you mean 'hardware'?)",
            "hardwear:",
        ),
    ),
    # --- rules between fields (pydantic validators) ----------------------------------------
    case(
        "high-risk-without-annex-area.yaml",
        (
            f"{F}/high-risk-without-annex-area.yaml:29:5: error: /use_cases/0/risk: "
            "'annex_iii_area' is required when eu_ai_act is 'high'",
            "risk: {eu_ai_act: high",
        ),
    ),
    case(
        "vendor-hosted-without-retention.yaml",
        (
            f"{F}/vendor-hosted-without-retention.yaml:18:9: error: /models/0/deployments/0: "
            "'retention' is required for vendor-hosted and private-cloud",
            "id: api",  # the deployment that lacks it
        ),
    ),
    case(
        "waiver-scope-empty.yaml",
        (
            f"{F}/waiver-scope-empty.yaml:39:5: error: /exceptions/0/scope: "
            "name at least one of 'use_case', 'model', 'deployment'",
            "scope: {}",
        ),
    ),
    case(
        "waiver-deployment-without-model.yaml",
        (
            f"{F}/waiver-deployment-without-model.yaml:39:5: error: /exceptions/0/scope: "
            "'deployment' needs 'model' (deployment ids are per model)",
            "scope: {deployment: on-prem}",
        ),
    ),
    case(
        "waiver-bad-rule-id.yaml",
        (
            f"{F}/waiver-bad-rule-id.yaml:40:13: error: /exceptions/0/rules/0: string should "
            "match pattern '^GOV-[A-Z]+-[0-9]{3}$', got 'GOV-LIC-1'",
            "GOV-LIC-1]",
        ),
    ),
    case(
        "expires-before-approved.yaml",
        (
            f"{F}/expires-before-approved.yaml:45:5: error: /exceptions/0/expires_on: "
            "'expires_on' is before 'approved_on' (approved_on is 2026-06-30)",
            "expires_on: 2026-01-01",
        ),
    ),
    # --- merged inventory: ids and cross-references ----------------------------------------
    case(
        "duplicate-model-id",
        (
            # the pointer is the one inside b.yaml (its first model), not the merged /models/1
            f"{F}/duplicate-model-id/b.yaml:4:5: error: /models/0: duplicate model id "
            f"'gpt-oss-20b' (first defined at {F}/duplicate-model-id/a.yaml:10:5)",
            "id: gpt-oss-20b",
        ),
    ),
    case(
        "duplicate-deployment-id.yaml",
        (
            f"{F}/duplicate-deployment-id.yaml:22:9: error: /models/0/deployments/1: "
            f"duplicate deployment id 'on-prem' (first defined at "
            f"{F}/duplicate-deployment-id.yaml:18:9)",
            "id: on-prem",
        ),
    ),
    case(
        "duplicate-use-case-id.yaml",
        (
            f"{F}/duplicate-use-case-id.yaml:37:5: error: /use_cases/1: duplicate use case id "
            f"'internal-search' (first defined at {F}/duplicate-use-case-id.yaml:23:5)",
            "id: internal-search",
        ),
    ),
    case(
        "dangling-model.yaml",
        (
            f"{F}/dangling-model.yaml:36:10: error: /use_cases/0/model_choices/0/model: "
            "model 'gpt-oss-2b' is not in the inventory (did you mean 'gpt-oss-20b'?)",
            "model: gpt-oss-2b",
        ),
    ),
    case(
        "dangling-deployment.yaml",
        (
            f"{F}/dangling-deployment.yaml:36:30: error: "
            "/use_cases/0/model_choices/0/deployment: model 'gpt-oss-20b' has no deployment "
            "'onprem' (did you mean 'on-prem'?)",
            "deployment: onprem",
        ),
    ),
    case(
        "dangling-model-across-files",
        (
            # b.yaml's first use case is the merged inventory's second: the pointer is b's own
            f"{F}/dangling-model-across-files/b.yaml:20:9: error: "
            "/use_cases/0/model_choices/1/model: model 'gpt-oss-120b' is not in the inventory "
            "(did you mean 'gpt-oss-20b'?)",
            "model: gpt-oss-120b",
        ),
    ),
    case(
        "unknown-classification.yaml",
        (
            f"{F}/unknown-classification.yaml:27:5: error: /use_cases/0/data_classification: "
            "unknown classification level 'internl' (did you mean 'internal'?)",
            "data_classification: internl",
        ),
    ),
    case(
        "approver-is-requester.yaml",
        (
            f"{F}/approver-is-requester.yaml:43:5: error: /exceptions/0/approver: the approver "
            "is the requester (a waiver needs a second person to approve it)",
            "approver: {name: ada lovelace}",
        ),
    ),
    # --- hostile and broken input (issue 14): each found and worded at the reader -----------
    case(
        "apiversion-is-a-number.yaml",
        (
            f"{F}/apiversion-is-a-number.yaml:4:1: error: /apiVersion: unsupported "
            "apiVersion 1 (use 'apiVersion: governance/v1')",
            "apiVersion: 1",
        ),
    ),
    case(
        "bad-indentation.yaml",
        (
            f"{F}/bad-indentation.yaml:8:8: error: invalid YAML: mapping values are not "
            f"allowed in this context {YAML_HINT}",
            ": Example Org",
        ),
    ),
    case(
        "bell-in-comment.yaml",
        (
            f"{F}/bell-in-comment.yaml:11:71: error: control character U+0007 is not allowed "
            "in YAML (remove it; in a double-quoted string write it as \\u0007)",
            b"\x07",
        ),
    ),
    case(
        "binary-tag.yaml",
        (
            f"{F}/binary-tag.yaml:8:9: error: /organization/name: tag "
            f"'tag:yaml.org,2002:binary' is not allowed {TAG_HINT}",
            "!!binary RXhhbXBsZQ==",
        ),
    ),
    case(
        "boolean-for-count.yaml",
        (
            f"{F}/boolean-for-count.yaml:11:3: error: /organization/monthly_active_users: "
            "expected an integer, got true",
            "monthly_active_users: tr",
        ),
    ),
    case(
        "bracket-in-list-item-key.yaml",
        (
            f"{F}/bracket-in-list-item-key.yaml:39:5: error: /models/0/prov[ider: unknown "
            "field 'prov[ider' (did you mean 'provider'?)",
            "prov[ider: Other",
        ),
    ),
    case(
        "bracket-in-nested-key.yaml",
        (
            f"{F}/bracket-in-nested-key.yaml:9:3: error: /organization/na[me: unknown field "
            "'na[me' (did you mean 'name'?)",
            "na[me: Other",
        ),
    ),
    case(
        "bracket-in-top-level-key.yaml",
        (
            f"{F}/bracket-in-top-level-key.yaml:74:1: error: /x[y: unknown field 'x[y' "
            "(allowed: apiVersion, exceptions, models, organization, use_cases)",
            "x[y: 1",
        ),
    ),
    case(
        "bracket-key-only.yaml",
        (
            f"{F}/bracket-key-only.yaml:6:1: error: /organization[: unknown field "
            "'organization[' (did you mean 'organization'?)",
            "organization[:",
        ),
    ),
    case(
        "c1-control-character.yaml",
        (
            f"{F}/c1-control-character.yaml:8:16: error: control character U+009B is not "
            "allowed in YAML (remove it; in a double-quoted string write it as \\u009b)",
            b"\xc2\x9bOrg",
        ),
    ),
    case(
        "complex-key.yaml",
        (
            f"{F}/complex-key.yaml:6:3: error: mapping keys must be plain text",
            "[org, id]",
        ),
    ),
    case(
        "control-character.yaml",
        (
            f"{F}/control-character.yaml:8:16: error: control character U+0001 is not "
            "allowed in YAML (remove it; in a double-quoted string write it as \\u0001)",
            b"\x01Org",
        ),
    ),
    case(
        "dangling-link-only",
        (
            f"{F}/dangling-link-only/inventory.yaml:1:1: warning: dangling symbolic link (to "
            "missing.yaml) (fix or remove the link)",
            None,
        ),
        (
            f"{F}/dangling-link-only:1:1: error: directory holds no .yaml or .yml files",
            None,
        ),
    ),
    case(
        "date-as-integer.yaml",
        (
            f"{F}/date-as-integer.yaml:44:43: error: /models/0/source/retrieved_on: input "
            "should be a valid date, got 20261101",
            "retrieved_on: 20261101}",
        ),
    ),
    case(
        "date-month-13.yaml",
        (
            f"{F}/date-month-13.yaml:69:35: error: /use_cases/0/lifecycle/review_by: "
            "'2027-13-01' is not a calendar date",
            "review_by: 2027-13-01}",
        ),
    ),
    case(
        "date-not-leap-year.yaml",
        (
            f"{F}/date-not-leap-year.yaml:69:35: error: /use_cases/0/lifecycle/review_by: "
            "'2027-02-29' is not a calendar date",
            "review_by: 2027-02-29}",
        ),
    ),
    case(
        "date-with-time.yaml",
        (
            f"{F}/date-with-time.yaml:44:43: error: /models/0/source/retrieved_on: "
            "'2026-11-01T10:00:00Z' is not a date in the form YYYY-MM-DD",
            "retrieved_on: 2026-11-01",
        ),
    ),
    case(
        "deep-nesting.yaml",
        (
            f"{F}/deep-nesting.yaml:74:1008: error: invalid YAML: exceeded maximum nesting "
            f"depth {YAML_HINT}",
            "[[[[[[[[[[[[[[[[[[[[[[[[",
        ),
    ),
    case(
        "delete-character.yaml",
        (
            f"{F}/delete-character.yaml:8:16: error: control character U+007F is not allowed "
            "in YAML (remove it; in a double-quoted string write it as \\u007f)",
            b"\x7fOrg",
        ),
    ),
    case(
        "deployment-mode-typo.yaml",
        (
            f"{F}/deployment-mode-typo.yaml:47:9: error: /models/0/deployments/0/mode: "
            "'self-host' is not allowed (expected one of 'self-hosted', 'vendor-hosted', "
            "'private-cloud' or 'edge')",
            "mode: self-host",
        ),
    ),
    case(
        "deployments-is-a-string.yaml",
        (
            f"{F}/deployments-is-a-string.yaml:45:5: error: /models/0/deployments: expected "
            "a list, got 'on-prem'",
            "deployments: on-prem",
        ),
    ),
    case(
        "document-is-text.yaml",
        (
            f"{F}/document-is-text.yaml:2:1: error: a document must be a mapping, got 'hello "
            "inventory' (start with 'apiVersion: governance/v1')",
            "hello inventory",
        ),
    ),
    case(
        "duplicate-key-in-flow-mapping.yaml",
        (
            f"{F}/duplicate-key-in-flow-mapping.yaml:41:37: error: "
            "/models/0/weights/availability: duplicate key 'availability' (first defined at "
            "line 41; keep one)",
            "availability: gated}",
        ),
    ),
    case(
        "duplicate-top-level-section.yaml",
        (
            f"{F}/duplicate-top-level-section.yaml:74:1: error: /models: duplicate key "
            "'models' (first defined at line 35; keep one)",
            "models: []",
        ),
    ),
    case(
        "encoded-surrogate.yaml",
        (
            f"{F}/encoded-surrogate.yaml:8:17: error: file is not valid UTF-8 (byte 0xed) "
            f"{UTF8_HINT}",
            b"\xed\xa0\x80Org",
        ),
    ),
    case(
        "escape-sequence.yaml",
        (
            f"{F}/escape-sequence.yaml:60:14: error: control character U+001B is not allowed "
            "in YAML (remove it; in a double-quoted string write it as \\u001b)",
            b"\x1b[2JAnswer employees' qu",
        ),
    ),
    case(
        "flow-mapping-as-key.yaml",
        (
            f"{F}/flow-mapping-as-key.yaml:6:1: error: mapping keys must be plain text",
            "{a: 1}: x",
        ),
    ),
    case(
        "form-feed.yaml",
        (
            f"{F}/form-feed.yaml:35:8: error: control character U+000C is not allowed in "
            "YAML (remove it; in a double-quoted string write it as \\u000c)",
            b"\x0c",
        ),
    ),
    case(
        "huge-hex-integer.yaml",
        (
            f"{F}/huge-hex-integer.yaml:11:25: error: /organization/monthly_active_users: "
            f"integer has more than 4,300 digits {BIG_HINT}",
            "0xffffffffffffffffffffff",
        ),
    ),
    case(
        "huge-integer-in-flow-mapping.yaml",
        (
            f"{F}/huge-integer-in-flow-mapping.yaml:43:36: error: "
            "/models/0/model_card/parameters_total: integer has more than 4,300 digits "
            f"{BIG_HINT}",
            "222222222222222222222222",
        ),
    ),
    case(
        "huge-integer-in-list.yaml",
        (
            f"{F}/huge-integer-in-list.yaml:9:23: error: /organization/jurisdictions/1: "
            f"integer has more than 4,300 digits {BIG_HINT}",
            "777777777777777777777777",
        ),
    ),
    case(
        "huge-integer-tagged.yaml",
        (
            f"{F}/huge-integer-tagged.yaml:11:25: error: /organization/monthly_active_users: "
            f"integer has more than 4,300 digits {BIG_HINT}",
            "!!int 888888888888888888",
        ),
    ),
    case(
        "huge-integer.yaml",
        (
            f"{F}/huge-integer.yaml:11:25: error: /organization/monthly_active_users: "
            f"integer has more than 4,300 digits {BIG_HINT}",
            "999999999999999999999999",
        ),
    ),
    case(
        "huge-negative-integer.yaml",
        (
            f"{F}/huge-negative-integer.yaml:11:25: error: "
            "/organization/monthly_active_users: integer has more than 4,300 digits "
            f"{BIG_HINT}",
            "-11111111111111111111111",
        ),
    ),
    case(
        "huge-octal-integer.yaml",
        (
            f"{F}/huge-octal-integer.yaml:11:25: error: /organization/monthly_active_users: "
            f"integer has more than 4,300 digits {BIG_HINT}",
            "0o7777777777777777777777",
        ),
    ),
    case(
        "id-leading-dash.yaml",
        (
            f"{F}/id-leading-dash.yaml:7:3: error: /organization/id: string should match "
            "pattern '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', got '-example-org'",
            "id: -example-org",
        ),
    ),
    case(
        "id-too-long.yaml",
        (
            f"{F}/id-too-long.yaml:7:3: error: /organization/id: string should match pattern "
            "'^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', got "
            "'oooooooooooooooooooooooooooooooooooooooooooooooooooooooo...",
            "id: oooooooooooooooooooo",
        ),
    ),
    case(
        "infinity-for-count.yaml",
        (
            f"{F}/infinity-for-count.yaml:11:3: error: /organization/monthly_active_users: "
            "expected an integer, got inf",
            "monthly_active_users: .i",
        ),
    ),
    case(
        "local-tag-on-sequence.yaml",
        (
            f"{F}/local-tag-on-sequence.yaml:9:18: error: /organization/jurisdictions: tag "
            f"'!countries' is not allowed {TAG_HINT}",
            "!countries [US]         ",
        ),
    ),
    case(
        "models-is-a-mapping.yaml",
        (
            f"{F}/models-is-a-mapping.yaml:35:1: error: /models: expected a list, got a mapping",
            "models:",
        ),
    ),
    case(
        "nan-for-count.yaml",
        (
            f"{F}/nan-for-count.yaml:11:3: error: /organization/monthly_active_users: "
            "expected an integer, got nan",
            "monthly_active_users: .n",
        ),
    ),
    case(
        "noncharacter.yaml",
        (
            f"{F}/noncharacter.yaml:8:16: error: character U+FFFF is not allowed in YAML "
            "(remove it; in a double-quoted string write it as \\uffff)",
            b"\xef\xbf\xbfOrg",
        ),
    ),
    case(
        "nul-character.yaml",
        (
            f"{F}/nul-character.yaml:8:16: error: file holds a NUL character (U+0000) (is it "
            "UTF-16? save it as UTF-8)",
            b"\x00Org",
        ),
    ),
    case(
        "null-name.yaml",
        (
            f"{F}/null-name.yaml:8:3: error: /organization/name: expected a string, got null",
            "name: ~",
        ),
    ),
    case(
        "omap-tag.yaml",
        (
            f"{F}/omap-tag.yaml:41:14: error: /models/0/weights: tag "
            f"'tag:yaml.org,2002:omap' is not allowed {TAG_HINT}",
            "!!omap [availability: pu",
        ),
    ),
    case(
        "only-comments.yaml",
        (
            f"{F}/only-comments.yaml:1:1: error: file is empty (add 'apiVersion: "
            "governance/v1' and at least one section)",
            None,
        ),
    ),
    case(
        "organization-is-a-list.yaml",
        (
            f"{F}/organization-is-a-list.yaml:6:1: error: /organization: expected a mapping, "
            "got a list",
            "organization:",
        ),
    ),
    case(
        "overlong-utf8.yaml",
        (
            f"{F}/overlong-utf8.yaml:8:17: error: file is not valid UTF-8 (byte 0xc0) {UTF8_HINT}",
            b"\xc0\xafOrg",
        ),
    ),
    case(
        "quoted-boolean.yaml",
        (
            f"{F}/quoted-boolean.yaml:68:5: error: /use_cases/0/commercial: expected true or "
            "false, got 'true'",
            'commercial: "true"',
        ),
    ),
    case(
        "retrieved-in-year-9999.yaml",
        (
            f"{F}/retrieved-in-year-9999.yaml:44:43: error: /models/0/source/retrieved_on: "
            f"'9999-11-01' is outside the years policies can compute with {YEAR_HINT}",
            "retrieved_on: 9999-11-01",
        ),
    ),
    case(
        "review-by-year-0001.yaml",
        (
            f"{F}/review-by-year-0001.yaml:69:35: error: /use_cases/0/lifecycle/review_by: "
            f"'0001-06-30' is outside the years policies can compute with {YEAR_HINT}",
            "review_by: 0001-06-30}",
        ),
    ),
    case(
        "risk-level-typo.yaml",
        (
            f"{F}/risk-level-typo.yaml:64:12: error: /use_cases/0/risk/eu_ai_act: 'extreme' "
            "is not allowed (expected one of 'prohibited', 'high', 'limited', 'minimal' or "
            "'unassessed')",
            "eu_ai_act: extreme, inte",
        ),
    ),
    case(
        "second-document-is-a-list.yaml",
        (
            f"{F}/second-document-is-a-list.yaml:75:1: error: a document must be a mapping, "
            "got a list (start with 'apiVersion: governance/v1')",
            "- apiVersion: governance",
        ),
    ),
    case(
        "set-tag.yaml",
        (
            f"{F}/set-tag.yaml:9:18: error: /organization/jurisdictions: tag "
            f"'tag:yaml.org,2002:set' is not allowed {TAG_HINT}",
            "!!set {US, EU}          ",
        ),
    ),
    case(
        "symlink-loop.yaml",
        (
            f"{F}/symlink-loop.yaml:1:1: error: symbolic link loop (point the link at a real file)",
            None,
        ),
    ),
    case(
        "timestamp-tag.yaml",
        (
            f"{F}/timestamp-tag.yaml:44:57: error: /models/0/source/retrieved_on: tag "
            f"'tag:yaml.org,2002:timestamp' is not allowed {TAG_HINT}",
            "!!timestamp 2026-11-01}",
        ),
    ),
    case(
        "truncated-utf8.yaml",
        (
            f"{F}/truncated-utf8.yaml:74:6: error: file is not valid UTF-8 (byte 0xc3) {UTF8_HINT}",
            b"\xc3",
        ),
    ),
    case(
        "unclosed-flow-sequence.yaml",
        (
            f"{F}/unclosed-flow-sequence.yaml:10:3: error: invalid YAML: did not find "
            f"expected ',' or ']' {YAML_HINT}",
            "eu_ai_act_roles: [deploy",
        ),
    ),
    case(
        "unknown-location.yaml",
        (
            f"{F}/unknown-location.yaml:49:32: error: "
            "/models/0/deployments/0/processing_locations/0: unknown location "
            "'mars-north-1' (did you mean 'aws:eu-north-1'?)",
            "mars-north-1]",
        ),
    ),
    case(
        "unknown-organization-field.yaml",
        (
            f"{F}/unknown-organization-field.yaml:6:1: error: /organization: missing "
            "required field 'jurisdictions'",
            "organization:",
        ),
        (
            f"{F}/unknown-organization-field.yaml:9:3: error: /organization/jurisdiction: "
            "unknown field 'jurisdiction' (did you mean 'jurisdictions'?)",
            "jurisdiction: [US]      ",
        ),
    ),
    case(
        "unknown-section-typo.yaml",
        (
            f"{F}/unknown-section-typo.yaml:57:1: error: /usecases: unknown field 'usecases' "
            "(did you mean 'use_cases'?)",
            "usecases:",
        ),
    ),
    case(
        "utf16-be-without-bom.yaml",
        (
            f"{F}/utf16-be-without-bom.yaml:1:1: error: file holds a NUL character (U+0000) "
            "(is it UTF-16? save it as UTF-8)",
            b"\x00#\x00 \x00y\x00a\x00m\x00l\x00-\x00l\x00a\x00n\x00g\x00u",
        ),
    ),
    case(
        "utf16-le-without-bom.yaml",
        (
            f"{F}/utf16-le-without-bom.yaml:1:2: error: file holds a NUL character (U+0000) "
            "(is it UTF-16? save it as UTF-8)",
            b"\x00 \x00y\x00a\x00m\x00l\x00-\x00l\x00a\x00n\x00g\x00u\x00a",
        ),
    ),
    case(
        "utf16-with-bom.yaml",
        (
            f"{F}/utf16-with-bom.yaml:1:1: error: file is not valid UTF-8 (byte 0xff) {UTF8_HINT}",
            b"\xff\xfe#\x00 \x00y\x00a\x00m\x00l\x00-\x00l\x00a\x00n\x00g\x00",
        ),
    ),
    case(
        "vertical-tab.yaml",
        (
            f"{F}/vertical-tab.yaml:8:16: error: control character U+000B is not allowed in "
            "YAML (remove it; in a double-quoted string write it as \\u000b)",
            b"\x0bOrg",
        ),
    ),
    case(
        "waiver-approved-in-1600.yaml",
        (
            f"{F}/waiver-approved-in-1600.yaml:80:5: error: /exceptions/0/approved_on: "
            f"'1600-06-30' is outside the years policies can compute with {YEAR_HINT}",
            "approved_on: 1600-06-30",
        ),
    ),
    case(
        "waiver-approver-missing.yaml",
        (
            f"{F}/waiver-approver-missing.yaml:74:5: error: /exceptions/0: missing required "
            "field 'approver'",
            "id: waiver-1",
        ),
    ),
    case(
        "waiver-expires-in-3026.yaml",
        (
            f"{F}/waiver-expires-in-3026.yaml:81:5: error: /exceptions/0/expires_on: "
            f"'3026-06-30' is outside the years policies can compute with {YEAR_HINT}",
            "expires_on: 3026-06-30",
        ),
    ),
    case(
        "waiver-rules-empty.yaml",
        (
            f"{F}/waiver-rules-empty.yaml:76:5: error: /exceptions/0/rules: list should have "
            "at least 1 item after validation, not 0",
            "rules: []",
        ),
    ),
]


def run_validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "governance", "validate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_refused(result: subprocess.CompletedProcess, expected: list[str]) -> None:
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected
    assert result.returncode == 2


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_invalid_input_is_refused_with_exact_messages(case: Case) -> None:
    run = in_process("validate", f"{F}/{case.fixture}")  # paths print relative to ROOT
    assert_refused(
        subprocess.CompletedProcess([], run.code, run.stdout, run.stderr), list(case.lines)
    )


@pytest.mark.parametrize("fixture", ["malformed-yaml.yaml", "control-character.yaml"])
def test_the_executable_prints_the_same_lines(fixture: str) -> None:
    """The in-process runs above stand for the real executable: two of them, through it."""
    expected = next(c for c in CASES if c.fixture == fixture).lines
    assert_refused(run_validate(f"{F}/{fixture}"), list(expected))


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_expected_positions_point_at_the_offending_text(case: Case) -> None:
    """Checks the hand-written table itself: each line:col starts with the named text."""
    assert len(case.at) == len(case.lines)
    for line, token in zip(case.lines, case.at, strict=True):
        if token is None:
            continue
        path, number, column = line.split(": error: ")[0].rsplit(":", 2)
        raw = (ROOT / path).read_bytes()
        text_line = raw.split(b"\n")[int(number) - 1]
        wanted = token if isinstance(token, bytes) else token.encode()
        assert text_line[int(column) - 1 :].startswith(wanted), (line, text_line)


def test_every_fixture_is_in_the_table() -> None:
    on_disk = {p.name for p in (ROOT / F).iterdir()}
    in_table = {c.fixture for c in CASES} - {"does-not-exist.yaml"}
    assert on_disk == in_table
    assert not (ROOT / F / "does-not-exist.yaml").exists()
    assert len(CASES) >= 100


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "inventory.yaml"
    size = 10 * 1024 * 1024 + 1
    big.write_bytes(b"#" * (size - 1) + b"\n")
    assert_refused(
        run_validate(str(big)),
        [
            f"{big}:1:1: error: file is 10,485,761 bytes, over the limit of 10,485,760 "
            "(split it into several files, or raise --max-file-size)"
        ],
    )


def test_max_file_size_option_lowers_the_limit() -> None:
    template = "governance/templates/inventory.yaml"
    size = (ROOT / template).stat().st_size
    assert size > 100
    assert_refused(
        run_validate("--max-file-size", "100", template),
        [
            f"{template}:1:1: error: file is {size:,} bytes, over the limit of 100 "
            "(split it into several files, or raise --max-file-size)"
        ],
    )


def test_problems_from_several_inputs_are_all_reported_sorted() -> None:
    result = run_validate(f"{F}/wrong-apiversion.yaml", f"{F}/empty.yaml", f"{F}/tabs.yaml")
    assert_refused(
        result,
        [
            f"{F}/empty.yaml:1:1: error: file is empty "
            "(add 'apiVersion: governance/v1' and at least one section)",
            f"{F}/tabs.yaml:5:1: error: tab character used for indentation "
            "(YAML indentation must use spaces)",
            f"{F}/wrong-apiversion.yaml:2:1: error: /apiVersion: unsupported apiVersion "
            f"'governance/v2' {API_HINT}",
        ],
    )
