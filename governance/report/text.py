"""Plain text for terminals and CI logs: a summary line, then each choice and its findings.

With a comparison (check --base / --baseline) a second line counts what changed, each choice
and finding carries its classification in brackets, and removed choices, resolved findings
and stale baseline entries follow the choices.
"""

from __future__ import annotations

from collections.abc import Iterator

from governance.evaluation.report import Report
from governance.report.formats import RenderContext

_COLOURS = {
    "rejected": "31",
    "error": "31",
    "waived": "35",
    "warning": "33",
    "approved-with-conditions": "33",
    "info": "36",
    "approved": "32",
}


def _paint(text: str, key: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[key]}m{text}\x1b[0m" if colour else text


def _finding_line(finding, colour: bool) -> str:
    waived = f" [waived by {finding.waived_by}]" if finding.waived_by else ""
    status = f" [{finding.status}]" if finding.status else ""
    override = (
        f" [overridden: {finding.override[0]} -> {finding.severity}]" if finding.override else ""
    )
    return (
        f"  {finding.location}: {_paint(finding.severity, finding.severity, colour)}: "
        f"{finding.rule}: {finding.message}{waived}{status}{override}"
    )


def _counted(values, order: tuple[str, ...], noun: str) -> str:
    """'2 added, 1 removed model choices', '1 new finding', 'no findings'."""
    values = [value for value in values if value in order]
    counts = ", ".join(f"{values.count(name)} {name}" for name in order if name in values)
    return f"{counts or 'no'} {noun}{'' if len(values) == 1 else 's'}"


def comparison_lines(report: Report) -> Iterator[str]:
    """What the change did (check --base) or what the baseline excused (check --baseline)."""
    comparison = report.comparison
    if comparison is None:
        return
    statuses = [f.status for f in report.all_findings]
    if comparison.kind == "git":
        changes = [d.change for d in report.decisions] + ["removed"] * len(comparison.removed)
        statuses += ["resolved"] * len(comparison.resolved)
        choices = _counted(changes, ("added", "changed", "removed", "unchanged"), "model choice")
        findings = _counted(statuses, ("new", "resolved", "unchanged"), "finding")
        yield f"compared with {comparison.base}: {choices}; {findings}"
    else:
        findings = _counted(statuses, ("new", "baselined"), "finding")
        count = len(comparison.stale_baseline)
        stale = f"{count} stale baseline {'entry' if count == 1 else 'entries'}"
        yield f"compared with baseline {comparison.base}: {findings}; {stale}"
    for reason in comparison.reevaluated:
        yield f"re-evaluated: {reason}"


def comparison_tail(report: Report, colour: bool) -> Iterator[str]:
    """Removed choices, resolved findings and stale baseline entries, after the choices."""
    comparison = report.comparison
    if comparison is None:
        return
    if comparison.removed:
        yield ""
        yield f"removed (only in {comparison.base}):"
        for decision in comparison.removed:
            where = f"{decision.id} ({decision.role}) at {decision.location}"
            yield f"  {where}: was {decision.decision}"
    if comparison.resolved:
        yield ""
        yield f"resolved (in {comparison.base}, gone now):"
        for finding in comparison.resolved:
            yield _finding_line(finding, colour) + (
                f" ({finding.choice})" if finding.choice else ""
            )
    if comparison.stale_baseline:
        yield ""
        yield f"stale baseline entries (no longer occur; remove them from {comparison.base}):"
        for entry in comparison.stale_baseline:
            yield (
                f"  {entry['fingerprint']}: {entry['rule']}: {entry['choice'] or 'organization'}: "
                f"{entry.get('message', '')}"
            )


def summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.decisions)
    parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    errors = len(report.open_findings(("error",)))
    warnings = len(report.open_findings(("warning",)))
    new = "new " if report.comparison else ""  # with a comparison only new findings are open
    return (
        f"{report.organization_id}: {total} model choice{'s' if total != 1 else ''} "
        f"({parts or 'none'}); {errors} {new}error{'s' if errors != 1 else ''}, "
        f"{warnings} {new}warning{'s' if warnings != 1 else ''} — {report.verdict()}"
    )


def lines(report: Report, context: RenderContext | None = None) -> Iterator[str]:
    """The report line by line, so a 100k-choice report streams instead of being built."""
    colour = context.colour if context else False
    yield summary(report)
    yield from comparison_lines(report)
    yield f"policies: {report.policies_text()}"
    for override in report.overrides:
        yield f"override: {override.rule}: {override.change} ({override.justification})"
    for decision in report.decisions:
        yield ""
        yield (
            f"{decision.id} ({decision.role}) at {decision.location}: "
            + _paint(decision.decision, decision.decision, colour)
            + (f" [{decision.change}]" if decision.change else "")
        )
        for finding in decision.findings:
            yield _finding_line(finding, colour)
            if finding.remediation and finding.severity == "error" and not finding.waived_by:
                yield f"    fix: {finding.remediation}"
    if report.organization_findings:
        yield ""
        yield "organization:"
        for finding in report.organization_findings:
            yield _finding_line(finding, colour)
    yield from comparison_tail(report, colour)


def render(report: Report, context: RenderContext | None = None) -> str:
    return "".join(line + "\n" for line in lines(report, context))
