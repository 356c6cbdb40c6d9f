"""Collect the Rego modules and catalogue data an evaluation uses, and fingerprint them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

from governance.errors import InputInvalid, InputProblem, SourceLocation, UsageError
from governance.inventory.yamlfile import load_plain
from governance.paths import display_path
from governance.policy.metadata import (
    MetadataError,
    RuleInfo,
    read_annotations,
    rule_docs_uri,
    rule_info,
)
from governance.resources import policies_dir

RUNTIME_DIR = "governance"  # aggregator + helper library: always loaded
RULES_DIR = "rules"  # the built-in rule library: left out with --no-builtin
CATALOGUE_DIR = "data"


@dataclass(frozen=True)
class PolicyModule:
    """One Rego file: its name as shown to users, its text, and whose it is."""

    name: str
    text: str
    origin: str  # "builtin" or "custom"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class PolicySet:
    modules: list[PolicyModule]
    data: dict
    data_files: list[tuple[str, str]] = field(default_factory=list)  # (name, sha256)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    # A bundle's rule overrides (governance.toml's, recorded at build), as dicts
    overrides: tuple[dict, ...] = ()

    @property
    def digest(self) -> str:
        """SHA-256 over every module and the data: the identity of the policy set."""
        hasher = hashlib.sha256()
        for module in sorted(self.modules, key=lambda m: m.name):
            hasher.update(f"{module.name}\0{module.sha256}\n".encode())
        hasher.update(json.dumps(self.data, sort_keys=True, separators=(",", ":")).encode())
        return hasher.hexdigest()


def _is_test(path: Path) -> bool:
    return path.name.endswith("_test.rego")


def _builtin_modules(include_rules: bool) -> list[PolicyModule]:
    root = policies_dir()
    directories = [RUNTIME_DIR] + ([RULES_DIR] if include_rules else [])
    modules = []
    for directory in directories:
        for path in sorted((root / directory).rglob("*.rego")):
            if not _is_test(path):
                name = f"builtin/{path.relative_to(root).as_posix()}"
                modules.append(PolicyModule(name, path.read_text("utf-8"), "builtin"))
    return modules


def _custom_modules(directories: list[Path]) -> list[PolicyModule]:
    modules = []
    for directory in directories:
        if not directory.exists():
            raise UsageError(f"{display_path(directory)}: no such policy directory")
        paths = [directory] if directory.is_file() else sorted(directory.rglob("*.rego"))
        for path in paths:
            if not _is_test(path):
                modules.append(PolicyModule(display_path(path), path.read_text("utf-8"), "custom"))
    return modules


def _read_data_file(path: Path) -> dict:
    try:
        text = path.read_text("utf-8")
        value = json.loads(text) if path.suffix == ".json" else load_plain(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        line, column = 1, 1
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        elif isinstance(exc, json.JSONDecodeError):
            line, column = exc.lineno, exc.colno
        message = str(exc).splitlines()[0]
        raise InputInvalid(
            [InputProblem(SourceLocation(display_path(path), line, column), "", message, "")]
        ) from None
    if not isinstance(value, dict):
        raise InputInvalid(
            [
                InputProblem(
                    SourceLocation(display_path(path), 1, 1),
                    "",
                    "a data file must hold a mapping at the top",
                    "",
                )
            ]
        )
    return value


def _merge(into: dict, extra: dict, where: str) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value, f"{where}.{key}")
        else:
            into[key] = value


def load_policy_set(
    custom_dirs: list[Path] | None = None,
    data_files: list[Path] | None = None,
    builtin: bool = True,
) -> PolicySet:
    modules = _builtin_modules(include_rules=builtin) + _custom_modules(custom_dirs or [])
    catalogue_root = policies_dir() / CATALOGUE_DIR
    catalog: dict = {}
    fingerprints = []
    for path in sorted(catalogue_root.glob("*.yaml")):
        catalog[path.stem] = load_plain(path.read_text("utf-8"))
        fingerprints.append(
            (f"builtin/data/{path.name}", hashlib.sha256(path.read_bytes()).hexdigest())
        )
    data: dict = {"governance": {"catalog": catalog}}
    for path in data_files or []:
        _merge(data, _read_data_file(path), "data")
        fingerprints.append((display_path(path), hashlib.sha256(path.read_bytes()).hexdigest()))
    rules = rules_of(modules)
    return PolicySet(modules=modules, data=data, data_files=fingerprints, rules=rules)


def rules_of(modules: list[PolicyModule]) -> dict[str, RuleInfo]:
    """Rule id -> METADATA, from every module's annotations."""
    rules: dict[str, RuleInfo] = {}
    for module in modules:
        try:
            found = read_annotations(module.name, module.text)
        except MetadataError as exc:
            raise InputInvalid(
                [
                    InputProblem(
                        SourceLocation(exc.path, exc.line, 1),
                        "",
                        str(exc),
                        "quote values that contain ': '",
                    )
                ]
            ) from None
        for annotation in found:
            info = rule_info(annotation)
            if info is not None:
                if module.origin == "builtin":
                    info = replace(info, help_uri=rule_docs_uri(info.id))
                rules.setdefault(info.id, info)
    return rules


@cache
def builtin_rules() -> dict[str, RuleInfo]:
    """The rules this installation ships: those the rule catalogue documents."""
    return rules_of(_builtin_modules(include_rules=True))
