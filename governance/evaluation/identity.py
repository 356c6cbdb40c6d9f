"""Stable finding fingerprints: the offending field named by ids instead of list indexes.

A finding's JSON pointer says `/models/3/deployments/0/retention`; the index moves when a file
is reordered or another file is added to the directory. The identity path says
`/models/gpt-4o/deployments/azure-eu/retention`, which only changes when the thing itself does.
"""

from __future__ import annotations

import hashlib


def keyed_pointers(document: dict) -> dict[str, str]:
    """Pointer -> id for entries the input document keys by id (models, deployments, use
    cases): the pointer still names them by list index in the inventory."""
    index = {}
    for section in ("models", "use_cases"):
        for key, entry in (document.get(section) or {}).items():
            if isinstance(entry, dict) and isinstance(entry.get("pointer"), str):
                index[entry["pointer"]] = key
                for sub_key, sub in (entry.get("deployments") or {}).items():
                    if isinstance(sub, dict) and isinstance(sub.get("pointer"), str):
                        index[sub["pointer"]] = sub_key
    return index


def identity_path(pointer: str, document: dict, keyed: dict[str, str] | None = None) -> str:
    """Replace each list index in ``pointer`` by the id of the item it points at."""
    parts = pointer.split("/")
    node: object = document
    out = []
    prefix = ""
    for part in parts[1:]:
        prefix += "/" + part
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            item = node[int(part)]
            out.append(_item_id(item) or part)
            node = item
        elif isinstance(node, dict) and keyed is not None and prefix in keyed:
            out.append(keyed[prefix])  # an input-document map keyed by id
            node = node.get(keyed[prefix])
        elif isinstance(node, dict):
            out.append(part)
            node = node.get(part)
        else:
            out.append(part)
            node = None
    return "/" + "/".join(out) if out else ""


def _item_id(item: object) -> str | None:
    if not isinstance(item, dict):
        return None
    if isinstance(item.get("id"), str):
        return item["id"]
    if isinstance(item.get("model"), str) and isinstance(item.get("deployment"), str):
        return f"{item['model']}@{item['deployment']}"
    return None


class Fingerprints:
    """Fingerprint findings of one evaluation; identity paths are cached per pointer."""

    def __init__(self, document: dict):
        self._document = document
        self._keyed = keyed_pointers(document)
        self._paths: dict[str, str] = {}

    def __call__(self, rule: str, choice: str | None, pointer: str) -> str:
        """Hex digest that survives line moves and reordering, changes with rule or subject."""
        path = self._paths.get(pointer)
        if path is None:
            path = self._paths[pointer] = identity_path(pointer, self._document, self._keyed)
        key = "\0".join((rule, choice or "", path))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
