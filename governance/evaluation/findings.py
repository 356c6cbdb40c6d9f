"""Findings: what the engine said, located in the user's YAML and explained by METADATA."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter

from governance.errors import EngineFailure, SourceLocation
from governance.inventory.sourcemap import SourceMap
from governance.policy import RuleInfo

SEVERITY_OF_KIND = {"deny": "error", "warn": "warning", "obligation": "info"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


# 400k of them at 100k choices: slots, and not frozen (a frozen __init__ sets each field
# through object.__setattr__, 3x slower); hashable by value all the same (findings are
# deduplicated in sets) and never changed in place: replace() makes a new one.
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    rule: str
    severity: str  # error | warning | info (an obligation attached to an approval)
    message: str
    pointer: str
    location: SourceLocation
    choice: str | None = None  # None: about the organization as a whole
    title: str = ""
    remediation: str = ""
    controls: tuple[str, ...] = ()
    waived_by: str | None = None
    # Stable identity (rule + choice + the offending field named by ids, not indexes or lines):
    # SARIF partialFingerprints and baselines key on it.
    fingerprint: str = ""
    # With a comparison (--base or --baseline): new | unchanged | baselined; None otherwise.
    status: str | None = None
    # Set by the organization's rule override: (the rule's own severity, the justification).
    override: tuple[str, str] | None = None

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

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "choice": self.choice,
            "pointer": self.pointer,
            "location": self.location.as_dict(),
            "remediation": self.remediation,
            "controls": list(self.controls),
            "waived_by": self.waived_by,
            "fingerprint": self.fingerprint,
            "status": self.status,
            **(
                {
                    "override": {
                        "original_severity": self.override[0],
                        "justification": self.override[1],
                    }
                }
                if self.override
                else {}
            ),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(
            rule=data["rule"],
            severity=data["severity"],
            message=data["message"],
            pointer=data["pointer"],
            location=SourceLocation(**data["location"]),
            choice=data["choice"],
            title=data["title"],
            remediation=data["remediation"],
            controls=tuple(data["controls"]),
            waived_by=data["waived_by"],
            fingerprint=data["fingerprint"],
            status=data["status"],
            override=(
                (data["override"]["original_severity"], data["override"]["justification"])
                if data.get("override")
                else None
            ),
        )


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
        message,
        pointer,
        sources.locate(pointer),
        choice,
        rule.title if rule else "",
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
