"""`governance export cyclonedx`: every example exports a BOM that the official CycloneDX 1.6
JSON Schema accepts (resolved offline), deterministically, and that imports back to the same
model facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from governance.inventory import load_inventory
from governance.inventory.types import Model
from governance.inventory.yamlfile import load_plain
from tests.support.cli import REPO, governance

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())
SCHEMAS = REPO / "tests" / "fixtures" / "interop" / "cyclonedx-schema"
BASE = "http://cyclonedx.org/schema/"  # the bom schema's $id: relative $refs resolve against it
NOW = "2026-11-24T12:00:00Z"


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    resources = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        contents = json.loads(path.read_text("utf-8"))
        resources.append((BASE + path.name, Resource.from_contents(contents, DRAFT7)))
    registry = Registry().with_resources(resources)  # no retrieve=: a missing $ref fails
    schema = json.loads((SCHEMAS / "bom-1.6.SNAPSHOT.schema.json").read_text("utf-8"))
    assert schema["$id"] == BASE + "bom-1.6.schema.json"
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("boms")
    paths = {}
    for example in EXAMPLES:
        target = directory / f"{example.name}.bom.json"
        run = governance("export", "cyclonedx", example, "--now", NOW, "-o", target)
        assert run.code == 0, run.stderr
        assert run.stdout == ""
        assert run.stderr.startswith(f"wrote {target} (")
        paths[example.name] = target
    return paths


@pytest.mark.parametrize("example", [e.name for e in EXAMPLES])
def test_exported_bom_is_valid_cyclonedx_1_6(example, exported, validator):
    bom = json.loads(exported[example].read_text("utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(bom)]
    assert errors == []
    # the vendored copies drop these two constraints; keep them here
    assert bom["$schema"] == "http://cyclonedx.org/schema/bom-1.6.schema.json"
    assert (bom["bomFormat"], bom["specVersion"], bom["version"]) == ("CycloneDX", "1.6", 1)
    assert bom["metadata"]["timestamp"] == NOW


def test_the_validator_rejects_what_the_schema_forbids(exported, validator):
    bom = json.loads(exported["eu-bank"].read_text("utf-8"))
    bom["components"][0]["licenses"][0]["license"]["id"] = "Llama-3.1-Community"  # not SPDX
    bom["components"][1]["modelCard"]["modelParameters"]["architecture"] = "transformer"
    assert len(list(validator.iter_errors(bom))) == 2


def test_one_model_component_per_model_and_a_service_per_vendor_deployment(exported):
    bom = json.loads(exported["eu-bank"].read_text("utf-8"))
    inventory = load_inventory([REPO / "examples" / "eu-bank"])
    components = bom["components"]
    assert [c["type"] for c in components] == ["machine-learning-model"] * len(inventory.models)
    assert [c["bom-ref"] for c in components] == sorted(f"model:{m.id}" for m in inventory.models)
    vendor = sorted(
        f"service:{m.id}/{d.id}"
        for m in inventory.models
        for d in m.deployments
        if d.mode in ("vendor-hosted", "private-cloud")
    )
    assert [s["bom-ref"] for s in bom["services"]] == vendor
    assert {d["ref"]: d["dependsOn"] for d in bom["dependencies"]} == {
        ref: [f"model:{ref.split(':')[1].split('/')[0]}"] for ref in vendor
    }
    gpt = next(c for c in components if c["name"] == "GPT-4o")
    assert gpt["supplier"] == {"name": "OpenAI"}
    assert gpt["modelCard"]["modelParameters"]["inputs"] == [
        {"format": "text"},
        {"format": "image"},
    ]


def test_licences_are_spdx_ids_or_licenseref_names(exported):
    licences = {}
    for bom_path in exported.values():
        for component in json.loads(bom_path.read_text("utf-8"))["components"]:
            [choice] = component["licenses"]
            licences[component["name"]] = choice["license"]
    assert licences["gpt-oss-20b"]["id"] == "Apache-2.0"
    assert "name" not in licences["gpt-oss-20b"]
    assert licences["Llama-3.1-8B-Instruct"]["name"] == "LicenseRef-llama3.1"
    assert "id" not in licences["Llama-3.1-8B-Instruct"]
    names = {p["name"] for p in licences["Llama-3.1-8B-Instruct"]["properties"]}
    assert names == {"model-governance:key", "model-governance:declared"}


def test_model_card_facts_travel_as_model_card_properties(exported):
    bom = json.loads(exported["consumer-platform"].read_text("utf-8"))
    card = next(c for c in bom["components"] if c["name"] == "gpt-oss-20b")["modelCard"]
    assert {"name": "model-governance:parameters_total", "value": "21000000000"} in card[
        "properties"
    ]
    assert card["considerations"]["useCases"]  # the purposes of the use cases choosing it


def test_export_is_deterministic(exported, tmp_path):
    run = governance("export", "cyclonedx", REPO / "examples" / "eu-bank", "--now", NOW)
    assert run.code == 0, run.stderr
    assert run.stdout == exported["eu-bank"].read_text("utf-8")


def test_output_file_is_never_overwritten_without_force(tmp_path):
    target = tmp_path / "bom.json"
    target.write_text("{}\n", "utf-8")
    run = governance("export", "cyclonedx", REPO / "examples" / "eu-bank", "-o", target)
    assert run.code == 2
    assert run.stderr.strip() == f"governance: error: {target} exists; pass --force to overwrite it"
    assert target.read_text("utf-8") == "{}\n"
    run = governance("export", "cyclonedx", REPO / "examples" / "eu-bank", "-o", target, "--force")
    assert run.code == 0, run.stderr
    assert json.loads(target.read_text("utf-8"))["bomFormat"] == "CycloneDX"


def test_an_invalid_inventory_is_exit_2_located(tmp_path):
    path = tmp_path / "inventory.yaml"
    path.write_text("apiVersion: governance/v1\nmodels: [\n", "utf-8")
    run = governance("export", "cyclonedx", path)
    assert run.code == 2
    assert run.stderr.startswith(f"{path}:")
    assert ": error: invalid YAML: " in run.stderr


@pytest.mark.parametrize("example", [e.name for e in EXAMPLES])
def test_round_trip_gives_back_the_same_model_facts(example, exported):
    run = governance("import", "cyclonedx", exported[example], "--retrieved-on", "2000-01-01")
    assert run.code == 0, run.stderr
    imported = {m["id"]: m for m in load_plain(run.stdout)["models"]}
    inventory = load_inventory([REPO / "examples" / example])
    assert sorted(imported) == sorted(m.id for m in inventory.models)
    for model in inventory.models:
        deployments = [d.model_dump(mode="json") for d in model.deployments]
        back = Model.model_validate({**imported[model.id], "deployments": deployments})
        assert back == model, model.id
    # nothing but use-case purposes and the deployments the BOM lists as services is left out
    for line in run.stderr.splitlines():
        if ": warning: " in line:
            assert "/modelCard/considerations" in line or "/services/" in line, line
        else:
            assert line == "governance import: still missing: deployments (every model)"


def test_a_licence_conjunction_exports_as_an_spdx_expression_and_imports_back(tmp_path, validator):
    """'apache-2.0 AND llama3.1' (both apply) is written as the SPDX expression CycloneDX
    validates, with the catalogue's LicenseRef- name, and reads back as the same key."""
    text = (REPO / "governance" / "templates" / "inventory.yaml").read_text("utf-8")
    old = "license: {key: apache-2.0, declared: apache-2.0}"
    assert old in text
    (tmp_path / "inventory.yaml").write_text(
        text.replace(old, "license: {key: apache-2.0 AND llama3.1}"), "utf-8"
    )
    target = tmp_path / "bom.json"
    run = governance("export", "cyclonedx", tmp_path / "inventory.yaml", "--now", NOW, "-o", target)
    assert run.code == 0, run.stderr
    bom = json.loads(target.read_text("utf-8"))
    assert [e.message for e in validator.iter_errors(bom)] == []
    (model,) = [c for c in bom["components"] if c["type"] == "machine-learning-model"]
    assert model["licenses"] == [
        {"expression": "Apache-2.0 AND LicenseRef-llama3.1", "acknowledgement": "declared"}
    ]
    back = governance("import", "cyclonedx", target, "--retrieved-on", "2026-11-24")
    assert back.code == 0, back.stderr
    (imported,) = load_plain(back.stdout)["models"]
    assert imported["license"]["key"] == "apache-2.0 AND llama3.1"
