"""Findings: what the engine said, located in the user's YAML and explained by METADATA."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Annotated, NamedTuple

from governance.errors import EngineFailure, SourceLocation
from governance.inventory.sourcemap import SourceMap
from governance.policy import RuleInfo
from governance.typed_json import OMIT_DEFAULT, Spec

SEVERITY_OF_KIND = {"deny": "error", "warn": "warning", "obligation": "info"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITIES = tuple(SEVERITY_ORDER)
# With a comparison: new (gates), unchanged (present before the change), baselined
STATUSES = ("new", "unchanged", "baselined")


class Override(NamedTuple):
    """Present when the organization's configuration overrides the rule's severity: the
    rule's own severity and why."""

    original_severity: Annotated[
        str, Spec(description="The severity the rule itself gives.", enum=SEVERITIES)
    ]
    justification: Annotated[
        str, Spec(description="Why the organization overrides it (governance.toml).")
    ]


# 400k of them at 100k choices: slots, and not frozen (a frozen __init__ sets each field
# through object.__setattr__, 3x slower); hashable by value all the same (findings are
# deduplicated in sets) and never changed in place: replace() makes a new one.
# Fields in the JSON report's order.
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """One thing a rule found, located in the inventory and explained by the rule's
    METADATA."""

    rule: Annotated[str, Spec(description="The rule id, e.g. GOV-RES-001.")]
    severity: Annotated[
        str,
        Spec(
            description="error (a deny rule), warning (a warn rule) or info (an obligation "
            "attached to an approval).",
            enum=SEVERITIES,
        ),
    ]
    title: Annotated[str, Spec(description="The rule's title.")]
    message: Annotated[str, Spec(description="What is wrong, in the rule's words.")]
    choice: Annotated[  # None: about the organization as a whole
        str | None,
        Spec(description="The choice id the finding is about; null for an organization finding."),
    ]
    pointer: Annotated[
        str,
        Spec(
            description="JSON pointer into the merged inventory to the offending field ('' for "
            "the document).",
            pattern="^(/.*)?$",
        ),
    ]
    location: Annotated[SourceLocation, Spec(description="Where the offending field is written.")]
    remediation: Annotated[str, Spec(description="How to fix it, from the rule's METADATA.")] = ""
    controls: Annotated[
        tuple[str, ...],
        Spec(description="Framework controls the rule implements (ISO 42001, NIST AI RMF, ...)."),
    ] = ()
    waived_by: Annotated[
        str | None,
        Spec(
            description="The id of the waiver in force that covers the finding; null when "
            "none does."
        ),
    ] = None
    # Stable identity (rule + choice + the offending field named by ids, not indexes or lines):
    # SARIF partialFingerprints and baselines key on it.
    fingerprint: Annotated[
        str,
        Spec(
            description="Stable identity (rule, choice and the offending field named by ids, "
            "not by index or line): baselines and SARIF partialFingerprints key on it.",
            pattern="^[0-9a-f]{32}$",
        ),
    ] = ""
    # With a comparison (--base or --baseline): new | unchanged | baselined; None otherwise.
    status: Annotated[
        str | None,
        Spec(
            description="With a comparison: new, unchanged (present in the base) or baselined "
            "(accepted in the baseline file); null without one. Only new findings gate.",
            enum=(*STATUSES, None),
        ),
    ] = None
    # Set by the organization's rule override.
    override: Annotated[Override | None, OMIT_DEFAULT] = None

    @property
    def sort_key(self) -> tuple:
        return (
            self.choice or "",
            SEVERITY_ORDER[self.severity],
            self.location.path,
            self.location.line,
            self.location.column,
            self.rule,
            self.message,
        )

    def waive(self, waiver_id: str) -> Finding:
        return replace(self, waived_by=waiver_id)


def distinct_sorted(own) -> tuple[Finding, ...]:
    """One choice's findings, each once, in report order."""
    if len(own) > 1:
        # Equal findings agree on rule, pointer and message: only when two do is it
        # worth hashing whole findings to drop the copies.
        if len({(f.rule, f.pointer, f.message) for f in own}) < len(own):
            own = set(own)
        own = sorted(own, key=_SORT_KEY)
    return tuple(own)


_SORT_KEY = attrgetter("sort_key")


def make_finding(
    rule: RuleInfo | None,
    rule_id: str,
    severity: str,
    message: str,
    pointer: str,
    sources: SourceMap,
    choice: str | None,
    fingerprints: Callable[[str, str | None, str], str] | None = None,
) -> Finding:
    return Finding(  # positional, in field order: 400k of them at 100k choices
        rule_id,
        severity,
        rule.title if rule else "",
        message,
        choice,
        pointer,
        sources.locate(pointer),
        rule.remediation if rule else "",
        rule.controls if rule else (),
        None,
        fingerprints(rule_id, choice, pointer) if fingerprints else "",
    )


def from_engine(
    raw: dict[str, list[dict]],
    rules: dict[str, RuleInfo],
    sources: SourceMap,
    choice_pointers: dict[str, str],
    fingerprints: Callable[[str, str | None, str], str] | None = None,
) -> list[Finding]:
    """Turn raw engine output into located findings; malformed output is an engine failure."""
    findings = []
    for kind, items in raw.items():
        for item in items:
            rule_id = item.get("rule")
            message = item.get("message")
            if not isinstance(rule_id, str) or not isinstance(message, str):
                raise EngineFailure(
                    f"a policy produced a {kind} finding without 'rule' and 'message' strings: "
                    f"{str(item)[:200]}"
                )
            choice = item.get("choice")
            if choice is not None and choice not in choice_pointers:
                raise EngineFailure(f"rule {rule_id} names an unknown choice {choice!r}")
            pointer = item.get("field") or (choice_pointers[choice] if choice else "")
            if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
                raise EngineFailure(
                    f"rule {rule_id} gave a field that is not a JSON pointer: {pointer!r}"
                )
            findings.append(
                make_finding(
                    rules.get(rule_id),
                    rule_id,
                    SEVERITY_OF_KIND[kind],
                    message,
                    pointer,
                    sources,
                    choice,
                    fingerprints,
                )
            )
    return findings
