"""The output formats: one module per format under governance/report/, one interface.

Each format module defines ``render(report, context) -> str``; a format that can stream
(text) also defines ``lines(report, context)``. Renderers read only the Report (never the
inventory), so `governance report FROM.json` re-renders any format without evaluating.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType

FORMATS = ("text", "json", "sarif", "junit", "markdown", "github", "html")


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may need beyond the Report: terminal colour and where files live."""

    colour: bool = False
    # Repository root: SARIF URIs and Markdown links are relative to it. None: the cwd.
    repo_root: Path | None = None
    # Base URL for file links in Markdown, e.g. https://github.com/org/repo/blob/<sha>
    link_base: str | None = None
    env: dict = field(default_factory=dict, compare=False, hash=False)

    def repo_path(self, display_path: str) -> str:
        """A report path (relative to the cwd, or absolute) as a repo-relative POSIX path."""
        path = Path(display_path)
        absolute = path if path.is_absolute() else Path.cwd() / path
        root = self.repo_root or Path.cwd()
        try:
            relative = absolute.resolve().relative_to(root.resolve())
        except ValueError:
            return PurePosixPath(*path.parts).as_posix()
        return PurePosixPath(*relative.parts).as_posix()


def module_of(name: str) -> ModuleType:
    return importlib.import_module(f"governance.report.{name}")


def github_link_base(env: Mapping[str, str] | None = None) -> str | None:
    """https://github.com/OWNER/REPO/blob/SHA inside GitHub Actions, else None."""
    variables = os.environ if env is None else env
    server, repo, sha = (
        variables.get("GITHUB_SERVER_URL"),
        variables.get("GITHUB_REPOSITORY"),
        variables.get("GITHUB_SHA"),
    )
    return f"{server}/{repo}/blob/{sha}" if server and repo and sha else None
