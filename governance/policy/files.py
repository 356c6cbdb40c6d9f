"""Collect the Rego modules and catalogue data an evaluation uses, and fingerprint them."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from governance.errors import InputInvalid, InputProblem, SourceLocation, UsageError
from governance.inventory.datafile import load_data_file
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES, load_plain, not_utf8
from governance.paths import display_path
from governance.policy.metadata import (
    MetadataError,
    RuleInfo,
    read_annotations,
    rule_docs_uri,
    rule_info,
)
from governance.policy.module import PolicyModule
from governance.policy.recursion import refuse_recursion
from governance.resources import policies_dir

RUNTIME_DIR = "governance"  # aggregator + helper library: always loaded
RULES_DIR = "rules"  # the built-in rule library: left out with --no-builtin
CATALOGUE_DIR = "data"


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
        if directory.is_dir():  # a directory named x.rego holds modules; it is not one
            paths = sorted(p for p in directory.rglob("*.rego") if not p.is_dir())
        else:
            paths = [directory]
        for path in paths:
            if not _is_test(path):
                shown = display_path(path)
                text = _rego_text(shown, _read_bytes(path, shown, "policy file"))
                modules.append(PolicyModule(shown, text, "custom"))
    return modules


def _rego_text(shown: str, raw: bytes) -> str:
    """A Rego module's text: UTF-8 (without a BOM, which the engines refuse)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputInvalid([not_utf8(shown, raw, exc, "policy file")]) from None


def _read_data_file(path: Path) -> tuple[dict, str]:
    """A --data file as datafile reads it, and the SHA-256 of the bytes read."""
    shown = display_path(path)
    raw = _read_bytes(path, shown, "data file")
    return load_data_file(shown, raw), hashlib.sha256(raw).hexdigest()


def _read_bytes(path: Path, shown: str, what: str) -> bytes:
    """A user's policy or data file: a regular file, at most DEFAULT_MAX_BYTES, readable."""

    def refused(message: str, hint: str = "") -> InputInvalid:
        return InputInvalid([InputProblem(SourceLocation(shown, 1, 1), "", message, hint)])

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise refused(f"{what} is not a regular file")
        if info.st_size > DEFAULT_MAX_BYTES:
            raise refused(
                f"{what} is {info.st_size:,} bytes, over the limit of {DEFAULT_MAX_BYTES:,}"
            )
        return path.read_bytes()
    except OSError as exc:
        raise refused(f"cannot read {what}: {exc.strerror or exc}") from None


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
        value, digest = _read_data_file(path)
        _merge(data, value, "data")
        fingerprints.append((display_path(path), digest))
    rules = rules_of(modules)
    refuse_recursion(modules)  # a recursive rule would crash the embedded engine
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
