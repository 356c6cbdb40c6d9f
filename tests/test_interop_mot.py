"""`governance import mot`: every vendored MOT record imports; the openness class the policy
library derives for the imports matches the published classes (docs/sources.md); bad input is
exit 2 at file:line:col."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

import governance
from governance.inventory.yamlfile import load_plain, parse
from tests.support.cli import REPO, line_of, shown
from tests.support.cli import governance as run_cli

MOT = REPO / "tests" / "fixtures" / "interop" / "mot"
NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
WARNING = re.compile(r"^\S.*:\d+:\d+: warning: .+$")
# gpt-oss and Llama 3.1 are open-weight (weights only), OLMo open source (OSI-validated),
# GPT-4o closed
EXPECTED_CLASSES = {
    "gpt-oss-20b": "open-weight",
    "llama-3.1-8b-instruct": "open-weight",
    "olmo-7b": "open-source",
    "gpt-4o": "closed",
}
RECORDS = ["gpt-oss-20b.yml", "Llama-3.1-8B-Instruct.yml", "OLMo-7B.yml", "GPT-4o.yml"]

ORGANIZATION = """\
apiVersion: governance/v1
organization:
  id: probe-org
  name: Probe Org
  jurisdictions: [US]
  data_classification: [{level: internal}]
  requirements:
    allowed_access_classes: [ALLOWED]
"""
DEPLOYMENT = {
    "id": "on-prem",
    "mode": "self-hosted",
    "operator": "org",
    "processing_locations": ["US"],
    "storage_locations": ["US"],
}


def use_cases(model_ids: list[str]) -> str:
    choices = "".join(
        f"      - {{model: {m}, deployment: on-prem, role: evaluation}}\n" for m in model_ids
    )
    return f"""\
apiVersion: governance/v1
use_cases:
  - id: openness-probe
    name: Openness probe
    purpose: Evaluate the imported models.
    owner: {{name: Ada Lovelace}}
    data_classification: internal
    data_categories: [none]
    risk: {{eu_ai_act: minimal, internal_tier: low}}
    exposure: {{user_facing: false, external_users: false}}
    automated_decision: {{fully_automated: false, legal_or_similar_effect: false}}
    distribution: internal
    commercial: true
    lifecycle: {{status: proposed}}
    model_choices:
{choices}"""


def import_mot(*paths, extra=()):
    return run_cli("import", "mot", *paths, "--retrieved-on", "2026-11-24", *extra)


@pytest.fixture(scope="module")
def all_records():
    run = import_mot(*sorted(MOT.glob("*.yml")))
    assert run.code == 0, run.stderr
    return run


def test_every_vendored_record_imports_without_a_crash(all_records):
    models = load_plain(all_records.stdout)["models"]
    assert len(models) == len(list(MOT.glob("*.yml"))) == 206
    assert len({m["id"] for m in models}) == 206
    assert {m["source"]["retrieved_on"] for m in models} == {"2026-11-24"}
    # the file whose name has a space imports too
    assert "pile-t5-xxl" in {m["id"] for m in models}


def test_every_warning_is_one_located_line(all_records):
    lines = all_records.stderr.splitlines()
    warnings = [line for line in lines if ": warning: " in line]
    assert warnings, "the records are messy: there must be warnings"
    assert all(WARNING.match(line) for line in warnings)
    others = [line for line in lines if ": warning: " not in line]
    assert all(line.startswith("governance import: still missing: ") for line in others)


def test_the_importer_says_what_is_still_missing(all_records):
    without_producer = sorted(
        p
        for p in MOT.glob("*.yml")
        if not parse(str(p), p.read_bytes())[0].data["release"]["producer"]
    )
    assert len(without_producer) == 3
    missing = [
        line for line in all_records.stderr.splitlines() if line.startswith("governance import:")
    ]
    assert missing == [
        "governance import: still missing: deployments (every model)",
        "governance import: still missing: provider (griffin, hawk, zephyr-141b)",
    ]
    assert all_records.stdout.startswith("# Imported by `governance import mot` from 206 files.")


@pytest.fixture(scope="module")
def probe_inventory(tmp_path_factory):
    """The four records imported by the CLI, plus the deployment and use case a check needs."""
    run = import_mot(*(MOT / name for name in RECORDS))
    assert run.code == 0, run.stderr
    document = load_plain(run.stdout)
    for model in document["models"]:
        model["deployments"] = [DEPLOYMENT]
    directory = tmp_path_factory.mktemp("probe")
    (directory / "models.yaml").write_text(yaml.safe_dump(document), "utf-8")
    (directory / "use-cases.yaml").write_text(use_cases(list(EXPECTED_CLASSES)), "utf-8")
    return directory


def test_imported_entries_validate_once_deployments_are_added(probe_inventory):
    (probe_inventory / "organization.yaml").write_text(
        ORGANIZATION.replace("ALLOWED", "open-source, open-weight, closed"), "utf-8"
    )
    run = run_cli("validate", probe_inventory)
    assert run.code == 0, run.stderr
    assert run.stdout.strip() == "probe-org: 4 models, 1 use case, 0 exceptions — valid"


def test_the_policy_library_derives_the_domain_openness_classes(probe_inventory):
    """GOV-OPN-004 fires for a model whose (effective) access class is not allowed. Allowing one
    class at a time, the class under which it stays silent is the one the library derives."""
    silent: dict[str, list[str]] = {model: [] for model in EXPECTED_CLASSES}
    for allowed in ("open-source", "open-weight", "closed"):
        (probe_inventory / "organization.yaml").write_text(
            ORGANIZATION.replace("ALLOWED", allowed), "utf-8"
        )
        report = governance.check([probe_inventory], now=NOW)
        for decision in report.decisions:
            rules = {finding.rule for finding in decision.findings}
            # the imported class is the derived one: no open-washing or weights inconsistency
            assert not rules & {"GOV-OPN-001", "GOV-OPN-002", "GOV-OPN-003"}, decision.id
            if "GOV-OPN-004" not in rules:
                silent[decision.model].append(allowed)
    assert silent == {model: [cls] for model, cls in EXPECTED_CLASSES.items()}
    imported = load_plain((probe_inventory / "models.yaml").read_text("utf-8"))["models"]
    assert {m["id"]: m["access_class"] for m in imported} == EXPECTED_CLASSES


def test_components_map_to_mof_names_with_mot_licence_resolution():
    run = import_mot(MOT / "gpt-oss-20b.yml")
    assert run.code == 0, run.stderr
    [model] = load_plain(run.stdout)["models"]
    assert model["license"] == {
        "key": "apache-2.0",
        "declared": "Apache-2.0",
        "url": "https://huggingface.co/datasets/choosealicense/licenses/blob/main/markdown/apache-2.0.md",
    }
    assert [(c["name"], c["license"]) for c in model["components"]] == [
        ("model-architecture", "apache-2.0"),  # no licence of its own: the distribution's
        ("inference-code", "apache-2.0"),
        ("model-parameters-final", "apache-2.0"),
        ("model-card", "cc-by-4.0"),
        ("technical-report", "cc-by-4.0"),
        ("evaluation-results", "apache-2.0"),
    ]
    assert model["weights"] == {"availability": "public"}
    assert model["source"] == {"hf_repo": "openai/gpt-oss-20b", "retrieved_on": "2026-11-24"}
    line, column = line_of(MOT / "gpt-oss-20b.yml", "date: '2025-12-03'")
    assert (
        f"{shown(MOT / 'gpt-oss-20b.yml')}:{line}:{column}: warning: /release/date: "
        "'2025-12-03' is not "
        "imported: the inventory format has no field for it"
    ) in run.stderr


def test_output_file_is_never_overwritten_without_force(tmp_path):
    target = tmp_path / "imported.yaml"
    target.write_text("keep me\n", "utf-8")
    run = import_mot(MOT / "OLMo-7B.yml", extra=("-o", target))
    assert run.code == 2
    assert run.stderr.strip() == f"governance: error: {target} exists; pass --force to overwrite it"
    assert target.read_text("utf-8") == "keep me\n"
    run = import_mot(MOT / "OLMo-7B.yml", extra=("-o", target, "--force"))
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    assert f"wrote {target} (1 model)" in run.stderr
    assert load_plain(target.read_text("utf-8"))["models"][0]["id"] == "olmo-7b"


def test_the_same_model_twice_is_exit_2_naming_both(tmp_path):
    copy = tmp_path / "again.yml"
    copy.write_bytes((MOT / "OLMo-7B.yml").read_bytes())
    run = import_mot(MOT / "OLMo-7B.yml", copy)
    assert run.code == 2
    assert run.stderr.strip() == (
        f"{copy}:6:3: error: model id 'olmo-7b' is imported twice "
        f"(first from {shown(MOT / 'OLMo-7B.yml')}:6:3; import them separately)"
    )


def test_a_file_that_is_not_a_mot_record_is_exit_2_located(tmp_path):
    path = tmp_path / "not-a-record.yml"
    path.write_text("framework:\n  name: Something else\nrelease:\n  version: 1\n", "utf-8")
    run = import_mot(path)
    assert run.code == 2
    assert run.stderr.strip() == (
        f"{path}:3:1: error: /release/name: not a Model Openness Tool record: no release name "
        "(a MOT record has 'framework' and 'release' with a 'name')"
    )


def test_invalid_yaml_is_exit_2_located(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("release:\n  name: x\n  components: [a, b\n", "utf-8")
    run = import_mot(path)
    assert run.code == 2
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: error: invalid YAML: .+\n", run.stderr)


def test_bad_retrieved_on_is_a_usage_error():
    run = run_cli("import", "mot", MOT / "OLMo-7B.yml", "--retrieved-on", "24/11/2026")
    assert run.code == 2
    assert run.stderr.strip() == (
        "governance: error: --retrieved-on '24/11/2026' is not a date (YYYY-MM-DD)"
    )
