"""Where inventory model facts live in a CycloneDX 1.6 BOM: one table for export and import.

Facts with a CycloneDX field use it (name, version, supplier, licenses, purl, external
references, modelCard inputs/outputs). The rest travel as ``model-governance:`` properties,
which CycloneDX allows for exactly this, so an exported BOM imports back to the same facts.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from governance.interop.common import is_hf_repo

SPEC_VERSION = "1.6"
SCHEMA_URL = "http://cyclonedx.org/schema/bom-1.6.schema.json"
MODEL_TYPE = "machine-learning-model"
PREFIX = "model-governance:"

#: component property (after PREFIX) -> how its text value reads back
MODEL_PROPERTIES = {
    "id": "str",
    "catalog": "str",
    "family": "str",
    "base_model": "str",
    "base_model_relation": "str",
    "access_class": "str",
    "weights.availability": "str",
    "weights.license_acceptance.accepted_by": "str",
    "weights.license_acceptance.accepted_on": "str",
    "weights.license_acceptance.reference": "str",
    "source.revision": "str",  # only when there is no hf_repo (else it is the purl version)
    "source.retrieved_on": "str",
    "lifecycle.status": "str",
    "lifecycle.retired_on": "str",
}
#: component properties (after PREFIX) the export derives and an import recomputes, so reads
#: back silently: the Model Openness Framework class and what the next class needs
DERIVED_PROPERTIES = ("mof_class", "mof_next_class_missing")
#: modelCard property (after PREFIX) -> model_card field, all integers
CARD_PROPERTIES = (
    "parameters_total",
    "parameters_active",
    "context_window",
    "min_accelerator_memory_gb",
)
COMPONENT = "component"  # one property per MOF component, its value a JSON object
LICENSE_KEY = "key"  # on the licence: the inventory's catalogue key
LICENSE_DECLARED = "declared"  # on the licence: the string as the publisher declared it

#: modelCard input/output ``format`` (case-folded) -> inventory modality
FORMATS = {
    "text": "text",
    "string": "text",
    "text/plain": "text",
    "text/markdown": "text",
    "image": "image",
    "image/png": "image",
    "image/jpeg": "image",
    "audio": "audio",
    "audio/wav": "audio",
    "audio/mpeg": "audio",
    "video": "video",
    "video/mp4": "video",
    "code": "code",
    "embedding": "embedding",
    "structured": "structured",
    "application/json": "structured",
}


def hf_purl(repo: str, revision: str | None) -> str:
    """pkg:huggingface/owner/name[@revision] (the purl type for Hugging Face models)."""
    owner, name = repo.split("/", 1)
    version = f"@{quote(revision, safe='')}" if revision else ""
    return f"pkg:huggingface/{quote(owner)}/{quote(name)}{version}"


def parse_hf_purl(purl: str) -> tuple[str, str | None] | None:
    """(hf_repo, revision) from a huggingface purl; None for any other purl."""
    if not purl.startswith("pkg:huggingface/"):
        return None
    body = purl[len("pkg:huggingface/") :].split("?", 1)[0].split("#", 1)[0]
    path, _, version = body.partition("@")
    repo = "/".join(unquote(part) for part in path.split("/"))
    if not is_hf_repo(repo):
        return None
    return repo, unquote(version) if version else None
