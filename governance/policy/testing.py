"""Run Rego unit tests (`test_*` rules in `*_test.rego`) through the embedded engine.

The same contract as `opa test`: a test passes when its rule evaluates to true.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from governance.engine.embedded import EmbeddedEngine, quiet_native_stderr
from governance.errors import EngineFailure, InputInvalid, UsageError
from governance.paths import display_path
from governance.policy.files import load_policy_set
from governance.resources import policies_dir

_TEST_HEAD = re.compile(r"^(test_[A-Za-z0-9_]+)\b", re.MULTILINE)
_PACKAGE = re.compile(r"^package\s+([A-Za-z0-9_.]+)", re.MULTILINE)


@dataclass(frozen=True)
class TestResult:
    name: str  # package.rule
    path: str
    line: int
    passed: bool
    output: tuple[str, ...] = ()
    error: str = ""


def _test_files(directories: list[Path]) -> list[Path]:
    files = []
    for directory in directories:
        if not directory.exists():
            raise UsageError(f"{directory}: no such policy directory")
        files += [directory] if directory.is_file() else sorted(directory.rglob("*_test.rego"))
    return files


@dataclass(frozen=True)
class FileCoverage:
    path: str
    covered: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0


def run_tests(directories: list[Path] | None = None, builtin: bool = True) -> list[TestResult]:
    """Every test in the built-in library (unless builtin=False) and in ``directories``."""
    return run_tests_with_coverage(directories, builtin, coverage=False)[0]


def run_tests_with_coverage(
    directories: list[Path] | None = None, builtin: bool = True, coverage: bool = True
) -> tuple[list[TestResult], list[FileCoverage]]:
    """The tests, and per policy file which lines they evaluated (regorus coverage)."""
    custom = [Path(d) for d in directories or []]
    roots = ([policies_dir()] if builtin else []) + custom
    policies = load_policy_set(custom, builtin=builtin)
    engine = EmbeddedEngine()
    raw = engine._engine
    raw.set_enable_coverage(coverage)
    engine.load(policies)
    raw.set_gather_prints(True)
    tests = []
    fixtures = policies_dir() / "governance" / "fixtures_test.rego"  # fx.input_with, for all
    test_files = _test_files(roots)
    if fixtures not in test_files:
        test_files.insert(0, fixtures)
    for path in test_files:
        text = path.read_text("utf-8")
        shown = display_path(path) if path.is_relative_to(Path.cwd()) else str(path)
        if str(path).startswith(str(policies_dir())):
            shown = f"builtin/{path.relative_to(policies_dir()).as_posix()}"
        try:
            with quiet_native_stderr():
                raw.add_policy(shown, text)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            from governance.engine.embedded import compile_problem

            raise InputInvalid([compile_problem(exc, shown)]) from None
        declared = _PACKAGE.search(text)
        if not declared:
            continue
        for test_name in dict.fromkeys(_TEST_HEAD.findall(text)):
            line = text[: text.index(test_name)].count("\n") + 1
            tests.append((declared.group(1), test_name, shown, line))
    results = []
    for package, name, shown, line in tests:
        error = ""
        try:
            with quiet_native_stderr():
                value = json.loads(raw.eval_rule_as_json(f"data.{package}.{name}"))
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            if type(exc).__name__ == "PanicException":
                raise EngineFailure(f"embedded engine panicked in {package}.{name}") from None
            value = None
            error = (str(exc).strip().splitlines() or [""])[0]
        prints = tuple(raw.take_prints())
        results.append(TestResult(f"{package}.{name}", shown, line, value is True, prints, error))
    results.sort(key=lambda r: (r.path, r.line))
    if not coverage:
        return results, []
    report = json.loads(raw.get_coverage_report_as_json())
    module_names = {m.name for m in policies.modules if builtin or m.origin == "custom"}
    files = [
        FileCoverage(f["path"], len(f["covered"]), len(f["covered"]) + len(f["not_covered"]))
        for f in report.get("files", [])
        if f["path"] in module_names and f["path"] != "builtin/governance/main.rego"
    ]
    return results, sorted(files, key=lambda f: f.path)
