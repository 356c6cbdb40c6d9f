"""From importer results to one inventory document a person reviews and completes.

Shared by every importer so they agree on: unique ids, the access class (derived by the policy
library), field order (the inventory format's), what is still missing (asked of the inventory
types themselves), and YAML that reads back to the same values under the YAML 1.2 loader.
"""

from __future__ import annotations

import types
import typing

import yaml
from pydantic import BaseModel, ValidationError

from governance.errors import InputInvalid, InputProblem
from governance.evaluation.openness import derive_openness
from governance.interop.result import ImportedModel
from governance.inventory.scalars import resolve_plain
from governance.inventory.types import API_VERSION, Model


def _model_class(annotation) -> type[BaseModel] | None:
    """The inventory type inside an annotation such as ``License | None`` or ``list[X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list):
        for argument in typing.get_args(annotation):
            found = _model_class(argument)
            if found is not None:
                return found
    return None


def ordered(data, cls: type[BaseModel]):
    """``data`` with keys in the order the inventory type declares its fields (recursively)."""
    if isinstance(data, list):
        return [ordered(item, cls) for item in data]
    if not isinstance(data, dict):
        return data
    result = {}
    for name, info in cls.model_fields.items():
        if name in data:
            inner = _model_class(info.annotation)
            result[name] = ordered(data[name], inner) if inner else data[name]
    result.update({k: v for k, v in data.items() if k not in result})
    return result


def still_missing(facts: dict) -> list[str]:
    """Fields the entry lacks or holds wrongly, as the inventory types see them."""
    try:
        Model.model_validate(facts)
    except ValidationError as exc:
        found = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            found.append(where if error["type"] == "missing" else f"{where} ({error['msg']})")
        return found
    return []


def finish(models: list[ImportedModel]) -> list[ImportedModel]:
    """Check ids are unique, fill in derived access classes, order fields, list what lacks."""
    first: dict[str, ImportedModel] = {}
    problems = []
    for model in models:
        earlier = first.setdefault(model.facts["id"], model)
        if earlier is not model:
            problems.append(
                InputProblem(
                    model.origin,
                    "",
                    f"model id {model.facts['id']!r} is imported twice",
                    f"first from {earlier.origin}; import them separately",
                )
            )
    if problems:
        raise InputInvalid(problems)
    derived = derive_openness([m.facts for m in models])
    for model in models:
        found = derived.get(model.facts["id"])
        if found is not None:
            model.facts.setdefault("access_class", found.access_class)
            model.openness = found.mof_text
        model.facts = ordered(model.facts, Model)
        model.missing = still_missing(model.facts)
    return models


class _Dumper(yaml.SafeDumper):
    """Quotes every string the YAML 1.2 loader would read as something else (e.g. '1e3'),
    and indents sequences under their key, as the examples are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = "'" if resolve_plain(value) is not value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list):
    flow = all(isinstance(item, (str, int, float, bool)) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def missing_summary(models: list[ImportedModel]) -> list[str]:
    """'field (model, model)' per missing field, 'every model' when all lack it."""
    by_field: dict[str, list[str]] = {}
    for model in models:
        for field in model.missing:
            by_field.setdefault(field, []).append(model.facts["id"])
    lines = []
    for field, ids in by_field.items():
        who = "every model" if len(ids) == len(models) > 1 else ", ".join(ids)
        lines.append(f"{field} ({who})")
    return lines


def render(models: list[ImportedModel], command: str, inputs: list[str]) -> str:
    """The YAML document: a header saying where it came from and what is missing."""
    origin = inputs[0] if len(inputs) == 1 else f"{len(inputs)} files"
    header = [
        f"# Imported by `governance import {command}` from {origin}.",
        "# Review every value: importers map what the source states and warn about the rest.",
    ]
    classes = [f"#   {m.facts['id']}: {m.openness}" for m in models if m.openness]
    if classes:
        header.append("# Model Openness Framework class, as the policy library derives it:")
        header += classes
    missing = missing_summary(models)
    if missing:
        header.append("# Still missing before `governance validate` passes:")
        header += [f"#   {line}" for line in missing]
    document = {"apiVersion": API_VERSION, "models": [m.facts for m in models]}
    body = yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return "\n".join(header) + "\n" + body
