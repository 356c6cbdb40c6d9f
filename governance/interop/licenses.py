"""Licence strings as found in the wild -> licence catalogue keys, never by guessing.

The catalogue (policies/data/licenses.yaml) lists for each key its SPDX id, its
``LicenseRef-`` name, its Hugging Face ids and the spellings seen in MOT records and model
cards. A declared string matches when it equals one of those after trimming, collapsing runs
of whitespace and case-folding; anything else is unknown and the importer reports it. A
spelling claimed by two keys would be a catalogue defect: it matches neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from governance.inventory.yamlfile import load_plain
from governance.resources import catalogue

UNKNOWN = "unknown"
ALIAS_HINT = "never guessed: if it names a catalogued licence, add it to that entry's aliases"


def fold(text: str) -> str:
    """The form declared strings are compared in: trimmed, single-spaced, case-folded."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class CatalogueEntry:
    key: str
    name: str
    spdx_id: str | None
    license_ref: str | None

    @property
    def bom_id(self) -> str:
        """SPDX id when there is one, else the LicenseRef- name (CycloneDX, SPDX output)."""
        return self.spdx_id or self.license_ref or f"LicenseRef-{self.key}"


@dataclass(frozen=True)
class LicenseIndex:
    entries: dict[str, CatalogueEntry]
    spellings: dict[str, str]  # folded spelling -> key
    ambiguous: dict[str, tuple[str, ...]]  # folded spelling -> every key that claims it

    def key_for(self, declared: str | None) -> str | None:
        """The catalogue key a declared licence string names, or None when it names none."""
        if declared is None:
            return None
        return self.spellings.get(fold(declared))


@cache
def license_index() -> LicenseIndex:
    document = load_plain(catalogue("licenses.yaml").read_text("utf-8"))
    entries: dict[str, CatalogueEntry] = {}
    claims: dict[str, set[str]] = {}
    for key, entry in document["licenses"].items():
        entries[key] = CatalogueEntry(key, entry["name"], entry["spdx_id"], entry["license_ref"])
        spellings = [key, entry["spdx_id"], entry["license_ref"]]
        spellings += entry.get("hf_ids") or []
        spellings += entry.get("aliases") or []
        for spelling in spellings:
            if spelling and fold(spelling):
                claims.setdefault(fold(spelling), set()).add(key)
    unique = {s: next(iter(keys)) for s, keys in claims.items() if len(keys) == 1}
    ambiguous = {s: tuple(sorted(keys)) for s, keys in claims.items() if len(keys) > 1}
    return LicenseIndex(entries, unique, ambiguous)


def normalise(declared: str | None) -> str | None:
    """Catalogue key for a declared licence string; None when it is not in the catalogue."""
    return license_index().key_for(declared)


def resolve(declared: str, report: Callable[[str, str], None]) -> str:
    """The catalogue key for ``declared``; 'unknown' (reported) when the catalogue lacks it."""
    key = normalise(declared)
    if key is None:
        report(
            f"licence {declared!r} is not in the licence catalogue: recorded as 'unknown'",
            ALIAS_HINT,
        )
        return UNKNOWN
    if key == UNKNOWN:
        report(f"licence {declared!r} says the licence is unknown", "")
    return key
