"""The default engine: regorus (Rust Rego interpreter) in process.

The wheel is `gordon-to-regorus`; this is the only module that imports it, so switching to
another regorus build is a one-line change. Known gaps of that build: no ``crypto.*``, no
``$"..."`` string interpolation, no ``rego.metadata.rule()``. A Rust panic arrives as
``pyo3_runtime.PanicException`` (a BaseException): it is contained here as EngineFailure.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from importlib import metadata

import pydantic_core
import regorus

from governance.engine.base import FINDINGS_QUERY, AnswerContract, Undefined, checked_answer
from governance.errors import EngineFailure, InputInvalid, InputProblem, SourceLocation
from governance.policy import PolicySet

DISTRIBUTION = "gordon-to-regorus"
_LOCATION = re.compile(r"-->\s*(?P<path>.+?):(?P<line>\d+):(?P<col>\d+)")
_MESSAGE = re.compile(r"^error:\s*(?P<message>.+)$", re.MULTILINE)


@contextmanager
def quiet_native_stderr():
    """Rust's panic hook writes a multi-line report to fd 2 before Python sees the panic;
    keep it out of the user's terminal: our own one-line message says what happened."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _to_json(value) -> str:
    """JSON text for the engine: pydantic-core's serialiser (a dependency already) writes
    it ~2.5x faster than json.dumps, and without the spaces."""
    return pydantic_core.to_json(value).decode("utf-8")


def _from_json(text: str):
    """The engine's answer as Python data: ~2x faster than json.loads, and short strings
    (rule ids, choice ids, pointers) repeated across findings are shared, not copied."""
    return pydantic_core.from_json(text, cache_strings="all")


#: What regorus answers for an undefined rule (a JSON string, not an absence).
_UNDEFINED = '"<undefined>"'


def _answer(raw: str):
    """The engine's JSON answer as data; an undefined rule reads as "undefined", not as a
    string it happens to spell."""
    if not raw or raw == _UNDEFINED:
        return Undefined()
    return _from_json(raw)


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    message = _MESSAGE.search(text)
    if message:
        return message.group("message").strip()
    return (text.splitlines() or [type(exc).__name__])[0].strip()


def compile_problem(exc: BaseException, fallback_path: str) -> InputProblem:
    """A regorus parse/compile error as file:line:col: message."""
    text = str(exc)
    where = _LOCATION.search(text)
    location = (
        SourceLocation(where.group("path"), int(where.group("line")), int(where.group("col")))
        if where
        else SourceLocation(fallback_path, 1, 1)
    )
    return InputProblem(location, "", f"policy error: {_first_line(exc)}", "")


def answer_contract(rule_ids: frozenset[str]) -> AnswerContract:
    return AnswerContract(
        source="the embedded engine (regorus)",
        shape_hint="does a policy redefine the aggregator policies/governance/main.rego?",
        rule_hint="give the rule that emits it METADATA with custom.id (docs/policy-authoring.md)",
        rule_ids=rule_ids,
    )


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, workers: int | None = None) -> None:
        self._engine = regorus.Engine()
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.contract = answer_contract(frozenset())

    def version(self) -> str:
        return f"regorus ({DISTRIBUTION} {metadata.version(DISTRIBUTION)})"

    def load(self, policies: PolicySet) -> None:
        self.contract = answer_contract(frozenset(policies.rules))
        for module in policies.modules:
            try:
                with quiet_native_stderr():
                    self._engine.add_policy(module.name, module.text)
            except BaseException as exc:
                if _is_panic(exc):
                    raise EngineFailure(f"embedded engine panicked: {_first_line(exc)}") from None
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                raise InputInvalid([compile_problem(exc, module.name)]) from None
        with quiet_native_stderr():
            self._engine.add_data_json(json.dumps(policies.data))

    def evaluate(self, document: dict) -> dict[str, list[dict]]:
        groups = _shard_groups(document, self.workers)
        if len(groups) > 1:
            return self._evaluate_in_parallel(_shared_json(document), groups)
        return checked_answer(self.document(FINDINGS_QUERY, document), self.contract)

    def document(self, rule: str, document: dict):
        """The value of ``rule`` (data.a.b) for this input, as the engine answers it
        (Undefined when it has none); not checked against the findings contract."""
        try:
            with quiet_native_stderr():
                self._engine.set_input_json(_to_json(document))
                raw = self._engine.eval_rule_as_json(rule)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            kind = "panicked" if _is_panic(exc) else "failed"
            raise EngineFailure(f"embedded engine {kind}: {_first_line(exc)}") from None
        return _answer(raw)

    def _evaluate_in_parallel(self, shared: str, groups: list[list]) -> dict[str, list[dict]]:
        """Evaluate shards in forked copies of this engine (policies already compiled).

        The document's shared part is serialised once, here; each forked worker adds its own
        choices to it, so this process never holds one copy of the input per shard.
        """
        global _FORK_ENGINE, _FORK_SHARED, _FORK_GROUPS
        _FORK_ENGINE, _FORK_SHARED, _FORK_GROUPS = self._engine, shared, groups
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=len(groups), mp_context=context) as pool:
                answers: list[tuple[str, str | None] | None] = list(
                    pool.map(_evaluate_shard, range(len(groups)))
                )
        finally:
            _FORK_ENGINE, _FORK_SHARED, _FORK_GROUPS = None, "", []
        del shared, groups
        merged: dict[str, list[dict]] = {}
        organization_level: dict[str, dict[str, dict]] = {}
        for answer in answers:
            if answer is not None and answer[1] is not None:
                raise EngineFailure(f"embedded engine {answer[1]}")
        for index in range(len(answers)):  # shard order is fixed, so the merge is deterministic
            answer, answers[index] = answers[index], None  # each shard's JSON goes once read
            raw = answer[0] if answer is not None else ""
            del answer
            result = checked_answer(_answer(raw), self.contract)
            del raw
            for kind, items in result.items():
                for item in items:
                    if item.get("choice") is not None:  # each choice lives in one shard
                        merged.setdefault(kind, []).append(item)
                    else:  # organization-level findings come from every shard
                        bucket = organization_level.setdefault(kind, {})
                        bucket.setdefault(json.dumps(item, sort_keys=True), item)
        for kind, bucket in organization_level.items():
            merged.setdefault(kind, []).extend(bucket[key] for key in sorted(bucket))
        return merged


# --- evaluation in parallel ----------------------------------------------------------------

#: Below this many model choices one process is faster than forking.
PARALLEL_MIN_CHOICES = 2000
_FORK_ENGINE: regorus.Engine | None = None
_FORK_SHARED = ""
_FORK_GROUPS: list[list] = []


def _shard_groups(document: dict, workers: int) -> list[list]:
    """Split the choices by use case into up to ``workers`` groups ([] when not worth it).

    Rules judge one model choice (with its use case, model and deployment, all of which every
    shard keeps whole), so a choice's findings do not depend on which shard it is in; every
    choice of a use case stays in one shard all the same, for rules that look at siblings.
    """
    choices = document.get("choices", [])
    if workers < 2 or len(choices) < PARALLEL_MIN_CHOICES:
        return []
    if "fork" not in multiprocessing.get_all_start_methods():
        return []
    by_use_case: dict[str, list] = {}
    for choice in choices:
        by_use_case.setdefault(choice["use_case"], []).append(choice)
    target = len(choices) / workers
    groups: list[list] = [[]]
    for use_case in sorted(by_use_case):
        if len(groups[-1]) >= target and len(groups) < workers:
            groups.append([])
        groups[-1].extend(by_use_case[use_case])
    return [group for group in groups if group]


def _shared_json(document: dict) -> str:
    """The document without its choices, as JSON (serialised once for every shard)."""
    return _to_json({k: v for k, v in document.items() if k != "choices"})


def _shard_json(shared: str, choices: list) -> str:
    """One shard's input document: the shared part plus its own choices."""
    if shared == "{}":
        return _to_json({"choices": choices})
    return f'{shared[:-1]},"choices":{_to_json(choices)}}}'


def _shards(document: dict, workers: int) -> list[str]:
    """Each shard's input document as JSON (what the forked workers evaluate)."""
    groups = _shard_groups(document, workers)
    shared = _shared_json(document) if groups else ""
    return [_shard_json(shared, group) for group in groups]


def _evaluate_shard(index: int) -> tuple[str, str | None]:
    try:
        engine = _FORK_ENGINE
        if engine is None:
            raise RuntimeError("a shard is evaluated outside a parallel evaluation")
        text = _shard_json(_FORK_SHARED, _FORK_GROUPS[index])
        with quiet_native_stderr():
            engine.set_input_json(text)
            del text
            return engine.eval_rule_as_json(FINDINGS_QUERY), None
    except BaseException as exc:  # a panic included: report it, never a pass
        kind = "panicked" if _is_panic(exc) else "failed"
        return "", f"{kind}: {_first_line(exc)}"
