"""GitHub Actions workflow commands: each open finding becomes an annotation on its line of the
inventory YAML in the pull request (`::error`, `::warning`, `::notice` for obligations), then
one `::notice` sums up.

Only what the author must act on is annotated: waived findings, and with --base/--baseline the
unchanged and baselined ones, are left out (the summary counts them) so that a PR shows its own
changes and not the whole backlog. Errors come first, since GitHub shows a limited number of
annotations per step.

Data in a command is shown as on any log line and encoded the way the runner decodes it
(governance.output_safety): a message cannot end its line, a property cannot end the
properties, and no escape sequence reaches the log.
"""

from __future__ import annotations

from governance.evaluation.findings import SEVERITY_ORDER, Finding
from governance.evaluation.report import Report
from governance.output_safety import plain_line, workflow_data, workflow_property
from governance.report.formats import (
    LineFormat,
    RenderContext,
    Sections,
    concatenated,
)
from governance.report.text import summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _excused(finding: Finding) -> str | None:
    """Why a finding is not annotated, or None when it is."""
    if finding.waived_by is not None:
        return "waived"
    if finding.status in ("unchanged", "baselined"):
        return finding.status
    return None


def _annotation(finding: Finding, context: RenderContext) -> str:
    location = finding.location
    properties = ",".join(
        f"{name}={workflow_property(value)}"
        for name, value in (
            ("file", context.repo_path(location.path)),
            ("line", str(location.line)),
            ("col", str(location.column)),
            ("title", f"{finding.rule} {finding.title}".strip()),
        )
    )
    subject = finding.choice if finding.choice is not None else "organization"
    message = plain_line(f"{subject}: {finding.message}")
    if finding.remediation:
        message += f"\nFix: {plain_line(finding.remediation)}"
    return f"::{COMMANDS[finding.severity]} {properties}::{workflow_data(message)}"


def lines(report: Report, context: RenderContext | None = None) -> list[str]:
    context = context or RenderContext()
    findings = report.all_findings
    annotated = sorted(
        (f for f in findings if _excused(f) is None),
        key=lambda f: (SEVERITY_ORDER[f.severity], f.sort_key),
    )
    out = [_annotation(f, context) for f in annotated]
    summed_up = plain_line(_summary(report, annotated))
    out.append(f"::notice title=model-governance::{workflow_data(summed_up)}")
    return out


def _summary(report: Report, annotated: list[Finding]) -> str:
    left_out: dict[str, int] = {}
    for finding in report.all_findings:
        reason = _excused(finding)
        if reason:
            left_out[reason] = left_out.get(reason, 0) + 1
    text = (
        f"{summary(report)}. Annotated {len(annotated)} finding{'s' if len(annotated) != 1 else ''}"
    )
    comparison = report.comparison
    if comparison is not None:
        text += f" (only those new since {comparison.base})"
    if left_out:
        text += "; not annotated: " + ", ".join(
            f"{left_out[reason]} {reason}"
            for reason in ("waived", "unchanged", "baselined")
            if reason in left_out
        )
    if comparison is not None:
        if comparison.resolved:
            text += f"; {len(comparison.resolved)} resolved"
        if comparison.removed:
            n = len(comparison.removed)
            text += f"; {n} model choice{'s' if n != 1 else ''} removed"
    text += f". Policies: {report.policies_text()}"
    if report.overrides:
        text += "; overrides: " + ", ".join(f"{o.rule} {o.change}" for o in report.overrides)
    return text + "."


class GitHub(LineFormat):
    """Workflow commands on stdout; several inventories' commands simply follow each other."""

    name = "github"
    extension = "txt"
    combinable = True

    lines = staticmethod(lines)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        return concatenated(self, sections, context, lambda path: "")


FORMAT = GitHub()
render = FORMAT.render
