"""Schema validation of one document, with messages a person can act on.

pydantic does the checking (strict, all errors at once); this module turns its error list
into located problems and adds "did you mean" hints for misspelt field names.
"""

from __future__ import annotations

import difflib
import types
import typing

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from governance.errors import InputProblem
from governance.inventory import pointer as jp
from governance.inventory.types import InventoryDocument
from governance.inventory.yamlfile import YamlDocument

_TYPE_NAMES = {
    "string_type": "a string",
    "int_type": "an integer",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "float_type": "a number",
}


def _unwrap(annotation):
    """The model class a field holds, looking through Optional, list and Annotated."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None
            annotation = args[0]
        else:
            return annotation


def _model_at(loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = InventoryDocument
    for token in loc:
        if current is None:
            return None
        if isinstance(token, int):
            continue
        info = current.model_fields.get(token)
        if info is None:
            return None
        target = _unwrap(info.annotation)
        current = target if isinstance(target, type) and issubclass(target, BaseModel) else None
    return current


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(document: YamlDocument, error: ErrorDetails) -> InputProblem:
    loc = tuple(t for t in error["loc"] if not (isinstance(t, str) and "[" in t))
    pointer = jp.join("", *loc)
    kind = error["type"]
    hint = ""
    if kind == "extra_forbidden":
        owner = _model_at(loc[:-1])
        field = str(loc[-1])
        message = f"unknown field {field!r}"
        allowed = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean {close[0]!r}?"
        elif allowed:
            hint = "allowed: " + ", ".join(allowed)
    elif kind == "missing":
        message = f"missing required field {str(loc[-1])!r}"
        pointer = jp.join("", *loc[:-1])
    elif kind in _TYPE_NAMES:
        message = f"expected {_TYPE_NAMES[kind]}, got {_describe(error.get('input'))}"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"{_describe(error.get('input'))} is not allowed"
        hint = f"expected one of {expected}"
    elif kind == "value_error":
        cause = error.get("ctx", {}).get("error", error["msg"])
        message = str(cause)
        hint = getattr(cause, "hint", "")
    else:
        message = f"{error['msg'][0].lower()}{error['msg'][1:]}"
        if "input" in error and not isinstance(error["input"], (dict, list)):
            message += f", got {_describe(error['input'])}"
    return InputProblem(document.locate(pointer), pointer, message, hint)


def validate_document(
    document: YamlDocument,
) -> tuple[InventoryDocument | None, list[InputProblem]]:
    if not isinstance(document.data, dict):
        where = document.locate("")
        return None, [
            InputProblem(
                where,
                "",
                f"a document must be a mapping, got {_describe(document.data)}",
                "start with 'apiVersion: governance/v1'",
            )
        ]
    if document.data.get("apiVersion") != "governance/v1":
        found = document.data.get("apiVersion")
        where = document.locate("/apiVersion")
        message = (
            "missing 'apiVersion'"
            if found is None
            else f"unsupported apiVersion {_describe(found)}"
        )
        return None, [
            InputProblem(where, "/apiVersion", message, "use 'apiVersion: governance/v1'")
        ]
    try:
        return InventoryDocument.model_validate(document.data), []
    except ValidationError as exc:
        return None, [_problem(document, e) for e in exc.errors(include_url=False)]
