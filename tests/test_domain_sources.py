"""Sources ship with the project: catalogue entries name public sources and a review date,
docs/sources.md lists them, no shipped file cites documents outside the repository, and the
SPDX data the rules read is generated from the SPDX License List, not written by hand."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

from governance.inventory.yamlfile import load_plain
from tests.support.cli import REPO, governance

# Everything in the repository that a reader may follow (tests and benchmarks too), but this
# file, which names the pattern.
SHIPPED = [
    "governance",
    "policies",
    "examples",
    "docs",
    "schemas",
    "README.md",
    "action.yml",
    "tests",
    "benchmarks",
    "scripts",
]
CATALOGUES = {"licenses.yaml": "licenses", "models.yaml": "models", "vendors.yaml": "vendors"}


def _shipped_files():
    for name in SHIPPED:
        path = REPO / name
        yield from ([path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()))


def test_no_shipped_file_refers_to_the_research_notes():
    offending = [
        str(p.relative_to(REPO))
        for p in _shipped_files()
        if p.suffix not in {".pyc"}
        and p != Path(__file__)
        and re.search(r"domain §|domain\.md|shared/reference", p.read_text("utf-8", "replace"))
    ]
    assert offending == []


def test_the_html_report_cites_public_urls_not_section_numbers():
    goldens = sorted((REPO / "tests" / "golden").glob("*/report.html"))
    assert goldens, "no golden HTML reports to read"
    for golden in goldens:
        text = golden.read_text("utf-8")
        assert "domain §" not in text, golden
        assert "https://" in text, f"{golden}: cites no public source"


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_every_catalogue_entry_has_sources_and_a_review_date(name):
    entries = load_plain((REPO / "policies" / "data" / name).read_text("utf-8"))[CATALOGUES[name]]
    listed = (REPO / "docs" / "sources.md").read_text("utf-8")
    assert entries, f"{name} lists no entries"
    if name == "vendors.yaml":  # each published term is a fact of its own
        entries = {
            f"{key}.{term}": fact
            for key, vendor in entries.items()
            for term, fact in vendor["terms"].items()
        }
        for key in entries:
            assert f"| `{key}` |" in listed, f"{key} is not listed in docs/sources.md"
    for key, entry in entries.items():
        dt.date.fromisoformat(entry["reviewed_on"])
        assert isinstance(entry["sources"], list), key
        if entry["verified"]:
            assert entry["sources"], f"{key}: a verified entry names its sources"
        for url in entry["sources"]:
            assert url.startswith("https://"), (key, url)
            host = url.split("/")[2]
            assert host in listed, f"{key}: {host} is not in docs/sources.md"


def test_the_spdx_data_is_generated_from_the_spdx_license_list():
    spec = importlib.util.spec_from_file_location(
        "generate_spdx_data", REPO / "scripts" / "generate_spdx_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (REPO / "policies" / "data" / "spdx.yaml").read_text("utf-8")
    assert committed == module.render(), "run: python scripts/generate_spdx_data.py"
    data = load_plain(committed)
    assert {"apache-2.0", "mit", "bsd-2-clause", "mpl-2.0"} <= set(data["osi_approved"])
    assert {"odc-by-1.0", "odbl-1.0", "cc-by-3.0", "pddl-1.0"} <= set(data["mof_open_data"])
    assert "cc-by-nc-4.0" not in data["osi_approved"] + data["mof_open_data"]


def test_stale_vendor_terms_are_an_info_on_the_choices_that_use_the_vendor(tmp_path):
    """Azure OpenAI's retention terms, as if last read 2025-11-02: every choice on an Azure
    OpenAI deployment says so at the deployment's operator; self-hosted choices do not."""
    older = tmp_path / "older-terms.yaml"
    older.write_text(
        "governance: {catalog: {vendors: {vendors: {azure-openai: "
        '{terms: {retention: {reviewed_on: "2025-11-02"}}}}}}}\n',
        "utf-8",
    )
    run = governance(
        "check", "examples/eu-bank", "--now", "2026-11-24", "--data", older, "-o", "json"
    )
    assert run.code == 1, run.stderr
    found = {
        (decision["id"], f["location"]["line"], f["location"]["column"], f["message"])
        for decision in json.loads(run.stdout)["decisions"]
        for f in decision["findings"]
        if f["rule"] == "GOV-SRC-001" and f["message"].startswith("vendor ")
    }
    message = (
        "vendor retention terms for Azure OpenAI last reviewed 2025-11-02, 387 days before "
        "2026-11-24 (max_fact_age_days 180): re-read "
        "https://learn.microsoft.com/legal/cognitive-services/openai/data-privacy"
    )
    assert ("credit-scoring-assist/gpt-4o/aoai-swedencentral-standard", 32, 9, message) in found
    assert ("complaint-triage/gpt-4o/aoai-global", 69, 9, message) in found
    assert {choice.split("/")[2] for choice, *_ in found} == {
        "aoai-swedencentral-standard",
        "aoai-global",
    }
