"""Location vocabulary: cloud regions, countries and groups, all reduced to ISO countries.

Policies compare like with like: every location in an inventory expands to a set of ISO
3166-1 alpha-2 codes (or to 'global', meaning anywhere). The catalogue ships as data in
``policies/data/locations.yaml``.
"""

from __future__ import annotations

import difflib
from functools import cache

from governance.inventory.yamlfile import load_plain
from governance.resources import catalogue

GLOBAL = "global"


@cache
def _catalogue() -> dict:
    with open(catalogue("locations.yaml"), encoding="utf-8") as handle:
        return load_plain(handle.read())


@cache
def _expansions() -> dict[str, tuple[str, ...]]:
    data = _catalogue()
    table: dict[str, tuple[str, ...]] = {GLOBAL: (GLOBAL,)}
    for code in data["countries"]:
        table[str(code)] = (str(code),)
    for name, group in data["groups"].items():
        table[name] = tuple(sorted(str(c) for c in group["countries"]))
    for provider, regions in data["regions"].items():
        for region, facts in regions.items():
            country = (str(facts["country"]),)
            table[f"{provider}:{region}"] = country
            table.setdefault(region, country)
    return table


def known_location_ids() -> list[str]:
    return sorted(_expansions())


def expand(location: str) -> tuple[str, ...]:
    """Countries a location stands for; ('global',) for anywhere."""
    return _expansions()[location]


def countries(locations: list[str]) -> list[str]:
    """The countries a list of locations stands for, sorted; ['global'] when any is global."""
    found: set[str] = set()
    for location in locations:
        found.update(expand(location))
    return [GLOBAL] if GLOBAL in found else sorted(found)


def expansions(locations: set[str]) -> dict[str, list[str]]:
    """The table policies read (input.locations) instead of expanding ids again in Rego: each
    of ``locations`` and every group (EU, EEA, EFTA) with the countries it stands for, in id
    order. An id the catalogue does not know (only a policy catalogue can hold one: the
    inventory's are validated) is left out, so it stands for no country."""
    table = _expansions()
    wanted = (locations & table.keys()) | _catalogue()["groups"].keys()
    return {location: list(table[location]) for location in sorted(wanted)}


def location_error(location: str) -> tuple[str, str] | None:
    """None when known; otherwise (message, hint), the hint saying what was probably meant."""
    table = _expansions()
    if location in table:
        return None
    message = f"unknown location {location!r}"
    upper = location.upper()
    if upper in table and len(location) <= 4:
        return message, f"did you mean {upper!r}? codes are upper case"
    close = difflib.get_close_matches(location, table.keys(), n=1, cutoff=0.75)
    if close:
        return message, f"did you mean {close[0]!r}?"
    return message, "use a cloud region id, country code, EU/EEA or 'global'"


def location_problem(location: str) -> str | None:
    """None when known; otherwise a message with a 'did you mean' hint."""
    problem = location_error(location)
    return None if problem is None else f"{problem[0]}: {problem[1]}"


def groups() -> dict[str, tuple[str, ...]]:
    return {name: expand(name) for name in _catalogue()["groups"]}
