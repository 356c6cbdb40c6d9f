"""Every output format, in the order help and messages list them. The CLI's help and `-o`,
--discover's sections and the GitHub Action read this tuple, so adding a format is a module
in report/ exposing a `ReportFormat` and one line here (docs/architecture.md)."""

from __future__ import annotations

from governance.report import github, html, json, junit, markdown, sarif, text
from governance.report.formats import ReportFormat

FORMATS: tuple[ReportFormat, ...] = (
    text.FORMAT,
    json.FORMAT,
    sarif.FORMAT,
    junit.FORMAT,
    markdown.FORMAT,
    github.FORMAT,
    html.FORMAT,
)


def names() -> tuple[str, ...]:
    return tuple(report_format.name for report_format in FORMATS)


def combinable() -> tuple[str, ...]:
    """The formats that hold several inventories in one document (check --discover)."""
    return tuple(f.name for f in FORMATS if f.combinable)


def get(name: str) -> ReportFormat:
    """The format -o calls ``name`` (a name from `names()`)."""
    for report_format in FORMATS:
        if report_format.name == name:
            return report_format
    raise KeyError(name)
