"""SARIF (-o sarif): valid against the official SARIF 2.1.0 schema, fit for GitHub code scanning.

Golden files: tests/golden/<example>/report.sarif is what
`governance check examples/<example> --now 2026-11-24 -o sarif=PATH` writes when run from the
repository root, with only the tool version replaced by <version>. After an intended change,
regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_report_sarif.py
and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from governance import __version__
from governance.evaluation.check import check
from governance.evaluation.report import Comparison, Report
from governance.evaluation.settings import EvaluationSettings
from governance.report import sarif
from governance.report.formats import RenderContext
from tests.support.cli import REPO, governance, template_with

NOW = "2026-11-24"
CLOCK = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if (p / "README.md").exists())
GOLDEN = REPO / "tests" / "golden"
SCHEMA_PATH = REPO / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
ODD_NAME = "<script>alert(1)</script> 100% a:b, c\nsecond [line](1) \\ end"


def normalised(text: str) -> str:
    return text.replace(f'"version": "{__version__}"', '"version": "<version>"').replace(
        f'"semanticVersion": "{__version__}"', '"semanticVersion": "<version>"'
    )


def schema_errors(document: dict) -> list[str]:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    """example -> (SARIF text, JSON report) from one `check` run, cached for the module."""
    cache: dict[str, tuple[str, dict]] = {}

    def run(example: str) -> tuple[str, dict]:
        if example not in cache:
            out = tmp_path_factory.mktemp(example)
            result = governance(
                "check",
                f"examples/{example}",
                "--now",
                NOW,
                "-o",
                f"sarif={out / 'report.sarif'}",
                "-o",
                f"json={out / 'report.json'}",
            )
            assert result.code in (0, 1), result.stderr
            cache[example] = (
                (out / "report.sarif").read_text("utf-8"),
                json.loads((out / "report.json").read_text("utf-8")),
            )
        return cache[example]

    return run


def results_of(document: dict) -> list[dict]:
    return document["runs"][0]["results"]


def test_the_vendored_schema_is_the_official_one():
    raw = SCHEMA_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256
    schema = json.loads(raw)
    assert schema["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    )
    Draft4Validator.check_schema(schema)


@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(example, example_run):
    text = normalised(example_run(example)[0])
    golden = GOLDEN / example / "report.sarif"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8", newline="\n")
    assert golden.exists(), f"no golden file: run with UPDATE_GOLDEN=1 to write {golden}"
    assert text == golden.read_text("utf-8")


@pytest.mark.parametrize("example", EXAMPLES)
def test_valid_against_the_official_schema(example, example_run):
    document = json.loads(example_run(example)[0])
    assert schema_errors(document) == []


def test_byte_identical_across_two_runs(tmp_path, example_run):
    first = example_run("healthcare-provider")[0]
    target = tmp_path / "again.sarif"
    run = governance("check", "examples/healthcare-provider", "--now", NOW, "-o", f"sarif={target}")
    assert run.code == 1
    assert target.read_text("utf-8") == first


@pytest.mark.parametrize("example", EXAMPLES)
def test_one_result_per_finding_with_its_rule_and_line(example, example_run):
    text, report = example_run(example)
    document = json.loads(text)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    findings = [f for d in report["decisions"] for f in d["findings"]]
    findings += report["organization_findings"]

    ids = [rule["id"] for rule in rules]
    assert ids == sorted(report["rules"]) == sorted(set(ids))
    assert len(results_of(document)) == len(findings)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results_of(document), findings, strict=True):
        assert result["ruleId"] == finding["rule"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] == level[finding["severity"]]
        assert result["partialFingerprints"] == {"governanceFinding/v1": finding["fingerprint"]}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {
            "uri": finding["location"]["path"],
            "uriBaseId": "%SRCROOT%",
        }
        assert physical["region"] == {
            "startLine": finding["location"]["line"],
            "startColumn": finding["location"]["column"],
        }
        (logical,) = location["logicalLocations"]
        assert logical["name"] == (finding["choice"] or report["organization"]["id"])
        assert "baselineState" not in result  # no comparison: nothing to say


def test_rule_descriptors_explain_the_rule(example_run):
    text, report = example_run("hybrid-startup")
    run = json.loads(text)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "model-governance"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/model-governance/model-governance"
    assert run["columnKind"] == "unicodeCodePoints"
    rule = next(r for r in driver["rules"] if r["id"] == "GOV-CAT-005")
    info = report["rules"]["GOV-CAT-005"]
    assert rule["name"] == "AccessClassDiffersFromTheCatalogues"
    assert rule["shortDescription"] == {"text": info["title"]}
    assert rule["fullDescription"] == {"text": info["description"]}
    assert info["remediation"] in rule["help"]["text"]
    assert "**Remediation:**" in rule["help"]["markdown"]
    assert "\n- NIST AI RMF GV-1.6\n" in rule["help"]["markdown"]
    assert rule["helpUri"] == (
        "https://github.com/model-governance/model-governance/blob/main/docs/policies.md"
        "#gov-cat-005"
    )
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert rule["properties"]["tags"] == ["catalog", *info["controls"]]
    assert rule["properties"]["precision"] == "very-high"
    levels = {r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels == {"error", "warning", "note"}


def test_evidence_is_in_the_invocation(example_run):
    text, report = example_run("eu-bank")
    (invocation,) = json.loads(text)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    evidence = invocation["properties"]
    assert evidence["evaluatedAt"] == "2026-11-24T00:00:00Z"
    assert evidence["engine"] == report["evidence"]["engine"]
    assert evidence["policySetSha256"] == report["evidence"]["policy_set_sha256"]


def test_waived_findings_are_suppressed_with_the_waiver_justification(example_run):
    text, report = example_run("healthcare-provider")
    justification = {w["id"]: w["justification"] for w in report["waivers"]}
    findings = [f for d in report["decisions"] for f in d["findings"]]
    findings += report["organization_findings"]
    waived = 0
    for result, finding in zip(results_of(json.loads(text)), findings, strict=True):
        if finding["waived_by"] is None:
            assert "suppressions" not in result
            continue
        waived += 1
        (suppression,) = result["suppressions"]
        assert suppression["kind"] == "external"
        assert suppression["status"] == "accepted"
        assert suppression["justification"] == justification[finding["waived_by"]]
        assert suppression["properties"]["waiver"] == finding["waived_by"]
    # CVH-EXC-2026-019 waives GOV-SAF-002; CVH-EXC-2026-027 is approved by the use case's owner,
    # so it waives nothing (GOV-WVR-004)
    assert waived == 1


def test_organization_findings_still_have_a_location(example_run):
    text, report = example_run("consumer-platform")
    (finding,) = report["organization_findings"]
    result = results_of(json.loads(text))[-1]
    assert result["ruleId"] == finding["rule"]
    (location,) = result["locations"]
    assert location["physicalLocation"]["region"]["startLine"] == finding["location"]["line"]
    assert location["logicalLocations"] == [
        {"name": "wavelet", "fullyQualifiedName": "wavelet", "kind": "organization"}
    ]


def test_fingerprints_survive_a_line_move(tmp_path):
    for name in ("before", "after"):
        shutil.copytree(REPO / "examples" / "hybrid-startup", tmp_path / name / "inventory")
    models = tmp_path / "after" / "inventory" / "models.yaml"
    models.write_text("# moved down\n\n# by three lines\n" + models.read_text("utf-8"), "utf-8")

    def lines_by_fingerprint(name: str) -> dict[str, tuple[str, int]]:
        run = governance(
            "check", "inventory", "--now", NOW, "-o", "sarif=out.sarif", cwd=tmp_path / name
        )
        assert run.code == 1, run.stderr
        document = json.loads((tmp_path / name / "out.sarif").read_text("utf-8"))
        assert schema_errors(document) == []
        found = {}
        for result in results_of(document):
            physical = result["locations"][0]["physicalLocation"]
            found[result["partialFingerprints"]["governanceFinding/v1"]] = (
                physical["artifactLocation"]["uri"],
                physical["region"]["startLine"],
            )
        return found

    before, after = lines_by_fingerprint("before"), lines_by_fingerprint("after")
    assert before.keys() == after.keys()
    moved = [fp for fp, (uri, _) in before.items() if uri == "inventory/models.yaml"]
    assert moved
    for fingerprint, (uri, line) in before.items():
        assert after[fingerprint] == (uri, line + 3 if fingerprint in moved else line)


def test_inventory_strings_are_escaped(tmp_path):
    inventory = template_with(
        tmp_path,
        ("    name: gpt-oss-20b\n", f"    name: {json.dumps(ODD_NAME)}\n"),
        ("access_class: open-weight ", "access_class: closed "),
    )
    folder = tmp_path / "odd,dir:x"
    folder.mkdir()
    inventory.rename(folder / "inventory.yaml")
    run = governance("check", folder.name, "--now", NOW, "-o", "sarif=out.sarif", cwd=tmp_path)
    assert run.code == 0, run.stderr
    document = json.loads((tmp_path / "out.sarif").read_text("utf-8"))
    assert schema_errors(document) == []
    results = results_of(document)
    assert {r["ruleId"] for r in results} == {"GOV-CAT-005", "GOV-OPN-003"}
    for result in results:
        text = result["message"]["text"]
        # The name exactly, with only SARIF's own escapes: brackets and backslash, so that no
        # viewer reads "[line](1)" as a link to a related location.
        assert text.startswith(
            "<script>alert(1)</script> 100% a:b, c\nsecond \\[line\\](1) \\\\ end is declared"
        )
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "odd%2Cdir%3Ax/inventory.yaml"


# -- built by hand: a comparison, a cap on results ---------------------------------------------


@pytest.fixture(scope="module")
def hybrid_report() -> Report:
    return check([REPO / "examples" / "hybrid-startup"], EvaluationSettings(now=CLOCK))


def _with_statuses(report: Report, statuses: list[str], resolved: list) -> Report:
    """The report as a comparison would leave it: statuses in finding order, some resolved."""
    it = iter(statuses)
    decisions = [
        dataclasses.replace(
            d, findings=tuple(dataclasses.replace(f, status=next(it)) for f in d.findings)
        )
        for d in report.decisions
    ]
    return dataclasses.replace(
        report,
        decisions=decisions,
        comparison=Comparison(kind="git", base="main (0123456789ab)", resolved=resolved),
    )


def test_comparison_gives_each_result_a_baseline_state(hybrid_report):
    findings = hybrid_report.all_findings
    statuses = ["new", "baselined"] + ["unchanged"] * (len(findings) - 2)
    gone = dataclasses.replace(findings[0], rule="GOV-OLD-001", fingerprint="f" * 32)
    report = _with_statuses(hybrid_report, statuses, [gone])
    document = json.loads(sarif.render(report, RenderContext(repo_root=REPO)))
    assert schema_errors(document) == []
    results = results_of(document)
    assert [r.get("baselineState") for r in results] == [
        "new",
        "unchanged",
        *["unchanged"] * (len(findings) - 2),
        "absent",
    ]
    assert results[1]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "baselined"}
    ]
    absent = results[-1]
    assert absent["partialFingerprints"] == {"governanceFinding/v1": "f" * 32}
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules[absent["ruleIndex"]]["id"] == "GOV-OLD-001"  # no longer in the policy set
    assert document["runs"][0]["properties"]["comparison"] == {
        "kind": "git",
        "base": "main (0123456789ab)",
        "reevaluated": [],
        "removedChoices": [],
        "resolvedFindings": 1,
        "staleBaselineEntries": 0,
    }


def test_over_githubs_cap_the_most_severe_open_findings_stay(hybrid_report, monkeypatch):
    monkeypatch.setattr(sarif, "MAX_RESULTS", 5)
    document = json.loads(sarif.render(hybrid_report, RenderContext(repo_root=REPO)))
    assert schema_errors(document) == []
    results = results_of(document)
    total = len(hybrid_report.all_findings)
    assert len(results) == 5
    assert all(r["level"] == "error" and "suppressions" not in r for r in results)
    run = document["runs"][0]
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "warning"
    assert notification["message"]["text"].startswith(
        f"{total - 5} of {total} results were left out: GitHub code scanning accepts at most 5"
    )
    assert run["properties"]["resultsLeftOut"] == total - 5


def test_a_report_read_back_from_json_renders_the_same_sarif(hybrid_report):
    context = RenderContext(repo_root=REPO)
    again = Report.from_dict(json.loads(json.dumps(hybrid_report.as_dict())))
    assert sarif.render(again, context) == sarif.render(hybrid_report, context)


def test_a_path_outside_the_repository_is_a_file_uri(tmp_path):
    context = RenderContext(repo_root=tmp_path / "repo")
    location = sarif._artifact_location(context, str(tmp_path / "else where" / "x.yaml"))
    assert location == {"uri": Path(tmp_path / "else where" / "x.yaml").as_uri()}
