"""The inventory format (apiVersion governance/v1) as typed models.

These models are the single source of truth: ``schemas/inventory.schema.json`` is generated
from them (``governance schema``) and a test keeps the checked-in copy identical. Field facts
and vocabularies follow OSAID 1.0, the MOF, the EU AI Act and vendor data terms, with the
public sources listed in docs/sources.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import typing
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from governance.inventory.locations import known_location_ids, location_error

API_VERSION = "governance/v1"


def _integral(value):
    """YAML writes 21e9 as a float; accept it for integer fields when it is a whole number."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# The policy engines count time in nanoseconds since 1970 in 64 bits (time.parse_rfc3339_ns):
# 1677-09-21 to 2262-04-11. Whole years inside that are accepted, so that `validate` refuses
# a typo such as 3026 that `check` could not evaluate.
FIRST_YEAR, LAST_YEAR = 1678, 2261
_YEARS = "(?:1(?:6(?:7[89]|[89][0-9])|[7-9][0-9]{2})|2(?:[01][0-9]{2}|2(?:[0-5][0-9]|6[01])))"


def _iso_date(value):
    # fromisoformat alone also takes 20261101 and 2026-W44-7, which the schema refuses
    if isinstance(value, str):
        if not _DATE_FORM.fullmatch(value):
            raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date") from None
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            raise HintedValueError(
                f"{value!r} is outside the years policies can compute with",
                f"use a year from {FIRST_YEAR} to {LAST_YEAR}",
            )
        return parsed
    return value


class HintedValueError(ValueError):
    """A validation failure with a separate hint, shown as 'message (hint)'."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def _check_location(value: str) -> str:
    problem = location_error(value)
    if problem:
        raise HintedValueError(*problem)
    return value


Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$",
        description="Identifier: letters, digits, '.', '_' or '-', at most 128 characters.",
    ),
]
LicenseKey = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}( AND [A-Za-z0-9][A-Za-z0-9._-]{0,127})*$",
        description="Licence catalogue key, or keys that all apply joined by ' AND ' (the "
        "conjunction of an SPDX 'A AND B' expression).",
    ),
]
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(ge=0), BeforeValidator(_integral)]
Date = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": f"^{_YEARS}-\\d{{2}}-\\d{{2}}$"}
    ),
]
Location = Annotated[
    str,
    AfterValidator(_check_location),
    WithJsonSchema(
        {
            "type": "string",
            "enum": known_location_ids(),
            "description": "A cloud region id (AWS, Azure or GCP; optionally prefixed "
            "'aws:', 'azure:', 'gcp:'), an ISO 3166-1 alpha-2 country code, a group "
            "(EU, EEA, EFTA) or 'global' (anywhere).",
        }
    ),
]

AccessClass = Literal["open-source", "open-weight", "closed"]
DataCategory = Literal[
    "pii",
    "phi",
    "pci",
    "special-category",
    "children",
    "biometric",
    "credentials",
    "source-code",
    "trade-secret",
    "none",
]
MofComponent = Literal[
    "model-architecture",
    "model-parameters-final",
    "model-card",
    "data-card",
    "technical-report",
    "evaluation-results",
    "sample-model-outputs",
    "training-code",
    "inference-code",
    "evaluation-code",
    "evaluation-data",
    "supporting-libraries-and-tools",
    "datasets",
    "data-preprocessing-code",
    "model-parameters-intermediate",
    "research-paper",
    "model-metadata",
]
SafetyControl = Literal[
    "content-moderation",
    "input-guardrails",
    "output-filtering",
    "prompt-injection-defense",
    "abuse-monitoring",
    "rate-limiting",
    "human-review",
    "human-oversight",
    "logging-monitoring",
    "red-teaming",
    "evaluation",
    "incident-response",
    "patching-rollback",
    "ai-disclosure",
    "content-provenance",
]


def _compensating_control(value: str) -> str:
    """A known control name, or a description in words (at least two): a misspelt name
    ('content-moderaton') stays an error instead of passing as a description."""
    if value in typing.get_args(SafetyControl) or len(value.split()) >= 2:
        return value
    close = difflib.get_close_matches(value, typing.get_args(SafetyControl), n=1)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else "known: " + ", ".join(typing.get_args(SafetyControl))
    )
    raise HintedValueError(
        f"{value!r} is neither a known control nor a description in words",
        hint + "; another control can be described in a few words",
    )


CompensatingControl = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description="A known control name (as in safety_controls) or a description in words.",
    ),
    AfterValidator(_compensating_control),
]
RiskTier = Literal["low", "medium", "high", "critical"]
Modality = Literal["text", "image", "audio", "video", "code", "embedding", "structured"]


Extensions = Annotated[
    dict[str, Any] | None,
    Field(
        description="The organization's own fields (any names and values), checked against the "
        "extensions_schema of governance.toml when it names one; policies read them unchanged "
        "at this entity's .extensions."
    ),
]


class Strict(BaseModel):
    """Every section rejects unknown fields (typos) and coercion between types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- organization ------------------------------------------------------------------------


class ClassificationLevel(Strict):
    level: Id = Field(description="Name of the level, e.g. 'confidential'.")
    description: str | None = Field(None, description="What data belongs at this level.")


class ResidencyRule(Strict):
    classification: Id = Field(
        description="Applies to use cases at this data classification level and above, "
        "until a rule for a higher level takes over."
    )
    processing: list[Location] = Field(
        min_length=1, description="Where inference may run for this data."
    )
    storage: list[Location] = Field(
        min_length=1, description="Where prompts, outputs and logs may rest for this data."
    )


class RetentionRule(Strict):
    classification: Id = Field(
        description="Applies to this classification level and above, until a higher rule."
    )
    max_vendor_retention_days: Count | None = Field(
        None, description="Longest a vendor may keep prompts or outputs (0 = nothing kept)."
    )
    require_zero_data_retention: bool = Field(
        False, description="The vendor must have a zero-data-retention agreement."
    )
    forbid_human_review: bool = Field(
        False, description="Vendor staff must not be able to read prompts or outputs."
    )


class TrainingRule(Strict):
    classification: Id = Field(
        description="Applies to this classification level and above, until a higher rule."
    )
    allowed: Literal["never", "opt-in-only", "any"] = Field(
        description="never: the vendor must never train on the data; opt-in-only: only if "
        "the organization opted in; any: no restriction."
    )


class AccessRule(Strict):
    classification: Id = Field(
        description="Applies to this classification level and above, until a higher rule."
    )
    allowed_access_classes: list[AccessClass] | None = Field(
        None, description="Access classes allowed for this data."
    )
    min_mof_class: Literal["I", "II", "III"] | None = Field(
        None, description="Minimum Model Openness Framework class (I is the most open)."
    )
    require_self_hosted: bool = Field(
        False, description="The model must run on infrastructure the organization controls."
    )


class ControlRule(Strict):
    risk_tier: RiskTier = Field(description="Internal risk tier of the use case.")
    controls: list[SafetyControl] = Field(
        min_length=1, description="Controls that must be implemented, each with an owner."
    )


class Requirements(Strict):
    allowed_access_classes: list[AccessClass] | None = Field(
        None, description="Access classes allowed at all (default: all three)."
    )
    allowed_licenses: list[Id] | None = Field(
        None, description="Licence catalogue keys allowed; any other licence is a finding."
    )
    denied_licenses: list[Id] = Field(
        default_factory=list, description="Licence catalogue keys never allowed."
    )
    require_osi_approved: bool = Field(
        False, description="Model weights must be under an OSI-approved licence."
    )
    commercial_use: bool = Field(
        True,
        description="The organization uses models commercially (non-commercial licences fail).",
    )
    residency: list[ResidencyRule] = Field(
        default_factory=list, description="Where data may be processed and stored, per level."
    )
    retention: list[RetentionRule] = Field(
        default_factory=list, description="Vendor retention ceilings, per classification level."
    )
    zero_data_retention_for: list[DataCategory] = Field(
        default_factory=list,
        description="Data categories that may only go to vendors under zero data retention.",
    )
    training_on_customer_data: list[TrainingRule] = Field(
        default_factory=list, description="Whether vendors may train on the data, per level."
    )
    access: list[AccessRule] = Field(
        default_factory=list,
        description="Openness and hosting demands per classification level.",
    )
    required_controls: list[ControlRule] = Field(
        default_factory=list, description="Safety controls required per internal risk tier."
    )
    prohibited_uses: list[Id] = Field(
        default_factory=list,
        description="The organization's own prohibited purposes, matched against use case "
        "'purpose_tags'.",
    )
    fallback_required_for_tiers: list[RiskTier] = Field(
        default_factory=list,
        description="Risk tiers whose use cases must not depend on a single closed vendor.",
    )
    max_waiver_days: Count | None = Field(
        None, description="Longest allowed time between a waiver's approval and its expiry."
    )
    max_fact_age_days: Count = Field(
        180,
        description="Catalogue facts (licence terms, model facts, vendor data terms) last "
        "reviewed longer ago than this give an info finding on the choices that depend on them.",
    )


class Organization(Strict):
    id: Id = Field(description="Stable organization identifier.")
    name: Text = Field(description="Legal or display name.")
    jurisdictions: list[Location] = Field(
        min_length=1,
        description="Where the organization is domiciled (licence clauses such as the Llama "
        "3.2/4 EU multimodal exclusion depend on it).",
    )
    eu_ai_act_roles: list[
        Literal[
            "provider",
            "deployer",
            "importer",
            "distributor",
            "authorised-representative",
            "product-manufacturer",
        ]
    ] = Field(default_factory=list, description="The organization's roles under EU AI Act Art. 3.")
    monthly_active_users: Count | None = Field(
        None, description="Largest monthly active users across products (licence MAU caps)."
    )
    frameworks: list[Literal["eu-ai-act", "nist-ai-rmf", "nist-ai-600-1", "iso-42001"]] = Field(
        default_factory=list, description="Frameworks the organization maps controls to."
    )
    data_classification: list[ClassificationLevel] = Field(
        min_length=1, description="Data classification levels, lowest first."
    )
    policy_version: str | None = Field(None, description="Version of the governance policy.")
    requirements: Requirements = Field(
        default_factory=Requirements, description="What the security team allows."
    )
    extensions: Extensions = None


# --- models and deployments ------------------------------------------------------------------


class LicenseAcceptance(Strict):
    accepted_by: Text = Field(description="Who accepted the licence or usage terms.")
    accepted_on: Date = Field(description="When the terms were accepted.")
    reference: str | None = Field(None, description="Ticket or record of the acceptance.")


class Weights(Strict):
    availability: Literal["public", "gated", "none"] = Field(
        description="public: downloadable; gated: click-through acceptance needed; none: API only."
    )
    license_acceptance: LicenseAcceptance | None = Field(
        None, description="Record of accepting a gated model's terms."
    )


class License(Strict):
    key: LicenseKey = Field(
        description="Normalised key in the licence catalogue (e.g. 'apache-2.0', 'llama3.1', "
        "'gemma', 'proprietary', 'unknown'), or 'a AND b' when several licences all apply."
    )
    declared: str | None = Field(
        None, description="The licence id or name exactly as the publisher declared it."
    )
    url: str | None = Field(None, description="Where the licence text was read.")


class Component(Strict):
    name: MofComponent = Field(description="Model Openness Framework component.")
    included: bool = Field(True, description="Whether the component is publicly released.")
    license: LicenseKey | None = Field(
        None, description="Licence key of this component (default: the model's licence)."
    )
    location: str | None = Field(None, description="Where the component can be obtained.")


class ModelCard(Strict):
    parameters_total: Count | None = Field(None, description="Total parameters.")
    parameters_active: Count | None = Field(
        None, description="Parameters active per token (mixture-of-experts)."
    )
    context_window: Count | None = Field(None, description="Context window in tokens.")
    modalities_in: list[Modality] = Field(default_factory=list, description="Input modalities.")
    modalities_out: list[Modality] = Field(default_factory=list, description="Output modalities.")
    min_accelerator_memory_gb: Count | None = Field(
        None, description="Smallest single-accelerator memory the model needs to run."
    )


class Source(Strict):
    hf_repo: str | None = Field(
        None, description="Hugging Face repository, e.g. openai/gpt-oss-20b."
    )
    revision: str | None = Field(None, description="Commit or tag the facts were read at.")
    url: str | None = Field(None, description="Vendor page or other source of the facts.")
    retrieved_on: Date = Field(description="When the facts were read (licences drift).")


class ModelLifecycle(Strict):
    status: Literal["active", "deprecated", "retired"] = Field(
        "active", description="Whether the model may still be chosen."
    )
    retired_on: Date | None = Field(None, description="When the model was or will be retired.")


class Retention(Strict):
    days: Count = Field(description="Days the vendor keeps prompts and outputs (0 = none).")
    zero_data_retention: bool = Field(
        False, description="A zero-data-retention agreement is in force."
    )
    abuse_monitoring_days: Count | None = Field(
        None, description="Days kept for abuse monitoring, when different from 'days'."
    )
    modified_abuse_monitoring: bool = Field(
        False,
        description="The vendor approved modified abuse monitoring: it no longer stores or "
        "reviews this traffic for abuse, so the customer must (OpenAI, Azure OpenAI).",
    )
    human_review_possible: bool = Field(
        description="Vendor staff can review prompts or outputs (e.g. for abuse)."
    )
    contract_ref: str | None = Field(None, description="Contract or terms the facts come from.")


class ControlImplementation(Strict):
    control: SafetyControl = Field(description="Which safety control.")
    owner: Literal["org", "vendor"] = Field(description="Who operates the control.")
    implemented: bool = Field(description="Whether it is in place today.")
    evidence: str | None = Field(
        None, description="Link or reference proving it (required for vendor-owned controls)."
    )


class Hardware(Strict):
    accelerator: Text = Field(description="Accelerator model, e.g. 'NVIDIA H100 80GB'.")
    accelerator_memory_gb: Count = Field(description="Memory of one accelerator in GB.")
    count: Count = Field(1, description="Accelerators per replica.")


VENDOR_MODES = ("vendor-hosted", "private-cloud")


class Deployment(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"mode": {"enum": list(VENDOR_MODES)}}, "required": ["mode"]},
            "then": {
                "required": ["retention"],
                "properties": {"retention": {"not": {"type": "null"}}},
            },
        }
    )

    id: Id = Field(description="Key referenced by model choices.")
    mode: Literal["self-hosted", "vendor-hosted", "private-cloud", "edge"] = Field(
        description="self-hosted: the organization's infrastructure; vendor-hosted: the "
        "vendor's API; private-cloud: a managed service in the organization's cloud tenant "
        "(e.g. Azure OpenAI, Bedrock, Vertex); edge: on-device."
    )
    operator: Text = Field(description="Who runs the inference endpoint ('org' or a vendor).")
    processing_locations: list[Location] = Field(
        min_length=1, description="Where inference runs (kept apart from storage on purpose)."
    )
    storage_locations: list[Location] = Field(
        default_factory=list, description="Where prompts, outputs and logs rest."
    )
    retention: Retention | None = Field(
        None, description="Vendor-side retention; required unless self-hosted or edge."
    )
    training_on_customer_data: Literal["never", "opt-in", "opt-out", "default-on", "unknown"] = (
        Field("unknown", description="Whether the vendor trains on the organization's data.")
    )
    safety_controls: list[ControlImplementation] = Field(
        default_factory=list, description="Safety controls for this deployment, each with an owner."
    )
    hardware: Hardware | None = Field(None, description="Hardware of a self-hosted deployment.")
    certifications: list[Text] = Field(
        default_factory=list,
        description="Vendor attestations, e.g. soc2-type-ii, iso27001, iso42001, hipaa-baa, "
        "fedramp-moderate, pci-dss, bsi-c5 (any usual spelling); others are kept with a warning.",
    )
    extensions: Extensions = None

    @model_validator(mode="after")
    def _vendor_facts(self) -> Deployment:
        if self.mode in VENDOR_MODES and self.retention is None:
            raise ValueError("'retention' is required for vendor-hosted and private-cloud")
        return self


class Model(Strict):
    id: Id = Field(description="Unique key, e.g. 'gpt-oss-20b'.")
    name: Text = Field(description="Model name as published.")
    provider: Text = Field(description="Developer or licensor (OpenAI, Meta, Google, ...).")
    version: str | None = Field(None, description="Model version or release.")
    catalog: Id | None = Field(
        None, description="Key in the built-in model facts catalogue this entry describes."
    )
    family: str | None = Field(None, description="Model family, e.g. 'llama-3.1'.")
    base_model: str | None = Field(None, description="Model this one derives from.")
    base_model_relation: (
        Literal["finetune", "adapter", "merge", "quantized", "distillation"] | None
    ) = Field(None, description="How it derives from the base model.")
    access_class: AccessClass = Field(
        description="open-source (OSAID: weights, code and data information under open "
        "terms), open-weight (downloadable weights only) or closed (API only)."
    )
    weights: Weights = Field(description="Whether and how the weights can be obtained.")
    license: License = Field(description="Licence of the model parameters.")
    components: list[Component] = Field(
        default_factory=list, description="Released artefacts (MOF components)."
    )
    model_card: ModelCard = Field(default_factory=ModelCard, description="Technical facts.")
    source: Source = Field(description="Where the facts were read.")
    lifecycle: ModelLifecycle = Field(
        default_factory=ModelLifecycle, description="Lifecycle of the model in the organization."
    )
    deployments: list[Deployment] = Field(
        min_length=1, description="How and where the organization runs or calls the model."
    )
    extensions: Extensions = None


# --- use cases ------------------------------------------------------------------------------


class Person(Strict):
    name: Text = Field(description="Full name.")
    email: str | None = Field(None, description="Email address.")
    team: str | None = Field(None, description="Team.")
    role: str | None = Field(None, description="Role, e.g. CISO.")


class Risk(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"eu_ai_act": {"const": "high"}}, "required": ["eu_ai_act"]},
            "then": {
                "required": ["annex_iii_area"],
                "properties": {"annex_iii_area": {"type": "string"}},
            },
        }
    )

    eu_ai_act: Literal["prohibited", "high", "limited", "minimal", "unassessed"] = Field(
        description="EU AI Act category of the use (Art. 5, 6, 50), not of the model."
    )
    annex_iii_area: (
        Literal[
            "biometrics",
            "critical-infrastructure",
            "education",
            "employment",
            "essential-services",
            "law-enforcement",
            "migration",
            "justice-democracy",
        ]
        | None
    ) = Field(None, description="Annex III area when the use is high-risk under Art. 6(2).")
    internal_tier: RiskTier = Field(description="Organization's tier; drives required controls.")

    @model_validator(mode="after")
    def _annex_area(self) -> Risk:
        if self.eu_ai_act == "high" and self.annex_iii_area is None:
            raise ValueError("'annex_iii_area' is required when eu_ai_act is 'high'")
        return self


class Exposure(Strict):
    user_facing: bool = Field(description="People interact with the model's output directly.")
    external_users: bool = Field(description="Users outside the organization.")
    minors_possible: bool = Field(False, description="Children may be among the users.")


class AutomatedDecision(Strict):
    fully_automated: bool = Field(description="Decisions are taken without a human.")
    legal_or_similar_effect: bool = Field(
        description="Decisions have legal or similarly significant effects (GDPR Art. 22)."
    )


class EvaluationRecord(Strict):
    reference: Text = Field(description="Link or id of the evaluation report.")
    date: Date = Field(description="When the evaluation was done.")


class UseCaseLifecycle(Strict):
    status: Literal["proposed", "approved", "rejected", "retired"] = Field(
        description="Where the use case is in its lifecycle."
    )
    approved_on: Date | None = Field(None, description="When it was approved.")
    review_by: Date | None = Field(None, description="When it must next be reviewed.")


class ModelChoice(Strict):
    model: Id = Field(description="Id of a model in 'models'.")
    deployment: Id = Field(description="Id of one of that model's deployments.")
    role: Literal["primary", "fallback", "evaluation"] = Field(
        "primary", description="Role of this choice in the use case."
    )
    extensions: Extensions = None


class UseCase(Strict):
    id: Id = Field(description="Key of the use case.")
    name: Text = Field(description="Title.")
    purpose: Text = Field(description="Intended purpose: what the model does and why.")
    purpose_tags: list[Id] = Field(
        default_factory=list,
        description="Purpose keywords matched against requirements.prohibited_uses.",
    )
    owner: Person = Field(description="Accountable owner.")
    data_classification: Id = Field(
        description="Highest classification of data sent to or produced by the model."
    )
    data_categories: list[DataCategory] = Field(
        min_length=1, description="Sensitive data categories involved ('none' if none)."
    )
    data_subject_jurisdictions: list[Location] = Field(
        default_factory=list, description="Whose data it is."
    )
    risk: Risk = Field(description="Risk classification of the use.")
    exposure: Exposure = Field(description="Who sees the output.")
    automated_decision: AutomatedDecision = Field(description="Automated decision-making.")
    human_oversight: Literal["none", "human-on-the-loop", "human-in-the-loop"] = Field(
        "none", description="Oversight mode (EU AI Act Art. 14)."
    )
    distribution: Literal[
        "internal", "hosted-service", "redistributes-weights", "distributes-derivative"
    ] = Field(description="How the model or its outputs leave the organization.")
    commercial: bool = Field(description="Used in a commercial context.")
    safety_controls: list[ControlImplementation] = Field(
        default_factory=list,
        description="Controls implemented by the application itself (e.g. ai-disclosure).",
    )
    evaluation: EvaluationRecord | None = Field(
        None, description="Evaluation record (required for high-risk uses by policy)."
    )
    lifecycle: UseCaseLifecycle = Field(description="Lifecycle status and review date.")
    model_choices: list[ModelChoice] = Field(
        min_length=1, description="The models and deployments used."
    )
    extensions: Extensions = None


# --- exceptions -----------------------------------------------------------------------------


class WaiverScope(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": [name], "properties": {name: {"type": "string"}}}
                for name in ("use_case", "model", "deployment")
            ],
            "if": {"required": ["deployment"], "properties": {"deployment": {"type": "string"}}},
            "then": {"required": ["model"], "properties": {"model": {"type": "string"}}},
        }
    )

    use_case: Id | None = Field(None, description="Use case covered.")
    model: Id | None = Field(None, description="Model covered.")
    deployment: Id | None = Field(None, description="Deployment covered (of 'model').")

    @model_validator(mode="after")
    def _not_empty(self) -> WaiverScope:
        if self.use_case is None and self.model is None and self.deployment is None:
            raise ValueError("name at least one of 'use_case', 'model', 'deployment'")
        if self.deployment is not None and self.model is None:
            raise ValueError("'deployment' needs 'model' (deployment ids are per model)")
        return self


class Waiver(Strict):
    id: Id = Field(description="Waiver id.")
    scope: WaiverScope = Field(description="What the waiver covers.")
    rules: list[
        Annotated[
            str,
            Field(pattern=r"^GOV-[A-Z]+-[0-9]{3}$", description="A policy rule id."),
        ]
    ] = Field(min_length=1, description="Rule ids waived (exact ids, no wildcards).")
    justification: Text = Field(description="Business or risk rationale.")
    compensating_controls: list[CompensatingControl] = Field(
        default_factory=list,
        description="Mitigations in place: known control names, or descriptions in words "
        "(e.g. 'manual review of every output by the legal team').",
    )
    requested_by: Person = Field(description="Requester.")
    approver: Person = Field(description="Approver; must differ from the requester.")
    approved_on: Date = Field(description="Approval date; the waiver applies from then.")
    expires_on: Date = Field(description="Hard expiry; findings stand again after it.")
    ticket: str | None = Field(None, description="Risk register entry or ticket.")
    extensions: Extensions = None

    @field_validator("expires_on")
    @classmethod
    def _after_approval(cls, expires_on: dt.date, info: ValidationInfo) -> dt.date:
        # a field validator, so the error points at 'expires_on' (JSON Schema cannot compare)
        approved_on = info.data.get("approved_on")
        if approved_on is not None and expires_on < approved_on:
            raise HintedValueError(
                "'expires_on' is before 'approved_on'", f"approved_on is {approved_on}"
            )
        return expires_on


# --- one document -----------------------------------------------------------------------------


class InventoryDocument(Strict):
    """One YAML document; a directory of documents merges into one inventory."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="model-governance inventory (governance/v1)",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://model-governance.dev/schemas/inventory.schema.json",
        },
    )

    apiVersion: Literal["governance/v1"] = Field(  # camelCase: the YAML key
        description="Format version; always 'governance/v1'."
    )
    organization: Organization | None = Field(
        None, description="Organization profile and requirements (exactly one per inventory)."
    )
    models: list[Model] = Field(default_factory=list, description="Models and deployments.")
    use_cases: list[UseCase] = Field(default_factory=list, description="Model choices.")
    exceptions: list[Waiver] = Field(default_factory=list, description="Waivers.")
