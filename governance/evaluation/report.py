"""The Report: everything one evaluation decided, in the form every output format reads.

`Report.as_dict()` is the JSON report; `Report.from_dict()` reads it back, so any format can
be re-rendered from a saved JSON report without evaluating again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from governance.config import FAIL_ON
from governance.errors import EXIT_OK, EXIT_VIOLATIONS, SourceLocation
from governance.evaluation.findings import Finding
from governance.evaluation.settings import ConfigFacts
from governance.evaluation.waivers import WAIVER_RULES, WaiverStatus
from governance.policy import RuleInfo
from governance.policy.files import builtin_rules

__all__ = ["FAIL_ON", "Report"]

REPORT_VERSION = "1"
REPORT_SET_VERSION = "1"  # check --discover's JSON: schemas/report-set.schema.json
DECISIONS = ("rejected", "waived", "approved-with-conditions", "approved")
CHANGES = ("added", "changed", "unchanged")  # a removed choice has no decision of its own
# Finding statuses that never gate: present before the change, or accepted in a baseline.
NOT_GATING = ("unchanged", "baselined")


@dataclass(slots=True)  # not frozen: one per choice, and a frozen __init__ costs 2.5x as much
class ChoiceDecision:
    """The decision for one model choice (use case x model x deployment)."""

    id: str
    use_case: str
    model: str
    deployment: str
    role: str
    location: SourceLocation
    decision: str
    findings: tuple[Finding, ...]
    change: str | None = None  # with --base: added | changed | unchanged

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "use_case": self.use_case,
            "model": self.model,
            "deployment": self.deployment,
            "role": self.role,
            "location": self.location.as_dict(),
            "decision": self.decision,
            "change": self.change,
            "findings": [f.as_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict) -> ChoiceDecision:
        return cls(
            id=data["id"],
            use_case=data["use_case"],
            model=data["model"],
            deployment=data["deployment"],
            role=data["role"],
            location=SourceLocation(**data["location"]),
            decision=data["decision"],
            findings=tuple(Finding.from_dict(f) for f in data["findings"]),
            change=data["change"],
        )


@dataclass(frozen=True)
class Alternative:
    """An allowed pair in a rejected choice's place, as reports list it."""

    model: str
    deployment: str
    decision: str  # approved | approved-with-conditions
    conditions: tuple[str, ...]  # rule ids of the warnings and obligations that remain
    reason: str  # how and where it runs: "self-hosted, EU"

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "deployment": self.deployment,
            "decision": self.decision,
            "conditions": list(self.conditions),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Alternative:
        return cls(
            data["model"],
            data["deployment"],
            data["decision"],
            tuple(data["conditions"]),
            data["reason"],
        )

    def line(self) -> str:
        """'gpt-oss-20b on dc-frankfurt (self-hosted, EU)', conditions named when any."""
        conditions = f"; with {', '.join(self.conditions)}" if self.conditions else ""
        return f"{self.model} on {self.deployment} ({self.reason}{conditions})"


def decide(findings: Sequence[Finding]) -> str:
    errors = [f for f in findings if f.severity == "error"]
    if any(f.waived_by is None for f in errors):
        return "rejected"
    if errors:
        return "waived"
    if findings:
        return "approved-with-conditions"
    return "approved"


@dataclass
class Evidence:
    """What a reviewer needs to reproduce the decision."""

    tool_version: str
    engine: str
    now: str
    inputs: list[tuple[str, str]]  # (path, sha256)
    policy_digest: str
    policies: list[tuple[str, str]]  # (module name, sha256)
    data_files: list[tuple[str, str]]
    git_commit: str | None = None
    bundle: dict | None = None  # {"sha256", "revision"} when policies came from a bundle
    engine_name: str = "embedded"
    git_dirty: bool | None = None  # an inventory file differs from git_commit; None: no git
    config: ConfigFacts | None = None  # the configuration file in force and its overrides
    # (label, rules): built-in, each policy directory, or a bundle
    policy_sources: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "tool_version": self.tool_version,
            "engine_name": self.engine_name,
            "engine": self.engine,
            "now": self.now,
            "inputs": [{"path": p, "sha256": h} for p, h in self.inputs],
            "policy_set_sha256": self.policy_digest,
            "policies": [{"name": n, "sha256": h} for n, h in self.policies],
            "data_files": [{"name": n, "sha256": h} for n, h in self.data_files],
            "git_commit": self.git_commit,
            "git_dirty": self.git_dirty,
            "bundle": self.bundle,
            "policy_sources": [{"source": s, "rules": n} for s, n in self.policy_sources],
            **({"config": self.config.as_dict()} if self.config else {}),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Evidence:
        return cls(
            tool_version=data["tool_version"],
            engine=data["engine"],
            now=data["now"],
            inputs=[(i["path"], i["sha256"]) for i in data["inputs"]],
            policy_digest=data["policy_set_sha256"],
            policies=[(i["name"], i["sha256"]) for i in data["policies"]],
            data_files=[(i["name"], i["sha256"]) for i in data["data_files"]],
            git_commit=data["git_commit"],
            bundle=data["bundle"],
            engine_name=data["engine_name"],
            git_dirty=data["git_dirty"],
            config=ConfigFacts.from_dict(data["config"]) if data.get("config") else None,
            policy_sources=[(s["source"], s["rules"]) for s in data.get("policy_sources", [])],
        )


@dataclass
class Comparison:
    """How this evaluation relates to an earlier one: a git base ref or a baseline file."""

    kind: str  # git | baseline
    base: str  # the ref as given (and its commit) or the baseline file
    reevaluated: list[str] = field(default_factory=list)  # why everything was re-evaluated
    removed: list[ChoiceDecision] = field(default_factory=list)  # choices only in the base
    resolved: list[Finding] = field(default_factory=list)  # findings only in the base
    stale_baseline: list[dict] = field(
        default_factory=list
    )  # baseline entries that no longer occur

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "base": self.base,
            "reevaluated": list(self.reevaluated),
            "removed": [d.as_dict() for d in self.removed],
            "resolved": [f.as_dict() for f in self.resolved],
            "stale_baseline": list(self.stale_baseline),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Comparison:
        return cls(
            kind=data["kind"],
            base=data["base"],
            reevaluated=list(data["reevaluated"]),
            removed=[ChoiceDecision.from_dict(d) for d in data["removed"]],
            resolved=[Finding.from_dict(f) for f in data["resolved"]],
            stale_baseline=list(data["stale_baseline"]),
        )


@dataclass
class Report:
    organization_id: str
    organization_name: str
    decisions: list[ChoiceDecision]
    organization_findings: list[Finding]
    waivers: list[WaiverStatus]
    rules: dict[str, RuleInfo]
    evidence: Evidence
    summary_line: str = field(default="")
    comparison: Comparison | None = None
    # What a reader needs beside the ids, shared by every choice that names them:
    # {"models": {id: facts}, "deployments": {"model/deployment": facts}, "use_cases": {id: facts}}
    subjects: dict = field(default_factory=dict)
    # Rejected choice id -> allowed alternatives (evaluation/alternatives.py); None: not
    # looked for (--no-suggestions, or an evaluation that does not look)
    alternatives: dict[str, list[Alternative]] | None = None

    def mof_of(self, model_id: str) -> tuple[str, str] | None:
        """('MOF Class II', 'missing for Class I: research-paper') for a model, or None when
        the report has no MOF class for it (e.g. a report written before it had them)."""
        facts = self.subjects.get("models", {}).get(model_id, {})
        cls = facts.get("mof_class")
        if cls is None:
            return None
        label = "no MOF class" if cls == "none" else f"MOF Class {cls}"
        following = facts.get("mof_next") or {}
        if following.get("class", "none") == "none":
            return label, ""
        missing = ", ".join(following.get("missing", []))
        return label, f"missing for Class {following['class']}: {missing}"

    def facts_of(self, decision: ChoiceDecision) -> dict:
        """Model, deployment and use-case facts of one choice, merged for display."""
        return {
            **self.subjects.get("use_cases", {}).get(decision.use_case, {}),
            **self.subjects.get("models", {}).get(decision.model, {}),
            **self.subjects.get("deployments", {}).get(
                f"{decision.model}/{decision.deployment}", {}
            ),
        }

    def policies_text(self) -> str:
        """'built-in (70 rules) + policies/ (2 rules)': the policy sources in force."""
        parts = [
            f"{source} ({count} rule{'s' if count != 1 else ''})"
            for source, count in self.evidence.policy_sources
        ]
        return " + ".join(parts) or "not recorded"

    @property
    def overrides(self) -> tuple:
        """The organization's rule overrides in force (RuleOverride), sorted by rule."""
        config = self.evidence.config
        return config.overrides if config is not None else ()

    def alternatives_of(self, decision: ChoiceDecision) -> list[Alternative] | None:
        """A rejected choice's allowed alternatives ([] when none was found); None when there
        is nothing to say (not rejected, or not looked for)."""
        if self.alternatives is None or decision.decision != "rejected":
            return None
        return self.alternatives.get(decision.id, [])

    @property
    def all_findings(self) -> list[Finding]:
        return [f for d in self.decisions for f in d.findings] + list(self.organization_findings)

    def counts(self) -> dict[str, int]:
        counts = {name: 0 for name in DECISIONS}
        for decision in self.decisions:
            counts[decision.decision] += 1
        return counts

    def open_findings(self, severities: tuple[str, ...]) -> list[Finding]:
        """Findings not waived and not excused by the comparison (unchanged or baselined)."""
        return [
            f
            for f in self.all_findings
            if f.waived_by is None and f.severity in severities and f.status not in NOT_GATING
        ]

    def exit_code(self, fail_on: str = "error") -> int:
        gate = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[fail_on]
        return EXIT_VIOLATIONS if self.open_findings(gate) else EXIT_OK

    def verdict(self) -> str:
        if self.open_findings(("error",)):
            return "rejected"
        if self.open_findings(("warning", "info")):
            return "approved-with-conditions"
        return "approved"

    def as_dict(self) -> dict:
        return {
            "report_version": REPORT_VERSION,
            "organization": {"id": self.organization_id, "name": self.organization_name},
            "verdict": self.verdict(),
            "counts": self.counts(),
            "decisions": [d.as_dict() for d in self.decisions],
            "organization_findings": [f.as_dict() for f in self.organization_findings],
            "waivers": [w.as_dict() for w in self.waivers],
            "rules": {rid: self.rules[rid].as_dict() for rid in sorted(self.rules)},
            "subjects": self.subjects,
            "evidence": self.evidence.as_dict(),
            "comparison": self.comparison.as_dict() if self.comparison else None,
            "alternatives": (
                {
                    cid: [a.as_dict() for a in alts]
                    for cid, alts in sorted(self.alternatives.items())
                }
                if self.alternatives is not None
                else None
            ),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        """Read a JSON report back (already validated against schemas/report.schema.json)."""
        return cls(
            organization_id=data["organization"]["id"],
            organization_name=data["organization"]["name"],
            decisions=[ChoiceDecision.from_dict(d) for d in data["decisions"]],
            organization_findings=[Finding.from_dict(f) for f in data["organization_findings"]],
            waivers=[WaiverStatus.from_dict(w) for w in data["waivers"]],
            rules=_documented({rid: RuleInfo.from_dict(r) for rid, r in data["rules"].items()}),
            evidence=Evidence.from_dict(data["evidence"]),
            subjects=data["subjects"],
            comparison=Comparison.from_dict(data["comparison"]) if data["comparison"] else None,
            alternatives=(
                {
                    cid: [Alternative.from_dict(a) for a in alts]
                    for cid, alts in data["alternatives"].items()
                }
                if data.get("alternatives") is not None
                else None
            ),
        )


def _documented(rules: dict[str, RuleInfo]) -> dict[str, RuleInfo]:
    """Rules read back from a JSON report, each linked to the rule catalogue as a policy load
    links it: a rule this installation ships, with the same title, gets its help_uri."""
    shipped = {**builtin_rules(), **WAIVER_RULES}
    linked = {}
    for rule_id, rule in rules.items():
        known = shipped.get(rule_id)
        if known is not None and known.title == rule.title:
            rule = replace(rule, help_uri=known.help_uri)
        linked[rule_id] = rule
    return linked
