"""HTML: one self-contained audit report, for the people who sign off on the decisions.

An auditor archives, opens offline and prints a single file, so it fetches nothing: inline CSS,
inline SVG charts (html_charts.py), no script at all, and a Content-Security-Policy that would
block anything else. Every inventory string is escaped (a model named ``<script>`` is text) and
every anchor id is sanitised. It is built by joining strings, not with a template engine, so a
10,000-choice report renders in a couple of seconds; output is deterministic (sorted, dated by
the evaluation clock, no paths from the rendering machine).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from html import escape

from governance.clock import utc_text
from governance.evaluation.findings import SEVERITY_ORDER, Finding
from governance.evaluation.report import CHANGES, DECISIONS, ChoiceDecision, Report
from governance.evaluation.waivers import WaiverStatus
from governance.policy.metadata import BUILT_IN
from governance.report.formats import RenderContext, ReportFormat
from governance.report.html_charts import Series, bar_chart

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
EXPIRY_WARNING_DAYS = 30
SEVERITIES = ("error", "warning", "info")
SEVERITY_COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}
DECISION_COLOURS = {
    "rejected": "#b42318",
    "waived": "#6941c6",
    "approved-with-conditions": "#b54708",
    "approved": "#067647",
}
ROLE_ORDER = {"primary": 0, "fallback": 1, "evaluation": 2}
WAIVER_STATES = (
    ("in-force", "In force"),
    ("expired", "Expired"),
    ("not-yet-in-force", "Not yet in force"),
)
# The use-case table's columns and their share of the width (the table's layout is fixed).
CHOICE_COLUMNS = (
    ("Role", 7),
    ("Model", 15),
    ("Access class", 8),
    ("Licence", 14),
    ("Deployment (mode · operator)", 16),
    ("Processing", 9),
    ("Storage", 8),
    ("Decision", 14),
    ("Findings", 9),
)
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")

CSS = """
:root { --ink: #1d2939; --muted: #5d6b82; --line: #d0d5dd; --soft: #f2f4f7; --accent: #1849a9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
header.top { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 6px; }
p { margin: 6px 0; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 12.5px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 12px 0 0; }
.meta div { min-width: 0; }
.meta dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.meta dd { margin: 0; font-weight: 600; }
nav.toc { margin: 12px 0 4px; font-size: 13px; }
nav.toc a { margin-right: 14px; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px; }
.tile .n { font-size: 22px; font-weight: 700; display: block; }
.tile .l { color: var(--muted); font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart text { font-size: 12px; fill: var(--ink);
  font-family: system-ui, "DejaVu Sans", Arial, sans-serif; }
svg.chart text.value { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
table.numbers { width: auto; min-width: 260px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
td.mono, .hash { word-break: break-all; }
thead th { background: var(--soft); font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.group th { background: #f9fafb; font-weight: 600; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
  font-weight: 600; color: #fff; white-space: nowrap; }
.s-error, .d-rejected { background: #b42318; }
.s-warning, .d-approved-with-conditions { background: #b54708; }
.s-info { background: #175cd3; }
.d-waived { background: #6941c6; }
.d-approved { background: #067647; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px;
  font-size: 11.5px; background: var(--soft); white-space: nowrap; }
.tag.new, .tag.added { border-color: #b42318; color: #b42318; background: #fef3f2; }
.tag.changed { border-color: #b54708; color: #b54708; background: #fffaeb; }
.verdict { font-size: 15px; padding: 2px 12px; border-radius: 12px; }
.waived { margin: 0 0 3px; }
.fix { margin: 4px 0 0; color: #344054; font-size: 12px; }
.k { font-weight: 600; }
ul.controls { margin: 0; padding-left: 16px; }
tr.expiring td { background: #fffaeb; }
.warn-note { color: #93370d; font-weight: 600; }
table.findings, table.choices, table.fixed { table-layout: fixed; }
table.choices .badge { white-space: normal; }
table.findings td:nth-child(2), table.findings td:nth-child(5) {
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
  word-break: break-all; }
table.findings td:nth-child(3) { font-size: 12px; }
table.findings td:nth-child(2) { word-break: normal; }
/* Long reports: the browser lays out only the use cases on screen. */
section.use-case { content-visibility: auto; contain-intrinsic-size: auto 600px; }
.hash { font-size: 12px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
  padding-top: 8px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  tr, figure, .tile { break-inside: avoid; }
  tr.group, caption { break-after: avoid; }
  section.use-case { content-visibility: visible; }
  thead { display: table-header-group; }
  .badge, .tag, tr.expiring td, thead th, tr.group th, svg.chart {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def anchor(prefix: str, value: str) -> str:
    """A safe, unique fragment id: letters, digits, '_' and '-'; a hash when anything changed."""
    slug = _UNSAFE_ID.sub("-", value)
    if slug != value:
        slug += "-" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{slug}"


def _badge(kind: str, value: str) -> str:
    safe = _UNSAFE_ID.sub("-", value)
    return f'<span class="badge {kind}-{safe}">{_esc(value)}</span>'


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _date(now: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(now[:10])
    except ValueError:
        return None


def _text_or_dash(value: object) -> str:
    if value is None or value == "" or value == []:
        return '<span class="muted">—</span>'
    if isinstance(value, (list, tuple)):
        return _esc(", ".join(str(v) for v in value))
    return _esc(value)


class _Renderer:
    def __init__(self, report: Report):
        self.report = report
        self.compared = report.comparison is not None
        self.today = report.evidence.now.date()
        self.rule_cells: dict[tuple, str] = {}
        self.out: list[str] = []

    # --- small pieces ------------------------------------------------------------------

    def area_of(self, rule_id: str) -> str:
        info = self.report.rules.get(rule_id)
        return info.area if info and info.area else "other"

    def rule_cell(self, finding: Finding) -> str:
        """The rule cell (a link into the catalogue, the title) and the controls cell, cached."""
        key = (finding.rule, finding.title, finding.controls)
        cell = self.rule_cells.get(key)
        if cell is None:
            link = (
                f'<a href="#{anchor("rule", finding.rule)}">{_esc(finding.rule)}</a>'
                if finding.rule in self.report.rules
                else _esc(finding.rule)
            )
            title = f"<br>{_esc(finding.title)}" if finding.title else ""
            controls = (
                '<ul class="controls">'
                + "".join(f"<li>{_esc(c)}</li>" for c in finding.controls)
                + "</ul>"
                if finding.controls
                else '<span class="muted">—</span>'
            )
            cell = f"<td>{link}{title}</td><td>{controls}</td>"
            self.rule_cells[key] = cell
        return cell

    def finding_row(self, finding: Finding) -> str:
        status = (
            f'<br><span class="tag {_UNSAFE_ID.sub("-", finding.status)}">'
            f"{_esc(finding.status)}</span>"
            if finding.status
            else ""
        )
        waived = (
            f'<p class="waived"><span class="tag">waived by '
            f'<a href="#{anchor("waiver", finding.waived_by)}">{_esc(finding.waived_by)}</a>'
            "</span></p>"
            if finding.waived_by
            else ""
        )
        remediation = (
            f'<p class="fix"><b>Remediation:</b> {_esc(finding.remediation)}</p>'
            if finding.remediation
            else ""
        )
        override = (
            f'<p class="override"><span class="tag">overridden from '
            f"{_esc(finding.override[0])}</span> {_esc(finding.override[1])}</p>"
            if finding.override
            else ""
        )
        return (
            f"<tr><td>{_badge('s', finding.severity)}{status}</td>"
            + self.rule_cell(finding)
            + f"<td>{waived}{override}{_esc(finding.message)}{remediation}</td>"
            f"<td>{_esc(finding.location)}</td></tr>"
        )

    def findings_table(self, groups: list[tuple[str, str, list[Finding]]], caption: str) -> str:
        """Findings grouped under a header row each (one group per choice)."""
        rows = []
        for group_id, heading, findings in groups:
            if heading:
                rows.append(
                    f'<tr class="group" id="{group_id}"><th colspan="5">{heading}</th></tr>'
                )
            rows.extend(self.finding_row(f) for f in findings)
        return (
            f'<table class="findings"><caption>{caption}</caption><thead><tr>'
            '<th scope="col" style="width:9%">Severity</th>'
            '<th scope="col" style="width:17%">Rule</th>'
            '<th scope="col" style="width:17%">Controls</th>'
            '<th scope="col">Finding and remediation</th>'
            '<th scope="col" style="width:17%">Source (file:line:col)</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )

    # --- sections ----------------------------------------------------------------------

    def head(self) -> None:
        report = self.report
        title = (
            f"Model governance audit report — {report.organization_name} "
            f"({report.organization_id}) — {report.evidence.now.date()}"
        )
        self.out.append(
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="icon" href="data:,">\n'
            f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        )

    def header(self) -> None:
        report = self.report
        verdict = report.verdict()
        compared = ""
        if report.comparison is not None:
            compared = (
                f"<div><dt>Compared with</dt><dd>{_esc(report.comparison.kind)}: "
                f"<code>{_esc(report.comparison.base)}</code></dd></div>"
            )
        sections = [
            ("overview", "Overview"),
            *([("changes", "Changes")] if self.compared else []),
            ("use-cases", "Use cases"),
            ("organization-findings", "Organization-wide findings"),
            ("waivers", "Waivers"),
            ("rules", "Rule catalogue"),
            ("evidence", "Evidence"),
        ]
        toc = " ".join(f'<a href="#{key}">{label}</a>' for key, label in sections)
        self.out.append(
            '<header class="top">\n<h1>Model governance audit report</h1>\n'
            '<dl class="meta">'
            f"<div><dt>Organization</dt><dd>{_esc(report.organization_name)}</dd></div>"
            f"<div><dt>Organization id</dt><dd><code>{_esc(report.organization_id)}</code>"
            "</dd></div>"
            f"<div><dt>Date (evaluation clock)</dt><dd>{report.evidence.now.date()}</dd></div>"
            f'<div><dt>Verdict</dt><dd><span class="badge verdict d-{verdict}">'
            f"{_esc(verdict)}</span></dd></div>"
            f"{compared}</dl>\n"
            f'<nav class="toc" aria-label="Contents">{toc}</nav>\n</header>\n'
        )

    def overview(self) -> None:
        report = self.report
        counts = report.counts()
        findings = report.all_findings
        use_cases = {d.use_case for d in report.decisions}
        open_errors = len(report.open_findings(("error",)))
        open_warnings = len(report.open_findings(("warning",)))
        waived = sum(1 for f in findings if f.waived_by)
        in_force = sum(1 for w in report.waivers if w.state == "in-force")
        tiles = [
            (len(use_cases), "use cases"),
            (len(report.decisions), "model choices"),
            (len(findings), "findings"),
            (open_errors, "open errors"),
            (open_warnings, "open warnings"),
            (waived, "waived findings"),
            (in_force, "waivers in force"),
        ]
        self.out.append(
            '<section id="overview">\n<h2>Overview</h2>\n<div class="tiles">'
            + "".join(
                f'<div class="tile"><span class="n">{n}</span><span class="l">{label}</span></div>'
                for n, label in tiles
            )
            + "</div>\n"
        )
        # Decisions by state.
        decision_rows = [(name, {name: counts[name]}) for name in DECISIONS]
        decision_series = [Series(name, name, DECISION_COLOURS[name]) for name in DECISIONS]
        decision_table = (
            '<table class="numbers"><caption>Model choices by decision</caption><thead><tr>'
            '<th scope="col">Decision</th><th scope="col" class="num">Choices</th></tr></thead>'
            "<tbody>"
            + "".join(
                f'<tr><th scope="row">{_badge("d", name)}</th>'
                f'<td class="num">{counts[name]}</td></tr>'
                for name in DECISIONS
            )
            + f'<tr><th scope="row">total</th><td class="num">{len(report.decisions)}</td></tr>'
            "</tbody></table>"
        )
        # Findings by area and severity (waived ones counted too, and shown in the table).
        by_area: dict[str, Counter] = {}
        for finding in findings:
            area = by_area.setdefault(self.area_of(finding.rule), Counter())
            area[finding.severity] += 1
            if finding.waived_by:
                area["waived"] += 1
        areas = sorted(by_area)
        area_series = [Series(s, s, SEVERITY_COLOURS[s]) for s in SEVERITIES]
        area_table = (
            '<table class="numbers"><caption>Findings by area and severity</caption><thead><tr>'
            '<th scope="col">Area</th>'
            + "".join(f'<th scope="col" class="num">{s}</th>' for s in SEVERITIES)
            + '<th scope="col" class="num">of which waived</th>'
            '<th scope="col" class="num">total</th></tr></thead><tbody>'
            + "".join(
                f'<tr><th scope="row">{_esc(area)}</th>'
                + "".join(f'<td class="num">{by_area[area][s]}</td>' for s in SEVERITIES)
                + f'<td class="num">{by_area[area]["waived"]}</td>'
                f'<td class="num">{sum(by_area[area][s] for s in SEVERITIES)}</td></tr>'
                for area in areas
            )
            + "</tbody></table>"
        )
        self.out.append(
            '<div class="charts">'
            "<figure><figcaption>Model choices by decision</figcaption>"
            + bar_chart(
                "chart-decisions",
                "Model choices by decision",
                decision_rows,
                decision_series,
                show_share=True,
                legend=False,
            )
            + "</figure>"
            + decision_table
            + "</div>\n"
            '<div class="charts">'
            "<figure><figcaption>Findings by area and severity</figcaption>"
            + bar_chart(
                "chart-areas",
                "Findings by area and severity",
                [(area, dict(by_area[area])) for area in areas],
                area_series,
            )
            + "</figure>"
            + area_table
            + "</div>\n</section>\n"
        )

    def changes(self) -> None:
        comparison = self.report.comparison
        if comparison is None:
            return
        changes = Counter(d.change for d in self.report.decisions)
        statuses = Counter(f.status for f in self.report.all_findings)
        out = [
            '<section id="changes">\n<h2>Changes</h2>\n'
            f"<p>Compared with the {_esc(comparison.kind)} <code>{_esc(comparison.base)}</code>."
            " Findings marked <em>unchanged</em> or <em>baselined</em> do not gate.</p>",
            '<div class="charts"><table class="numbers"><caption>Model choices</caption>'
            '<thead><tr><th scope="col">Change</th><th scope="col" class="num">Choices</th>'
            "</tr></thead><tbody>"
            + "".join(
                f'<tr><th scope="row">{name}</th><td class="num">{changes[name]}</td></tr>'
                for name in CHANGES
            )
            + f'<tr><th scope="row">removed</th><td class="num">{len(comparison.removed)}'
            "</td></tr></tbody></table>"
            '<table class="numbers"><caption>Findings</caption><thead><tr>'
            '<th scope="col">Status</th><th scope="col" class="num">Findings</th></tr></thead>'
            "<tbody>"
            + "".join(
                f'<tr><th scope="row">{name}</th><td class="num">{statuses[name]}</td></tr>'
                for name in ("new", "unchanged", "baselined")
            )
            + f'<tr><th scope="row">resolved</th><td class="num">{len(comparison.resolved)}'
            "</td></tr></tbody></table></div>",
        ]
        if comparison.reevaluated:
            out.append(
                "<h3>Why everything was re-evaluated</h3><ul>"
                + "".join(f"<li>{_esc(r)}</li>" for r in comparison.reevaluated)
                + "</ul>"
            )
        out.append("<h3>Removed model choices</h3>")
        if comparison.removed:
            out.append(
                '<table class="fixed"><thead><tr><th scope="col">Use case</th>'
                '<th scope="col">Model</th><th scope="col">Deployment</th>'
                '<th scope="col" style="width:9%">Role</th>'
                '<th scope="col" style="width:14%">Decision before</th>'
                '<th scope="col" style="width:24%">Source before</th>'
                "</tr></thead><tbody>"
                + "".join(
                    f"<tr><td><code>{_esc(d.use_case)}</code></td><td><code>{_esc(d.model)}"
                    f"</code></td><td><code>{_esc(d.deployment)}</code></td>"
                    f"<td>{_esc(d.role)}</td><td>{_badge('d', d.decision)}</td>"
                    f'<td class="mono small">{_esc(d.location)}</td></tr>'
                    for d in sorted(comparison.removed, key=lambda d: d.id)
                )
                + "</tbody></table>"
            )
        else:
            out.append("<p>None.</p>")
        out.append("<h3>Resolved findings</h3>")
        if comparison.resolved:
            out.append(
                '<table class="fixed"><thead><tr><th scope="col" style="width:20%">Choice</th>'
                '<th scope="col" style="width:9%">Severity</th>'
                '<th scope="col" style="width:18%">Rule</th><th scope="col">Finding</th>'
                '<th scope="col" style="width:18%">Source before</th></tr></thead><tbody>'
                + "".join(
                    f'<tr><td class="mono small">{_text_or_dash(f.choice)}</td>'
                    f"<td>{_badge('s', f.severity)}</td>"
                    f'<td class="mono small">{_esc(f.rule)}'
                    + (f"<br>{_esc(f.title)}" if f.title else "")
                    + f"</td><td>{_esc(f.message)}</td>"
                    f'<td class="mono small">{_esc(f.location)}</td></tr>'
                    for f in sorted(comparison.resolved, key=lambda f: f.sort_key)
                )
                + "</tbody></table>"
            )
        else:
            out.append("<p>None.</p>")
        if comparison.stale_baseline:
            out.append(
                "<h3>Baseline entries that no longer occur</h3><ul>"
                + "".join(
                    "<li>"
                    + "; ".join(
                        f'<span class="k">{_esc(k)}:</span> {_text_or_dash(entry[k])}'
                        for k in sorted(entry)
                    )
                    + "</li>"
                    for entry in comparison.stale_baseline
                )
                + "</ul>"
            )
        out.append("</section>\n")
        self.out.append("".join(out))

    def mof_cell(self, model_id: str) -> str:
        """'<br>MOF Class II' under the access class, what the next class needs as its title."""
        mof = self.report.mof_of(model_id)
        if mof is None:
            return ""
        label, following = mof
        title = f' title="{_esc(following)}"' if following else ""
        return f'<br><span class="muted small"{title}>{_esc(label)}</span>'

    def choice_row(self, decision: ChoiceDecision) -> str:
        facts = self.report.facts_of(decision)
        model_name = facts.get("model_name") or decision.model
        provider = f" · {_esc(facts['provider'])}" if facts.get("provider") else ""
        declared = facts.get("license_declared")
        licence = _text_or_dash(facts.get("license"))
        if facts.get("license"):
            licence = f"<code>{licence}</code>"
        if declared and declared != facts.get("license"):
            licence += f'<br><span class="muted small">declared: {_esc(declared)}</span>'
        mode = " · ".join(_esc(facts[k]) for k in ("deployment_mode", "operator") if facts.get(k))
        severities = Counter(f.severity for f in decision.findings)
        if decision.findings:
            summary = ", ".join(_plural(severities[s], s) for s in SEVERITIES if severities[s])
            findings = f'<a href="#{anchor("findings", decision.id)}">{summary}</a>'
        else:
            findings = '<span class="muted">none</span>'
        change = ""
        if self.compared:
            value = decision.change or "—"
            change = f'<td><span class="tag {_UNSAFE_ID.sub("-", value)}">{_esc(value)}</span></td>'
        return (
            f'<tr id="{anchor("choice", decision.id)}"><td>{_esc(decision.role)}</td>'
            f"<td><strong>{_esc(model_name)}</strong><br>"
            f'<span class="muted small"><code>{_esc(decision.model)}</code>{provider}</span></td>'
            f"<td>{_text_or_dash(facts.get('access_class'))}{self.mof_cell(decision.model)}</td>"
            f"<td>{licence}</td>"
            f"<td><code>{_esc(decision.deployment)}</code>"
            + (f'<br><span class="small">{mode}</span>' if mode else "")
            + f"</td><td>{_text_or_dash(facts.get('processing_locations'))}</td>"
            f"<td>{_text_or_dash(facts.get('storage_locations'))}</td>"
            f"<td>{_badge('d', decision.decision)}</td>"
            f'<td class="small">{findings}</td>{change}</tr>'
        )

    def alternatives(self, decision: ChoiceDecision) -> str:
        """'Approved instead of gpt-4o on aoai-global: …' under a rejected choice's table."""
        alternatives = self.report.alternatives_of(decision)
        if alternatives is None:
            return ""
        listed = "; ".join(
            f"<code>{_esc(a.model)}</code> on <code>{_esc(a.deployment)}</code> ({_esc(a.reason)}"
            + (f"; with {_esc(', '.join(a.conditions))}" if a.conditions else "")
            + ")"
            for a in alternatives
        )
        return (
            f'<p class="small alternatives">Approved instead of <code>{_esc(decision.model)}'
            f"</code> on <code>{_esc(decision.deployment)}</code>: "
            f"{listed or 'none (no pair of the inventory passes in its place)'}</p>"
        )

    def use_cases(self) -> None:
        grouped: dict[str, list[ChoiceDecision]] = {}
        for decision in self.report.decisions:
            grouped.setdefault(decision.use_case, []).append(decision)
        self.out.append(
            '<section id="use-cases">\n<h2>Use cases</h2>\n'
            f"<p>{_plural(len(grouped), 'use case')}, "
            f"{_plural(len(self.report.decisions), 'model choice')}; one table per use case, "
            "its findings below it.</p>\n"
        )
        if not grouped:
            self.out.append("<p>No model choices.</p>\n")
        columns = CHOICE_COLUMNS + ((("Change", 8),) if self.compared else ())
        head = (
            "<thead><tr>"
            + "".join(
                f'<th scope="col" style="width:{width}%">{label}</th>' for label, width in columns
            )
            + "</tr></thead>"
        )
        for use_case in sorted(grouped):
            decisions = sorted(
                grouped[use_case], key=lambda d: (ROLE_ORDER.get(d.role, 9), d.role, d.id)
            )
            facts = self.report.subjects.get("use_cases", {}).get(use_case, {})
            name = facts.get("use_case_name") or use_case
            details = " · ".join(
                f"{label}: {_esc(facts[key])}"
                for key, label in (
                    ("data_classification", "data classification"),
                    ("risk_tier", "risk tier"),
                    ("eu_ai_act", "EU AI Act"),
                )
                if facts.get(key)
            )
            parts = [
                f'<section class="use-case" id="{anchor("use-case", use_case)}">'
                f'<h3>{_esc(name)} <code class="muted">{_esc(use_case)}</code></h3>',
                f'<p class="small muted">{details}</p>' if details else "",
                f'<table class="choices"><caption class="small muted">Model choices of '
                f"{_esc(name)}</caption>{head}<tbody>"
                + "".join(self.choice_row(d) for d in decisions)
                + "</tbody></table>",
            ]
            groups = [
                (
                    anchor("findings", d.id),
                    f"<code>{_esc(d.model)}</code> on <code>{_esc(d.deployment)}</code> "
                    f"({_esc(d.role)}) — {_badge('d', d.decision)}",
                    sorted(d.findings, key=_finding_order),
                )
                for d in decisions
                if d.findings
            ]
            parts += [self.alternatives(d) for d in decisions]
            if groups:
                parts.append(self.findings_table(groups, f"Findings for {_esc(name)}"))
            parts.append("</section>\n")
            self.out.append("".join(parts))
        self.out.append("</section>\n")

    def organization_findings(self) -> None:
        findings = sorted(self.report.organization_findings, key=_finding_order)
        self.out.append(
            '<section id="organization-findings">\n<h2>Organization-wide findings</h2>\n'
            "<p>Findings about the organization as a whole, not one model choice.</p>\n"
        )
        if findings:
            self.out.append(self.findings_table([("", "", findings)], "Organization-wide findings"))
        else:
            self.out.append("<p>None.</p>\n")
        self.out.append("</section>\n")

    def waiver_rows(self, waivers: list[WaiverStatus], covered: Counter) -> str:
        rows = []
        for waiver in waivers:
            expires = _date(waiver.expires_on)
            days = (expires - self.today).days if expires and self.today else None
            expiring = (
                waiver.state == "in-force" and days is not None and days <= (EXPIRY_WARNING_DAYS)
            )
            when = ""
            if waiver.state == "in-force" and days is not None:
                when = (
                    f'<br><span class="warn-note">expires in {_plural(days, "day")}</span>'
                    if expiring
                    else f'<br><span class="muted small">{_plural(days, "day")} left</span>'
                )
            elif waiver.state == "expired" and days is not None:
                when = f'<br><span class="muted small">{_plural(-days, "day")} ago</span>'
            approved = _date(waiver.approved_on)
            starts = ""
            if waiver.state == "not-yet-in-force" and approved and self.today:
                days_to_start = (approved - self.today).days
                starts = f'<br><span class="muted small">in {_plural(days_to_start, "day")}</span>'
            count = covered[waiver.id]
            if count:
                use = _plural(count, "finding")
            elif waiver.state == "in-force":
                use = '<span class="warn-note">matches no finding (stale)</span>'
            else:
                use = '<span class="muted">none (not in force)</span>'
            rows.append(
                f'<tr id="{anchor("waiver", waiver.id)}"'
                + (' class="expiring"' if expiring else "")
                + f'><td class="mono small">{_esc(waiver.id)}</td>'
                f"<td>{_esc(waiver.approver)}</td><td>{_esc(waiver.approved_on)}{starts}</td>"
                f"<td>{_esc(waiver.expires_on)}{when}</td>"
                f'<td class="mono small">'
                + "<br>".join(_esc(r) for r in waiver.rules)
                + f'</td><td>{use}</td><td class="small">{_esc(waiver.justification)}</td></tr>'
            )
        return "".join(rows)

    def waivers(self) -> None:
        report = self.report
        covered = Counter(f.waived_by for f in report.all_findings if f.waived_by)
        today = report.evidence.now.date().isoformat()
        self.out.append(
            '<section id="waivers">\n<h2>Waivers</h2>\n'
            f"<p>Waivers at the evaluation date {_esc(today)}. Those in force that expire within "
            f"{EXPIRY_WARNING_DAYS} days are highlighted.</p>\n"
        )
        if not report.waivers:
            self.out.append("<p>No waivers.</p>\n")
        for state, label in WAIVER_STATES:
            waivers = sorted(
                (w for w in report.waivers if w.state == state),
                key=lambda w: (w.expires_on, w.id),
            )
            if not waivers:
                continue
            self.out.append(
                f"<table><caption>{label} ({len(waivers)})</caption><thead><tr>"
                '<th scope="col" style="width:11%">Waiver</th>'
                '<th scope="col" style="width:11%">Approver</th>'
                '<th scope="col" style="width:9%">Approved on</th>'
                '<th scope="col" style="width:11%">Expires on</th>'
                '<th scope="col" style="width:10%">Rules</th>'
                '<th scope="col" style="width:9%">Covers</th>'
                '<th scope="col">Justification</th></tr></thead><tbody>'
                + self.waiver_rows(waivers, covered)
                + "</tbody></table>\n"
            )
        self.out.append("</section>\n")

    def rules(self) -> None:
        report = self.report
        used = Counter(f.rule for f in report.all_findings)
        self.out.append(
            '<section id="rules">\n<h2>Rule catalogue</h2>\n'
            f"<p>The {_plural(len(report.rules), 'rule')} applied in this evaluation.</p>\n"
            '<table><thead><tr><th scope="col" style="width:10%">Rule</th>'
            '<th scope="col">Title and description</th>'
            '<th scope="col" style="width:8%">Severity</th>'
            '<th scope="col" style="width:9%">Area</th>'
            '<th scope="col" style="width:20%">Controls</th>'
            '<th scope="col" class="num" style="width:8%">Findings here</th></tr></thead><tbody>'
        )
        rows = []
        for rule_id in sorted(report.rules):
            info = report.rules[rule_id]
            controls = (
                '<ul class="controls">'
                + "".join(f"<li>{_esc(c)}</li>" for c in info.controls)
                + "</ul>"
                if info.controls
                else '<span class="muted">—</span>'
            )
            description = (
                f'<br><span class="muted small">{_esc(info.description)}</span>'
                if info.description
                else ""
            )
            rows.append(
                f'<tr id="{anchor("rule", rule_id)}"><td class="mono small">{_esc(rule_id)}</td>'
                f"<td>{_esc(info.title)}{_origin(info.origin)}{description}</td>"
                f"<td>{_badge('s', info.severity)}</td><td>{_esc(info.area or '—')}</td>"
                f'<td class="small">{controls}</td><td class="num">{used[rule_id]}</td></tr>'
            )
        self.out.append("".join(rows) + "</tbody></table>\n</section>\n")

    def evidence(self) -> None:
        evidence = self.report.evidence
        bundle = '<span class="muted">none (policies from directories)</span>'
        if evidence.bundle:
            bundle = "<br>".join(
                f'{_esc(k)}: <code class="hash">{_text_or_dash(evidence.bundle[k])}</code>'
                for k in sorted(evidence.bundle)
            )
        commit = (
            f'<code class="hash">{_esc(evidence.git_commit)}</code>'
            if evidence.git_commit
            else '<span class="muted">not in a git work tree</span>'
        )
        dirty = getattr(evidence, "git_dirty", None)  # None: no git, or an older report
        if evidence.git_commit and dirty is not None:
            commit += (
                '<br><span class="warn-note">an inventory file differs from this commit '
                "(uncommitted changes)</span>"
                if dirty
                else '<br><span class="muted small">inventory files as committed</span>'
            )
        facts = [
            ("Tool version", f"model-governance {_esc(evidence.tool_version)}"),
            ("Engine", f"{_esc(evidence.engine_name)}: {_esc(evidence.engine)}"),
            ("Evaluation clock (now)", _esc(utc_text(evidence.now))),
            ("Policy sources", _esc(self.report.policies_text())),
            ("Policy set SHA-256", f'<code class="hash">{_esc(evidence.policy_digest)}</code>'),
            ("Git commit", commit),
            ("Bundle", bundle),
        ]
        self.out.append(
            '<section id="evidence">\n<h2>Evidence</h2>\n'
            "<p>What a reviewer needs to reproduce these decisions: the same inputs, policies "
            "and data (by SHA-256), the same engine and the same evaluation clock.</p>\n"
            "<table><tbody>"
            + "".join(
                f'<tr><th scope="row" style="width:22%">{label}</th><td>{value}</td></tr>'
                for label, value in facts
            )
            + "</tbody></table>\n"
        )
        if evidence.config is not None:
            self.out.append(
                f"<p>Configuration: <code>{_esc(evidence.config.path)}</code> "
                f'(SHA-256 <code class="hash">{_esc(evidence.config.sha256)}</code>)</p>\n'
            )
        if self.report.overrides:
            self.out.append(
                "<table><caption>Rule overrides "
                f"({len(self.report.overrides)})</caption><thead><tr>"
                '<th scope="col">Rule</th><th scope="col">Override</th>'
                '<th scope="col">Justification</th></tr></thead><tbody>'
                + "".join(
                    f'<tr><td class="mono">{_esc(o.rule)}</td><td>{_esc(o.change)}</td>'
                    f"<td>{_esc(o.justification)}</td></tr>"
                    for o in self.report.overrides
                )
                + "</tbody></table>\n"
            )
        for caption, column, items in (
            ("Input files", "Path", evidence.inputs),
            ("Policies", "Module", evidence.policies),
            ("Data files", "Name", evidence.data_files),
        ):
            self.out.append(
                f"<table><caption>{caption} ({len(items)})</caption><thead><tr>"
                f'<th scope="col">{column}</th><th scope="col" style="width:50%">SHA-256</th>'
                "</tr></thead><tbody>"
                + (
                    "".join(
                        f'<tr><td class="mono small">{_esc(name)}</td>'
                        f'<td><code class="hash">{_esc(digest)}</code></td></tr>'
                        for name, digest in sorted(items)
                    )
                    or '<tr><td colspan="2" class="muted">none</td></tr>'
                )
                + "</tbody></table>\n"
            )
        self.out.append("</section>\n")

    def footer(self) -> None:
        self.out.append(
            "<footer>Generated by model-governance from the evaluation recorded above. This file "
            "is self-contained: it loads nothing from the network and runs no script. Re-render "
            "it from the JSON report with <code>governance report</code>.</footer>\n"
            "</main>\n</body>\n</html>\n"
        )

    def render(self) -> str:
        self.head()
        self.header()
        self.overview()
        self.changes()
        self.use_cases()
        self.organization_findings()
        self.waivers()
        self.rules()
        self.evidence()
        self.footer()
        # One table row per line, so a diff of two reports reads row by row. Safe as a plain
        # replace: every text is escaped, so "</tr>" only ever is markup.
        return "".join(self.out).replace("</tr>", "</tr>\n")


def _origin(origin: str) -> str:
    """A tag on the organization's own rules naming where they come from."""
    if origin == BUILT_IN:
        return ""
    return f' <span class="tag">{_esc(origin)}</span>'


def _finding_order(finding: Finding) -> tuple:
    return (
        SEVERITY_ORDER.get(finding.severity, 9),
        finding.location.path,
        finding.location.line,
        finding.location.column,
        finding.rule,
        finding.message,
    )


def render(report: Report, context: RenderContext | None = None) -> str:
    return _Renderer(report).render()


class Html(ReportFormat):
    """A whole page per inventory: not combinable."""

    name = "html"
    extension = "html"
    combinable = False

    def render(self, report: Report, context: RenderContext) -> str:
        return render(report, context)


FORMAT = Html()
