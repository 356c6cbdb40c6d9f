"""EU AI Act application dates as data: the rules that enforce an obligation deny from its
date of application (policies/data/regulation.yaml), say before it from when (GOV-REG-001),
use an announced change only once it is recorded as published, and treat a missing date as
applying, saying so."""

from __future__ import annotations

import datetime as dt

from governance.inventory.yamlfile import load_plain
from tests.support.cli import REPO, in_process

EXAMPLE = REPO / "examples" / "research-lab"
FIXTURES = REPO / "tests" / "fixtures" / "regulation"
CHOICE = "essay-auto-grading/nzu-olmo-7b-nl/teaching-server"


def _check(*args: str) -> tuple[int, list[str]]:
    run = in_process("check", EXAMPLE, *args)
    return run.code, run.stdout.splitlines()


def _choice_lines(lines: list[str]) -> list[str]:
    """The lines of the essay-auto-grading choice: its header and findings."""
    start = next(i for i, line in enumerate(lines) if line.startswith(CHOICE))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    return lines[start:end]


def _oversight_line() -> int:
    """The line of the essay-auto-grading use case's human_oversight."""
    text = (EXAMPLE / "use-cases.yaml").read_text("utf-8").splitlines()
    start = text.index("  - id: essay-auto-grading")
    return next(i for i in range(start, len(text)) if "human_oversight:" in text[i]) + 1


def _at_oversight(lines: list[str], severity: str, rule: str) -> str:
    """The message of the choice's one finding of ``rule`` at its human_oversight line."""
    where = f"  examples/research-lab/use-cases.yaml:{_oversight_line()}:5: {severity}: {rule}: "
    (found,) = [x for x in lines if x.startswith(where)]
    return found[len(where) :]


def test_the_catalogue_records_the_act_and_the_omnibus_as_unverified():
    act = load_plain((REPO / "policies" / "data" / "regulation.yaml").read_text("utf-8"))
    act = act["regulations"]["eu-ai-act"]
    assert act["sources"][0] == "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
    assert act["obligations"]["high-risk-annex-iii"]["applies_from"] == "2026-08-02"
    omnibus = act["announced_changes"]["digital-omnibus-on-ai"]
    assert omnibus["verified"] is False
    assert omnibus["applies_from"]["high-risk-annex-iii"] == "2027-12-02"


def test_every_regulation_entry_names_listed_public_sources_and_a_review_date():
    document = load_plain((REPO / "policies" / "data" / "regulation.yaml").read_text("utf-8"))
    listed = (REPO / "docs" / "sources.md").read_text("utf-8")
    for key, act in document["regulations"].items():
        entries = {key: act} | act.get("announced_changes", {})
        for name, entry in entries.items():
            dt.date.fromisoformat(entry["reviewed_on"])
            assert entry["sources"], name
            for url in entry["sources"]:
                assert url.startswith("https://") and url in listed, (name, url)
        for name, obligation in act["obligations"].items():
            dt.date.fromisoformat(obligation["applies_from"])
            assert f"(`{name}`)" in listed, f"docs/sources.md does not list {name}"


def test_before_the_annex_iii_date_the_high_risk_duties_are_notices():
    code, lines = _check("--now", "2026-05-01")
    own = _choice_lines(lines)
    assert own[0].endswith(": rejected")  # by GDPR Art. 22 (GOV-SAF-013), which applies now
    assert not [x for x in own if ": error: GOV-SAF-008:" in x]
    assert _at_oversight(own, "info", "GOV-REG-001") == (
        "the obligations for high-risk AI systems of Annex III (Art. 6(2), Chapter III) do not "
        "apply yet on 2026-05-01 (93 days to go): then GOV-SAF-008 denies this choice: use case "
        "essay-auto-grading is high-risk under the EU AI Act (Annex III: education) but "
        "human_oversight is 'none' (Art. 14); applicable from 2026-08-02 (Regulation (EU) "
        "2024/1689 Art. 113(2)); announced, unverified: the Digital Omnibus on AI (COM(2025) 836) "
        "would move it to 2027-12-02, not confirmed published in the Official Journal, so not "
        "applied; its decisions are fully automated with legal or similarly significant effects, "
        "which GDPR Art. 22 also forbids"
    )
    assert _at_oversight(own, "error", "GOV-SAF-013").endswith("(GDPR Art. 22)")
    assert code == 1


def test_from_the_date_they_are_denied_and_the_unverified_omnibus_changes_nothing():
    _, lines = _check("--now", "2026-11-24")
    own = _choice_lines(lines)
    assert _at_oversight(own, "error", "GOV-SAF-008").startswith(
        "use case essay-auto-grading is high-risk under the EU AI Act (Annex III: education) but "
        "human_oversight is 'none' (Art. 14); applicable since 2026-08-02 (Regulation (EU) "
        "2024/1689 Art. 113(2)); announced, unverified: the Digital Omnibus on AI"
    )
    assert not [x for x in own if "GOV-REG-001" in x]


def test_a_change_recorded_as_published_moves_the_date():
    data = FIXTURES / "omnibus-published.yaml"
    _, lines = _check("--now", "2026-11-24", "--data", data)
    own = _choice_lines(lines)
    assert not [x for x in own if ": error: GOV-SAF-008:" in x]
    notice = _at_oversight(own, "info", "GOV-REG-001")
    assert "do not apply yet on 2026-11-24 (373 days to go)" in notice
    assert "applicable from 2027-12-02 (Regulation (EU) 2026/9999 (test fixture)); its" in notice


def test_a_malformed_date_keeps_the_denial_and_says_so():
    code, lines = _check("--now", "2026-05-01", "--data", FIXTURES / "undated.yaml")
    own = _choice_lines(lines)
    assert _at_oversight(own, "error", "GOV-SAF-008").startswith(
        "use case essay-auto-grading is high-risk under the EU AI Act (Annex III: education) but "
        "human_oversight is 'none' (Art. 14); application date unknown or unverified in the "
        "regulation data, so taken as applying; announced, unverified: "
    )
    assert not [x for x in own if "GOV-REG-001" in x]
    assert code == 1
