"""Which policies an evaluation used, and which of the organization's it left out.

Every report states its policy sources ("built-in (70 rules) + policies/ (2 rules)"), so a
reader sees whether the organization's own rules were in force. A directory of
`governance.rules.*` Rego in the repository that neither the configuration nor a flag
includes is most likely a mistake (the rule silently does not gate): check reports it as a
warning at organization level, naming the directory and the key to set.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from governance.errors import SourceLocation
from governance.evaluation.findings import Finding
from governance.evaluation.report import Report
from governance.evaluation.settings import EvaluationSettings
from governance.paths import display_path
from governance.policy import PolicySet, RuleInfo
from governance.policy.metadata import read_annotations, rule_info
from governance.resources import policies_dir
from governance.worktree import git_text

UNCONFIGURED = RuleInfo(
    id="GOV-CFG-001",
    title="Organization policies not in force",
    description="A directory in the repository holds governance.rules.* policies, but neither "
    "the configuration file nor a flag includes it, so its rules do not gate anything.",
    severity="warning",
    remediation="Add the directory to policy in governance.toml (or pass --policy DIR); if "
    "the rules are not meant to gate, move them under a tests/ or fixtures/ directory.",
    area="configuration",
)
# Rego here is test material, not policy meant to gate: not reported.
_NOT_POLICY = {"tests", "test", "testdata", "fixtures", "vendor", "node_modules"}
_PACKAGE = re.compile(r"^package\s+governance\.rules\.", re.MULTILINE)


@dataclass(frozen=True)
class PolicySource:
    """Where rules came from: built-in, a directory of the organization's, or a bundle."""

    label: str
    rules: int


def _shown_directory(path: Path) -> str:
    shown = display_path(path)
    return shown if path.is_file() else shown.rstrip("/") + "/"


def policy_sources(policies: PolicySet, settings: EvaluationSettings) -> list[PolicySource]:
    """The policy sources in force and how many rules each brought."""
    if settings.bundle is not None:
        return [PolicySource(f"bundle {display_path(settings.bundle)}", len(policies.rules))]
    paths = [rule.path for rule in policies.rules.values()]
    sources = []
    if settings.builtin:
        sources.append(PolicySource("built-in", sum(p.startswith("builtin/") for p in paths)))
    for directory in settings.policy_dirs:
        shown = _shown_directory(directory)
        prefix = shown if shown.endswith("/") else None
        count = sum(p == shown or (prefix is not None and p.startswith(prefix)) for p in paths)
        sources.append(PolicySource(shown, count))
    return sources


@dataclass(frozen=True)
class Unconfigured:
    """A directory of the organization's rules this evaluation does not use."""

    directory: str  # as shown, ending in '/'
    rules: int
    location: SourceLocation  # its first rule file's package line


def _candidate_files(root: Path) -> list[Path]:
    listed = git_text(root, "ls-files", "-co", "--exclude-standard", "--", "*.rego")
    if listed is None:
        found = []
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
            found += [Path(directory) / f for f in files if f.endswith(".rego")]
        return sorted(found)
    return sorted(root / line for line in listed.splitlines() if line)


def unconfigured_policies(paths: list[Path], settings: EvaluationSettings) -> list[Unconfigured]:
    """Directories of governance.rules.* Rego under the repository (else the configuration
    file's directory) that no policy source in force includes."""
    if settings.bundle is not None:
        return []  # the bundle is the whole, deliberate policy set
    found = git_text(Path(paths[0]).resolve().parent, "rev-parse", "--show-toplevel")
    root = Path(found.strip()) if found and found.strip() else None
    if root is None and settings.config is not None:
        root = settings.config.path.resolve().parent
    if root is None:
        return []
    included = [Path(p).resolve() for p in settings.policy_dirs]
    builtin = policies_dir().resolve()
    by_directory: dict[Path, list[tuple[Path, int, int]]] = {}
    for path in _candidate_files(root):
        resolved = path.resolve()
        if (
            path.name.endswith("_test.rego")
            or _NOT_POLICY & {part.lower() for part in path.relative_to(root).parts[:-1]}
            or resolved.is_relative_to(builtin)
            or any(resolved == p or resolved.is_relative_to(p) for p in included)
        ):
            continue
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        match = _PACKAGE.search(text)
        if match is None:
            continue
        rules = sum(rule_info(a) is not None for a in _annotations(str(path), text))
        line = text.count("\n", 0, match.start()) + 1
        by_directory.setdefault(resolved.parent, []).append((path, line, rules))
    # a directory inside another reported one is part of it
    tops = sorted(
        d for d in by_directory if not any(d != o and d.is_relative_to(o) for o in by_directory)
    )
    unconfigured = []
    for top in tops:
        members = sorted(
            entry
            for directory, entries in by_directory.items()
            if directory.is_relative_to(top)
            for entry in entries
        )
        first, line, _ = members[0]
        unconfigured.append(
            Unconfigured(
                _shown_directory(top),
                sum(entry[2] for entry in members),
                SourceLocation(display_path(first), line, 1),
            )
        )
    return unconfigured


def _annotations(name: str, text: str):
    try:
        return read_annotations(name, text)
    except ValueError:  # a METADATA block that does not read: its rules are not counted
        return []


def unconfigured_finding(found: Unconfigured) -> Finding:
    directory = found.directory.rstrip("/")
    message = (
        f"{found.directory} holds governance.rules.* policies ({found.rules} "
        f"rule{'s' if found.rules != 1 else ''}) that this check does not evaluate: set "
        f'policy = ["{directory}"] in governance.toml (or pass --policy {directory})'
    )
    fingerprint = hashlib.sha256(f"{UNCONFIGURED.id}\0{directory}".encode()).hexdigest()[:32]
    return Finding(
        UNCONFIGURED.id,
        UNCONFIGURED.severity,
        UNCONFIGURED.title,
        message,
        None,
        "",
        found.location,
        UNCONFIGURED.remediation,
        (),
        None,
        fingerprint,
    )


def with_unconfigured(report: Report, found: list[Unconfigured]) -> Report:
    """The report with an organization finding for each unconfigured directory."""
    if not found:
        return report
    extra = [unconfigured_finding(f) for f in found]
    return replace(
        report,
        organization_findings=sorted(
            [*report.organization_findings, *extra], key=lambda f: f.sort_key
        ),
        rules={**report.rules, UNCONFIGURED.id: UNCONFIGURED},
    )
