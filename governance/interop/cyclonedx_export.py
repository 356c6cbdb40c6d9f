"""An inventory -> a CycloneDX 1.6 ML-BOM, for auditors who ask for an AI bill of materials.

One ``machine-learning-model`` component per model (licence as SPDX id or ``LicenseRef-``
name, supplier, the model card facts the inventory has, the use cases' purposes as
considerations) and one service per vendor-operated deployment, which depends on its model.
Written as plain JSON: cyclonedx-python-lib does not model ``modelCard``. Deterministic: keys
sorted, models and services by id, serial number derived from the content.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from governance.evaluation.openness import Openness, derive_openness
from governance.interop.cyclonedx_fields import (
    CARD_PROPERTIES,
    COMPONENT,
    LICENSE_DECLARED,
    LICENSE_KEY,
    MODEL_PROPERTIES,
    MODEL_TYPE,
    PREFIX,
    SCHEMA_URL,
    SPEC_VERSION,
    hf_purl,
)
from governance.interop.licenses import bom_license_expression, bom_license_id
from governance.inventory import Inventory
from governance.inventory.types import VENDOR_MODES, Deployment, Model
from governance.version import __version__


def _prop(name: str, value) -> dict:
    if isinstance(value, bool):
        value = "true" if value else "false"
    return {"name": PREFIX + name, "value": str(value)}


def _at(data: dict, path: str):
    value: object = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _license(license: dict) -> dict:
    expression = bom_license_expression(license["key"])
    if expression is not None:  # licences that all apply: an SPDX expression (no properties)
        return {"expression": expression, "acknowledgement": "declared"}
    bom_id, is_spdx = bom_license_id(license["key"])
    choice: dict = {"id": bom_id} if is_spdx else {"name": bom_id}
    choice["acknowledgement"] = "declared"
    if license.get("url"):
        choice["url"] = license["url"]
    properties = [_prop(LICENSE_KEY, license["key"])]
    if license.get("declared") is not None:
        properties.append(_prop(LICENSE_DECLARED, license["declared"]))
    choice["properties"] = properties
    return {"license": choice}


def _model_card(facts: dict, purposes: list[str]) -> dict:
    card = facts["model_card"]
    parameters: dict = {}
    if card["modalities_in"]:
        parameters["inputs"] = [{"format": m} for m in card["modalities_in"]]
    if card["modalities_out"]:
        parameters["outputs"] = [{"format": m} for m in card["modalities_out"]]
    result: dict = {}
    if parameters:
        result["modelParameters"] = parameters
    if purposes:
        result["considerations"] = {"useCases": purposes}
    properties = [_prop(name, card[name]) for name in CARD_PROPERTIES if card[name] is not None]
    if properties:
        result["properties"] = properties
    return result


def _component(model: Model, purposes: list[str], openness: Openness | None) -> dict:
    facts = model.model_dump(mode="json", exclude={"deployments"})
    component: dict = {
        "type": MODEL_TYPE,
        "bom-ref": f"model:{model.id}",
        "name": model.name,
        "supplier": {"name": model.provider},
        "licenses": [_license(facts["license"])],
    }
    if model.version is not None:
        component["version"] = model.version
    source = facts["source"]
    if source["hf_repo"]:
        component["purl"] = hf_purl(source["hf_repo"], source["revision"])
    if source["url"]:
        component["externalReferences"] = [{"type": "website", "url": source["url"]}]
    card = _model_card(facts, purposes)
    if card:
        component["modelCard"] = card
    properties = []
    for name in MODEL_PROPERTIES:
        value = _at(facts, name)
        if name == "source.revision" and source["hf_repo"]:
            continue  # carried by the purl
        if value is not None:
            properties.append(_prop(name, value))
    for item in facts["components"]:
        compact = {k: v for k, v in item.items() if v is not None}
        properties.append(_prop(COMPONENT, json.dumps(compact, sort_keys=True)))
    if openness is not None:
        properties.append(_prop("mof_class", openness.mof_class))
        if openness.next_class is not None:
            missing = ", ".join(openness.missing_for_next)
            properties.append(
                _prop("mof_next_class_missing", f"Class {openness.next_class}: {missing}")
            )
    component["properties"] = properties
    return component


def _service(model: Model, deployment: Deployment) -> dict:
    properties = [_prop("deployment.mode", deployment.mode)]
    properties += [
        _prop("deployment.processing_location", x) for x in deployment.processing_locations
    ]
    properties += [_prop("deployment.storage_location", x) for x in deployment.storage_locations]
    properties.append(
        _prop("deployment.training_on_customer_data", deployment.training_on_customer_data)
    )
    if deployment.retention is not None:
        for name, value in deployment.retention.model_dump(mode="json").items():
            if value is not None:
                properties.append(_prop(f"deployment.retention.{name}", value))
    properties += [_prop("deployment.certification", x) for x in deployment.certifications]
    return {
        "bom-ref": f"service:{model.id}/{deployment.id}",
        "provider": {"name": deployment.operator},
        "name": deployment.id,
        "description": f"{deployment.mode} deployment of {model.name}",
        "properties": properties,
    }


def _purposes(inventory: Inventory) -> dict[str, list[str]]:
    """Model id -> 'use case name: purpose' of every use case that chooses it, by use case id."""
    found: dict[str, dict[str, str]] = {}
    for use_case in sorted(inventory.use_cases, key=lambda u: u.id):
        for choice in use_case.model_choices:
            text = f"{use_case.name}: {use_case.purpose}"
            found.setdefault(choice.model, {})[use_case.id] = text
    return {model: list(texts.values()) for model, texts in found.items()}


def build_bom(inventory: Inventory, now: dt.datetime) -> dict:
    """The BOM as a JSON-ready dict."""
    purposes = _purposes(inventory)
    models = sorted(inventory.models, key=lambda m: m.id)
    openness = derive_openness([m.model_dump(mode="json") for m in models])
    components = [_component(m, purposes.get(m.id, []), openness.get(m.id)) for m in models]
    services, dependencies = [], []
    for model in models:
        for deployment in sorted(model.deployments, key=lambda d: d.id):
            if deployment.mode in VENDOR_MODES:
                service = _service(model, deployment)
                services.append(service)
                dependencies.append({"ref": service["bom-ref"], "dependsOn": [f"model:{model.id}"]})
    organization = inventory.organization
    bom: dict = {
        "$schema": SCHEMA_URL,
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "version": 1,
        "metadata": {
            "timestamp": now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tools": {
                "components": [
                    {"type": "application", "name": "model-governance", "version": __version__}
                ]
            },
            "manufacturer": {"name": organization.name},
            "properties": [_prop("organization.id", organization.id)],
        },
        "components": components,
    }
    if services:
        bom["services"] = services
        bom["dependencies"] = dependencies
    digest = json.dumps(bom, sort_keys=True, ensure_ascii=False)
    bom["serialNumber"] = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, digest)}"
    return bom


def bom_text(bom: dict) -> str:
    return json.dumps(bom, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
