"""JUnit XML for CI test dashboards: one testsuite per policy area, one testcase per
(model choice, rule) evaluated, so a dashboard shows which rule failed for which choice.

Mapping (docs/reports.md "## junit"):

- testcase ``name="<choice id> :: <rule id> <title>"``, ``classname="governance.<area>"``; the
  rules are those the report applied (``report.rules``) plus any rule named only by a finding,
  whose area comes from its id (``GOV-<AREA>-NNN``). Organization-level findings get a testcase
  ``organization :: <rule id> <title>`` per rule that has them.
- open errors (those that gate the exit code) are ``<failure>``; errors waived, baselined or
  unchanged since the base are ``<skipped>`` with the reason; warnings and obligations are
  testcase ``<properties>`` (``warning`` / ``obligation``; read by junitparser and pytest-style
  consumers) and, for UIs that ignore testcase properties (Jenkins, GitLab), ``<system-out>``.
- with a comparison: a ``change`` property on testcases of added or changed choices, and
  suite properties for the base, re-evaluation reasons, removed choices and resolved findings.

Inventory and policy text is shown as on a log line (governance.output_safety.plain_line)
before XML escaping: a message stays on its line, and no escape sequence or workflow command
reaches a CI log that prints the failures.

A 10k-choice report is ~670k testcases, so the XML is built as strings (not a DOM) and
streamed line by line to stdout; every counter is computed from the findings first. Several
reports (check --discover) make one <testsuites> built as an ElementTree from the Reports; both
writers take each testcase's contents from `_Case.contents`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from governance.clock import utc_text
from governance.evaluation.findings import Finding
from governance.evaluation.report import NOT_GATING, Report
from governance.output_safety import plain_line as visible
from governance.report.formats import LineFormat, RenderContext, Sections

ORGANIZATION = "organization"
_RULE_AREA = re.compile(r"^GOV-([A-Za-z]+)-")
_PROPERTY_OF = {"warning": "warning", "info": "obligation"}

# XML 1.0 cannot carry C0 controls other than tab/LF/CR, lone surrogates, U+FFFE and U+FFFF,
# even as character references: they become U+FFFD so the document always parses.
_FORBIDDEN = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000)]
_FORBIDDEN_TEXT = {c: "\ufffd" for c in [*_FORBIDDEN, 0xFFFE, 0xFFFF]}
_TEXT = {**_FORBIDDEN_TEXT}
_TEXT.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"})
# In attributes a parser normalises tab/LF/CR to spaces unless they are character references.
_ATTR = {**_TEXT, ord('"'): "&quot;", ord("\n"): "&#10;", ord("\t"): "&#9;"}


def xml_text(value: str) -> str:
    """Character data: markup escaped, characters XML 1.0 forbids replaced by U+FFFD."""
    return value.translate(_TEXT)


def xml_attr(value: str) -> str:
    """An attribute value for double quotes: also quotes and whitespace as references."""
    return value.translate(_ATTR)


def xml_clean(value: str) -> str:
    """A value for ElementTree, which escapes markup itself: only the characters XML 1.0
    forbids are replaced."""
    return value.translate(_FORBIDDEN_TEXT)


def area_of(rule_id: str, report: Report) -> str:
    info = report.rules.get(rule_id)
    if info is not None and info.area:
        return info.area
    match = _RULE_AREA.match(rule_id)
    return match.group(1).lower() if match else "other"


def _gating(finding: Finding) -> bool:
    return finding.waived_by is None and finding.status not in NOT_GATING


def _skip_reason(finding: Finding) -> str:
    if finding.waived_by is not None:
        return f"waived by {visible(finding.waived_by)}"
    reasons = {"baselined": "baselined", "unchanged": "unchanged since the base"}
    return reasons[finding.status or ""]  # a finding that gates has no skip reason


def _note(finding: Finding) -> str:
    notes = [f"waived by {visible(finding.waived_by)}"] if finding.waived_by else []
    if finding.status:
        notes.append(finding.status)
    return f" [{', '.join(notes)}]" if notes else ""


def _finding_line(finding: Finding) -> str:
    text = visible(f"{finding.location}: {finding.severity}: {finding.rule}: {finding.message}")
    fix = f"\nfix: {visible(finding.remediation)}" if finding.remediation else ""
    return text + _note(finding) + fix


@dataclass(frozen=True)
class _Child:
    """A <failure>, <skipped> or <system-out> of a testcase; values not yet escaped."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    text: str


@dataclass
class _Case:
    """The findings of one (choice, rule) testcase and the element they make."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        errors = [f for f in self.findings if f.severity == "error"]
        if any(_gating(f) for f in errors):
            return "failure"
        return "skipped" if errors else "passed"

    def contents(self, change: str | None) -> tuple[list[tuple[str, str]], list[_Child]]:
        """The testcase's properties and child elements, the same for both writers."""
        properties = [("change", change)] if change in ("added", "changed") else []
        properties += [
            (_PROPERTY_OF[f.severity], visible(f"{f.location}: {f.message}") + _note(f))
            for f in self.findings
            if f.severity in _PROPERTY_OF
        ]
        errors = [f for f in self.findings if f.severity == "error"]
        children = []
        outcome = self.outcome
        if outcome == "failure":
            first = next(f for f in errors if _gating(f))
            more = sum(map(_gating, errors)) - 1
            message = visible(first.message) + (f" (and {more} more)" if more else "")
            text = "\n".join(_finding_line(f) for f in errors)
            children.append(_Child("failure", (("message", message), ("type", first.rule)), text))
        elif outcome == "skipped":
            text = "\n".join(_finding_line(f) for f in errors)
            children.append(_Child("skipped", (("message", _skip_reason(errors[0])),), text))
        conditions = [f for f in self.findings if f.severity in _PROPERTY_OF]
        if conditions:
            text = "\n".join(_finding_line(f) for f in conditions)
            children.append(_Child("system-out", (), text))
        return properties, children

    def body(self, name: str, classname: str, change: str | None) -> str:
        """The <testcase> element as text (without indentation of its first line); ``name``
        and ``classname`` already escaped."""
        head = f'<testcase classname="{classname}" name="{name}" time="0"'
        properties, children = self.contents(change)
        if not children and not properties:
            return head + "/>"
        parts = [head + ">"]
        if properties:
            parts.append("      <properties>")
            parts.extend(
                f'        <property name="{key}" value="{xml_attr(value)}"/>'
                for key, value in properties
            )
            parts.append("      </properties>")
        for child in children:
            attributes = "".join(f' {key}="{xml_attr(value)}"' for key, value in child.attributes)
            parts.append(f"      <{child.tag}{attributes}>{xml_text(child.text)}</{child.tag}>")
        parts.append("    </testcase>")
        return "\n".join(parts)

    def element(self, name: str, classname: str, change: str | None) -> ET.Element:
        """The <testcase> element as a tree, for combining several reports."""
        case = ET.Element("testcase", {"classname": classname, "name": name, "time": "0"})
        properties, children = self.contents(change)
        _add_properties(case, properties)
        for child in children:
            attributes = {key: xml_clean(value) for key, value in child.attributes}
            ET.SubElement(case, child.tag, attributes).text = xml_clean(child.text)
        return case


@dataclass
class _Suite:
    area: str
    rules: list[str]
    cases: dict[tuple[str, str], _Case]  # (choice id or ORGANIZATION, rule) with findings
    organization_rules: list[str]
    labels: dict[str, str]  # rule -> "<rule id> <title>", as shown
    tests: int = 0
    failures: int = 0
    skipped: int = 0


def _suites(report: Report) -> list[_Suite]:
    rules_by_area: dict[str, set[str]] = defaultdict(set)
    for rule_id in report.rules:
        rules_by_area[area_of(rule_id, report)].add(rule_id)
    cases: dict[str, dict[tuple[str, str], _Case]] = defaultdict(dict)
    organization_rules: dict[str, set[str]] = defaultdict(set)
    titles = {rule_id: info.title for rule_id, info in report.rules.items()}
    owned = [(d.id, f) for d in report.decisions for f in d.findings]
    owned += [(ORGANIZATION, f) for f in report.organization_findings]
    for owner, finding in owned:
        area = area_of(finding.rule, report)
        rules_by_area[area].add(finding.rule)
        if not titles.get(finding.rule):
            titles[finding.rule] = finding.title
        if owner == ORGANIZATION:
            organization_rules[area].add(finding.rule)
        cases[area].setdefault((owner, finding.rule), _Case()).findings.append(finding)
    choices = len(report.decisions)
    suites = []
    for area in sorted(rules_by_area):
        suite = _Suite(
            area=area,
            rules=sorted(rules_by_area[area]),
            cases=cases[area],
            organization_rules=sorted(organization_rules[area]),
            labels={
                rule: visible(f"{rule} {titles[rule]}" if titles.get(rule) else rule)
                for rule in rules_by_area[area]
            },
        )
        for case in suite.cases.values():
            case.findings.sort(key=lambda f: f.sort_key)
        outcomes = [case.outcome for case in suite.cases.values()]
        suite.tests = choices * len(suite.rules) + len(suite.organization_rules)
        suite.failures = outcomes.count("failure")
        suite.skipped = outcomes.count("skipped")
        suites.append(suite)
    return suites


def _suite_properties(report: Report, suite: _Suite) -> list[tuple[str, str]]:
    properties = [("policies", report.policies_text())]
    properties += [
        ("override", f"{o.rule}: {o.change} ({o.justification})") for o in report.overrides
    ]
    comparison = report.comparison
    if comparison is None:
        return properties
    properties += [("comparison.kind", comparison.kind), ("comparison.base", comparison.base)]
    properties += [("reevaluated", reason) for reason in comparison.reevaluated]
    properties += [("removed", d.id) for d in sorted(comparison.removed, key=lambda d: d.id)]
    properties += [
        ("resolved", f"{f.choice or ORGANIZATION} :: {f.rule}: {f.message}")
        for f in sorted(comparison.resolved, key=lambda f: f.sort_key)
        if area_of(f.rule, report) == suite.area
    ]
    return properties


def lines(report: Report, context: RenderContext | None = None) -> Iterator[str]:
    """The document a line (or one multi-line testcase) at a time, for streaming."""
    suites = _suites(report)
    timestamp = xml_attr(utc_text(report.evidence.now))
    totals = {key: sum(getattr(s, key) for s in suites) for key in ("tests", "failures", "skipped")}
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield (
        f'<testsuites name="{xml_attr(f"model-governance {report.organization_id}")}" '
        f'tests="{totals["tests"]}" failures="{totals["failures"]}" errors="0" '
        f'skipped="{totals["skipped"]}" time="0" timestamp="{timestamp}">'
    )
    decisions = sorted(report.decisions, key=lambda d: d.id)
    for suite in suites:
        classname = xml_attr(f"governance.{suite.area}")
        yield (
            f'  <testsuite name="{xml_attr(suite.area)}" tests="{suite.tests}" '
            f'failures="{suite.failures}" errors="0" skipped="{suite.skipped}" time="0" '
            f'timestamp="{timestamp}">'
        )
        properties = _suite_properties(report, suite)
        if properties:
            yield "    <properties>"
            for name, value in properties:
                yield f'      <property name="{name}" value="{xml_attr(visible(value))}"/>'
            yield "    </properties>"
        labels = [(rule, xml_attr(suite.labels[rule])) for rule in suite.rules]
        empty = _Case()
        for decision in decisions:
            owner = xml_attr(visible(decision.id))
            for rule, label in labels:
                case = suite.cases.get((decision.id, rule))
                if case is None and decision.change not in ("added", "changed"):
                    # The common case, kept to one f-string: most testcases pass.
                    yield (
                        f'    <testcase classname="{classname}" name="{owner} :: {label}" '
                        'time="0"/>'
                    )
                    continue
                yield "    " + (case or empty).body(
                    f"{owner} :: {label}", classname, decision.change
                )
        for rule in suite.organization_rules:
            yield "    " + suite.cases[(ORGANIZATION, rule)].body(
                f"{ORGANIZATION} :: {xml_attr(suite.labels[rule])}", classname, None
            )
        yield "  </testsuite>"
    yield "</testsuites>"


# -- several reports in one document (check --discover) -----------------------------------------

_TOTALS = ("tests", "failures", "errors", "skipped")


def combined(sections: Sections, context: RenderContext | None = None) -> str:
    """One <testsuites> holding every report's suites, each name prefixed with its inventory.
    Built as a tree: a --discover report is made of many small inventories."""
    root = ET.Element("testsuites", {"name": "model-governance"})
    totals = dict.fromkeys(_TOTALS, 0)
    for path, report in sections:
        timestamp = xml_clean(utc_text(report.evidence.now))
        root.set("time", "0")
        root.set("timestamp", timestamp)
        for suite in _suites(report):
            root.append(_suite_element(report, suite, xml_clean(visible(path)), timestamp))
            totals["tests"] += suite.tests
            totals["failures"] += suite.failures
            totals["skipped"] += suite.skipped
    for key in _TOTALS:
        root.set(key, str(totals[key]))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite_element(report: Report, suite: _Suite, inventory: str, timestamp: str) -> ET.Element:
    element = ET.Element(
        "testsuite",
        {
            "name": f"{inventory}: {xml_clean(suite.area)}",
            "tests": str(suite.tests),
            "failures": str(suite.failures),
            "errors": "0",
            "skipped": str(suite.skipped),
            "time": "0",
            "timestamp": timestamp,
        },
    )
    _add_properties(element, [(n, visible(v)) for n, v in _suite_properties(report, suite)])
    classname = xml_clean(f"governance.{suite.area}")
    labels = [(rule, xml_clean(suite.labels[rule])) for rule in suite.rules]
    for decision in sorted(report.decisions, key=lambda d: d.id):
        owner = xml_clean(visible(decision.id))
        for rule, label in labels:
            case = suite.cases.get((decision.id, rule))
            name = f"{owner} :: {label}"
            if case is None and decision.change not in ("added", "changed"):  # most pass
                ET.SubElement(
                    element, "testcase", {"classname": classname, "name": name, "time": "0"}
                )
                continue
            element.append((case or _Case()).element(name, classname, decision.change))
    for rule in suite.organization_rules:
        label = f"{ORGANIZATION} :: {xml_clean(suite.labels[rule])}"
        element.append(suite.cases[(ORGANIZATION, rule)].element(label, classname, None))
    return element


def _add_properties(parent: ET.Element, properties: list[tuple[str, str]]) -> None:
    if properties:
        holder = ET.SubElement(parent, "properties")
        for name, value in properties:
            ET.SubElement(holder, "property", {"name": name, "value": xml_clean(value)})


class JUnit(LineFormat):
    """Streams a testcase at a time; several reports merge into one <testsuites>."""

    name = "junit"
    extension = "xml"
    combinable = True

    lines = staticmethod(lines)

    def combine(self, sections: Sections, context: RenderContext) -> str:
        return combined(sections, context)


FORMAT = JUnit()
render = FORMAT.render
