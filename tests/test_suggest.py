"""`governance suggest`: what it calls allowed is what `check` decides once the YAML is edited.

The substitution is made in the example's YAML text (the choice's model and deployment values
rewritten at the line:column the loader reports) and the copy is checked as any inventory, so
the test does not share the synthetic input document with the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

import governance
from governance.evaluation.check import evaluate, prepare
from governance.evaluation.suggest import suggest_in
from governance.inventory import load_inventory
from tests.support.cli import REPO
from tests.support.cli import governance as run_cli

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())
#: SUGGEST_EXHAUSTIVE=1: every choice (not only rejected ones) and every candidate decision
EXHAUSTIVE = os.environ.get("SUGGEST_EXHAUSTIVE") == "1"


def _replace_scalar(copy_root: Path, location, old: str, new: str) -> None:
    path = copy_root / Path(location.path).name  # the examples are flat directories
    lines = path.read_text("utf-8").split("\n")
    line = lines[location.line - 1]
    # the value, at the reported column (block style) or after its key there (flow style)
    start = line.index(old, location.column - 1)
    lines[location.line - 1] = line[:start] + new + line[start + len(old) :]
    path.write_text("\n".join(lines), "utf-8")


def substituted_copy(example: Path, tmp: Path, inventory, u_index, c_index, model, deployment):
    """A copy of ``example`` whose choice at /use_cases/u/model_choices/c names the pair."""
    copy = tmp / f"{example.name}-{u_index}-{c_index}-{model}-{deployment}"
    shutil.copytree(example, copy)
    choice = inventory.use_cases[u_index].model_choices[c_index]
    pointer = f"/use_cases/{u_index}/model_choices/{c_index}"
    # deployment first: both may sit on one line, and the model's column must stay valid
    for field, old, new in (
        ("deployment", choice.deployment, deployment),
        ("model", choice.model, model),
    ):
        location = inventory.sources.locate(f"{pointer}/{field}")
        _replace_scalar(copy, location, old, new)
    return copy


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_allowed_candidates_get_that_decision_from_check(example, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    inventory, policies, _, engine = prepare([example])
    report = evaluate(inventory, policies, now=NOW, engine=engine)
    by_id = {d.id: d for d in report.decisions}
    checked = 0
    for u_index, use_case in enumerate(inventory.use_cases):
        for c_index, choice in enumerate(use_case.model_choices):
            cid = f"{use_case.id}/{choice.model}/{choice.deployment}"
            if by_id[cid].decision != "rejected" and not EXHAUSTIVE:
                continue
            suggestion = suggest_in(inventory, policies, engine, NOW, choice=cid)
            # the choice as it is, decided in the same pass, is what check said
            assert suggestion.current.decision == by_id[cid].decision
            assert suggestion.current.outcome.findings == by_id[cid].findings
            for candidate in suggestion.candidates:
                allowed = candidate.decision in ("approved", "approved-with-conditions")
                if not allowed and not EXHAUSTIVE:
                    continue
                copy = substituted_copy(
                    example,
                    tmp_path,
                    inventory,
                    u_index,
                    c_index,
                    candidate.model,
                    candidate.deployment,
                )
                edited = load_inventory([copy], with_json=True)
                after = evaluate(edited, policies, now=NOW, engine=engine)
                new_id = f"{use_case.id}/{candidate.model}/{candidate.deployment}"
                decided = next(d for d in after.decisions if d.id == new_id)
                assert decided.decision == candidate.decision, (cid, new_id)
                assert [(f.rule, f.severity, f.message, f.waived_by) for f in decided.findings] == [
                    (f.rule, f.severity, f.message, f.waived_by) for f in candidate.outcome.findings
                ], (cid, new_id)
                checked += 1
                shutil.rmtree(copy)
    # every example has a rejected choice with an allowed alternative to check
    assert checked > 0


def test_suggest_json_ranks_and_describes(tmp_path):
    run = run_cli(
        "suggest",
        "examples/eu-bank",
        "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt",
        "--now",
        "2026-11-24",
        "-o",
        "json",
    )
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["choice"] == "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt"
    assert data["current"]["decision"] == "rejected"
    assert data["current"]["rules"] == ["GOV-LIC-004"]
    decisions = [c["decision"] for c in data["candidates"]]
    order = ["approved", "approved-with-conditions", "waived", "rejected"]
    assert decisions == sorted(decisions, key=order.index)
    first = data["candidates"][0]
    assert (first["model"], first["deployment"], first["decision"]) == (
        "mistral-7b-instruct-v0.3",
        "dc-frankfurt",
        "approved",
    )
    assert first["facts"]["mode"] == "self-hosted"
    assert first["facts"]["new_vendors"] == []
    assert first["hypothetical"] is False
    gpt = next(c for c in data["candidates"] if c["deployment"] == "aoai-swedencentral-standard")
    assert gpt["facts"]["new_vendors"] == [
        "Microsoft (Azure OpenAI, tenant rheinmark-prod)",
        "OpenAI",
    ]
    assert gpt["facts"]["retention"]["days"] == 0


def test_unknown_choice_is_a_usage_error():
    run = run_cli("suggest", "examples/eu-bank", "german-report-summaries/qwen/dc-frankfurt")
    assert run.code == 2
    assert run.stderr.strip() == (
        "governance: error: no model choice 'german-report-summaries/qwen/dc-frankfurt' in "
        "the inventory (did you mean "
        "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt?)"
    )


def test_library_api_matches_cli():
    suggestion = governance.suggest(
        ["examples/eu-bank"], use_case="german-report-summaries", now=NOW
    )
    assert suggestion.kind == "use_case"
    assert suggestion.candidates[0].decision == "approved"


def test_eu_bank_markdown_names_an_approved_alternative_and_no_suggestions_drops_it(tmp_path):
    summary, quiet = tmp_path / "summary.md", tmp_path / "quiet.md"
    args = ("check", "examples/eu-bank", "--now", "2026-11-24", "--fail-on", "never")
    run = run_cli(*args, "-o", f"markdown={summary}")
    assert run.code == 0, run.stderr
    text = summary.read_text("utf-8")
    block = text.split(
        "#### <code>german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt</code>"
    )[1]
    block = block.split("####")[0]
    assert "- **error** GOV-LIC-004" in block
    assert (
        "- **Approved instead:** <code>mistral-7b-instruct-v0.3</code> on "
        "<code>dc-frankfurt</code> (self-hosted, DE);"
    ) in block
    run = run_cli(*args, "--no-suggestions", "-o", f"markdown={quiet}", "-o", "json")
    assert run.code == 0, run.stderr
    assert "Approved instead" not in quiet.read_text("utf-8")
    assert json.loads(run.stdout)["alternatives"] is None


def test_text_report_lists_alternatives_under_a_rejected_choice():
    run = run_cli("check", "examples/eu-bank", "--now", "2026-11-24")
    assert run.code == 1
    lines = run.stdout.splitlines()
    start = lines.index(
        "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt (primary) at "
        "examples/eu-bank/use-cases.yaml:178:9: rejected"
    )
    assert lines[start + 3] == (
        "  approved instead: mistral-7b-instruct-v0.3 on dc-frankfurt (self-hosted, DE); "
        "mistral-7b-instruct-v0.3 on dc-frankfurt-tracing-pilot (self-hosted, DE); gpt-4o on "
        "aoai-global (private-cloud by Microsoft (Azure OpenAI, tenant rheinmark-prod), global)"
    )


def test_catalog_candidate_added_as_it_says_gets_that_decision(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    example = REPO / "examples" / "eu-bank"
    cid = "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt"
    inventory, policies, _, engine = prepare([example])
    suggestion = suggest_in(inventory, policies, engine, NOW, choice=cid, catalog=True)
    real = [c for c in suggestion.candidates if c.hypothetical is None]
    assert len(real) == 6  # the inventory's own pairs are still there, never marked
    hypothetical = next(c for c in suggestion.candidates if c.model == "gpt-oss-20b")
    assert hypothetical.hypothetical is not None
    assert hypothetical.as_dict()["hypothetical"] is True
    assert hypothetical.decision == "approved"
    # do what it says: add the model entry, point the choice at it, check
    u_index = next(i for i, u in enumerate(inventory.use_cases) if u.id == cid.split("/")[0])
    copy = substituted_copy(
        example, tmp_path, inventory, u_index, 0, "gpt-oss-20b", "self-hosted-hypothetical"
    )
    (copy / "added.yaml").write_text(
        "apiVersion: governance/v1\n" + hypothetical.hypothetical.to_add, "utf-8"
    )
    after = evaluate(load_inventory([copy], with_json=True), policies, now=NOW, engine=engine)
    decided = next(
        d
        for d in after.decisions
        if d.id == "german-report-summaries/gpt-oss-20b/self-hosted-hypothetical"
    )
    assert decided.decision == "approved"


DRAFT = REPO / "tests" / "fixtures" / "suggest" / "draft-use-case.yaml"


def test_draft_use_case_candidates_get_that_decision_once_chosen(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    example = REPO / "examples" / "eu-bank"
    suggestion = governance.suggest([example], draft=DRAFT, now=NOW)
    assert (suggestion.kind, suggestion.subject) == ("use_case", "branch-chat-assistant")
    allowed = [c for c in suggestion.candidates if c.decision != "rejected"]
    assert allowed and len(allowed) < len(suggestion.candidates)
    _, policies, _, engine = prepare([example])
    for candidate in suggestion.candidates:
        copy = tmp_path / f"{candidate.model}-{candidate.deployment}"
        shutil.copytree(example, copy)
        chosen = DRAFT.read_text("utf-8") + (
            f"    model_choices:\n      - {{model: {candidate.model}, "
            f"deployment: {candidate.deployment}}}\n"
        )
        (copy / "draft.yaml").write_text(chosen, "utf-8")
        after = evaluate(load_inventory([copy], with_json=True), policies, now=NOW, engine=engine)
        decided = next(d for d in after.decisions if d.use_case == "branch-chat-assistant")
        assert (decided.decision, [f.rule for f in decided.findings]) == (
            candidate.decision,
            [f.rule for f in candidate.outcome.findings],
        )


def test_bad_draft_is_located(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        DRAFT.read_text("utf-8").replace("internal_tier: medium", "internal_tier: mid")
    )
    run = run_cli("suggest", "examples/eu-bank", "--draft", draft)
    assert run.code == 2
    line = run.stderr.strip()
    assert line.startswith(f"{draft}:10:")
    assert "/use_cases/0/risk/internal_tier" in line
