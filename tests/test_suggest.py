"""`governance suggest`: what it calls allowed is what `check` decides once the YAML is edited.

The substitution is made in the example's YAML text (the choice's model and deployment values
rewritten at the line:column the loader reports) and the copy is checked as any inventory, so
the test does not share the synthetic input document with the code under test. It covers
every candidate of every choice of every example (a superset of "each allowed candidate of
each rejected choice"); edits to different use cases share one check.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import governance
from governance.evaluation.check import evaluate, prepare
from governance.evaluation.settings import EvaluationSettings
from governance.evaluation.suggest import suggest_in
from governance.inventory import load_inventory
from tests.support.cli import REPO
from tests.support.cli import governance as run_cli

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
AT_NOW = EvaluationSettings(now=NOW)
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())


def _replace_scalar(lines: list[str], location, old: str, new: str) -> None:
    line = lines[location.line - 1]
    # the value, at the reported column (block style) or after its key there (flow style)
    start = line.index(old, location.column - 1)
    lines[location.line - 1] = line[:start] + new + line[start + len(old) :]


def substituted_copy(example: Path, tmp: Path, inventory, edits) -> list[Path]:
    """The example's files with each edit (u_index, c_index, model, deployment) written in:
    the pair in place of the choice at /use_cases/u/model_choices/c (a list of paths to
    load; the edited files are copies under ``tmp``)."""
    texts: dict[Path, list[str]] = {}
    for u_index, c_index, model, deployment in edits:
        choice = inventory.use_cases[u_index].model_choices[c_index]
        pointer = f"/use_cases/{u_index}/model_choices/{c_index}"
        original = REPO / inventory.sources.locate(pointer).path
        lines = texts.setdefault(original, original.read_text("utf-8").split("\n"))
        # deployment first: both may sit on one line, and the model's column must stay valid
        for field, old, new in (
            ("deployment", choice.deployment, deployment),
            ("model", choice.model, model),
        ):
            _replace_scalar(lines, inventory.sources.locate(f"{pointer}/{field}"), old, new)
    copy = tmp / f"copy-{len(list(tmp.iterdir()))}"
    copy.mkdir()
    for original, lines in texts.items():
        (copy / original.name).write_text("\n".join(lines), "utf-8")
    return [p for p in sorted(example.glob("*.yaml")) if p not in texts] + [
        copy / p.name for p in texts
    ]


def batches(jobs: list[tuple]) -> list[list[tuple]]:
    """Jobs grouped so that no group edits one use case twice: a choice's decision depends
    on its own use case, model and deployment only, so each group is one check."""
    groups: list[list[tuple]] = []
    for job in jobs:
        group = next((g for g in groups if all(other[0] != job[0] for other in g)), None)
        if group is None:
            groups.append(group := [])
        group.append(job)
    return groups


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_allowed_candidates_get_that_decision_from_check(example, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    inventory, policies, _, engine, _ = prepare([example])
    report = evaluate(inventory, policies, AT_NOW, engine=engine)
    by_id = {d.id: d for d in report.decisions}
    jobs = []  # (u_index, c_index, model, deployment, the candidate suggest described)
    for u_index, use_case in enumerate(inventory.use_cases):
        for c_index, choice in enumerate(use_case.model_choices):
            cid = f"{use_case.id}/{choice.model}/{choice.deployment}"
            suggestion = suggest_in(inventory, policies, engine, NOW, choice=cid)
            # the choice as it is, decided in the same pass, is what check said
            assert suggestion.current.decision == by_id[cid].decision
            assert suggestion.current.outcome.findings == by_id[cid].findings
            # every candidate of every choice: the allowed ones of rejected choices (what the
            # reports offer) and all the rest, so a rejection is as exact as an approval
            for candidate in suggestion.candidates:
                jobs.append((u_index, c_index, candidate.model, candidate.deployment, candidate))
    # every example has a rejected choice with an allowed alternative among them
    rejected = {d.id for d in report.decisions if d.decision == "rejected"}

    def choice_of(u: int, c: int) -> str:
        chosen = inventory.use_cases[u].model_choices[c]
        return f"{inventory.use_cases[u].id}/{chosen.model}/{chosen.deployment}"

    assert any(
        choice_of(u, c) in rejected and job.decision in ("approved", "approved-with-conditions")
        for u, c, _, _, job in jobs
    )
    for group in batches(jobs):
        edited = load_inventory(
            substituted_copy(example, tmp_path, inventory, [j[:4] for j in group])
        )
        after = {d.id: d for d in evaluate(edited, policies, AT_NOW, engine=engine).decisions}
        for u_index, _, model, deployment, candidate in group:
            new_id = f"{inventory.use_cases[u_index].id}/{model}/{deployment}"
            decided = after[new_id]
            assert decided.decision == candidate.decision, new_id
            # as sets: report order sorts by file, and the edited file is a copy elsewhere
            assert sorted(
                (f.rule, f.severity, f.message, f.waived_by) for f in decided.findings
            ) == sorted(
                (f.rule, f.severity, f.message, f.waived_by) for f in candidate.outcome.findings
            ), new_id


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


def test_a_waiver_scoped_to_the_replaced_choice_covers_no_candidate():
    suggestion = governance.suggest(
        ["examples/eu-bank"],
        choice="aml-alert-narratives/mistral-7b-instruct-v0.3/dc-frankfurt",
        now=NOW,
    )
    assert suggestion.current.decision == "waived"
    assert [(f.rule, f.waived_by) for f in suggestion.current.outcome.findings] == [
        ("GOV-SAF-002", "RMB-WVR-2026-011")
    ]
    # the same control gap on another deployment stands: the waiver named dc-frankfurt
    pilot = next(c for c in suggestion.candidates if c.deployment == "dc-frankfurt-tracing-pilot")
    assert (pilot.decision, pilot.outcome.rules) == ("rejected", ["GOV-RES-002", "GOV-SAF-002"])
    assert all(f.waived_by is None for c in suggestion.candidates for f in c.outcome.findings)
    assert suggestion.notes == [
        "waiver RMB-WVR-2026-011 is scoped to mistral-7b-instruct-v0.3 on dc-frankfurt, the "
        "choice replaced: it covers no candidate, and after the change it would match nothing "
        "here (check reports a waiver in force that matches nothing as stale, GOV-WVR-002)"
    ]


def test_mof_class_is_the_policy_librarys():
    suggestion = governance.suggest(
        ["examples/research-lab"],
        choice="ethics-interview-coding/mistral-7b-instruct-v0.3/ltl-cluster",
        now=NOW,
    )
    mof = {c.model: c.facts["mof_class"] for c in suggestion.candidates}
    # olmo-7b records every MOF component openly; pythia lacks Class I's; gpt-style: none
    assert (mof["olmo-7b"], mof["pythia-6.9b"], mof["mistral-medium-3"]) == ("I", "II", "none")


def test_library_api_matches_cli():
    suggestion = governance.suggest(
        ["examples/eu-bank"], use_case="german-report-summaries", now=NOW
    )
    assert suggestion.kind == "use_case"
    assert suggestion.candidates[0].decision == "approved"


def test_eu_bank_reports_name_an_approved_alternative_and_no_suggestions_drops_it(tmp_path):
    summary, quiet = tmp_path / "summary.md", tmp_path / "quiet.md"
    args = ("check", "examples/eu-bank", "--now", "2026-11-24", "--fail-on", "never")
    run = run_cli(*args, "-o", f"markdown={summary}", "-o", "text")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    start = lines.index(
        "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt (primary) at "
        "examples/eu-bank/use-cases.yaml:179:9: rejected"
    )
    assert lines[start + 3] == (
        "  approved instead: mistral-7b-instruct-v0.3 on dc-frankfurt (self-hosted, DE); "
        "mistral-7b-instruct-v0.3 on dc-frankfurt-tracing-pilot (self-hosted, DE); gpt-4o on "
        "aoai-global (private-cloud by Microsoft (Azure OpenAI, tenant rheinmark-prod), global)"
    )
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


DRAFT = REPO / "tests" / "fixtures" / "suggest" / "draft-use-case.yaml"


def test_draft_use_case_candidates_get_that_decision_once_chosen(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    example = REPO / "examples" / "eu-bank"
    suggestion = governance.suggest([example], draft=DRAFT, now=NOW)
    assert (suggestion.kind, suggestion.subject) == ("use_case", "branch-chat-assistant")
    allowed = [c for c in suggestion.candidates if c.decision != "rejected"]
    assert allowed and len(allowed) < len(suggestion.candidates)
    _, policies, _, engine, _ = prepare([example])
    for candidate in suggestion.candidates:
        copy = tmp_path / f"{candidate.model}-{candidate.deployment}"
        shutil.copytree(example, copy)
        chosen = DRAFT.read_text("utf-8") + (
            f"    model_choices:\n      - {{model: {candidate.model}, "
            f"deployment: {candidate.deployment}}}\n"
        )
        (copy / "draft.yaml").write_text(chosen, "utf-8")
        after = evaluate(load_inventory([copy], with_json=True), policies, AT_NOW, engine=engine)
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


def test_hostile_inventory_text_cannot_drive_the_terminal_or_the_table(tmp_path):
    copy = tmp_path / "eu-bank"
    shutil.copytree(REPO / "examples" / "eu-bank", copy)
    models = copy / "models.yaml"
    models.write_text(
        models.read_text("utf-8").replace(
            "operator: Microsoft (Azure OpenAI, tenant rheinmark-prod)",
            'operator: "Microsoft\\e[31m | evil\\n::error::x"',
        ),
        "utf-8",
    )
    choice = "german-report-summaries/qwen2.5-72b-instruct/dc-frankfurt"
    text = run_cli("suggest", copy, choice, "--now", "2026-11-24")
    assert text.code == 0, text.stderr
    assert "\x1b" not in text.stdout
    assert all(not line.startswith("::") for line in text.stdout.splitlines())
    assert "  Microsoft\\x1b[31m | evil\\n::err…  " in text.stdout  # shown, clipped
    markdown = run_cli("suggest", copy, choice, "--now", "2026-11-24", "-o", "markdown")
    row = next(line for line in markdown.stdout.splitlines() if "aoai-global" in line)
    assert row.count(" | ") == 9  # the operator's '|' does not open a cell
    assert "\x1b" not in markdown.stdout


def test_catalogue_candidates_get_the_catalogues_facts_like_an_inventory_entry():
    """A hypothetical catalogue model writes only its catalog key (no model card): the
    effective-facts step reads its modalities and its review date from the catalogue, as for
    a real entry. Llama 3.2 Vision is multimodal, so an EU-domiciled lab (NL) is not offered it,
    and its catalogue facts read 2026-11-24 are stale by 2027-07-01."""
    run = run_cli(
        "suggest",
        "examples/research-lab",
        "--use-case",
        "sci-literature-triage",
        "--catalog",
        "--now",
        "2027-07-01",
        "-o",
        "json",
    )
    assert run.code == 0, run.stderr
    candidates = {c["model"]: c for c in json.loads(run.stdout)["candidates"]}
    vision = candidates["llama-3.2-11b-vision-instruct"]
    assert vision["hypothetical"] is True
    assert vision["decision"] == "rejected"
    assert "model_card" not in vision["to_add"] and "modalities" not in vision["to_add"]
    assert "retrieved_on: '2026-11-24'" in vision["to_add"]
    messages = {f["rule"]: f["message"] for f in vision["findings"]}
    assert messages["GOV-LIC-010"] == (
        "Llama-3.2-11B-Vision-Instruct is a multimodal model (modalities: in: text, image; "
        "out: text) under Llama 3.2 Community License Agreement, which grants no rights for "
        "such models to licensees domiciled in EU; the organization is domiciled in NL and runs "
        "it itself (deployment self-hosted-hypothetical)"
    )
    stale = [f["message"] for f in vision["findings"] if f["rule"] == "GOV-SRC-001"]
    assert any(
        m.startswith(
            "model facts of 'llama-3.2-11b-vision-instruct' in the model facts catalogue "
            "last reviewed 2026-11-24, 219 days before 2027-07-01"
        )
        for m in stale
    ), stale
    # a text-only catalogue model the lab can use stays a suggestion
    assert candidates["gpt-oss-20b"]["decision"] == "approved-with-conditions"
