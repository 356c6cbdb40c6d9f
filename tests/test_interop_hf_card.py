"""`governance import hf-card`: front matter -> a model entry, offline; cards without usable
front matter are exit 2 at file:line:col."""

from __future__ import annotations

import pytest
import yaml

from governance.inventory.yamlfile import load_plain
from tests.support.cli import REPO, governance, line_of

CARDS = REPO / "tests" / "fixtures" / "interop" / "hf"
SHOWN = "tests/fixtures/interop/hf"


def import_card(name: str, repo: str, *extra: str):
    return governance(
        "import", "hf-card", CARDS / name, "--repo", repo, "--retrieved-on", "2026-11-24", *extra
    )


def imported(name: str, repo: str, *extra: str) -> tuple[dict, str]:
    run = import_card(name, repo, *extra)
    assert run.code == 0, run.stderr
    [model] = load_plain(run.stdout)["models"]
    return model, run.stderr


def test_apache_card_is_open_weight_with_public_weights():
    model, stderr = imported(
        "gpt-oss-20b.md", "openai/gpt-oss-20b", "--provider", "OpenAI", "--revision", "6cee5e8"
    )
    assert model == {
        "id": "gpt-oss-20b",
        "name": "gpt-oss-20b",
        "provider": "OpenAI",
        "access_class": "open-weight",
        "weights": {"availability": "public"},
        "license": {"key": "apache-2.0", "declared": "apache-2.0"},
        "components": [
            {
                "name": "model-card",
                "included": True,
                "location": "https://huggingface.co/openai/gpt-oss-20b",
            }
        ],
        "model_card": {"modalities_in": ["text"], "modalities_out": ["text"]},
        "source": {
            "hf_repo": "openai/gpt-oss-20b",
            "revision": "6cee5e8",
            "url": "https://huggingface.co/openai/gpt-oss-20b",
            "retrieved_on": "2026-11-24",
        },
    }
    line, column = line_of(CARDS / "gpt-oss-20b.md", "tags:")
    assert (
        f"{SHOWN}/gpt-oss-20b.md:{line}:{column}: warning: /tags: this list is not imported: "
        "the inventory format has no field for it"
    ) in stderr
    assert "governance import: still missing: deployments (gpt-oss-20b)" in stderr


@pytest.mark.parametrize(
    ("card", "repo", "key", "availability"),
    [
        ("gemma-3-27b-it.md", "google/gemma-3-27b-it", "gemma", "gated"),
        ("Llama-3.1-8B-Instruct.md", "meta-llama/Llama-3.1-8B-Instruct", "llama3.1", "gated"),
        (
            "Mistral-7B-Instruct-v0.3.md",
            "mistralai/Mistral-7B-Instruct-v0.3",
            "apache-2.0",
            "gated",
        ),
    ],
)
def test_gated_cards_record_gated_weights_and_the_catalogue_key(card, repo, key, availability):
    model, _ = imported(card, repo)
    assert model["license"]["key"] == key
    assert model["weights"] == {"availability": availability}
    assert model["access_class"] == "open-weight"


def test_gemma_card_reads_image_and_text_in():
    model, _ = imported("gemma-3-27b-it.md", "google/gemma-3-27b-it")
    assert model["model_card"] == {"modalities_in": ["text", "image"], "modalities_out": ["text"]}


def test_other_licence_with_a_name_and_a_relative_link():
    model, _ = imported("Qwen2.5-3B-Instruct.md", "Qwen/Qwen2.5-3B-Instruct", "--revision", "v1")
    assert model["license"] == {
        "key": "qwen-research",
        "declared": "qwen-research",
        "url": "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/v1/LICENSE",
    }
    assert model["base_model"] == "Qwen/Qwen2.5-3B"
    assert model["base_model_relation"] == "finetune"


def test_other_licence_without_a_name_stays_unknown_and_is_reported():
    model, stderr = imported("phi-4-azure.md", "microsoft/phi-4")
    assert model["license"] == {
        "key": "unknown",
        "declared": "other",
        "url": "https://huggingface.co/microsoft/phi-4/resolve/main/LICENSE",
    }
    line, column = line_of(CARDS / "phi-4-azure.md", "license: other")
    assert (
        f"{SHOWN}/phi-4-azure.md:{line}:{column}: warning: /license: licence 'other' without a "
        "license_name: recorded as 'unknown' (read the licence file (license_link) and set "
        "license.key)"
    ) in stderr


def test_provider_defaults_to_the_repo_owner_with_a_warning():
    model, stderr = imported("gemma-3-27b-it.md", "google/gemma-3-27b-it")
    assert model["provider"] == "google"
    assert "warning: provider set to the Hugging Face account 'google' (or pass --provider)" in (
        stderr
    )


def test_imported_card_validates_once_a_deployment_is_added(tmp_path):
    model, _ = imported("Llama-3.1-8B-Instruct.md", "meta-llama/Llama-3.1-8B-Instruct")
    model["deployments"] = [
        {"id": "dc", "mode": "self-hosted", "operator": "org", "processing_locations": ["US"]}
    ]
    document = {
        "apiVersion": "governance/v1",
        "organization": {
            "id": "org",
            "name": "Org",
            "jurisdictions": ["US"],
            "data_classification": [{"level": "internal"}],
        },
        "models": [model],
    }
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump(document), "utf-8")
    run = governance("validate", path)
    assert run.code == 0, run.stderr


def test_a_card_without_front_matter_is_exit_2_at_its_first_line():
    run = import_card("no-front-matter.md", "example/model")
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr.strip() == (
        f"{SHOWN}/no-front-matter.md:1:1: error: no YAML front matter: this is not a Hugging "
        "Face model card (a model card starts with a line '---', the metadata, then a line '---')"
    )


def test_unclosed_front_matter_is_exit_2():
    run = import_card("unclosed-front-matter.md", "example/model")
    assert run.code == 2
    assert run.stderr.strip() == (
        f"{SHOWN}/unclosed-front-matter.md:1:1: error: front matter is not closed "
        "(end it with a line '---')"
    )


def test_invalid_front_matter_yaml_is_exit_2_at_its_line_in_the_card():
    run = import_card("bad-front-matter.md", "example/model")
    assert run.code == 2
    # the flow sequence opened on line 3 runs into line 4's mapping key
    assert run.stderr.startswith(f"{SHOWN}/bad-front-matter.md:4:")
    assert ": error: invalid YAML: " in run.stderr
    assert len(run.stderr.splitlines()) == 1


def test_repo_must_be_owner_slash_name():
    run = import_card("gpt-oss-20b.md", "gpt-oss-20b")
    assert run.code == 2
    assert run.stderr.strip() == (
        "governance: error: --repo 'gpt-oss-20b' is not a Hugging Face repo name (OWNER/NAME)"
    )
