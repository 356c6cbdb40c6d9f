"""`governance policy diff OLD NEW`: what a policy change does, before it ships.

OLD and NEW are policy directories or bundles. The rule catalogues are compared by id; with
an inventory, both sets are evaluated and every model choice whose decision or findings
change is listed, so a reviewer sees the effect of the change on real choices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from governance.evaluation.check import evaluate
from governance.evaluation.settings import EvaluationSettings
from governance.inventory import load_inventory
from governance.policy.bundle import load_bundle
from governance.policy.files import PolicySet, load_policy_set
from governance.policy.metadata import RuleInfo

_COMPARED = ("severity", "title", "description", "remediation", "controls")


def load_side(path: Path, data_files: Sequence[Path] = ()) -> PolicySet:
    """A directory of Rego (with the runtime, without the built-in rules, with
    ``data_files``) or a bundle (which carries its own data)."""
    if path.is_file() and path.name.endswith((".tar.gz", ".tgz")):
        return load_bundle(path)[0]
    return load_policy_set([path], list(data_files), builtin=False)


@dataclass(frozen=True)
class RuleChange:
    kind: str  # added | removed | changed
    rule: RuleInfo
    details: tuple[str, ...] = ()

    def format(self) -> str:
        text = f"{self.kind}: {self.rule.id} ({self.rule.severity}) {self.rule.title}"
        return text + ("; " + "; ".join(self.details) if self.details else "")


def rule_changes(old: dict[str, RuleInfo], new: dict[str, RuleInfo]) -> list[RuleChange]:
    changes = [RuleChange("added", new[i]) for i in sorted(new.keys() - old.keys())]
    changes += [RuleChange("removed", old[i]) for i in sorted(old.keys() - new.keys())]
    for rule_id in sorted(old.keys() & new.keys()):
        before, after = old[rule_id], new[rule_id]
        details = []
        for field in _COMPARED:
            was, now = getattr(before, field), getattr(after, field)
            if was != now:
                details.append(
                    f"severity {was} -> {now}" if field == "severity" else f"{field} changed"
                )
        if details:
            changes.append(RuleChange("changed", after, tuple(details)))
    return changes


def decision_changes(
    inventory_paths: list[Path], old: PolicySet, new: PolicySet, now: dt.datetime
) -> list[str]:
    inventory = load_inventory(inventory_paths, with_json=True)
    settings = EvaluationSettings(now=now)
    before = {d.id: d for d in evaluate(inventory, old, settings).decisions}
    after = {d.id: d for d in evaluate(inventory, new, settings).decisions}
    lines = []
    for choice in sorted(after):
        was, now_ = before[choice], after[choice]
        old_rules = {f.rule: f.severity for f in was.findings}
        new_rules = {f.rule: f.severity for f in now_.findings}
        if was.decision == now_.decision and old_rules == new_rules:
            continue
        delta = [f"+{r}" for r in sorted(new_rules.keys() - old_rules.keys())]
        delta += [f"-{r}" for r in sorted(old_rules.keys() - new_rules.keys())]
        delta += [
            f"{r} {old_rules[r]} -> {new_rules[r]}"
            for r in sorted(old_rules.keys() & new_rules.keys())
            if old_rules[r] != new_rules[r]
        ]
        lines.append(
            f"{choice}: {was.decision} -> {now_.decision}"
            + (f" ({', '.join(delta)})" if delta else "")
        )
    return lines
