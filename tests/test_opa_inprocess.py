"""`--engine opa-inprocess`: real OPA (1.20.2) in process, as a user runs it: located compile
errors (exit 2), engine failures (exit 3), the engine in the evidence, verify on the recorded
engine, and `policy test --engine opa-inprocess` answering every test with one query."""

from __future__ import annotations

import json
import os

import pytest

from tests.support.cli import REPO, TEMPLATE, governance, line_of
from tests.support.opa_bindings import require_opa_bindings

OPA_VERSION = "opa 1.20.2 in process (opa-golib-python-bindings 0.4.4)"


@pytest.fixture(autouse=True)
def _bindings():
    require_opa_bindings()


def _policy(tmp_path, text: str):
    folder = tmp_path / "policies"
    folder.mkdir(exist_ok=True)
    path = folder / "mine.rego"
    path.write_text(text, "utf-8")
    return folder, path


def test_the_evidence_names_opa_and_verify_reruns_on_it(tmp_path):
    report = tmp_path / "report.json"
    example = REPO / "examples" / "eu-bank"
    run = governance(
        "check", example, "--engine", "opa-inprocess", "--now", "2026-11-24",
        "-o", f"json={report}",
    )  # fmt: skip
    assert run.code == 1, run.stderr  # eu-bank has rejected choices
    evidence = json.loads(report.read_text("utf-8"))["evidence"]
    assert (evidence["engine_name"], evidence["engine"]) == ("opa-inprocess", OPA_VERSION)
    verified = governance("verify", report, example)
    assert verified.code == 0, verified.stdout
    assert verified.stderr == ""  # no note: the same engine, not the embedded one
    assert verified.stdout.strip().endswith("(clock 2026-11-24T00:00:00Z, opa-inprocess engine)")


def test_a_type_error_in_a_users_policy_is_exit_two_at_its_place(tmp_path):
    folder, path = _policy(
        tmp_path,
        "package governance.rules.mine\n\nimport data.governance.lib\n\n"
        "limit := undefined_helper(3)\n",
    )
    run = governance("check", TEMPLATE, "--engine", "opa-inprocess", "--policy", folder)
    line, column = line_of(path, "undefined_helper")
    assert run.code == 2
    assert run.stderr == (
        f"{folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder}/mine.rego:"
        f"{line}:{column}: error: policy error: rego_type_error: undefined function "
        "undefined_helper\n"
    )


def test_a_parse_error_is_exit_two_at_its_caret(tmp_path):
    folder, path = _policy(
        tmp_path, "package governance.rules.mine\n\nallow if {\n\tinput.x ==\n}\n"
    )
    run = governance("check", TEMPLATE, "--engine", "opa-inprocess", "--policy", folder)
    assert run.code == 2
    assert run.stderr.startswith(f"{path}:5:1: error: policy error: rego_parse_error: ")
    assert len(run.stderr.splitlines()) == 1


def test_an_evaluation_error_is_exit_three_in_one_line(tmp_path):
    folder, _ = _policy(
        tmp_path,
        "package governance.rules.mine\n\nimport data.governance.lib\n\n"
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: GOV-MIN-001\n"
        "#   severity: error\n#   controls: [x]\n#   remediation: r\n"
        'deny contains lib.org_finding("GOV-MIN-001", "/organization", msg) if {\n'
        "\tsome msg in [level]\n}\n\n"
        'level := "a" if input.now\nlevel := "b" if input.now\n',
    )
    run = governance("check", TEMPLATE, "--engine", "opa-inprocess", "--policy", folder)
    assert run.code == 3
    assert run.stderr.startswith("governance: error: OPA (in process) failed: eval_error: ")
    assert "eval_conflict_error" in run.stderr and len(run.stderr.splitlines()) == 1


def test_without_the_bindings_the_engine_says_how_to_install_them(tmp_path):
    shadow = tmp_path / "opa_bindings"
    shadow.mkdir()
    (shadow / "__init__.py").write_text('raise ImportError("not built for this platform")\n')
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"}
    run = governance("check", TEMPLATE, "--engine", "opa-inprocess", env=env)
    assert run.code == 3
    assert run.stderr == (
        "governance: error: --engine opa-inprocess needs opa-golib-python-bindings (not built "
        "for this platform): pip install --ignore-requires-python "
        "'opa-golib-python-bindings==0.4.4'\n"
    )


def test_policy_test_on_opa_reports_a_failing_test_at_its_line(tmp_path):
    policies = tmp_path / "policies"
    governance("policy", "new", "data_export", "--area", "EXP", "--dir", policies)
    passing = governance(
        "policy", "test", policies, "--no-builtin", "--engine", "opa-inprocess", "--coverage"
    )
    assert passing.code == 0, passing.stdout
    assert passing.stdout.strip().endswith("2 passed, 0 failed")
    assert "data_export.rego: 100.0%" in passing.stdout
    rule = policies / "data_export.rego"
    rule.write_text(rule.read_text().replace('"data-export-example" in', '"other-tag" in'))
    run = governance("policy", "test", policies, "--no-builtin", "--engine", "opa-inprocess")
    assert run.code == 1
    failing = [line for line in run.stdout.splitlines() if ": FAIL: " in line]
    assert len(failing) == 1 and failing[0].endswith(
        "data_export_test.rego:6: FAIL: governance.rules.data_export_test."
        "test_tagged_use_case_is_denied"
    )


def test_policy_test_on_opa_names_the_test_that_raised_an_error(tmp_path):
    (tmp_path / "x_test.rego").write_text(
        "package governance.rules.x_test\n\ntest_ok if true\n\n"
        "v := 1 if input.a\nv := 2 if input.a\n\n"
        "test_conflict if {\n\tv == 1 with input.a as true\n}\n\n"
        'test_false if {\n\tprint("seen")\n\tfalse\n}\n',
        "utf-8",
    )
    run = governance("policy", "test", tmp_path, "--no-builtin", "--engine", "opa-inprocess")
    assert run.code == 1
    path = tmp_path / "x_test.rego"
    assert run.stdout.splitlines() == [
        f"{path}:8: FAIL: governance.rules.x_test.test_conflict",
        f"    error: OPA (in process) failed: eval_error: {path}:6: eval_conflict_error: "
        "complete rules must not produce multiple outputs",
        f"{path}:12: FAIL: governance.rules.x_test.test_false",
        f"    {path}:13: seen",
        "1 passed, 2 failed",
    ]
