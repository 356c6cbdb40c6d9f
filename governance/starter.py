"""`governance init`: starter files that never overwrite what the user already has."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from governance import __version__
from governance.atomic import write_atomically
from governance.errors import UsageError

WORKFLOW = Path(".github") / "workflows" / "model-governance.yml"


def _repository_root(directory: Path) -> Path:
    """The enclosing git work tree (where .github must live), else the directory itself."""
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


def _template(name: str) -> str:
    return resources.files("governance.templates").joinpath(name).read_text("utf-8")


def write_starter(directory: Path) -> list[Path]:
    """A commented starter inventory, and a CI workflow that checks it with the GitHub Action
    of this version (action.yml), gating pull requests on what they add."""
    directory = directory.resolve()
    root = _repository_root(directory)
    inventory = directory.relative_to(root).as_posix() if directory != root else "."
    targets = {
        directory / "inventory.yaml": _template("inventory.yaml"),
        root / WORKFLOW: _template("github-workflow.yml.tmpl")
        .replace("{inventory}", inventory)
        .replace("{version}", __version__),
    }
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise UsageError(
            f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
            "init never overwrites files "
            "(choose another directory or remove it)"
        )
    written = []
    for target, text in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
        written.append(target)
    return written
