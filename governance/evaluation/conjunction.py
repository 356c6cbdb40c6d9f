"""The licence terms of a conjunction: licences that all apply (SPDX ``A AND B``).

A model released under ``Apache-2.0 AND LicenseRef-llama3.1`` must keep to both licences, so the
licence rules read one catalogue-shaped entry that keeps every part's obligations: a restriction
holds when any part imposes it, a permission or openness only when every part grants it, the
smallest user cap applies, and texts (attribution, notice files, AUP links) are all listed. The
entry goes into the input document (``license.terms``) when every part is in the licence
catalogue; otherwise the key stays unknown to the rules, which say so (GOV-LIC-001).
"""

from __future__ import annotations

AND = " AND "

#: restrictions: true when any part says true, unknown (None) when any part does not say
_ANY_TRUE = (
    "non_commercial",
    "use_restrictions",
    "license_copy_required",
    "aup_updatable",
    "remote_restriction_clause",
    "restrictions_flow_down",
    "hosting_requires_separate_license",
    "output_training_restricted",
)
#: permissions and openness: true only when every part says true
_ALL_TRUE = ("osi_approved", "open_data", "mof_open", "commercial_use")
#: texts: every distinct value, in part order
_TEXTS = (
    "attribution_text",
    "notice_file",
    "aup_url",
    "output_training_note",
    "governing_law",
)


def parts(key: str) -> list[str]:
    """The licence keys a key stands for: itself, or the parts of a conjunction."""
    return key.split(AND)


def _any_true(values: list) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _all_true(values: list) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _texts(values: list) -> str | None:
    distinct = list(dict.fromkeys(v for v in values if v))
    return "; ".join(distinct) if distinct else None


def conjunction_terms(key: str, licences: dict) -> dict | None:
    """The merged entry of a conjunction key, or None for a single licence or a conjunction
    with a part the catalogue lacks."""
    keys = parts(key)
    if len(keys) < 2 or any(k not in licences for k in keys):
        return None
    entries = [licences[k] for k in keys]
    merged: dict = {
        "name": AND.join(e["name"] for e in entries),
        "parts": keys,
        "sources": sorted({s for e in entries for s in e.get("sources") or []}),
        "reviewed_on": min(str(e.get("reviewed_on")) for e in entries),
        "verified": all(e.get("verified") is True for e in entries),
        "unverified": sorted({f for e in entries for f in e.get("unverified") or []}),
        "excluded_licensee_jurisdictions": [
            x for e in entries for x in e.get("excluded_licensee_jurisdictions") or []
        ],
        "notes": f"All of {', '.join(keys)} apply (SPDX AND): every part's obligations hold.",
    }
    for field in _ANY_TRUE:
        merged[field] = _any_true([e.get(field) for e in entries])
    for field in _ALL_TRUE:
        merged[field] = _all_true([e.get(field) for e in entries])
    for field in _TEXTS:
        merged[field] = _texts([e.get(field) for e in entries])
    # a derived name can start with one prefix only: the first part's
    merged["derivative_name_prefix"] = next(
        (e["derivative_name_prefix"] for e in entries if e.get("derivative_name_prefix")), None
    )
    # restricted uses: every use any part forbids (None when no part records its list)
    listed = [e["restricted_uses"] for e in entries if e.get("restricted_uses") is not None]
    merged["restricted_uses"] = (
        list(dict.fromkeys(u for uses in listed for u in uses)) if listed else None
    )
    capped = [e for e in entries if e.get("mau_cap") is not None]
    smallest = min(capped, key=lambda e: e["mau_cap"]) if capped else {}
    merged["mau_cap"] = smallest.get("mau_cap")
    merged["mau_measured_at"] = smallest.get("mau_measured_at")
    return merged
