"""Deterministic generator of synthetic model inventories (apiVersion governance/v1).

    python benchmarks/generate.py --use-cases 10000 [--seed 1] [--files 1]
        [--violation-rate R] -o /tmp/inv

writes ``organization.yaml``, ``models.yaml``, ``exceptions.yaml`` and the use cases split
into ``--files`` files under ``use_cases/``. The same arguments always produce the same
bytes. The inventory is valid for ``governance validate`` (add ``--max-file-size`` when one
use-case file is over the default 10 MiB, i.e. beyond roughly 10,000 use cases per file).

By default every use case is drawn from the full range of each field, so ~93% of the model
choices break at least one rule (~4 findings per choice): the worst case for an evaluator.
``--violation-rate R`` draws only that fraction of the use cases that way; the others are
written to comply (low risk tier, public or internal data, no distribution, their own
content moderation, a review date ahead, and model choices among deployments whose licence,
lifecycle, retention and training terms pass for their data), as in an inventory that is
mostly in order.

Other scripts import it with::

    sys.path.insert(0, str(Path(__file__).parent))
    from generate import generate
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path
from typing import get_args

from governance.inventory.types import SafetyControl

# --- vocabularies ------------------------------------------------------------------------

LEVELS = ["public", "internal", "confidential", "restricted"]
LEVEL_WEIGHTS = [10, 45, 35, 10]

CATEGORIES = [
    "pii",
    "phi",
    "pci",
    "special-category",
    "children",
    "biometric",
    "credentials",
    "source-code",
    "trade-secret",
]
CATEGORY_WEIGHTS = [40, 8, 6, 4, 2, 2, 4, 20, 14]

CONTROLS = list(get_args(SafetyControl))  # the format's own vocabulary, in its order
VENDOR_CONTROLS = ["content-moderation", "abuse-monitoring", "rate-limiting", "output-filtering"]

ANNEX_III = [
    "biometrics",
    "critical-infrastructure",
    "education",
    "employment",
    "essential-services",
    "law-enforcement",
    "migration",
    "justice-democracy",
]

MOF = [
    "model-architecture",
    "model-parameters-final",
    "model-card",
    "data-card",
    "technical-report",
    "evaluation-results",
    "training-code",
    "inference-code",
    "evaluation-code",
    "datasets",
    "data-preprocessing-code",
    "research-paper",
]

RULES = [
    "GOV-RES-001",
    "GOV-RES-002",
    "GOV-RET-001",
    "GOV-LIC-001",
    "GOV-LIC-003",
    "GOV-ACC-001",
    "GOV-CTL-001",
    "GOV-CTL-002",
    "GOV-TRN-001",
    "GOV-FBK-001",
]

# (id, name, provider, access class, licence key, declared, parameters in billions or None,
#  family, hf repo or None, input modalities)
MODELS = [
    # closed: API only
    ("gpt-4o", "GPT-4o", "OpenAI", "closed", "proprietary", None, None, "gpt-4o", None, "ti"),
    (
        "gpt-4o-mini",
        "GPT-4o mini",
        "OpenAI",
        "closed",
        "proprietary",
        None,
        None,
        "gpt-4o",
        None,
        "ti",
    ),
    ("gpt-4.1", "GPT-4.1", "OpenAI", "closed", "proprietary", None, None, "gpt-4.1", None, "ti"),
    (
        "gpt-4.1-mini",
        "GPT-4.1 mini",
        "OpenAI",
        "closed",
        "proprietary",
        None,
        None,
        "gpt-4.1",
        None,
        "ti",
    ),
    ("o4-mini", "o4-mini", "OpenAI", "closed", "proprietary", None, None, "o-series", None, "ti"),
    (
        "text-embedding-3-large",
        "text-embedding-3-large",
        "OpenAI",
        "closed",
        "proprietary",
        None,
        None,
        "embeddings",
        None,
        "t",
    ),
    (
        "claude-sonnet-4",
        "Claude Sonnet 4",
        "Anthropic",
        "closed",
        "proprietary",
        None,
        None,
        "claude-4",
        None,
        "ti",
    ),
    (
        "claude-opus-4",
        "Claude Opus 4",
        "Anthropic",
        "closed",
        "proprietary",
        None,
        None,
        "claude-4",
        None,
        "ti",
    ),
    (
        "claude-3-5-haiku",
        "Claude 3.5 Haiku",
        "Anthropic",
        "closed",
        "proprietary",
        None,
        None,
        "claude-3.5",
        None,
        "t",
    ),
    (
        "gemini-2.5-pro",
        "Gemini 2.5 Pro",
        "Google",
        "closed",
        "proprietary",
        None,
        None,
        "gemini-2.5",
        None,
        "tiav",
    ),
    (
        "gemini-2.5-flash",
        "Gemini 2.5 Flash",
        "Google",
        "closed",
        "proprietary",
        None,
        None,
        "gemini-2.5",
        None,
        "tiav",
    ),
    (
        "command-r-plus",
        "Command R+",
        "Cohere",
        "closed",
        "proprietary",
        None,
        None,
        "command-r",
        None,
        "t",
    ),
    (
        "mistral-large-2",
        "Mistral Large 2",
        "Mistral AI",
        "closed",
        "proprietary",
        None,
        None,
        "mistral-large",
        None,
        "t",
    ),
    (
        "nova-pro",
        "Amazon Nova Pro",
        "Amazon",
        "closed",
        "proprietary",
        None,
        None,
        "nova",
        None,
        "tiv",
    ),
    # open-weight: downloadable parameters, not OSAID open source
    (
        "llama-3.1-8b-instruct",
        "Llama 3.1 8B Instruct",
        "Meta",
        "open-weight",
        "llama3.1",
        "llama3.1",
        8,
        "llama-3.1",
        "meta-llama/Llama-3.1-8B-Instruct",
        "t",
    ),
    (
        "llama-3.1-70b-instruct",
        "Llama 3.1 70B Instruct",
        "Meta",
        "open-weight",
        "llama3.1",
        "llama3.1",
        70,
        "llama-3.1",
        "meta-llama/Llama-3.1-70B-Instruct",
        "t",
    ),
    (
        "llama-3.3-70b-instruct",
        "Llama 3.3 70B Instruct",
        "Meta",
        "open-weight",
        "llama3.3",
        "llama3.3",
        70,
        "llama-3.3",
        "meta-llama/Llama-3.3-70B-Instruct",
        "t",
    ),
    (
        "llama-3.2-3b-instruct",
        "Llama 3.2 3B Instruct",
        "Meta",
        "open-weight",
        "llama3.2",
        "llama3.2",
        3,
        "llama-3.2",
        "meta-llama/Llama-3.2-3B-Instruct",
        "t",
    ),
    (
        "llama-4-scout",
        "Llama 4 Scout 17B-16E Instruct",
        "Meta",
        "open-weight",
        "llama4",
        "llama4",
        109,
        "llama-4",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "ti",
    ),
    (
        "gemma-3-27b-it",
        "Gemma 3 27B IT",
        "Google",
        "open-weight",
        "gemma",
        "gemma",
        27,
        "gemma-3",
        "google/gemma-3-27b-it",
        "ti",
    ),
    (
        "gemma-3-4b-it",
        "Gemma 3 4B IT",
        "Google",
        "open-weight",
        "gemma",
        "gemma",
        4,
        "gemma-3",
        "google/gemma-3-4b-it",
        "ti",
    ),
    (
        "gemma-2-9b-it",
        "Gemma 2 9B IT",
        "Google",
        "open-weight",
        "gemma",
        "gemma",
        9,
        "gemma-2",
        "google/gemma-2-9b-it",
        "t",
    ),
    (
        "mistral-7b-instruct",
        "Mistral 7B Instruct v0.3",
        "Mistral AI",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        7,
        "mistral",
        "mistralai/Mistral-7B-Instruct-v0.3",
        "t",
    ),
    (
        "mixtral-8x7b-instruct",
        "Mixtral 8x7B Instruct",
        "Mistral AI",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        47,
        "mixtral",
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "t",
    ),
    (
        "mistral-small-3.1",
        "Mistral Small 3.1 24B",
        "Mistral AI",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        24,
        "mistral-small",
        "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
        "ti",
    ),
    (
        "qwen2.5-72b-instruct",
        "Qwen2.5 72B Instruct",
        "Alibaba Cloud",
        "open-weight",
        "qwen",
        "qwen",
        72,
        "qwen2.5",
        "Qwen/Qwen2.5-72B-Instruct",
        "t",
    ),
    (
        "qwen2.5-7b-instruct",
        "Qwen2.5 7B Instruct",
        "Alibaba Cloud",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        7,
        "qwen2.5",
        "Qwen/Qwen2.5-7B-Instruct",
        "t",
    ),
    (
        "qwen2.5-coder-32b",
        "Qwen2.5 Coder 32B Instruct",
        "Alibaba Cloud",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        32,
        "qwen2.5",
        "Qwen/Qwen2.5-Coder-32B-Instruct",
        "t",
    ),
    (
        "gpt-oss-20b",
        "gpt-oss-20b",
        "OpenAI",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        21,
        "gpt-oss",
        "openai/gpt-oss-20b",
        "t",
    ),
    (
        "gpt-oss-120b",
        "gpt-oss-120b",
        "OpenAI",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        117,
        "gpt-oss",
        "openai/gpt-oss-120b",
        "t",
    ),
    ("phi-4", "Phi-4", "Microsoft", "open-weight", "mit", "mit", 14, "phi", "microsoft/phi-4", "t"),
    (
        "deepseek-v3",
        "DeepSeek-V3-0324",
        "DeepSeek",
        "open-weight",
        "mit",
        "mit",
        671,
        "deepseek-v3",
        "deepseek-ai/DeepSeek-V3-0324",
        "t",
    ),
    (
        "deepseek-r1-distill-qwen-32b",
        "DeepSeek-R1-Distill-Qwen-32B",
        "DeepSeek",
        "open-weight",
        "mit",
        "mit",
        32,
        "deepseek-r1",
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
        "t",
    ),
    (
        "falcon-7b-instruct",
        "Falcon 7B Instruct",
        "TII",
        "open-weight",
        "apache-2.0",
        "apache-2.0",
        7,
        "falcon",
        "tiiuae/falcon-7b-instruct",
        "t",
    ),
    ("bge-m3", "BGE-M3", "BAAI", "open-weight", "mit", "mit", 1, "bge", "BAAI/bge-m3", "t"),
    # open-source: weights, code and data information under open terms
    (
        "olmo-2-13b-instruct",
        "OLMo 2 13B Instruct",
        "Ai2",
        "open-source",
        "apache-2.0",
        "apache-2.0",
        13,
        "olmo-2",
        "allenai/OLMo-2-1124-13B-Instruct",
        "t",
    ),
    (
        "olmo-2-7b-instruct",
        "OLMo 2 7B Instruct",
        "Ai2",
        "open-source",
        "apache-2.0",
        "apache-2.0",
        7,
        "olmo-2",
        "allenai/OLMo-2-1124-7B-Instruct",
        "t",
    ),
    (
        "pythia-6.9b",
        "Pythia 6.9B",
        "EleutherAI",
        "open-source",
        "apache-2.0",
        "apache-2.0",
        7,
        "pythia",
        "EleutherAI/pythia-6.9b",
        "t",
    ),
    (
        "amber-7b",
        "Amber",
        "LLM360",
        "open-source",
        "apache-2.0",
        "apache-2.0",
        7,
        "llm360",
        "LLM360/Amber",
        "t",
    ),
    (
        "k2-65b",
        "K2",
        "LLM360",
        "open-source",
        "apache-2.0",
        "apache-2.0",
        65,
        "llm360",
        "LLM360/K2",
        "t",
    ),
    (
        "smollm2-1.7b-instruct",
        "SmolLM2 1.7B Instruct",
        "Hugging Face",
        "open-source",
        "apache-2.0",
        "apache-2.0",
        2,
        "smollm2",
        "HuggingFaceTB/SmolLM2-1.7B-Instruct",
        "t",
    ),
]
MODALITY = {"t": "text", "i": "image", "a": "audio", "v": "video"}

# Where vendors process data (vendor-hosted), and cloud regions for managed / own clouds.
VENDOR_REGIONS = [["US"], ["US"], ["global"], ["EU"], ["US", "EU"], ["GB"], ["JP"]]
CLOUD_REGIONS = {
    "azure": [
        "eastus",
        "eastus2",
        "westus3",
        "swedencentral",
        "francecentral",
        "germanywestcentral",
        "uksouth",
        "japaneast",
        "australiaeast",
        "canadaeast",
    ],
    "aws": [
        "us-east-1",
        "us-west-2",
        "eu-central-1",
        "eu-west-1",
        "eu-west-3",
        "eu-north-1",
        "ap-northeast-1",
        "ap-southeast-2",
        "ca-central-1",
        "sa-east-1",
    ],
    "gcp": [
        "us-central1",
        "europe-west4",
        "europe-west1",
        "europe-west3",
        "asia-northeast1",
        "australia-southeast1",
        "northamerica-northeast1",
    ],
}
SELF_HOSTED_SITES = [
    "DE",
    "US",
    "FR",
    "NL",
    "GB",
    "SG",
    "aws:us-east-1",
    "aws:eu-central-1",
    "gcp:europe-west4",
    "azure:westeurope",
]
PRIVATE_CLOUD = {  # provider of the model -> managed service(s) in the customer's tenant
    "OpenAI": ["azure"],
    "Anthropic": ["aws", "gcp"],
    "Google": ["gcp"],
    "Cohere": ["aws", "azure"],
    "Mistral AI": ["azure", "aws", "gcp"],
    "Amazon": ["aws"],
}
OPEN_MANAGED = ["aws", "azure", "gcp"]  # Bedrock / Azure AI Foundry / Vertex model gardens
GPUS = [
    ("NVIDIA H100 80GB", 80),
    ("NVIDIA A100 80GB", 80),
    ("NVIDIA L40S", 48),
    ("NVIDIA L4", 24),
    ("NVIDIA A10G", 24),
]

TEAMS = [
    "platform",
    "data-science",
    "legal",
    "finance",
    "hr",
    "support",
    "marketing",
    "security",
    "sales",
    "engineering",
    "risk",
    "operations",
    "research",
    "procurement",
]
FIRST = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Donald",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Hedy",
    "John",
    "Katherine",
    "Dennis",
    "Sophie",
    "Yuki",
    "Amara",
    "Mateo",
    "Priya",
    "Wei",
    "Olga",
    "Kwame",
    "Lena",
    "Omar",
    "Ines",
    "Jonas",
]
LAST = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Knuth",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "McCarthy",
    "Johnson",
    "Ritchie",
    "Wilson",
    "Tanaka",
    "Okafor",
    "Garcia",
    "Raman",
    "Zhang",
    "Petrova",
    "Mensah",
    "Schmidt",
    "Haddad",
    "Moreau",
    "Berg",
]

TASKS = [
    ("summarisation", "Summarise {obj} for {team} staff.", "summary of {obj}"),
    ("search", "Answer questions about {obj} with citations.", "{obj} assistant"),
    ("classification", "Route and label incoming {obj}.", "{obj} triage"),
    ("extraction", "Extract structured fields from {obj}.", "{obj} extraction"),
    ("translation", "Translate {obj} between company languages.", "{obj} translation"),
    ("drafting", "Draft replies and documents from {obj}.", "{obj} drafting"),
    ("code-generation", "Suggest code changes grounded in {obj}.", "{obj} coding aid"),
    ("customer-support", "Help customers with questions about {obj}.", "{obj} support chat"),
    ("fraud-detection", "Flag anomalies in {obj} for analysts.", "{obj} anomaly review"),
    ("recruitment", "Screen and rank candidates using {obj}.", "{obj} candidate screening"),
    ("embedding", "Index {obj} for semantic retrieval.", "{obj} retrieval index"),
    ("marketing-copy", "Write campaign copy from {obj}.", "{obj} copywriting"),
]
OBJECTS = [
    "contracts",
    "support tickets",
    "invoices",
    "incident reports",
    "product manuals",
    "meeting notes",
    "sales calls",
    "policy documents",
    "source repositories",
    "claims",
    "medical letters",
    "job applications",
    "release notes",
    "emails",
    "research papers",
    "chat transcripts",
    "purchase orders",
    "audit logs",
]

TODAY = dt.date(2026, 11, 1)


# --- YAML emitting ------------------------------------------------------------------------

_PLAIN_OK = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/@()+-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()  # plain: the loader keeps dates as strings
    text = str(value)
    if (
        _PLAIN_OK.match(text)
        and text.lower() not in _RESERVED
        and not text.endswith(" ")
        and " #" not in text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _is_flat(value) -> bool:
    """Scalars, lists of scalars, and mappings of those fit on one line in flow style."""
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) or _is_flat_list(v) for v in value.values())
    return _is_flat_list(value) if isinstance(value, list) else True


def _is_flat_list(value) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _block_mapping(mapping: dict, indent: int, out: list[str], first_prefix: str = "") -> None:
    """Write a mapping in block style; small mappings and scalar lists go in flow style."""
    pad = " " * indent
    for number, (key, value) in enumerate(mapping.items()):
        lead = first_prefix if number == 0 and first_prefix else pad
        if isinstance(value, dict) and not _is_flat(value):
            out.append(f"{lead}{key}:")
            _block_mapping(value, indent + 2, out)
        elif isinstance(value, list) and value and not _is_flat_list(value):
            out.append(f"{lead}{key}:")
            _block_list(value, indent + 2, out)
        else:
            out.append(f"{lead}{key}: {_flow(value)}")


def _block_list(items: list, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and not _is_flat(item):
            _block_mapping(item, indent + 2, out, first_prefix=pad + "- ")
        else:
            out.append(f"{pad}- {_flow(item)}")


def to_yaml(document: dict, header: str = "") -> str:
    out: list[str] = [f"# {line}" if line else "#" for line in header.splitlines()]
    _block_mapping(document, 0, out)
    return "\n".join(out) + "\n"


# --- content ------------------------------------------------------------------------------


def _organization(rng: random.Random) -> dict:
    return {
        "id": "synthetic-corp",
        "name": "Synthetic Corp",
        "jurisdictions": ["DE", "US"],
        "eu_ai_act_roles": ["deployer", "provider"],
        "monthly_active_users": 2_500_000,
        "frameworks": ["eu-ai-act", "nist-ai-rmf", "iso-42001"],
        "data_classification": [
            {"level": "public", "description": "Published or publishable information."},
            {"level": "internal", "description": "Ordinary business data."},
            {"level": "confidential", "description": "Customer and employee data."},
            {"level": "restricted", "description": "Health, payment and secret data."},
        ],
        "policy_version": "2026.3",
        "requirements": {
            "allowed_access_classes": ["open-source", "open-weight", "closed"],
            "denied_licenses": ["cc-by-nc-4.0", "cc-by-nc-sa-4.0"],
            "require_osi_approved": False,
            "commercial_use": True,
            "residency": [
                {
                    "classification": "confidential",
                    "processing": ["EU", "US"],
                    "storage": ["EU", "US"],
                },
                {"classification": "restricted", "processing": ["EU"], "storage": ["EU"]},
            ],
            "retention": [
                {"classification": "internal", "max_vendor_retention_days": 30},
                {
                    "classification": "confidential",
                    "max_vendor_retention_days": 0,
                    "forbid_human_review": True,
                },
                {
                    "classification": "restricted",
                    "require_zero_data_retention": True,
                    "forbid_human_review": True,
                },
            ],
            "zero_data_retention_for": ["phi", "pci", "special-category", "biometric"],
            "training_on_customer_data": [
                {"classification": "internal", "allowed": "never"},
            ],
            "access": [
                {
                    "classification": "restricted",
                    "allowed_access_classes": ["open-source", "open-weight"],
                    "require_self_hosted": True,
                },
            ],
            "required_controls": [
                {"risk_tier": "medium", "controls": ["logging-monitoring", "incident-response"]},
                {
                    "risk_tier": "high",
                    "controls": [
                        "logging-monitoring",
                        "incident-response",
                        "human-oversight",
                        "evaluation",
                    ],
                },
                {
                    "risk_tier": "critical",
                    "controls": [
                        "logging-monitoring",
                        "incident-response",
                        "human-oversight",
                        "evaluation",
                        "red-teaming",
                    ],
                },
            ],
            "prohibited_uses": ["social-scoring", "emotion-recognition-workplace"],
            "fallback_required_for_tiers": ["high", "critical"],
            "max_waiver_days": 180,
        },
    }


def _date(rng: random.Random, start: dt.date, span_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span_days))


def _controls(rng: random.Random, owner: str, k_min: int, k_max: int, pool=CONTROLS) -> list:
    chosen = rng.sample(pool, rng.randint(k_min, min(k_max, len(pool))))
    result = []
    for control in chosen:
        item = {"control": control, "owner": owner, "implemented": rng.random() < 0.85}
        if owner == "vendor" or rng.random() < 0.4:
            item["evidence"] = (
                f"https://evidence.synthetic.example/{control}/{rng.randrange(10**6)}"
            )
        result.append(item)
    return result


def _retention(rng: random.Random, provider: str) -> dict:
    zdr = rng.random() < 0.3
    retention: dict = {
        "days": 0 if zdr else rng.choice([0, 7, 30, 30, 30, 90]),
        "zero_data_retention": zdr,
    }
    if not zdr and rng.random() < 0.5:
        retention["abuse_monitoring_days"] = 30
    retention["human_review_possible"] = (not zdr) and rng.random() < 0.6
    retention["contract_ref"] = f"{provider} DPA {rng.choice(['2025-03', '2025-09', '2026-01'])}"
    return retention


def _deployment(rng: random.Random, spec: tuple, mode: str) -> dict:
    provider = spec[2]
    if mode == "vendor-hosted":
        where = rng.choice(VENDOR_REGIONS)
        vendor = (
            provider
            if spec[3] == "closed"
            else rng.choice(["Together AI", "Fireworks AI", "Groq", "DeepInfra"])
        )
        deployment = {
            "id": f"{re.sub(r'[^a-z0-9]+', '-', vendor.lower())}-api-{where[0].lower()}",
            "mode": mode,
            "operator": vendor,
            "processing_locations": list(where),
            "storage_locations": ["US"] if where == ["global"] else list(where),
            "retention": _retention(rng, vendor),
            "training_on_customer_data": rng.choice(
                ["never", "never", "opt-in", "opt-out", "unknown"]
            ),
            "safety_controls": _controls(rng, "vendor", 1, 3, VENDOR_CONTROLS),
            "certifications": sorted(
                rng.sample(["soc2", "iso27001", "iso42001", "hipaa-baa"], rng.randint(1, 3))
            ),
        }
    elif mode == "private-cloud":
        cloud = rng.choice(PRIVATE_CLOUD.get(provider, OPEN_MANAGED))
        region = rng.choice(CLOUD_REGIONS[cloud])
        service = {"azure": "Azure AI Foundry", "aws": "Amazon Bedrock", "gcp": "Vertex AI"}
        deployment = {
            "id": f"{cloud}-{region}",
            "mode": mode,
            "operator": service[cloud],
            "processing_locations": [f"{cloud}:{region}"],
            "storage_locations": [f"{cloud}:{region}"],
            "retention": _retention(rng, service[cloud]),
            "training_on_customer_data": "never",
            "safety_controls": _controls(rng, "vendor", 1, 2, VENDOR_CONTROLS)
            + _controls(rng, "org", 0, 2, ["logging-monitoring", "incident-response"]),
            "certifications": ["iso27001", "soc2"],
        }
    elif mode == "self-hosted":
        site = rng.choice(SELF_HOSTED_SITES)
        gpu, memory = rng.choice(GPUS)
        params = spec[6] or 8
        deployment = {
            "id": f"self-{site.replace(':', '-').lower()}",
            "mode": mode,
            "operator": "org",
            "processing_locations": [site],
            "storage_locations": [site],
            "training_on_customer_data": "never",
            "safety_controls": _controls(rng, "org", 2, 5),
            "hardware": {
                "accelerator": gpu,
                "accelerator_memory_gb": memory,
                "count": max(1, min(8, (params * 2) // memory + 1)),
            },
        }
    else:  # edge
        deployment = {
            "id": f"edge-{rng.choice(['laptop', 'mobile', 'kiosk'])}",
            "mode": mode,
            "operator": "org",
            "processing_locations": ["global"],
            "training_on_customer_data": "never",
            "safety_controls": _controls(rng, "org", 1, 3),
        }
    return deployment


def _models(rng: random.Random) -> list[dict]:
    models = []
    for spec in MODELS:
        model_id, name, provider, access, key, declared, params, family, repo, modal = spec
        if access == "closed":
            modes = ["vendor-hosted"] + (["private-cloud"] if provider in PRIVATE_CLOUD else [])
        else:
            modes = ["self-hosted", "self-hosted", "private-cloud", "vendor-hosted"]
            if params is not None and params <= 8:
                modes.append("edge")
        deployments: list[dict] = []
        for _ in range(rng.randint(1, 3)):
            deployment = _deployment(rng, spec, rng.choice(modes))
            if any(d["id"] == deployment["id"] for d in deployments):
                continue
            deployments.append(deployment)
        model: dict = {
            "id": model_id,
            "name": name,
            "provider": provider,
            "family": family,
            "access_class": access,
        }
        if access == "closed":
            model["version"] = rng.choice(["2025-04-14", "2025-05-14", "2025-08-06"])
            model["weights"] = {"availability": "none"}
        elif key in ("llama3.1", "llama3.2", "llama3.3", "llama4", "gemma"):
            model["weights"] = {
                "availability": "gated",
                "license_acceptance": {
                    "accepted_by": "Legal Team",
                    "accepted_on": _date(rng, dt.date(2025, 1, 1), 500),
                    "reference": f"LEGAL-{rng.randrange(1000, 9999)}",
                },
            }
        else:
            model["weights"] = {"availability": "public"}
        model["license"] = {"key": key}
        if declared:
            model["license"]["declared"] = declared
        if access == "open-source":
            model["components"] = [{"name": c} for c in MOF]
        elif access == "open-weight":
            model["components"] = [
                {"name": "model-parameters-final"},
                {"name": "model-card"},
                {"name": "inference-code", "license": "apache-2.0"},
                {"name": "datasets", "included": False},
            ]
        card: dict = {}
        if params is not None:
            card["parameters_total"] = params * 1_000_000_000
        card["context_window"] = rng.choice([8192, 32768, 128000, 131072, 200000, 1048576])
        card["modalities_in"] = [MODALITY[c] for c in modal]
        card["modalities_out"] = (
            ["embedding"] if "embed" in family or model_id == "bge-m3" else ["text"]
        )
        model["model_card"] = card
        source: dict = {"retrieved_on": _date(rng, dt.date(2026, 6, 1), 150)}
        if repo:
            source = {"hf_repo": repo, "revision": "main", **source}
        else:
            source = {
                "url": f"https://docs.{provider.lower().replace(' ', '')}.example/models/"
                f"{model_id}",
                **source,
            }
        model["source"] = source
        if rng.random() < 0.1:
            model["lifecycle"] = {
                "status": "deprecated",
                "retired_on": _date(rng, dt.date(2027, 1, 1), 200),
            }
        model["deployments"] = deployments
        models.append(model)
    return models


def _people(rng: random.Random, count: int = 300) -> list[dict]:
    people = []
    for index in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append(
            {
                "name": f"{first} {last}",
                "email": f"{first.lower()}.{last.lower()}{index}@synthetic.example",
                "team": rng.choice(TEAMS),
            }
        )
    return people


def _use_case(rng: random.Random, number: int, people: list[dict], choices: list, weights) -> dict:
    tag, purpose, title = rng.choice(TASKS)
    obj = rng.choice(OBJECTS)
    owner = rng.choice(people)
    level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
    if rng.random() < 0.45:
        categories = ["none"]
    else:
        categories = sorted(set(rng.choices(CATEGORIES, CATEGORY_WEIGHTS, k=rng.randint(1, 3))))
    act = rng.choices(
        ["minimal", "limited", "high", "unassessed", "prohibited"], [50, 28, 10, 11, 1]
    )[0]
    risk: dict = {"eu_ai_act": act}
    if act == "high" or (tag == "recruitment" and rng.random() < 0.5):
        risk["annex_iii_area"] = "employment" if tag == "recruitment" else rng.choice(ANNEX_III)
    risk["internal_tier"] = rng.choices(["low", "medium", "high", "critical"], [30, 45, 20, 5])[0]
    user_facing = rng.random() < 0.6
    external = user_facing and rng.random() < 0.5
    exposure: dict = {"user_facing": user_facing, "external_users": external}
    if external and rng.random() < 0.1:
        exposure["minors_possible"] = True
    automated = rng.random() < 0.15
    use_case: dict = {
        "id": f"uc-{number:06d}",
        "name": f"{title.format(obj=obj).capitalize()} ({owner['team']})",
        "purpose": purpose.format(obj=obj, team=owner["team"]),
        "purpose_tags": [tag] + ([obj.split()[0]] if rng.random() < 0.3 else []),
        "owner": owner,
        "data_classification": level,
        "data_categories": categories,
    }
    if rng.random() < 0.6:
        use_case["data_subject_jurisdictions"] = sorted(
            set(
                rng.choices(
                    ["EU", "US", "GB", "DE", "CA", "JP", "BR", "IN", "CH"], k=rng.randint(1, 3)
                )
            )
        )
    use_case["risk"] = risk
    use_case["exposure"] = exposure
    use_case["automated_decision"] = {
        "fully_automated": automated,
        "legal_or_similar_effect": automated and rng.random() < 0.3,
    }
    use_case["human_oversight"] = rng.choices(
        ["none", "human-on-the-loop", "human-in-the-loop"], [30, 40, 30]
    )[0]
    use_case["distribution"] = rng.choices(
        ["internal", "hosted-service", "redistributes-weights", "distributes-derivative"],
        [60, 35, 2, 3],
    )[0]
    use_case["commercial"] = rng.random() < 0.7
    if rng.random() < 0.5:
        use_case["safety_controls"] = _controls(rng, "org", 1, 3)
    if act == "high" or rng.random() < 0.25:
        use_case["evaluation"] = {
            "reference": f"EVAL-{rng.randrange(10000, 99999)}",
            "date": _date(rng, dt.date(2025, 6, 1), 500),
        }
    status = rng.choices(["approved", "proposed", "rejected", "retired"], [65, 25, 4, 6])[0]
    lifecycle: dict = {"status": status}
    if status in ("approved", "retired"):
        lifecycle["approved_on"] = _date(rng, dt.date(2024, 6, 1), 800)
    lifecycle["review_by"] = _date(rng, TODAY, 540)
    use_case["lifecycle"] = lifecycle
    count = rng.choices([1, 2, 3], [55, 35, 10])[0]
    picked: list[tuple[str, str]] = []
    while len(picked) < count:
        pair = rng.choices(choices, weights)[0]
        if pair not in picked:
            picked.append(pair)
    use_case["model_choices"] = [
        {
            "model": model,
            "deployment": deployment,
            "role": "primary" if i == 0 else rng.choice(["fallback", "fallback", "evaluation"]),
        }
        for i, (model, deployment) in enumerate(picked)
    ]
    return use_case


# --- compliant use cases (--violation-rate) ---------------------------------------------------

# Licences under which the built-in library reports nothing for internal, commercial use.
CLEAN_LICENSES = {"proprietary", "apache-2.0", "mit"}
CLEAN_TASKS = [task for task in TASKS if task[0] != "recruitment"]  # no Annex III area


def _vendor_operated(deployment: dict) -> bool:
    return deployment["mode"] in ("vendor-hosted", "private-cloud")


def _clean_for(level: str, deployment: dict) -> bool:
    """Whether the retention and training rules of the generated organization pass this
    deployment for data of ``level`` (public data has no such rule)."""
    if level == "public" or not _vendor_operated(deployment):
        return True
    retention = deployment["retention"]
    days = max(retention["days"], retention.get("abuse_monitoring_days") or 0)
    return days <= 30 and deployment["training_on_customer_data"] == "never"


def _clean_pairs(models: list[dict]) -> dict[str, tuple[list, list]]:
    """Per data level, the (model, deployment) pairs a compliant use case may choose."""
    pairs: dict[str, tuple[list, list]] = {"public": ([], []), "internal": ([], [])}
    for rank, model in enumerate(models):
        if "lifecycle" in model or model["license"]["key"] not in CLEAN_LICENSES:
            continue
        popularity = 1.0 / (1 + rank % 14)
        for deployment in model["deployments"]:
            for level, (choices, weights) in pairs.items():
                if _clean_for(level, deployment):
                    choices.append((model["id"], deployment["id"]))
                    weights.append(popularity)
    return pairs


def _clean_use_case(rng: random.Random, number: int, people: list[dict], pairs: dict) -> dict:
    """A use case that complies with the generated organization's requirements."""
    tag, purpose, title = rng.choice(CLEAN_TASKS)
    obj = rng.choice(OBJECTS)
    owner = rng.choice(people)
    level = rng.choices(["public", "internal"], [30, 70])[0]
    user_facing = rng.random() < 0.5
    controls = [
        {
            "control": "content-moderation",
            "owner": "org",
            "implemented": True,
            "evidence": f"https://evidence.synthetic.example/content-moderation/{number}",
        }
    ]
    use_case: dict = {
        "id": f"uc-{number:06d}",
        "name": f"{title.format(obj=obj).capitalize()} ({owner['team']})",
        "purpose": purpose.format(obj=obj, team=owner["team"]),
        "purpose_tags": [tag],
        "owner": owner,
        "data_classification": level,
        "data_categories": rng.choices([["none"], ["source-code"], ["trade-secret"]], [6, 2, 1])[0],
        "data_subject_jurisdictions": ["US"],
        "risk": {"eu_ai_act": "minimal", "internal_tier": "low"},
        "exposure": {"user_facing": user_facing, "external_users": False},
        "automated_decision": {"fully_automated": False, "legal_or_similar_effect": False},
        "human_oversight": rng.choice(["human-on-the-loop", "human-in-the-loop"]),
        "distribution": "internal",
        "commercial": rng.random() < 0.7,
        "safety_controls": controls,
        "lifecycle": {
            "status": "approved",
            "approved_on": _date(rng, dt.date(2024, 6, 1), 800),
            "review_by": _date(rng, dt.date(2027, 1, 1), 540),
        },
    }
    choices, weights = pairs[level]
    count = rng.choices([1, 2, 3], [55, 35, 10])[0]
    picked: list[tuple[str, str]] = []
    while len(picked) < min(count, len(choices)):
        pair = rng.choices(choices, weights)[0]
        if pair not in picked:
            picked.append(pair)
    use_case["model_choices"] = [
        {
            "model": model,
            "deployment": deployment,
            "role": "primary" if i == 0 else rng.choice(["fallback", "fallback", "evaluation"]),
        }
        for i, (model, deployment) in enumerate(picked)
    ]
    return use_case


def _waivers(
    rng: random.Random, use_cases: list[dict], models: list[dict], people: list[dict]
) -> list[dict]:
    count = min(len(use_cases), max(3, len(use_cases) // 1000))
    waivers = []
    for number, use_case in enumerate(rng.sample(use_cases, count), start=1):
        requester, approver = rng.sample(people, 2)
        while approver["name"] == requester["name"]:
            approver = rng.choice(people)
        choice = use_case["model_choices"][0]
        scope: dict = {"use_case": use_case["id"]}
        if rng.random() < 0.5:
            scope["model"] = choice["model"]
            scope["deployment"] = choice["deployment"]
        approved = _date(rng, dt.date(2026, 6, 1), 150)
        waivers.append(
            {
                "id": f"waiver-{number:04d}",
                "scope": scope,
                "rules": sorted(rng.sample(RULES, rng.randint(1, 2))),
                "justification": "Migration to a compliant deployment is scheduled; "
                "the vendor contract is being renegotiated.",
                "compensating_controls": sorted(rng.sample(CONTROLS, 2)),
                "requested_by": requester,
                "approver": {**approver, "role": "CISO"},
                "approved_on": approved,
                "expires_on": approved + dt.timedelta(days=rng.choice([30, 90, 180])),
                "ticket": f"RISK-{rng.randrange(100, 9999)}",
            }
        )
    return waivers


# --- entry points ------------------------------------------------------------------------


def build(use_cases: int, seed: int = 1, violation_rate: float | None = None) -> dict:
    """The inventory as data: {'organization': ..., 'models': [...], 'use_cases': [...],
    'exceptions': [...]}. Dates are datetime.date objects.

    ``violation_rate`` None (the default): every use case drawn from the full range (the
    worst case). Otherwise that fraction of the use cases is drawn so, the rest comply."""
    rng = random.Random(seed)
    organization = _organization(rng)
    models = _models(rng)
    people = _people(rng)
    choices, weights = [], []
    for rank, model in enumerate(models):
        if model.get("lifecycle", {}).get("status") == "retired":
            continue
        popularity = 1.0 / (1 + rank % 14)  # a few models carry most of the traffic
        for deployment in model["deployments"]:
            choices.append((model["id"], deployment["id"]))
            weights.append(popularity)
    if violation_rate is None:
        cases = [_use_case(rng, n, people, choices, weights) for n in range(1, use_cases + 1)]
    else:
        if not 0.0 <= violation_rate <= 1.0:
            raise ValueError("violation_rate must be between 0 and 1")
        pairs = _clean_pairs(models)
        breaks = random.Random(f"violations-{seed}")  # its own stream: the draw stays stable
        cases = [
            _use_case(rng, n, people, choices, weights)
            if breaks.random() < violation_rate
            else _clean_use_case(rng, n, people, pairs)
            for n in range(1, use_cases + 1)
        ]
    waivers = _waivers(rng, cases, models, people) if cases else []
    return {
        "organization": organization,
        "models": models,
        "use_cases": cases,
        "exceptions": waivers,
    }


HEADER = "Synthetic inventory written by benchmarks/generate.py (seed {seed}{rate}).\nDo not edit."


def generate(
    use_cases: int,
    seed: int = 1,
    files: int = 1,
    out: Path | str = "inventory",
    violation_rate: float | None = None,
) -> Path:
    """Write an inventory directory of ``use_cases`` use cases split into ``files`` files.

    Returns ``out``. Existing generated files in ``out`` are replaced; the directory must not
    hold other YAML files (they would be read as part of the inventory).
    """
    if use_cases < 0 or files < 1:
        raise ValueError("use_cases must be >= 0 and files >= 1")
    out = Path(out)
    data = build(use_cases, seed, violation_rate)
    rate = "" if violation_rate is None else f", violation rate {violation_rate:g}"
    header = HEADER.format(seed=seed, rate=rate)
    out.mkdir(parents=True, exist_ok=True)
    cases_dir = out / "use_cases"
    cases_dir.mkdir(exist_ok=True)
    for stale in cases_dir.glob("*.yaml"):
        stale.unlink()

    def write(path: Path, section: str, items) -> None:
        text = to_yaml({"apiVersion": "governance/v1", section: items}, header)
        path.write_text(text, encoding="utf-8")

    write(out / "organization.yaml", "organization", data["organization"])
    write(out / "models.yaml", "models", data["models"])
    write(out / "exceptions.yaml", "exceptions", data["exceptions"])
    cases = data["use_cases"]
    width = max(4, len(str(files)))
    for part in range(files):
        start, stop = part * len(cases) // files, (part + 1) * len(cases) // files
        name = f"use-cases-{part + 1:0{width}d}-of-{files:0{width}d}.yaml"
        write(cases_dir / name, "use_cases", cases[start:stop])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--use-cases", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--files",
        type=int,
        default=1,
        metavar="K",
        help="number of files the use cases are split into (default 1)",
    )
    parser.add_argument(
        "--violation-rate",
        type=float,
        default=None,
        metavar="R",
        help="fraction of use cases drawn to break rules, the rest comply "
        "(default: all drawn from the full range, ~93%% of choices rejected)",
    )
    parser.add_argument("-o", "--out", type=Path, required=True, metavar="DIR")
    args = parser.parse_args(argv)
    out = generate(args.use_cases, args.seed, args.files, args.out, args.violation_rate)
    size = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    print(
        f"wrote {out} ({args.use_cases} use cases, {args.files} use-case file(s), {size:,} bytes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
