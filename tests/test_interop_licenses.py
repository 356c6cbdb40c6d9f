"""Licence normalisation: the checked-in table (docs/interop-licenses.md) is complete for the
206 MOT records, the importer maps every string as the table says, and unknowns are reported
at their place, never guessed."""

from __future__ import annotations

import collections
import json
import re

import pytest

from governance.interop.licenses import license_index, normalise
from governance.inventory.yamlfile import load_plain, parse
from tests.support.cli import REPO, governance, line_of, shown

MOT = REPO / "tests" / "fixtures" / "interop" / "mot"
TABLE = REPO / "docs" / "interop-licenses.md"
ROW = re.compile(r'^\| (?P<declared>".*") \| (?P<count>\d+) \| (?P<key>`[^`]+`|—) \|$')
LICENSE_KINDS = ("distribution", "code", "data", "document")


def table() -> dict[str, tuple[int, str | None]]:
    rows = {}
    for line in TABLE.read_text("utf-8").splitlines():
        match = ROW.match(line)
        if match:
            key = match["key"].strip("`")
            rows[json.loads(match["declared"])] = (int(match["count"]), None if key == "—" else key)
    return rows


def records() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(MOT.glob("*.yml")):
        found.append((path.name, parse(str(path), path.read_bytes())[0].data["release"]))
    return found


def text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def record_licence(release: dict, kind: str) -> str | None:
    entry = (release.get("license") or {}).get(kind)
    return text(entry.get("name")) if isinstance(entry, dict) else None


def test_the_table_lists_every_licence_string_of_the_mot_records_with_its_count():
    counts: collections.Counter = collections.Counter()
    for _, release in records():
        counts.update(s for kind in LICENSE_KINDS if (s := record_licence(release, kind)))
        counts.update(s for c in release["components"] if (s := text(c.get("license"))))
    in_records = {declared: n for declared, (n, _) in table().items() if n > 0}
    assert in_records == dict(counts)
    assert len(counts) == 62


def test_normalisation_agrees_with_the_table():
    assert {declared: normalise(declared) for declared in table()} == {
        declared: key for declared, (_, key) in table().items()
    }


@pytest.mark.parametrize(
    ("declared", "key"),
    [
        ("Apache 2.0", "apache-2.0"),
        (" Falcon-180B TII License", "falcon-180b-tii-1.0"),
        ("Gemma Terms of Use", "gemma"),
        ("gemma", "gemma"),
        ("Gemma", "gemma"),
        ("Llama 3.1 Community License Agreement", "llama3.1"),
        ("tongyi-qianwen-research", "tongyi-qianwen-research"),
        ("unlicensed", None),
        ("Undisclosed", None),
        ("Component not include", None),
    ],
)
def test_the_strings_named_in_the_issue(declared, key):
    assert normalise(declared) == key
    assert table()[declared][1] == key


def test_no_spelling_is_claimed_by_two_catalogue_entries():
    assert license_index().ambiguous == {}


@pytest.fixture(scope="module")
def imported_all(tmp_path_factory):
    """Every MOT record imported in one run of the CLI (one engine for all 206)."""
    out = tmp_path_factory.mktemp("mot") / "all.yaml"
    run = governance(
        "import", "mot", *sorted(MOT.glob("*.yml")), "--retrieved-on", "2026-11-24", "-o", out
    )
    assert run.code == 0, run.stderr
    return run, load_plain(out.read_text("utf-8"))["models"]


def test_the_importer_maps_every_licence_as_the_table_says(imported_all):
    _, models = imported_all
    expected = {declared: key or "unknown" for declared, (_, key) in table().items()}
    assert len(models) == len(records()) == 206
    for (name, release), model in zip(records(), models, strict=True):
        own = [text(c.get("license")) for c in release["components"]]
        for declared, component in zip(own, model["components"], strict=True):
            if declared is not None:
                assert component["license"] == expected[declared], (name, declared)
        names = [c["name"] for c in model["components"]]
        parameters = [d for d, n in zip(own, names, strict=True) if n == "model-parameters-final"]
        declared = (parameters and parameters[0]) or record_licence(release, "distribution")
        if declared is not None:
            assert model["license"] == {
                **model["license"],
                "key": expected[declared],
                "declared": declared,
            }, name
        else:
            assert model["license"]["key"] == "unknown", name


def test_unknown_licences_are_reported_at_their_place_and_never_guessed(imported_all):
    run, _ = imported_all
    path = MOT / "GPT-4o.yml"
    line, column = line_of(path, "license: unlicensed")
    assert (
        f"{shown(path)}:{line}:{column}: warning: /release/components/2/license: licence "
        "'unlicensed' is not in the licence catalogue nor an SPDX licence id: recorded as "
        "'unknown'"
    ) in run.stderr
    # "BSD-3" is no SPDX id and no recorded spelling: never guessed to be BSD-3-Clause
    assert "licence 'BSD-3' is not in the licence catalogue nor an SPDX licence id" in run.stderr
    # an SPDX id the catalogue lacks is known by its SPDX id, without a warning
    assert "'3D-Slicer-1.0'" not in run.stderr
