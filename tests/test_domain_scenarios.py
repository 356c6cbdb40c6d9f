"""Held-out domain scenarios: small inventories written from public facts (licence texts,
vendor data terms, OSAID, MOF, EU AI Act), each with the decision a careful compliance reviewer
expects, written down before the tool was run on them. Each scenario directory under
tests/fixtures/scenarios/ has a README naming the fact and its public source.

Every scenario is run through `governance check` (in process, at a fixed clock) and must give
the expected decision, the expected exit code, every rule the fact calls for, and none of the
rules that would be a false alarm; and both engines (regorus and real OPA) must agree on every
scenario."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from governance.engine import create_engine
from governance.evaluation.check import evaluate
from governance.evaluation.settings import EvaluationSettings
from governance.inventory import load_inventory
from governance.policy import load_policy_set
from tests.support.cli import in_process
from tests.support.engine_diff import ENGINES, differences
from tests.support.opa_bindings import require_opa_bindings

SCENARIOS = Path(__file__).parent / "fixtures" / "scenarios"
NOW = "2026-11-24"


@dataclass(frozen=True)
class Expected:
    decision: str  # approved | approved-with-conditions | rejected
    fires: frozenset[str] = field(default_factory=frozenset)
    absent: frozenset[str] = field(default_factory=frozenset)
    says: tuple[tuple[str, str], ...] = ()  # (rule, text its message must contain)
    only: bool = False  # no finding but those in fires


def expect(
    decision: str, fires: str = "", absent: str = "", says: tuple = (), only: bool = False
) -> Expected:
    return Expected(decision, frozenset(fires.split()), frozenset(absent.split()), says, only)


# scenario directory -> what the facts call for (see each directory's README.md)
EXPECTED: dict[str, Expected] = {
    # Llama 3.2 / 4 AUP: no rights for multimodal models to EU-domiciled licensees
    "eu-llama-3.2-vision-self-hosted": expect("rejected", "GOV-LIC-010"),
    "us-llama-3.2-vision-self-hosted": expect("approved", absent="GOV-LIC-010 GOV-LIN-003"),
    "eu-llama-3.2-3b-text-self-hosted": expect("approved", absent="GOV-LIC-010 GOV-LIN-003"),
    "eu-llama-3.2-vision-finetune-self-hosted": expect("rejected", "GOV-LIC-010"),
    # (first written as "approved", forgetting Gemma's updatable prohibited-use policy)
    "eu-gemma-3-vision-self-hosted": expect("approved-with-conditions", "GOV-LIC-019", only=True),
    "eu-llama-4-scout-self-hosted": expect("rejected", "GOV-LIC-010"),
    "eu-llama-4-vendor-api": expect("approved-with-conditions", "GOV-LIC-011", "GOV-LIC-010"),
    # Llama 3.1: 700M MAU, "Built with Llama", the "Llama" name prefix, licence copy
    "llama-3.1-above-700m-mau": expect("rejected", "GOV-LIC-007 GOV-LIC-013"),
    "llama-3.1-grid-dispatch": expect(
        "rejected",
        "GOV-LIC-021",
        says=(("GOV-LIC-021", "forbid operating critical infrastructure"),),
        only=True,
    ),
    "llama-3.1-mau-unrecorded": expect("approved-with-conditions", "GOV-LIC-008", "GOV-LIC-007"),
    "llama-3.1-finetune-renamed-distributed": expect(
        "approved-with-conditions",
        "GOV-LIC-017 GOV-LIC-013 GOV-LIC-015",
        "GOV-LIC-016 GOV-LIN-001",
    ),
    "llama-3.1-finetune-named-correctly": expect(
        "approved-with-conditions", "GOV-LIC-013 GOV-LIC-015", "GOV-LIC-017 GOV-LIN-001"
    ),
    # Qwen LICENSE AGREEMENT: 100M MAU (an unverified catalogue fact)
    "qwen2.5-72b-above-100m-mau": expect(
        "rejected", "GOV-LIC-007", says=(("GOV-LIC-007", "unverified"),)
    ),
    # DeepSeek License Attachment A; GDPR Art. 22; EU AI Act Annex III 5(b), Art. 14
    # (GOV-SAF-008 reports a high-risk use case's GDPR Art. 22 breach too: one finding, both laws)
    "deepseek-v3-automated-credit-decisions": expect(
        "rejected",
        "GOV-LIC-021 GOV-SAF-008",
        "GOV-SAF-013",
        says=(
            ("GOV-LIC-021", "whose use restrictions forbid fully automated decision making"),
            ("GOV-SAF-008", "GDPR Art. 22"),
        ),
    ),
    "deepseek-v3-automated-ticket-routing": expect("approved", absent="GOV-LIC-021 GOV-SAF-013"),
    # safety responsibility split: self-hosted open weights, the deployer moderates
    "gpt-oss-20b-public-chatbot-no-guardrails": expect("rejected", "GOV-SAF-001"),
    "gpt-oss-20b-public-chatbot-guarded": expect("approved", absent="GOV-SAF-001 GOV-SAF-004"),
    # OpenAI ZDR / MAM: the customer becomes responsible for abuse monitoring
    "openai-zdr-public-no-abuse-monitoring": expect("rejected", "GOV-VND-001"),
    "openai-zdr-public-org-monitors-abuse": expect("approved", absent="GOV-VND-001"),
    "azure-openai-mam-public-no-abuse-monitoring": expect("rejected", "GOV-VND-001"),
    # Azure OpenAI deployment types: Global may process anywhere
    "azure-openai-global-eu-confidential": expect("rejected", "GOV-RES-001", "GOV-RES-002"),
    "azure-openai-datazone-eu-confidential": expect("approved", absent="GOV-RES-001 GOV-VND-001"),
    # vendor retention and training terms
    "openai-default-retention-phi": expect("rejected", "GOV-RET-002"),
    "anthropic-zdr-phi-internal": expect("approved", absent="GOV-RET-002 GOV-RET-004"),
    "vertex-training-terms-unrecorded": expect("rejected", "GOV-RET-003"),
    # Falcon-180B: hosted services may need a separate licence; updatable AUP
    "falcon-180b-hosted-service": expect("rejected", "GOV-LIC-012 GOV-LIC-019"),
    "falcon-180b-internal": expect("approved-with-conditions", "GOV-LIC-019", "GOV-LIC-012"),
    # non-commercial licences (CC-BY-NC-4.0, Qwen Research License)
    "cc-by-nc-model-in-commercial-product": expect("rejected", "GOV-LIC-006"),
    "cc-by-nc-model-in-university-research": expect("approved", absent="GOV-LIC-006"),
    "qwen-research-licence-in-product": expect("rejected", "GOV-LIC-006"),
    # Gemma Terms of Use: click-through, NOTICE, flow-down, updatable prohibited-use policy
    "gemma-3-gated-without-acceptance": expect("rejected", "GOV-LIC-009"),
    "gemma-3-finetune-distributed": expect(
        "approved-with-conditions", "GOV-LIC-014 GOV-LIC-015 GOV-LIC-018 GOV-LIC-019"
    ),
    # OSAID / MOF: open-weight is not open source; MOF classes
    "mistral-7b-declared-open-source": expect("rejected", "GOV-OPN-001"),
    "olmo-open-source-mof-class-i": expect("approved", absent="GOV-OPN-001 GOV-OPN-006"),
    "gpt-oss-below-required-mof-class": expect("rejected", "GOV-OPN-005 GOV-OPN-006"),
    # EU AI Act: Annex III high-risk, Art. 5 prohibitions, Art. 50 transparency
    "cv-screening-high-risk-without-oversight": expect("rejected", "GOV-SAF-008"),
    "social-scoring-prohibited": expect("rejected", "GOV-SAF-011"),
    "public-chatbot-without-ai-disclosure": expect("rejected", "GOV-SAF-007"),
    # closed models: dependence on one provider
    "critical-use-on-one-closed-vendor": expect("approved-with-conditions", "GOV-VND-002"),
    # Apache-2.0 derivative: any name, licence copy
    "gpt-oss-20b-finetune-distributed": expect(
        "approved-with-conditions", "GOV-LIC-015", "GOV-LIC-013 GOV-LIC-016 GOV-LIC-017 GOV-LIN-001"
    ),
    # licence lineage: a distillation keeps its base's licence
    "r1-distill-llama-declared-mit": expect("rejected", "GOV-LIN-001"),
}


def test_every_scenario_directory_has_an_expectation_and_a_source():
    directories = sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir())
    assert directories == sorted(EXPECTED)
    for name in directories:
        readme = (SCENARIOS / name / "README.md").read_text("utf-8")
        assert "Source: https://" in readme, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario(name):
    expected = EXPECTED[name]
    run = in_process("check", str(SCENARIOS / name), "--now", NOW, "-o", "json", "--no-config")
    assert run.code == (1 if expected.decision == "rejected" else 0), run.stderr
    report = json.loads(run.stdout)
    (choice,) = report["decisions"]
    fired = {f["rule"] for f in choice["findings"]}
    assert (choice["decision"], expected.fires - fired, expected.absent & fired) == (
        expected.decision,
        set(),
        set(),
    ), [(f["rule"], f["severity"], f["message"]) for f in choice["findings"]]
    for rule, text in expected.says:
        assert any(text in f["message"] for f in choice["findings"] if f["rule"] == rule), rule
    if expected.decision == "approved" or expected.only:
        assert fired == expected.fires, choice["findings"]


def test_both_engines_agree_on_every_scenario():
    require_opa_bindings()
    policies = load_policy_set()
    engines = []
    for name in ENGINES:
        engine = create_engine(name)
        engine.load(policies)
        engines.append(engine)
    settings = EvaluationSettings(now=dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc))
    found = []
    for name in sorted(EXPECTED):
        inventory = load_inventory([SCENARIOS / name])
        embedded, opa = (evaluate(inventory, policies, settings, engine=e) for e in engines)
        assert embedded.decisions, name
        found += [f"{name}: {line}" for line in differences(embedded, opa)]
    assert found == []
