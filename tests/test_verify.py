"""`governance verify REPORT.json PATH...`: passes on an untouched report, fails naming what
changed (an input, a policy, a decision, a finding), from any working directory."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from governance.evaluation.check import check
from governance.evaluation.report import Report
from governance.evaluation.settings import EvaluationSettings
from governance.evaluation.verify import Roots, compare, verify
from governance.typed_json import first_difference
from tests.support.cli import REPO, governance

NOW = ("--now", "2026-11-24")
CLOCK = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
# eu-bank's first deployment processes in Sweden Central; moving it to the US rejects a choice.
EU_BANK_REGION = "processing_locations: [swedencentral]"
MOVED_CHOICE = "credit-scoring-assist/gpt-4o/aoai-swedencentral-standard"


@pytest.fixture
def copied(tmp_path) -> Path:
    """A copy of examples/eu-bank with a report written by check, run from tmp_path."""
    shutil.copytree(REPO / "examples" / "eu-bank", tmp_path / "eu-bank")
    run = governance("check", "eu-bank", *NOW, "-o", "json=report.json", cwd=tmp_path)
    assert run.code == 1, run.stderr
    return tmp_path


def test_an_untouched_report_verifies(copied):
    run = governance("verify", "report.json", "eu-bank", cwd=copied)
    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout == (
        "verified: report.json: 4 inputs, 21 policy modules, 6 data files, 13 decisions and "
        "18 findings match (clock 2026-11-24T00:00:00Z, embedded engine)\n"
    )
    assert run.stderr == ""


def test_a_changed_inventory_value_fails_naming_the_file_and_the_decision(copied):
    models = copied / "eu-bank" / "models.yaml"
    text = models.read_text("utf-8")
    assert EU_BANK_REGION in text
    models.write_text(text.replace(EU_BANK_REGION, "processing_locations: [us-east-1]", 1), "utf-8")

    run = governance("verify", "report.json", "eu-bank", cwd=copied)

    assert run.code == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith("input changed: eu-bank/models.yaml (sha256 ")
    assert f"decision changed: {MOVED_CHOICE}: approved -> rejected" in lines
    assert any(
        line.startswith(f"finding new: {MOVED_CHOICE}: GOV-RES-001 (error) at eu-bank/models.yaml:")
        for line in lines
    )
    assert lines[-1] == f"not verified: report.json: {len(lines) - 1} differences"


def test_a_missing_input_fails(copied):
    (copied / "eu-bank" / "exceptions.yaml").unlink()
    run = governance("verify", "report.json", "eu-bank", cwd=copied)
    assert run.code == 1
    assert "input missing: eu-bank/exceptions.yaml" in run.stdout.splitlines()
    assert "waiver missing: RMB-WVR-2026-011" in run.stdout.splitlines()


def test_an_added_input_fails(copied):
    (copied / "eu-bank" / "more.yaml").write_text("apiVersion: governance/v1\n", "utf-8")
    run = governance("verify", "report.json", "eu-bank", cwd=copied)
    assert run.code == 1
    assert run.stdout.splitlines() == [
        "input added: eu-bank/more.yaml",
        "not verified: report.json: 1 difference",
    ]


def test_a_changed_policy_file_fails_naming_it(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "policies" / "rules", rules)
    policy = ("--no-builtin", "--policy", rules)
    example = REPO / "examples" / "research-lab"
    written = governance("check", example, *NOW, *policy, "-o", f"json={tmp_path / 'r.json'}")
    assert written.code == 1, written.stderr
    assert governance("verify", tmp_path / "r.json", example, *policy).code == 0

    residency = rules / "residency.rego"
    residency.write_text(residency.read_text("utf-8") + "\n# reviewed\n", "utf-8")
    run = governance("verify", tmp_path / "r.json", example, *policy)

    assert run.code == 1
    assert run.stdout.splitlines()[0].startswith(f"policy changed: {residency} (sha256 ")
    assert run.stdout.splitlines()[1:] == [f"not verified: {tmp_path / 'r.json'}: 1 difference"]


def test_verifying_without_the_custom_policies_names_each_module(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "policies" / "rules", rules)
    example = REPO / "examples" / "research-lab"
    report = tmp_path / "r.json"
    governance("check", example, *NOW, "--no-builtin", "--policy", rules, "-o", f"json={report}")
    run = governance("verify", report, example)
    assert run.code == 1
    assert f"policy missing: {rules / 'residency.rego'}" in run.stdout.splitlines()
    assert "policy added: builtin/rules/residency.rego" in run.stdout.splitlines()


def test_an_absolute_path_from_another_directory_verifies(copied, tmp_path_factory):
    """The report says eu-bank/models.yaml (relative to where check ran); verify compares the
    files by their path under the PATH argument, so any spelling of the directory works."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    run = governance("verify", copied / "report.json", copied / "eu-bank", cwd=elsewhere)
    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout.startswith(f"verified: {copied / 'report.json'}: 4 inputs")


def test_a_relative_path_from_another_directory_verifies(copied, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # a sibling of the copy's directory
    shutil.move(copied / "report.json", elsewhere / "report.json")
    inventory = Path("..") / copied.name / "eu-bank"
    run = governance("verify", "report.json", inventory, cwd=elsewhere)
    assert run.code == 0, run.stdout + run.stderr


def test_a_report_written_with_absolute_paths_verifies_with_relative_ones(tmp_path):
    shutil.copytree(REPO / "examples" / "eu-bank", tmp_path / "eu-bank")
    report = tmp_path / "report.json"
    run = governance("check", tmp_path / "eu-bank", *NOW, "-o", f"json={report}")  # from REPO
    assert run.code == 1, run.stderr
    inputs = json.loads(report.read_text("utf-8"))["evidence"]["inputs"]
    assert inputs[0]["path"] == str(tmp_path / "eu-bank" / "exceptions.yaml")
    run = governance("verify", "report.json", "eu-bank", cwd=tmp_path)
    assert run.code == 0, run.stdout + run.stderr


def test_an_invalid_report_is_refused_before_evaluating(copied):
    document = json.loads((copied / "report.json").read_text("utf-8"))
    document["decisions"][0]["decision"] = "maybe"
    (copied / "bad.json").write_text(json.dumps(document), "utf-8")
    run = governance("verify", "bad.json", "eu-bank", cwd=copied)
    assert run.code == 2
    assert run.stderr.startswith("bad.json:1:")
    assert "/decisions/0/decision: 'maybe' is not one of" in run.stderr
    assert run.stdout == ""


# --- compare(), in process --------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluated():
    """(recorded report dict, the same evaluation as a Report) for examples/eu-bank."""
    report = check([REPO / "examples" / "eu-bank"], EvaluationSettings(now=CLOCK))
    return report.as_dict(), report


def test_an_engine_version_difference_is_a_note_only(evaluated):
    recorded, current = evaluated
    older = copy.deepcopy(recorded)
    older["evidence"]["engine"] = "regorus (gordon-to-regorus 0.12.9)"
    differences = compare(Report.from_dict(older), current)
    assert [(d.text, d.fails) for d in differences] == [
        (
            "note: engine differs: regorus (gordon-to-regorus 0.12.9) in the report, "
            f"{current.evidence.engine} now (not a failure by itself: the decisions and "
            "findings must still match)",
            False,
        )
    ]


def test_a_decision_and_a_waiver_recorded_differently_are_named(evaluated):
    recorded, current = evaluated
    edited = copy.deepcopy(recorded)
    first = edited["decisions"][0]
    was = first["decision"]
    first["decision"] = "approved" if was != "approved" else "rejected"
    edited["waivers"][0]["used"] = not edited["waivers"][0]["used"]
    texts = [d.text for d in compare(Report.from_dict(edited), current)]
    waiver = edited["waivers"][0]
    state = current.waivers[0].state
    assert texts == [
        f"decision changed: {first['id']}: {first['decision']} -> {was}",
        f"waiver changed: {waiver['id']}: {state}, {'used' if waiver['used'] else 'unused'} -> "
        f"{state}, {'unused' if waiver['used'] else 'used'}",
    ]


def test_a_finding_waived_in_the_report_but_not_now_is_named(evaluated):
    recorded, current = evaluated
    waived = next(f for d in current.decisions for f in d.findings if f.waived_by)
    unwaived = dataclasses.replace(waived, waived_by=None)
    decisions = [
        dataclasses.replace(d, findings=tuple(unwaived if f is waived else f for f in d.findings))
        for d in current.decisions
    ]
    texts = [
        d.text
        for d in compare(
            Report.from_dict(recorded), dataclasses.replace(current, decisions=decisions)
        )
    ]
    assert texts == [
        f"finding changed: {waived.choice}: {waived.rule}: waived_by {waived.waived_by} -> none"
    ]


def test_a_report_made_with_opa_is_verified_with_the_embedded_engine_and_says_so(evaluated):
    recorded, _ = evaluated
    from_opa = copy.deepcopy(recorded)
    from_opa["evidence"]["engine_name"] = "opa"
    from_opa["evidence"]["engine"] = "opa 1.0.0 at http://localhost:8181"
    _, differences = verify(Report.from_dict(from_opa), [REPO / "examples" / "eu-bank"])
    assert [d.fails for d in differences] == [False, False]
    assert differences[0].text == (
        "note: the report was evaluated with the opa engine, verified with the embedded engine "
        "(give --opa-url to verify with an OPA server)"
    )


def test_recorded_paths_are_matched_under_the_inventory_root(evaluated, tmp_path):
    """A report written elsewhere names the files with another prefix: the names below the
    inventory root decide which files are the same."""
    recorded, current = evaluated
    moved = copy.deepcopy(recorded)
    for entry in moved["evidence"]["inputs"]:
        entry["path"] = "checkout/inventories/" + Path(entry["path"]).name
    for decision in moved["decisions"]:
        for finding in decision["findings"]:
            finding["location"]["path"] = (
                "checkout/inventories/" + Path(finding["location"]["path"]).name
            )
    assert [d.text for d in compare(Report.from_dict(moved), current)][:1] == [
        "input missing: checkout/inventories/exceptions.yaml"
    ]
    assert (
        compare(Report.from_dict(moved), current, Roots(inventory=REPO / "examples" / "eu-bank"))
        == []
    )


def test_a_report_edited_where_no_other_check_looks_names_the_first_differing_field(evaluated):
    """Inputs, policies, decisions, findings and waiver states all match, yet the report says
    something else the evaluation did not decide: verify names the field."""
    recorded, current = evaluated
    edited = copy.deepcopy(recorded)
    waiver = edited["waivers"][0]
    approver = waiver["approver"]
    waiver["approver"] = "someone else"
    assert [(d.text, d.fails) for d in compare(Report.from_dict(edited), current)] == [
        (f"report differs: waivers[0].approver: 'someone else' -> {approver!r}", True)
    ]
    edited = copy.deepcopy(recorded)
    decision = edited["decisions"][1]
    decision["location"]["line"] += 1
    line = decision["location"]["line"] - 1
    assert [d.text for d in compare(Report.from_dict(edited), current)] == [
        f"report differs: decisions[{decision['id']!r}].location.line: {line + 1} -> {line}"
    ]


def test_a_report_read_back_is_the_report_written(evaluated):
    recorded, _ = evaluated
    again = Report.from_dict(recorded)
    assert again.as_dict() == recorded
    assert first_difference(Report.from_dict(again.as_dict()), again) is None
    assert again.evidence.now == CLOCK  # an aware datetime, written as ...Z
    assert recorded["evidence"]["now"] == "2026-11-24T00:00:00Z"
