"""`governance policy check` flags a `not` whose answer differs between OPA and regorus.

OPA hoists call arguments and reference keys out of a negation (open-policy-agent/opa#1877),
so `not "x" in input.missing` is undefined on OPA and true on regorus. The lint must flag
those forms at the operand's line and column and leave the forms both engines agree on.
"""

from __future__ import annotations

import os

import pytest

from governance.authoring.negation import undefined_negations
from tests.support.cli import governance

TRAPS = """package governance.rules.traps

f(x) if x == 1

traps if {
	not "x" in input.missing
	not count(input.missing) == 0
	not f(input.missing)
	not input.missing > 1
}
"""


def test_policy_check_flags_each_minimal_case_at_its_operand(tmp_path):
    (tmp_path / "traps.rego").write_text(TRAPS)
    run = governance("policy", "check", tmp_path)
    path = tmp_path / "traps.rego"
    why = (
        "error: undefined-negation: `not` over `input.missing`, which may be undefined: OPA "
        "then fails the rule body, regorus takes `not` as true (OPA#1877) (bind it first, "
        "`v := input.missing`, or give it a default with object.get; see "
        "docs/policy-authoring.md)"
    )
    assert run.code == 1
    assert run.stdout.splitlines() == [
        f"{path}:6:13: {why}",
        f"{path}:7:12: {why}",
        f"{path}:8:8: {why}",
        f"{path}:9:6: {why}",
        "4 errors, 0 warnings",
    ]


FLAGGED = [
    ('not "x" in e.unverified', "e.unverified"),
    ('not "x" in rules[tier]', "rules[tier]"),
    ("not s[input.key]", "input.key"),
    ("not startswith(lower(m.name), prefix)", "m.name"),
    ("not lib.f(x.y)", "x.y"),
    ("not x.y == f(z.w)", "z.w"),
    ("not a + b.c == 2", "b.c"),
]
AGREED = [
    "not input.missing",
    "not input.missing.x",
    "not input.missing == 1",
    'not rules[tier]["x"]',
    'not x in object.get(e, "unverified", [])',
    "not x in {y | some y in input.a.b}",
    "not count(x) > 0",
    "not lib.f(x)",
    '"not x in input.a"',
    "# not x in input.a",
]


@pytest.mark.parametrize(("expression", "operand"), FLAGGED)
def test_hoisted_operands_are_flagged(expression, operand):
    found = undefined_negations(f"p if {{\n\t{expression}\n}}\n")
    assert [(p.line, p.operand) for p in found][:1] == [(2, operand)]
    assert found[0].column == 2 + expression.index(operand)


@pytest.mark.parametrize("expression", AGREED)
def test_forms_both_engines_agree_on_pass(expression):
    assert undefined_negations(f"p if {{\n\t{expression}\n}}\n") == []


def _opa():
    try:
        import opa_bindings
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("opa-golib-python-bindings is not installed")
    return opa_bindings.OpaEngine()


def test_the_lint_matches_what_the_engines_answer():
    """Every flagged minimal case does differ between the engines; every agreed form agrees."""
    import json

    import regorus

    flagged = [
        'not "x" in input.missing',
        "not count(input.missing) == 0",
        "not f(input.missing)",
        "not input.missing > 1",
        'not "x" in v.missing',
        "not s[input.missing]",
    ]
    agreed = ["not input.missing", "not input.missing == 1", "not v.missing", "not s[2]"]
    cases = flagged + agreed
    rules = "\n".join(f"r{i} if {{\n\tv := input.obj\n\t{c}\n}}" for i, c in enumerate(cases))
    policy = f'package t\n\nf(x) if x == 1\n\ns := {{1}}\n\nt := {{"a": {{"y"}}}}\n\n{rules}\n'
    names = json.dumps([f"r{i}" for i in range(len(cases))])
    answers = f"package u\n\nanswers := {{k | some k in {names}; data.t[k]}}\n"
    document = {"obj": {"a": "a"}}
    opa = _opa()
    opa.add_policy("t.rego", policy)
    opa.add_policy("u.rego", answers)
    on_opa = set(opa.eval_document("u.answers", document))
    engine = regorus.Engine()
    engine.add_policy("t.rego", policy)
    engine.add_policy("u.rego", answers)
    engine.set_input_json(json.dumps(document))
    on_regorus = set(json.loads(engine.eval_rule_as_json("data.u.answers")))
    differ = {cases[int(k[1:])] for k in on_opa ^ on_regorus}
    assert differ == set(flagged)
    for case in cases:
        assert bool(undefined_negations(f"p if {{\n\t{case}\n}}\n")) == (case in flagged), case
