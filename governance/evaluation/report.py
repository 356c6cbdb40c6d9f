"""The Report: everything one evaluation decided, in the form every output format reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.errors import EXIT_OK, EXIT_VIOLATIONS, SourceLocation
from governance.evaluation.findings import Finding
from governance.evaluation.waivers import WaiverStatus
from governance.policy import RuleInfo

DECISIONS = ("rejected", "waived", "approved-with-conditions", "approved")
FAIL_ON = ("error", "warning", "never")


@dataclass(frozen=True)
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

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "use_case": self.use_case,
            "model": self.model,
            "deployment": self.deployment,
            "role": self.role,
            "location": self.location.as_dict(),
            "decision": self.decision,
            "findings": [f.as_dict() for f in self.findings],
        }


def decide(findings: list[Finding]) -> str:
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

    def as_dict(self) -> dict:
        return {
            "tool_version": self.tool_version,
            "engine": self.engine,
            "now": self.now,
            "inputs": [{"path": p, "sha256": h} for p, h in self.inputs],
            "policy_set_sha256": self.policy_digest,
            "policies": [{"name": n, "sha256": h} for n, h in self.policies],
            "data_files": [{"name": n, "sha256": h} for n, h in self.data_files],
            "git_commit": self.git_commit,
            "bundle": self.bundle,
        }


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

    @property
    def all_findings(self) -> list[Finding]:
        return [f for d in self.decisions for f in d.findings] + list(self.organization_findings)

    def counts(self) -> dict[str, int]:
        counts = {name: 0 for name in DECISIONS}
        for decision in self.decisions:
            counts[decision.decision] += 1
        return counts

    def open_findings(self, severities: tuple[str, ...]) -> list[Finding]:
        return [f for f in self.all_findings if f.waived_by is None and f.severity in severities]

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
            "organization": {"id": self.organization_id, "name": self.organization_name},
            "verdict": self.verdict(),
            "counts": self.counts(),
            "decisions": [d.as_dict() for d in self.decisions],
            "organization_findings": [f.as_dict() for f in self.organization_findings],
            "waivers": [w.as_dict() for w in self.waivers],
            "rules": {rid: self.rules[rid].as_dict() for rid in sorted(self.rules)},
            "evidence": self.evidence.as_dict(),
        }
