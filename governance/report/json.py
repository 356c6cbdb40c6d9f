"""JSON: the versioned, complete report (schemas/report.schema.json); every other format can be
rendered again from it with `governance report`. Several inventories make a report set
(schemas/report-set.schema.json) holding each inventory's report."""

from __future__ import annotations

import json

from governance.evaluation.report import REPORT_SET_VERSION, Report
from governance.report.formats import RenderContext, ReportFormat, Sections


def render(report: Report, context: RenderContext) -> str:
    return json.dumps(report.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def report_set(sections: Sections) -> str:
    document = {
        "report_set_version": REPORT_SET_VERSION,
        "inventories": [{"path": path, "report": report.as_dict()} for path, report in sections],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class Json(ReportFormat):
    name = "json"
    extension = "json"
    combinable = True

    def render(self, report: Report, context: RenderContext) -> str:
        return render(report, context)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        return report_set(sections)


FORMAT = Json()
