"""Effective model facts: the inventory's value, else the catalogue's, else the base model's.

An inventory entry often omits a fact the model facts catalogue knows (a Llama 3.2 Vision entry
that names ``catalog: llama-3.2-11b-vision-instruct`` but writes no model card still takes
images). Rules must not read such a gap as "no": the input document carries, for each model,
the effective value of the facts the rules use and where it came from, and a fact nobody
knows stays ``unknown`` so rules can warn about it.

Lineage: ``base_model`` (a catalogue key or alias, a Hugging Face repository id of a catalogue
entry, or the id of another model in the inventory) makes the model a derivative (fine-tune,
quantisation, merge, distillation, adapter). Derivatives inherit the base model's licence
terms: when the base's licence is not an open one (OSI-approved or open in the MOF sense) and
the derivative declares another, the base's licence is the one the licence rules apply
(``license.key``), the declared key is kept in ``license.declared_key`` and the lineage rule
reports the conflict naming both. A conjunction key (``a AND b``: licences that all apply)
gets ``license.terms``, the merged catalogue entry the licence rules read (conjunction.py).
"""

from __future__ import annotations

from governance.evaluation.conjunction import conjunction_terms

INVENTORY = "inventory"
CATALOGUE = "catalogue"
BASE_MODEL = "base model"
UNKNOWN = "unknown"

#: facts filled into ``model_card`` when the inventory leaves them empty
CARD_FACTS = ("modalities_in", "modalities_out")


def catalogue_key(models: dict, name: str | None) -> str | None:
    """The catalogue key ``name`` names: a key, one of an entry's aliases, or its hf_repo."""
    if not name:
        return None
    if name in models:
        return name
    folded = name.casefold()
    for key in sorted(models):
        entry = models[key] or {}
        if name in (entry.get("aliases") or []):
            return key
        repo = entry.get("hf_repo")
        if isinstance(repo, str) and repo.casefold() == folded:
            return key
    return None


def _base(model: dict, catalogue: dict, inventory_models: dict) -> dict | None:
    """What ``base_model`` names, or None when the model declares no base."""
    name = model.get("base_model")
    if not name:
        return None
    key = catalogue_key(catalogue, name)
    if key is not None:
        entry = catalogue[key]
        return {
            "name": name,
            "relation": model.get("base_model_relation"),
            "origin": CATALOGUE,
            "key": key,
            "license": entry.get("license"),
            "modalities_in": entry.get("modalities_in") or [],
            "modalities_out": entry.get("modalities_out") or [],
        }
    other = inventory_models.get(name)
    if other is not None and other is not model:
        card = other.get("model_card") or {}
        licence = (other.get("license") or {}).get("key")
        return {
            "name": name,
            "relation": model.get("base_model_relation"),
            "origin": INVENTORY,
            "key": name,
            "license": None if licence == UNKNOWN else licence,
            "modalities_in": card.get("modalities_in") or [],
            "modalities_out": card.get("modalities_out") or [],
        }
    return {
        "name": name,
        "relation": model.get("base_model_relation"),
        "origin": UNKNOWN,
        "key": None,
        "license": None,
        "modalities_in": [],
        "modalities_out": [],
    }


def _open(licences: dict, key: str | None) -> bool:
    """Open terms let a derivative be licensed otherwise (permissive, open-data licences)."""
    entry = (licences.get(key) or conjunction_terms(key, licences)) if key else None
    if entry is None:
        return False
    return entry.get("osi_approved") is True or entry.get("mof_open") is True


def apply_effective_facts(models: dict, catalogue: dict, licences: dict | None = None) -> None:
    """Fill each input model's gaps from the catalogue or its base model, recording origins.

    ``models``: the input document's models (id -> dumped entry), changed in place: the
    effective values go where rules read them (``model_card.*``, ``license.key``) and
    ``facts`` says for each where it came from; ``lineage`` describes the base model."""
    catalogue = catalogue or {}
    originals = {mid: m for mid, m in models.items()}
    for model in models.values():
        key = catalogue_key(catalogue, model.get("catalog"))
        entry = catalogue.get(key) if key else None
        base = _base(model, catalogue, originals)
        card = model.setdefault("model_card", {})
        facts: dict[str, dict] = {}
        for field in CARD_FACTS:
            facts[field] = _fill(card, field, entry, base)
        licence = model["license"]
        if licence["key"] != UNKNOWN:
            facts["license"] = {"value": licence["key"], "origin": INVENTORY}
        elif entry is not None and entry.get("license"):
            licence["key"] = entry["license"]
            facts["license"] = {"value": licence["key"], "origin": CATALOGUE}
        elif base is not None and base["license"]:
            licence["key"] = base["license"]
            facts["license"] = {"value": licence["key"], "origin": BASE_MODEL}
        else:
            facts["license"] = {"value": UNKNOWN, "origin": UNKNOWN}
        inherited = base["license"] if base is not None else None
        licence["declared_key"] = licence["key"]
        if inherited and inherited != licence["key"] and not _open(licences or {}, inherited):
            licence["key"] = inherited
            facts["license"] = {"value": inherited, "origin": BASE_MODEL}
        terms = conjunction_terms(licence["key"], licences or {})
        if terms is not None:
            licence["terms"] = terms
        model["facts"] = facts
        model["catalog_key"] = key
        model["lineage"] = base


def _fill(card: dict, field: str, entry: dict | None, base: dict | None) -> dict:
    if card.get(field):
        return {"value": list(card[field]), "origin": INVENTORY}
    if entry is not None and entry.get(field):
        card[field] = list(entry[field])
        return {"value": card[field], "origin": CATALOGUE}
    if base is not None and base.get(field):
        card[field] = list(base[field])
        return {"value": card[field], "origin": BASE_MODEL}
    card[field] = []
    return {"value": [], "origin": UNKNOWN}
