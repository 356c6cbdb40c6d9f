"""`--discover`: find every inventory in a repository (monorepos with one inventory per team).

A YAML file is a governance document when a line starts with `apiVersion: governance/v1`. An
inventory is rooted at each directory holding a document with a top-level `organization:`
section (one per inventory); every governance document below it belongs to it, unless a
deeper root claims it. Hidden directories (.git, .venv, .github...), node_modules and
__pycache__ are skipped. A governance document under no root is an error: it would otherwise
be silently left out.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.inventory.load import YAML_SUFFIXES
from governance.paths import display_path

_API_VERSION = re.compile(rb"^apiVersion:[ \t]*[\"']?governance/v1[\"']?[ \t]*(?:#.*)?$", re.M)
_ORGANIZATION = re.compile(rb"^organization:", re.M)
_SKIPPED = {"node_modules", "__pycache__"}
_HEAD_BYTES = 64 * 1024  # apiVersion sits at the top; organization may come later


@dataclass(frozen=True)
class FoundInventory:
    """One inventory: its root directory, and the paths to load it from."""

    root: Path
    paths: list[Path]  # the root itself, or its files when other YAML or a nested root is there

    @property
    def name(self) -> str:
        return display_path(self.root)


def _kind(path: Path) -> str | None:
    """'root', 'document', 'other' (YAML, not ours) or None (unreadable)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not _API_VERSION.search(raw[:_HEAD_BYTES]):
        return "other"
    return "root" if _ORGANIZATION.search(raw) else "document"


def _yaml_files(start: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(start):
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith(".") and d not in _SKIPPED
        )
        found.extend(Path(directory) / f for f in sorted(files) if f.endswith(YAML_SUFFIXES))
    return found


def discover_inventories(starts: list[Path]) -> list[FoundInventory]:
    """Every inventory under ``starts`` (directories), sorted by root path."""
    problems = []
    kinds: dict[Path, str] = {}
    for start in starts:
        if not start.is_dir():
            problems.append(
                InputProblem(
                    SourceLocation(display_path(start), 1, 1),
                    "",
                    "--discover searches directories; this is not one",
                    "",
                )
            )
            continue
        for path in _yaml_files(start):
            kind = _kind(path)
            if kind is not None:
                kinds[path.resolve()] = kind
    if problems:
        raise InputInvalid(problems)
    roots = sorted({path.parent for path, kind in kinds.items() if kind == "root"})
    members: dict[Path, list[Path]] = {root: [] for root in roots}
    others: dict[Path, bool] = {root: False for root in roots}
    for path, kind in sorted(kinds.items()):
        owner = max((r for r in roots if path.is_relative_to(r)), default=None, key=_depth)
        if owner is None:
            if kind == "document":
                problems.append(
                    InputProblem(
                        SourceLocation(display_path(path), 1, 1),
                        "",
                        "governance document outside any inventory: no 'organization' "
                        "section in its directory or above it",
                        "move it into its inventory's directory",
                    )
                )
            continue
        if kind == "other":
            others[owner] = True
        else:
            members[owner].append(path)
    if problems:
        raise InputInvalid(problems)
    if not roots:
        shown = ", ".join(display_path(s) for s in starts)
        raise InputInvalid(
            [
                InputProblem(
                    SourceLocation(display_path(starts[0]), 1, 1),
                    "",
                    f"--discover found no inventory under {shown} (no YAML file with "
                    "'apiVersion: governance/v1' and an 'organization' section)",
                    "",
                )
            ]
        )
    found = []
    for root in roots:
        nested = any(r != root and r.is_relative_to(root) for r in roots)
        # Loading the directory also sees files deleted since a --base commit; a directory
        # that mixes in other YAML or holds another inventory is loaded file by file.
        paths = members[root] if nested or others[root] else [root]
        found.append(FoundInventory(root, paths))
    return found


def _depth(path: Path) -> int:
    return len(path.parts)
