"""SARIF 2.1.0, for GitHub code scanning and any SARIF viewer: every finding becomes a result at
its line in the inventory YAML, with a fingerprint that survives line moves, waivers and baselines
as suppressions, and, with --base/--baseline, a baselineState. One run, deterministic; with
check --discover, one log with a run per inventory, merged from each Report's log.

GitHub code scanning takes at most 25,000 results per run: past that the most severe open
findings are kept and a run-level notification says how many were left out.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePosixPath
from urllib.parse import quote

from governance.clock import utc_text
from governance.errors import SourceLocation
from governance.evaluation.findings import SEVERITY_ORDER, Finding
from governance.evaluation.report import Report
from governance.policy import RuleInfo
from governance.policy.metadata import BUILT_IN
from governance.report.formats import RenderContext, ReportFormat, Sections

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "model-governance"
INFORMATION_URI = "https://github.com/model-governance/model-governance"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "governanceFinding/v1"
MAX_RESULTS = 25_000  # GitHub code scanning's limit per run
MAX_TAGS = 20  # GitHub code scanning's limit per rule
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
BASELINE_STATES = {"new": "new", "unchanged": "unchanged", "baselined": "unchanged"}


def render(report: Report, context: RenderContext) -> str:
    return _document(sarif_log(report, context))


def combined(sections: Sections, context: RenderContext) -> str:
    """One log with a run per inventory, each with its own automationDetails.id so that code
    scanning keeps them apart."""
    log = None
    for path, report in sections:
        one = sarif_log(report, context)
        for run in one["runs"]:
            run.setdefault("automationDetails", {"id": f"model-governance/{path}/"})
        if log is None:
            log = one
        else:
            log["runs"].extend(one["runs"])
    return _document(log)


def _document(log: dict | None) -> str:
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report, context: RenderContext) -> dict:
    """The SARIF log as a dict (one run)."""
    resolved = report.comparison.resolved if report.comparison else []
    entries = [(f, None) for f in report.all_findings] + [
        (f, "absent") for f in sorted(resolved, key=lambda f: f.sort_key)
    ]
    kept, dropped = _within_limit(entries)

    rules = _rules(report, [f for f, _ in entries])
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    waivers = {w.id: w for w in report.waivers}
    results = [_result(report, context, finding, state, index, waivers) for finding, state in kept]
    invocation: dict = {"executionSuccessful": True}
    if dropped:
        invocation["toolExecutionNotifications"] = [
            {
                "descriptor": {"id": "results-truncated"},
                "level": "warning",
                "message": {
                    "text": f"{dropped} of {len(entries)} results were left out: GitHub code "
                    f"scanning accepts at most {MAX_RESULTS} results per run. The most severe "
                    "open findings were kept; the JSON report (-o json) has every finding."
                },
            }
        ]
    overrides = _overrides(report, index)
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    invocation["properties"] = _evidence(report)
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.evidence.tool_version,
                "semanticVersion": report.evidence.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {
            SRCROOT: {
                "description": {
                    "text": "The root of the repository (git work tree) that holds the inventory."
                }
            }
        },
        "artifacts": [
            {
                "location": _artifact_location(context, path),
                "roles": ["analysisTarget"],
                "hashes": {"sha-256": digest},
            }
            for path, digest in sorted(report.evidence.inputs)
        ],
        "results": results,
        "columnKind": "unicodeCodePoints",  # libyaml counts columns in code points
        "properties": _run_properties(report, dropped),
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _within_limit(entries: list) -> tuple[list, int]:
    """At most MAX_RESULTS entries, keeping open findings before excused ones, the most severe
    first; the kept ones stay in report order."""
    if len(entries) <= MAX_RESULTS:
        return entries, 0

    def priority(item: tuple[int, tuple]) -> tuple:
        position, (finding, state) = item
        excused = (
            state == "absent"
            or finding.waived_by is not None
            or finding.status
            in (
                "unchanged",
                "baselined",
            )
        )
        return (state == "absent", excused, SEVERITY_ORDER[finding.severity], position)

    chosen = sorted(enumerate(entries), key=priority)[:MAX_RESULTS]
    return [entry for _, entry in sorted(chosen, key=lambda item: item[0])], len(
        entries
    ) - MAX_RESULTS


# -- rules ------------------------------------------------------------------------------------


def _rules(report: Report, findings: list[Finding]) -> list[dict]:
    infos = dict(report.rules)
    for finding in findings:  # a rule without METADATA, or one a newer policy set dropped
        infos.setdefault(
            finding.rule,
            RuleInfo(
                id=finding.rule,
                title=finding.title,
                description="",
                severity=finding.severity,
                remediation=finding.remediation,
                controls=finding.controls,
            ),
        )
    return [_descriptor(infos[rule_id]) for rule_id in sorted(infos)]


def _descriptor(rule: RuleInfo) -> dict:
    title = rule.title or rule.id
    descriptor: dict = {
        "id": rule.id,
        "name": camel_case(title) or camel_case(rule.id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.description or title},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    if rule.severity in LEVELS:
        descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    tags = list(dict.fromkeys(t for t in (rule.area, *rule.controls) if t))[:MAX_TAGS]
    descriptor["properties"] = {"tags": tags, "precision": "very-high"}
    if rule.origin != BUILT_IN:  # the organization's own rule, and where it comes from
        descriptor["properties"]["origin"] = rule.origin
    return descriptor


def camel_case(text: str) -> str:
    """'Access class differs from the catalogue's' -> 'AccessClassDiffersFromTheCatalogues'."""
    words = re.findall(r"[^\W_]+", text.replace("'", "").replace("\u2019", ""))
    return "".join(word[0].upper() + word[1:] for word in words)


def _help_text(rule: RuleInfo) -> str:
    parts = [rule.description or rule.title or rule.id]
    if rule.remediation:
        parts.append(f"Remediation: {rule.remediation}")
    if rule.controls:
        parts.append(f"Controls: {'; '.join(rule.controls)}")
    return "\n\n".join(parts)


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&~])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#>+=.)-])")


def _md(text: str) -> str:
    """Plain text as literal CommonMark: what could format inline, or open a block, is escaped."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return "\n".join(
        _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        for line in escaped.split("\n")
    )


def _help_markdown(rule: RuleInfo) -> str:
    parts = [_md(rule.description or rule.title or rule.id)]
    if rule.remediation:
        parts.append(f"**Remediation:** {_md(rule.remediation)}")
    if rule.controls:
        parts.append("**Controls:**\n\n" + "\n".join(f"- {_md(c)}" for c in rule.controls))
    return "\n\n".join(parts)


# -- results ----------------------------------------------------------------------------------


def message_text(text: str) -> str:
    """SARIF plain text: '\\', '[' and ']' escaped so nothing reads as an embedded link."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _artifact_location(context: RenderContext, display_path: str) -> dict:
    path = context.repo_path(display_path)
    if PurePosixPath(path).is_absolute():  # outside the repository: an absolute file URI
        return {"uri": "file://" + quote(path, safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _physical(context: RenderContext, location: SourceLocation) -> dict:
    return {
        "artifactLocation": _artifact_location(context, location.path),
        "region": {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)},
    }


def _logical(report: Report, finding: Finding) -> dict:
    if finding.choice is None:
        return {
            "name": report.organization_id,
            "fullyQualifiedName": report.organization_id,
            "kind": "organization",
        }
    return {
        "name": finding.choice,
        "fullyQualifiedName": f"{report.organization_id}/{finding.choice}",
        "kind": "modelChoice",
    }


def _fingerprint(finding: Finding) -> str:
    if finding.fingerprint:
        return finding.fingerprint
    # A finding saved without one: its identity is the rule, the choice and the field.
    key = "\x1f".join((finding.rule, finding.choice or "", finding.pointer))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(report, context, finding: Finding, state, index, waivers) -> dict:
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": message_text(finding.message)},
        "locations": [
            {
                "physicalLocation": _physical(context, finding.location),
                "logicalLocations": [_logical(report, finding)],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(finding)},
    }
    suppressions = []
    if finding.waived_by is not None:
        waiver = waivers.get(finding.waived_by)
        suppressions.append(
            {
                "kind": "external",
                "status": "accepted",
                "justification": waiver.justification
                if waiver and waiver.justification
                else f"waived by {finding.waived_by}",
                "properties": _waiver_properties(finding.waived_by, waiver),
            }
        )
    if finding.status == "baselined":
        suppressions.append(
            {"kind": "external", "status": "accepted", "justification": "baselined"}
        )
    if suppressions:
        result["suppressions"] = suppressions
    if state == "absent":
        result["baselineState"] = "absent"
    elif report.comparison is not None and finding.status in BASELINE_STATES:
        result["baselineState"] = BASELINE_STATES[finding.status]
    properties: dict = {"pointer": finding.pointer}
    if finding.choice is not None:
        properties["choice"] = finding.choice
    if finding.controls:
        properties["controls"] = list(finding.controls)
    if finding.override:
        properties["originalSeverity"] = finding.override[0]
        properties["overrideJustification"] = finding.override[1]
    result["properties"] = properties
    return result


def _waiver_properties(waiver_id: str, waiver) -> dict:
    properties = {"waiver": waiver_id}
    if waiver is not None:
        properties.update(
            approver=waiver.approver,
            approvedOn=waiver.approved_on,
            expiresOn=waiver.expires_on,
        )
    return properties


# -- run-level facts --------------------------------------------------------------------------


def _evidence(report: Report) -> dict:
    evidence = report.evidence
    properties: dict[str, object] = {
        "evaluatedAt": utc_text(evidence.now),
        "engine": evidence.engine,
        "engineName": evidence.engine_name,
        "policySetSha256": evidence.policy_digest,
        "dataFiles": [{"name": n, "sha256": h} for n, h in evidence.data_files],
    }
    if evidence.bundle:
        properties["bundle"] = evidence.bundle
    properties["policySources"] = [{"source": s, "rules": n} for s, n in evidence.policy_sources]
    if evidence.config is not None:
        properties["configuration"] = {
            "path": evidence.config.path,
            "sha256": evidence.config.sha256,
        }
    return properties


def _overrides(report: Report, index: dict[str, int]) -> list[dict]:
    """The organization's rule overrides as SARIF configuration overrides (the level a rule's
    results get, or the rule disabled), each with its justification."""
    overrides = []
    for override in report.overrides:
        descriptor: dict = {"id": override.rule}
        if override.rule in index:
            descriptor["index"] = index[override.rule]
        configuration: dict = {"enabled": override.enabled}
        if override.severity:
            configuration["level"] = LEVELS[override.severity]
        configuration["properties"] = {"justification": override.justification}
        overrides.append({"descriptor": descriptor, "configuration": configuration})
    return overrides


def _run_properties(report: Report, dropped: int) -> dict:
    properties: dict = {
        "organization": {"id": report.organization_id, "name": report.organization_name},
        "verdict": report.verdict(),
        "decisions": report.counts(),
    }
    if dropped:
        properties["resultsLeftOut"] = dropped
    comparison = report.comparison
    if comparison is not None:
        properties["comparison"] = {
            "kind": comparison.kind,
            "base": comparison.base,
            "reevaluated": list(comparison.reevaluated),
            "removedChoices": sorted(d.id for d in comparison.removed),
            "resolvedFindings": len(comparison.resolved),
            "staleBaselineEntries": len(comparison.stale_baseline),
        }
    return properties


class Sarif(ReportFormat):
    name = "sarif"
    extension = "sarif"
    combinable = True

    def render(self, report: Report, context: RenderContext) -> str:
        return render(report, context)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        return combined(sections, context)


FORMAT = Sarif()
