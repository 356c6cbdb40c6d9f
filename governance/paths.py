"""How paths are shown to people: relative to the working directory when they can be."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when they can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
