"""JSON: the versioned, complete report (schemas/report.schema.json); every other format can be
rendered again from it with `governance report`."""

from __future__ import annotations

import json

from governance.evaluation.report import Report
from governance.report.formats import RenderContext


def render(report: Report, context: RenderContext) -> str:
    return json.dumps(report.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
