"""Run Rego unit tests (`test_*` rules in `*_test.rego`) on the embedded engine or real OPA.

The same contract as `opa test`: a test passes when its rule evaluates to true. On OPA every
test is answered by ONE query (a generated module maps each test's name to its value): OPA
compiles each distinct query anew, and one query per test took minutes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from governance.engine.embedded import EmbeddedEngine, quiet_native_stderr
from governance.errors import EngineFailure, InputInvalid, UsageError
from governance.paths import display_path
from governance.policy.files import PolicyModule, PolicySet, load_policy_set
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


def run_tests(
    directories: list[Path] | None = None, builtin: bool = True, engine: str = "embedded"
) -> list[TestResult]:
    """Every test in the built-in library (unless builtin=False) and in ``directories``."""
    return run_tests_with_coverage(directories, builtin, coverage=False, engine=engine)[0]


@dataclass(frozen=True)
class TestFile:
    path: Path
    shown: str  # the name errors and results use: builtin/... or the path as given
    text: str
    tests: tuple[tuple[str, str, int], ...]  # (package, rule, line)


def _read_test_files(roots: list[Path]) -> list[TestFile]:
    fixtures = policies_dir() / "governance" / "fixtures_test.rego"  # fx.input_with, for all
    paths = _test_files(roots)
    if fixtures not in paths:
        paths.insert(0, fixtures)
    files = []
    for path in paths:
        text = path.read_text("utf-8")
        shown = display_path(path) if path.is_relative_to(Path.cwd()) else str(path)
        if str(path).startswith(str(policies_dir())):
            shown = f"builtin/{path.relative_to(policies_dir()).as_posix()}"
        package = _PACKAGE.search(text)
        tests = []
        if package:
            for match in dict.fromkeys(_TEST_HEAD.findall(text)):
                line = text[: text.index(match)].count("\n") + 1
                tests.append((package.group(1), match, line))
        files.append(TestFile(path, shown, text, tuple(tests)))
    return files


def run_tests_with_coverage(
    directories: list[Path] | None = None,
    builtin: bool = True,
    coverage: bool = True,
    engine: str = "embedded",
) -> tuple[list[TestResult], list[FileCoverage]]:
    """The tests, and per policy file which lines they evaluated (the engine's coverage)."""
    custom = [Path(d) for d in directories or []]
    roots = ([policies_dir()] if builtin else []) + custom
    policies = load_policy_set(custom, builtin=builtin)
    test_files = _read_test_files(roots)
    if engine == "opa-inprocess":
        results, report = _run_on_opa(policies, test_files, coverage)
    elif engine == "embedded":
        results, report = _run_embedded(policies, test_files, coverage)
    else:
        raise UsageError(f"policy test runs on embedded or opa-inprocess, not {engine!r}")
    results.sort(key=lambda r: (r.path, r.line))
    if not coverage:
        return results, []
    module_names = {m.name for m in policies.modules if builtin or m.origin == "custom"}
    files = [
        FileCoverage(path, covered, total)
        for path, covered, total in report
        if path in module_names and path != "builtin/governance/main.rego"
    ]
    return results, sorted(files, key=lambda f: f.path)


def _run_embedded(policies: PolicySet, test_files: list[TestFile], coverage: bool):
    engine = EmbeddedEngine()
    raw = engine._engine
    raw.set_enable_coverage(coverage)
    engine.load(policies)
    raw.set_gather_prints(True)
    for test_file in test_files:
        try:
            with quiet_native_stderr():
                raw.add_policy(test_file.shown, test_file.text)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            from governance.engine.embedded import compile_problem

            raise InputInvalid([compile_problem(exc, test_file.shown)]) from None
    results = []
    for test_file in test_files:
        for package, name, line in test_file.tests:
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
            results.append(
                TestResult(f"{package}.{name}", test_file.shown, line, value is True, prints, error)
            )
    if not coverage:
        return results, []
    report = json.loads(raw.get_coverage_report_as_json())
    return results, [
        (f["path"], len(f["covered"]), len(f["covered"]) + len(f["not_covered"]))
        for f in report.get("files", [])
    ]


#: The generated module that answers every test in one query (never a user's package).
RUNNER_PACKAGE = "governance_policy_test_runner"


def _runner_module(test_files: list[TestFile]) -> PolicyModule:
    lines = [f"package {RUNNER_PACKAGE}", ""]
    names = dict.fromkeys(f"{p}.{n}" for f in test_files for p, n, _ in f.tests)
    lines += [f"results[{json.dumps(name)}] := data.{name}" for name in names]
    return PolicyModule(f"{RUNNER_PACKAGE}.rego", "\n".join(lines) + "\n", "builtin")


def _run_on_opa(policies: PolicySet, test_files: list[TestFile], coverage: bool):
    from governance.engine.opa_inprocess import OpaInProcessEngine

    engine = OpaInProcessEngine()
    modules = [
        PolicyModule(f.shown, f.text, "builtin" if f.shown.startswith("builtin/") else "custom")
        for f in test_files
    ]
    engine.load(
        PolicySet(
            modules=[*policies.modules, *modules, _runner_module(test_files)],
            data=policies.data,
            rules=policies.rules,
        )
    )
    try:
        answers = engine.document(f"{RUNNER_PACKAGE}.results", coverage=coverage) or {}
        errors: dict[str, str] = {}
        prints = _prints_by_test(engine.last_prints, test_files)
    except EngineFailure:  # one test raised an error: ask each alone to say which
        answers, errors, prints = _one_by_one(engine, test_files)
    results = []
    for test_file in test_files:
        for package, name, line in test_file.tests:
            full = f"{package}.{name}"
            results.append(
                TestResult(
                    full,
                    test_file.shown,
                    line,
                    answers.get(full) is True,
                    tuple(prints.get(full, ())),
                    errors.get(full, ""),
                )
            )
    report = engine.last_coverage if coverage and not errors else None
    files = (report or {}).get("files", {})
    return results, [
        (
            path,
            entry.get("covered_lines", 0),
            entry.get("covered_lines", 0) + entry.get("not_covered_lines", 0),
        )
        for path, entry in files.items()
    ]


def _one_by_one(engine, test_files: list[TestFile]):
    """Each test's value, error and prints on its own query (slow: only when the one query
    raised an error)."""
    answers, errors, prints = {}, {}, {}
    for test_file in test_files:
        for package, name, _ in test_file.tests:
            full = f"{package}.{name}"
            try:
                answers[full] = engine.document(full)
            except EngineFailure as exc:
                errors[full] = str(exc)
            prints[full] = [f"{where}: {message}" for message, where in engine.last_prints]
    return answers, errors, prints


def _prints_by_test(prints, test_files: list[TestFile]) -> dict[str, list[str]]:
    """A print's location (file:row) names the test whose body holds it: the last test that
    starts at or above that row in that file."""
    starts = {
        f.shown: sorted((line, f"{package}.{name}") for package, name, line in f.tests)
        for f in test_files
    }
    by_test: dict[str, list[str]] = {}
    for message, location in prints:
        path, _, row = str(location).rpartition(":")
        candidates = [
            test for line, test in starts.get(path, []) if row.isdigit() and line <= int(row)
        ]
        if candidates:
            by_test.setdefault(candidates[-1], []).append(f"{location}: {message}")
    return by_test
