"""`governance import cyclonedx`: machine-learning-model components -> model entries; invalid
JSON, non-BOMs and BOMs without a model are exit 2 at file:line:col."""

from __future__ import annotations

import pytest

from governance.inventory.yamlfile import load_plain
from tests.support.cli import REPO, governance, line_of, shown

FIXTURES = REPO / "tests" / "fixtures" / "interop" / "cyclonedx"
SHOWN = "tests/fixtures/interop/cyclonedx"


def import_bom(*paths):
    return governance("import", "cyclonedx", *paths, "--retrieved-on", "2026-11-24")


def test_closed_foundation_model_bom():
    run = import_bom(FIXTURES / "foundation-model-gpt-4o.bom.json")
    assert run.code == 0, run.stderr
    assert load_plain(run.stdout)["models"] == [
        {
            "id": "gpt-4o",
            "name": "gpt-4o",
            "provider": "OpenAI Inc",
            "license": {"key": "unknown"},
            "model_card": {"modalities_in": ["text", "image"], "modalities_out": ["text", "image"]},
            "source": {"retrieved_on": "2026-11-24"},
        }
    ]
    path = FIXTURES / "foundation-model-gpt-4o.bom.json"
    line, column = line_of(path, '"modelArchitecture"')
    assert (
        f"{shown(path)}:{line}:{column}: warning: /components/0/modelCard/modelParameters/"
        "modelArchitecture: 'GPT-4' is not imported: the inventory format has no field for it"
    ) in run.stderr
    # a BOM does not say whether weights can be downloaded: left to a person, with the class
    assert "governance import: still missing: weights (gpt-4o)" in run.stderr
    assert "governance import: still missing: access_class (gpt-4o)" in run.stderr
    assert "#   weights (gpt-4o)" in run.stdout


def test_a_1_7_model_card_bom_imports_and_reports_what_it_leaves_out():
    path = FIXTURES / "model-card-with-dataset.bom.json"
    run = import_bom(path)
    assert run.code == 0, run.stderr
    [model] = load_plain(run.stdout)["models"]
    assert model["provider"] == "Example ML Team"
    assert model["version"] == "1.0.0"
    assert model["model_card"] == {"modalities_in": ["text"], "modalities_out": ["structured"]}
    for pointer in ("modelParameters/approach", "modelParameters/task", "considerations"):
        assert f"/components/0/modelCard/{pointer}: " in run.stderr


def test_hugging_face_references_and_spdx_ids():
    run = import_bom(FIXTURES / "open-source-model.bom.json")
    assert run.code == 0, run.stderr
    [model] = load_plain(run.stdout)["models"]
    assert model["license"] == {
        "key": "apache-2.0",
        "declared": "Apache-2.0",
        "url": "https://www.apache.org/licenses/LICENSE-2.0",
    }
    assert model["source"]["hf_repo"] == "google-bert/bert-base-cased"
    line, column = line_of(FIXTURES / "open-source-model.bom.json", '"publisher"')
    assert (
        f"{SHOWN}/open-source-model.bom.json:{line}:{column}: warning: /components/0/publisher: "
        "publisher 'Hugging Face Inc' is not imported (provider is 'google-bert', from the first "
        "of supplier, manufacturer, publisher, author)"
    ) in run.stderr


def test_licence_shapes_nested_models_and_purls():
    path = FIXTURES / "licence-shapes.bom.json"
    run = import_bom(path)
    assert run.code == 0, run.stderr
    models = {m["id"]: m for m in load_plain(run.stdout)["models"]}
    llama = models["llama-3.1-8b-instruct"]  # nested inside an application component
    assert llama["license"] == {"key": "llama3.1", "declared": "LicenseRef-llama3.1"}
    assert llama["source"]["hf_repo"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert llama["source"]["revision"] == "0e9e39f"
    assert models["gemma-2-9b-it"]["license"]["key"] == "gemma"
    assert models["spdx-expression-model"]["license"] == {"key": "mit", "declared": "MIT"}
    # OR: the licensee may choose; the first open alternative is recorded, and said
    assert models["dual-licensed-model"]["license"] == {
        "key": "apache-2.0",
        "declared": "Apache-2.0 OR MIT",
    }
    line, column = line_of(path, '"expression": "Apache-2.0 OR MIT"')
    assert (
        f"{SHOWN}/licence-shapes.bom.json:{line}:{column}: warning: "
        "/components/2/licenses/0/expression: 'Apache-2.0 OR MIT' lets the licensee choose: "
        "recorded as 'apache-2.0', its first open alternative (set the key to the alternative "
        "the organization elects)"
    ) in run.stderr
    # AND: both licences apply, kept as a conjunction key with no warning
    assert models["llama-adapter-bundle"]["license"] == {
        "key": "apache-2.0 AND llama3.1",
        "declared": "Apache-2.0 AND LicenseRef-llama3.1",
    }
    assert "/components/4/licenses" not in run.stderr
    line, column = line_of(path, '{"license": {"id": "Apache-2.0"}}')
    assert (
        f"{SHOWN}/licence-shapes.bom.json:{line}:{column}: warning: /components/1/licenses/1: "
        "only the first licence is imported"
    ) in run.stderr
    assert "format 'point-cloud' is not mapped to a modality" in run.stderr


@pytest.mark.parametrize(
    "name", ["open-source-model.invalid-json.bom.json", "dataset.invalid-json.bom.json"]
)
def test_published_boms_with_trailing_commas_are_exit_2_at_the_comma(name):
    path = FIXTURES / name
    line, _ = line_of(path, '"timestamp"')
    column = path.read_text("utf-8").splitlines()[line - 1].rindex(",") + 1
    run = import_bom(path)
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == (
        f"{shown(path)}:{line}:{column}: error: invalid JSON: trailing comma before '}}' "
        "(JSON allows no comma after the last member or item; remove it)\n"
    )


def test_other_json_syntax_errors_use_the_decoder_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "bomFormat": "CycloneDX"\n  "specVersion": "1.6"\n}\n', "utf-8")
    run = import_bom(path)
    assert run.code == 2
    assert run.stderr == (
        f"{path}:3:3: error: invalid JSON: Expecting ',' delimiter "
        "(check quotes, commas, brackets)\n"
    )


def test_duplicate_keys_are_exit_2(tmp_path):
    path = tmp_path / "twice.json"
    path.write_text('{"bomFormat": "CycloneDX",\n "bomFormat": "CycloneDX"}\n', "utf-8")
    run = import_bom(path)
    assert run.code == 2
    assert run.stderr == f"{path}:2:2: error: /bomFormat: duplicate key 'bomFormat' (keep one)\n"


def test_a_bom_without_a_model_component_is_exit_2():
    path = FIXTURES / "dataset.bom.json"
    line, column = line_of(path, '"components"')
    run = import_bom(path)
    assert run.code == 2
    assert run.stderr == (
        f"{SHOWN}/dataset.bom.json:{line}:{column}: error: /components: the BOM has no "
        "machine-learning-model component (an ML-BOM lists each model as a component of type "
        "'machine-learning-model')\n"
    )


def test_json_that_is_not_a_bom_is_exit_2():
    run = import_bom(FIXTURES / "not-a-bom.json")
    assert run.code == 2
    assert run.stderr == (
        f"{SHOWN}/not-a-bom.json:1:1: error: not a CycloneDX BOM "
        "(a CycloneDX JSON BOM has bomFormat 'CycloneDX')\n"
    )
