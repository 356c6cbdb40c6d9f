"""The JSON report (-o json) and its contract, schemas/report.schema.json; `governance report`.

Golden files: tests/golden/<example>/report.json is what
`governance check examples/<example> --now 2026-11-24 -o json=PATH` writes when run from the
repository root with git hidden (GIT_DIR pointing nowhere, so git_commit and git_dirty are null),
with only the tool version replaced by <version>. After an intended change, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_report_json.py
and review the diff.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from governance import __version__
from governance.engine import ENGINE_NAMES
from governance.evaluation.findings import SEVERITY_OF_KIND
from governance.evaluation.report import (
    CHANGES,
    DECISIONS,
    NOT_GATING,
    REPORT_VERSION,
    Report,
    report_schema,
    report_schema_text,
    report_set_schema_text,
)
from governance.report import registry
from tests.support.cli import REPO, governance

NOW = ("--now", "2026-11-24")
EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if (p / "README.md").exists())
GOLDEN = REPO / "tests" / "golden"
SCHEMA_FILE = REPO / "schemas" / "report.schema.json"
EXAMPLE = "hybrid-startup"


def hidden_git(out: Path) -> dict:
    return {**os.environ, "GIT_DIR": str(out / "no-git")}


def check_json(example: str, out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    target = out / "report.json"
    run = governance(
        "check", f"examples/{example}", *NOW, "-o", f"json={target}", env=hidden_git(out)
    )
    assert run.code in (0, 1), run.stderr
    return target.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """example -> (JSON text of a first run, JSON text of a second run)."""
    base = tmp_path_factory.mktemp("json")
    return {
        name: (check_json(name, base / name / "1"), check_json(name, base / name / "2"))
        for name in EXAMPLES
    }


@pytest.fixture(scope="module")
def schema() -> dict:
    document = json.loads(SCHEMA_FILE.read_text("utf-8"))
    Draft202012Validator.check_schema(document)
    return document


@pytest.fixture(scope="module")
def validator(schema) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=FormatChecker())


def normalised(text: str) -> str:
    line = f'"tool_version": "{__version__}"'
    assert text.count(line) == 1, "the tool version should appear once, in the evidence"
    return text.replace(line, '"tool_version": "<version>"')


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_validates_against_the_schema(reports, validator, example):
    errors = [
        f"/{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(json.loads(reports[example][0]))
    ]
    assert errors == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_golden_report_validates_against_the_generated_schema(example):
    validator = Draft202012Validator(report_schema(), format_checker=FormatChecker())
    document = json.loads((GOLDEN / example / "report.json").read_text("utf-8"))
    assert [e.message for e in validator.iter_errors(document)] == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(reports, example):
    text = normalised(reports[example][0])
    golden = GOLDEN / example / "report.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden}: run with UPDATE_GOLDEN=1"
    assert text == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("example", EXAMPLES)
def test_two_runs_are_byte_identical(reports, example):
    first, second = reports[example]
    assert first == second


@pytest.mark.parametrize("example", EXAMPLES)
def test_from_dict_reads_back_what_as_dict_wrote(reports, example):
    document = json.loads(reports[example][0])
    assert Report.from_dict(document).as_dict() == document


def test_an_unknown_decision_fails_validation(reports, validator):
    document = json.loads(reports[EXAMPLE][0])
    document["decisions"][0]["decision"] = "approved-on-friday"
    errors = list(validator.iter_errors(document))
    assert [(list(e.absolute_path), e.validator) for e in errors] == [
        (["decisions", 0, "decision"], "enum")
    ]


def test_an_unknown_property_fails_validation(reports, validator):
    document = json.loads(reports[EXAMPLE][0])
    document["evidence"]["inputs"][0]["mtime"] = 0
    assert not validator.is_valid(document)


def test_the_schema_enums_are_the_codes(schema):
    """The schema's closed lists are the values the code can write, no more, no fewer."""
    definitions = schema["$defs"]
    assert definitions["decision"]["properties"]["decision"]["enum"] == list(DECISIONS)
    assert definitions["decision"]["properties"]["change"]["enum"] == [*CHANGES, None]
    assert sorted(definitions["finding"]["properties"]["severity"]["enum"]) == sorted(
        SEVERITY_OF_KIND.values()
    )
    assert definitions["finding"]["properties"]["status"]["enum"] == ["new", *NOT_GATING, None]
    assert definitions["evidence"]["properties"]["engine_name"]["enum"] == list(ENGINE_NAMES)
    assert schema["properties"]["report_version"]["const"] == REPORT_VERSION
    assert definitions["counts"]["required"] == list(DECISIONS)


def test_every_object_in_the_schema_is_closed_and_described(schema):
    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, where
                for name, value in node["properties"].items():
                    described = "description" in value or "$ref" in value
                    assert described, f"{where}/{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(schema, "#")


def test_the_checked_in_schema_is_the_one_generated_from_the_types():
    hint = "regenerate: .venv/bin/governance schema report > schemas/report.schema.json"
    assert SCHEMA_FILE.read_bytes() == report_schema_text().encode("utf-8"), hint


def test_the_checked_in_report_set_schema_is_the_one_generated_from_the_types():
    hint = "regenerate from governance.evaluation.report.report_set_schema_text()"
    checked_in = (REPO / "schemas" / "report-set.schema.json").read_bytes()
    assert checked_in == report_set_schema_text().encode("utf-8"), hint


def test_schema_report_prints_the_schema_file():
    run = governance("schema", "report")
    assert run.code == 0
    assert run.stdout == SCHEMA_FILE.read_text("utf-8")
    assert json.loads(governance("schema").stdout)["$id"].endswith("inventory.schema.json")


# --- governance report FROM.json ------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    """One check of the example writing every format, and the JSON report."""
    out = tmp_path_factory.mktemp("saved")
    outputs = [
        arg for name in registry.names() for arg in ("-o", f"{name}={out / ('check.' + name)}")
    ]
    run = governance("check", f"examples/{EXAMPLE}", *NOW, *outputs)
    assert run.code == 1, run.stderr
    return out


@pytest.mark.parametrize("name", registry.names())
def test_report_renders_what_check_rendered(saved, name, tmp_path):
    target = tmp_path / f"again.{name}"
    run = governance("report", saved / "check.json", "-o", f"{name}={target}")
    assert run.code == 0, run.stderr
    assert run.stderr == f"wrote {target}\n"
    assert target.read_bytes() == (saved / f"check.{name}").read_bytes()


def test_report_writes_text_to_stdout_by_default(saved):
    run = governance("report", saved / "check.json")
    assert run.code == 0
    assert run.stdout.encode("utf-8") == (saved / "check.text").read_bytes()


def test_report_fail_on_applies_the_gate_of_check(saved):
    assert governance("report", saved / "check.json", "--fail-on", "error").code == 1
    assert governance("report", saved / "check.json", "--fail-on", "never").code == 0


def test_report_refuses_a_file_that_is_not_json(tmp_path):
    source = tmp_path / "broken.json"
    source.write_text('{"report_version": "1",\n  "decisions": [1, 2,]\n}\n', "utf-8")
    run = governance("report", source)
    assert run.code == 2
    assert run.stderr == f"{source}:2:22: error: not JSON: Expecting value\n"
    assert run.stdout == ""


def test_report_refuses_an_unknown_version(tmp_path):
    source = tmp_path / "future.json"
    source.write_text('{\n  "report_version": "2"\n}\n', "utf-8")
    run = governance("report", source)
    assert run.code == 2
    assert run.stderr.startswith(
        f"{source}:2:21: error: /report_version: report_version '2' is not supported: "
        "this governance reads '1'"
    )


def test_report_names_the_pointer_and_line_of_a_schema_error(saved, tmp_path):
    document = json.loads((saved / "check.json").read_text("utf-8"))
    broken = copy.deepcopy(document)
    broken["decisions"][2]["decision"] = "maybe"
    source = tmp_path / "edited.json"
    text = json.dumps(broken, indent=2, sort_keys=True)
    source.write_text(text, "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"decision": "maybe"' in t)
    run = governance("report", source)
    assert run.code == 2
    assert run.stderr == (
        f"{source}:{line}:19: error: /decisions/2/decision: 'maybe' is not one of "
        "['rejected', 'waived', 'approved-with-conditions', 'approved']\n"
    )


def test_report_of_a_missing_file_is_a_usage_error(tmp_path):
    run = governance("report", tmp_path / "nowhere.json")
    assert run.code == 2
    assert "nowhere.json: cannot read the report: No such file or directory" in run.stderr


def test_a_report_written_before_alternatives_and_policy_sources_is_read(reports, validator):
    """Keys a reader takes as absent (older reports) and keys left out while they hold their
    default (evidence.config, a finding's override, a rule's origin) round-trip as written."""
    document = json.loads(reports[EXAMPLE][0])
    del document["alternatives"]
    del document["evidence"]["policy_sources"]
    assert validator.is_valid(document)
    report = Report.from_dict(document)
    assert report.alternatives is None and report.evidence.policy_sources == []
    written = report.as_dict()
    assert written["alternatives"] is None and written["evidence"]["policy_sources"] == []
    assert "config" not in written["evidence"]
    assert all("override" not in f for f in written["organization_findings"])
    assert all("origin" not in rule for rule in written["rules"].values())


def test_the_clock_is_read_as_an_aware_datetime_whatever_its_fraction(reports):
    """The schema allows any fraction of a second; Python 3.10's reader takes 3 or 6 digits."""
    document = json.loads(reports[EXAMPLE][0])
    document["evidence"]["now"] = "2026-11-24T00:00:00.5Z"
    now = Report.from_dict(document).evidence.now
    assert (now.microsecond, now.utcoffset()) == (500000, dt.timedelta(0))
    assert Report.from_dict(document).as_dict()["evidence"]["now"] == "2026-11-24T00:00:00.500000Z"
