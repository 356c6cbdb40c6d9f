"""Engine answers are checked, never trusted: whatever an OPA server (or any engine) answers
that breaks the contract of data.governance.main.findings is exit 3 with one line saying what
was wrong, never an empty result read as "approved". And --opa-timeout is a deadline for
the whole request: a server dripping its answer one byte at a time cannot hold a check.
"""

from __future__ import annotations

import time

import pytest

from governance.engine.base import AnswerContract, Undefined, checked_answer
from governance.engine.opa import OpaEngine, OpaSettings
from governance.errors import EngineFailure, UsageError
from governance.policy import load_policy_set
from tests.support.cli import TEMPLATE, governance
from tests.support.opa_fake import FakeOpa

FINDING = {"rule": "GOV-SAF-001", "choice": "a/b/c", "field": "/x", "message": "m"}

BROKEN_ANSWERS = [
    (
        {"result": None},
        "answered null for data.governance.main.findings: "
        "--opa-preloaded: is the policy bundle loaded on that server?",
    ),
    (
        {"result": {}},
        "answered an object without deny, warn, obligation for "
        "data.governance.main.findings: --opa-preloaded: is the policy bundle loaded on that "
        "server?",
    ),
    (
        {"result": {"denies": [FINDING], "warn": [], "obligation": []}},
        "answered an object without deny and with unexpected key denies for "
        "data.governance.main.findings: --opa-preloaded: is the policy bundle loaded on that "
        "server?",
    ),
    (
        {"result": [FINDING]},
        "answered a list of 1 for data.governance.main.findings: "
        "--opa-preloaded: is the policy bundle loaded on that server?",
    ),
    (
        {"result": "approved"},
        "answered a string ('approved') for "
        "data.governance.main.findings: --opa-preloaded: is the policy bundle loaded on that "
        "server?",
    ),
    (
        {"result": 0},
        "answered a number (0) for data.governance.main.findings: "
        "--opa-preloaded: is the policy bundle loaded on that server?",
    ),
    (
        {},
        "answered undefined (no result) for data.governance.main.findings: "
        "--opa-preloaded: is the policy bundle loaded on that server?",
    ),
    (
        [],
        'answered a body that is a list of 0, not {"result": …} for '
        "data.governance.main.findings: --opa-preloaded: is the policy bundle loaded on that "
        "server?",
    ),
    (
        {"result": {"deny": [{**FINDING, "rule": "GOV-XXX-999"}], "warn": [], "obligation": []}},
        "answered a deny finding for data.governance.main.findings with rule id 'GOV-XXX-999', "
        "which no loaded policy declares: --opa-preloaded: does that server run the same "
        "policies as this check (rebuild and deploy the bundle)?",
    ),
    (
        {"result": {"deny": {"a": 1}, "warn": [], "obligation": []}},
        "answered deny as an object, not a list of findings for data.governance.main.findings: "
        "--opa-preloaded: is the policy bundle loaded on that server?",
    ),
]


@pytest.fixture(scope="module")
def policies():
    return load_policy_set()


@pytest.mark.parametrize(("body", "message"), BROKEN_ANSWERS, ids=lambda v: str(v)[:40])
def test_a_broken_answer_is_an_engine_failure_with_one_line(policies, body, message):
    with FakeOpa(answer=body) as server:
        engine = OpaEngine(OpaSettings(url=server.url, preloaded=True))
        engine.load(policies)
        with pytest.raises(EngineFailure) as failure:
            engine.evaluate({"choices": []})
    assert str(failure.value) == f"OPA at {server.url} {message}"


@pytest.mark.parametrize(("body", "message"), BROKEN_ANSWERS[:1], ids=["null"])
def test_check_on_a_broken_answer_is_exit_three_and_no_report(body, message):
    with FakeOpa(answer=body) as server:
        run = governance(
            "check", TEMPLATE, "--engine", "opa", "--opa-url", server.url, "--opa-preloaded"
        )
    assert run.code == 3
    assert run.stdout == ""  # no report: nothing reads as approved
    assert run.stderr == f"governance: error: OPA at {server.url} {message}\n"


@pytest.mark.parametrize(
    ("finding", "problem"),
    [
        ("text", "a warn finding that is a string ('text'), not an object"),
        ({"message": "m"}, "a warn finding with no 'rule', not a string"),
        ({"rule": "GOV-SAF-001", "message": 3}, "a warn finding with a number (3) as 'message'"),
        (
            {"rule": "GOV-SAF-001", "message": "m", "choice": 1},
            "a warn finding with a number (1) as 'choice'",
        ),
    ],
)
def test_every_finding_is_checked(finding, problem):
    contract = AnswerContract("engine X", "shape?", "rules?", frozenset({"GOV-SAF-001"}))
    with pytest.raises(EngineFailure) as failure:
        checked_answer({"deny": [], "warn": [finding], "obligation": []}, contract)
    assert str(failure.value).startswith(f"engine X answered {problem}")


def test_an_undefined_answer_is_named_so():
    contract = AnswerContract("engine X", "shape?", "rules?", frozenset())
    with pytest.raises(EngineFailure, match=r"^engine X answered undefined for data\.governance"):
        checked_answer(Undefined(), contract)


def test_a_kept_contract_is_believed():
    contract = AnswerContract("engine X", "shape?", "rules?", frozenset({"GOV-SAF-001"}))
    answer = {"deny": [FINDING], "warn": [], "obligation": [{**FINDING, "choice": None}]}
    assert checked_answer(answer, contract) == answer


def test_an_embedded_policy_with_an_undeclared_rule_id_is_exit_three(tmp_path):
    (tmp_path / "mine.rego").write_text(
        "package governance.rules.mine\n\nimport data.governance.lib\n\n"
        'deny contains lib.org_finding("GOV-ORG-999", "/organization", "m") if true\n',
        "utf-8",
    )
    run = governance("check", TEMPLATE, "--policy", tmp_path)
    assert run.code == 3
    assert run.stderr == (
        "governance: error: the embedded engine (regorus) answered a deny finding for "
        "data.governance.main.findings with rule id 'GOV-ORG-999', which no loaded policy "
        "declares: give the rule that emits it METADATA with custom.id "
        "(docs/policy-authoring.md)\n"
    )


def test_a_dripping_server_fails_at_the_deadline():
    policies = load_policy_set()
    with FakeOpa(drip=0.5) as server:
        engine = OpaEngine(OpaSettings(url=server.url, timeout=1.0, retries=0, preloaded=True))
        server.drip = 0  # the version probe answers at once; the findings drip
        engine.load(policies)
        server.drip = 0.5
        started = time.monotonic()
        with pytest.raises(EngineFailure) as failure:
            engine.evaluate({"choices": []})
        elapsed = time.monotonic() - started
    assert elapsed < 2.0, f"{elapsed:.2f} s"  # the deadline (1 s) + 1 s
    assert str(failure.value) == (
        f"OPA at {server.url} timed out after 1s (evaluate): is the server overloaded? "
        "raise --opa-timeout if it is only slow"
    )


def test_check_against_a_dripping_server_is_exit_three():
    with FakeOpa(drip=0.5) as server:
        started = time.monotonic()
        run = governance(
            "check", TEMPLATE, "--engine", "opa", "--opa-url", server.url, "--opa-timeout", "1"
        )
        elapsed = time.monotonic() - started
    assert run.code == 3
    assert run.stderr == (
        f"governance: error: OPA at {server.url} timed out after 1s (evaluate): is the server "
        "overloaded? raise --opa-timeout if it is only slow\n"
    )
    assert elapsed < 10  # not the minutes a byte-by-byte answer would take


def test_a_timeout_that_is_not_positive_is_a_usage_error():
    run = governance("check", TEMPLATE, "--engine", "opa", "--opa-timeout", "0")
    assert run.code == 2
    assert "Invalid value for '--opa-timeout': 0.0 is not in the range x>0" in run.stderr
    for timeout in (-1.0, float("nan"), float("inf")):  # the library refuses them too
        with pytest.raises(UsageError, match="--opa-timeout"):
            OpaEngine(OpaSettings(timeout=timeout))
