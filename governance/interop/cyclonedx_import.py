"""CycloneDX ML-BOMs (JSON) -> model entries, one per ``machine-learning-model`` component.

Reads the fields cyclonedx_fields names, in both directions, so a BOM this tool exported
comes back whole; from other tools it takes the standard fields and reports the rest. Whether
weights can be downloaded is not a CycloneDX field: without the ``model-governance:`` property
it is left for a person (and with it the access class).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from governance.errors import InputInvalid, InputProblem
from governance.interop import jsonfile
from governance.interop.common import hf_repo_from_url, model_id, read_input
from governance.interop.cyclonedx_fields import (
    CARD_PROPERTIES,
    COMPONENT,
    DERIVED_PROPERTIES,
    FORMATS,
    LICENSE_DECLARED,
    LICENSE_KEY,
    MODEL_PROPERTIES,
    MODEL_TYPE,
    PREFIX,
    parse_hf_purl,
)
from governance.interop.licenses import UNKNOWN, resolve
from governance.interop.result import Collector, ImportedModel, Notice

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
PROVIDER_FIELDS = ("supplier", "manufacturer", "publisher", "author")
CONSUMED = {"type", "bom-ref", "name", "version", "licenses", "purl", "externalReferences"}
CONSUMED |= {"modelCard", "properties", *PROVIDER_FIELDS}
SOURCE_REFERENCES = ("website", "documentation", "model-card")


def _problem(document, pointer: str, message: str, hint: str) -> InputInvalid:
    return InputInvalid([InputProblem(document.locate(pointer), pointer, message, hint)])


def _models(components, pointer: str):
    """(pointer, component) of every machine-learning-model, nested components included."""
    for index, component in enumerate(components if isinstance(components, list) else []):
        if not isinstance(component, dict):
            continue
        here = f"{pointer}/{index}"
        if component.get("type") == MODEL_TYPE:
            yield here, component
        yield from _models(component.get("components"), f"{here}/components")


def _party_name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _set(facts: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for part in parents:
        facts = facts.setdefault(part, {})
    facts[last] = value


class _Component:
    """One model component being read."""

    def __init__(self, out: Collector, pointer: str, component: dict):
        self.out, self.pointer, self.component = out, pointer, component

    def properties(self, items, pointer: str, known) -> dict[str, list[tuple[str, str]]]:
        """Our properties by name (value, pointer); anything else is reported."""
        found: dict[str, list[tuple[str, str]]] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            here = f"{pointer}/{index}"
            name = item.get("name") if isinstance(item, dict) else None
            value = item.get("value") if isinstance(item, dict) else None
            short = (
                name[len(PREFIX) :] if isinstance(name, str) and name.startswith(PREFIX) else None
            )
            if short is not None and short in known and isinstance(value, str):
                found.setdefault(short, []).append((value, here))
            elif short in DERIVED_PROPERTIES:
                continue  # derived by the policy library: the import derives it again
            else:
                self.out.warn(here, f"property {name!r} is not imported")
        return found

    def provider(self, facts: dict) -> None:
        names = {f: _party_name(self.component.get(f)) for f in PROVIDER_FIELDS}
        chosen = next((n for n in names.values() if n), None)
        if chosen is None:
            return
        facts["provider"] = chosen
        for field, name in names.items():
            if name and name != chosen:
                self.out.warn(
                    f"{self.pointer}/{field}",
                    f"{field} {name!r} is not imported",
                    f"provider is {chosen!r}, from the first of {', '.join(PROVIDER_FIELDS)}",
                )

    def license(self) -> dict:
        choices = self.component.get("licenses")
        pointer = f"{self.pointer}/licenses"
        if not isinstance(choices, list) or not choices:
            self.out.warn(self.pointer, "no licence: recorded as 'unknown'", "add 'licenses'")
            return {"key": UNKNOWN}
        for index in range(1, len(choices)):
            self.out.warn(f"{pointer}/{index}", "only the first licence is imported")
        first, pointer = choices[0], f"{pointer}/0"
        if isinstance(first, dict) and isinstance(first.get("expression"), str):
            declared, where, extra = first["expression"], f"{pointer}/expression", {}
            url = None
        elif isinstance(first, dict) and isinstance(first.get("license"), dict):
            extra = first["license"]
            field = "id" if isinstance(extra.get("id"), str) else "name"
            declared, where = extra.get(field), f"{pointer}/license/{field}"
            url = extra.get("url") if isinstance(extra.get("url"), str) else None
        else:
            self.out.warn(pointer, "licence is neither a licence nor an expression")
            return {"key": UNKNOWN}
        ours = self.properties(
            extra.get("properties"),
            f"{pointer}/license/properties",
            {LICENSE_KEY, LICENSE_DECLARED},
        )
        result: dict = {}
        if LICENSE_KEY in ours and _ID.match(ours[LICENSE_KEY][0][0]):
            result["key"] = ours[LICENSE_KEY][0][0]  # the inventory's own key, exported by us
        elif isinstance(declared, str):
            result["key"] = resolve(declared, lambda m, h: self.out.warn(where, m, h))
        else:
            self.out.warn(pointer, "licence has no id or name: recorded as 'unknown'")
            result["key"] = UNKNOWN
        if LICENSE_DECLARED in ours:
            result["declared"] = ours[LICENSE_DECLARED][0][0]
        elif isinstance(declared, str):
            result["declared"] = declared
        if url:
            result["url"] = url
        return result

    def source(self, retrieved_on: dt.date) -> dict:
        source: dict = {}
        purl = self.component.get("purl")
        if isinstance(purl, str):
            parsed = parse_hf_purl(purl)
            if parsed is None:
                self.out.warn(f"{self.pointer}/purl", f"purl {purl!r} is not imported")
            else:
                source["hf_repo"], revision = parsed
                if revision:
                    source["revision"] = revision
        references = self.component.get("externalReferences")
        for index, reference in enumerate(references if isinstance(references, list) else []):
            here = f"{self.pointer}/externalReferences/{index}"
            kind = reference.get("type") if isinstance(reference, dict) else None
            url = reference.get("url") if isinstance(reference, dict) else None
            repo = hf_repo_from_url(url) if isinstance(url, str) else None
            if kind in SOURCE_REFERENCES and isinstance(url, str) and "url" not in source:
                source["url"] = url
                if repo and "hf_repo" not in source:
                    source["hf_repo"] = repo
            elif kind == "distribution" and repo and "hf_repo" not in source:
                source["hf_repo"] = repo
            else:
                self.out.warn(here, f"external reference {kind!r} is not imported")
        source["retrieved_on"] = retrieved_on.isoformat()
        return source

    def model_card(self, facts: dict) -> None:
        card = self.component.get("modelCard")
        if not isinstance(card, dict):
            return
        pointer = f"{self.pointer}/modelCard"
        out: dict = {}
        parameters = card.get("modelParameters")
        parameters = parameters if isinstance(parameters, dict) else {}
        for field, target in (("inputs", "modalities_in"), ("outputs", "modalities_out")):
            items = parameters.get(field)
            for index, item in enumerate(items if isinstance(items, list) else []):
                here = f"{pointer}/modelParameters/{field}/{index}"
                fmt = item.get("format") if isinstance(item, dict) else None
                modality = FORMATS.get(fmt.casefold()) if isinstance(fmt, str) else None
                if modality is None:
                    self.out.warn(here, f"format {fmt!r} is not mapped to a modality")
                elif modality not in out.setdefault(target, []):
                    out[target].append(modality)
        self.out.unmapped(f"{pointer}/modelParameters", parameters, {"inputs", "outputs"})
        counts = self.properties(card.get("properties"), f"{pointer}/properties", CARD_PROPERTIES)
        for name, [(value, here), *_] in counts.items():
            if value.isdigit():
                out[name] = int(value)
            else:
                self.out.warn(here, f"{name} {value!r} is not a whole number")
        if out:
            facts["model_card"] = out
        self.out.unmapped(pointer, card, {"bom-ref", "modelParameters", "properties"})

    def read(self, retrieved_on: dt.date) -> dict:
        component = self.component
        name = component.get("name")
        if not isinstance(name, str) or not model_id(name):
            raise _problem(
                self.out.document,
                self.pointer,
                f"model component has no name to make an inventory id from: {name!r}",
                "ids use letters, digits, '.', '_' and '-'",
            )
        ours = self.properties(
            component.get("properties"),
            f"{self.pointer}/properties",
            {*MODEL_PROPERTIES, COMPONENT},
        )
        facts: dict = {"id": model_id(name), "name": name.strip()}
        self.provider(facts)
        if isinstance(component.get("version"), str):
            facts["version"] = component["version"]
        facts["license"] = self.license()
        components = []
        for value, here in ours.pop(COMPONENT, []):
            try:
                item = json.loads(value)
            except ValueError:
                item = None
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                components.append(item)
            else:
                self.out.warn(here, "component property is not a JSON object with a name")
        if components:
            facts["components"] = components
        self.model_card(facts)
        facts["source"] = self.source(retrieved_on)
        for path, [(value, _), *_] in ours.items():
            if path == "source.revision" and "revision" in facts["source"]:
                continue
            _set(facts, path, value)
        self.out.unmapped(self.pointer, component, CONSUMED)
        return facts


def _services(out: Collector, data: dict, models: dict[str, str]) -> None:
    """Services are deployments the inventory needs more facts about: point at them."""
    used_by: dict[str, list[str]] = {}
    dependencies = data.get("dependencies")
    for dependency in dependencies if isinstance(dependencies, list) else []:
        if not isinstance(dependency, dict) or not isinstance(dependency.get("ref"), str):
            continue
        depends_on = dependency.get("dependsOn")
        for ref in depends_on if isinstance(depends_on, list) else []:
            if isinstance(ref, str) and ref in models:
                used_by.setdefault(dependency["ref"], []).append(models[ref])
    services = data.get("services")
    for index, service in enumerate(services if isinstance(services, list) else []):
        if not isinstance(service, dict):
            continue
        name = service.get("name")
        ref = service.get("bom-ref")
        uses = used_by.get(ref, []) if isinstance(ref, str) else []
        target = f"of model {', '.join(uses)}" if uses else "of the model it serves"
        out.warn(
            f"/services/{index}",
            f"service {name!r} is not imported",
            f"add it as a deployment {target}",
        )


def import_bom(path, retrieved_on: dt.date, max_bytes: int):
    """One BOM file -> its model entries and the warnings about them."""
    shown, raw = read_input(path, max_bytes)
    document = jsonfile.parse(shown, raw, max_bytes)
    data = document.data
    if not isinstance(data, dict) or data.get("bomFormat") != "CycloneDX":
        pointer = "/bomFormat" if isinstance(data, dict) and "bomFormat" in data else ""
        raise _problem(
            document,
            pointer,
            "not a CycloneDX BOM",
            "a CycloneDX JSON BOM has bomFormat 'CycloneDX'",
        )
    found = list(_models(data.get("components"), "/components"))
    if not found:
        raise _problem(
            document,
            "/components",
            "the BOM has no machine-learning-model component",
            "an ML-BOM lists each model as a component of type 'machine-learning-model'",
        )
    out = Collector(document)
    models: list[ImportedModel] = []
    refs: dict[str, str] = {}
    for pointer, component in found:
        facts = _Component(out, pointer, component).read(retrieved_on)
        models.append(ImportedModel(facts, document.locate(pointer)))
        if isinstance(component.get("bom-ref"), str):
            refs[component["bom-ref"]] = facts["id"]
    _services(out, data, refs)
    notices: list[Notice] = out.notices
    return models, notices
