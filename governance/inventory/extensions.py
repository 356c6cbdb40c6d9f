"""The organization's own inventory fields: `extensions:` on organization, model, deployment,
use case, model choice and exception, checked against the JSON Schema governance.toml names.

The schema is a 2020-12 document whose top-level `properties` are the entity kinds
(`organization`, `model`, `deployment`, `use_case`, `model_choice`, `exception`), each the
schema of that entity's `extensions`. Problems are located at the offending value in the
inventory (`models.yaml:12:20: error: ...`, exit 2) like any other. Policies read the values
unchanged at the entity's `.extensions`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from governance.errors import InputInvalid, InputProblem, SourceLocation, UsageError
from governance.inventory.model import Inventory
from governance.paths import display_path

KINDS = ("organization", "model", "deployment", "use_case", "model_choice", "exception")
EXTENSIONS_ID = "urn:model-governance:extensions"
# the inventory schema's definition of each kind
DEFINITIONS = {
    "organization": "Organization",
    "model": "Model",
    "deployment": "Deployment",
    "use_case": "UseCase",
    "model_choice": "ModelChoice",
    "exception": "Waiver",
}


def load_extensions_schema(path: Path) -> dict:
    """The extensions schema at ``path``, once it is JSON, a valid 2020-12 schema, and names
    only entity kinds at its top level."""
    shown = display_path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{shown}: cannot read the extensions schema: {reason}") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        where = SourceLocation(shown, exc.lineno, exc.colno)
        raise InputInvalid([InputProblem(where, "", f"not JSON: {exc.msg}")]) from None
    start = SourceLocation(shown, 1, 1)
    if not isinstance(schema, dict):
        raise InputInvalid([InputProblem(start, "", "an extensions schema is a JSON object")])
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        pointer = "".join(f"/{p}" for p in exc.absolute_path)
        message = f"not a valid JSON Schema (2020-12): {exc.message}"
        raise InputInvalid([InputProblem(start, pointer, message)]) from None
    unknown = sorted(set(schema.get("properties", {})) - set(KINDS))
    if unknown:
        raise InputInvalid(
            [
                InputProblem(
                    start,
                    "/properties",
                    f"unknown entity kind{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(repr(k) for k in unknown)}",
                    f"the kinds are {', '.join(KINDS)}",
                )
            ]
        )
    return schema


def entities(inventory: Inventory) -> Iterator[tuple[str, str, dict | None]]:
    """(kind, JSON pointer, extensions) of every entity that may carry them."""
    yield "organization", "/organization", inventory.organization.extensions
    for m, model in enumerate(inventory.models):
        yield "model", f"/models/{m}", model.extensions
        for d, deployment in enumerate(model.deployments):
            yield "deployment", f"/models/{m}/deployments/{d}", deployment.extensions
    for u, use_case in enumerate(inventory.use_cases):
        yield "use_case", f"/use_cases/{u}", use_case.extensions
        for c, choice in enumerate(use_case.model_choices):
            yield "model_choice", f"/use_cases/{u}/model_choices/{c}", choice.extensions
    for e, waiver in enumerate(inventory.exceptions):
        yield "exception", f"/exceptions/{e}", waiver.extensions


def has_extensions(inventory: Inventory) -> bool:
    return any(values is not None for _, _, values in entities(inventory))


def check_extensions(inventory: Inventory, schema: dict) -> None:
    """Every entity's extensions against its kind's schema; InputInvalid (exit 2) with each
    problem at its place in the inventory."""
    root = Draft202012Validator(schema, format_checker=FormatChecker())
    kinds = schema.get("properties", {})
    # each kind's schema, its references resolved against the whole document
    validators = {kind: root.evolve(schema=kinds[kind]) for kind in KINDS if kind in kinds}
    problems = []
    for kind, pointer, values in entities(inventory):
        validator = validators.get(kind)
        if validator is None or values is None:
            continue
        for error in validator.iter_errors(values):
            at = f"{pointer}/extensions" + "".join(
                "/" + str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path
            )
            problems.append(
                InputProblem(
                    inventory.sources.locate(at),
                    at,
                    f"{error.message} (extensions_schema: {kind})",
                )
            )
    if problems:
        raise InputInvalid(problems)


_NOTED: set[str] = set()


def checked_extensions(inventory: Inventory, schema_path: Path | None) -> None:
    """Check the extensions against the schema at ``schema_path``; without one, say once
    (on stderr) that they are taken as free data."""
    if schema_path is not None:
        check_extensions(inventory, load_extensions_schema(schema_path))
    elif "unchecked" not in _NOTED and has_extensions(inventory):
        _NOTED.add("unchecked")
        sys.stderr.write(
            "governance: note: inventory extensions are taken as they are: set "
            "extensions_schema in governance.toml to check them\n"
        )


def combined_schema(inventory_schema: dict, extensions: dict) -> dict:
    """The inventory schema with each entity's `extensions` described by the organization's
    schema (embedded as its own resource, so its internal references still resolve)."""
    combined = json.loads(json.dumps(inventory_schema))
    embedded = dict(extensions)
    embedded.setdefault("$id", EXTENSIONS_ID)
    combined.setdefault("$defs", {})["OrganizationExtensions"] = embedded
    for kind, definition in DEFINITIONS.items():
        if kind not in extensions.get("properties", {}):
            continue
        properties = combined["$defs"][definition]["properties"]
        description = properties["extensions"].get("description", "")
        properties["extensions"] = {
            "description": description,
            "$ref": f"{embedded['$id']}#/properties/{kind}",
        }
    return combined
