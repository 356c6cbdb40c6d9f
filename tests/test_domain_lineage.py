"""Effective facts and licence lineage, end to end through `governance check`: a fact the
inventory omits comes from the catalogue or the base model (never read as "no"), and a
derivative keeps its base model's licence terms."""

from __future__ import annotations

import datetime as dt
import json

import governance
from tests.support.cli import TEMPLATE, template_with
from tests.support.cli import governance as run_cli

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)

VISION = """    name: Llama-3.2-11B-Vision-Instruct
    provider: Meta
    catalog: llama-3.2-11b-vision-instruct
    access_class: open-weight
    weights:
      availability: gated
      license_acceptance: {accepted_by: Ada Lovelace, accepted_on: 2026-10-01}
    license: {key: llama3.2, declared: llama3.2}
    source: {hf_repo: meta-llama/Llama-3.2-11B-Vision-Instruct, retrieved_on: 2026-11-01}
"""

QUANT = """    name: Llama-3.1-8B-Instruct-AWQ
    provider: community
    base_model: meta-llama/Llama-3.1-8B-Instruct
    base_model_relation: quantized
    access_class: open-weight
    weights: {availability: public}
    license: {key: apache-2.0, declared: apache-2.0}
    model_card: {modalities_in: [text], modalities_out: [text]}
    source: {hf_repo: someone/Llama-3.1-8B-Instruct-AWQ, retrieved_on: 2026-11-01}
"""

# the starter inventory's model, from its name to its deployments (replaced by the cases above)
_TEXT = TEMPLATE.read_text("utf-8")
ORIGINAL = _TEXT[_TEXT.index("    name: gpt-oss-20b\n") : _TEXT.index("    deployments:\n")]


def _inventory(tmp_path, model: str, jurisdictions: str = "[US]", mau: str = "20000"):
    return template_with(
        tmp_path,
        (ORIGINAL, model),
        ("monthly_active_users: 20000", f"monthly_active_users: {mau}"),
        ("jurisdictions: [US]", f"jurisdictions: {jurisdictions}"),
        (
            "hardware: {accelerator: NVIDIA L4, accelerator_memory_gb: 24}",
            "hardware: {accelerator: NVIDIA H100, accelerator_memory_gb: 80}",
        ),
    )


def _findings(report, rule):
    return [f for f in report.all_findings if f.rule == rule]


def test_eu_org_self_hosting_llama_vision_named_only_by_catalog_is_rejected(tmp_path):
    report = governance.check([_inventory(tmp_path, VISION, "[DE]")], now=NOW)
    (decision,) = report.decisions
    assert decision.decision == "rejected"
    (finding,) = _findings(report, "GOV-LIC-010")
    assert "multimodal" in finding.message and "DE" in finding.message
    facts = report.subjects["models"]["gpt-oss-20b"]["facts"]
    assert facts["modalities_in"] == {"value": ["text", "image"], "origin": "catalogue"}


def test_the_same_model_outside_the_eu_is_not_rejected_for_it(tmp_path):
    report = governance.check([_inventory(tmp_path, VISION, "[US]")], now=NOW)
    assert not _findings(report, "GOV-LIC-010")


def test_modalities_nobody_knows_are_a_warning_not_a_pass(tmp_path):
    unknown = VISION.replace("    catalog: llama-3.2-11b-vision-instruct\n", "")
    report = governance.check([_inventory(tmp_path, unknown, "[DE]")], now=NOW)
    (finding,) = _findings(report, "GOV-LIN-003")
    assert finding.severity == "warning"
    assert finding.message.startswith(
        "whether Llama-3.2-11B-Vision-Instruct is multimodal is unknown"
    )
    assert "licensees domiciled in EU, where the organization is (DE)" in finding.message


def test_quantisation_redeclared_apache_is_an_error_naming_both_licences(tmp_path):
    path = _inventory(tmp_path, QUANT, mau="800000000")
    run = run_cli("check", str(path), "--now", "2026-11-24", "-o", "json")
    assert run.code == 1, run.stderr
    report = json.loads(run.stdout)
    (choice,) = report["decisions"]
    assert choice["decision"] == "rejected"
    (finding,) = [f for f in choice["findings"] if f["rule"] == "GOV-LIN-001"]
    assert finding["severity"] == "error"
    assert finding["message"].startswith(
        "Llama-3.1-8B-Instruct-AWQ is a quantized derivative of meta-llama/Llama-3.1-8B-Instruct, "
        "whose licence is llama3.1 (Llama 3.1 Community License Agreement), but declares "
        "apache-2.0 (Apache License 2.0): a derivative keeps its base's terms (the 700000000 "
        "monthly-active-user cap; the acceptable-use policy"
    )
    assert finding["location"]["line"] > 0
    # the base's terms apply: the Llama MAU cap is checked against the organization
    assert "GOV-LIC-007" in {f["rule"] for f in choice["findings"]}
    facts = report["subjects"]["models"]["gpt-oss-20b"]["facts"]
    assert facts["license"] == {"value": "llama3.1", "origin": "base model"}
    assert facts["base_model"] == {
        "value": "meta-llama/Llama-3.1-8B-Instruct",
        "relation": "quantized",
        "license": "llama3.1",
        "origin": "catalogue",
    }


def test_a_derivative_keeping_its_base_licence_is_no_conflict(tmp_path):
    same = QUANT.replace("{key: apache-2.0, declared: apache-2.0}", "{key: llama3.1}")
    report = governance.check([_inventory(tmp_path, same)], now=NOW)
    assert not _findings(report, "GOV-LIN-001")


def test_a_fine_tune_of_an_apache_model_may_be_licensed_otherwise(tmp_path):
    olmo = QUANT.replace("meta-llama/Llama-3.1-8B-Instruct", "allenai/OLMo-7B").replace(
        "{key: apache-2.0, declared: apache-2.0}", "{key: mit}"
    )
    report = governance.check([_inventory(tmp_path, olmo)], now=NOW)
    assert not _findings(report, "GOV-LIN-001")
    assert report.subjects["models"]["gpt-oss-20b"]["facts"]["license"]["origin"] == "inventory"


def test_an_unknown_base_model_is_a_warning(tmp_path):
    unknown = QUANT.replace("meta-llama/Llama-3.1-8B-Instruct", "someone/secret-base-7b")
    report = governance.check([_inventory(tmp_path, unknown)], now=NOW)
    (finding,) = _findings(report, "GOV-LIN-002")
    assert finding.severity == "warning"
    assert "someone/secret-base-7b, which is neither in the model facts catalogue" in (
        finding.message
    )
