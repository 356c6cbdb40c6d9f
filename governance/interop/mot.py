"""LF AI & Data Model Openness Tool (MOT) records -> model entries.

A MOT record lists the components a producer released, each with an optional licence string.
Licences resolve the MOT way (github.com/lfai/model_openness_tool, src/LicenseHandler.php): the
component's own licence, else the record's licence for the component's content type (code,
data, document), else its distribution licence; a component left with none is "unlicensed",
which is not open. The model's licence is that of its final parameters. Weights count as
downloadable when the record lists "Model parameters (Final)"; MOT does not say whether a
download is gated.
"""

from __future__ import annotations

import datetime as dt

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.interop.common import (
    hf_repo_from_url,
    is_hf_repo,
    model_id,
    parse_yaml,
    read_input,
)
from governance.interop.licenses import UNKNOWN, fold, resolve
from governance.interop.result import Collector, ImportedModel
from governance.inventory import pointer as jp

#: MOT component name -> (MOF component, content type), per the MOT mof.settings.yml.
COMPONENTS = {
    "model architecture": ("model-architecture", "code"),
    "model parameters (final)": ("model-parameters-final", "data"),
    "model card": ("model-card", "document"),
    "data card": ("data-card", "document"),
    "technical report": ("technical-report", "document"),
    "evaluation results": ("evaluation-results", "document"),
    "sample model outputs": ("sample-model-outputs", "document"),
    "training code": ("training-code", "code"),
    "inference code": ("inference-code", "code"),
    "evaluation code": ("evaluation-code", "code"),
    "evaluation data": ("evaluation-data", "data"),
    "supporting libraries and tools": ("supporting-libraries-and-tools", "code"),
    "datasets": ("datasets", "data"),
    "data preprocessing code": ("data-preprocessing-code", "code"),
    "model parameters (intermediate)": ("model-parameters-intermediate", "data"),
    "research paper": ("research-paper", "document"),
    "model metadata": ("model-metadata", "data"),
}
LICENSE_TYPES = ("distribution", "code", "data", "document")
#: MOT release types whose modalities are plain: a language model reads and writes text.
TYPE_MODALITIES = {"language": (["text"], ["text"])}
RELEASE_KEYS = {"name", "version", "producer", "license", "components", "huggingface", "repository"}
# description: the MOT's fixed text for the component kind, the same in every record
COMPONENT_KEYS = {"name", "license", "component_path", "description"}


def _text(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value)
    return text if text.strip() else None


class _Record:
    """One record being read; licence look-ups remember what they warned about."""

    def __init__(self, collector: Collector, release: dict):
        self.out = collector
        self.release = release
        licenses = release.get("license")
        self.licenses: dict = licenses if isinstance(licenses, dict) else {}
        self.warned: set[str] = set()

    def record_license(self, kind: str) -> tuple[str | None, str | None, str]:
        """(declared name, url, pointer) of the record-level licence of one kind."""
        entry = self.licenses.get(kind)
        if not isinstance(entry, dict):
            return None, None, f"/release/license/{kind}"
        return _text(entry.get("name")), _text(entry.get("path")), f"/release/license/{kind}/name"

    def resolve(self, declared: str, pointer: str) -> str:
        """A record-level licence is shared by many components: warn about it once."""

        def report(message: str, hint: str) -> None:
            if pointer not in self.warned:
                self.warned.add(pointer)
                self.out.warn(pointer, message, hint)

        return resolve(declared, report)

    def component_license(self, component: dict, kind: str, pointer: str):
        """(key, declared, url) of one component's licence, by the MOT resolution order."""
        own = _text(component.get("license"))
        if own is not None:
            return (
                self.resolve(own, f"{pointer}/license"),
                own,
                _text(component.get("license_path")),
            )
        for level in (kind, "distribution"):
            declared, url, where = self.record_license(level)
            if declared is not None:
                return self.resolve(declared, where), declared, url
        self.out.warn(
            pointer,
            "component has no licence and the record none for it: recorded as 'unknown'",
            "the MOT reads it as 'unlicensed', which is not open",
        )
        return UNKNOWN, None, None


def _components(record: _Record) -> tuple[list[dict], dict | None]:
    """MOF components, and the licence of the final parameters (the model's licence)."""
    components, parameters = [], None
    items = record.release.get("components")
    for index, item in enumerate(items if isinstance(items, list) else []):
        pointer = f"/release/components/{index}"
        if not isinstance(item, dict):
            record.out.warn(pointer, "component is not a mapping: skipped")
            continue
        name = _text(item.get("name"))
        known = COMPONENTS.get(fold(name)) if name else None
        if known is None:
            record.out.warn(
                f"{pointer}/name",
                f"{name!r} is not one of the 17 MOF components: skipped",
                "see the component table in the Model Openness Framework",
            )
            continue
        mof_name, kind = known
        key, declared, url = record.component_license(item, kind, pointer)
        component = {"name": mof_name, "included": True, "license": key}
        location = _text(item.get("component_path"))
        if location is not None:
            component["location"] = location
        components.append(component)
        if mof_name == "model-parameters-final" and parameters is None:
            parameters = {"key": key, "declared": declared, "url": url, "location": location}
        elif _text(item.get("license_path")) is not None:
            record.out.warn(
                f"{pointer}/license_path",
                "a component's licence URL is not imported: components record a licence key",
            )
        record.out.unmapped(pointer, item, COMPONENT_KEYS | {"license_path"})
    return components, parameters


def _downloadable(collector: Collector, parameters: dict | None) -> bool:
    """Whether the record's final parameters can be downloaded.

    A "Model parameters (Final)" row under proprietary terms with no download location lists
    weights nobody can obtain (the GPT-4o record does so): that is a closed model."""
    if parameters is None:
        collector.warn(
            "/release/components",
            "no 'Model parameters (Final)' component: weights recorded as not downloadable",
            "if they can be downloaded, set weights.availability to public or gated",
        )
        return False
    if parameters["key"] == "proprietary" and parameters["location"] is None:
        collector.warn(
            "/release/components",
            "'Model parameters (Final)' is under proprietary terms with no download location: "
            "weights recorded as not downloadable (a closed model)",
            "if they can be downloaded, set weights.availability to public or gated",
        )
        return False
    return True


def _model_license(record: _Record, parameters: dict | None) -> dict:
    if parameters is not None and parameters["declared"] is not None:
        found = {k: v for k, v in parameters.items() if k != "location"}
    else:
        declared, url, where = record.record_license("distribution")
        if declared is None:
            record.out.warn(
                "/release/license",
                "the record declares no licence for the model parameters: recorded as 'unknown'",
            )
            return {"key": UNKNOWN}
        found = {"key": record.resolve(declared, where), "declared": declared, "url": url}
    return {k: v for k, v in found.items() if v is not None}


def _source(record: _Record, retrieved_on: dt.date) -> dict:
    source: dict = {}
    hub = _text(record.release.get("huggingface"))
    if hub is not None:
        first = hub.split()[0]  # some records give 'o/n', some 'URL · page title'
        repo = first if is_hf_repo(first) else hf_repo_from_url(first)
        if repo is None:
            record.out.warn(
                "/release/huggingface",
                f"{hub.strip()!r} is not a Hugging Face model URL or repo name",
            )
        else:
            source["hf_repo"] = repo
    repository = _text(record.release.get("repository"))
    if repository is not None:
        source["url"] = repository.strip()
    source["retrieved_on"] = retrieved_on.isoformat()
    return source


def import_record(path, retrieved_on: dt.date, max_bytes: int) -> tuple[ImportedModel, list]:
    """One MOT record file -> one model entry and the warnings about it."""
    shown, raw = read_input(path, max_bytes)
    document = parse_yaml(shown, raw, max_bytes)
    data = document.data if document is not None else None
    release = data.get("release") if isinstance(data, dict) else None
    name = _text(release.get("name")) if isinstance(release, dict) else None
    if document is None or not isinstance(release, dict) or name is None:
        where = document.locate("/release") if document is not None else SourceLocation(shown)
        raise InputInvalid(
            [
                InputProblem(
                    where,
                    "/release/name",
                    "not a Model Openness Tool record: no release name",
                    "a MOT record has 'framework' and 'release' with a 'name'",
                )
            ]
        )
    if not model_id(name):
        raise InputInvalid(
            [
                InputProblem(
                    document.locate("/release/name"),
                    "/release/name",
                    f"no inventory id can be made from the name {name!r}",
                    "ids use letters, digits, '.', '_' and '-'",
                )
            ]
        )
    collector = Collector(document)
    record = _Record(collector, release)
    for key, expected, word in (("license", dict, "mapping"), ("components", list, "list")):
        if release.get(key) is not None and not isinstance(release[key], expected):
            collector.warn(f"/release/{key}", f"{key} is not a {word}: ignored")
    components, parameters = _components(record)
    facts: dict = {"id": model_id(name), "name": name.strip()}
    producer = _text(release.get("producer"))
    if producer is not None:
        facts["provider"] = producer.strip()
    version = _text(release.get("version"))
    if version is not None:
        facts["version"] = version.strip()
    has_weights = _downloadable(collector, parameters)
    facts["weights"] = {"availability": "public" if has_weights else "none"}
    facts["license"] = _model_license(record, parameters)
    facts["components"] = components
    kind = _text(release.get("type"))
    if kind in TYPE_MODALITIES:
        modalities_in, modalities_out = TYPE_MODALITIES[kind]
        facts["model_card"] = {"modalities_in": modalities_in, "modalities_out": modalities_out}
    facts["source"] = _source(record, retrieved_on)
    used = RELEASE_KEYS | ({"type"} if kind in TYPE_MODALITIES else set())
    collector.unmapped("/release", release, used)
    for key in sorted(set(record.licenses) - set(LICENSE_TYPES)):
        collector.warn(jp.join("/release/license", key), f"licence kind {key!r} is not imported")
    return ImportedModel(facts, document.locate("/release/name")), collector.notices
