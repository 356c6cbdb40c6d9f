"""Plain text for terminals and CI logs: a summary line, then each choice and its findings."""

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
    return (
        f"  {finding.location}: {_paint(finding.severity, finding.severity, colour)}: "
        f"{finding.rule}: {finding.message}{waived}"
    )


def summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.decisions)
    parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    errors = len(report.open_findings(("error",)))
    warnings = len(report.open_findings(("warning",)))
    return (
        f"{report.organization_id}: {total} model choice{'s' if total != 1 else ''} "
        f"({parts or 'none'}); {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} — {report.verdict()}"
    )


def lines(report: Report, context: RenderContext | None = None) -> Iterator[str]:
    """The report line by line, so a 100k-choice report streams instead of being built."""
    colour = context.colour if context else False
    yield summary(report)
    for decision in report.decisions:
        yield ""
        yield (
            f"{decision.id} ({decision.role}) at {decision.location}: "
            + _paint(decision.decision, decision.decision, colour)
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


def render(report: Report, context: RenderContext | None = None) -> str:
    return "".join(line + "\n" for line in lines(report, context))
