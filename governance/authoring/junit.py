"""JUnit XML for `governance policy test -o junit=PATH`: one testsuite per test file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from governance.authoring.testing import TestResult


def junit_xml(results: list[TestResult]) -> str:
    root = ET.Element("testsuites", name="governance policy test")
    root.set("tests", str(len(results)))
    root.set("failures", str(sum(not r.passed for r in results)))
    for path, group in groupby(
        sorted(results, key=lambda r: (r.path, r.line)), key=lambda r: r.path
    ):
        cases = list(group)
        suite = ET.SubElement(root, "testsuite", name=path, file=path)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(not r.passed for r in cases)))
        suite.set("errors", "0")
        for result in cases:
            package, _, name = result.name.rpartition(".")
            case = ET.SubElement(suite, "testcase", classname=package, name=name)
            case.set("file", result.path)
            case.set("line", str(result.line))
            if not result.passed:
                failure = ET.SubElement(
                    case, "failure", message=result.error or "test rule was not true"
                )
                failure.text = "\n".join(result.output)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
