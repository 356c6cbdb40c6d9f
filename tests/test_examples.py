"""The bundled examples: valid, and decided exactly as their expected.json says.

expected.json records, per model choice, the decision and the rule ids of its findings; it
is reviewed by hand against each example's README (which lists the planted problems).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import governance
from governance.evaluation.waivers import WAIVER_RULES
from governance.policy import load_policy_set
from tests.support.cli import REPO
from tests.support.cli import governance as run_cli

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())


def observed(report) -> dict:
    return {
        "choices": {
            d.id: {"decision": d.decision, "rules": sorted({f.rule for f in d.findings})}
            for d in report.decisions
        },
        "organization": sorted({f.rule for f in report.organization_findings}),
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_validates(example):
    run = run_cli("validate", example)
    assert run.code == 0, run.stderr
    assert run.stdout.strip().endswith("— valid")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_decisions_match_expected(example):
    expected = json.loads((example / "expected.json").read_text("utf-8"))
    report = governance.check([example], now=NOW)
    assert observed(report) == expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_finding_is_explained_and_located(example):
    report = governance.check([example], now=NOW)
    assert report.all_findings, "every example shows findings"
    for finding in report.all_findings:
        assert finding.title and finding.remediation and finding.controls, finding.rule
        path = (
            REPO / finding.location.path
            if not Path(finding.location.path).is_absolute()
            else Path(finding.location.path)
        )
        lines = path.read_text("utf-8").splitlines()
        assert 1 <= finding.location.line <= len(lines), finding
        # the finding's pointer ends in a key or index that is written on that line
        last = finding.pointer.rsplit("/", 1)[-1]
        text = lines[finding.location.line - 1]
        assert (f"{last}:" in text) or last.isdigit() or text.lstrip().startswith("- "), (
            finding.rule,
            finding.pointer,
            text,
        )


def test_examples_together_trigger_every_rule():
    rules = set(load_policy_set().rules) | set(WAIVER_RULES)
    fired = set()
    for example in EXAMPLES:
        fired |= {f.rule for f in governance.check([example], now=NOW).all_findings}
    # GOV-REG-001 speaks before an EU AI Act obligation applies: the research lab before the
    # Annex III date.
    before = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
    lab = REPO / "examples" / "research-lab"
    fired |= {f.rule for f in governance.check([lab], now=before).all_findings}
    assert sorted(rules - fired) == [], "add an example case that triggers these rules"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_example_exercises_three_areas_and_approves_something(example):
    report = governance.check([example], now=NOW)
    areas = {f.rule.split("-")[1] for f in report.all_findings}
    assert len(areas) >= 3, areas
    assert report.counts()["approved"] >= 1


def test_hybrid_startup_shows_the_two_headline_rejections():
    example = REPO / "examples" / "hybrid-startup"
    run = run_cli("check", example, "--now", "2026-11-24")
    assert run.code == 1
    lines = run.stdout.splitlines()
    saf = [ln for ln in lines if ": error: GOV-SAF-001:" in ln]
    assert saf, run.stdout
    # the finding points at the deployment's safety_controls line, and a fix follows it
    where = saf[0].strip().split(": error:")[0]
    path, line, _ = where.rsplit(":", 2)
    assert "safety_controls" in (REPO / path).read_text().splitlines()[int(line) - 1]
    assert lines[lines.index(saf[0]) + 1].strip().startswith("fix: ")
    phi = [ln for ln in lines if ": error: GOV-RET-" in ln or ": error: GOV-RES-" in ln]
    assert phi, run.stdout
