"""Real OPA in process for the tests: required in CI, where its absence is a failure."""

from __future__ import annotations

import importlib.util
import os

import pytest

INSTALL = "pip install --ignore-requires-python 'opa-golib-python-bindings==0.4.4'"


def require_opa_bindings() -> None:
    """Skip (outside CI) or fail (CI=true) when opa-golib-python-bindings is missing."""
    if importlib.util.find_spec("opa_bindings") is not None:
        return
    message = f"opa-golib-python-bindings is not installed: {INSTALL}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: the OPA tests must run)")
    pytest.skip(message)
