"""Two engines' reports compared as multisets: one line per difference, naming the rule, the
choice and both engines' values (the differential tests' failure message)."""

from __future__ import annotations

from collections import Counter

ENGINES = ("embedded", "opa-inprocess")


def _outcome(report) -> tuple[Counter, Counter]:
    """(findings, decisions) of a report as multisets."""
    findings = Counter(
        (f.rule, f.choice or "(organization)", f.pointer, f.message, f.status or "open")
        for f in report.all_findings
    )
    decisions = Counter((d.id, d.decision) for d in report.decisions)
    return findings, decisions


def differences(left, right, names=ENGINES) -> list[str]:
    """One line per difference between two engines' reports: rule, choice, both values."""
    (left_findings, left_decisions), (right_findings, right_decisions) = (
        _outcome(left),
        _outcome(right),
    )
    lines = []
    for key in sorted(set(left_findings) | set(right_findings)):
        if left_findings[key] != right_findings[key]:
            rule, choice, pointer, message, status = key
            lines.append(
                f"{rule} on {choice} at {pointer} ({status}: {message!r}): "
                f"{names[0]} {left_findings[key]}, {names[1]} {right_findings[key]}"
            )
    left_by_choice, right_by_choice = _by_choice(left_decisions), _by_choice(right_decisions)
    for choice in sorted(set(left_by_choice) | set(right_by_choice)):
        ours, theirs = left_by_choice.get(choice, "none"), right_by_choice.get(choice, "none")
        if ours != theirs:
            lines.append(f"decision of {choice}: {names[0]} {ours}, {names[1]} {theirs}")
    return lines


def _by_choice(decisions: Counter) -> dict[str, str]:
    """choice id -> its decision(s), from the multiset of (choice, decision)."""
    by_choice: dict[str, list[str]] = {}
    for (choice, decision), count in decisions.items():
        by_choice.setdefault(choice, []).extend([decision] * count)
    return {choice: ", ".join(sorted(found)) for choice, found in by_choice.items()}
