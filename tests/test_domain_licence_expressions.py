"""A model under an SPDX conjunction ('Apache-2.0 AND LicenseRef-llama3.1': both licences
apply) keeps every licence's obligations: the Llama 3.1 user cap, attribution and the
organization's denied list apply to it as to a plain Llama 3.1 model."""

from __future__ import annotations

import json

from governance.evaluation.conjunction import conjunction_terms
from governance.evaluation.input import builtin_catalogues
from governance.resources import policies_dir
from tests.support.cli import governance

TEMPLATE = policies_dir().parent / "governance" / "templates" / "inventory.yaml"


def test_a_conjunction_keeps_the_obligations_of_every_licence(tmp_path):
    text = TEMPLATE.read_text("utf-8")
    for old, new in (
        ("    catalog: gpt-oss-20b\n", ""),
        (
            "license: {key: apache-2.0, declared: apache-2.0}",
            "license: {key: apache-2.0 AND llama3.1, "
            'declared: "Apache-2.0 AND LicenseRef-llama3.1"}',
        ),
        ("monthly_active_users: 20000 ", "monthly_active_users: 800000000 "),
        ("denied_licenses: [cc-by-nc-4.0]", "denied_licenses: [cc-by-nc-4.0, llama3.1]"),
        ("distribution: internal", "distribution: hosted-service"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    (tmp_path / "inventory.yaml").write_text(text, "utf-8")
    run = governance("check", tmp_path, "--now", "2026-11-24", "-o", "json")
    assert run.code == 1, run.stderr
    (decision,) = json.loads(run.stdout)["decisions"]
    assert decision["decision"] == "rejected"
    found = {f["rule"]: f for f in decision["findings"]}
    assert "GOV-LIC-001" not in found  # every part is in the licence catalogue
    assert found["GOV-LIC-003"]["message"] == (
        "gpt-oss-20b is licensed under 'llama3.1', which the organization denies "
        "(requirements.denied_licenses: cc-by-nc-4.0, llama3.1)"
    )
    assert (
        found["GOV-LIC-003"]["location"]["line"]
        == text.splitlines().index(
            next(line for line in text.splitlines() if "key: apache-2.0 AND llama3.1" in line)
        )
        + 1
    )
    assert found["GOV-LIC-007"]["message"].startswith(
        "the organization's 800000000 monthly active users exceed the 700000000 MAU cap of "
        "Apache License 2.0 AND Llama 3.1 Community License Agreement"
    )
    assert found["GOV-LIC-013"]["message"].startswith(
        "use case internal-search makes gpt-oss-20b available outside the organization "
        '(hosted-service): display "Built with Llama" prominently'
    )


def test_conjunction_terms_keep_restrictions_and_grant_only_what_every_part_grants():
    _, licences = builtin_catalogues()
    terms = conjunction_terms("apache-2.0 AND cc-by-nc-4.0", licences)
    assert terms["name"] == (
        "Apache License 2.0 AND Creative Commons Attribution Non Commercial 4.0 International"
    )
    assert (terms["non_commercial"], terms["commercial_use"]) == (True, False)
    assert (terms["osi_approved"], terms["mof_open"]) == (False, False)
    both = conjunction_terms("llama3.1 AND mit", licences)
    assert (both["mau_cap"], both["attribution_text"]) == (700000000, "Built with Llama")
    assert both["use_restrictions"] is True  # MIT has none; Llama 3.1 has an AUP
    assert both["restricted_uses"] == ["military", "critical-infrastructure"]
    deepseek = conjunction_terms("mit AND deepseek-license-1.0 AND llama3.1", licences)
    assert deepseek["restricted_uses"] == [
        "fully-automated-legal-decisions",
        "military",
        "critical-infrastructure",
    ]
    assert conjunction_terms("gemma AND qwen", licences)["restricted_uses"] is None
    assert conjunction_terms("apache-2.0", licences) is None  # one licence: its own entry
    assert conjunction_terms("apache-2.0 AND acme-eula", licences) is None  # a part unknown
