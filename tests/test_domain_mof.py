"""The MOF class the policy library derives is shown wherever a model is: JSON subjects (with
what the next class needs), text, Markdown and HTML reports, the CycloneDX export, explain."""

from __future__ import annotations

import json

from tests.support.cli import governance

LAB = "examples/research-lab"
NOW = ("--now", "2026-11-24")


def test_json_subjects_carry_the_class_and_what_the_next_one_needs():
    run = governance("check", LAB, *NOW, "-o", "json")
    models = json.loads(run.stdout)["subjects"]["models"]
    assert models["olmo-7b"]["mof_class"] == "I"
    assert models["olmo-7b"]["mof_next"] == {"class": "none", "missing": []}
    assert models["nzu-olmo-7b-nl"]["mof_class"] == "II"
    assert models["nzu-olmo-7b-nl"]["mof_next"] == {"class": "I", "missing": ["research-paper"]}
    assert models["phi-4"]["mof_class"] == "none"
    assert models["phi-4"]["mof_next"]["class"] == "III"


def test_text_markdown_and_html_name_the_class_per_model(tmp_path):
    html = tmp_path / "report.html"
    markdown = f"markdown={tmp_path / 's.md'}"
    run = governance("check", LAB, *NOW, "-o", "text", "-o", markdown, "-o", f"html={html}")
    assert "  nzu-olmo-7b-nl: MOF Class II (missing for Class I: research-paper)" in run.stdout
    assert "  olmo-7b: MOF Class I\n" in run.stdout
    assert "OLMo-7B-NL (MOF Class II)" in (tmp_path / "s.md").read_text("utf-8")
    assert (
        '<span class="muted small" title="missing for Class I: research-paper">MOF Class II</span>'
    ) in html.read_text("utf-8")


def test_the_cyclonedx_export_has_the_class_as_a_property(tmp_path):
    out = tmp_path / "bom.json"
    run = governance("export", "cyclonedx", LAB, *NOW, "-o", str(out))
    assert run.code == 0, run.stderr
    bom = json.loads(out.read_text("utf-8"))
    props = {c["name"]: {p["name"]: p["value"] for p in c["properties"]} for c in bom["components"]}
    olmo = props["OLMo-7B"]
    assert olmo["model-governance:mof_class"] == "I"
    nzu = props["OLMo-7B-NL"]
    assert nzu["model-governance:mof_next_class_missing"] == "Class I: research-paper"


def test_explain_names_the_example_models_class():
    run = governance("explain", "GOV-OPN-006")
    assert (
        "  Model Openness Framework class of mistral-7b-instruct-v0.3: MOF Class III (missing "
        "for Class II: evaluation-code, evaluation-data, training-code)"
    ) in run.stdout
