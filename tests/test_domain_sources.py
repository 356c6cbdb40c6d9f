"""Sources ship with the project: catalogue entries name public sources and a review date,
docs/sources.md lists them, no shipped file cites documents outside the repository, and the
SPDX data the rules read is generated from the SPDX License List, not written by hand."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re

import pytest

from governance.inventory.yamlfile import load_plain
from tests.support.cli import REPO

SHIPPED = ["governance", "policies", "examples", "docs", "schemas", "README.md", "action.yml"]
CATALOGUES = {"licenses.yaml": "licenses", "models.yaml": "models"}


def _shipped_files():
    for name in SHIPPED:
        path = REPO / name
        yield from ([path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()))


def test_no_shipped_file_refers_to_the_research_notes():
    offending = [
        str(p.relative_to(REPO))
        for p in _shipped_files()
        if p.suffix not in {".pyc"}
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
