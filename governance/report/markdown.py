"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict first (or, on a
pull request, what the change does), a table of choices, then the findings of each choice.

GitHub refuses comments over 65,536 characters, so the document is built to a budget: sections
are added while they fit, and the choices that do not are counted in a last line
"… and N more model choices not shown (see the full report artifact)". Every inventory string
goes through `escape()` (governance.output_safety.markdown_text), which turns Markdown and HTML
syntax into character references and breaks URLs, `@mentions` and `#123` references with a
word joiner, so it renders as inert text in Markdown, in table cells and inside
`<details>`/`<summary>` HTML alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from governance.clock import utc_text
from governance.evaluation.findings import Finding
from governance.evaluation.report import (
    DECISIONS,
    NOT_GATING,
    Alternative,
    ChoiceDecision,
    Report,
)
from governance.output_safety import markdown_code, markdown_text
from governance.report.formats import RenderContext, ReportFormat, Sections, concatenated

COMMENT_LIMIT = 65_536  # GitHub's limit for a comment body, in characters
BUDGET = 65_000  # what the document is built to, leaving room for a wrapper around it
EXPAND_UP_TO = 10  # more choices with findings than this: each one collapses into <details>
EXPIRY_DAYS = 30  # waivers in force that expire within this many days are listed
MAX_TEXT = 1_000  # characters of any one inventory string (a message, a name)
MAX_LEAD = 10  # added choices named in the lead line
MORE_RESERVE = 200  # room always kept for a closing "… and N more" line

_SEVERITY_LABEL = {"error": "error", "warning": "warning", "info": "obligation"}
_CHANGE_RANK = {"added": 0, "changed": 1, "unchanged": 2, None: 3}
_DECISION_RANK = {name: rank for rank, name in enumerate(DECISIONS)}

# --- escaping ----------------------------------------------------------------------------

escape = markdown_text  # every inventory string: literal text, no link, mention or HTML


def code(text: object) -> str:
    """Inventory text in monospace; `<code>` (not backticks) so that escapes still apply."""
    return f"<code>{escape(_clip(str(text)))}</code>"


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _decision_label(decision: str) -> str:
    return decision.replace("-", " ")


# --- pieces ------------------------------------------------------------------------------


class _Document:
    """Parts of the document and their total length, against the budget."""

    def __init__(self, budget: int):
        self.parts: list[str] = []
        self.size = 0
        self.budget = budget

    def fits(self, text: str, reserve: int = MORE_RESERVE) -> bool:
        return self.size + len(text) + reserve <= self.budget

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def add_list(self, heading: str, items: Iterable[str], total: int) -> None:
        """A section of list items, as many as fit, then how many did not."""
        heading = f"### {heading}\n\n"
        if total == 0 or not self.fits(heading, 2 * MORE_RESERVE):
            return
        self.add(heading)
        shown = 0
        for item in items:
            if not self.fits(item, 2 * MORE_RESERVE):
                break
            self.add(item)
            shown += 1
        if shown < total:
            self.add(f"- … and {total - shown} more\n")
        self.add("\n")

    def text(self) -> str:
        return "".join(self.parts)


def _where(finding: Finding, context: RenderContext) -> str:
    path = context.repo_path(finding.location.path)
    line = finding.location.line
    if context.link_base:
        base = quote(context.link_base.rstrip("/"), safe=":/%@+~!$&'*,;=?")
        return f"[{escape(f'{path}:{line}')}]({base}/{quote(path)}#L{line})"
    return code(f"{path}:{line}:{finding.location.column}")


def _marks(finding: Finding) -> str:
    marks = [f"waived by {code(finding.waived_by)}"] if finding.waived_by else []
    if finding.status:
        marks.append(finding.status)
    if finding.override:
        marks.append(f"overridden from {finding.override[0]}: {escape(_clip(finding.override[1]))}")
    return f" ({', '.join(marks)})" if marks else ""


def _title(finding: Finding, report: Report) -> str:
    info = report.rules.get(finding.rule)
    return finding.title or (info.title if info else "")


def _finding_item(finding: Finding, report: Report, context: RenderContext) -> str:
    title = _title(finding, report)
    item = (
        f"- **{_SEVERITY_LABEL[finding.severity]}** {escape(finding.rule)}"
        + (f" {escape(_clip(title))}" if title else "")
        + _marks(finding)
        + f": {escape(_clip(finding.message))} — {_where(finding, context)}\n"
    )
    excused = finding.waived_by is not None or finding.status == "baselined"
    if finding.remediation and not excused:
        item += f"  - Fix: {escape(_clip(finding.remediation))}\n"
    return item


def _gating(finding: Finding) -> bool:
    return finding.waived_by is None and finding.status not in NOT_GATING


def _counts(findings: Iterable[Finding]) -> str:
    """E.g. "2 errors (1 waived), 1 warning"; "none" without findings."""
    total: Counter[str] = Counter()
    waived: Counter[str] = Counter()
    for finding in findings:
        total[finding.severity] += 1
        waived[finding.severity] += finding.waived_by is not None
    parts = []
    for severity in ("error", "warning", "info"):
        if total[severity]:
            part = _plural(total[severity], _SEVERITY_LABEL[severity])
            if waived[severity]:
                part += f" ({waived[severity]} waived)"
            parts.append(part)
    return ", ".join(parts) or "none"


def _verdict_line(report: Report) -> str:
    counts = report.counts()
    total = len(report.decisions)
    by_decision = ", ".join(f"{n} {_decision_label(name)}" for name, n in counts.items() if n)
    open_counts = Counter(f.severity for f in report.open_findings(("error", "warning", "info")))
    tally = ", ".join(
        _plural(open_counts[severity], _SEVERITY_LABEL[severity])
        for severity in ("error", "warning", "info")
        if severity != "info" or open_counts[severity]
    )
    return (
        f"**model-governance: {_decision_label(report.verdict())}** — "
        f"{_plural(total, 'model choice')}{': ' + by_decision if by_decision else ''}; {tally}\n"
    )


def _lead_line(report: Report, context: RenderContext) -> str:
    """'This change adds N model choice(s): …; changes C; removes R.' (the PR helper's anchor)"""
    comparison = report.comparison
    assert comparison is not None
    added = sorted((d for d in report.decisions if d.change == "added"), key=lambda d: d.id)
    changed = sum(d.change == "changed" for d in report.decisions)
    items = []
    for decision in added[:MAX_LEAD]:
        item = f"{code(decision.id)} {_decision_label(decision.decision)}"
        errors = [f for f in decision.findings if f.severity == "error" and _gating(f)]
        if errors:
            more = f" and {_plural(len(errors) - 1, 'more error')}" if len(errors) > 1 else ""
            item += f" ({escape(errors[0].rule)} at {_where(errors[0], context)}{more}"
            alternatives = report.alternatives_of(decision)
            if alternatives:
                item += f"; approved instead: {_alternatives(alternatives[:1])}"
            item += ")"
        items.append(item)
    if len(added) > MAX_LEAD:
        items.append(f"and {len(added) - MAX_LEAD} more")
    listed = f": {', '.join(items)}" if items else ""
    return (
        f"This change adds {_plural(len(added), 'model choice')}{listed}; "
        f"changes {changed}; removes {len(comparison.removed)}.\n"
    )


def _comparison_line(report: Report) -> str:
    comparison = report.comparison
    assert comparison is not None
    statuses = Counter(f.status for f in report.all_findings)
    parts = [f"{statuses['new']} new", f"{len(comparison.resolved)} resolved"]
    parts += [f"{statuses[s]} {s}" for s in ("unchanged", "baselined") if statuses[s]]
    line = f"Findings: {', '.join(parts)}."
    for reason in comparison.reevaluated:
        text = escape(_clip(reason.rstrip(". ")))
        line += f" {text[:1].upper()}{text[1:]}."
    return line + "\n"


def _meta_line(report: Report) -> str:
    base = ""
    if report.comparison is not None:
        base = f" · compared with {report.comparison.kind} {code(report.comparison.base)}"
    return (
        f"{escape(_clip(report.organization_name))} ({code(report.organization_id)}) · "
        f"evaluated {escape(utc_text(report.evidence.now))} · "
        f"{_plural(len(report.rules), 'rule')} · "
        f"model-governance {escape(report.evidence.tool_version)}{base}\n\n"
        f"Policies: {escape(report.policies_text())}\n"
    )


def _overrides(report: Report) -> list[str]:
    """The organization's rule overrides, as a table (none: nothing)."""
    if not report.overrides:
        return []
    rows = [
        f"| {escape(o.rule)} | {escape(o.change)} | {escape(_clip(o.justification))} |\n"
        for o in report.overrides
    ]
    return ["### Rule overrides\n\n| Rule | Override | Justification |\n|---|---|---|\n", *rows]


def _expiring(report: Report) -> list[str]:
    today = report.evidence.now.date()
    items = []
    for waiver in sorted(report.waivers, key=lambda w: (w.expires_on, w.id)):
        days = (dt.date.fromisoformat(waiver.expires_on) - today).days
        if waiver.state == "in-force" and 0 <= days <= EXPIRY_DAYS:
            items.append(
                f"- {code(waiver.id)} expires {waiver.expires_on} "
                f"(in {_plural(days, 'day')}; approved by {escape(_clip(waiver.approver))}; "
                f"covers {', '.join(escape(r) for r in waiver.rules)})\n"
            )
    return items


def _stale_entry(entry: dict) -> str:
    return "- " + "; ".join(f"{escape(k)}: {code(_clip(str(entry[k])))}" for k in sorted(entry))


def _order(report: Report) -> list[ChoiceDecision]:
    """Choices the reader should see first come first: what the change touches, then by
    decision (rejected first), then by id."""
    return sorted(
        report.decisions,
        key=lambda d: (_CHANGE_RANK.get(d.change, 3), _DECISION_RANK[d.decision], d.id),
    )


def _row(decision: ChoiceDecision, report: Report, comparison: bool) -> str:
    facts = report.facts_of(decision)
    model = escape(_clip(str(facts["model_name"]))) if facts.get("model_name") else ""
    mof = report.mof_of(decision.model)
    if mof is not None:
        model = (model or code(decision.model)) + f" ({mof[0]})"
    mode = f" ({escape(facts['deployment_mode'])})" if facts.get("deployment_mode") else ""
    decided = _decision_label(decision.decision)
    cells = [
        code(decision.id),
        model or code(decision.model),
        code(decision.deployment) + mode,
        f"**{decided}**" if decision.decision == "rejected" else decided,
        _counts(decision.findings),
    ]
    if comparison:
        cells.insert(0, escape(decision.change or ""))
    return "| " + " | ".join(cells) + " |\n"


def _alternatives(alternatives: list[Alternative]) -> str:
    """'<code>gpt-oss-20b</code> on <code>dc-frankfurt</code> (self-hosted, EU); …'"""
    if not alternatives:
        return "none (no pair of the inventory passes in its place)"
    return "; ".join(
        f"{code(a.model)} on {code(a.deployment)} ({escape(_clip(a.reason))}"
        + (f"; with {', '.join(escape(r) for r in a.conditions)}" if a.conditions else "")
        + ")"
        for a in alternatives
    )


def _block(decision: ChoiceDecision, report: Report, context: RenderContext, collapse: bool) -> str:
    change = f" ({escape(decision.change)})" if decision.change in ("added", "changed") else ""
    heading = (
        f"{code(decision.id)}{change} — {_decision_label(decision.decision)}: "
        f"{_counts(decision.findings)}"
    )
    items = "".join(_finding_item(f, report, context) for f in decision.findings)
    alternatives = report.alternatives_of(decision)
    if alternatives is not None:
        items += f"- **Approved instead:** {_alternatives(alternatives)}\n"
    if collapse:
        return f"<details><summary>{heading}</summary>\n\n{items}\n</details>\n\n"
    return f"#### {heading}\n\n{items}\n"


def _choices(report: Report, context: RenderContext) -> Iterator[tuple[str, str]]:
    """(table row, findings block) per choice in reading order."""
    comparison = report.comparison is not None
    ordered = _order(report)
    focus = [d for d in ordered if d.findings and (not comparison or d.change != "unchanged")]
    expand = {d.id for d in focus} if len(focus) <= EXPAND_UP_TO else set()
    for decision in ordered:
        block = ""
        if decision.findings:
            block = _block(decision, report, context, collapse=decision.id not in expand)
        yield _row(decision, report, comparison), block


def render(report: Report, context: RenderContext | None = None) -> str:
    context = context or RenderContext()
    document = _Document(BUDGET)
    comparison = report.comparison
    if comparison is not None:
        document.add(_lead_line(report, context))
        document.add("\n" + _comparison_line(report) + "\n")
    document.add(_verdict_line(report) + "\n")
    document.add(_meta_line(report) + "\n")
    overrides = _overrides(report)
    if overrides:
        document.add("".join(overrides) + "\n")

    organization = sorted(report.organization_findings, key=lambda f: f.sort_key)
    document.add_list(
        "Organization",
        (_finding_item(f, report, context) for f in organization),
        len(organization),
    )
    expiring = _expiring(report)
    document.add_list(f"Waivers expiring within {EXPIRY_DAYS} days", expiring, len(expiring))
    if comparison is not None:
        removed = sorted(comparison.removed, key=lambda d: d.id)
        document.add_list(
            "Removed model choices",
            (f"- {code(d.id)} (was {_decision_label(d.decision)})\n" for d in removed),
            len(removed),
        )
        resolved = sorted(comparison.resolved, key=lambda f: f.sort_key)
        document.add_list(
            "Resolved findings",
            (
                f"- {escape(f.rule)} on {code(f.choice) if f.choice else 'the organization'}: "
                f"{escape(_clip(f.message))}\n"
                for f in resolved
            ),
            len(resolved),
        )
        stale = comparison.stale_baseline
        document.add_list(
            "Baseline entries that no longer occur (remove them from the baseline)",
            (_stale_entry(e) + "\n" for e in stale),
            len(stale),
        )

    total = len(report.decisions)
    header = "| Choice | Model | Deployment | Decision | Findings |\n|---|---|---|---|---|\n"
    if comparison is not None:
        header = "| Change " + header.replace("|---", "|---|---", 1)
    table_head = "### Model choices\n\n" + header
    blocks_head = "### Findings by model choice\n\n"
    rows: list[str] = []
    blocks: list[str] = []
    used = len(table_head) + 1
    for row, block in _choices(report, context):
        cost = len(row) + len(block) + (len(blocks_head) if block and not blocks else 0)
        if not document.fits("", used + cost + MORE_RESERVE):
            break
        rows.append(row)
        if block:
            blocks.append(block)
        used += cost
    if rows:
        document.add(table_head + "".join(rows) + "\n")
    if blocks:
        document.add(blocks_head + "".join(blocks))
    if len(rows) < total:
        document.add(
            f"… and {_plural(total - len(rows), 'more model choice')} not shown "
            "(see the full report artifact)\n"
        )
    return document.text().rstrip("\n") + "\n"


class Markdown(ReportFormat):
    """Several inventories follow each other, each under a second-level heading."""

    name = "markdown"
    extension = "md"
    combinable = True

    def render(self, report: Report, context: RenderContext) -> str:
        return render(report, context)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        return concatenated(
            self, sections, context, lambda path: f"## Inventory {markdown_code(path)}\n\n"
        )


FORMAT = Markdown()
