"""Licence strings as found in the wild -> licence catalogue keys, never by guessing.

The catalogue (policies/data/licenses.yaml) lists for each key its name, SPDX id, its
``LicenseRef-`` name, its Hugging Face ids and the spellings seen in MOT records and model
cards (each with where it was seen). A declared string matches when it equals one of those
after trimming, collapsing runs of whitespace and case-folding. Otherwise it is read as an SPDX
licence id or expression (``AND``, ``OR``, ``WITH``; any case; the catalogue's ``LicenseRef-``
names count as ids) with ``license-expression``, which ships the SPDX licence index: an id the
catalogue lacks becomes its lower-case SPDX id (the rules take OSI approval and the MOT
open-data list from policies/data/spdx.yaml). Expressions (SPDX spec, Annex D):

- ``A WITH exception`` is A's key: an exception only adds permissions.
- ``A AND B`` (both apply) is the conjunction key ``a AND b``: the distinct keys, sorted,
  joined by `` AND ``. The rules read every part: all their obligations apply, and it is open
  or OSI-approved only when every part is.
- ``A OR B`` lets the licensee choose: the first alternative that is open (OSI-approved or open
  data) is recorded, else the first, and the importer says which it chose so the organization
  can record the alternative it elects instead.

Anything else is unknown and the importer reports it. A spelling claimed by two keys would be a
catalogue defect: it matches neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from license_expression import ExpressionError, LicenseSymbol, Licensing, get_spdx_licensing

from governance.inventory.yamlfile import load_plain
from governance.resources import catalogue

UNKNOWN = "unknown"
AND = " AND "
ALIAS_HINT = (
    "never guessed: if it names a catalogued licence, add it to that entry's aliases "
    "with the place it was seen (alias_sources)"
)


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
        spellings = [key, entry["name"], entry["spdx_id"], entry["license_ref"]]
        spellings += entry.get("hf_ids") or []
        spellings += entry.get("aliases") or []
        for spelling in spellings:
            if spelling and fold(spelling):
                claims.setdefault(fold(spelling), set()).add(key)
    unique = {s: next(iter(keys)) for s, keys in claims.items() if len(keys) == 1}
    ambiguous = {s: tuple(sorted(keys)) for s, keys in claims.items() if len(keys) > 1}
    return LicenseIndex(entries, unique, ambiguous)


@cache
def spdx_facts() -> dict:
    """policies/data/spdx.yaml: SPDX ids (lower-case -> SPDX spelling), OSI and open-data keys."""
    document = load_plain(catalogue("spdx.yaml").read_text("utf-8"))
    return {
        "ids": document["ids"],
        "open": set(document["osi_approved"]) | set(document["mof_open_data"]),
    }


@cache
def _licensing() -> Licensing:
    """The SPDX (and ScanCode) index, plus the catalogue's ``LicenseRef-`` names."""
    known = list(dict.fromkeys(get_spdx_licensing().known_symbols.values()))
    names = {symbol.key.casefold() for symbol in known}
    refs = sorted(
        entry.license_ref
        for entry in license_index().entries.values()
        if entry.license_ref and entry.license_ref.casefold() not in names
    )
    return Licensing(known + [LicenseSymbol(ref) for ref in refs])


def _spdx_key(spdx_id: str) -> str:
    """The catalogue key of an SPDX id, else the id in lower case (the form keys take)."""
    return license_index().key_for(spdx_id) or spdx_id.lower()


def conjunction(keys) -> str:
    """The key of licences that all apply: distinct parts (themselves maybe conjunctions),
    sorted, joined by ' AND '."""
    parts = sorted({part for key in keys for part in key.split(AND)})
    return AND.join(parts)


def spdx_key(declared: str) -> tuple[str | None, str]:
    """(key, note) for an SPDX id or expression. key None: the note says why it names no key;
    otherwise the note says which alternative an ``OR`` was resolved to (else empty)."""
    licensing = _licensing()
    try:
        parsed = licensing.parse(declared, validate=True, strict=True)
    except ExpressionError:
        return None, "not an SPDX licence id or expression"
    if parsed is None:
        return None, "empty"
    notes: list[str] = []
    key = _expression_key(parsed, notes)
    return key, "; ".join(notes)


def _expression_key(parsed, notes: list[str]) -> str:
    operator = getattr(parsed, "operator", "").strip().upper()
    if not operator:
        symbol = getattr(parsed, "license_symbol", parsed)  # A WITH exception -> A
        return _spdx_key(symbol.key)
    keys = [_expression_key(arg, notes) for arg in parsed.args]
    if operator == "AND":
        return conjunction(keys)
    opens = spdx_facts()["open"] | _open_catalogue_keys()
    chosen = next((k for k in keys if all(p in opens for p in k.split(AND))), None)
    notes.append(
        f"'{parsed.render()}' lets the licensee choose: recorded as '{chosen or keys[0]}', "
        + ("its first open alternative" if chosen else "its first alternative (none is open)")
    )
    return chosen or keys[0]


@cache
def _open_catalogue_keys() -> frozenset[str]:
    document = load_plain(catalogue("licenses.yaml").read_text("utf-8"))
    return frozenset(k for k, e in document["licenses"].items() if e.get("mof_open") is True)


def normalise(declared: str | None) -> str | None:
    """Catalogue key (or lower-case SPDX id) for a declared licence string; None when unknown."""
    if declared is None:
        return None
    key = license_index().key_for(declared)
    if key is None:
        key, _ = spdx_key(declared.strip())
    return key


def resolve(declared: str, report: Callable[[str, str], None]) -> str:
    """The key for ``declared``; 'unknown' (reported) when neither catalogue nor SPDX has it."""
    key = license_index().key_for(declared)
    why = ""
    if key is None:
        key, why = spdx_key(declared.strip())
    if key is None:
        detail = f" ({why})" if why and why != "not an SPDX licence id or expression" else ""
        report(
            f"licence {declared!r} is not in the licence catalogue nor an SPDX licence id"
            f"{detail}: recorded as 'unknown'",
            ALIAS_HINT,
        )
        return UNKNOWN
    if why:
        report(why, "set the key to the alternative the organization elects")
    if key == UNKNOWN:
        report(f"licence {declared!r} says the licence is unknown", "")
    return key


def bom_license_expression(key: str) -> str | None:
    """The SPDX expression of a conjunction key ('Apache-2.0 AND LicenseRef-llama3.1'), or
    None for a single licence."""
    if AND not in key:
        return None
    return AND.join(bom_license_id(part)[0] for part in key.split(AND))


def bom_license_id(key: str) -> tuple[str, bool]:
    """(id, is_spdx) for CycloneDX / SPDX output: the SPDX id when the key has one, else the
    catalogue's LicenseRef- name (or LicenseRef-<key>)."""
    entry = license_index().entries.get(key)
    if entry is not None:
        return entry.bom_id, entry.spdx_id is not None
    spdx_id = spdx_facts()["ids"].get(key)
    if spdx_id is not None:
        return spdx_id, True
    return f"LicenseRef-{key}", False
