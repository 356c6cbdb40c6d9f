"""Baselines: accept the findings an inventory has today, gate only on the ones that come later.

A baseline file (schemas/baseline.schema.json) lists the open findings at the time it was
created, keyed by fingerprint (rule + choice + the offending field named by ids), so editing
lines around a finding does not bring it back. `check --baseline FILE` marks matching
findings `baselined` (they do not gate), the others `new`, and lists the entries that match
nothing any more (`stale_baseline`) so the file can shrink as violations are fixed.
Waived findings are recorded with their waiver: when the waiver lapses or is removed, the
finding is open again and counts as new (as it does against a git base).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.evaluation.compare import with_statuses
from governance.evaluation.report import Comparison, Report
from governance.inventory import pointer as jp
from governance.inventory import yamlfile
from governance.paths import display_path
from governance.resources import schemas_dir

BASELINE_VERSION = "1"
DEFAULT_FILE = ".governance-baseline.json"
_REPORTED = ("fingerprint", "rule", "choice", "message")


def _sort_key(entry: dict) -> tuple:
    return (
        entry.get("inventory", ""),
        entry["choice"] or "",
        entry["rule"],
        entry["fingerprint"],
        entry["message"],
    )


def entries_of(report: Report, inventory: str | None = None) -> list[dict]:
    """One entry per finding of the report (waived ones name their waiver), sorted."""
    entries = []
    for finding in report.all_findings:
        entry = {
            "fingerprint": finding.fingerprint,
            "rule": finding.rule,
            "choice": finding.choice,
            "message": finding.message,
        }
        if finding.waived_by is not None:
            entry["waived_by"] = finding.waived_by
        if inventory is not None:
            entry["inventory"] = inventory
        entries.append(entry)
    return sorted(entries, key=_sort_key)


def baseline_text(entries: list[dict]) -> str:
    """The baseline file: stable JSON (sorted entries, no timestamps) so diffs stay small."""
    document = {"baseline_version": BASELINE_VERSION, "findings": sorted(entries, key=_sort_key)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((schemas_dir() / "baseline.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _problem(shown: str, line: int, column: int, pointer: str, message: str) -> InputProblem:
    return InputProblem(
        SourceLocation(shown, line, column),
        pointer,
        message,
        "recreate it with: governance baseline create PATH -o FILE",
    )


def load_baseline(path: Path) -> list[dict]:
    """The entries of a baseline file; InputInvalid (exit 2) at file:line:col when it is bad."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputInvalid(
            [_problem(shown, 1, 1, "", f"cannot read baseline: {exc.strerror}")]
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputInvalid([_problem(shown, 1, 1, "", "baseline is not UTF-8 text")]) from None
    except json.JSONDecodeError as exc:
        raise InputInvalid(
            [_problem(shown, exc.lineno, exc.colno, "", f"invalid JSON: {exc.msg}")]
        ) from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        # JSON is YAML: the YAML reader gives every pointer its line and column.
        try:
            document = yamlfile.parse(shown, raw)[0]
        except (yamlfile.YamlProblem, IndexError):
            document = None
        problems = []
        for error in errors:
            pointer = jp.join("", *error.absolute_path)
            location = document.locate(pointer) if document else SourceLocation(shown, 1, 1)
            problems.append(_problem(shown, location.line, location.column, pointer, error.message))
        raise InputInvalid(problems)
    return list(data["findings"])


def apply_baseline(
    report: Report, entries: list[dict], label: str, inventory: str | None = None
) -> Report:
    """Findings in the baseline become `baselined`, others `new`; unmatched entries are stale.

    With ``inventory`` (monorepo), only the entries recorded for that inventory apply.
    """
    relevant = [e for e in entries if inventory is None or e.get("inventory") == inventory]
    pool: dict[str, list[dict]] = defaultdict(list)
    for entry in sorted(relevant, key=_sort_key):
        pool[entry["fingerprint"]].append(entry)

    def status_of(findings) -> dict[int, str]:
        statuses = {}
        # Open findings first, each preferring an entry recorded open: an entry must excuse
        # the finding that would gate. An open finding recorded only as waived is new.
        order = sorted(range(len(findings)), key=lambda i: findings[i].waived_by is not None)
        for index in order:
            finding = findings[index]
            matches = pool.get(finding.fingerprint)
            if not matches:
                statuses[index] = "new"
                continue
            if finding.waived_by is None:
                matches.sort(key=lambda e: "waived_by" in e)  # stable: open entries first
                reopened = "waived_by" in matches[0]
                statuses[index] = "new" if reopened else "baselined"
            else:
                statuses[index] = "baselined"
            matches.pop(0)
        return statuses

    classified = with_statuses(report, status_of)
    # As the report shows them (schemas/report.schema.json#/$defs/baselineEntry): the report
    # is about one inventory, and the waiver is the inventory's business.
    stale = sorted(
        ({k: e[k] for k in _REPORTED if k in e} for left in pool.values() for e in left),
        key=_sort_key,
    )
    return replace(
        classified, comparison=Comparison(kind="baseline", base=label, stale_baseline=stale)
    )
