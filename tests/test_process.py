"""How the executable ends: output flushed, exit code kept, nothing freed; the library is
left alone."""

from __future__ import annotations

import json
import subprocess
import sys

import governance
import governance.process as process
from tests.support.cli import REPO
from tests.support.cli import governance as run_governance


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO
    )


def test_exit_now_flushes_what_was_written_and_keeps_the_code():
    done = python(
        "import sys, governance.process as p\n"
        "p.exit_without_teardown(); p.keep_until_exit(list(range(10)))\n"
        "sys.stdout.write('out' * 10000); sys.stderr.write('err')\n"
        "p.exit_now(3)\n"
    )
    assert done.returncode == 3
    assert done.stdout == "out" * 10000 and done.stderr == "err"


def test_exit_now_with_a_message_prints_it_and_exits_one():
    done = python("import governance.process as p\np.exit_now('no luck')\n")
    assert done.returncode == 1 and done.stderr == "no luck\n"


def test_the_executable_writes_its_whole_report_before_it_exits():
    run = run_governance(
        "check", "examples/eu-bank", "--now", "2026-11-24", "-o", "json", "--no-color"
    )
    report = json.loads(run.stdout)  # complete: it parses
    rejected = report["counts"]["rejected"]
    assert run.code == (1 if rejected else 0)
    assert len(report["decisions"]) > 0


def test_the_library_frees_as_usual():
    governance.check([REPO / "examples" / "eu-bank"])
    assert process._kept is None  # only the executable asks to keep things until exit


def test_with_stdout_closed_reports_go_to_files_or_a_usage_error(tmp_path):
    def closed_stdout(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "governance", "check", "examples/eu-bank"]
        command += ["--now", "2026-11-24", *args]
        return subprocess.run(
            command,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=REPO,
            preexec_fn=_close_stdout,
        )

    target = tmp_path / "report.json"
    to_file = closed_stdout("-o", f"json={target}")
    assert to_file.returncode == 1, to_file.stderr
    assert json.loads(target.read_text("utf-8"))["decisions"]
    to_terminal = closed_stdout()
    assert to_terminal.returncode == 2
    assert to_terminal.stderr.strip() == (
        "governance: error: standard output is closed: write the reports to files with "
        "-o FORMAT=PATH"
    )


def _close_stdout() -> None:  # in the child, before exec: started as `governance … >&-`
    import os

    os.close(1)
