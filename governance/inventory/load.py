"""Load an inventory from files and directories: read, validate, merge, cross-check.

Every problem found is collected (not only the first) and raised together as InputInvalid.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from pathlib import Path
from typing import TYPE_CHECKING

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.gcpause import paused_gc
from governance.inventory import yamlfile
from governance.inventory.model import Inventory
from governance.inventory.references import check_references
from governance.inventory.sourcemap import LIST_SECTIONS, SourceMap
from governance.inventory.types import InventoryDocument, Organization, UseCase
from governance.inventory.validation import validate_document
from governance.paths import display_path

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import SynchronizedArray

YAML_SUFFIXES = (".yaml", ".yml")


def discover_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    files: list[Path] = []
    problems: list[InputProblem] = []
    for given in paths:
        path = Path(given)
        where = SourceLocation(display_path(path), 1, 1)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in YAML_SUFFIXES
                and p.is_file()
                # .github, .git, .venv...: CI workflows and tool configs are not inventory
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(
                    InputProblem(where, "", "directory holds no .yaml or .yml files", "")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(InputProblem(where, "", "no such file or directory", ""))
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, problems


def _read(path: Path, max_bytes: int) -> list[yamlfile.YamlDocument]:
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading a huge file into memory
            raise yamlfile.YamlProblem(
                InputProblem(
                    SourceLocation(shown, 1, 1),
                    "",
                    f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                    "split it into several files, or raise --max-file-size",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise yamlfile.YamlProblem(
            InputProblem(SourceLocation(shown, 1, 1), "", f"cannot read file: {exc.strerror}", "")
        ) from None
    return yamlfile.parse(shown, raw, max_bytes)


PARALLEL_MIN_BYTES = 4 * 1024 * 1024


def _read_one(path: Path, max_bytes: int):
    try:
        return _read(path, max_bytes), None
    except yamlfile.YamlProblem as exc:
        return [], exc.problem


def _validated(result, with_json: bool = False):
    """A parsed file's documents with their typed models: ([(document, model or None,
    problems)], None), or ([], the file's problem). Each document keeps only its positions:
    the typed model holds the data now."""
    documents, problem = result
    entries = []
    for document in documents:
        model, problems = validate_document(document)
        document.data = None
        # the engine's input holds each use case as JSON data: dumped here, while the workers
        # are still parsing, rather than after the load, when nothing else runs
        dumped = [u.model_dump(mode="json") for u in model.use_cases] if model and with_json else []
        entries.append((document, model, problems, dumped))
    return entries, problem


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _read_all(files: list[Path], max_bytes: int, with_json: bool = False, meanwhile=None) -> list:
    """Parse and validate every file (as _validated); on several cores when there is enough
    YAML to pay for it.

    YAML parsing is most of the load and is per file, so forked workers parse the files
    largest first while this process validates whatever they finished (in any order) and,
    when nothing waits for it, parses from the smallest end: each file is claimed once, by
    whoever reaches it first, so no core idles while another still has several files to go.
    """
    try:
        sizes = [path.stat().st_size for path in files]
    except OSError:
        sizes = []
    workers = min(len(files), usable_cpus())
    if (
        workers < 2
        or sum(sizes) < PARALLEL_MIN_BYTES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        if meanwhile is not None:
            meanwhile()
        return [_validated(_read_one(path, max_bytes), with_json) for path in files]
    global _CLAIMED
    order = sorted(range(len(files)), key=lambda i: -sizes[i])  # largest first
    results: list = [None] * len(files)
    context = multiprocessing.get_context("fork")
    _CLAIMED = claimed = context.Array("b", len(files))
    spool = Path(tempfile.mkdtemp(prefix="governance-load-"))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # One file holding more than its share would be parsed in a child and copied
            # back: parse it here, first, while the workers take the rest.
            local = sizes[order[0]] * workers > sum(sizes) and _claim(order[0])
            pending = {
                pool.submit(_read_claimed, index, files[index], max_bytes, str(spool))
                for index in order[1 if local else 0 :]
            }
            if meanwhile is not None:  # the workers are started: other work fits in here
                meanwhile()

            def take_finished(wait: bool) -> None:
                """Validate what the workers finished (with ``wait``: until all have)."""
                while pending:
                    done = {future for future in pending if future.done()}
                    if not done:
                        if not wait:
                            return
                        done, _ = futures_wait(pending, return_when=FIRST_COMPLETED)
                    pending.difference_update(done)
                    for future in done:
                        answer = future.result()
                        if answer is not None:
                            results[answer[0]] = _validated(_unspooled(answer[1]), with_json)

            if local:
                results[order[0]] = _validated(_read_one(files[order[0]], max_bytes), with_json)
            # This process validates every file, so it first takes what the workers finished,
            # and parses a file itself (smallest first) only while each worker still has one
            # more to do: otherwise the last files would wait for it.
            mean = sum(sizes) / len(sizes)
            for index in reversed(order):
                take_finished(wait=False)
                unclaimed = claimed[:].count(0)
                if sizes[index] * 4 > mean and unclaimed <= workers:
                    break
                if not _claim(index):
                    break
                results[index] = _validated(_read_one(files[index], max_bytes), with_json)
            take_finished(wait=True)
    finally:
        _CLAIMED = None
        shutil.rmtree(spool, ignore_errors=True)
    return results


# Flags, one per file, shared with the forked workers while a parallel read runs.
_CLAIMED: SynchronizedArray[int] | None = None


def _claim(index: int) -> bool:
    """Take file ``index`` for this process; False when another process already has it."""
    claimed = _CLAIMED
    if claimed is None:
        raise RuntimeError("a file is claimed outside a parallel read")
    with claimed.get_lock():
        if claimed[index]:
            return False
        claimed[index] = 1
        return True


def _read_claimed(index: int, path: Path, max_bytes: int, spool: str):
    """Parse file ``index`` in a worker, unless taken; its documents go through a file.

    A result sent back through the pool's pipe (2.5 MB per 1,000 use cases) blocked the
    worker until this process, busy parsing with the GIL held, read it 64 KB at a time:
    ~0.15 s lost per file. Marshal writes plain data 3x faster than pickle.
    """
    if not _claim(index):
        return None
    documents, problem = _read_one(path, max_bytes)
    if problem is not None:
        return index, (None, problem)
    target = os.path.join(spool, str(index))
    fields = [(d.path, d.index, d.data, d.positions, d.sha256) for d in documents]
    with open(target, "wb") as handle:
        handle.write(marshal.dumps(fields))
    return index, (target, None)


def _unspooled(answer) -> tuple[list[yamlfile.YamlDocument], InputProblem | None]:
    """A worker's answer as _read_one gives it: the documents read back from its file."""
    target, problem = answer
    if problem is not None:
        return [], problem
    with open(target, "rb") as handle:
        fields = marshal.loads(handle.read())  # marshal.load(handle) reads it a value at a time
    documents = [yamlfile.YamlDocument(*values) for values in fields]
    os.unlink(target)
    return documents, None


def _duplicates(items, pointer_of, sources: SourceMap, what: str) -> list[InputProblem]:
    problems = []
    first: dict[str, str] = {}
    for index, item in enumerate(items):
        pointer = pointer_of(index)
        if item.id in first:
            earlier = sources.locate(first[item.id])
            location, local = sources.place(pointer)
            problems.append(
                InputProblem(
                    location,
                    local,
                    f"duplicate {what} id {item.id!r}",
                    f"first defined at {earlier}",
                )
            )
        else:
            first[item.id] = pointer
    return problems


def load_inventory(
    paths: Sequence[str | Path],
    max_bytes: int = yamlfile.DEFAULT_MAX_BYTES,
    with_json: bool = False,
    meanwhile: Callable[[], None] | None = None,
) -> Inventory:
    """Read, validate, merge and cross-check; raises InputInvalid with every problem.

    ``with_json``: also keep every use case as JSON data (Inventory.use_case_json), for an
    evaluation to build its engine input from. ``meanwhile``: called once, in this process,
    while forked workers parse (else before reading): work that does not need the inventory
    (loading the policies) uses the time this process would spend waiting for them. It must
    not raise.
    """
    with paused_gc():
        return _load(paths, max_bytes, with_json, meanwhile)


def _load(paths: Sequence[str | Path], max_bytes: int, with_json: bool, meanwhile) -> Inventory:
    files, problems = discover_files(paths)
    sources = SourceMap()
    parsed: list[tuple[yamlfile.YamlDocument, InventoryDocument]] = []
    use_case_json: list[dict] = []
    read = _read_all(files, max_bytes, with_json, meanwhile)
    for path, (entries, problem) in zip(files, read, strict=True):
        if problem is not None:
            problems.append(problem)
            continue
        if not entries:
            problems.append(
                InputProblem(
                    SourceLocation(display_path(path), 1, 1),
                    "",
                    "file is empty",
                    "add 'apiVersion: governance/v1' and at least one section",
                )
            )
        for document, model, document_problems, dumped in entries:
            sources.documents.append(document)
            problems.extend(document_problems)
            if model is not None:
                parsed.append((document, model))
                use_case_json.extend(dumped)

    organization: Organization | None = None
    sections: dict[str, list] = {name: [] for name in LIST_SECTIONS}
    for document, model in parsed:
        if model.organization is not None:
            if organization is not None and sources.organization is not None:
                earlier = sources.organization.locate("/organization")
                problems.append(
                    InputProblem(
                        document.locate("/organization"),
                        "/organization",
                        "a second 'organization' section",
                        f"the first is at {earlier}; keep one per inventory",
                    )
                )
            else:
                organization = model.organization
                sources.organization = document
        for section in LIST_SECTIONS:
            for index, item in enumerate(getattr(model, section)):
                sources.add_item(section, document, index)
                sections[section].append(item)

    if organization is None and not problems and files:
        where = (
            sources.documents[0].locate("")
            if sources.documents
            else SourceLocation(display_path(files[0]), 1, 1)
        )
        problems.append(
            InputProblem(where, "", "no 'organization' section in the inventory", "add one")
        )
    if problems:
        raise InputInvalid(problems)

    problems += _duplicates(sections["models"], lambda i: f"/models/{i}", sources, "model")
    problems += _duplicates(sections["use_cases"], lambda i: f"/use_cases/{i}", sources, "use case")
    problems += _duplicates(
        sections["exceptions"], lambda i: f"/exceptions/{i}", sources, "exception"
    )
    for m_index, model in enumerate(sections["models"]):
        problems += _duplicates(
            model.deployments,
            lambda i, m=m_index: f"/models/{m}/deployments/{i}",
            sources,
            "deployment",
        )
    assert organization is not None
    inventory = Inventory(
        organization=organization,
        models=sections["models"],
        use_cases=sections["use_cases"],
        exceptions=sections["exceptions"],
        files=files,
        sources=sources,
        use_case_json=use_case_json,
    )
    problems += check_references(inventory)
    if problems:
        raise InputInvalid(problems)
    return inventory


__all__ = ["Inventory", "UseCase", "load_inventory"]
