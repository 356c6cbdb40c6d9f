"""The default engine: regorus (Rust Rego interpreter) in process.

The wheel is `gordon-to-regorus`; this is the only module that imports it, so switching to
another regorus build is a one-line change. Known gaps of that build: no ``crypto.*``, no
``$"..."`` string interpolation, no ``rego.metadata.rule()``. A Rust panic arrives as
``pyo3_runtime.PanicException`` (a BaseException): it is contained here as EngineFailure.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from importlib import metadata

import regorus

from governance.engine.base import FINDINGS_QUERY, normalise_result
from governance.errors import EngineFailure, InputInvalid, InputProblem, SourceLocation
from governance.policy import PolicySet

DISTRIBUTION = "gordon-to-regorus"
_LOCATION = re.compile(r"-->\s*(?P<path>.+?):(?P<line>\d+):(?P<col>\d+)")
_MESSAGE = re.compile(r"^error:\s*(?P<message>.+)$", re.MULTILINE)


@contextmanager
def quiet_native_stderr():
    """Rust's panic hook writes a multi-line report to fd 2 before Python sees the panic;
    keep it out of the user's terminal: our own one-line message says what happened."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    message = _MESSAGE.search(text)
    if message:
        return message.group("message").strip()
    return (text.splitlines() or [type(exc).__name__])[0].strip()


def compile_problem(exc: BaseException, fallback_path: str) -> InputProblem:
    """A regorus parse/compile error as file:line:col: message."""
    text = str(exc)
    where = _LOCATION.search(text)
    location = (
        SourceLocation(where.group("path"), int(where.group("line")), int(where.group("col")))
        if where
        else SourceLocation(fallback_path, 1, 1)
    )
    return InputProblem(location, "", f"policy error: {_first_line(exc)}", "")


class EmbeddedEngine:
    name = "embedded"

    def __init__(self) -> None:
        self._engine = regorus.Engine()

    def version(self) -> str:
        return f"regorus ({DISTRIBUTION} {metadata.version(DISTRIBUTION)})"

    def load(self, policies: PolicySet) -> None:
        for module in policies.modules:
            try:
                with quiet_native_stderr():
                    self._engine.add_policy(module.name, module.text)
            except BaseException as exc:
                if _is_panic(exc):
                    raise EngineFailure(f"embedded engine panicked: {_first_line(exc)}") from None
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                raise InputInvalid([compile_problem(exc, module.name)]) from None
        with quiet_native_stderr():
            self._engine.add_data_json(json.dumps(policies.data))

    def evaluate(self, document: dict) -> dict[str, list[dict]]:
        try:
            with quiet_native_stderr():
                self._engine.set_input_json(json.dumps(document))
                raw = self._engine.eval_rule_as_json(FINDINGS_QUERY)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            kind = "panicked" if _is_panic(exc) else "failed"
            raise EngineFailure(f"embedded engine {kind}: {_first_line(exc)}") from None
        return normalise_result(json.loads(raw) if raw else None, self.name)
