"""`-o markdown`: the pull-request comment / step summary — verdict (or what the change does)
first, a table of choices, findings by choice; inventory text escaped; under GitHub's limit.

Goldens: tests/golden/<example>/summary.md, from `governance check examples/<example>
--now 2026-11-24 -o markdown=...` at the repository root; regenerate with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from dataclasses import replace

import pytest

from governance.evaluation.check import check
from governance.evaluation.report import Comparison, Report
from governance.evaluation.settings import EvaluationSettings
from governance.report import markdown
from governance.report.formats import RenderContext
from governance.report.markdown import COMMENT_LIMIT, escape
from tests.support.cli import REPO
from tests.support.reports import EXAMPLES, assert_golden, rendered, report_of

LINKS = RenderContext(link_base="https://github.com/acme/models/blob/0123abc", repo_root=REPO)
MORE_LINE = re.compile(
    r"^… and (\d+) more model choices? not shown \(see the full report artifact\)$"
)


def render(report: Report, context: RenderContext = LINKS) -> str:
    return markdown.render(report, context)


@pytest.mark.parametrize("example", EXAMPLES)
def test_matches_the_golden_file(example):
    assert_golden(example, "summary.md", rendered(example)["markdown"])


@pytest.mark.parametrize("example", EXAMPLES)
def test_byte_identical_across_two_runs(example):
    assert rendered(example, run=1)["markdown"] == rendered(example)["markdown"]


def test_first_line_is_the_verdict():
    first = rendered("hybrid-startup")["markdown"].splitlines()[0]
    assert first == (
        "**model-governance: rejected** — 15 model choices: 9 rejected, 2 waived, "
        "1 approved with conditions, 3 approved; 11 errors, 11 warnings"
    )
    research = rendered("research-lab")["markdown"].splitlines()[0]
    assert research.endswith("; 18 errors, 6 warnings, 20 obligations")


def test_table_lists_every_choice_rejected_first_with_model_and_deployment():
    text = rendered("healthcare-provider")["markdown"]
    rows = [line for line in text.splitlines() if line.startswith("| <code>")]
    assert len(rows) == len(report_of("healthcare-provider").decisions)
    assert rows[0] == (
        "| <code>billing-inquiry-routing/gpt-35-turbo/aoai-eastus2-legacy</code> | "
        "GPT-3.5 Turbo (no MOF class) "
        "| <code>aoai-eastus2-legacy</code> (private-cloud) | **rejected** "
        "| 2 errors (1 waived), 1 warning |"
    )
    decisions = [row.split(" | ")[3].strip("*") for row in rows]
    assert decisions == sorted(
        decisions, key=["rejected", "waived", "approved with conditions", "approved"].index
    )


def test_findings_name_rule_location_remediation_and_waiver():
    text = rendered("healthcare-provider")["markdown"]
    assert (
        "- **error** GOV-SAF-002 Control required for the risk tier not implemented "
        "(waived by <code>CVH-EXC-2026-019</code>): use case billing-inquiry-routing"
    ) in text
    assert (
        "- **error** GOV-OPS-003 Retired model still chosen: use case billing-inquiry-routing "
        "still chooses gpt-35-turbo, which was retired on 2026-06-30 — "
        "<code>examples/healthcare-provider/use-cases.yaml:141:10</code>\n"
        "  - Fix: Replace the model in this model choice with a supported successor"
    ) in text
    organization = text.split("### Organization\n\n")[1].split("###")[0]
    assert "GOV-OPS-006 Waiver longer than the organization allows" in organization


def test_links_point_at_the_line_when_a_link_base_is_known():
    text = render(report_of("hybrid-startup"))
    assert (
        "[examples/hybrid-startup/models.yaml:332](https://github.com/acme/models/blob/0123abc/"
        "examples/hybrid-startup/models.yaml#L332)"
    ) in text
    assert "<code>examples/hybrid-startup/models.yaml:332:7</code>" not in text


def test_many_choices_with_findings_collapse_into_details_few_do_not():
    hybrid = rendered("hybrid-startup")["markdown"]
    assert hybrid.count("<details><summary>") == 12 == hybrid.count("</details>")
    assert (
        "<details><summary><code>ide-code-completion/deepseek-coder-v2-lite-instruct/"
        "eks-l40s-us-east-1</code> — rejected: 1 error</summary>\n\n- **error** GOV-LIC-003"
    ) in hybrid
    healthcare = rendered("healthcare-provider")["markdown"]
    assert "<details>" not in healthcare
    assert healthcare.count("\n#### <code>") == 9


def _compare(report: Report, added: list[str], changed: list[str]) -> Report:
    """The report as `--base` would give it: listed choices added/changed, their findings new,
    the rest unchanged; one choice removed, one finding resolved, one stale baseline entry."""
    decisions = []
    for d in report.decisions:
        change = "added" if d.id in added else "changed" if d.id in changed else "unchanged"
        status = "new" if change != "unchanged" else "unchanged"
        decisions.append(
            replace(d, change=change, findings=tuple(replace(f, status=status) for f in d.findings))
        )
    return replace(
        report,
        decisions=decisions,
        comparison=Comparison(
            kind="git",
            base="origin/main",
            reevaluated=[
                "organization requirements changed (retention): every model choice was "
                "re-evaluated against them"
            ],
            removed=[replace(report.decisions[0], id="retired-use/gpt-4o/openai-api-us")],
            resolved=[replace(report.decisions[0].findings[0], message="an old problem")],
            stale_baseline=[{"rule": "GOV-RES-001", "choice": "gone/m/d"}],
        ),
    )


def test_comparison_leads_with_what_the_change_adds():
    report = report_of("hybrid-startup")
    rejected = "ide-code-completion/deepseek-coder-v2-lite-instruct/eks-l40s-us-east-1"
    approved = "internal-eng-assistant/gpt-4o/openai-api-us"
    changed = "sales-email-drafting/gpt-4o-mini/openai-api-us"
    text = render(_compare(report, added=[rejected, approved], changed=[changed]))
    lines = text.splitlines()
    assert lines[0] == (
        f"This change adds 2 model choices: <code>{rejected}</code> rejected (GOV-LIC-003 at "
        "[examples/hybrid-startup/models.yaml:332](https://github.com/acme/models/blob/0123abc/"
        "examples/hybrid-startup/models.yaml#L332); approved instead: <code>gpt-oss-20b</code> "
        "on <code>eks-platform-us-east-1</code> (self-hosted, us-east-1)), "
        f"<code>{approved}</code> approved; changes 1; removes 1."
    )
    assert lines[2] == (
        "Findings: 4 new, 1 resolved, 20 unchanged. Organization requirements changed "
        "(retention): every model choice was re-evaluated against them."
    )
    assert lines[4].startswith("**model-governance: rejected** — 15 model choices")
    assert "### Removed model choices\n\n- <code>retired-use/gpt-4o/openai-api-us</code>" in text
    gone = report.decisions[0]
    assert (
        f"### Resolved findings\n\n- {gone.findings[0].rule} on <code>{gone.id}</code>: "
        "an old problem\n"
    ) in text
    assert "- choice: <code>gone/m/d</code>; rule: <code>GOV-RES-001</code>" in text
    table = text.split("### Model choices\n\n")[1]
    assert table.startswith("| Change | Choice | Model | Deployment | Decision | Findings |\n")
    rows = [row for row in table.splitlines() if row.startswith("| ") and "<code>" in row]
    assert [row.split(" | ")[0] for row in rows[:3]] == ["| added", "| added", "| changed"]
    assert f"#### <code>{rejected}</code> (added) — rejected: 1 error" in text
    assert "- **error** GOV-LIC-003 Denied licence (new):" in text


def test_comparison_lead_line_singular_and_none():
    report = report_of("hybrid-startup")
    one = render(
        _compare(report, added=["internal-eng-assistant/gpt-4o/openai-api-us"], changed=[])
    )
    assert one.startswith(
        "This change adds 1 model choice: <code>internal-eng-assistant/gpt-4o/openai-api-us</code>"
        " approved; changes 0; removes 1.\n"
    )
    none = render(_compare(report, added=[], changed=[]))
    assert none.startswith("This change adds 0 model choices; changes 0; removes 1.\n")


def test_without_a_comparison_nothing_about_changes_appears():
    text = rendered("eu-bank")["markdown"]
    for absent in (
        "This change",
        "| Change",
        "Removed model choices",
        "Resolved findings",
        "(new)",
    ):
        assert absent not in text


def test_waivers_expiring_within_30_days_are_listed():
    report = report_of("hybrid-startup")
    waiver = report.waivers[0]
    soon = replace(waiver, expires_on="2026-12-10", approver="Elena <b>Park</b>")
    later = replace(waiver, id="WVR-LATER", expires_on="2026-12-25")
    text = render(replace(report, waivers=[soon, later]))
    section = text.split("### Waivers expiring within 30 days\n\n")[1].split("\n\n")[0]
    assert section == (
        "- <code>WVR-2026-007</code> expires 2026-12-10 (in 16 days; approved by "
        "Elena &lt;b&gt;Park&lt;/b&gt;; covers GOV-SAF-002)"
    )
    assert "Waivers expiring" not in rendered("hybrid-startup")["markdown"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a | b", "a &#124; b"),
        ("line one\nline two\r\nthree", "line one line two three"),
        ("`code` and ``more``", "&#96;code&#96; and &#96;&#96;more&#96;&#96;"),
        (
            "*bold* _em_ snake_case __init__",
            "&#42;bold&#42; &#95;em&#95; snake_case &#95;&#95;init&#95;&#95;",
        ),
        ("[click](javascript:alert(1))", "&#91;click&#93;(javascript:alert(1))"),
        ("![img](x)", "!&#91;img&#93;(x)"),
        ("AT&T &amp;", "AT&amp;T &amp;amp;"),
        ("# heading", "&#35; heading"),
        ("## two", "&#35;# two"),
        ("#123 and GH-4 break", "#&#8288;123 and GH&#8288;-4 break"),
        ("#hash stays, C# too", "#hash stays, C# too"),
        ("- item", "&#45; item"),
        ("+ item", "&#43; item"),
        ("1. item", "1&#46; item"),
        ("0.1.0", "0.1.0"),
        ("~~gone~~ $x$", "&#126;&#126;gone&#126;&#126; &#36;x&#36;"),
        ("back\\slash \\*", "back&#92;slash &#92;&#42;"),
        ("bell\x07 esc\x1b tab\tend", "bell&#92;x07 esc&#92;x1b tab end"),
        ("\u202eevil\x85\u2028", "&#92;u202eevil&#92;x85&#92;u2028"),
        ("@octocat @org/team a@b.example", "@&#8288;octocat @&#8288;org/team a@&#8288;b.example"),
        ("https://e.example www.e.example", "https:&#8288;//e.example www&#8288;.e.example"),
        ("ratio 3:1, 10:30 @ noon, www-x", "ratio 3:1, 10:30 @ noon, www-x"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("plain text, 3.5 (ok): fine", "plain text, 3.5 (ok): fine"),
    ],
)
def test_escape(text, escaped):
    assert escape(text) == escaped


def test_inventory_text_renders_as_text_everywhere():
    report = report_of("hybrid-startup")
    evil = "<script>alert(1)</script> | `x` *y* [z](http://e.example)\n# h"
    decision = next(d for d in report.decisions if d.findings)
    model_facts = dict(report.subjects["models"][decision.model], model_name=evil)
    subjects = {
        **report.subjects,
        "models": {**report.subjects["models"], decision.model: model_facts},
    }
    finding = replace(decision.findings[0], message=evil, remediation=evil, title=evil)
    evil_choice = replace(decision, id=f"{decision.id}|{evil}", findings=(finding,))
    report = replace(
        report,
        organization=report.organization._replace(name=evil),
        subjects=subjects,
        decisions=[evil_choice, *(d for d in report.decisions if d is not decision)],
    )
    text = render(report)
    assert "<script" not in text and "`" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    header = next(line for line in text.splitlines() if line.startswith("| Choice"))
    for row in (line for line in text.splitlines() if line.startswith("| ")):
        assert row.count("|") == header.count("|"), row
    for line in text.splitlines():
        assert not line.startswith("#") or line.startswith(("### ", "#### ")), line
    assert f"<code>{escape(evil_choice.id)}</code>" in text


def _generator():
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def test_a_2000_choice_report_stays_under_the_comment_limit(tmp_path):
    inventory = _generator()(1300, seed=1, files=2, out=tmp_path / "inventory")
    report = check(
        [inventory], EvaluationSettings(now=dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc))
    )
    assert len(report.decisions) >= 2000
    text = render(report)
    assert len(text) <= COMMENT_LIMIT
    last = text.rstrip("\n").splitlines()[-1]
    match = MORE_LINE.match(last)
    assert match, last
    rows = [line for line in text.splitlines() if line.startswith("| <code>")]
    assert len(rows) + int(match.group(1)) == len(report.decisions)
    assert all("| **rejected** |" in row for row in rows)  # the most important come first
    assert text.count("<details>") == text.count("</details>") > 0


def test_a_flood_of_organization_findings_still_fits_and_says_what_is_missing():
    report = report_of("hybrid-startup")
    finding = replace(report.decisions[0].findings[0], choice=None, message="x" * 5000)
    text = render(replace(report, organization_findings=[finding] * 500))
    assert len(text) <= COMMENT_LIMIT
    assert "- … and " in text.split("### Organization")[1]
    assert MORE_LINE.match(text.rstrip("\n").splitlines()[-1])
