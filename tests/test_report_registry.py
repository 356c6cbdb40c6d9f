"""Formats as plugins: a format is a module exposing a `ReportFormat` plus one line in
report/registry.py. The example format of docs/architecture.md, registered there and nowhere
else, is written by `check -o`, combined by --discover, listed by --help and by the
unknown-format error."""

from __future__ import annotations

import json
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from governance.evaluation.report import Report
from governance.report import registry
from governance.report.formats import RenderContext, ReportFormat
from tests.support.cli import REPO, in_process

NOW = ("--now", "2026-11-24")
BUILT_IN = "text, json, sarif, junit, markdown, github, html"


def documented_format() -> ReportFormat:
    """The format module shown in docs/architecture.md ("## Adding a format"), as written."""
    page = (REPO / "docs" / "architecture.md").read_text("utf-8")
    code = page.split("## Adding a format", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    module = types.ModuleType("verdicts")
    exec(compile(code, "docs/architecture.md", "exec"), module.__dict__)
    return module.FORMAT


@pytest.fixture
def registered(monkeypatch) -> None:
    """The one registry line a new format adds, and no other edit."""
    monkeypatch.setattr(registry, "FORMATS", (*registry.FORMATS, documented_format()))


def test_check_writes_a_registered_format(registered, tmp_path: Path) -> None:
    target = tmp_path / "verdict.txt"
    run = in_process("check", "examples/eu-bank", *NOW, "-o", f"verdicts={target}")
    assert run.code == 1, run.stderr
    assert run.stderr == f"wrote {target}\n"
    assert target.read_text("utf-8") == "rheinmark-bank: rejected\n"


def test_a_registered_format_goes_to_stdout(registered) -> None:
    run = in_process("check", "examples/eu-bank", *NOW, "-o", "verdicts")
    assert (run.code, run.stdout, run.stderr) == (1, "rheinmark-bank: rejected\n", "")


def test_discover_combines_a_registered_format(registered, tmp_path: Path) -> None:
    target = tmp_path / "verdicts.txt"
    run = in_process("check", "examples", "--discover", *NOW, "-o", f"verdicts={target}", cwd=REPO)
    assert run.code == 1, run.stderr
    lines = target.read_text("utf-8").splitlines()
    examples = sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir())
    assert [line.split(" ")[0] for line in lines] == [f"examples/{e}" for e in examples]
    assert "examples/eu-bank rheinmark-bank: rejected" in lines


def test_help_lists_a_registered_format(registered) -> None:
    run = in_process("check", "--help")
    assert run.code == 0
    assert f"\n    {BUILT_IN}, verdicts\n" in run.stdout  # the command's own help
    flat = " ".join(run.stdout.split())
    assert f"Formats: {BUILT_IN}, verdicts. Default: text." in flat  # the -o option


def test_unknown_format_names_every_registered_one_in_order(registered) -> None:
    run = in_process("check", "examples/eu-bank", *NOW, "-o", "pdf")
    assert run.code == 2
    assert f"-o 'pdf': unknown format 'pdf' (one of {BUILT_IN}, verdicts)" in run.stderr


def test_unknown_format_names_the_built_in_formats_in_order() -> None:
    run = in_process("check", "examples/eu-bank", *NOW, "-o", "pdf")
    assert run.code == 2
    assert f"-o 'pdf': unknown format 'pdf' (one of {BUILT_IN})" in run.stderr


def test_discover_refuses_a_format_that_does_not_combine(tmp_path: Path) -> None:
    run = in_process("check", "examples", "--discover", *NOW, "-o", f"html={tmp_path / 'a'}")
    assert run.code == 2
    assert (
        "html shows one inventory per document; with --discover use one of text, json, "
        "sarif, junit, markdown, github, or check each inventory alone"
    ) in run.stderr


def test_junit_combined_from_reports_shows_a_control_character_in_a_path() -> None:
    """Built as elements from the Reports: an inventory directory whose name holds ESC is
    shown as \\x1b like any inventory text, and the document stays well-formed XML."""
    data = json.loads((REPO / "tests" / "golden" / "eu-bank" / "report.json").read_text("utf-8"))
    report = Report.from_dict(data)
    junit = registry.get("junit").combine([("teams/\x1bsearch", report)], RenderContext())
    suites = ET.fromstring(junit.encode("utf-8"))
    names = [suite.get("name", "") for suite in suites]
    assert names and all(name.startswith("teams/\\x1bsearch: ") for name in names)
