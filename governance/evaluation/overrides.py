"""The organization's rule overrides (`[rules."GOV-XXX-NNN"]` in governance.toml) applied to
findings: another severity, or the rule switched off, each with its justification kept on
the finding so every report can show what was changed and why."""

from __future__ import annotations

from dataclasses import replace

from governance.config import RuleOverride
from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.evaluation.findings import Finding, Override


def overrides_of(recorded: tuple[dict, ...], shown: str) -> tuple[RuleOverride, ...]:
    """Overrides as the evidence (and a bundle's manifest) records them."""
    where = SourceLocation(shown, 1, 1)
    return tuple(
        RuleOverride(o["rule"], o["severity"], o["enabled"], o["justification"], where)
        for o in recorded
    )


def check_overrides(overrides: tuple[RuleOverride, ...], known: dict) -> None:
    """An override of a rule no policy in force defines is a mistake (a typo, or a policy
    directory left out): exit 2 at the override."""
    problems = [
        InputProblem(
            override.location,
            "",
            f"rules.{override.rule}: no rule {override.rule!r} in the policies in force",
            "check the id with governance policy doc, or add the directory that defines it "
            "to policy",
        )
        for override in overrides
        if override.rule not in known
    ]
    if problems:
        raise InputInvalid(problems)


def apply_overrides(findings: list[Finding], overrides: tuple[RuleOverride, ...]) -> list[Finding]:
    """Findings of disabled rules dropped, the others at their overridden severity; a finding
    already overridden is left as it is."""
    if not overrides:
        return findings
    by_rule = {o.rule: o for o in overrides}
    kept = []
    for finding in findings:
        override = by_rule.get(finding.rule)
        if override is None or finding.override is not None:
            kept.append(finding)
        elif override.enabled:
            severity = override.severity or finding.severity
            kept.append(
                replace(
                    finding,
                    severity=severity,
                    override=Override(finding.severity, override.justification),
                )
            )
    return kept
