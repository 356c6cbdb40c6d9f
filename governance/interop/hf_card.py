"""Hugging Face model cards (README.md on disk) -> a model entry, offline.

Only the YAML front matter is read (https://huggingface.co/docs/hub/model-cards): ``license``
(``other`` + ``license_name`` / ``license_link`` for licences without a hub id), ``base_model``
and ``base_model_relation``, ``pipeline_tag`` for modalities, and ``extra_gated_*`` (a click-
through gate on the weights). The card does not name its repository, so the caller passes it
(``--repo owner/name``).
"""

from __future__ import annotations

import datetime as dt

from governance.errors import InputInvalid, InputProblem, SourceLocation
from governance.interop.common import HF_PREFIX, decode_utf8, model_id, parse_yaml, read_input
from governance.interop.licenses import UNKNOWN, fold, resolve
from governance.interop.result import Collector, ImportedModel, Notice

RELATIONS = {"finetune", "adapter", "merge", "quantized", "distillation"}
#: pipeline_tag -> (modalities in, modalities out), for tags whose modalities are plain.
PIPELINE_MODALITIES = {
    "text-generation": (["text"], ["text"]),
    "text2text-generation": (["text"], ["text"]),
    "summarization": (["text"], ["text"]),
    "translation": (["text"], ["text"]),
    "question-answering": (["text"], ["text"]),
    "fill-mask": (["text"], ["text"]),
    "image-text-to-text": (["text", "image"], ["text"]),
    "text-to-image": (["text"], ["image"]),
    "image-to-text": (["image"], ["text"]),
    "automatic-speech-recognition": (["audio"], ["text"]),
    "text-to-speech": (["text"], ["audio"]),
    "feature-extraction": (["text"], ["embedding"]),
    "sentence-similarity": (["text"], ["embedding"]),
}
CONSUMED = {"license", "license_name", "license_link", "base_model", "base_model_relation"}
CONSUMED |= {"pipeline_tag", "gated"}


def _front_matter(shown: str, raw: bytes, max_bytes: int):
    """The front matter parsed with its own line numbers (the opening '---' is line 1)."""
    start = SourceLocation(shown, 1, 1)
    text = decode_utf8(shown, raw)
    lines = text.split("\n")
    if lines[0].rstrip("\r") != "---":
        raise InputInvalid(
            [
                InputProblem(
                    start,
                    "",
                    "no YAML front matter: this is not a Hugging Face model card",
                    "a model card starts with a line '---', the metadata, then a line '---'",
                )
            ]
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise InputInvalid(
            [InputProblem(start, "", "front matter is not closed", "end it with a line '---'")]
        )
    document = parse_yaml(shown, "\n".join(lines[:end]).encode("utf-8") + b"\n", max_bytes)
    if document is None or document.data is None:
        raise InputInvalid(
            [InputProblem(start, "", "front matter is empty", "the card declares no metadata")]
        )
    if not isinstance(document.data, dict):
        raise InputInvalid(
            [InputProblem(document.locate(""), "", "front matter is not a mapping", "")]
        )
    return document


def _license(out: Collector, card: dict, repo: str, revision: str | None) -> dict:
    declared, pointer = card.get("license"), "/license"
    if isinstance(declared, list) and len(declared) == 1:
        declared, pointer = declared[0], "/license/0"
    if declared is None:
        out.warn("", "the card declares no licence: recorded as 'unknown'", "add 'license:'")
        return {"key": UNKNOWN}
    if not isinstance(declared, str):
        out.warn(pointer, "licence is not one hub licence id: recorded as 'unknown'")
        return {"key": UNKNOWN}
    if fold(declared) == "other":
        name = card.get("license_name")
        if isinstance(name, str) and name.strip():
            declared, pointer = name, "/license_name"
        else:
            out.warn(
                pointer,
                "licence 'other' without a license_name: recorded as 'unknown'",
                "read the licence file (license_link) and set license.key",
            )
            return _link(card, repo, revision, {"key": UNKNOWN, "declared": declared})
    key = resolve(declared, lambda message, hint: out.warn(pointer, message, hint))
    return _link(card, repo, revision, {"key": key, "declared": declared})


def _link(card: dict, repo: str, revision: str | None, result: dict) -> dict:
    """license_link as an absolute URL (hub cards often give a path in the repo)."""
    link = card.get("license_link")
    if isinstance(link, str) and link.strip():
        link = link.strip()
        if "://" not in link:
            link = f"{HF_PREFIX}{repo}/blob/{revision or 'main'}/{link.removeprefix('./')}"
        result["url"] = link
    return result


def _lineage(out: Collector, card: dict, facts: dict) -> None:
    base = card.get("base_model")
    if isinstance(base, list) and all(isinstance(b, str) for b in base) and base:
        if len(base) > 1:
            out.warn("/base_model", "several base models: recorded as one comma-separated text")
        base = ", ".join(base)
    if isinstance(base, str) and base.strip():
        facts["base_model"] = base.strip()
    elif base is not None:
        out.warn("/base_model", "base_model is not a repository name or a list of them")
    relation = card.get("base_model_relation")
    if isinstance(relation, str) and relation in RELATIONS:
        facts["base_model_relation"] = relation
    elif relation is not None:
        out.warn(
            "/base_model_relation",
            f"{relation!r} is not a relation the inventory knows",
            f"one of {', '.join(sorted(RELATIONS))}",
        )


def import_card(
    path,
    repo: str,
    revision: str | None,
    provider: str | None,
    retrieved_on: dt.date,
    max_bytes: int,
) -> tuple[ImportedModel, list[Notice]]:
    """One model card file -> one model entry and the warnings about it."""
    shown, raw = read_input(path, max_bytes)
    document = _front_matter(shown, raw, max_bytes)
    card, out = document.data, Collector(document)
    owner, name = repo.split("/", 1)
    facts: dict = {"id": model_id(name), "name": name}
    if provider is None:
        provider = owner
        out.warn("", f"provider set to the Hugging Face account {owner!r}", "or pass --provider")
    facts["provider"] = provider
    _lineage(out, card, facts)
    gated = any(k.startswith("extra_gated_") for k in card) or card.get("gated") not in (
        None,
        False,
    )
    facts["weights"] = {"availability": "gated" if gated else "public"}
    facts["license"] = _license(out, card, repo, revision)
    facts["components"] = [
        {"name": "model-card", "included": True, "location": f"{HF_PREFIX}{repo}"}
    ]
    tag = card.get("pipeline_tag")
    if isinstance(tag, str) and tag in PIPELINE_MODALITIES:
        modalities_in, modalities_out = PIPELINE_MODALITIES[tag]
        facts["model_card"] = {"modalities_in": modalities_in, "modalities_out": modalities_out}
    elif tag is not None:
        out.warn("/pipeline_tag", f"pipeline_tag {tag!r} is not mapped to modalities")
    source: dict = {"hf_repo": repo}
    if revision:
        source["revision"] = revision
    source["url"] = f"{HF_PREFIX}{repo}"
    source["retrieved_on"] = retrieved_on.isoformat()
    facts["source"] = source
    used = CONSUMED | {k for k in card if k.startswith("extra_gated_")}
    out.unmapped("", card, used)
    return ImportedModel(facts, SourceLocation(shown, 1, 1)), out.notices
