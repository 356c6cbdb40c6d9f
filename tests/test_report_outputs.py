"""`check -o FORMAT[=PATH]`: several formats in one run, one stdout, atomic files, clear errors."""

from __future__ import annotations

import json
import os
import threading

import pytest

from tests.support.cli import REPO, governance

EXAMPLE = REPO / "examples" / "hybrid-startup"
NOW = ("--now", "2026-11-24")


def test_text_and_json_in_one_run(tmp_path):
    target = tmp_path / "report.json"
    run = governance("check", EXAMPLE, *NOW, "-o", "text", "-o", f"json={target}")
    assert run.code == 1
    assert run.stdout.startswith("brightloop: 15 model choices")
    assert f"wrote {target}" in run.stderr
    document = json.loads(target.read_text("utf-8"))
    assert document["verdict"] == "rejected"
    assert len(document["decisions"]) == 15


def test_default_is_text_on_stdout():
    run = governance("check", EXAMPLE, *NOW)
    assert run.stdout.startswith("brightloop: 15 model choices")


def test_json_on_stdout_is_the_whole_document():
    run = governance("check", EXAMPLE, *NOW, "-o", "json")
    assert json.loads(run.stdout)["organization"]["id"] == "brightloop"
    assert run.stderr == ""


@pytest.mark.parametrize(
    ("outputs", "message"),
    [
        (("-o", "json", "-o", "text"), "only one format can go to stdout, got json, text"),
        (("-o", "pdf"), "unknown format 'pdf'"),
        (("-o", "json="), "give a path after '='"),
    ],
)
def test_usage_errors_before_any_work(outputs, message):
    run = governance("check", EXAMPLE, *NOW, *outputs)
    assert run.code == 2
    assert message in run.stderr
    assert run.stdout == ""


def test_the_same_file_twice_is_refused(tmp_path):
    target = tmp_path / "out"
    run = governance("check", EXAMPLE, *NOW, "-o", f"json={target}", "-o", f"text={target}")
    assert run.code == 2
    assert "two outputs write the same file" in run.stderr
    assert not target.exists()


def test_unwritable_path_is_exit_2_after_the_others_are_written(tmp_path):
    good = tmp_path / "report.txt"
    missing_dir = tmp_path / "no-such-dir" / "report.json"
    run = governance("check", EXAMPLE, *NOW, "-o", f"json={missing_dir}", "-o", f"text={good}")
    assert run.code == 2
    assert f"cannot write {missing_dir}: No such file or directory" in run.stderr
    assert good.read_text("utf-8").startswith("brightloop: 15 model choices")


def test_a_directory_as_output_path_is_a_usage_error(tmp_path):
    run = governance("check", EXAMPLE, *NOW, "-o", f"json={tmp_path}")
    assert run.code == 2
    assert "is a directory" in run.stderr


def test_replacing_a_report_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", "utf-8")
    os.chmod(tmp_path, 0o755)
    run = governance("check", EXAMPLE, *NOW, "-o", f"json={target}", "-o", "text")
    assert run.code == 1
    assert json.loads(target.read_text("utf-8"))["report_version"] == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_two_runs_give_byte_identical_json(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    governance("check", EXAMPLE, *NOW, "-o", f"json={first}")
    governance("check", EXAMPLE, *NOW, "-o", f"json={second}")
    assert first.read_bytes() == second.read_bytes()


def test_a_device_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = governance("check", EXAMPLE, *NOW, "-o", f"json={fifo}", "-o", "text")
    reader.join(timeout=60)
    assert run.code == 1
    assert fifo.is_fifo()
    assert json.loads(received[0])["organization"]["id"] == "brightloop"
