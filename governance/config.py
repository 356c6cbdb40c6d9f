"""The organization's configuration file: `governance.toml`, or `[tool.governance]` in
`pyproject.toml`, found from the working directory upward to the repository's top.

It names what every command would otherwise need as flags (inventories, policy directories,
data files, engine, fail-on, baseline, outputs, the extensions schema) and the organization's
rule overrides. Reading it is strict: an unknown key, a value of the wrong type or an override
without a justification is one located error (`governance.toml:4:1: error: ...`, exit 2), so a
typo never silently drops a setting. Paths in it are relative to the file.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from governance.engine import ENGINE_NAMES
from governance.errors import InputInvalid, InputProblem, SourceLocation, UsageError
from governance.typed_json import NOT_IN_JSON, Spec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # the test extra installs it for mypy on every version

CONFIG_NAME = "governance.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "never")
SEVERITIES = ("error", "warning", "info")
_TOP_KEYS = {
    "paths": "list",
    "policy": "list",
    "data": "list",
    "fail_on": FAIL_ON,
    "engine": ENGINE_NAMES,
    "opa": "table",
    "baseline": "str",
    "outputs": "list",
    "extensions_schema": "str",
    "rules": "table",
}
_OPA_KEYS = {
    "url": str,
    "token_env": str,
    "timeout": (int, float),
    "retries": int,
    "ca_bundle": str,
    "preloaded": bool,
}
_OVERRIDE_KEYS = ("severity", "enabled", "justification")
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}


@dataclass(frozen=True)
class RuleOverride:
    """The organization's override of one rule (governance.toml): another severity, or
    switched off."""

    rule: Annotated[str, Spec(description="The rule id.")]
    # None: the rule's own severity (an override that only disables)
    severity: Annotated[
        str | None,
        Spec(
            description="The severity its findings get; null keeps the rule's own.",
            enum=("error", "warning", "info", None),
        ),
    ]
    enabled: Annotated[bool, Spec(description="false: the rule's findings are dropped.")]
    justification: Annotated[str, Spec(description="Why the organization decided so.", minLength=1)]
    # where it is written; a report does not record it (read back: the file's first line)
    location: Annotated[SourceLocation, NOT_IN_JSON] = field(
        default=SourceLocation("", 1, 1), compare=False
    )

    @property
    def change(self) -> str:
        """'severity warning', 'disabled': what the override does, for reports."""
        if not self.enabled:
            return "disabled"
        return f"severity {self.severity}" if self.severity else "unchanged"


@dataclass(frozen=True)
class Config:
    """A configuration file, read and checked; every path already made relative to it."""

    path: Path
    shown: str  # as messages and reports name it
    sha256: str
    paths: tuple[Path, ...] = ()
    policy: tuple[Path, ...] = ()
    data: tuple[Path, ...] = ()
    fail_on: str | None = None
    engine: str | None = None
    opa: tuple[tuple[str, object], ...] = ()  # (key, value) of the [opa] table
    baseline: Path | None = None
    outputs: tuple[str, ...] = ()
    extensions_schema: Path | None = None
    rules: tuple[RuleOverride, ...] = ()  # each carries where it is written


def find_config(start: Path | None = None) -> Path | None:
    """The nearest governance.toml, or pyproject.toml with a [tool.governance] table, from
    ``start`` upward; the search stops at the repository's top (the directory holding .git)."""
    directory = (start or Path.cwd()).resolve()
    for candidate in (directory, *directory.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*governance\s*[.\]]", text, re.MULTILINE) is not None


def resolve_config(explicit: Path | None, disabled: bool, start: Path | None = None):
    """The configuration in force: ``explicit`` (--config), none (--no-config), else found."""
    if disabled:
        if explicit is not None:
            raise UsageError("--config and --no-config contradict each other: give one")
        return None
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"--config {explicit}: no such file")
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found is not None else None


def load_config(path: Path) -> Config:
    """Read and check the configuration at ``path`` (exit 2, located, when it is wrong)."""
    from governance.paths import display_path

    shown = display_path(path)
    if Path(shown).is_absolute() and path.resolve().parent in Path.cwd().resolve().parents:
        shown = os.path.relpath(path.resolve())  # found above the working directory
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{shown}: cannot read the configuration: {reason}") from None
    return parse_config(text, shown, path, hashlib.sha256(raw).hexdigest())


def parse_config(text: str, shown: str, path: Path, sha256: str = "") -> Config:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, message = _toml_error(str(exc), text)
        raise InputInvalid(
            [
                InputProblem(
                    SourceLocation(shown, line, column),
                    "",
                    f"not valid TOML: {message}",
                    "see https://toml.io",
                )
            ]
        ) from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        prefix = ("tool", "governance")
        table = document.get("tool", {}).get("governance")
        if not isinstance(table, dict):
            raise UsageError(f"{shown}: no [tool.governance] table")
        document = table
    scan = _Positions(text, shown, prefix)
    reader = _Reader(scan, path.parent)
    settings = reader.read(document)
    if reader.problems:
        raise InputInvalid(reader.problems)
    return Config(
        path=path,
        shown=shown,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **settings,
    )


def _toml_error(message: str, text: str) -> tuple[int, int, str]:
    """(line, column, message) of tomllib's error (it writes the position into the message)."""
    end = re.search(r"\s*\(at end of document\)\s*$", message)
    if end is not None:
        lines = text.split("\n")
        return len(lines), len(lines[-1]) + 1, message[: end.start()]
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if match is None:
        return 1, 1, message
    return int(match.group(1)), int(match.group(2)), message[: match.start()]


class _Reader:
    """Checks the parsed document key by key, collecting every problem with its place."""

    def __init__(self, positions: _Positions, directory: Path):
        self.positions = positions
        self.directory = directory
        self.problems: list[InputProblem] = []

    def problem(self, keys: tuple[str, ...], message: str, hint: str = "", value=False) -> None:
        where = self.positions.value_at(keys) if value else self.positions.key_at(keys)
        self.problems.append(InputProblem(where, "", message, hint))

    def read(self, document: dict) -> dict:
        settings: dict = {}
        for key, value in document.items():
            kind = _TOP_KEYS.get(key)
            if kind is None:
                self.problem(
                    (key,),
                    f"unknown key {key!r}",
                    f"allowed: {', '.join(sorted(_TOP_KEYS))}",
                )
            elif key == "opa":
                settings["opa"] = self._opa(value)
            elif key == "rules":
                settings["rules"] = self._rules(value)
            elif kind == "list":
                items = self._strings((key,), value)
                if key == "outputs":
                    settings[key] = tuple(self._output(item) for item in items)
                else:
                    settings[key] = tuple(self.directory / item for item in items)
            elif kind == "str":
                if self._is((key,), value, str):
                    settings[key] = self.directory / value
            elif self._is((key,), value, str):
                if value not in kind:
                    self.problem(
                        (key,), f"{key} {value!r} is not one of {', '.join(kind)}", value=True
                    )
                else:
                    settings[key] = value
        return settings

    def _is(self, keys: tuple[str, ...], value, kind) -> bool:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds):
            return True
        wanted = "a number" if float in kinds else _TYPE_NAMES[kinds[0]]
        message = f"{'.'.join(keys)} must be {wanted}, not {_toml_type(value)}"
        self.problem(keys, message, value=True)
        return False

    def _strings(self, keys: tuple[str, ...], value) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(
                keys,
                f"{'.'.join(keys)} must be a list of strings, not {_toml_type(value)}",
                f'e.g. {keys[-1]} = ["..."]',
                value=True,
            )
            return []
        return value

    def _output(self, item: str) -> str:
        kind, separator, target = item.partition("=")
        if not separator:
            return item
        return f"{kind}={self.directory / target}"

    def _opa(self, value) -> tuple[tuple[str, object], ...]:
        if not isinstance(value, dict):
            self.problem(("opa",), f"opa must be a table, not {_toml_type(value)}", value=True)
            return ()
        read = []
        for key, item in value.items():
            if key not in _OPA_KEYS:
                self.problem(
                    ("opa", key),
                    f"unknown key 'opa.{key}'",
                    f"allowed: {', '.join(sorted(_OPA_KEYS))}",
                )
            elif self._is(("opa", key), item, _OPA_KEYS[key]):
                if key == "ca_bundle":
                    item = str(self.directory / item)
                read.append((key, item))
        return tuple(read)

    def _rules(self, value) -> tuple[RuleOverride, ...]:
        if not isinstance(value, dict):
            self.problem(("rules",), f"rules must be a table, not {_toml_type(value)}", value=True)
            return ()
        overrides = []
        for rule, table in value.items():
            keys = ("rules", rule)
            if not re.fullmatch(r"GOV-[A-Z]+-[0-9]{3}", rule):
                self.problem(keys, f"{rule!r} is not a rule id", 'e.g. [rules."GOV-SAF-001"]')
                continue
            if not isinstance(table, dict):
                self.problem(keys, f"rules.{rule} must be a table, not {_toml_type(table)}")
                continue
            override = self._override(rule, table)
            if override is not None:
                overrides.append(override)
        return tuple(sorted(overrides, key=lambda o: o.rule))

    def _override(self, rule: str, table: dict) -> RuleOverride | None:
        keys = ("rules", rule)
        before = len(self.problems)
        for key in table:
            if key not in _OVERRIDE_KEYS:
                self.problem(
                    (*keys, key),
                    f"unknown key {key!r} in the override of {rule}",
                    f"allowed: {', '.join(_OVERRIDE_KEYS)}",
                )
        severity = table.get("severity")
        unchecked = severity is None or not self._is((*keys, "severity"), severity, str)
        if not unchecked and severity not in SEVERITIES:
            self.problem(
                (*keys, "severity"),
                f"severity {severity!r} is not one of {', '.join(SEVERITIES)}",
                value=True,
            )
        enabled = table.get("enabled", True)
        self._is((*keys, "enabled"), enabled, bool)
        justification = table.get("justification")
        if justification is None or (isinstance(justification, str) and not justification.strip()):
            self.problem(
                keys,
                f"the override of {rule} has no justification",
                'say why, e.g. justification = "accepted until the Q3 migration (SEC-1234)"',
            )
        else:
            self._is((*keys, "justification"), justification, str)
        if severity is None and enabled is True and "justification" in table:
            self.problem(keys, f"the override of {rule} changes nothing", "set severity or enabled")
        if len(self.problems) > before:
            return None
        return RuleOverride(
            rule,
            severity,
            enabled,
            " ".join(str(justification).split()),
            self.positions.key_at(keys),
        )


def _toml_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return f"the string {json.dumps(value)}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "an array" if not value or any(not isinstance(v, str) for v in value) else "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_BARE = re.compile(r"[A-Za-z0-9_-]+")


_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")


def _matched(pattern: re.Pattern, text: str, at: int) -> re.Match:
    """``pattern`` matched at ``at``; ValueError (the scan stops there) when it does not."""
    match = pattern.match(text, at)
    if match is None:
        raise ValueError(f"unexpected text at offset {at}")
    return match


class _Positions:
    """Where each key (and its value) is written in a TOML text: tomllib gives no positions.

    A small scanner for what a configuration holds: table headers, (dotted) keys, and values
    skipped over (strings of every kind, arrays, inline tables, comments)."""

    def __init__(self, text: str, shown: str, prefix: tuple[str, ...]):
        self.text, self.shown, self.prefix = text, shown, prefix
        self.starts: list[int] = []
        self.keys: dict[tuple[str, ...], SourceLocation] = {}
        self.values: dict[tuple[str, ...], SourceLocation] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        with contextlib.suppress(IndexError, ValueError):  # tomllib accepted it: keep what
            self._scan()  # was found

    def key_at(self, keys: tuple[str, ...]) -> SourceLocation:
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.keys:
                return self.keys[keys[:end]]
        return SourceLocation(self.shown, 1, 1)

    def value_at(self, keys: tuple[str, ...]) -> SourceLocation:
        return self.values.get(keys) or self.key_at(keys)

    def _location(self, offset: int) -> SourceLocation:
        line = bisect.bisect_right(self.line_starts, offset)
        return SourceLocation(self.shown, line, offset - self.line_starts[line - 1] + 1)

    def _space(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t":
            i += 1
        return i

    def _key(self, i: int) -> tuple[list[str], int]:
        parts, self.starts = [], []
        while True:
            i = self._space(i)
            self.starts.append(i)
            char = self.text[i]
            if char == '"':
                match = _matched(_BASIC, self.text, i)
                parts.append(json.loads(match.group(0)))
            elif char == "'":
                match = _matched(_LITERAL, self.text, i)
                parts.append(match.group(0)[1:-1])
            else:
                match = _matched(_BARE, self.text, i)
                parts.append(match.group(0))
            i = self._space(match.end())
            if i < len(self.text) and self.text[i] == ".":
                i += 1
                continue
            return parts, i

    def _scan(self) -> None:
        text, i = self.text, 0
        table: tuple[str, ...] = ()
        inside = not self.prefix
        while i < len(text):
            i = self._space(i)
            if i >= len(text):
                break
            char = text[i]
            if char in "\r\n":
                i += 1
            elif char == "#":
                i = text.find("\n", i)
                i = len(text) if i < 0 else i
            elif char == "[":
                double = text.startswith("[[", i)
                start = i + (2 if double else 1)
                parts, i = self._key(start)
                i += 2 if double else 1
                full, starts = tuple(parts), self.starts
                inside = full[: len(self.prefix)] == self.prefix
                table = full[len(self.prefix) :]
                for end in range(len(self.prefix) + 1, len(full) + 1) if inside else ():
                    where = self._location(starts[end - 1])
                    self.keys.setdefault(full[len(self.prefix) : end], where)
            else:
                start = i
                parts, i = self._key(i)
                i = self._space(i + 1)  # the '='
                keys = (*table, *parts)
                if inside and keys:
                    self.keys.setdefault(keys, self._location(start))
                    self.values.setdefault(keys, self._location(i))
                i = self._value(i, keys if inside else None)

    def _value(self, i: int, keys: tuple[str, ...] | None) -> int:
        """The offset just past the value starting at ``i``."""
        text = self.text
        for quote in ('"""', "'''"):
            if text.startswith(quote, i):
                end = text.index(quote, i + 3)
                while text.startswith(quote[0], end + 3):
                    end += 1
                return end + 3
        if text[i] == '"':
            return _matched(_BASIC, text, i).end()
        if text[i] == "'":
            return _matched(_LITERAL, text, i).end()
        if text[i] in "[{":
            closing = "]" if text[i] == "[" else "}"
            i += 1
            while True:
                while text[i] in " \t\r\n,":
                    i += 1
                if text[i] == "#":
                    i = text.index("\n", i)
                    continue
                if text[i] == closing:
                    return i + 1
                if closing == "}":
                    start = i
                    parts, i = self._key(i)
                    i = self._space(i + 1)
                    inner = (*keys, *parts) if keys is not None else None
                    if inner is not None:
                        self.keys.setdefault(inner, self._location(start))
                        self.values.setdefault(inner, self._location(i))
                    i = self._value(i, inner)
                else:
                    i = self._value(i, None)
        match = re.compile(r"[^\s,\]}#]+").match(text, i)
        return match.end() if match else i + 1
