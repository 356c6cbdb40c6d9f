"""GitHub Actions workflow commands (-o github): one annotation per open finding, then a summary.

Golden files: tests/golden/<example>/github.txt is what
`governance check examples/<example> --now 2026-11-24 -o github` prints when run from the
repository root (it carries no tool version, so nothing is normalised). After an intended
change, regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_report_github.py
and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

import pytest

from governance.evaluation.check import check
from governance.evaluation.report import Comparison
from governance.evaluation.settings import EvaluationSettings
from governance.output_safety import workflow_data, workflow_property
from governance.policy import load_policy_set
from governance.report import github
from governance.report.formats import RenderContext
from tests.support.cli import REPO, TEMPLATE, governance, template_with

NOW = "2026-11-24"
CLOCK = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if (p / "README.md").exists())
GOLDEN = REPO / "tests" / "golden"
ODD_NAME = "<script>alert(1)</script> 100% a:b, c\nsecond [line](1) \\ end"
BUILTIN_RULES = len(load_policy_set().rules)


def unescape(text: str) -> str:
    """What the Actions runner makes of an escaped value (data or property)."""
    for encoded, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(encoded, plain)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command line as the runner reads it: command, properties, message."""
    assert line.startswith("::"), line
    head, separator, data = line[2:].partition("::")
    assert separator, line
    command, _, properties = head.partition(" ")
    props = {}
    for pair in filter(None, properties.split(",")):
        name, equals, value = pair.partition("=")
        assert equals, pair
        props[name] = unescape(value)
    return command, props, unescape(data)


@pytest.fixture(scope="module")
def printed():
    """example -> what `check -o github` printed, cached for the module."""
    cache: dict[str, str] = {}

    def run(example: str) -> str:
        if example not in cache:
            result = governance("check", f"examples/{example}", "--now", NOW, "-o", "github")
            assert result.code in (0, 1), result.stderr
            cache[example] = result.stdout
        return cache[example]

    return run


@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(example, printed):
    text = printed(example)
    golden = GOLDEN / example / "github.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8", newline="\n")
    assert golden.exists(), f"no golden file: run with UPDATE_GOLDEN=1 to write {golden}"
    assert text == golden.read_text("utf-8")


def test_byte_identical_across_two_runs(printed):
    again = governance("check", "examples/research-lab", "--now", NOW, "-o", "github")
    assert again.stdout == printed("research-lab")


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_line_is_a_well_formed_command(example, printed):
    lines = printed(example).splitlines()
    commands = [parse(line) for line in lines]
    for command, props, message in commands[:-1]:
        assert command in ("error", "warning", "notice")
        assert set(props) == {"file", "line", "col", "title"}
        assert (REPO / props["file"]).is_file()  # repository-relative
        assert int(props["line"]) >= 1 and int(props["col"]) >= 1
        assert props["title"].startswith("GOV-")
        assert "\nFix: " in message
    assert commands[-1][:2] == ("notice", {"title": "model-governance"})


def test_findings_in_severity_order_with_their_remediation(printed):
    commands = [parse(line) for line in printed("hybrid-startup").splitlines()]
    kinds = [command for command, _, _ in commands[:-1]]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    command, props, message = next(
        c for c in commands if c[1].get("title", "")[:11] == "GOV-LIC-003"
    )
    assert command == "error"
    assert props["file"] == "examples/hybrid-startup/models.yaml"
    assert props["title"] == "GOV-LIC-003 Denied licence"
    assert message.startswith(
        "ide-code-completion/deepseek-coder-v2-lite-instruct/eks-l40s-us-east-1: "
        "DeepSeek-Coder-V2-Lite-Instruct is licensed under 'deepseek-license-1.0'"
    )
    assert message.endswith(
        "\nFix: Choose a model under a licence that is not in "
        "organization.requirements.denied_licenses, or, if the organization has changed its "
        "position, remove the licence from that list."
    )


def test_obligations_are_notices(printed):
    commands = [parse(line) for line in printed("research-lab").splitlines()[:-1]]
    report = json.loads(
        governance("check", "examples/research-lab", "--now", NOW, "-o", "json").stdout
    )
    infos = {
        f["rule"]
        for d in report["decisions"]
        for f in d["findings"]
        if f["severity"] == "info" and not f["waived_by"]
    }
    assert infos
    notices = {props["title"].split()[0] for command, props, _ in commands if command == "notice"}
    assert notices == infos


def test_waived_findings_are_not_annotated_but_counted(printed):
    lines = printed("healthcare-provider").splitlines()
    titles = [parse(line)[1].get("title", "") for line in lines[:-1]]
    # GOV-SAF-002 is waived (CVH-EXC-2026-019) on both of its choices.
    assert not any(t.startswith("GOV-SAF-002") for t in titles)
    summary = parse(lines[-1])[2]
    assert summary == (
        "cascade-valley-health: 10 model choices (6 rejected, 3 approved-with-conditions, "
        "1 approved); 10 errors, 7 warnings — rejected. Annotated 21 findings; not annotated: "
        f"1 waived. Policies: built-in ({BUILTIN_RULES} rules)."
    )


def test_escaping_in_messages_and_properties(tmp_path):
    inventory = template_with(
        tmp_path,
        ("    name: gpt-oss-20b\n", f"    name: {json.dumps(ODD_NAME)}\n"),
        ("access_class: open-weight ", "access_class: closed "),
    )
    folder = tmp_path / "odd,dir:x"
    folder.mkdir()
    inventory.rename(folder / "inventory.yaml")
    run = governance("check", folder.name, "--now", NOW, "-o", "github", cwd=tmp_path)
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 3  # two warnings and the summary: no line break leaked
    line = lines[1]
    assert line.startswith(
        "::warning file=odd%2Cdir%3Ax/inventory.yaml,line=40,col=5,"
        "title=GOV-OPN-003 Closed access class with downloadable weights::"
        "internal-search/gpt-oss-20b/on-prem: <script>alert(1)</script> 100%25 a:b, c\\n"
        "second [line](1) \\ end is declared closed"
    )
    _, props, message = parse(line)
    assert props["file"] == "odd,dir:x/inventory.yaml"
    shown = ODD_NAME.replace("\n", "\\n")  # the line break in the data is shown, not made
    assert message.startswith(f"internal-search/gpt-oss-20b/on-prem: {shown} is declared")


def test_escape_functions():
    assert workflow_data("100% a:b, c\r\nd") == "100%25 a:b, c%0D%0Ad"
    assert workflow_property("100% a:b, c\r\nd") == "100%25 a%3Ab%2C c\\r\\nd"
    assert workflow_property("%3A") == "%253A"  # encoded once, decoded once


def test_with_a_comparison_only_new_findings_are_annotated():
    report = check([REPO / "examples" / "hybrid-startup"], EvaluationSettings(now=CLOCK))
    findings = report.all_findings
    statuses = iter(["new", "baselined"] + ["unchanged"] * (len(findings) - 2))
    report = dataclasses.replace(
        report,
        decisions=[
            dataclasses.replace(
                d, findings=tuple(dataclasses.replace(f, status=next(statuses)) for f in d.findings)
            )
            for d in report.decisions
        ],
        comparison=Comparison(
            kind="git", base="main (0123456789ab)", resolved=[findings[3]], removed=[]
        ),
    )
    lines = github.render(report, RenderContext(repo_root=REPO)).splitlines()
    new = findings[0]
    assert len(lines) == 2
    _, props, message = parse(lines[0])
    assert props["title"].split()[0] == new.rule
    assert message.startswith(f"{new.choice}: {new.message}")
    summary = parse(lines[1])[2]
    assert "Annotated 1 finding (only those new since main (0123456789ab))" in summary
    waived = sum(1 for f in findings[2:] if f.waived_by)
    assert summary.endswith(
        f"not annotated: {waived} waived, {len(findings) - 2 - waived} unchanged, 1 baselined; "
        f"1 resolved. Policies: built-in ({BUILTIN_RULES} rules)."
    )


def test_check_writes_sarif_and_prints_annotations(tmp_path):
    target = tmp_path / "out.sarif"
    run = governance(
        "check", "examples/hybrid-startup", "--now", NOW, "-o", f"sarif={target}", "-o", "github"
    )
    assert run.code == 1  # errors gate, whatever the formats
    assert f"wrote {target}" in run.stderr
    assert run.stdout == (GOLDEN / "hybrid-startup" / "github.txt").read_text("utf-8")
    document = json.loads(target.read_text("utf-8"))
    assert len(document["runs"][0]["results"]) == 24


def test_an_approved_inventory_prints_only_the_summary(tmp_path):
    (tmp_path / "inventory.yaml").write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    run = governance(
        "check",
        "inventory.yaml",
        "--now",
        NOW,
        "-o",
        "github",
        "-o",
        "sarif=out.sarif",
        cwd=tmp_path,
    )
    assert run.code == 0
    assert run.stdout == (
        "::notice title=model-governance::example-org: 1 model choice (1 approved); 0 errors, "
        f"0 warnings — approved. Annotated 0 findings. Policies: built-in ({BUILTIN_RULES} "
        "rules).\n"
    )
    assert json.loads((tmp_path / "out.sarif").read_text("utf-8"))["runs"][0]["results"] == []
