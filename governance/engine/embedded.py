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
from contextlib import contextmanager
from importlib import metadata
from multiprocessing import connection

import pydantic_core
import regorus

from governance.cpus import usable_cpus
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


def _from_json(text: str | bytes):
    """The engine's answer as Python data: ~2x faster than json.loads, and short strings
    (rule ids, choice ids, pointers) repeated across findings are shared, not copied."""
    return pydantic_core.from_json(text, cache_strings="all")


#: What regorus answers for an undefined rule (a JSON string, not an absence).
_UNDEFINED = '"<undefined>"'
_UNDEFINED_BYTES = _UNDEFINED.encode()


def _answer(raw: str | bytes):
    """The engine's JSON answer (text, or its UTF-8 bytes from a forked shard) as data; an
    undefined rule reads as "undefined", not as a string it happens to spell."""
    if not raw or raw in (_UNDEFINED, _UNDEFINED_BYTES):
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


#: Below this many model choices one process is faster than forking.
PARALLEL_MIN_CHOICES = 2000


class EmbeddedEngine:
    name = "embedded"

    def __init__(
        self, workers: int | None = None, parallel_min_choices: int = PARALLEL_MIN_CHOICES
    ) -> None:
        self._engine = regorus.Engine()
        self.workers = workers if workers is not None else usable_cpus()
        #: Inventories with fewer choices are evaluated in this process (forking costs more).
        self.parallel_min_choices = parallel_min_choices
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
        groups = shard_groups(document, self.workers, self.parallel_min_choices)
        if len(groups) > 1:
            return self._evaluate_in_parallel(shared_json(document), groups)
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
        """Evaluate each shard in a forked copy of this engine (policies already compiled)
        and merge the answers in shard order, so the result is deterministic."""
        answers = _forked_answers(self._engine, shared, groups)
        del shared, groups
        merged: dict[str, list[dict]] = {}
        organization_level: dict[str, dict[str, dict]] = {}
        for index in range(len(answers)):
            raw, answers[index] = answers[index], b""  # each shard's JSON goes once read
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


def shard_groups(
    document: dict, workers: int, min_choices: int = PARALLEL_MIN_CHOICES
) -> list[list]:
    """Split the choices by use case into up to ``workers`` groups ([] when not worth it:
    fewer than ``min_choices`` choices, one worker, or no fork).

    Rules judge one model choice (with its use case, model and deployment, all of which every
    shard keeps whole), so a choice's findings do not depend on which shard it is in; every
    choice of a use case stays in one shard all the same, for rules that look at siblings.
    """
    choices = document.get("choices", [])
    if workers < 2 or len(choices) < min_choices:
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


def shared_json(document: dict) -> str:
    """The document without its choices, as JSON (serialised once for every shard)."""
    return _to_json({k: v for k, v in document.items() if k != "choices"})


def shard_json(shared: str, choices: list) -> str:
    """One shard's input document: the shared part plus its own choices."""
    if shared == "{}":
        return _to_json({"choices": choices})
    return f'{shared[:-1]},"choices":{_to_json(choices)}}}'


def _forked_answers(engine: regorus.Engine, shared: str, groups: list[list]) -> list[bytes]:
    """Each group's answer (JSON) from a forked copy of ``engine``, in group order.

    The engine, the shared part and the groups reach each child by fork, not by pickling (a
    compiled engine cannot be pickled), and no copy of the input per shard is ever held
    here: each child serialises its own. A child that fails or dies is an EngineFailure.
    """
    context = multiprocessing.get_context("fork")
    children = []
    try:
        for group in groups:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_evaluate_shard, args=(engine, shared, group, sender))
            child.start()
            sender.close()  # the child holds its end: EOF here when it exits
            children.append((child, receiver))
        answers: list[bytes | None] = [None] * len(children)
        failure = ""
        waiting = {receiver: index for index, (_, receiver) in enumerate(children)}
        while waiting:  # read whichever child is ready: a full pipe must not block another
            ready = connection.wait(list(waiting))
            for receiver, index in [item for item in waiting.items() if item[0] in ready]:
                del waiting[receiver]
                try:
                    answer = receiver.recv_bytes()
                except EOFError:
                    child = children[index][0]
                    child.join()
                    failure = failure or (
                        f"failed: a shard's process exited ({child.exitcode}) without answering"
                    )
                    continue
                if answer[:1] == b"!":  # the child's own report of what went wrong
                    failure = failure or answer[1:].decode("utf-8", "replace")
                else:
                    answers[index] = answer
        if failure:
            raise EngineFailure(f"embedded engine {failure}")
        return [answer or b"" for answer in answers]
    finally:
        for child, receiver in children:
            receiver.close()
            child.join()


def _evaluate_shard(engine: regorus.Engine, shared: str, group: list, sender) -> None:
    """In a forked child: evaluate one shard and send the JSON answer, or "!" and what went
    wrong (a panic included: reported, never a pass)."""
    try:
        text = shard_json(shared, group)
        with quiet_native_stderr():
            engine.set_input_json(text)
            del text
            answer = engine.eval_rule_as_json(FINDINGS_QUERY).encode("utf-8")
    except BaseException as exc:
        kind = "panicked" if _is_panic(exc) else "failed"
        answer = f"!{kind}: {_first_line(exc)}".encode()
    sender.send_bytes(answer)
    sender.close()
