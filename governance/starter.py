"""`governance init`: starter files that never overwrite what the user already has."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from governance.atomic import write_atomically
from governance.config import CONFIG_NAME
from governance.errors import UsageError
from governance.version import __version__

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
    """A commented starter inventory, a commented governance.toml naming it (and where the
    organization's rules go), and a CI workflow that checks it with the GitHub Action of this
    version (action.yml), gating pull requests on what they add; the Action reads the rest
    from governance.toml, so the workflow never needs to repeat it."""
    directory = directory.resolve()
    root = _repository_root(directory)
    inventory = directory.relative_to(root).as_posix() if directory != root else "."
    policies = (Path(inventory) / "policies").as_posix() if inventory != "." else "policies"
    targets = {
        directory / "inventory.yaml": _template("inventory.yaml"),
        # at the repository's top, where every command run inside the repository finds it
        root / CONFIG_NAME: _template("governance.toml.tmpl")
        .replace(
            "{inventory}", f"{inventory}/inventory.yaml" if inventory != "." else "inventory.yaml"
        )
        .replace("{policies}", policies),
        root / policies / "README.md": _template("policies-README.md"),
        root / WORKFLOW: _template("github-workflow.yml.tmpl").replace("{version}", __version__),
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
