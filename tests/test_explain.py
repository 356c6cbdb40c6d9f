"""`governance explain RULE_ID`: documentation plus a real example that triggers the rule."""

from __future__ import annotations

import pytest

from governance.authoring.explain import _example_snippet, all_rules
from tests.support.cli import REPO, governance


def test_explain_shows_metadata_and_the_example_line():
    run = governance("explain", "GOV-SAF-001")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == (
        "GOV-SAF-001 · error · Self-hosted model without organization-owned moderation"
    )
    assert any(line.startswith("Controls: ") and "ISO 42001" in line for line in lines)
    assert any(line.startswith("Remediation: Add a content-moderation control") for line in lines)
    example = next(line for line in lines if line.startswith("Example: "))
    path, line_number = example.split()[1].split(":")[:2]
    marked = next(line for line in lines if " > " in line)
    source = (REPO / path).read_text().splitlines()[int(line_number) - 1]
    assert marked.endswith(source) and "safety_controls" in source


def test_unknown_rule_is_a_usage_error_with_a_hint():
    run = governance("explain", "GOV-SAF-0001")
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith("governance: error: no rule 'GOV-SAF-0001'; did you mean GOV-SAF-")


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_has_a_triggering_example(rule_id):
    snippet = _example_snippet(rule_id)
    assert snippet and snippet[0].startswith("Example: examples/"), rule_id
