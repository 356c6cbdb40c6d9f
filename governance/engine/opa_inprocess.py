"""Real OPA in process: OPA's Go evaluator (v1/rego) behind opa-golib-python-bindings.

The same policies and answers as an OPA server, without one: what a fleet running the bundle
would decide. This is the only module that imports ``opa_bindings``. The distribution's
metadata asks for Python >= 3.14 but it runs on 3.10-3.13, hence
``pip install --ignore-requires-python 'opa-golib-python-bindings==0.4.4'``.

The bindings parse a module when it is added and compile the whole set when the first query
is prepared, so ``load`` prepares one to surface compile errors there; OPA's messages name
``file:row`` (a column only for parse errors), and the column is found in the source.
"""

from __future__ import annotations

import re
from importlib import metadata

from governance.engine.base import (
    FINDINGS_PACKAGE,
    FINDINGS_RULE,
    AnswerContract,
    Undefined,
    checked_answer,
)
from governance.engine.choice_index import with_choices_by_model
from governance.errors import EngineFailure, InputInvalid, InputProblem, SourceLocation
from governance.policy import PolicySet

DISTRIBUTION = "opa-golib-python-bindings"
INSTALL = f"pip install --ignore-requires-python '{DISTRIBUTION}==0.4.4'"
#: The OPA release each known distribution version embeds (the bindings do not report it).
EMBEDDED_OPA = {"0.4.4": "1.20.2"}

# "[N errors occurred: ]a/b.rego:4: rego_parse_error: unexpected eof token", each error
# on its own line, with optional "\t<line>\n\t   ^" details under it
_ERROR = re.compile(
    r"(?P<path>[^\n:]+):(?P<row>\d+): (?P<code>rego_\w+): "
    r"(?P<message>[^\n]*)(?P<details>(?:\n\t[^\n]*)*)"
)
_NAMED = re.compile(r"`([^`]+)`|\b(?:var|function|ref|rule|import)\s+([\w.]+)")


def native_engine():
    """A fresh OPA engine from the bindings; EngineFailure (with the install line) without."""
    try:
        from opa_bindings import OpaEngine as NativeEngine
    except ImportError as exc:
        raise EngineFailure(
            f"--engine opa-inprocess needs {DISTRIBUTION} ({exc}): {INSTALL}"
        ) from None
    try:
        engine = NativeEngine()
    except OSError as exc:  # the shared library does not load on this platform
        raise EngineFailure(f"OPA (in process) cannot start: {exc} ({INSTALL})") from None
    engine.print_handler = lambda message, location: None  # as the embedded engine: no output
    return engine


def distribution_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "not installed"


def _column(source: str, row: int, message: str, details: list[str]) -> int:
    """1-based column: from the caret under a parse error, else where the name the message
    mentions appears on that line, else the line's first character."""
    lines = source.splitlines()
    line = lines[row - 1] if 0 < row <= len(lines) else ""
    caret = next((d for d in details if d.strip() == "^"), None)
    shown = next((d for d in details if d.strip() and d.strip() != "^"), None)
    if caret is not None and shown is not None:
        start = line.find(shown.strip())
        if start >= 0:
            return start + caret.index("^") - (len(shown) - len(shown.lstrip())) + 1
    for match in _NAMED.finditer(message):
        name = match.group(1) or match.group(2)
        found = re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", line)
        if found:
            return found.start() + 1
    return len(line) - len(line.lstrip()) + 1 if line.strip() else 1


def located_problems(text: str, sources: dict[str, str]) -> list[InputProblem]:
    """OPA's compile/parse error text as located problems (file:line:col: message)."""
    problems = []
    for match in _ERROR.finditer(text):
        path, row = match.group("path").strip(), int(match.group("row"))
        details = [d[1:] for d in match.group("details").split("\n") if d]
        column = _column(sources.get(path, ""), row, match.group("message"), details)
        message = f"policy error: {match.group('code')}: {match.group('message').strip()}"
        problems.append(InputProblem(SourceLocation(path, row, column), "", message, ""))
    return problems


class OpaInProcessEngine:
    name = "opa-inprocess"

    def __init__(self) -> None:
        self._engine = native_engine()
        self._sources: dict[str, str] = {}
        self._builtin: set[str] = set()
        self.contract = self._answer_contract(frozenset())

    def version(self) -> str:
        embedded = EMBEDDED_OPA.get(distribution_version(), "unknown")
        return f"opa {embedded} in process ({DISTRIBUTION} {distribution_version()})"

    @staticmethod
    def _answer_contract(rule_ids: frozenset[str]) -> AnswerContract:
        return AnswerContract(
            source="OPA (in process)",
            shape_hint="does a policy redefine the aggregator policies/governance/main.rego?",
            rule_hint="give the rule that emits it METADATA with custom.id "
            "(docs/policy-authoring.md)",
            rule_ids=rule_ids,
        )

    def add_module(self, name: str, text: str, builtin: bool = False) -> None:
        """Parse one module into the engine (compiled with the others when a query runs)."""
        self._sources[name] = text
        if builtin:
            self._builtin.add(name)
        self._guarded(self._engine.add_policy, name, text)

    def load(self, policies: PolicySet) -> None:
        self.contract = self._answer_contract(frozenset(policies.rules))
        for module in policies.modules:
            self.add_module(module.name, module.text, module.origin == "builtin")
        self._guarded(self._engine.add_data, policies.data)
        self.prepare()

    def prepare(self) -> None:
        """Compile every module now (the bindings compile when a query is first prepared),
        so a compile error is reported by load, not by the evaluation."""
        self._guarded(self._engine.eval_query, "true")

    def document(self, path: str, document: object = None, coverage: bool = False, undefined=None):
        """The value of ``data.<path>`` for this input; ``undefined`` when it has none."""
        from opa_bindings import OpaUndefinedError

        try:
            return self._guarded(self._engine.eval_document, path, document, coverage=coverage)
        except OpaUndefinedError:
            return undefined

    def evaluate(self, document: dict) -> dict[str, list[dict]]:
        path = f"{FINDINGS_PACKAGE}.{FINDINGS_RULE}"
        answer = self.document(path, with_choices_by_model(document), undefined=Undefined())
        return checked_answer(answer, self.contract)

    @property
    def last_coverage(self) -> dict | None:
        return self._engine.last_coverage

    @property
    def last_prints(self) -> list[tuple[str, str]]:
        return self._engine.last_prints

    def _guarded(self, function, *args, **kwargs):
        """Call into OPA: a policy error as located problems (exit 2), anything else that
        goes wrong there as one EngineFailure line (exit 3), never a traceback."""
        from opa_bindings import OpaError, OpaUndefinedError

        try:
            return function(*args, **kwargs)
        except OpaUndefinedError:
            raise
        except OpaError as exc:
            problems = located_problems(exc.message, self._sources)
            if exc.code in ("parse_error", "prepare_error") and problems:
                if all(p.location.path in self._builtin for p in problems):
                    raise EngineFailure(
                        f"OPA (in process) cannot compile the built-in policies: "
                        f"{problems[0].location}: {problems[0].message} (please report it)"
                    ) from None
                raise InputInvalid(problems) from None
            first = (exc.message.strip().splitlines() or [""])[0]
            raise EngineFailure(f"OPA (in process) failed: {exc.code}: {first}") from None
        except (OSError, ValueError, TypeError) as exc:  # the native library or a bad value
            raise EngineFailure(f"OPA (in process) failed: {exc}") from None
