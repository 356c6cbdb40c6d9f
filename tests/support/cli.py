"""Run the real CLI the way a user does, and read what they would see."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "governance" / "templates" / "inventory.yaml"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def governance(*args: str, cwd: Path = REPO, env: dict | None = None) -> Run:
    result = subprocess.run(
        [sys.executable, "-m", "governance", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return Run(result.returncode, result.stdout, result.stderr)


def line_of(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of ``needle`` in a file."""
    seen = 0
    for number, text in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if needle in text:
            seen += 1
            if seen == occurrence:
                return number, text.index(needle) + 1
    raise AssertionError(f"{needle!r} not found {occurrence} times in {path}")


def shown(path: Path) -> str:
    """A repository file as the CLI names it when run from the repository root."""
    return Path(path).relative_to(REPO).as_posix()


def template_with(tmp_path: Path, *replacements: tuple[str, str], extra: str = "") -> Path:
    """The starter inventory with text replacements (each must apply) and extra YAML appended."""
    text = TEMPLATE.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "inventory.yaml"
    path.write_text(text + extra, "utf-8")
    return path
