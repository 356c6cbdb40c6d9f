"""JSON: the versioned, complete report (schemas/report.schema.json); every other format can be
rendered again from it with `governance report`. Several inventories make a report set
(schemas/report-set.schema.json) holding each inventory's report."""

from __future__ import annotations

import json

from governance.evaluation.report import InventoryReport, Report, ReportSet
from governance.report.formats import RenderContext, ReportFormat, Sections
from governance.typed_json import to_json


def render(report: Report, context: RenderContext) -> str:
    return json.dumps(report.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def report_set(sections: Sections) -> str:
    document = to_json(ReportSet([InventoryReport(path, report) for path, report in sections]))
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
