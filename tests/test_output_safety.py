"""Inventory text cannot act where our output lands (issue 14, item 1).

tests/fixtures/hostile/inventory.yaml puts the same hostile string in every free-text field
(names, purpose, owner, the waiver's justification, approver and ticket): a line break followed
by a GitHub workflow command, the runner's legacy `##[` form, terminal escapes (CSI, OSC, BEL,
C1), a bidi override, a line separator, mentions, issue references, URLs, HTML and Markdown
that would close a fence or start a heading. These tests read what a user gets: the text
report's lines, stderr, the annotations as the Actions runner parses them, and the Markdown as
GitHub's own renderer (cmark-gfm) turns it into HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st
from junitparser import Failure, JUnitXml

from governance.evaluation.check import check
from governance.output_safety import (
    fenced,
    log_line,
    markdown_code,
    markdown_text,
    plain_line,
    visible,
)
from governance.report import markdown, sections
from governance.report import text as text_report
from governance.report.formats import RenderContext
from tests.support.cli import REPO, TEMPLATE, governance
from tests.support.reports import clean_env

HOSTILE_DIR = REPO / "tests" / "fixtures" / "hostile"
NOW = "2026-11-24"
# What the fixture's double-quoted YAML strings hold after each field's label.
HOSTILE = (
    "x\n::error file=README.md,line=1::INJECTED\n##[add-mask]secret \x1b[2J\x1b]0;pwned\x07 "
    "\x9b31m \u202egnp.exe \u2028 @octocat @acme/admins #123 GH-7 https://evil.example/a "
    "www.evil.example ada@evil.example <img src=x onerror=alert(1)> "
    '<a href="https://evil.example">x</a> [link](https://evil.example) '
    "![i](https://evil.example/i.png)\n# Heading\n```\n</details>\n\n## Two"
)
# The same as a user sees it in the text report, on stderr and in annotations.
SHOWN = (
    r"x\n::error file=README.md,line=1::INJECTED\n##\x5badd-mask]secret \x1b[2J\x1b]0;pwned\x07 "
    r"\x9b31m \u202egnp.exe \u2028 @octocat @acme/admins #123 GH-7 https://evil.example/a "
    r"www.evil.example ada@evil.example <img src=x onerror=alert(1)> "
    r'<a href="https://evil.example">x</a> [link](https://evil.example) '
    r"![i](https://evil.example/i.png)\n# Heading\n```\n</details>\n\n## Two"
)
# The commands the Actions runner knows (ActionCommandManager: the command extensions plus
# stop-commands); a log line that names one of them in either form is executed.
RUNNER_COMMANDS = {
    "set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher",
    "remove-matcher", "debug", "warning", "error", "notice", "group", "endgroup", "echo",
    "stop-commands",
}  # fmt: skip


def runner_command(line: str) -> tuple[str, str] | None:
    """(command, the rest) the Actions runner would execute for a log line, or None:
    `::name ...::` after leading whitespace, else the legacy `##[name ...]` anywhere."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        end = stripped.find("::", 2)
        name = stripped[2:end].split(" ", 1)[0] if end >= 0 else ""
        if name in RUNNER_COMMANDS:
            return name, stripped[2:]
    start = line.find("##[")
    close = line.find("]", start)
    if start >= 0 and close >= 0:
        name = line[start + 3 : close].split(" ", 1)[0]
        if name in RUNNER_COMMANDS:
            return name, line[start + 3 :]
    return None


def acting_characters(line: str) -> list[str]:
    """Characters in a line that a terminal or a viewer acts on instead of printing."""
    bidi = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))}
    bidi |= set(map(chr, range(0x2066, 0x206A)))
    return [
        c
        for c in line
        if (unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") and c != "\t") or c in bidi
    ]


def assert_inert_log(text: str) -> list[str]:
    """Every line of a stdout/stderr text: no workflow command, nothing a terminal acts on."""
    lines = text.split("\n")
    for line in lines:
        assert runner_command(line) is None, line
        assert acting_characters(line) == [], line
    return lines


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """One `check` of the hostile inventory: text on stdout, the other formats in files."""
    out = tmp_path_factory.mktemp("hostile-out")
    files = {"github": "github.txt", "markdown": "summary.md", "junit": "junit.xml"}
    args = [a for name, file in files.items() for a in ("-o", f"{name}={out / file}")]
    run = governance("check", HOSTILE_DIR, "--now", NOW, "-o", "text", *args, env=clean_env())
    assert run.code == 1, run.stderr  # the denied licence is an open error
    shown = {name: (out / file).read_text("utf-8") for name, file in files.items()}
    return {"text": run.stdout, "stderr": run.stderr, **shown}


@pytest.fixture(scope="module")
def report():
    """The hostile inventory's report, checked in this process."""
    return check([HOSTILE_DIR], now=dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc))


def test_the_fixture_holds_the_hostile_string_in_every_free_text_field():
    document = yaml.safe_load((HOSTILE_DIR / "inventory.yaml").read_text("utf-8"))
    waiver = document["exceptions"][0]
    assert document["organization"]["name"] == f"org {HOSTILE}"
    assert document["models"][0]["name"] == f"model {HOSTILE}"
    assert document["use_cases"][0]["purpose"] == f"purpose {HOSTILE}"
    assert waiver["justification"] == f"justification {HOSTILE}"
    assert waiver["approver"]["name"] == f"approver {HOSTILE}"


# --- the text report and stderr ----------------------------------------------------------------


def test_text_report_shows_data_on_its_own_line_and_runs_no_workflow_command(outputs):
    lines = assert_inert_log(outputs["text"])
    finding = next(line for line in lines if "GOV-LIC-003" in line)
    assert finding == (
        "  tests/fixtures/hostile/inventory.yaml:41:15: error: GOV-LIC-003: model "
        + SHOWN
        + " is licensed under 'apache-2.0', which the organization denies "
        "(requirements.denied_licenses: cc-by-nc-4.0, apache-2.0)"
    )
    approver = next(line for line in lines if "GOV-OPS-007" in line)
    assert f"approved by approver {SHOWN} <ada@example.org>, the use case's own owner" in approver
    # the data stays on the two finding lines that show it: no line of its own
    assert [line for line in lines if "INJECTED" in line] == [finding, approver]


def test_with_colour_the_only_escape_sequences_are_our_colours(report):
    painted = text_report.render(report, RenderContext(colour=True))  # what --color prints
    assert set(re.findall("\x1b[^m]*m?", painted)) == {"\x1b[31m", "\x1b[33m", "\x1b[0m"}
    assert_inert_log(re.sub("\x1b\\[\\d+m", "", painted))
    assert SHOWN in painted


@pytest.fixture
def key_inventory(tmp_path) -> Path:
    """The starter inventory with a mapping key that holds line breaks, a command and a fence."""
    key = "x\\n::error file=README.md,line=1::INJECTED\\n```\\n# Injected\\n<img src=x>\\e]0;t\\a"
    text = TEMPLATE.read_text("utf-8").replace(
        "  name: Example Org\n", f'  name: Example Org\n  "{key}": 1\n'
    )
    path = tmp_path / "inventory.yaml"
    path.write_text(text, "utf-8")
    return path


KEY_SHOWN = r"x\n::error file=README.md,line=1::INJECTED\n```\n# Injected\n<img src=x>\x1b]0;t\x07"


def test_a_key_with_a_line_break_stays_one_stderr_line(key_inventory, tmp_path):
    run = governance("validate", "inventory.yaml", cwd=tmp_path)
    assert run.code == 2
    assert assert_inert_log(run.stderr) == [
        f"inventory.yaml:9:3: error: /organization/{KEY_SHOWN}: unknown field '{KEY_SHOWN}' "
        "(allowed: data_classification, eu_ai_act_roles, extensions, frameworks, id, "
        "jurisdictions, "
        "monthly_active_users, name, policy_version, requirements)",
        "",
    ]


def test_a_file_name_cannot_start_a_workflow_command_on_stderr(tmp_path):
    name = "::error file=README.md,line=1::INJECTED\n::add-mask::x\x1b[2J.yaml"
    (tmp_path / name).write_text("apiVersion: governance/v1\nmodels: 3\n", "utf-8")
    run = governance("validate", name, cwd=tmp_path)
    assert run.code == 2
    assert assert_inert_log(run.stderr) == [
        r"\x3a:error file=README.md,line=1::INJECTED\n::add-mask::x\x1b[2J.yaml:2:1: error: "
        "/models: expected a list, got 3",
        "",
    ]


def test_a_file_name_in_the_text_report_and_annotations(tmp_path):
    folder = tmp_path / "::warning::x\n##[group]y"
    folder.mkdir()
    shutil.copy(HOSTILE_DIR / "inventory.yaml", folder / "inventory.yaml")
    run = governance(
        "check", folder.name, "--now", NOW, "-o", "text", "-o", "github=gh.txt", cwd=tmp_path
    )
    assert run.code == 1, run.stderr
    lines = assert_inert_log(run.stdout)
    choice = lines.index(next(line for line in lines if line.startswith("internal-search/")))
    assert lines[choice].startswith(
        r"internal-search/gpt-oss-20b/on-prem (primary) at ::warning::x\n##\x5bgroup]y/"
    )
    assert lines[choice + 1].startswith(
        r"  \x3a:warning::x\n##\x5bgroup]y/inventory.yaml:41:15: error:"
    )
    annotations = (tmp_path / "gh.txt").read_text("utf-8").splitlines()
    commands = [runner_command(line) for line in annotations]
    assert [c[0] for c in commands] == ["error", "warning", "warning", "notice"]
    assert "file=%3A%3Awarning%3A%3Ax\\n##[group]y/inventory.yaml," in commands[0][1]


# --- GitHub annotations ------------------------------------------------------------------------


def test_annotations_are_only_ours_and_their_messages_carry_no_escape(outputs):
    lines = outputs["github"].splitlines()
    commands = [runner_command(line) for line in lines]
    assert [c and c[0] for c in commands] == ["error", "warning", "warning", "notice"]
    for line in lines:
        assert acting_characters(line) == [], line
    message = lines[0].split("::", 2)[2]
    assert message.startswith(
        "internal-search/gpt-oss-20b/on-prem: model " + SHOWN.replace("%", "%25")
    )
    assert "\x1b" not in outputs["github"] and "\x07" not in outputs["github"]


# --- Markdown as GitHub renders it -------------------------------------------------------------

# GitHub's filters after cmark-gfm: @mentions (team mentions too) and issue references, in any
# text outside <code>, <pre> and <a>; checked everywhere here.
MENTION = re.compile(r"(?:^|\W)@[a-z0-9][a-z0-9-]*", re.IGNORECASE)
REFERENCE = re.compile(r"(?:^|\W)(?:#|GH-)\d+", re.IGNORECASE)
ADDRESS = re.compile(r"[a-z]+://|www\.", re.IGNORECASE)


def rendered_html(text: str) -> str:
    """GitHub's Markdown: cmark-gfm with its extensions, raw HTML let through (GitHub then
    sanitises it; letting it through here shows anything that would need sanitising)."""
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def assert_inert_html(page: str, links: int = 0) -> None:
    assert page.count("<a ") == links, re.findall(r"<a [^>]*>", page)
    for tag in ("<img", "<script", "<h1", "<h2", "<h5", "<h6", "<hr", "<blockquote"):
        assert tag not in page, tag
    text = visible_text(page)
    assert MENTION.search(text) is None, MENTION.search(text)
    assert REFERENCE.search(text) is None, REFERENCE.search(text)
    assert ADDRESS.search(text) is None, ADDRESS.search(text)


def test_markdown_report_renders_no_link_mention_reference_or_html_from_data(outputs):
    page = rendered_html(outputs["markdown"])
    assert_inert_html(page)
    assert re.findall(r"<(h\d)>", page) == ["h3", "h3", "h3", "h3", "h4"]  # ours only
    assert page.count("<details>") == 0 and page.count("<table>") == 1
    text = visible_text(page)
    shown = "@\u2060octocat @\u2060acme/admins #\u2060123 GH\u2060-7 https:\u2060//evil.example/a"
    assert text.count(shown) == 5  # org, table cell, two findings, the expiring waiver
    assert r"\x1b[2J\x1b]0;pwned\x07 \x9b31m \u202egnp.exe \u2028" in text


def test_markdown_with_links_to_the_files_links_only_there(report):
    base = "https://github.com/acme/models/blob/0123abc"
    page = rendered_html(markdown.render(report, RenderContext(link_base=base, repo_root=REPO)))
    hrefs = re.findall(r'<a href="([^"]*)"', page)
    assert len(hrefs) == 3  # the finding's file and line, for each finding listed
    assert all(h.startswith(f"{base}/tests/fixtures/hostile/inventory.yaml#L") for h in hrefs)
    assert_inert_html(re.sub(r"<a href=[^>]*>[^<]*</a>", "", page))


def test_discover_headings_hold_a_hostile_directory_name(report):
    path = "::error::x```\n# h @octocat\x1b[2J"
    page = rendered_html(sections.render("markdown", [(path, report)], RenderContext()))
    assert page.startswith("<h2>Inventory <code>::error::x``` # h @octocat\\x1b[2J</code></h2>")
    assert_inert_html(page.split("</h2>", 1)[1])  # the heading's data is in <code>: inert
    text = sections.render("text", [(path, report)], RenderContext())
    assert text.splitlines()[0] == r"== inventory ::error::x```\n# h @octocat\x1b[2J =="
    assert_inert_log(text)


def test_the_step_summary_fence_cannot_be_closed_by_a_key(key_inventory, tmp_path):
    summary = tmp_path / "summary.md"
    env = {
        **clean_env(),
        "INPUT_PATHS": "inventory.yaml",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "RUNNER_TEMP": str(tmp_path),
    }
    env.pop("PR_BASE_SHA", None)
    step = subprocess.run(
        [sys.executable, "-m", "governance.ci.action"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert step.returncode == 2, step.stderr
    assert_inert_log(step.stderr)
    page = rendered_html(summary.read_text("utf-8"))
    assert_inert_html(page)
    assert page.count("<pre>") == 1 and "<h" not in page
    block = html.unescape(page.split("<pre><code>")[1].split("</code></pre>")[0])
    assert block.splitlines() == [
        f"inventory.yaml:9:3: error: /organization/{KEY_SHOWN}: unknown field '{KEY_SHOWN}' "
        "(allowed: data_classification, eu_ai_act_roles, extensions, frameworks, id, "
        "jurisdictions, "
        "monthly_active_users, name, policy_version, requirements)"
    ]


# --- JUnit -------------------------------------------------------------------------------------


def test_junit_text_is_shown_like_the_text_report(outputs):
    xml = JUnitXml.fromstring(outputs["junit"].encode("utf-8"))
    failures = [r for suite in xml for case in suite for r in case.result if isinstance(r, Failure)]
    assert len(failures) == 1
    assert failures[0].message.startswith(f"model {SHOWN} is licensed under 'apache-2.0'")
    assert failures[0].text.splitlines()[0].endswith(f"GOV-LIC-003: model {SHOWN} is licensed "
        "under 'apache-2.0', which the organization denies (requirements.denied_licenses: "
        "cc-by-nc-4.0, apache-2.0)")  # fmt: skip
    assert not acting_characters(outputs["junit"].replace("\n", ""))


# --- the layer itself --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ("esc\x1b[2J bel\x07 nul\x00 del\x7f", r"esc\x1b[2J bel\x07 nul\x00 del\x7f"),
        ("osc\x1b]8;;https://e.example\x1b\\", r"osc\x1b]8;;https://e.example\x1b" + "\\"),
        ("csi\x9b31m nel\x85", r"csi\x9b31m nel\x85"),
        ("a\nb\r\nc\rd\x0be\x0cf", r"a\nb\r\nc\rd\x0be\x0cf"),
        ("ls\u2028ps\u2029", r"ls\u2028ps\u2029"),
        ("rlo\u202e lri\u2067 pdi\u2069", r"rlo\u202e lri\u2067 pdi\u2069"),
        ("rlm\u200f alm\u061c", r"rlm\u200f alm\u061c"),
        ("lone \ud800", r"lone \ud800"),
        # Normal text is left as it is.
        ("Zoë Ångström — 東京, naïve ✓ 👩\u200d💻 tab\there 100% a:b #1 @x \\n", None),
    ],
)  # fmt: skip
def test_visible(data, shown):
    assert visible(data) == (data if shown is None else shown)


@pytest.mark.parametrize(
    ("line", "safe"),
    [
        ("::error file=a::b", r"\x3a:error file=a::b"),
        ("  \t::warning::x", r"  \t\x3a:warning::x".replace(r"\t", "\t")),
        ("\u00ad::add-mask::x", "\u00ad\\x3a:add-mask::x"),  # .NET may ignore the soft hyphen
        ("\ufeff\u200b::stop-commands::t", "\ufeff\u200b\\x3a:stop-commands::t"),
        ("a ##[error]b ###[set-output name=x]y", r"a ##\x5berror]b ###\x5bset-output name=x]y"),
        ("a #\u200b#[add-mask]b", "a #\u200b#\\x5badd-mask]b"),
        ("plain: a :: b, # c [d] ## e", None),
    ],
)
def test_log_line(line, safe):
    assert log_line(line) == (line if safe is None else safe)
    if safe is not None:
        assert runner_command(log_line(line).replace("\u00ad", "")) is None


def test_markdown_code_and_fence_hold_any_backticks():
    for data in ("a`b", "``x``", "`", " spaced ", "x\n```\n# h"):
        page = rendered_html(f"Path {markdown_code(data)}\n")
        assert page.count("<code>") == 1, page
        assert html.unescape(page.split("<code>")[1].split("</code>")[0]) == visible(
            data.replace("\n", " ")
        )
    text = "one\n```\n# closed?\n````\n<img src=x>\n@octocat"
    page = rendered_html(fenced(text) + "after\n")
    assert page.count("<pre>") == 1 and "<img" not in page and "<h1>" not in page
    assert html.unescape(page).count("# closed?\n````\n<img src=x>\n@octocat\n</code></pre>") == 1


def test_markdown_text_breaks_links_with_a_word_joiner_only():
    assert markdown_text("see https://e.example and www.e.example") == (
        "see https:&#8288;//e.example and www&#8288;.e.example"
    )
    normal = "Ada Lovelace, 10:30, C# and F#, v1.2, snake_case, 50%"
    assert markdown_text(normal) == normal


# --- generated hostile text ----------------------------------------------------------------------

FRAGMENTS = [
    *("@", "octocat", "org/team", "#", "123", "GH-", "www", ".", "://", "http", "https", "ftp"),
    *("mailto:", "a@b.co", "e.example", "/", "<", ">", "img src=x", "a href=", "[", "]", "("),
    *(")", "!", "`", "```", "~~~", "\n", "\r\n", "\t", "\x1b", "\x07", "\x9b", "\x7f", "\x00"),
    *("\u202e", "\u2066", "\u2028", "\u00ad", "\ufeff", "\u200b", ":", "::", "error", "##["),
    *("add-mask", " ", "    ", "-", "+", "=", "1.", "*", "_", "|", "~", "&", "&#35;", "\\", "$"),
    *("</details>", "<summary>", "é", "東京", "xmpp:", "WWW", "x", "1", "-", "@-", "a_b", "%"),
]
hostile_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=2), max_size=24).map("".join)
# A few seconds in the suite; SAFETY_EXAMPLES=20000 for a longer search.
EXAMPLES = int(os.environ.get("SAFETY_EXAMPLES", "300"))
GENERATED = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None)


@GENERATED
@given(hostile_text)
def test_generated_text_is_inert_in_a_paragraph_a_list_a_table_and_html(data):
    shown = f"x {markdown_text(data)} y"  # as in a report: between words of ours
    page = rendered_html(
        f"{shown}\n\n- {shown}\n\n| a |\n|---|\n| {shown} |\n\n"
        f"<details><summary>{shown}</summary>\n\n{shown}\n</details>\n"
    )
    assert_inert_html(page)
    assert page.count("<p>") == 2 and page.count("<li>") == 1 and page.count("<td>") == 1
    assert page.count("<details>") == 1 and page.count("<summary>") == 1
    assert "<pre>" not in page and "<code>" not in page and "<em>" not in page


@GENERATED
@given(hostile_text, hostile_text)
def test_generated_text_makes_one_inert_log_line(path, message):
    line = plain_line(f"{path}:1:1: error: {message}")
    assert "\n" not in line and "\r" not in line
    assert runner_command(line) is None
    assert acting_characters(line) == []
    if message.isprintable():
        assert line.endswith(f": error: {message}") or "##[" in message
