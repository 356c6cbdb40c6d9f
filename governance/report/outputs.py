"""`-o FORMAT[=PATH]`: which formats go where, and writing them without losing anything.

Every file is rendered first and written atomically (temp file + rename). A path that cannot be
written does not stop the others: they are all written, then the failures are reported (exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from governance.atomic import write_atomically
from governance.errors import UsageError
from governance.evaluation.report import Report
from governance.report import registry
from governance.report.formats import RenderContext


@dataclass(frozen=True)
class OutputTarget:
    format: str
    path: Path | None  # None: standard output

    def __str__(self) -> str:
        return f"{self.format}={self.path}" if self.path else self.format


def parse_outputs(values: Iterable[str], default: str = "text") -> list[OutputTarget]:
    """Parse repeated -o values; at most one format may take stdout, no path twice."""
    targets = []
    for value in values:
        name, sep, path = value.partition("=")
        name = name.strip().lower()
        known = registry.names()
        if name not in known:
            raise UsageError(f"-o {value!r}: unknown format {name!r} (one of {', '.join(known)})")
        if sep and not path:
            raise UsageError(f"-o {value!r}: give a path after '=' or leave out '=' for stdout")
        targets.append(OutputTarget(name, Path(path) if path else None))
    if not targets:
        targets.append(OutputTarget(default, None))
    on_stdout = [str(t) for t in targets if t.path is None]
    if len(on_stdout) > 1:
        raise UsageError(
            f"only one format can go to stdout, got {', '.join(on_stdout)}: "
            "give the others a path, e.g. -o sarif=results.sarif"
        )
    paths = [t.path.resolve() for t in targets if t.path is not None]
    duplicates = sorted({str(p) for p in paths if paths.count(p) > 1})
    if duplicates:
        raise UsageError(f"two outputs write the same file: {', '.join(duplicates)}")
    for target in targets:
        if target.path is not None and target.path.is_dir():
            raise UsageError(f"-o {target}: {target.path} is a directory; give a file name")
    return targets


def write_outputs(
    report: Report,
    targets: list[OutputTarget],
    context: RenderContext,
    stdout: TextIO | None = None,
) -> list[str]:
    """Render and write every target; return the paths written. Raises UsageError at the end
    when any file could not be written (after writing all the others)."""
    stdout = stdout or sys.stdout
    return deliver(
        targets,
        lambda name: registry.get(name).render(report, context),
        lambda name: _to_stream(registry.get(name).stream(report, context), stdout),
    )


def deliver(
    targets: list[OutputTarget],
    text_of: Callable[[str], str],
    to_stdout: Callable[[str], None],
) -> list[str]:
    """Write each target (file: atomically; stdout: via ``to_stdout``) and return the paths
    written; a file that cannot be written is reported after all the others are written."""
    written, failures = [], []
    for target in targets:
        if target.path is None:
            to_stdout(target.format)
            continue
        try:
            write_atomically(target.path, text_of(target.format))
        except UsageError as exc:
            failures.append(str(exc))
            continue
        written.append(str(target.path))
    if failures:
        raise UsageError("; ".join(failures))
    return written


def _to_stream(pieces: Iterable[str], stdout: TextIO) -> None:
    for piece in pieces:
        stdout.write(piece)
    stdout.flush()
