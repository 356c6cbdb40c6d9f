"""`governance init`: starter files that never overwrite what the user already has."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from governance.errors import UsageError
from governance.report.atomic import write_atomically

STARTER_FILES = {"inventory.yaml": "inventory.yaml"}


def write_starter(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    targets = {directory / name: template for name, template in STARTER_FILES.items()}
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise UsageError(
            f"{', '.join(existing)} already exists; init never overwrites files "
            "(choose another directory or remove it)"
        )
    written = []
    for target, template in targets.items():
        text = resources.files("governance.templates").joinpath(template).read_text("utf-8")
        write_atomically(target, text)
        written.append(target)
    return written
