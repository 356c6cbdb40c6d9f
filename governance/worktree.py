"""What git says about the work tree the inventory lives in: its root, HEAD, local changes.

Best effort by design: evidence and repo-relative paths are extras, so outside a work tree
or without git every answer is None instead of an error (`check --base`, which needs git,
uses governance.vcs.git and fails loudly).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_text(cwd: Path, *args: str) -> str | None:
    """stdout of `git ARGS` run in ``cwd``, or None when git is missing or fails."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def toplevel(start: Path | None = None) -> Path | None:
    """The enclosing work tree's root."""
    found = (git_text(start or Path.cwd(), "rev-parse", "--show-toplevel") or "").strip()
    return Path(found) if found else None


def head_commit(files: list[Path]) -> str | None:
    """HEAD of the work tree holding ``files``."""
    if not files:
        return None
    return (git_text(files[0].parent, "rev-parse", "HEAD") or "").strip() or None


def is_dirty(files: list[Path]) -> bool | None:
    """Whether one of ``files`` differs from HEAD (modified, staged or untracked); None
    outside a work tree. One `git status` over the files' common directory."""
    if not files:
        return None
    root = Path(os.path.commonpath([f.parent for f in files]))
    prefix = git_text(root, "rev-parse", "--show-prefix")
    status = git_text(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    if prefix is None or status is None:
        return None
    # Porcelain paths are relative to the top of the work tree: the prefix is root's path there.
    inside = {prefix.strip() + f.relative_to(root).as_posix() for f in files}
    entries = iter(status.split("\0"))
    for entry in entries:
        if "R" in entry[:2] or "C" in entry[:2]:
            next(entries, None)  # a rename or copy is followed by its source path
        if entry[3:] in inside:
            return True
    return False
