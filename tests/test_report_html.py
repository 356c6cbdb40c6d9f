"""`-o html`: the self-contained audit report, as an auditor opens, reads and prints it.

Golden files: tests/golden/<example>/report.html, the output of
    governance check examples/<example> --now 2026-11-24 -o html=PATH
run from the repository root with GIT_DIR pointing nowhere (so the evidence carries no git
commit and the files do not change with every commit), the tool version replaced by VERSION.
After an intended change, regenerate them and review the diff:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_html.py
The Chromium tests are skipped when no chromium binary is installed (apt-get install chromium).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from governance import __version__
from governance.errors import SourceLocation
from governance.evaluation.findings import Finding
from governance.evaluation.report import (
    ChoiceDecision,
    Comparison,
    Evidence,
    Organization,
    Report,
)
from governance.evaluation.waivers import WaiverStatus
from governance.policy import RuleInfo
from governance.report import html
from governance.report.formats import RenderContext
from governance.report.html import anchor
from tests.support import chromium
from tests.support.cli import REPO, governance

NOW = "2026-11-24"
EXAMPLES = sorted(
    p.name for p in (REPO / "examples").iterdir() if (p / "organization.yaml").exists()
)
GOLDEN = REPO / "tests" / "golden"
VERSION_TEXT = f"model-governance {__version__}"
CSP = html.CSP

# --- a small DOM, from the standard library's parser ----------------------------------------

INLINE = {"a", "b", "code", "em", "span", "strong"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict
    children: list = dataclasses.field(default_factory=list)  # Node or str

    def raw(self) -> str:
        return "".join(
            c if isinstance(c, str) else c.raw() if c.tag in INLINE else f" {c.raw()} "
            for c in self.children
        )

    def text(self) -> str:
        """What a reader sees, whitespace collapsed; block elements and <br> separate words."""
        return " ".join(self.raw().split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def all(self, tag: str) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag]

    def by_id(self, value: str) -> Node:
        found = [n for n in self.walk() if n.attrs.get("id") == value]
        assert len(found) == 1, f"{len(found)} elements with id {value!r}"
        return found[0]

    def cells(self) -> list[str]:
        return [c.text() for c in self.children if isinstance(c, Node) and c.tag in ("td", "th")]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.start_tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.start_tags.append((tag, attrs))
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.start_tags.append((tag, attrs))
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(text: str) -> tuple[Node, list[tuple[str, list]]]:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert [n.tag for n in builder.stack] == ["#document"], "unclosed elements"
    return builder.root, builder.start_tags


# --- the examples, each rendered once by the CLI --------------------------------------------


def run_check(example: str, out: Path, seed: str = "0") -> tuple[str, dict]:
    """HTML and JSON of one example, from one CLI run, with git hidden (no commit)."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_DIR": str(out / "no-git"), "PYTHONHASHSEED": seed}
    run = governance(
        "check",
        f"examples/{example}",
        "--now",
        NOW,
        "-o",
        f"html={out / 'report.html'}",
        "-o",
        f"json={out / 'report.json'}",
        env=env,
    )
    assert run.code in (0, 1), run.stderr
    text = (out / "report.html").read_bytes().decode("utf-8")
    return text, json.loads((out / "report.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, tuple[str, dict]]:
    base = tmp_path_factory.mktemp("html")
    return {name: run_check(name, base / name) for name in EXAMPLES}


def render(report: Report) -> str:
    return html.render(report, RenderContext())


def normalised(text: str) -> str:
    assert text.count(VERSION_TEXT) == 1, "the tool version should appear once, in the evidence"
    return text.replace(VERSION_TEXT, "model-governance VERSION")


@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(examples, example):
    text = normalised(examples[example][0])
    golden = GOLDEN / example / "report.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(text.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden}: run with UPDATE_GOLDEN=1"
    expected = golden.read_bytes().decode("utf-8")
    diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now", n=0)
    assert text == expected, "\n".join(line[:300] for line in list(diff)[:40])


@pytest.mark.parametrize("example", EXAMPLES)
def test_rendering_again_from_the_json_report_gives_the_same_bytes(examples, example):
    text, document = examples[example]
    assert render(Report.from_dict(document)) == text


def test_two_runs_are_byte_identical(examples, tmp_path):
    again, _ = run_check("hybrid-startup", tmp_path, seed="12345")
    assert again == examples["hybrid-startup"][0]


@pytest.fixture(scope="module")
def hybrid(examples) -> Report:
    return Report.from_dict(examples["hybrid-startup"][1])


# --- what the auditor reads -----------------------------------------------------------------


def test_header_names_the_organization_date_and_verdict(examples):
    root, _ = parse(examples["hybrid-startup"][0])
    assert root.all("title")[0].text() == (
        "Model governance audit report — Brightloop Health Software, Inc. (brightloop) — 2026-11-24"
    )
    header = root.all("header")[0].text()
    for expected in (
        "Organization Brightloop Health Software, Inc.",
        "Organization id brightloop",
        "Date (evaluation clock) 2026-11-24",
        "Verdict rejected",
    ):
        assert expected in header


def test_each_use_case_has_a_table_of_its_choices_with_their_facts(hybrid):
    root, _ = parse(render(hybrid))
    use_cases = {d.use_case for d in hybrid.decisions}
    for use_case in use_cases:
        section = root.by_id(anchor("use-case", use_case))
        name = hybrid.subjects["use_cases"][use_case]["use_case_name"]
        assert section.all("h3")[0].text() == f"{name} {use_case}"
        choices = [d for d in hybrid.decisions if d.use_case == use_case]
        assert len(section.all("table")[0].all("tbody")[0].all("tr")) == len(choices)
    decision = next(d for d in hybrid.decisions if d.deployment == "eks-l40s-us-east-1")
    facts = hybrid.facts_of(decision)
    assert root.by_id(anchor("choice", decision.id)).cells() == [
        "primary",
        f"{facts['model_name']} {decision.model} · {facts['provider']}",
        "open-weight no MOF class",
        f"{facts['license']} declared: {facts['license_declared']}",
        "eks-l40s-us-east-1 self-hosted · org",
        "us-east-1",
        "us-east-1",
        "rejected",
        "1 error",
    ]


def test_every_finding_shows_rule_title_severity_controls_remediation_and_source(hybrid):
    root, _ = parse(render(hybrid))
    rows = [
        row.cells()
        for table in root.all("table")
        if "findings" in table.attrs.get("class", "")
        for row in table.all("tbody")[0].all("tr")
        if row.attrs.get("class") != "group"
    ]
    findings = hybrid.all_findings
    assert len(rows) == len(findings) == 24
    for finding in findings:
        source = f"{finding.location.path}:{finding.location.line}:{finding.location.column}"
        matching = [
            row
            for row in rows
            if row[1] == f"{finding.rule} {finding.title}"
            and row[4] == source
            and finding.message in row[3]
        ]
        assert matching, finding
        row = matching[0]
        assert row[0].startswith(finding.severity)
        assert row[2] == " ".join(finding.controls)
        assert row[3].endswith(f"Remediation: {finding.remediation}")
        if finding.waived_by:
            assert row[3].startswith(f"waived by {finding.waived_by} {finding.message}")


def test_a_choice_links_to_its_findings_and_a_waived_finding_to_its_waiver(hybrid):
    root, _ = parse(render(hybrid))
    decision = next(d for d in hybrid.decisions if d.decision == "waived")
    link = root.by_id(anchor("choice", decision.id)).all("a")[0]
    assert root.by_id(link.attrs["href"][1:]).tag == "tr"  # the group row above its findings
    waived = next(f for f in decision.findings if f.waived_by)
    assert root.by_id(anchor("waiver", waived.waived_by)).cells()[0] == waived.waived_by


def test_charts_are_labelled_images_with_their_numbers_in_tables(hybrid):
    root, _ = parse(render(hybrid))
    charts = root.all("svg")
    assert [c.attrs["aria-label"] for c in charts] == [
        "Model choices by decision",
        "Findings by area and severity",
    ]
    for chart in charts:
        assert chart.attrs["role"] == "img"
        assert chart.children[0].tag == "title"
        description = root.by_id(chart.attrs["aria-describedby"])
        assert description.tag == "desc"
    decisions = root.by_id("chart-decisions-desc").text()
    assert decisions == "rejected: 9; waived: 2; approved-with-conditions: 1; approved: 3."
    labels = [t.text() for t in root.by_id("chart-decisions").all("text")]
    assert labels[:2] == ["rejected", "9 (60%)"]
    table = next(t for t in root.all("table") if t.all("caption")[0].text().endswith("by decision"))
    assert [r.cells() for r in table.all("tr")[1:]] == [
        ["rejected", "9"],
        ["waived", "2"],
        ["approved-with-conditions", "1"],
        ["approved", "3"],
        ["total", "15"],
    ]
    areas = root.by_id("chart-areas-desc").text()
    assert "safety: 5 error, 1 warning, 0 info" in areas
    area_table = next(t for t in root.all("table") if "by area" in t.all("caption")[0].text())
    assert ["safety", "5", "1", "0", "2", "6"] in [r.cells() for r in area_table.all("tr")]


def test_a_waiver_expiring_within_30_days_is_highlighted(hybrid):
    waiver_row = anchor("waiver", "WVR-2026-007")  # in force until 2027-01-31
    root, _ = parse(render(hybrid))
    row = root.by_id(waiver_row)
    assert "class" not in row.attrs
    assert row.cells()[:4] == [
        "WVR-2026-007",
        "Elena Park",
        "2026-10-01",
        "2027-01-31 68 days left",
    ]
    soon = dataclasses.replace(
        hybrid,
        evidence=dataclasses.replace(
            hybrid.evidence, now=dt.datetime(2027, 1, 10, tzinfo=dt.timezone.utc)
        ),
    )
    root, _ = parse(render(soon))
    row = root.by_id(waiver_row)
    assert row.attrs["class"] == "expiring"
    assert row.cells()[3] == "2027-01-31 expires in 21 days"
    assert row.cells()[5] == "2 findings"


def test_expired_and_not_yet_in_force_waivers_are_listed(examples):
    root, _ = parse(examples["consumer-platform"][0])
    captions = [t.all("caption")[0].text() for t in root.by_id("waivers").all("table")]
    assert captions == ["In force (1)", "Expired (1)", "Not yet in force (1)"]
    assert root.by_id(anchor("waiver", "WVR-2026-011")).cells()[3] == "2026-08-01 115 days ago"
    assert root.by_id(anchor("waiver", "WVR-2026-019")).cells()[2] == "2026-12-01 in 7 days"
    assert root.by_id(anchor("waiver", "WVR-2026-015")).cells()[5] == ("matches no finding (stale)")


def test_the_rule_catalogue_lists_every_rule_applied(hybrid):
    root, _ = parse(render(hybrid))
    rows = root.by_id("rules").all("tbody")[0].all("tr")
    assert [r.attrs["id"] for r in rows] == [anchor("rule", r) for r in sorted(hybrid.rules)]
    info = hybrid.rules["GOV-LIC-003"]
    assert root.by_id(anchor("rule", "GOV-LIC-003")).cells() == [
        "GOV-LIC-003",
        f"{info.title} {info.description}",
        "error",
        "licenses",
        " ".join(info.controls),
        "1",
    ]


def test_the_evidence_block_has_every_digest(hybrid, examples):
    root, _ = parse(examples["hybrid-startup"][0])
    evidence = root.by_id("evidence")
    facts = {r.cells()[0]: r.cells()[1] for r in evidence.all("table")[0].all("tr")}
    assert facts == {
        "Tool version": VERSION_TEXT,
        "Engine": f"embedded: {hybrid.evidence.engine}",
        "Evaluation clock (now)": "2026-11-24T00:00:00Z",
        "Policy sources": hybrid.policies_text(),
        "Policy set SHA-256": hybrid.evidence.policy_digest,
        "Git commit": "not in a git work tree",
        "Bundle": "none (policies from directories)",
    }
    listed = [r.cells() for table in evidence.all("table")[1:] for r in table.all("tr")]
    for name, digest in (
        hybrid.evidence.inputs + hybrid.evidence.policies + hybrid.evidence.data_files
    ):
        assert [name, digest] in listed
    assert len(hybrid.evidence.inputs) == 4
    bundled = dataclasses.replace(
        hybrid,
        evidence=dataclasses.replace(
            hybrid.evidence,
            git_commit="0123456789abcdef0123456789abcdef01234567",
            git_dirty=True,
            bundle={"sha256": "ab" * 32, "revision": "2026.11.1"},
        ),
    )
    root, _ = parse(render(bundled))
    facts = {r.cells()[0]: r.cells()[1] for r in root.by_id("evidence").all("table")[0].all("tr")}
    assert facts["Git commit"] == (
        "0123456789abcdef0123456789abcdef01234567 "
        "an inventory file differs from this commit (uncommitted changes)"
    )
    assert facts["Bundle"] == f"revision: 2026.11.1 sha256: {'ab' * 32}"


def compared(report: Report) -> Report:
    """The hybrid report as a PR run against a base would see it."""
    changes = ["added", "changed"] + ["unchanged"] * (len(report.decisions) - 2)
    decisions = []
    for decision, change in zip(report.decisions, changes, strict=True):
        status = "new" if change != "unchanged" else "unchanged"
        findings = tuple(dataclasses.replace(f, status=status) for f in decision.findings)
        decisions.append(dataclasses.replace(decision, change=change, findings=findings))
    gone = report.decisions[0]
    removed = dataclasses.replace(gone, id="old-use/old-model/old-dep", use_case="old-use")
    resolved = dataclasses.replace(
        next(f for d in report.decisions for f in d.findings), message="a resolved problem"
    )
    return dataclasses.replace(
        report,
        decisions=decisions,
        comparison=Comparison(
            kind="git",
            base="origin/main (abc1234)",
            reevaluated=["the policy set changed (sha256 a088db28 → 5d1e26c2)"],
            removed=[removed],
            resolved=[resolved],
            stale_baseline=[{"fingerprint": "feedc0de", "rule": "GOV-RET-002"}],
        ),
    )


def test_a_comparison_adds_a_change_column_and_a_changes_section(hybrid):
    report = compared(hybrid)
    root, _ = parse(render(report))
    assert "Compared with git: origin/main (abc1234)" in root.all("header")[0].text()
    changes = root.by_id("changes")
    tables = [[r.cells() for r in t.all("tr")] for t in changes.all("table")]
    assert tables[0] == [
        ["Change", "Choices"],
        ["added", "1"],
        ["changed", "1"],
        ["unchanged", "13"],
        ["removed", "1"],
    ]
    new = len(report.decisions[0].findings) + len(report.decisions[1].findings)
    assert tables[1][1:] == [
        ["new", str(new)],
        ["unchanged", str(24 - new)],
        ["baselined", "0"],
        ["resolved", "1"],
    ]
    gone = hybrid.decisions[0]
    assert tables[2][1] == [
        "old-use",
        gone.model,
        gone.deployment,
        gone.role,
        gone.decision,
        str(gone.location),
    ]
    assert "a resolved problem" in tables[3][1]
    text = changes.text()
    assert "the policy set changed (sha256 a088db28 → 5d1e26c2)" in text
    assert "fingerprint: feedc0de; rule: GOV-RET-002" in text
    first = root.by_id(anchor("choice", report.decisions[0].id))
    assert first.cells()[-1] == "added"
    heads = root.by_id(anchor("use-case", report.decisions[0].use_case)).all("th")
    assert "Change" in [h.text() for h in heads]
    rows = root.by_id(anchor("use-case", report.decisions[0].use_case)).all("tr")
    assert any(r.cells() and r.cells()[0] == "warning new" for r in rows)


def test_without_a_comparison_there_is_no_change_column_or_section(examples):
    text = examples["hybrid-startup"][0]
    root, _ = parse(text)
    assert all(n.attrs.get("id") != "changes" for n in root.walk())
    assert "Change" not in [h.text() for h in root.all("th")]
    assert 'class="tag new"' not in text


# --- safety: escaping and no external references --------------------------------------------

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
STYLE = "</style><script>alert(2)</script>"
QUOTE = "' onmouseover='alert(3)"


def hostile() -> Report:
    """Every inventory string a would-be attacker controls, in every place the report shows."""
    location = SourceLocation(f"inv/{BREAKOUT}.yaml", 3, 5)
    finding = Finding(
        rule=f"GOV-X-{SCRIPT}",
        severity="error",
        message=f"message {SCRIPT}",
        pointer="/models/0",
        location=location,
        choice=f"{BREAKOUT}/{SCRIPT}/{QUOTE}",
        title=f"title {BREAKOUT}",
        remediation=f"fix {STYLE}",
        controls=(f"control {QUOTE}",),
        waived_by=f"W-{BREAKOUT}",
        status="new",
    )
    decision = ChoiceDecision(
        id=f"{BREAKOUT}/{SCRIPT}/{QUOTE}",
        use_case=BREAKOUT,
        model=SCRIPT,
        deployment=QUOTE,
        role=f"role {SCRIPT}",
        location=location,
        decision="waived",
        findings=(finding,),
        change="added",
    )
    rule = RuleInfo(
        id=finding.rule,
        title=f"title {BREAKOUT}",
        description=f"description {SCRIPT}",
        severity="error",
        remediation=f"fix {STYLE}",
        controls=(f"control {QUOTE}",),
        area=f"area {SCRIPT}",
    )
    return Report(
        organization=Organization(f"org {QUOTE}", f"Org {SCRIPT}"),
        decisions=[decision],
        organization_findings=[dataclasses.replace(finding, choice=None, waived_by=None)],
        waivers=[
            WaiverStatus(
                id=f"W-{BREAKOUT}",
                state="in-force",
                used=True,
                approved_on="2026-01-01",
                expires_on="2026-12-01",
                approver=f"approver {SCRIPT}",
                justification=f"because {STYLE}",
                rules=(finding.rule,),
            )
        ],
        rules={rule.id: rule},
        evidence=Evidence(
            tool_version="0.1.0",
            engine=f"engine {SCRIPT}",
            now=dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc),
            inputs=[(f"inv/{BREAKOUT}.yaml", "00" * 32)],
            policy_digest="11" * 32,
            policies=[(f"policy {SCRIPT}.rego", "22" * 32)],
            data_files=[],
            git_commit=f"commit {QUOTE}",
            bundle={"revision": SCRIPT, "sha256": "33" * 32},
        ),
        subjects={
            "models": {
                SCRIPT: {
                    "model_name": f"Model {SCRIPT}",
                    "provider": f"provider {BREAKOUT}",
                    "access_class": f"class {QUOTE}",
                    "license": f"lic {SCRIPT}",
                    "license_declared": f"declared {BREAKOUT}",
                }
            },
            "deployments": {
                f"{SCRIPT}/{QUOTE}": {
                    "deployment_mode": f"mode {SCRIPT}",
                    "operator": f"operator {BREAKOUT}",
                    "processing_locations": [SCRIPT, BREAKOUT],
                    "storage_locations": [STYLE],
                }
            },
            "use_cases": {
                BREAKOUT: {
                    "use_case_name": f"Use case {BREAKOUT}",
                    "data_classification": f"class {SCRIPT}",
                    "risk_tier": QUOTE,
                    "eu_ai_act": STYLE,
                }
            },
        },
        comparison=Comparison(
            kind=f"git {SCRIPT}",
            base=f"base {BREAKOUT}",
            reevaluated=[f"reason {SCRIPT}"],
            removed=[decision],
            resolved=[finding],
            stale_baseline=[{f"key {SCRIPT}": f"value {BREAKOUT}"}],
        ),
    )


def test_inventory_text_is_escaped_everywhere():
    text = render(hostile())
    root, start_tags = parse(text)
    tags = {tag for tag, _ in start_tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "form", "base"}
    attributes = [name for _, attrs in start_tags for name, _ in attrs]
    assert not [a for a in attributes if a.startswith("on")]
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    visible = root.text()
    for shown in (
        f"Org {SCRIPT}",
        f"Use case {BREAKOUT}",
        f"Model {SCRIPT}",
        f"message {SCRIPT}",
        f"fix {STYLE}",
        f"control {QUOTE}",
        f"approver {SCRIPT}",
        f"because {STYLE}",
        f"inv/{BREAKOUT}.yaml:3:5",
        f"reason {SCRIPT}",
        f"base {BREAKOUT}",
        f"area {SCRIPT}",  # also a chart label inside the SVG
    ):
        assert shown in visible, shown
    # Anchors are sanitised: ids are plain, every link points inside the page.
    ids = [n.attrs["id"] for n in root.walk() if "id" in n.attrs]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids), ids
    assert len(ids) == len(set(ids))
    links = [n.attrs["href"] for n in root.all("a")]
    assert links and all(href[1:] in ids for href in links)
    classes = " ".join(n.attrs.get("class", "") for n in root.walk())
    assert re.fullmatch(r"[A-Za-z0-9_ -]*", classes)


def test_anchor_ids_are_safe_and_distinct():
    assert anchor("use-case", "patient-help_chatbot") == "use-case-patient-help_chatbot"
    first, second = anchor("c", "a/b"), anchor("c", "a-b")
    assert first != second and first.startswith("c-a-b-")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", anchor("c", BREAKOUT))


def external_references(text: str) -> list[str]:
    """Every reference that could make a browser fetch something."""
    _, start_tags = parse(text)
    found = []
    for tag, attrs in start_tags:
        for name, value in attrs:
            fetches = name in ("src", "href", "srcset", "action", "poster", "data", "xlink:href")
            if fetches and not (value.startswith("#") or value == "data:,"):
                found.append(f"<{tag} {name}={value!r}>")
    found += re.findall(r"url\(|@import", text)
    return found


@pytest.mark.parametrize("example", EXAMPLES)
def test_no_external_references_and_a_strict_policy(examples, example):
    text = examples[example][0]
    assert external_references(text) == []
    root, start_tags = parse(text)
    assert {tag for tag, _ in start_tags}.isdisjoint({"script", "img", "iframe", "object"})
    policy = [m.attrs["content"] for m in root.all("meta") if m.attrs.get("http-equiv")]
    assert policy == [CSP]
    assert [link.attrs for link in root.all("link")] == [{"rel": "icon", "href": "data:,"}]


def test_the_reference_check_catches_a_fetch():
    page = (
        '<link rel="stylesheet" href="https://cdn.example/x.css"><p style="background:url(x)"></p>'
    )
    assert len(external_references(page)) == 2


def test_print_stylesheet_is_there(examples):
    text = examples["hybrid-startup"][0]
    assert "@media print" in text
    assert "@page" in text


# --- headless Chromium ----------------------------------------------------------------------

BROWSER = chromium.find_chromium()
needs_chromium = pytest.mark.skipif(
    BROWSER is None, reason="no chromium binary on PATH (Debian: apt-get install chromium)"
)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@needs_chromium
@pytest.mark.parametrize("which", ["hybrid-startup", "hostile"])
def test_headless_chromium_renders_it_without_requests_or_console_errors(examples, tmp_path, which):
    text = examples["hybrid-startup"][0] if which != "hostile" else render(hostile())
    page = tmp_path / "report.html"
    page.write_text(text, "utf-8")
    loaded = chromium.load(BROWSER, page.as_uri(), tmp_path / "profile")
    assert loaded.requests == [page.as_uri()]  # the file itself, nothing else
    assert loaded.console == []
    assert loaded.log == []  # CSP refusals, failed loads
    assert loaded.stderr_console == []
    assert loaded.title.startswith("Model governance audit report — ")
    assert png_size(loaded.screenshot) == (1280, 2000)
    assert len(loaded.screenshot) > 50_000  # a blank page is ~12 kB


@needs_chromium
def test_the_chromium_check_sees_requests_and_csp_refusals(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        "<title>bad</title></head><body><p>bad</p>"
        '<img src="http://example.invalid/x.png"><script>console.log("ran")</script>'
        "</body></html>",
        "utf-8",
    )
    loaded = chromium.load(BROWSER, page.as_uri(), tmp_path / "profile")
    assert "http://example.invalid/x.png" in loaded.requests
    assert any("Content Security Policy" in line for line in loaded.log)
    assert any("Refused to" in line or "violates" in line for line in loaded.stderr_console)
