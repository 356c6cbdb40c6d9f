"""Render every example through the real CLI once per test session, and compare with goldens.

Goldens live in tests/golden/<example>/<file>; they are the output of
`governance check examples/<example> --now 2026-11-24 -o <format>=<file>` run from the
repository root, with the tool version replaced by VERSION. Regenerate them with
UPDATE_GOLDEN=1 (e.g. `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_junit.py`).
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path

from governance import __version__
from governance.evaluation.report import Report
from tests.support.cli import REPO, governance

EXAMPLES = sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir())
GOLDEN = REPO / "tests" / "golden"
NOW = ("--now", "2026-11-24")
# Set inside GitHub Actions; they would turn the Markdown's file references into links.
_LINK_ENV = ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
_FILES = {"junit": "junit.xml", "markdown": "summary.md", "json": "report.json"}


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in _LINK_ENV}


@functools.cache
def rendered(example: str, run: int = 0) -> dict[str, str]:
    """{"junit", "markdown", "json"} texts from one `check` of the example (run: which of two
    separate processes, for byte-identity)."""
    with tempfile.TemporaryDirectory() as tmp:
        outputs = [f"{fmt}={Path(tmp) / name}" for fmt, name in _FILES.items()]
        args = [a for output in outputs for a in ("-o", output)]
        result = governance("check", f"examples/{example}", *NOW, *args, env=clean_env())
        assert result.code in (0, 1), result.stderr
        return {fmt: (Path(tmp) / name).read_text("utf-8") for fmt, name in _FILES.items()}


def report_of(example: str) -> Report:
    return Report.from_dict(json.loads(rendered(example)["json"]))


def normalise(text: str) -> str:
    """The only difference allowed between a golden and today's output: the tool version."""
    return text.replace(f"model-governance {__version__}", "model-governance VERSION")


def assert_golden(example: str, name: str, text: str) -> None:
    path = GOLDEN / example / name
    actual = normalise(text)
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8", newline="\n")
    expected = path.read_text("utf-8")
    assert actual == expected, f"{path} differs; UPDATE_GOLDEN=1 regenerates it"
