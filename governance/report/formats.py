"""The output formats' one interface, `ReportFormat`, and what renderers share.

Each format is a module under governance/report/ exposing one `ReportFormat` instance,
``FORMAT``; report/registry.py lists them, and everything that knows format names (the CLI's
help and `-o`, --discover's sections, the GitHub Action) reads that list. Renderers read only
the Report (never the inventory), so `governance report FROM.json` re-renders any format
without evaluating.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from governance.errors import UsageError
from governance.evaluation.report import Report

Sections = list[tuple[str, Report]]  # (inventory directory as shown, its report)

_STREAM_CHUNK = 2000  # lines per piece when streaming a large report


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


class ReportFormat(Protocol):
    """An output format. Formats subclass it to inherit the defaults of `stream` and
    `combine`; a format module exposes one instance as ``FORMAT``."""

    name: str  # what -o calls it
    extension: str  # of the file the GitHub Action writes it to
    combinable: bool  # whether `combine` holds several inventories (check --discover)

    def render(self, report: Report, context: RenderContext) -> str:
        """The whole document."""
        ...

    def stream(self, report: Report, context: RenderContext) -> Iterable[str]:
        """The document in pieces whose concatenation is `render`: a format that can stream
        a large report without building it overrides this; by default one piece."""
        return (self.render(report, context),)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        """One document for several inventories; only a combinable format has one (and
        --discover refuses the others before evaluating)."""
        raise UsageError(f"-o {self.name}: {self.name} shows one inventory per document")


class LineFormat(ReportFormat):
    """A format written a line at a time (text, github, junit): `render` and `stream` both
    come from `lines`, so the whole document and its streamed pieces cannot drift apart."""

    def lines(self, report: Report, context: RenderContext | None) -> Iterable[str]:
        """The document's lines, without line ends."""
        raise NotImplementedError

    def render(self, report: Report, context: RenderContext | None = None) -> str:
        return "".join(line + "\n" for line in self.lines(report, context))

    def stream(self, report: Report, context: RenderContext) -> Iterable[str]:
        return in_pieces(self.lines(report, context))


def in_pieces(lines: Iterable[str]) -> Iterator[str]:
    """Lines as pieces of up to _STREAM_CHUNK newline-terminated lines: bounded memory, few
    writes."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= _STREAM_CHUNK:
            yield "\n".join(chunk) + "\n"
            chunk = []
    if chunk:
        yield "\n".join(chunk) + "\n"


def concatenated(
    report_format: ReportFormat,
    sections: Sections,
    context: RenderContext,
    heading: Callable[[str], str],
) -> str:
    """Each inventory's own document under its heading, for formats that are plain text."""
    return "\n".join(
        heading(path) + report_format.render(report, context) for path, report in sections
    )


def github_link_base(env: Mapping[str, str] | None = None) -> str | None:
    """https://github.com/OWNER/REPO/blob/SHA inside GitHub Actions, else None."""
    variables = os.environ if env is None else env
    server, repo, sha = (
        variables.get("GITHUB_SERVER_URL"),
        variables.get("GITHUB_REPOSITORY"),
        variables.get("GITHUB_SHA"),
    )
    return f"{server}/{repo}/blob/{sha}" if server and repo and sha else None
