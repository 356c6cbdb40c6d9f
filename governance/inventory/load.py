"""Load an inventory from files and directories: read, validate, merge, cross-check.

Every problem found is collected (not only the first) and raised together as InputInvalid.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
import warnings
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from governance.errors import InputInvalid, InputProblem, InputWarning, SourceLocation
from governance.gcpause import paused_gc
from governance.inventory import yamlfile
from governance.inventory.model import Inventory
from governance.inventory.reading import DocumentReader, Parsed, reader_for
from governance.inventory.references import check_references
from governance.inventory.sourcemap import LIST_SECTIONS, SourceMap
from governance.inventory.types import InventoryDocument, Organization, UseCase
from governance.inventory.validation import validate_document
from governance.paths import display_path

YAML_SUFFIXES = (".yaml", ".yml")


def _named(path: Path) -> SourceLocation:
    """Where a problem with ``path`` itself is shown: under its own name even when it is a
    symbolic link (display_path would name what it points to)."""
    return SourceLocation(str(Path(display_path(path.parent)) / path.name), 1, 1)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_a_file(path: Path, mode: int) -> InputProblem:
    """A FIFO, device or socket named like a YAML file, found in a directory."""
    return InputProblem(_named(path), "", f"{_kind_of(mode)}, not a YAML file", "")


def unreachable(path: Path, exc: OSError, doing: str) -> InputProblem:
    """Why ``path`` cannot be used, in words (no errno numbers)."""
    where = _named(path)
    if exc.errno == errno.ELOOP:
        return InputProblem(where, "", "symbolic link loop", "point the link at a real file")
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return InputProblem(
            where, "", f"dangling symbolic link (to {os.readlink(path)})", "fix or remove the link"
        )
    reason = exc.strerror or type(exc).__name__
    return InputProblem(where, "", f"{doing}: {reason[0].lower()}{reason[1:]}", "")


def _walk(directory: Path, found: list[Path], problems: list[InputProblem]) -> None:
    """YAML files below ``directory`` (not in hidden directories, not through directory
    links); what cannot be listed or read is an error, a dangling link a warning."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(unreachable(directory, exc, "cannot list directory"))
        return
    for entry in entries:
        # .github, .git, .venv...: CI workflows and tool configs are not inventory
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                _walk(path, found, problems)
                continue
            if not entry.name.endswith(YAML_SUFFIXES):
                continue
            mode = os.stat(path).st_mode  # follows a link to the file it names
        except OSError as exc:
            problem = unreachable(path, exc, "cannot read file")
            if exc.errno == errno.ENOENT and entry.is_symlink():  # dangling: a warning
                problem = dataclasses.replace(problem, severity="warning")
                warnings.warn(InputWarning(problem), stacklevel=1)
            else:
                problems.append(problem)
            continue
        if stat.S_ISREG(mode):
            found.append(path)
        elif not stat.S_ISDIR(mode):  # a link to a directory ending .yaml is not inventory
            problems.append(not_a_file(path, mode))


def discover_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    """The YAML files the given paths name, and every problem with a path: nothing that
    cannot be read is left out without a word."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for given in paths:
        if str(given) == "":
            problems.append(
                InputProblem(
                    SourceLocation("''", 1, 1),
                    "",
                    "an empty path names no file",
                    "name a file or directory; '.' is the current one",
                )
            )
            continue
        path = Path(given)
        where = _named(path)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno == errno.ENOENT and not os.path.islink(path):
                problems.append(InputProblem(where, "", "no such file or directory", ""))
            else:
                problems.append(unreachable(path, exc, "cannot read"))
            continue
        if stat.S_ISDIR(mode):
            found: list[Path] = []
            before = len(problems)
            _walk(path, found, problems)
            if not found and len(problems) == before:
                problems.append(
                    InputProblem(where, "", "directory holds no .yaml or .yml files", "")
                )
            files.extend(found)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            problems.append(
                InputProblem(where, "", f"{_kind_of(mode)}, not a file or directory", "")
            )
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, problems


def _validated(parsed: Parsed, with_json: bool = False) -> tuple[list, InputProblem | None]:
    """A parsed file's documents with their typed models: ([(document, model or None,
    problems, use cases as JSON)], None), or ([], the file's problem). Each document keeps
    only its positions: the typed model holds the data now."""
    documents, problem = parsed
    entries = []
    for document in documents:
        model, problems = validate_document(document)
        document.data = None
        # the engine's input holds each use case as JSON data: dumped here, while other
        # processes may still be parsing, rather than after the load, when nothing else runs
        dumped = [u.model_dump(mode="json") for u in model.use_cases] if model and with_json else []
        entries.append((document, model, problems, dumped))
    return entries, problem


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
    reader: DocumentReader | None = None,
) -> Inventory:
    """Read, validate, merge and cross-check; raises InputInvalid with every problem.

    ``with_json``: also keep every use case as JSON data (Inventory.use_case_json), for an
    evaluation to build its engine input from. ``meanwhile``: called once, in this process,
    while other processes parse (else before reading): work that does not need the inventory
    (loading the policies) uses the time this process would spend waiting for them. It must
    not raise. ``reader``: who parses the files (default: reader_for them, on every core
    when the inventory is large).
    """
    with paused_gc():
        return _load(paths, max_bytes, with_json, meanwhile, reader)


def _load(
    paths: Sequence[str | Path],
    max_bytes: int,
    with_json: bool,
    meanwhile: Callable[[], None] | None,
    reader: DocumentReader | None,
) -> Inventory:
    files, problems = discover_files(paths)
    sources = SourceMap()
    parsed: list[tuple[yamlfile.YamlDocument, InventoryDocument]] = []
    use_case_json: list[dict] = []
    reader = reader or reader_for(files, max_bytes)
    read = reader.read_documents(files, partial(_validated, with_json=with_json), meanwhile)
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
