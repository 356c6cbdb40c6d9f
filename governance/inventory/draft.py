"""A draft use case for `suggest --draft FILE`: a use case that has no model yet.

The file is an inventory document (``apiVersion: governance/v1`` and ``use_cases``, nothing
else) read and validated like every inventory file, except that ``model_choices`` may be left
out: a draft is written to ask which model to choose. The draft joins the loaded inventory
with no choices, so nothing about it is evaluated until `suggest` puts a candidate in.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from governance.errors import InputInvalid, InputProblem
from governance.inventory import yamlfile
from governance.inventory.model import Inventory
from governance.inventory.reading import read_file
from governance.inventory.references import check_references
from governance.inventory.validation import validate_document
from governance.paths import display_path


def add_draft(inventory: Inventory, path: Path, max_bytes: int) -> tuple[Inventory, list[str]]:
    """The inventory with the draft file's use cases added (their ids, in file order)."""
    try:
        documents = read_file(Path(path), max_bytes)
    except yamlfile.YamlProblem as exc:
        raise InputInvalid([exc.problem]) from None
    problems: list[InputProblem] = []
    added, dumped = [], []
    sources = inventory.sources
    base = len(inventory.use_cases)
    for document in documents:
        if not isinstance(document.data, dict):
            model, found = validate_document(document)  # says what a document must be
            problems += found
            continue
        without_choices = set()
        for index, use_case in enumerate(document.data.get("use_cases") or []):
            if isinstance(use_case, dict) and not use_case.get("model_choices"):
                # validated with a stand-in choice, which is dropped again below
                use_case["model_choices"] = [{"model": "draft", "deployment": "draft"}]
                without_choices.add(index)
        extra = [k for k in ("organization", "models", "exceptions") if document.data.get(k)]
        model, found = validate_document(document)
        problems += found
        if extra:
            problems.append(
                InputProblem(
                    document.locate(f"/{extra[0]}"),
                    f"/{extra[0]}",
                    f"a draft file holds use cases only, not '{extra[0]}'",
                    "put it in the inventory instead",
                )
            )
        if model is None or found or extra:
            continue
        sources.documents.append(document)
        for index, use_case in enumerate(model.use_cases):
            if index in without_choices:
                use_case = use_case.model_copy(update={"model_choices": []})
            sources.add_item("use_cases", document, index)
            added.append(use_case)
            dumped.append(use_case.model_dump(mode="json"))
    if not added and not problems:
        problems.append(
            InputProblem(
                yamlfile.YamlDocument(display_path(Path(path)), 0, None, {}).locate(""),
                "",
                "the draft file holds no use case",
                "add 'use_cases:' with one use case",
            )
        )
    if problems:
        raise InputInvalid(problems)
    known = {u.id: i for i, u in enumerate(inventory.use_cases)}
    for offset, use_case in enumerate(added):
        if use_case.id in known:
            first = sources.locate(f"/use_cases/{known[use_case.id]}/id")
            problems.append(
                InputProblem(
                    sources.locate(f"/use_cases/{base + offset}/id"),
                    "/id",
                    f"use case {use_case.id!r} is already in the inventory, at {first}",
                    "give the draft a new id, or suggest for the existing use case",
                )
            )
    merged = replace(
        inventory,
        use_cases=inventory.use_cases + added,
        files=[*inventory.files, Path(path)],
        use_case_json=(inventory.use_case_json + dumped if inventory.use_case_json else []),
    )
    problems += check_references(merged)
    if problems:
        raise InputInvalid(problems)
    return merged, [u.id for u in added]
