"""One report for several inventories (`check --discover`): each format's own output, combined.

Every inventory is rendered by its format module unchanged, then joined the way the format
allows: text, markdown and github output are concatenated under a heading per inventory
(github annotations need none); SARIF becomes one log with a run per inventory (each with its
own automationDetails.id, so code scanning keeps them apart); JUnit becomes one <testsuites>
whose suites are prefixed with the inventory; JSON becomes a report set
(schemas/report-set.schema.json) holding each inventory's report. HTML is a whole page per
inventory and is refused.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TextIO

from governance.errors import UsageError
from governance.evaluation.report import REPORT_SET_VERSION, Report
from governance.output_safety import markdown_code, plain_line
from governance.report.formats import RenderContext, module_of
from governance.report.outputs import OutputTarget, deliver

Sections = list[tuple[str, Report]]  # (inventory directory as shown, its report)
COMBINABLE = ("text", "json", "sarif", "junit", "markdown", "github")


def _concatenated(heading: Callable[[str], str]):
    def combine(name: str, sections: Sections, context: RenderContext) -> str:
        module = module_of(name)
        parts = [heading(path) + module.render(report, context) for path, report in sections]
        return "\n".join(parts)

    return combine


def _json(name: str, sections: Sections, context: RenderContext) -> str:
    document = {
        "report_set_version": REPORT_SET_VERSION,
        "inventories": [{"path": path, "report": report.as_dict()} for path, report in sections],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _sarif(name: str, sections: Sections, context: RenderContext) -> str:
    module = module_of("sarif")
    log = None
    for path, report in sections:
        rendered = json.loads(module.render(report, context))
        for run in rendered["runs"]:
            run.setdefault("automationDetails", {"id": f"model-governance/{path}/"})
        if log is None:
            log = rendered
        else:
            log["runs"].extend(rendered["runs"])
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


_TOTALS = ("tests", "failures", "errors", "skipped")


def _junit(name: str, sections: Sections, context: RenderContext) -> str:
    module = module_of("junit")
    combined = ET.Element("testsuites", {"name": "model-governance"})
    totals = dict.fromkeys(_TOTALS, 0)
    for path, report in sections:
        root = ET.fromstring(module.render(report, context).encode("utf-8"))
        for key in ("time", "timestamp"):
            if key in root.attrib:
                combined.set(key, root.attrib[key])
        for suite in root:
            suite.set("name", f"{path}: {suite.get('name', '')}")
            combined.append(suite)
        for key in _TOTALS:
            totals[key] += int(root.get(key, "0"))
    for key in _TOTALS:
        combined.set(key, str(totals[key]))
    ET.indent(combined, space="  ")
    body = ET.tostring(combined, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


_COMBINE = {
    "text": _concatenated(lambda path: plain_line(f"== inventory {path} ==") + "\n"),
    "markdown": _concatenated(lambda path: f"## Inventory {markdown_code(path)}\n\n"),
    "github": _concatenated(lambda path: ""),
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
}


def check_targets(targets: list[OutputTarget]) -> None:
    """Refuse, before any work, formats that cannot hold several inventories."""
    for target in targets:
        if target.format not in COMBINABLE:
            raise UsageError(
                f"-o {target}: {target.format} shows one inventory per document; with "
                f"--discover use one of {', '.join(COMBINABLE)}, or check each inventory alone"
            )


def render(name: str, sections: Sections, context: RenderContext) -> str:
    return _COMBINE[name](name, sections, context)


def write_sections(
    sections: Sections, targets: list[OutputTarget], context: RenderContext, stdout: TextIO
) -> list[str]:
    """Like outputs.write_outputs, for several inventories."""

    def to_stdout(name: str) -> None:
        stdout.write(render(name, sections, context))
        stdout.flush()

    return deliver(targets, lambda name: render(name, sections, context), to_stdout)
