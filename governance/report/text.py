"""Plain text for terminals and CI logs: a summary line, then each choice and its findings.

With a comparison (check --base / --baseline) a second line counts what changed, each choice
and finding carries its classification in brackets, and removed choices, resolved findings
and stale baseline entries follow the choices.

Inventory text is data: every string from it is shown `visible()` and every line passes
`log_line()` (governance.output_safety), so a message can neither add a line, drive the
terminal (with or without --color) nor be read as a GitHub workflow command.
"""

from __future__ import annotations

from collections.abc import Iterator

from governance.evaluation.report import Alternative, Report
from governance.output_safety import log_line, plain_line, visible
from governance.report.formats import (
    LineFormat,
    RenderContext,
    Sections,
    concatenated,
)

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
    waived = f" [waived by {visible(finding.waived_by)}]" if finding.waived_by else ""
    status = f" [{finding.status}]" if finding.status else ""
    override = (
        f" [overridden: {finding.override[0]} -> {finding.severity}]" if finding.override else ""
    )
    return (
        f"  {finding.location}: {_paint(finding.severity, finding.severity, colour)}: "
        f"{visible(finding.rule)}: {visible(finding.message)}{waived}{status}{override}"
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
        yield f"compared with {visible(comparison.base)}: {choices}; {findings}"
    else:
        findings = _counted(statuses, ("new", "baselined"), "finding")
        count = len(comparison.stale_baseline)
        stale = f"{count} stale baseline {'entry' if count == 1 else 'entries'}"
        yield f"compared with baseline {visible(comparison.base)}: {findings}; {stale}"
    for reason in comparison.reevaluated:
        yield f"re-evaluated: {visible(reason)}"


def comparison_tail(report: Report, colour: bool) -> Iterator[str]:
    """Removed choices, resolved findings and stale baseline entries, after the choices."""
    comparison = report.comparison
    if comparison is None:
        return
    if comparison.removed:
        yield ""
        yield f"removed (only in {visible(comparison.base)}):"
        for decision in comparison.removed:
            where = f"{visible(decision.id)} ({visible(decision.role)}) at {decision.location}"
            yield f"  {where}: was {decision.decision}"
    if comparison.resolved:
        yield ""
        yield f"resolved (in {visible(comparison.base)}, gone now):"
        for finding in comparison.resolved:
            yield _finding_line(finding, colour) + (
                f" ({visible(finding.choice)})" if finding.choice else ""
            )
    if comparison.stale_baseline:
        yield ""
        base = visible(comparison.base)
        yield f"stale baseline entries (no longer occur; remove them from {base}):"
        for entry in comparison.stale_baseline:
            yield visible(
                f"  {entry['fingerprint']}: {entry['rule']}: {entry['choice'] or 'organization'}: "
                f"{entry.get('message', '')}"
            )


def alternatives_text(alternatives: list[Alternative]) -> str:
    """'approved instead: gpt-oss-20b on dc-frankfurt (self-hosted, EU); …'"""
    if not alternatives:
        return "approved instead: none (no pair of the inventory passes in its place)"
    return "approved instead: " + "; ".join(visible(a.line()) for a in alternatives)


def summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.decisions)
    parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    errors = len(report.open_findings(("error",)))
    warnings = len(report.open_findings(("warning",)))
    new = "new " if report.comparison else ""  # with a comparison only new findings are open
    return (
        f"{visible(report.organization_id)}: {total} model choice{'s' if total != 1 else ''} "
        f"({parts or 'none'}); {errors} {new}error{'s' if errors != 1 else ''}, "
        f"{warnings} {new}warning{'s' if warnings != 1 else ''} — {report.verdict()}"
    )


def lines(report: Report, context: RenderContext | None = None) -> Iterator[str]:
    """The report line by line, so a 100k-choice report streams instead of being built."""
    return map(log_line, _lines(report, context.colour if context else False))


def _lines(report: Report, colour: bool) -> Iterator[str]:
    yield summary(report)
    yield from comparison_lines(report)
    yield f"policies: {report.policies_text()}"
    for override in report.overrides:
        yield f"override: {override.rule}: {override.change} ({visible(override.justification)})"
    for decision in report.decisions:
        yield ""
        yield (
            f"{visible(decision.id)} ({visible(decision.role)}) at {decision.location}: "
            + _paint(decision.decision, decision.decision, colour)
            + (f" [{decision.change}]" if decision.change else "")
        )
        for finding in decision.findings:
            yield _finding_line(finding, colour)
            if finding.remediation and finding.severity == "error" and not finding.waived_by:
                yield f"    fix: {visible(finding.remediation)}"
        alternatives = report.alternatives_of(decision)
        if alternatives is not None:
            yield "  " + visible(alternatives_text(alternatives))
    models = sorted({d.model for d in report.decisions})
    openness = [(m, report.mof_of(m)) for m in models]
    if any(mof for _, mof in openness):
        yield ""
        yield "models (MOF class, as the policy library derives it from the recorded components):"
        for model_id, mof in openness:
            if mof is not None:
                yield f"  {visible(model_id)}: {mof[0]}" + (f" ({mof[1]})" if mof[1] else "")
    if report.organization_findings:
        yield ""
        yield "organization:"
        for finding in report.organization_findings:
            yield _finding_line(finding, colour)
    yield from comparison_tail(report, colour)


class Text(LineFormat):
    """Streams line by line; several inventories follow each other under a heading."""

    name = "text"
    extension = "txt"
    combinable = True

    lines = staticmethod(lines)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        return concatenated(self, sections, context, _heading)


def _heading(path: str) -> str:
    return plain_line(f"== inventory {path} ==") + "\n"


FORMAT = Text()
render = FORMAT.render
