"""One report for several inventories (`check --discover`): each format combines the Reports
its own way (`ReportFormat.combine`), and only the formats that can hold several inventories
(report/registry.py, ``combinable``) are accepted. HTML is a whole page per inventory and is
refused.
"""

from __future__ import annotations

from typing import TextIO

from governance.errors import UsageError
from governance.report import registry
from governance.report.formats import RenderContext, Sections
from governance.report.outputs import OutputTarget, deliver


def check_targets(targets: list[OutputTarget]) -> None:
    """Refuse, before any work, formats that cannot hold several inventories."""
    combinable = registry.combinable()
    for target in targets:
        if target.format not in combinable:
            raise UsageError(
                f"-o {target}: {target.format} shows one inventory per document; with "
                f"--discover use one of {', '.join(combinable)}, or check each inventory alone"
            )


def render(name: str, sections: Sections, context: RenderContext) -> str:
    return registry.get(name).combine(sections, context)


def write_sections(
    sections: Sections, targets: list[OutputTarget], context: RenderContext, stdout: TextIO
) -> list[str]:
    """Like outputs.write_outputs, for several inventories."""

    def to_stdout(name: str) -> None:
        stdout.write(render(name, sections, context))
        stdout.flush()

    return deliver(targets, lambda name: render(name, sections, context), to_stdout)
