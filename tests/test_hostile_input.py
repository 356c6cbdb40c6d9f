"""Hostile and broken input outside the inventory's YAML (issue 14): each is one located line
and exit 2 (or 3 for what an engine could not run), never "internal error", a signal or a
silent skip. The inventory's own bad input is in tests/fixtures/invalid (test_invalid_inputs).

Most runs go through the CLI's entry point in this process (tests.support.cli.in_process);
the ones whose failure mode was a crash of the interpreter (SIGSEGV) run as real processes.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import tarfile
import time
from pathlib import Path

import pytest

from governance.policy import load_policy_set
from governance.policy.bundle import bundle_bytes
from tests.support.cli import REPO, TEMPLATE, governance, in_process
from tests.support.gitrepo import commit, git, init_repo, write_inventory

NOW = ("--now", "2026-11-24")
T = str(TEMPLATE.relative_to(REPO))

# --- paths: what cannot be read is named, never skipped --------------------------------------


def test_a_fifo_and_a_device_given_as_paths_are_named(tmp_path: Path) -> None:
    fifo = tmp_path / "inventory.yaml"
    os.mkfifo(fifo)
    run = in_process("validate", fifo, "/dev/zero")
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "/dev/zero:1:1: error: a device, not a file or directory",
        f"{fifo}:1:1: error: a named pipe (FIFO), not a file or directory",
    ]


def test_an_empty_path_is_refused_not_read_as_the_current_directory() -> None:
    run = in_process("validate", "")
    assert run.code == 2
    assert run.stderr.splitlines()[-1] == (
        "Error: Invalid value for '[PATHS]...': an empty path names no file "
        "('.' is the current directory)"
    )


def test_a_directory_that_cannot_be_listed_is_an_error(tmp_path: Path, monkeypatch) -> None:
    inventory = tmp_path / "inventory"
    inventory.mkdir()
    (inventory / "inventory.yaml").write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    hidden = inventory / "team-b"
    hidden.mkdir()
    (hidden / "models.yaml").write_text("apiVersion: governance/v1\nmodels: [1]\n", "utf-8")
    if os.geteuid() == 0:  # root lists any directory: the OS's answer to others, given here
        scandir = os.scandir

        def refusing(path):
            if Path(path) == hidden:
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)

        monkeypatch.setattr(os, "scandir", refusing)
    else:
        hidden.chmod(0)
    try:
        run = in_process("validate", inventory)
    finally:
        hidden.chmod(0o755)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"{hidden}:1:1: error: cannot list directory: permission denied"
    ]


def test_inside_a_directory_a_dangling_link_warns_and_a_fifo_is_an_error(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory"
    inventory.mkdir()
    (inventory / "inventory.yaml").write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    (inventory / "old.yaml").symlink_to("moved-away.yaml")
    run = in_process("validate", inventory)
    assert (run.code, run.stdout) == (0, "example-org: 1 model, 1 use case, 0 exceptions — valid\n")
    assert run.stderr.splitlines() == [
        f"{inventory}/old.yaml:1:1: warning: dangling symbolic link (to moved-away.yaml) "
        "(fix or remove the link)"
    ]
    os.mkfifo(inventory / "pipe.yaml")
    run = in_process("validate", inventory)
    assert run.code == 2
    assert run.stderr.splitlines()[-1] == (
        f"{inventory}/pipe.yaml:1:1: error: a named pipe (FIFO), not a YAML file"
    )


# --- dates and clocks the engines cannot compute with ----------------------------------------


def test_validate_and_check_refuse_the_same_far_date_at_the_same_place() -> None:
    fixture = "tests/fixtures/invalid/waiver-expires-in-3026.yaml"
    line = (
        f"{fixture}:81:5: error: /exceptions/0/expires_on: '3026-06-30' is outside the years "
        "policies can compute with (use a year from 1678 to 2261)"
    )
    for command in (("validate",), ("check", *NOW)):
        run = in_process(*command, fixture)
        assert (run.code, run.stderr.splitlines()) == (2, [line]), command


@pytest.mark.parametrize("now", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+01:00"])
def test_now_outside_the_engines_years_is_a_usage_error(now: str) -> None:
    run = in_process("check", T, "--now", now)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"governance: error: --now '{now}' is outside the years policies can compute with "
        "(use a year from 1678 to 2261)"
    ]


# --- policies, bundles, the OPA connection ---------------------------------------------------


def test_a_policy_directory_named_like_a_module_is_searched(tmp_path: Path) -> None:
    """It used to be read as a file (IsADirectoryError); its modules are loaded: a syntax
    error inside it is reported at its own line."""
    inner = tmp_path / "policies" / "team.rego"
    inner.mkdir(parents=True)
    (inner / "rules.rego").write_text("package governance.rules.team\n\nx := \n", "utf-8")
    run = in_process("check", T, "--policy", tmp_path / "policies", *NOW)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"{inner}/rules.rego:4:1: error: policy error: expecting expression"
    ]


def test_a_policy_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    module = tmp_path / "legacy.rego"
    module.write_bytes(b"package governance.rules.legacy\n# caf\xe9\n")
    run = in_process("check", T, "--policy", tmp_path, *NOW)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"{module}:2:6: error: policy file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"
    ]


def _bundle(path: Path, changes: dict[str, bytes]) -> Path:
    """The built-in policy set as a bundle, with entries replaced or added."""
    built = io.BytesIO(bundle_bytes(load_policy_set(), "r1"))
    with tarfile.open(fileobj=built, mode="r:gz") as source:
        files = {m.name: source.extractfile(m).read() for m in source.getmembers() if m.isfile()}
    files.update(changes)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as archive:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            archive.addfile(info, io.BytesIO(files[name]))
    path.write_bytes(gzip.compress(raw.getvalue(), mtime=0))
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({".manifest": b"[1, 2]"}, "bundle entry .manifest must hold a JSON object, not a list"),
        (
            {"governance/data.json": b"42"},
            "bundle entry governance/data.json must hold a JSON object, not a number",
        ),
        (
            {"governance/data.json": b'{"catalog": NaN}'},
            "bundle entry governance/data.json:1:13: NaN is not a JSON number "
            "(write a number, or the text in quotes)",
        ),
        (
            {"policies/custom/x.rego": b"package governance.rules.x\n# caf\xe9\n"},
            "bundle entry policies/custom/x.rego:2:6: file is not valid UTF-8 (byte 0xe9) "
            "(save the file as UTF-8)",
        ),
    ],
    ids=["manifest-list", "data-number", "data-nan", "rego-not-utf8"],
)
def test_a_broken_bundle_is_located(tmp_path: Path, changes: dict, message: str) -> None:
    bundle = _bundle(tmp_path / "policies.tar.gz", changes)
    run = in_process("check", T, "--bundle", bundle, *NOW)
    assert (run.code, run.stderr.splitlines()) == (2, [f"{bundle}:1:1: error: {message}"])


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--opa-url",
            "http://localhost:99999",
            "'http://localhost:99999' is not a URL: Port out of range 0-65535",
        ),
        ("--opa-url", "http://[::1", "'http://[::1' is not a URL: Invalid IPv6 URL"),
        ("--opa-timeout", "-1", "-1.0 is not in the range x>0."),
        ("--opa-timeout", "nan", "nan is not a number of seconds"),
    ],
)
def test_opa_options_are_checked_when_parsed(option: str, value: str, message: str) -> None:
    run = in_process("check", T, "--engine", "opa", option, value, *NOW)
    assert run.code == 2
    assert run.stderr.splitlines()[-1] == f"Error: Invalid value for '{option}': {message}"


# --- --data files: the inventory's reading rules ---------------------------------------------

NUMBER_HINT = " (write a number, or the text in quotes)"


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        (
            "nan.json",
            '{"limits": {"x": NaN}}',
            "1:18: error: NaN is not a JSON number" + NUMBER_HINT,
        ),
        (
            "inf.json",
            '{"x": -Infinity}',
            "1:7: error: -Infinity is not a JSON number" + NUMBER_HINT,
        ),
        (
            "deep.json",
            "[" * 100_000 + "]" * 100_000,
            "1:65: error: JSON nested more than 64 levels deep (flatten the data)",
        ),
        (
            "nan.yaml",
            "limits:\n  x: .nan\n",
            "2:3: error: /limits/x: nan is not a JSON number" + NUMBER_HINT,
        ),
        (
            "set.yaml",
            "teams: !!set {a, b}\n",
            "1:8: error: /teams: tag 'tag:yaml.org,2002:set' is not allowed "
            "(inventories are data: remove the tag)",
        ),
        (
            "binary.yaml",
            "key: !!binary aGk=\n",
            "1:6: error: /key: tag 'tag:yaml.org,2002:binary' is not allowed "
            "(inventories are data: remove the tag)",
        ),
        (
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                for i in range(4)
            ),
            "3:4: error: /d/2: alias expansion too large "
            "(write the values out; aliases may add at most 10000 values)",
        ),
        (
            "two.yaml",
            "a: 1\n---\nb: 2\n",
            "3:1: error: a data file holds one YAML document",
        ),
        (  # both found by tests/test_fuzz.py
            "overflow.json",
            '{"x": [1.797693134862317e+308]}',
            "1:8: error: 1.797693134862317e+308 is too large for a number (write a smaller one)",
        ),
        (
            "surrogate.json",
            '{"team": "\\ud800"}',
            "1:11: error: \\ud800 is half of a UTF-16 surrogate pair "
            "(write the character itself, or both halves)",
        ),
        (
            "huge.json",
            '{"n": ' + "9" * 5000 + "}",
            "1:1: error: invalid JSON: Exceeds the limit (4300 digits) for integer string "
            "conversion: value has 5000 digits",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value[:12] else None,
)
def test_bad_data_files_are_located(tmp_path: Path, name: str, content: str, line: str) -> None:
    data = tmp_path / name
    data.write_text(content, "utf-8")
    run = in_process("check", T, "--data", data, *NOW)
    assert (run.code, run.stderr.splitlines()) == (2, [f"{data}:{line}"])


def test_yaml_dates_and_number_keys_in_data_stay_text_as_in_the_inventory(tmp_path: Path):
    """YAML 1.2: a date is a string, a key is text; it used to be a TypeError."""
    data = tmp_path / "extra.yaml"
    data.write_text("reviewed: 2024-01-01\n1: one\n", "utf-8")
    run = in_process("check", T, "--data", data, *NOW)
    assert (run.code, run.stderr) == (0, "")


def test_an_oversized_data_file_is_refused_before_reading(tmp_path: Path) -> None:
    data = tmp_path / "big.json"
    data.write_bytes(b" " * (10 * 1024 * 1024 + 1))
    run = in_process("check", T, "--data", data, *NOW)
    assert run.stderr.splitlines() == [
        f"{data}:1:1: error: data file is 10,485,761 bytes, over the limit of 10,485,760"
    ]


def test_report_refuses_a_lone_surrogate_that_no_format_could_write(tmp_path: Path) -> None:
    """json.loads accepts "\\ud800"; every renderer then failed to encode it (found by
    tests/test_fuzz.py)."""
    saved = tmp_path / "report.json"
    saved.write_text('{"organization": {"name": "\\ud800"}}', "utf-8")
    run = in_process("report", saved)
    assert (run.code, run.stderr.splitlines()) == (
        2,
        [
            f"{saved}:1:28: error: \\ud800 is half of a UTF-16 surrogate pair "
            "(write the character itself, or both halves)"
        ],
    )


def test_report_refuses_json_nested_too_deeply(tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    saved.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    run = in_process("report", saved)
    assert (run.code, run.stderr.splitlines()) == (
        2,
        [f"{saved}:1:65: error: JSON nested more than 64 levels deep (flatten the data)"],
    )


# --- a recursive policy: exit 3 with the cause, never SIGSEGV ---------------------------------

RECURSIVE = """package governance.rules.loop

import rego.v1

f(n) := f(n + 1)

deny contains {"message": sprintf("%d", [f(1)])} if true
"""
RECURSION_LINE = (
    "{path}:5:1: error: recursion: data.governance.rules.loop.f refers to itself (Rego forbids "
    "recursive rules and functions; the embedded engine would overflow its stack)"
)


def test_a_recursive_policy_is_exit_3_with_its_cause(tmp_path: Path) -> None:
    """Before: the embedded engine overflowed its stack, the process died of SIGSEGV (139)
    and printed nothing. A real process, so that a regression cannot take pytest down."""
    module = tmp_path / "loop.rego"
    module.write_text(RECURSIVE, "utf-8")
    run = governance("check", T, "--policy", tmp_path, *NOW)
    assert (run.code, run.stderr.splitlines()) == (3, [RECURSION_LINE.format(path=module)])
    run = in_process("policy", "check", tmp_path)  # only compiles: cannot crash
    assert (run.code, run.stderr.splitlines()) == (3, [RECURSION_LINE.format(path=module)])


def test_a_recursion_through_the_aggregator_is_found(tmp_path: Path) -> None:
    module = tmp_path / "echo.rego"
    module.write_text(
        "package governance.rules.echo\n\nimport rego.v1\n\n"
        "warn contains f if {\n\tsome f in data.governance.main.findings.deny\n}\n",
        "utf-8",
    )
    run = in_process("policy", "check", tmp_path)
    assert run.code == 3
    assert run.stderr.splitlines() == [
        f"{module}:5:1: error: recursion: data.governance.rules.echo.warn -> "
        "data.governance.main.findings -> data.governance.main.warn -> "
        "data.governance.rules.echo.warn (Rego forbids recursive rules and functions; the "
        "embedded engine would overflow its stack)"
    ]


def test_a_bundle_with_a_recursive_policy_is_exit_3(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b.tar.gz", {"policies/custom/loop.rego": RECURSIVE.encode()})
    run = governance("check", T, "--bundle", bundle, *NOW)
    expected = RECURSION_LINE.format(path="custom/loop.rego")
    assert (run.code, run.stderr.splitlines()) == (3, [expected])


# --- --base and symbolic links -------------------------------------------------------------


def _linked_repository(root: Path) -> Path:
    """A repository whose inventory links its models file from a shared directory."""
    repo = init_repo(root)
    inventory = write_inventory(repo / "inventory")
    shared = repo / "shared"
    shared.mkdir()
    (inventory / "models.yaml").rename(shared / "models.yaml")
    (inventory / "models.yaml").symlink_to("../shared/models.yaml")
    commit(repo, "inventory with a linked models file")
    return repo


def test_a_comment_only_change_with_a_linked_file_reports_nothing_new(tmp_path: Path) -> None:
    repo = _linked_repository(tmp_path / "repo")
    with (repo / "inventory" / "use-cases.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    run = in_process("check", "inventory", "--base", "HEAD", *NOW, cwd=repo)
    lines = run.stdout.splitlines()
    assert run.code == 0, run.stderr
    assert lines[0].endswith("0 new errors, 0 new warnings — approved")
    assert lines[1] == "compared with HEAD: 4 unchanged model choices; 2 unchanged findings" or (
        lines[1].startswith("compared with HEAD (")
        and lines[1].endswith("): 4 unchanged model choices; 2 unchanged findings")
    )


def test_a_link_leaving_the_repository_at_the_base_is_refused(tmp_path: Path) -> None:
    repo = _linked_repository(tmp_path / "repo")
    outside = tmp_path / "outside.yaml"
    outside.write_text("apiVersion: governance/v1\n", "utf-8")
    (repo / "inventory" / "extra.yaml").symlink_to(outside)
    base = commit(repo, "a link to a file outside")
    git(repo, "commit", "-q", "--allow-empty", "-m", "later")
    run = in_process("check", "inventory", "--base", base, *NOW, cwd=repo)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"governance: error: --base: inventory/extra.yaml is a symbolic link leaving the "
        f"repository (to {outside}) at {base[:12]}: link to a file inside it"
    ]


# --- report files -----------------------------------------------------------------------------


def test_a_replaced_report_keeps_its_mode_and_stale_temporary_files_go(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("{}", "utf-8")
    report.chmod(0o600)
    stale = tmp_path / ".report.json.governance-k1ll3d.tmp"  # a write killed before rename
    stale.write_text("{", "utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    recent = tmp_path / ".report.json.governance-w0rk1n.tmp"  # perhaps a write under way
    recent.write_text("{", "utf-8")
    run = in_process("check", T, *NOW, "-o", f"json={report}")
    assert run.code == 0, run.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert json.loads(report.read_text("utf-8"))["verdict"] == "approved"
    assert not stale.exists()
    assert recent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".report.json.governance-w0rk1n.tmp",
        "report.json",
    ]


def test_discovery_names_what_it_cannot_read(tmp_path: Path) -> None:
    """check --discover read each YAML file to classify it and skipped what failed; a FIFO
    made it wait for a writer forever."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "inventory.yaml").write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    (team / "old.yaml").symlink_to("moved-away.yaml")
    os.mkfifo(team / "pipe.yaml")
    run = in_process("check", "--discover", tmp_path, *NOW)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"{team}/old.yaml:1:1: warning: dangling symbolic link (to moved-away.yaml) "
        "(fix or remove the link)",
        f"{team}/pipe.yaml:1:1: error: a named pipe (FIFO), not a YAML file",
    ]
    (team / "pipe.yaml").unlink()
    run = in_process("check", "--discover", tmp_path, *NOW)
    assert run.code == 0
    assert run.stderr.splitlines() == [  # once, though discovery and loading both meet it
        f"{team}/old.yaml:1:1: warning: dangling symbolic link (to moved-away.yaml) "
        "(fix or remove the link)"
    ]
