"""Run the real CLI the way a user does, and read what they would see."""

from __future__ import annotations

import contextlib
import io
import os
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


def in_process(*args: str, cwd: Path = REPO) -> Run:
    """``governance ARGS`` through the CLI's entry point (governance.cli.main: exit codes,
    one line per problem) in this process: ~50x faster than a subprocess. Only for runs
    that cannot crash the interpreter (no policy that could overflow the engine's stack)."""
    from governance.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main([str(a) for a in args])
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(previous)
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return Run(code, out.getvalue(), err.getvalue())


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
