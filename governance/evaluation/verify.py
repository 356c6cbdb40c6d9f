"""Reading a saved JSON report back, and checking that it still holds (`governance verify`).

`load_report` accepts a report only when it validates against schemas/report.schema.json, and
names the file, line and column of what is wrong. `compare` is pure: the differences between a
recorded report and a fresh evaluation, one line each, naming the file, choice or rule.

Paths: a report records paths as its check printed them, relative to that check's working
directory. To verify from anywhere, the current run's paths are named relative to the deepest
directory holding every PATH argument (likewise every --policy and every --data argument), and
a recorded path matches when it ends with that name. The one prefix that matches most recorded
paths is used; paths that are equal as written always match.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import re
from _json import scanstring  # the C string scanner json.decoder itself uses
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker

from governance.config import RuleOverride
from governance.engine import IN_PROCESS_ENGINES
from governance.errors import InputInvalid, InputProblem, SourceLocation, UsageError
from governance.evaluation.check import DEFAULTS, check
from governance.evaluation.findings import Finding
from governance.evaluation.report import (
    REPORT_SET_VERSION,
    REPORT_VERSION,
    ChoiceDecision,
    FileDigest,
    Report,
    report_schema,
)
from governance.evaluation.settings import ConfigFacts, EvaluationSettings
from governance.evaluation.waivers import WaiverStatus
from governance.inventory.datafile import scan_json
from governance.typed_json import first_difference

SUPPORTED_VERSIONS = (REPORT_VERSION,)
SUPPORTED_SET_VERSIONS = (REPORT_SET_VERSION,)
MAX_SCHEMA_PROBLEMS = 20
_BUILTIN = "builtin/"


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(report_schema(), format_checker=FormatChecker())


def _schema_valid(data: dict) -> bool:
    """Fast yes/no (jsonschema-rs: 0.1 s where jsonschema takes 45 s on a 10k-choice report);
    the messages for an invalid report still come from jsonschema, the reference."""
    fast = jsonschema_rs.validator_for(report_schema(), validate_formats=True)
    return fast.is_valid(data)


def load_report(path: Path) -> Report:
    """The report at ``path``, once it is JSON, of a known version and schema-valid."""
    shown, text, data = _read_json(path)
    return Report.from_dict(_checked_report(shown, text, data, ""))


def load_saved(path: Path) -> list[tuple[str | None, Report]]:
    """A saved report, [(None, report)], or report set (check --discover), [(inventory,
    report)] in its order; each report checked as load_report checks one, its problems
    located in the file."""
    shown, text, data = _read_json(path)
    if not (isinstance(data, dict) and "report_set_version" in data):
        return [(None, Report.from_dict(_checked_report(shown, text, data, "")))]
    positions = _Positions(text)
    if data["report_set_version"] not in SUPPORTED_SET_VERSIONS:
        readable = ", ".join(repr(v) for v in SUPPORTED_SET_VERSIONS)
        where = positions.location(shown, "/report_set_version")
        message = f"report_set_version {data['report_set_version']!r} is not supported: "
        raise InputInvalid(
            [
                InputProblem(
                    where, "/report_set_version", message + f"this governance reads {readable}"
                )
            ]
        )
    entries = data.get("inventories")
    if (
        not isinstance(entries, list)
        or not all(
            isinstance(e, dict) and isinstance(e.get("path"), str) and "report" in e
            for e in entries
        )
        or set(data) != {"report_set_version", "inventories"}
    ):
        message = "not a report set: it holds report_set_version and inventories, a list of "
        message += "{path, report}"
        raise InputInvalid([InputProblem(SourceLocation(shown, 1, 1), "", message)])
    return [
        (
            entry["path"],
            Report.from_dict(
                _checked_report(shown, text, entry["report"], f"/inventories/{i}/report")
            ),
        )
        for i, entry in enumerate(entries)
    ]


def _read_json(path: Path) -> tuple[str, str, object]:
    shown = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{shown}: cannot read the report: {reason}") from None
    scan_json(shown, text)  # NaN, and nesting json.loads would recurse through to a crash
    try:
        return shown, text, json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputInvalid(
            [InputProblem(SourceLocation(shown, exc.lineno, exc.colno), "", f"not JSON: {exc.msg}")]
        ) from None


def _checked_report(shown: str, text: str, data: object, prefix: str) -> dict:
    """``data`` (at ``prefix`` in the file) once it is a report of a known version and
    schema-valid; problems name the file, line and column."""
    version = data.get("report_version") if isinstance(data, dict) else None
    if not isinstance(data, dict) or version not in SUPPORTED_VERSIONS:
        readable = ", ".join(repr(v) for v in SUPPORTED_VERSIONS)
        positions = _Positions(text)
        where = positions.location(shown, prefix) if prefix else SourceLocation(shown, 1, 1)
        message = f"not a governance report: no report_version (this governance reads {readable})"
        hint = ""
        if isinstance(data, dict) and "report_version" in data:
            where = positions.location(shown, prefix + "/report_version")
            message = f"report_version {version!r} is not supported: this governance reads "
            message += readable
            hint = "write it again with governance check -o json, or read it with the release "
            hint += "that wrote it"
        raise InputInvalid([InputProblem(where, prefix + "/report_version", message, hint)])
    errors = [] if _schema_valid(data) else list(_validator().iter_errors(data))
    if errors:
        positions = _Positions(text)
        problems = sorted(
            InputProblem(positions.location(shown, pointer), pointer, error.message)
            for error in errors
            for pointer in [prefix + _pointer(error.absolute_path)]
        )
        if len(problems) > MAX_SCHEMA_PROBLEMS:
            end = SourceLocation(shown, len(positions.line_starts), 1)
            left = len(problems) - MAX_SCHEMA_PROBLEMS
            more = InputProblem(end, "", f"and {left} more schema errors")
            problems = [*problems[:MAX_SCHEMA_PROBLEMS], more]
        raise InputInvalid(problems)
    return data


def _pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


_SPACE = re.compile(r"[ \t\n\r]*")


class _Positions:
    """Where each JSON pointer's value starts in a JSON text (computed only to report errors)."""

    def __init__(self, text: str):
        self.text = text
        self.offsets: dict[str, int] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # Keep what was found before anything unexpected; the rest is reported at 1:1.
        with contextlib.suppress(ValueError, IndexError, RecursionError):
            self._value(0, "")

    def location(self, shown: str, pointer: str) -> SourceLocation:
        offset = self.offsets.get(pointer)
        if offset is None:
            return SourceLocation(shown, 1, 1)
        line = bisect.bisect_right(self.line_starts, offset)
        return SourceLocation(shown, line, offset - self.line_starts[line - 1] + 1)

    def _space(self, i: int) -> int:
        match = _SPACE.match(self.text, i)  # '[ \t\n\r]*' matches everywhere
        return match.end() if match else i

    def _value(self, i: int, pointer: str) -> int:
        text = self.text
        i = self._space(i)
        self.offsets[pointer] = i
        if text[i] == "{":
            i = self._space(i + 1)
            while text[i] != "}":
                key, i = scanstring(text, i + 1)
                i = self._space(i) + 1  # the ':'
                i = self._space(self._value(i, f"{pointer}/{_pointer([key])[1:]}"))
                if text[i] == ",":
                    i = self._space(i + 1)
            return i + 1
        if text[i] == "[":
            i, index = self._space(i + 1), 0
            while text[i] != "]":
                i = self._space(self._value(i, f"{pointer}/{index}"))
                index += 1
                if text[i] == ",":
                    i = self._space(i + 1)
            return i + 1
        return json.JSONDecoder().raw_decode(text, i)[1]


@dataclass(frozen=True)
class Difference:
    """One way the report no longer holds; a note (fails=False) is shown but does not fail."""

    text: str
    fails: bool = True


@dataclass(frozen=True)
class Roots:
    """The directories the current run's paths are named relative to (None: as written)."""

    inventory: Path | None = None
    policies: Path | None = None
    data: Path | None = None


def common_root(paths) -> Path | None:
    """The deepest directory holding every path (a file counts as its directory)."""
    directories = [
        p.resolve() if p.is_dir() else p.resolve().parent for p in (Path(x) for x in paths)
    ]
    return Path(os.path.commonpath(directories)) if directories else None


def verify(
    recorded: Report, paths: list[str | Path], settings: EvaluationSettings = DEFAULTS
) -> tuple[Report, list[Difference]]:
    """Evaluate again at the report's clock and compare, on the engine the report records
    when it runs in process (embedded, opa-inprocess); an OPA server only when ``settings``
    name one (--opa-url, or engine = "opa" in governance.toml); a note says so when the report
    was made with another engine."""
    recorded_engine = recorded.evidence.engine_name
    if settings.engine == "opa":
        engine = "opa"
    elif recorded_engine in IN_PROCESS_ENGINES:
        engine = recorded_engine
    else:
        engine = "embedded"
    current = check(list(paths), replace(settings, engine=engine, now=recorded.evidence.now))
    notes = []
    if recorded_engine != engine:
        hint = " (give --opa-url to verify with an OPA server)" if engine == "embedded" else ""
        notes.append(
            Difference(
                f"note: the report was evaluated with the {recorded_engine} engine, verified "
                f"with the {engine} engine{hint}",
                fails=False,
            )
        )
    roots = Roots(
        common_root(paths), common_root(settings.policy_dirs), common_root(settings.data_files)
    )
    return current, notes + compare(recorded, current, roots)


def compare(recorded: Report, current: Report, roots: Roots | None = None) -> list[Difference]:
    """Every difference between a recorded report and ``current``, re-evaluated at its clock:
    inputs, policies, decisions, findings and waivers. Engine and tool versions are notes.
    When none of those differ, anything else the two reports decided must be equal too (the
    first field that is not is named)."""
    roots = roots or Roots()
    old, new = recorded.evidence, current.evidence
    differences = _notes(recorded, current)

    inputs = _align(_paths(old.inputs), _paths(new.inputs), roots.inventory)
    differences += _files("input", dict(old.inputs), dict(new.inputs), inputs)

    old_modules, new_modules = dict(old.policies), dict(new.policies)
    modules = _align_custom(list(old_modules), list(new_modules), roots.policies)
    policy = _files("policy", old_modules, new_modules, modules)
    old_data, new_data = dict(old.data_files), dict(new.data_files)
    data = _align_custom(list(old_data), list(new_data), roots.data)
    policy += _files("policy data", old_data, new_data, data)
    policy += _bundle(old.bundle, new.bundle)
    renamed = any(k != v for k, v in {**modules, **data}.items())
    if not policy and not renamed and old.policy_digest != new.policy_digest:
        # Every file matches but the set does not (e.g. --data files merged in another order).
        policy.append(
            Difference(
                f"policy set changed (sha256 {_short(old.policy_digest)} in the report, "
                f"{_short(new.policy_digest)} now)"
            )
        )
    differences += policy
    differences += _config(old.config, new.config)

    if recorded.organization != current.organization:
        differences.append(
            Difference(
                f"organization changed: {recorded.organization.id} -> {current.organization.id}"
            )
        )
    differences += _decisions(recorded.decisions, current.decisions)
    differences += _findings(recorded.all_findings, current.all_findings, inputs)
    differences += _waivers(recorded.waivers, current.waivers)
    if not any(d.fails for d in differences):
        differences += _remaining(recorded, current, inputs)
    return differences


def _notes(recorded: Report, current: Report) -> list[Difference]:
    old, new = recorded.evidence, current.evidence
    notes = []
    for what, was, now in (
        ("engine", old.engine, new.engine),
        ("tool version", old.tool_version, new.tool_version),
    ):
        if was != now:
            notes.append(
                Difference(
                    f"note: {what} differs: {was} in the report, {now} now "
                    "(not a failure by itself: the decisions and findings must still match)",
                    fails=False,
                )
            )
    comparison = recorded.comparison
    if comparison:
        notes.append(
            Difference(
                f"note: the report was compared with {comparison.base} ({comparison.kind}); "
                "verify re-evaluates without it, so choice changes and finding statuses are "
                "not checked",
                fails=False,
            )
        )
    return notes


def _paths(entries: list[FileDigest]) -> list[str]:
    return [e.path for e in entries]


def _short(digest: str | None) -> str:
    return f"{digest[:12]}…" if digest else "none"


def _align(old: list[str], new: list[str], root: Path | None) -> dict[str, str]:
    """Recorded path -> current path, for those that name the same file (see the docstring)."""
    present = set(new)
    literal = {p: p for p in old if p in present}
    if root is None or len(literal) == len(old):
        return literal
    by_name = {}
    for path in new:
        try:
            by_name[Path(path).resolve().relative_to(root).as_posix()] = path
        except ValueError:
            continue
    hits: Counter = Counter()
    for path in old:
        parts = PurePosixPath(path).parts
        for k in range(len(parts)):
            if "/".join(parts[k:]) in by_name:
                hits[parts[:k]] += 1
    if not hits:
        return literal
    prefix, count = max(hits.items(), key=lambda item: (item[1], -len(item[0]), item[0]))
    if count <= len(literal):
        return literal
    aligned = {}
    for path in old:
        parts = PurePosixPath(path).parts
        name = "/".join(parts[len(prefix) :])
        if parts[: len(prefix)] == prefix and name in by_name:
            aligned[path] = by_name[name]
    return aligned


def _align_custom(old: list[str], new: list[str], root: Path | None) -> dict[str, str]:
    """Built-in modules and data keep their names; custom ones are files, aligned as inputs."""
    builtin = {n: n for n in old if n.startswith(_BUILTIN) and n in set(new)}
    custom = _align(
        [n for n in old if not n.startswith(_BUILTIN)],
        [n for n in new if not n.startswith(_BUILTIN)],
        root,
    )
    return {**builtin, **custom}


def _files(
    kind: str, old: dict[str, str], new: dict[str, str], same: dict[str, str]
) -> list[Difference]:
    differences = []
    for name in sorted(old):
        if name not in same:
            differences.append(Difference(f"{kind} missing: {name}"))
        elif old[name] != new[same[name]]:
            differences.append(
                Difference(
                    f"{kind} changed: {name} (sha256 {_short(old[name])} in the report, "
                    f"{_short(new[same[name]])} now)"
                )
            )
    matched = set(same.values())
    differences += [Difference(f"{kind} added: {n}") for n in sorted(new) if n not in matched]
    return differences


def _bundle(old: dict | None, new: dict | None) -> list[Difference]:
    if (old or {}).get("sha256") == (new or {}).get("sha256"):
        return []
    return [
        Difference(
            f"policy bundle changed (sha256 {_short((old or {}).get('sha256'))} in the report, "
            f"{_short((new or {}).get('sha256'))} now)"
        )
    ]


def _config(old: ConfigFacts | None, new: ConfigFacts | None) -> list[Difference]:
    """The configuration file (and so the overrides) the report was made with, and now."""
    if (old and old.sha256) == (new and new.sha256):
        return []
    if old is None:
        assert new is not None  # the digests differ
        return [Difference(f"configuration added: {new.path} (none in the report)")]
    if new is None:
        return [Difference(f"configuration missing: {old.path} (no configuration file now)")]
    differences = [
        Difference(
            f"configuration changed: {old.path} (sha256 {_short(old.sha256)} in the "
            f"report, {_short(new.sha256)} now)"
        )
    ]
    before = {o.rule: o for o in old.overrides}
    after = {o.rule: o for o in new.overrides}
    for rule in sorted(before.keys() | after.keys()):
        if before.get(rule) != after.get(rule):
            differences.append(
                Difference(
                    f"rule override changed: {rule}: {_override(before.get(rule))} -> "
                    f"{_override(after.get(rule))}"
                )
            )
    return differences


def _override(override: RuleOverride | None) -> str:
    if override is None:
        return "none"
    if not override.enabled:
        return "disabled"
    return f"severity {override.severity}"


def _decisions(old: list[ChoiceDecision], new: list[ChoiceDecision]) -> list[Difference]:
    before = {d.id: d.decision for d in old}
    after = {d.id: d.decision for d in new}
    differences = []
    for choice in sorted(before.keys() | after.keys()):
        if choice not in after:
            differences.append(
                Difference(f"choice missing: {choice} ({before[choice]} in the report)")
            )
        elif choice not in before:
            differences.append(Difference(f"choice added: {choice} ({after[choice]} now)"))
        elif before[choice] != after[choice]:
            differences.append(
                Difference(f"decision changed: {choice}: {before[choice]} -> {after[choice]}")
            )
    return differences


def _key(finding: Finding) -> tuple:
    return (finding.choice or "", finding.rule, finding.fingerprint, finding.message)


def _where(finding: Finding) -> str:
    location = finding.location
    return (
        f"{finding.choice or 'organization'}: {finding.rule} "
        f"({finding.severity}) at {location.path}:{location.line}:{location.column}: "
        f"{finding.message}"
    )


# Compared between a recorded finding and its match; `status` belongs to a comparison.
_FIELDS = ("severity", "waived_by", "pointer", "location", "title", "remediation", "controls")


def _rebased(location: SourceLocation, paths: dict[str, str]) -> SourceLocation:
    """A recorded location under the name the current run gives its file."""
    path = paths.get(location.path, location.path)
    return location if path == location.path else replace(location, path=path)


def _findings(old: list[Finding], new: list[Finding], paths: dict[str, str]) -> list[Difference]:
    before, after = defaultdict(list), defaultdict(list)
    for finding in old:
        before[_key(finding)].append(finding)
    for finding in new:
        after[_key(finding)].append(finding)
    differences = []
    for key in sorted(before.keys() | after.keys()):
        pairs = list(zip(before[key], after[key], strict=False))
        differences += [
            Difference(f"finding missing: {_where(f)}") for f in before[key][len(pairs) :]
        ]
        differences += [Difference(f"finding new: {_where(f)}") for f in after[key][len(pairs) :]]
        for was, now in pairs:
            was = replace(was, location=_rebased(was.location, paths))
            for field in _FIELDS:
                if getattr(was, field) != getattr(now, field):
                    differences.append(
                        Difference(
                            f"finding changed: {now.choice or 'organization'}: {now.rule}: "
                            f"{field} {_show(getattr(was, field))} -> {_show(getattr(now, field))}"
                        )
                    )
    return differences


def _show(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, SourceLocation):
        return f"{value.path}:{value.line}:{value.column}"
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return str(value)


def _waivers(old: list[WaiverStatus], new: list[WaiverStatus]) -> list[Difference]:
    def state(waiver: WaiverStatus) -> str:
        return f"{waiver.state}, {'used' if waiver.used else 'unused'}"

    before = {w.id: w for w in old}
    after = {w.id: w for w in new}
    differences = []
    for waiver in sorted(before.keys() | after.keys()):
        if waiver not in after:
            differences.append(Difference(f"waiver missing: {waiver}"))
        elif waiver not in before:
            differences.append(Difference(f"waiver added: {waiver}"))
        elif state(before[waiver]) != state(after[waiver]):
            differences.append(
                Difference(
                    f"waiver changed: {waiver}: {state(before[waiver])} -> {state(after[waiver])}"
                )
            )
    return differences


def _decided(report: Report, paths: dict[str, str]) -> tuple:
    """What a report decided, as verify holds it to: recorded paths under their current
    names, without what belongs to a comparison (choice changes, finding statuses)."""

    def finding(f: Finding) -> Finding:
        return replace(f, location=_rebased(f.location, paths), status=None)

    def findings(found) -> list[Finding]:
        return sorted((finding(f) for f in found), key=lambda f: f.sort_key)

    decisions = {
        d.id: replace(
            d,
            location=_rebased(d.location, paths),
            change=None,
            findings=tuple(findings(d.findings)),
        )
        for d in report.decisions
    }
    return decisions, findings(report.organization_findings), report.waivers


def _remaining(recorded: Report, current: Report, paths: dict[str, str]) -> list[Difference]:
    """The first difference the checks above do not name (a decision's role or location, a
    waiver's dates, an override on a finding), as a path into the report."""
    old_decisions, old_findings, old_waivers = _decided(recorded, paths)
    new_decisions, new_findings, new_waivers = _decided(current, {})
    where = (
        first_difference(old_decisions, new_decisions, "decisions")
        or first_difference(old_findings, new_findings, "organization_findings")
        or first_difference(old_waivers, new_waivers, "waivers")
    )
    return [Difference(f"report differs: {where}")] if where else []
