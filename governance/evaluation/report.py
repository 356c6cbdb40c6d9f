"""The Report: everything one evaluation decided, in the form every output format reads.

The JSON report is said once, in these types' annotations (governance/typed_json.py):
`Report.as_dict()` writes it, `Report.from_dict()` reads it back (so any format can be
re-rendered from a saved JSON report without evaluating again) and `report_schema()` is
schemas/report.schema.json.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Annotated, Any, ClassVar, NamedTuple, TypedDict

from governance.config import FAIL_ON
from governance.engine import ENGINE_NAMES
from governance.errors import EXIT_OK, EXIT_VIOLATIONS, SourceLocation
from governance.evaluation.findings import STATUSES, Finding
from governance.evaluation.json_types import Count, Id, Sha256, ShownPath
from governance.evaluation.settings import ConfigFacts
from governance.evaluation.waivers import WAIVER_RULES, WaiverStatus
from governance.policy import RuleInfo
from governance.policy.files import builtin_rules
from governance.typed_json import (
    MAY_BE_ABSENT,
    NOT_IN_JSON,
    OMIT_DEFAULT,
    JsonName,
    SchemaRef,
    Shape,
    Spec,
    from_json,
    json_schema,
    to_json,
)

__all__ = ["FAIL_ON", "Report"]

REPORT_VERSION = "1"
REPORT_SET_VERSION = "1"  # check --discover's JSON: schemas/report-set.schema.json
DECISIONS = ("rejected", "waived", "approved-with-conditions", "approved")
VERDICTS = ("rejected", "approved-with-conditions", "approved")
CHANGES = ("added", "changed", "unchanged")  # a removed choice has no decision of its own
# Finding statuses that never gate: present before the change, or accepted in a baseline.
NOT_GATING = STATUSES[1:]
ROLES = ("primary", "fallback", "evaluation")


@dataclass(slots=True)  # not frozen: one per choice, and a frozen __init__ costs 2.5x as much
class ChoiceDecision:
    """The decision for one model choice."""

    id: Annotated[
        str,
        Spec(
            description="The choice id: 'use case/model/deployment'.",
            pattern="^[^/]+/[^/]+/[^/]+$",
        ),
    ]
    use_case: Annotated[Id, Spec(description="Use-case id.")]
    model: Annotated[Id, Spec(description="Model id.")]
    deployment: Annotated[Id, Spec(description="Deployment id (within the model).")]
    role: Annotated[str, Spec(description="The model's role in the use case.", enum=ROLES)]
    location: Annotated[SourceLocation, Spec(description="Where the use case names this model.")]
    decision: Annotated[
        str,
        Spec(
            description="rejected: an error no waiver covers; waived: every error covered by a "
            "waiver in force; approved-with-conditions: only warnings or obligations; approved: "
            "no finding.",
            enum=DECISIONS,
        ),
    ]
    # with --base: added | changed | unchanged
    change: Annotated[
        str | None,
        Spec(
            description="With a comparison: whether the choice is new, changed or unchanged "
            "since the base; null without one.",
            enum=(*CHANGES, None),
        ),
    ]
    findings: Annotated[
        tuple[Finding, ...],
        Spec(description="The choice's findings, sorted by severity, then location."),
    ]


@dataclass(frozen=True)
class Alternative:
    """An allowed pair in a rejected choice's place, as `check` would decide it once the
    choice names it."""

    model: Id
    deployment: Id
    decision: Annotated[
        str,
        Spec(
            description="approved, or approved-with-conditions (warnings or obligations only).",
            enum=("approved", "approved-with-conditions"),
        ),
    ]
    # rule ids of the warnings and obligations that remain
    conditions: Annotated[
        tuple[Annotated[str, Spec(minLength=1)], ...],
        Spec(description="Rule ids of the warnings and obligations that would remain."),
    ]
    # how and where it runs: "self-hosted, EU"
    reason: Annotated[
        str,
        Spec(
            description="How and where it runs: deployment mode, operator unless the "
            "organization, processing locations.",
            minLength=1,
        ),
    ]

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


class FileDigest(NamedTuple):
    """One inventory file."""

    path: ShownPath
    sha256: Sha256


class NamedDigest(NamedTuple):
    """A file (or module) and the SHA-256 of its content."""

    name: Annotated[
        str,
        Spec(
            description="builtin/... for the shipped library, otherwise the path as the check "
            "printed it.",
            minLength=1,
        ),
    ]
    sha256: Sha256


class RuleCount(NamedTuple):
    """One policy source."""

    source: Annotated[
        str,
        Spec(
            description="built-in, a directory (ending in /) or file, or 'bundle PATH'.",
            minLength=1,
        ),
    ]
    rules: Annotated[int, Spec(description="How many rules it defines.", minimum=0)]


class BundleFacts(TypedDict):
    """The OPA bundle the policies came from."""

    sha256: Annotated[Sha256, Spec(description="SHA-256 of the bundle file.")]
    revision: Annotated[
        str | None, Spec(description="The revision in the bundle's .manifest, if any.")
    ]


@dataclass(kw_only=True)
class Evidence:
    """What a reviewer needs to reproduce the decisions: `governance verify` re-runs the
    evaluation from it."""

    tool_version: Annotated[
        str, Spec(description="Version of model-governance that wrote the report.", minLength=1)
    ]
    engine_name: Annotated[
        str,
        Spec(
            description="embedded (regorus in process), opa (an OPA server) or opa-inprocess "
            "(real OPA in process).",
            enum=ENGINE_NAMES,
        ),
    ] = "embedded"
    engine: Annotated[
        str,
        Spec(description="The engine and its version (and for OPA, the server URL).", minLength=1),
    ]
    # timezone-aware; written as ISO 8601 UTC (Z)
    now: Annotated[
        dt.datetime,
        Spec(
            description="The evaluation clock (--now), UTC: waivers and dates are judged at it.",
            pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
        ),
    ]
    inputs: Annotated[
        list[FileDigest],
        Spec(description="Every inventory file read, with the SHA-256 of its bytes.", minItems=1),
    ]
    policy_digest: Annotated[
        Sha256,
        JsonName("policy_set_sha256"),
        Spec(
            description="Identity of the policy set: SHA-256 over every module's name and "
            "digest and the merged policy data."
        ),
    ]
    policies: Annotated[
        list[NamedDigest],
        Spec(description="Every Rego module evaluated (built-in and custom), sorted by name."),
    ]
    data_files: Annotated[
        list[NamedDigest],
        Spec(
            description="Every policy data file merged (the built-in catalogues and each --data "
            "file), sorted by name."
        ),
    ]
    git_commit: Annotated[
        str | None,
        Spec(
            description="HEAD of the git repository holding the inventory; null outside one.",
            pattern="^[0-9a-f]{40}([0-9a-f]{24})?$",
        ),
    ] = None
    # an inventory file differs from git_commit; None: no git
    git_dirty: Annotated[
        bool | None,
        Spec(
            description="Whether an inventory file differed from git_commit (modified, staged, "
            "untracked or ignored) at check time; null outside a repository."
        ),
    ] = None
    bundle: Annotated[
        dict | None,
        Shape(BundleFacts | None),
        Spec(description="The OPA bundle the policies came from (check --bundle); null otherwise."),
    ] = None
    # built-in, each policy directory, or a bundle
    policy_sources: Annotated[
        list[RuleCount],
        MAY_BE_ABSENT,
        Spec(
            description="The policy sources in force and how many rules each brought: "
            "built-in, each policy directory, or a bundle."
        ),
    ] = field(default_factory=list)
    # the configuration file in force and its overrides
    config: Annotated[
        ConfigFacts | None,
        OMIT_DEFAULT,
        Spec(
            description="The configuration file in force (governance.toml, or "
            "[tool.governance] in pyproject.toml) and the rule overrides it sets; absent when "
            "none was read."
        ),
    ] = None


class BaselineEntry(TypedDict):
    """A baseline entry (schemas/baseline.schema.json): a finding accepted by fingerprint."""

    fingerprint: Annotated[
        str, Spec(description="The accepted finding's fingerprint.", pattern="^[0-9a-f]{32}$")
    ]
    rule: Annotated[str, Spec(description="Its rule id.", minLength=1)]
    choice: Annotated[
        str | None, Spec(description="Its choice id; null for an organization finding.")
    ]
    message: Annotated[
        str,
        Spec(description="Its message when the baseline was created (for people; not matched)."),
    ]


@dataclass
class Comparison:
    """The comparison with a git base ref or a baseline file."""

    kind: Annotated[
        str,
        Spec(
            description="git (check --base REF) or baseline (check --baseline FILE).",
            enum=("git", "baseline"),
        ),
    ]
    base: Annotated[
        str, Spec(description="The ref as given (and its commit), or the baseline file.")
    ]
    reevaluated: Annotated[
        list[str],
        Spec(
            description="Why every choice was evaluated again (a requirement or the policies "
            "changed); empty when only changed choices were."
        ),
    ] = field(default_factory=list)
    removed: Annotated[
        list[ChoiceDecision],
        Spec(description="Choices only in the base, with their decision there."),
    ] = field(default_factory=list)
    resolved: Annotated[
        list[Finding], Spec(description="Findings only in the base: fixed by the change.")
    ] = field(default_factory=list)
    stale_baseline: Annotated[
        list[dict],
        Shape(list[BaselineEntry]),
        Spec(description="Baseline entries that no longer occur, so the baseline file can shrink."),
    ] = field(default_factory=list)


class Organization(NamedTuple):
    """The organization whose inventory was checked."""

    id: Annotated[Id, Spec(description="The organization's id from its inventory.")]
    name: Annotated[str, Spec(description="The organization's display name.")]


# How many model choices received each decision.
Counts = TypedDict(
    "Counts",
    {
        "rejected": Annotated[
            Count, Spec(description="Choices with an error finding no waiver covers.")
        ],
        "waived": Annotated[
            Count,
            Spec(description="Choices whose error findings are all covered by waivers in force."),
        ],
        "approved-with-conditions": Annotated[
            Count, Spec(description="Choices with only warnings or obligations.")
        ],
        "approved": Annotated[Count, Spec(description="Choices with no finding at all.")],
    },
)
Counts.__doc__ = "How many model choices received each decision."


class _EffectiveFactRequired(TypedDict):
    value: Annotated[
        Any,
        Spec(
            description="The value the rules used (a list of modalities, a licence key, the "
            "base model's name)."
        ),
    ]
    origin: Annotated[
        str,
        Spec(
            description="Where the value came from.",
            enum=("inventory", "catalogue", "base model", "unknown"),
        ),
    ]


class EffectiveFact(_EffectiveFactRequired, total=False):
    """One effective fact."""

    relation: Annotated[
        str,
        Spec(
            description="For base_model: how the model derives from it (finetune, adapter, "
            "merge, quantized, distillation, unspecified)."
        ),
    ]
    license: Annotated[
        str,
        Spec(
            description="For base_model: the base model's licence key (unknown when nobody "
            "knows it)."
        ),
    ]


MofClass = Annotated[str, Spec(enum=("I", "II", "III", "none"))]
MofNext = TypedDict(
    "MofNext",
    {
        "class": Annotated[MofClass, Spec(description="The next class: III, II, I, or none.")],
        "missing": Annotated[
            list[str], Spec(description="What that class still needs, as the rules word it.")
        ],
    },
)
MofNext.__doc__ = "The next MOF class and the components (or licences) it still needs."


class _ModelFactsRequired(TypedDict):
    model_name: Annotated[str, Spec(description="The model's display name.")]
    provider: Annotated[str, Spec(description="Developer or licensor.")]
    access_class: Annotated[
        str, Spec(description="open-source, open-weight or closed, as declared in the inventory.")
    ]
    license: Annotated[str, Spec(description="The licence key (catalogue id).")]
    license_declared: Annotated[
        str,
        Spec(description="The licence as the inventory names it (the key when it names none)."),
    ]


class ModelFacts(_ModelFactsRequired, total=False):
    """What a reader needs to know about a model beside its id."""

    mof_class: Annotated[
        MofClass,
        Spec(
            description="Model Openness Framework class the built-in library derives from the "
            "recorded components: I (most open), II, III or none."
        ),
    ]
    mof_next: Annotated[
        MofNext,
        Spec(
            description="The next MOF class and the components (or licences) it still needs; "
            "class none when the model is Class I."
        ),
    ]
    facts: Annotated[
        dict[str, EffectiveFact],
        Spec(
            description="Effective facts the rules used, each with its value and origin: "
            "inventory, catalogue (model facts catalogue), base model (the entry base_model "
            "names) or unknown; base_model names the model this one derives from."
        ),
    ]


class DeploymentFacts(TypedDict):
    """How and where a deployment of a model runs."""

    deployment_mode: Annotated[
        str, Spec(description="self-hosted, vendor-hosted, private-cloud or edge.")
    ]
    operator: Annotated[
        str, Spec(description="Who runs the inference endpoint ('org' or a vendor).")
    ]
    processing_locations: Annotated[
        list[str], Spec(description="Where prompts are processed, as listed in the inventory.")
    ]
    storage_locations: Annotated[
        list[str], Spec(description="Where data is stored, as listed in the inventory.")
    ]


class UseCaseFacts(TypedDict):
    """What a use case is and how sensitive it is."""

    use_case_name: Annotated[str, Spec(description="The use case's display name.")]
    data_classification: Annotated[
        str, Spec(description="The classification level of the data it handles.")
    ]
    risk_tier: Annotated[str, Spec(description="The organization's internal risk tier.")]
    eu_ai_act: Annotated[
        str,
        Spec(
            description="EU AI Act risk category (prohibited, high, limited, minimal, unassessed)."
        ),
    ]


class Subjects(TypedDict):
    """Facts shown beside a choice's ids, kept once per model, deployment and use case rather
    than per choice."""

    models: Annotated[dict[Id, ModelFacts], Spec(description="Model facts keyed by model id.")]
    deployments: Annotated[
        dict[Annotated[str, Spec(pattern="^[^/]+/[^/]+$")], DeploymentFacts],
        Spec(description="Deployment facts keyed by 'model id/deployment id'."),
    ]
    use_cases: Annotated[
        dict[Id, UseCaseFacts], Spec(description="Use-case facts keyed by use-case id.")
    ]


def no_subjects() -> dict:
    return {"models": {}, "deployments": {}, "use_cases": {}}


@dataclass
class Report:
    """What one `governance check` decided about every model choice of an organization."""

    # The JSON report's keys in order; report_version, verdict and counts are computed.
    JSON_KEYS: ClassVar[tuple[str, ...]] = (
        "report_version",
        "organization",
        "verdict",
        "counts",
        "decisions",
        "organization_findings",
        "waivers",
        "rules",
        "subjects",
        "evidence",
        "comparison",
        "alternatives",
    )

    organization: Organization
    decisions: Annotated[
        list[ChoiceDecision],
        Spec(
            description="One decision per model choice (use case x model x deployment), sorted "
            "by choice id."
        ),
    ]
    organization_findings: Annotated[
        list[Finding],
        Spec(
            description="Findings about the organization as a whole rather than one choice "
            "(for example a stale waiver); their choice is null."
        ),
    ]
    waivers: Annotated[
        list[WaiverStatus],
        Spec(
            description="Every waiver of the inventory and its state at the evaluation clock, "
            "sorted by id."
        ),
    ]
    rules: Annotated[
        dict[Annotated[str, Spec(minLength=1)], RuleInfo],
        Spec(
            description="The rules applied (every rule of the policy set, plus the built-in "
            "waiver rules that fired), keyed by rule id."
        ),
    ]
    evidence: Evidence
    summary_line: Annotated[str, NOT_IN_JSON] = field(default="")
    comparison: Annotated[
        Comparison | None,
        Spec(
            description="How this evaluation relates to an earlier one (check --base or "
            "--baseline); null without one."
        ),
    ] = None
    # What a reader needs beside the ids, shared by every choice that names them
    subjects: Annotated[dict, Shape(Subjects)] = field(default_factory=no_subjects)
    # Rejected choice id -> allowed alternatives (evaluation/alternatives.py); None: not
    # looked for (--no-suggestions, or an evaluation that does not look)
    alternatives: Annotated[
        dict[
            Annotated[str, Spec(minLength=1)],
            Annotated[list[Alternative], Spec(maxItems=3)],
        ]
        | None,
        MAY_BE_ABSENT,
        Spec(
            description="For each rejected choice (by its id): up to three (model, deployment) "
            "pairs of the inventory the policies allow in its place, best first, [] when none "
            "does; null when not looked for (check --no-suggestions). Absent in reports written "
            "before alternatives existed."
        ),
    ] = None

    @property
    def report_version(
        self,
    ) -> Annotated[
        str,
        Spec(
            description="Version of this document format. A reader refuses versions it does "
            "not know.",
            const=REPORT_VERSION,
        ),
    ]:
        return REPORT_VERSION

    @property
    def organization_id(self) -> str:
        return self.organization.id

    @property
    def organization_name(self) -> str:
        return self.organization.name

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

    def facts_of(self, decision: ChoiceDecision) -> dict[str, Any]:
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
        is nothing to say (not rejected, or not looked for: --no-suggestions, or past the
        extra pass's budget in a large inventory)."""
        if self.alternatives is None or decision.decision != "rejected":
            return None
        return self.alternatives.get(decision.id)

    @property
    def all_findings(self) -> list[Finding]:
        return [f for d in self.decisions for f in d.findings] + list(self.organization_findings)

    def counts(self) -> Annotated[dict[str, int], Shape(Counts)]:
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

    def verdict(
        self,
    ) -> Annotated[
        str,
        Spec(
            description="Overall result: rejected when an open error finding remains, "
            "approved-with-conditions when only open warnings or obligations remain, else "
            "approved. Waived findings, and with a comparison unchanged or baselined ones, are "
            "not open.",
            enum=VERDICTS,
        ),
    ]:
        if self.open_findings(("error",)):
            return "rejected"
        if self.open_findings(("warning", "info")):
            return "approved-with-conditions"
        return "approved"

    def as_dict(self) -> dict:
        """The JSON report."""
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        """Read a JSON report back (already validated against schemas/report.schema.json)."""
        report = from_json(cls, data)
        return replace(report, rules=_documented(report.rules))


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


class InventoryReport(NamedTuple):
    """One inventory's report in a report set."""

    path: Annotated[
        str,
        Spec(
            description="The inventory's directory, relative to the check's working directory "
            "when it was under it.",
            minLength=1,
        ),
    ]
    report: Annotated[
        Report,
        SchemaRef("https://model-governance.dev/schemas/report/v1.json"),
        Spec(description="The inventory's report, as `governance check -o json` writes it."),
    ]


@dataclass(frozen=True)
class ReportSet:
    """The JSON report of `governance check --discover`."""

    JSON_KEYS: ClassVar[tuple[str, ...]] = ("report_set_version", "inventories")

    inventories: Annotated[
        list[InventoryReport], Spec(description="One entry per inventory, sorted by path.")
    ]

    @property
    def report_set_version(
        self,
    ) -> Annotated[
        str,
        Spec(
            description="Version of this document format. A reader refuses versions it does "
            "not know.",
            const=REPORT_SET_VERSION,
        ),
    ]:
        return REPORT_SET_VERSION


REPORT_SCHEMA_HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://model-governance.dev/schemas/report/v1.json",
    "title": "model-governance report, version 1",
    "description": "What one `governance check` decided about every model choice of an "
    "organization, under which policies, on which inputs (`-o json`). `governance report` "
    "re-renders any other format from it and `governance verify` re-checks it against the "
    "inventory. Paths are as the check printed them: relative to its working directory when "
    "the file was under it, otherwise as given. Generated from the types in "
    "governance/evaluation/report.py (`governance schema report`).",
}
# The definitions' names in the schema, where not the class's name in lower camel case
_SCHEMA_NAMES: dict[type, str] = {
    SourceLocation: "location",
    ChoiceDecision: "decision",
    WaiverStatus: "waiver",
    RuleInfo: "rule",
}


REPORT_SET_SCHEMA_HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://model-governance.dev/schemas/report-set/v1.json",
    "title": "model-governance report set",
    "description": "The JSON report of `governance check --discover`: one report per inventory "
    "found, sorted by inventory directory. Generated from the types in "
    "governance/evaluation/report.py.",
}


@cache
def report_schema() -> dict:
    """schemas/report.schema.json, generated from the Report's types."""
    return json_schema(Report, REPORT_SCHEMA_HEADER, _SCHEMA_NAMES)


@cache
def report_schema_text() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def report_set_schema_text() -> str:
    """schemas/report-set.schema.json, generated from ReportSet."""
    schema = json_schema(ReportSet, REPORT_SET_SCHEMA_HEADER)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
