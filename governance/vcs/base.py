"""`check --base REF`: evaluate the inputs as they are now and as they were at REF, then compare.

Every input inside the repository (inventory paths, --policy directories, --data files, a
--bundle) is read at REF from git's object store into a temporary directory; inputs outside
the repository are the same on both sides. Both sides are evaluated at the same clock with
the same engine. Base positions are mapped back to the paths the user knows, so a resolved
finding reads `inventory/models.yaml:42:7` (a line in the base version of that file).

When the base has no inventory at those paths (it is being added) or its inventory does not
load, every choice counts as added and the comparison says why.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from governance.clock import utc_now
from governance.config import parse_config
from governance.errors import InputInvalid, SourceLocation, UsageError
from governance.evaluation.check import DEFAULTS, evaluate, load_policies, refuse_bundle_mix
from governance.evaluation.compare import (
    PolicyFacts,
    choice_facts,
    compare_with_base,
    reevaluation_reasons,
)
from governance.evaluation.overrides import check_overrides
from governance.evaluation.report import FileDigest, Report
from governance.evaluation.settings import EvaluationSettings, rebuilt
from governance.evaluation.sources import unconfigured_policies, with_unconfigured
from governance.evaluation.waivers import WAIVER_RULES
from governance.inventory import load_inventory
from governance.inventory.discover import discover_inventories
from governance.inventory.extensions import checked_extensions
from governance.inventory.load import YAML_SUFFIXES
from governance.inventory.vocabulary import warn_unknown_certifications
from governance.paths import display_path
from governance.vcs.git import Repository

POLICY_SUFFIXES = (".rego",)


@dataclass(frozen=True)
class Snapshot:
    """The repository's files at one commit, copied on demand under ``directory``."""

    repository: Repository
    commit: str
    directory: Path
    names: dict[str, str] = field(default_factory=dict, compare=False)  # rename() cache

    def path(self, original: Path, suffixes: tuple[str, ...] = ()) -> Path | None:
        """Where ``original`` is in the snapshot: itself when outside the repository, None
        when the commit has no such file (or no matching file under that directory)."""
        relative = self.repository.relative(original)
        if relative is None:
            return original
        if not self.repository.copy_at(self.commit, [relative], self.directory, suffixes):
            return None
        return self.directory if relative == "." else self.directory / relative

    def rename(self, shown: str) -> str:
        """A path shown in the base report, as the user's own path to that file."""
        renamed = self.names.get(shown)
        if renamed is None:
            path = Path(shown)
            absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
            try:
                relative = absolute.relative_to(self.directory.resolve())
            except ValueError:
                renamed = shown
            else:
                renamed = display_path(self.repository.root / relative)
            self.names[shown] = renamed
        return renamed


def base_side(settings: EvaluationSettings, snapshot: Snapshot) -> EvaluationSettings:
    """The settings at the base: its configuration file (at the same place) when it had one,
    the same flags; every input inside the repository read as it was at the base."""
    settings_at_base = settings
    config = settings.config
    if config is not None:
        at_base = snapshot.path(config.path)
        if at_base is None:
            settings_at_base = rebuilt(settings, None)
        elif at_base != config.path:  # read as if it were in place: its paths are the user's
            text = at_base.read_text("utf-8")
            settings_at_base = rebuilt(settings, parse_config(text, config.shown, config.path))
    policy_dirs = settings_at_base.policy_dirs
    present = [snapshot.path(d, POLICY_SUFFIXES) for d in policy_dirs]
    data = [snapshot.path(f) for f in settings_at_base.data_files]
    bundle = settings_at_base.bundle
    return replace(
        settings_at_base,
        policy_dirs=tuple(p for p in present if p),
        data_files=tuple(p for p in data if p),
        bundle=(snapshot.path(bundle) or bundle) if bundle is not None else None,
    )


def _relocated(location: SourceLocation, rename: Callable[[str], str]) -> SourceLocation:
    return replace(location, path=rename(location.path))


def relocate(report: Report, rename: Callable[[str], str]) -> Report:
    """The report with every position's path passed through ``rename``."""

    def finding(f):
        return replace(f, location=_relocated(f.location, rename))

    return replace(
        report,
        decisions=[
            replace(
                d,
                location=_relocated(d.location, rename),
                findings=tuple(finding(f) for f in d.findings),
            )
            for d in report.decisions
        ],
        organization_findings=[finding(f) for f in report.organization_findings],
    )


def _resolved(path: Path, base_ref: str) -> tuple[Repository, str, str]:
    """The repository holding ``path``, the commit ``base_ref`` names, and how reports name
    it: the short hash, with the ref in front when the ref is not a hash itself."""
    repository = Repository.containing(path.resolve())
    commit = repository.resolve(base_ref)
    label = commit[:12] if commit.startswith(base_ref) else f"{base_ref} ({commit[:12]})"
    return repository, commit, label


def check_against_base(
    paths: Sequence[str | Path], base_ref: str, settings: EvaluationSettings = DEFAULTS
) -> Report:
    """Check the inventory at ``paths`` and classify everything against git ref ``base_ref``."""
    refuse_bundle_mix(settings)
    inventory_paths = [Path(p) for p in paths]
    repository, commit, label = _resolved(inventory_paths[0], base_ref)
    settings = settings.at(settings.now or utc_now())  # one clock for both sides
    max_file_size = settings.max_file_size

    head_inventory = load_inventory(inventory_paths, max_bytes=max_file_size, with_json=True)
    checked_extensions(head_inventory, settings.extensions_schema)
    warn_unknown_certifications(head_inventory)
    head_policies, bundle_info = load_policies(settings)
    head = evaluate(head_inventory, head_policies, settings, bundle_info)

    reasons: list[str] = []
    with tempfile.TemporaryDirectory(prefix="governance-base-") as temporary:
        snapshot = Snapshot(repository, commit, Path(temporary))
        base_paths = [p for p in (snapshot.path(p, YAML_SUFFIXES) for p in inventory_paths) if p]
        base_inventory = None
        if not base_paths:
            reasons.append(f"no inventory at {label}: every model choice counts as added")
        else:
            try:
                base_inventory = load_inventory(base_paths, max_bytes=max_file_size, with_json=True)
            except InputInvalid as exc:
                first = replace(
                    exc.problems[0], location=_relocated(exc.problems[0].location, snapshot.rename)
                )
                reasons.append(
                    f"the inventory at {label} does not load ({len(exc.problems)} "
                    f"problem{'s' if len(exc.problems) != 1 else ''}, first: {first.format()}): "
                    "every model choice counts as added"
                )
        base = None
        if base_inventory is not None:
            base_policies, base_bundle = head_policies, bundle_info
            base_settings = settings
            try:
                base_settings = base_side(settings, snapshot)
                base_policies, base_bundle = load_policies(base_settings)
                check_overrides(base_settings.overrides, {**base_policies.rules, **WAIVER_RULES})
            except (InputInvalid, UsageError):
                base_settings = settings
                reasons.append(
                    f"the policies or configuration at {label} do not load: the base was "
                    "evaluated with this change's"
                )
            base = relocate(
                evaluate(
                    base_inventory,
                    base_policies,
                    replace(base_settings, suggestions=False),  # only this change's are listed
                    base_bundle,
                ),
                snapshot.rename,
            )
            reasons += reevaluation_reasons(
                base_inventory,
                head_inventory,
                PolicyFacts.of(base_policies, snapshot.rename),
                PolicyFacts.of(head_policies),
            )
    compared = compare_with_base(
        head,
        base,
        choice_facts(head_inventory),
        choice_facts(base_inventory) if base_inventory is not None else {},
        label,
        reasons,
    )
    # about the configuration as it is now, not about the change: never "new" or "unchanged"
    return with_unconfigured(compared, unconfigured_policies(inventory_paths, settings))


def removed_inventories(
    starts: Sequence[str | Path],
    base_ref: str,
    kept_roots: list[Path],
    settings: EvaluationSettings = DEFAULTS,
) -> list[tuple[str, Report]]:
    """`check --discover --base`: the inventories under ``starts`` at ``base_ref`` that are
    gone now (their root is not in ``kept_roots``), each as (its path, a report with no
    choices of its own and every choice it had counted as removed).

    Deleting a team's inventory takes its model choices out of governance: the pull request
    should say so. They are evaluated with this change's policies (only their ids and
    decisions are shown); a base inventory that does not load, or a base layout that
    --discover refuses, is not this change's problem and is left out.
    """
    start_paths = [Path(s) for s in starts]
    repository, commit, label = _resolved(start_paths[0], base_ref)
    # removed choices have no alternatives to list
    settings = replace(settings, now=settings.now or utc_now(), suggestions=False)
    kept = {root.resolve() for root in kept_roots}
    sections: list[tuple[str, Report]] = []
    with tempfile.TemporaryDirectory(prefix="governance-base-") as temporary:
        snapshot = Snapshot(repository, commit, Path(temporary))
        base_starts = [p for p in (snapshot.path(s, YAML_SUFFIXES) for s in start_paths) if p]
        try:
            found = discover_inventories([p for p in base_starts if p.is_dir()])
        except InputInvalid:
            return []
        policies, bundle_info = None, None
        for inventory in found:
            relative = inventory.root.resolve().relative_to(Path(temporary).resolve())
            original = repository.root / relative
            if original.resolve() in kept:
                continue
            try:
                base_inventory = load_inventory(
                    inventory.paths, max_bytes=settings.max_file_size, with_json=True
                )
            except InputInvalid:
                continue
            if policies is None:
                policies, bundle_info = load_policies(settings)
            base = relocate(
                evaluate(base_inventory, policies, settings, bundle_info),
                snapshot.rename,
            )
            name = display_path(original)
            # the evidence names the files as they were at the base, under the user's paths
            inputs = [FileDigest(snapshot.rename(path), d) for path, d in base.evidence.inputs]
            gone = replace(
                base,
                decisions=[],
                organization_findings=[],
                waivers=[],
                evidence=replace(base.evidence, inputs=inputs),
            )
            reason = f"the inventory at {name} is deleted by this change: every model choice "
            reason += "counts as removed"
            sections.append(
                (
                    name,
                    compare_with_base(
                        gone, base, {}, choice_facts(base_inventory), label, [reason]
                    ),
                )
            )
    return sections
