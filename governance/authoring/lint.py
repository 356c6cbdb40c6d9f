"""`governance policy check`: what makes a policy fail later, found before it runs.

Compile errors come from the embedded engine itself; the lints are the contract in
docs/policy-authoring.md: packages under governance.rules, METADATA on every finding rule
with a unique GOV-<AREA>-NNN id and a matching severity, findings that name a field (so they
land on a YAML line), no builtins the embedded engine lacks, and no negation whose answer
differs between OPA and regorus (negation.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import regorus

from governance.authoring.negation import undefined_negations
from governance.engine.embedded import compile_problem, quiet_native_stderr
from governance.errors import InputInvalid
from governance.policy.files import PolicyModule, load_policy_set
from governance.policy.metadata import (
    RULE_ID,
    SEVERITIES,
    Annotation,
    MetadataError,
    read_annotations,
)

KIND_SEVERITY = {"deny": "error", "warn": "warning", "obligation": "info"}
_FINDING_HEAD = re.compile(r"^(deny|warn|obligation)\s+contains\s+(.*)$")
_UNSUPPORTED = {
    "crypto.": "crypto.* builtins are missing in the embedded engine",
    '$"': 'string interpolation ($"...") is missing in the embedded engine; use sprintf',
    "rego.metadata.": "rego.metadata.* is missing in both engines' embedded path; "
    "metadata is read from the annotations",
}


@dataclass(frozen=True, order=True)
class LintProblem:
    path: str
    line: int
    column: int
    severity: str  # error | warning
    code: str
    message: str

    def format(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.code}: {self.message}"
        )


def _compile_errors(modules: list[PolicyModule], builtin: list[PolicyModule]) -> None:
    engine = regorus.Engine()
    for module in [*builtin, *modules]:
        try:
            with quiet_native_stderr():
                engine.add_policy(module.name, module.text)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise InputInvalid([compile_problem(exc, module.name)]) from None


def _head_problems(module: PolicyModule, found: dict[int, Annotation]) -> list[LintProblem]:
    problems: list[LintProblem] = []
    for number, text in enumerate(module.text.splitlines(), start=1):
        match = _FINDING_HEAD.match(text)
        if not match:
            continue
        kind, head = match.groups()
        annotation = found.get(number)

        def report(severity: str, code: str, message: str, line: int = number) -> None:
            problems.append(LintProblem(module.name, line, 1, severity, code, message))

        if annotation is None:
            report("error", "metadata-missing", f"{kind} rule without a METADATA block")
            continue
        values = annotation.values if isinstance(annotation.values, dict) else {}
        custom = values.get("custom")
        if not isinstance(custom, dict):
            custom = {}
        rule_id, severity, block = custom.get("id"), custom.get("severity"), annotation.line
        if not rule_id:
            report("error", "id-missing", f"{kind} rule has no custom.id", block)
        elif not RULE_ID.match(str(rule_id)):
            report("error", "id-format", f"rule id {rule_id!r} is not GOV-<AREA>-<NNN>", block)
        if severity not in SEVERITIES:
            allowed = ", ".join(SEVERITIES)
            report("error", "severity", f"severity {severity!r} is not one of {allowed}", block)
        elif severity != KIND_SEVERITY[kind]:
            expected = KIND_SEVERITY[kind]
            report(
                "error",
                "severity",
                f"a {kind} rule has severity {expected!r}, not {severity!r}",
                block,
            )
        if not values.get("title"):
            report("warning", "metadata-incomplete", "METADATA has no title", block)
        for field in ("remediation", "controls"):
            if not custom.get(field):
                report("warning", "metadata-incomplete", f"METADATA has no custom.{field}", block)
        if not (head.startswith(("lib.finding(", "lib.org_finding(")) or '"field"' in head):
            report(
                "warning",
                "finding-field",
                "the finding names no field, so it cannot point at a YAML line "
                '(give the finding object a "field", see docs/policy-authoring.md)',
            )
    return problems


def _unsupported(module: PolicyModule) -> list[LintProblem]:
    problems = []
    for number, text in enumerate(module.text.splitlines(), start=1):
        code = text.split("#", 1)[0]
        for needle, message in _UNSUPPORTED.items():
            column = code.find(needle)
            if column >= 0:
                problems.append(
                    LintProblem(
                        module.name, number, column + 1, "error", "unsupported-builtin", message
                    )
                )
    return problems


def _negations(module: PolicyModule) -> list[LintProblem]:
    """`not` over an operand that may be undefined: OPA and regorus answer differently."""
    return [
        LintProblem(
            module.name,
            found.line,
            found.column,
            "error",
            "undefined-negation",
            f"{found.message()} ({found.hint()})",
        )
        for found in undefined_negations(module.text)
    ]


def lint(directories: list[Path]) -> list[LintProblem]:
    """Lint the organization's policy directories (with the built-in library for ids)."""
    custom = load_policy_set(directories, builtin=False).modules
    custom = [m for m in custom if m.origin == "custom"]
    linted = {m.text for m in custom}  # linting the built-in library itself: no self-clash
    builtin = [
        m for m in load_policy_set().modules if m.origin == "builtin" and m.text not in linted
    ]
    problems: list[LintProblem] = [p for m in custom for p in _unsupported(m)]
    if not problems:  # the engine's own parse error for these is less helpful than ours
        _compile_errors(custom, builtin)
    seen_ids = {}
    for module in builtin:
        for annotation in read_annotations(module.name, module.text):
            custom_block = (
                annotation.values.get("custom") if isinstance(annotation.values, dict) else None
            )
            if isinstance(custom_block, dict) and custom_block.get("id"):
                seen_ids[str(custom_block["id"])] = f"{module.name}:{annotation.line}"
    for module in custom:
        package = re.search(r"^package\s+(\S+)", module.text, re.MULTILINE)
        if package and not package.group(1).startswith("governance.rules."):
            line = module.text[: package.start()].count("\n") + 1
            problems.append(
                LintProblem(
                    module.name,
                    line,
                    1,
                    "error",
                    "package",
                    f"package {package.group(1)} is outside governance.rules.*, "
                    "so its findings are never collected",
                )
            )
        try:
            found = read_annotations(module.name, module.text)
        except MetadataError as exc:
            problems.append(LintProblem(exc.path, exc.line, 1, "error", "metadata-yaml", str(exc)))
            continue
        heads = {}
        for annotation in found:
            lines = module.text.splitlines()
            index = annotation.line  # first line after the block's first comment line
            while index < len(lines) and lines[index].lstrip().startswith("#"):
                index += 1
            heads[index + 1] = annotation
            custom_block = (
                annotation.values.get("custom") if isinstance(annotation.values, dict) else None
            )
            rule_id = custom_block.get("id") if isinstance(custom_block, dict) else None
            if rule_id:
                if str(rule_id) in seen_ids:
                    problems.append(
                        LintProblem(
                            module.name,
                            annotation.line,
                            1,
                            "error",
                            "id-duplicate",
                            f"rule id {rule_id} is already used at {seen_ids[str(rule_id)]}",
                        )
                    )
                else:
                    seen_ids[str(rule_id)] = f"{module.name}:{annotation.line}"
        problems += _head_problems(module, heads)
        problems += _negations(module)
    return sorted(set(problems))
