"""Where the shipped policy library, catalogues and schemas live.

In a wheel they are bundled under ``governance/_bundled``; in a source checkout (editable
install, tests) they are the repository's own ``policies/`` and ``schemas/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root(name: str) -> Path:
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"model-governance is missing its '{name}' directory")


def policies_dir() -> Path:
    return _root("policies")


def catalogue(name: str) -> Path:
    return policies_dir() / "data" / name


def schemas_dir() -> Path:
    return _root("schemas")


def examples_dir() -> Path | None:
    """The bundled example inventories, when this installation has them."""
    try:
        return _root("examples")
    except FileNotFoundError:
        return None
