"""`governance explain RULE_ID`: a rule's documentation, and where a bundled example trips it."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from governance.errors import InputInvalid, UsageError
from governance.evaluation.waivers import WAIVER_RULES
from governance.policy.files import load_policy_set
from governance.policy.metadata import RuleInfo
from governance.resources import examples_dir

EXAMPLE_CLOCK = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
# For rules that speak only before a date (GOV-REG-001: an EU AI Act obligation not yet
# applicable), the examples are also evaluated before the Act's Art. 50 and Annex III dates.
EARLIER_CLOCK = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)


def all_rules(policy_dirs: Sequence[Path] = ()) -> dict[str, RuleInfo]:
    rules = dict(load_policy_set(list(policy_dirs)).rules)
    rules.update(WAIVER_RULES)
    return rules


@cache
def _first_findings(clock: dt.datetime = EXAMPLE_CLOCK) -> dict:
    """Rule id -> (its first finding across the bundled examples at ``clock``, the MOF class
    text of that finding's model or None) (evaluated once per clock)."""
    from governance.evaluation.check import check
    from governance.evaluation.settings import EvaluationSettings

    root = examples_dir()
    first: dict = {}
    if root is None:
        return first
    for example in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            report = check([example], EvaluationSettings(now=clock))
        except InputInvalid:
            continue
        for decision in report.decisions:
            mof = report.mof_of(decision.model)
            text = None
            if mof is not None:
                text = f"{decision.model}: {mof[0]}" + (f" ({mof[1]})" if mof[1] else "")
            for finding in decision.findings:
                first.setdefault(finding.rule, (finding, text))
        for finding in report.organization_findings:
            first.setdefault(finding.rule, (finding, None))
    return first


def _example_snippet(rule_id: str, context: int = 2) -> list[str]:
    """Where a bundled example trips the rule, with the lines around it."""
    clock = EXAMPLE_CLOCK
    found = _first_findings().get(rule_id)
    if found is None:
        clock = EARLIER_CLOCK
        found = _first_findings(clock).get(rule_id)
    if found is None:
        return []
    finding, mof = found
    path = Path(finding.location.path)
    path = path if path.is_absolute() else Path.cwd() / path
    text = path.read_text("utf-8").splitlines()
    line = finding.location.line
    start, end = max(1, line - context), min(len(text), line + context)
    when = "" if clock == EXAMPLE_CLOCK else f", --now {clock.date().isoformat()}"
    out = [f"Example: {finding.location} ({finding.choice or 'organization'}{when})"]
    out.append(f"  {finding.message}")
    for number in range(start, end + 1):
        marker = ">" if number == line else " "
        out.append(f"  {number:>5} {marker} {text[number - 1]}")
    if mof is not None:
        out.append(f"  Model Openness Framework class of {mof}")
    return out


def explain(rule_id: str, policy_dirs: Sequence[Path] = (), overrides=()) -> str:
    """The rule's documentation: built-in, a waiver rule, or one in ``policy_dirs`` (the
    organization's, marked so), with the organization's override of it if any."""
    rules = all_rules(policy_dirs)
    rule = rules.get(rule_id.upper())
    if rule is None:
        close = difflib.get_close_matches(rule_id.upper(), list(rules), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else "; see `governance policy doc`"
        if not policy_dirs:
            hint += " (no policy directory given or configured: only built-in rules are known)"
        raise UsageError(f"no rule {rule_id!r}{hint}")
    lines = [
        f"{rule.id} · {rule.severity} · {rule.title}",
        f"Area: {rule.area}" + (f" · defined at {rule.path}:{rule.line}" if rule.path else ""),
        f"Origin: {rule.origin}",
    ]
    for override in (o for o in overrides if o.rule == rule.id):
        change = f"severity {override.severity}" if override.enabled else "disabled"
        if override.enabled and override.severity is None:
            change = "kept"
        lines.append(
            f"Override: {change} by {override.location.path}:{override.location.line} "
            f"({override.justification})"
        )
    lines += [
        "",
        rule.description,
        "",
        "Controls: " + ("; ".join(rule.controls) or "none recorded"),
        f"Remediation: {rule.remediation}",
    ]
    example = _example_snippet(rule.id)
    if example:
        lines += ["", *example]
    return "\n".join(lines) + "\n"
