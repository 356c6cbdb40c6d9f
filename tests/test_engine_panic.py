"""A Rust panic inside regorus is an engine failure: exit 3, one line on stderr, no traceback.

The trigger is real, not simulated. In regorus' ``sprintf`` (src/builtins/strings.rs) a width
digit is accepted with ``char::is_numeric`` (true for any Unicode number, such as U+00BD
VULGAR FRACTION ONE HALF) and then converted with ``to_digit(10).expect(...)``, which fails
for anything but an ASCII digit. So ``sprintf("%\\u00bdd", [1])`` panics with
"could not get digit from char", which pyo3 raises as ``pyo3_runtime.PanicException``
(a BaseException). It is deterministic, does not abort the process and takes milliseconds.

The policy writes the character as a Rego ``\\u00bd`` escape, so this file and the policy
file on disk are plain ASCII. The CLI runs with --no-builtin (as tests/test_check.py does) so
that the result depends only on the panic, not on the state of the built-in rule library.
"""

from __future__ import annotations

import os
import re
import sys

import pytest
import regorus

from governance.engine.embedded import EmbeddedEngine
from governance.errors import EngineFailure
from governance.policy import load_policy_set
from tests.support.cli import REPO, TEMPLATE

PANIC_EXPRESSION = r'sprintf("%\u00bdd", [1])'
PANIC_MESSAGE = "could not get digit from char"

POLICY = f"""package governance.rules.panic_probe

deny contains {{"message": {PANIC_EXPRESSION}}} if {{
	true
}}
"""

# What Rust's default panic hook and backtrace printer write to stderr.
RUST_NOISE = re.compile(
    r"thread '.*' .*panicked at|stack backtrace:|RUST_BACKTRACE|^\s*\d+: |^\s+at \S+:\d+",
    re.MULTILINE,
)


@pytest.fixture
def policy_dir(tmp_path):
    directory = tmp_path / "policies"
    directory.mkdir()
    (directory / "panic_probe.rego").write_text(POLICY, "utf-8")
    return directory


def test_trigger_is_a_real_regorus_panic():
    """Guards the premise: if a regorus build fixes this, the trigger must be replaced."""
    engine = regorus.Engine()
    engine.add_policy("probe.rego", f"package probe\n\nx := {PANIC_EXPRESSION}\n")
    with pytest.raises(BaseException) as caught:
        engine.eval_rule_as_json("data.probe.x")
    assert type(caught.value).__name__ == "PanicException", repr(caught.value)
    assert not isinstance(caught.value, Exception)
    assert PANIC_MESSAGE in str(caught.value)


def test_embedded_engine_turns_the_panic_into_engine_failure(policy_dir):
    engine = EmbeddedEngine()
    engine.load(load_policy_set([policy_dir], builtin=False))
    with pytest.raises(EngineFailure) as caught:
        engine.evaluate({})
    assert str(caught.value) == f"embedded engine panicked: {PANIC_MESSAGE}"
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("rust_backtrace", [None, "1"], ids=["default", "RUST_BACKTRACE=1"])
def test_cli_reports_a_panic_as_one_line_and_exit_3(policy_dir, rust_backtrace):
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("RUST_BACKTRACE", "RUST_LIB_BACKTRACE")}
    env.pop("GOVERNANCE_DEBUG", None)
    if rust_backtrace is not None:
        env["RUST_BACKTRACE"] = rust_backtrace
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "governance",
            "check",
            str(TEMPLATE.relative_to(REPO)),
            "--policy",
            str(policy_dir),
            "--now",
            "2026-11-24",
            "--no-builtin",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 3, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"stderr is not one line:\n{result.stderr}"
    assert "panicked" in lines[0]
    assert PANIC_MESSAGE in lines[0]
    assert "Traceback" not in result.stderr
    assert not RUST_NOISE.search(result.stderr), result.stderr
