"""The rule catalogue in Markdown, generated from METADATA (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from governance.evaluation.waivers import WAIVER_RULES
from governance.policy.files import load_policy_set
from governance.policy.metadata import BUILT_IN, RuleInfo


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def rule_catalogue(rules: dict[str, RuleInfo]) -> str:
    """The catalogue as Markdown; an origin column when the organization's rules are in it."""
    custom = any(rule.origin != BUILT_IN for rule in rules.values())
    lines = [
        "# Policy rules",
        "",
        "Generated from the rules' METADATA by `governance policy doc -o docs/policies.md`;",
        "do not edit by hand. Severity: error rejects a model choice unless waived, warning",
        "and info (an obligation) approve it with conditions.",
        "",
        "| id | title | severity | area | controls | remediation |"
        + (" origin |" if custom else ""),
        "| --- | --- | --- | --- | --- | --- |" + (" --- |" if custom else ""),
    ]
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        lines.append(
            f'| <a id="{rule.id.lower()}"></a>{rule.id} | {_cell(rule.title)} | {rule.severity} | '
            f"{_cell(rule.area)} | "
            f"{_cell('; '.join(rule.controls))} | {_cell(rule.remediation)} |"
            + (f" {_cell(rule.origin)} |" if custom else "")
        )
    return "\n".join(lines) + "\n"


def catalogue_rules(directories: list[Path] | None = None) -> dict[str, RuleInfo]:
    """The built-in rules, the waiver rules, and those in ``directories``."""
    rules = dict(load_policy_set(directories or []).rules)
    rules.update(WAIVER_RULES)
    return rules


def builtin_catalogue() -> str:
    return rule_catalogue(catalogue_rules())


def catalogue_json(rules: dict[str, RuleInfo]) -> str:
    document = {"rules": [rules[rule_id].as_dict() for rule_id in sorted(rules)]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
