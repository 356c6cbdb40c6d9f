"""`check`: load the inventory and policies, evaluate once, decide every model choice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from governance.clock import utc_now
from governance.engine import IN_PROCESS_ENGINES, Engine, create_engine
from governance.engine.opa import OpaSettings
from governance.errors import UsageError
from governance.evaluation.alternatives import find_alternatives
from governance.evaluation.findings import distinct_sorted, from_engine
from governance.evaluation.identity import Fingerprints
from governance.evaluation.input import build_input, catalogues, choice_id
from governance.evaluation.overrides import apply_overrides, check_overrides, overrides_of
from governance.evaluation.report import (
    ChoiceDecision,
    Evidence,
    FileDigest,
    NamedDigest,
    Organization,
    Report,
    RuleCount,
    decide,
)
from governance.evaluation.settings import ConfigFacts, EvaluationSettings
from governance.evaluation.sources import (
    policy_sources,
    unconfigured_policies,
    with_unconfigured,
)
from governance.evaluation.subjects import subjects
from governance.evaluation.waivers import WAIVER_RULES, apply_waivers
from governance.gcpause import paused_gc
from governance.inventory import Inventory, load_inventory
from governance.inventory.extensions import checked_extensions
from governance.inventory.vocabulary import warn_unknown_certifications
from governance.policy import PolicySet, load_policy_set
from governance.policy.bundle import load_bundle
from governance.process import keep_until_exit
from governance.version import __version__
from governance.worktree import head_commit, is_dirty

DEFAULTS = EvaluationSettings()


def refuse_bundle_mix(settings: EvaluationSettings) -> None:
    """A bundle is the whole policy set: adding to it or dropping the built-ins is a usage error."""
    if settings.bundle is not None and (
        settings.policy_dirs or settings.data_files or not settings.builtin
    ):
        raise UsageError(
            "--bundle carries its own policies and data: drop --policy/--data/--no-builtin"
        )


def evaluate(
    inventory: Inventory,
    policies: PolicySet,
    settings: EvaluationSettings = DEFAULTS,
    bundle: dict | None = None,
    engine: Engine | None = None,
    **fields,
) -> Report:
    """Evaluate a loaded inventory against a policy set; pure apart from the engine.

    ``engine``: one that already loaded ``policies`` (else ``settings.engine`` makes one).
    ``fields`` replace those of ``settings``, as for check: ``evaluate(i, p, now=clock)``.
    ``settings.suggestions``: also find allowed alternatives for rejected choices (one more
    pass)."""
    if fields:
        settings = replace(settings, **fields)
    with paused_gc():
        return _evaluate(inventory, policies, settings, bundle, engine)


def _loaded_engine(policies: PolicySet, engine_name: str, opa: OpaSettings | None) -> Engine:
    engine = create_engine(engine_name, opa)
    engine.load(policies)
    return engine


def _evaluate(inventory, policies, settings, bundle, engine) -> Report:
    now = settings.now or utc_now()
    check_overrides(settings.overrides, {**policies.rules, **WAIVER_RULES})
    if engine is None:
        engine = _loaded_engine(policies, settings.engine, settings.opa)
    document = build_input(inventory, now, catalogues(policies.data))
    raw = engine.evaluate(document)

    rules = dict(policies.rules)
    rules.update(WAIVER_RULES)
    choice_pointers = {c["id"]: c["pointer"] for c in document["choices"]}
    parts = {c["id"]: (c["use_case"], c["model"], c["deployment"]) for c in document["choices"]}
    fingerprints = Fingerprints(document)
    findings = from_engine(raw, rules, inventory.sources, choice_pointers, fingerprints)
    del raw  # the findings hold what it said (at 100k choices: ~400k dicts to let go)
    findings = apply_overrides(findings, settings.overrides)
    findings, waivers = apply_waivers(findings, inventory, parts, now.date(), fingerprints)
    findings = apply_overrides(findings, settings.overrides)  # and the waiver rules' own

    by_choice = defaultdict(list)
    for finding in findings:
        by_choice[finding.choice].append(finding)
    decisions = []
    seen = set()
    locate = inventory.sources.locate
    for choice in document["choices"]:
        choice_id = choice["id"]
        if choice_id in seen:
            continue
        seen.add(choice_id)
        own = distinct_sorted(by_choice.get(choice_id, ()))
        decisions.append(
            ChoiceDecision(  # positional, in field order: one per choice
                choice_id,
                choice["use_case"],
                choice["model"],
                choice["deployment"],
                choice["role"],
                locate(choice["pointer"]),
                decide(own) if own else "approved",
                None,
                own,
            )
        )
    decisions.sort(key=lambda d: d.id)
    organization_findings = sorted(set(by_choice.get(None, [])), key=lambda f: f.sort_key)

    evidence = Evidence(
        tool_version=__version__,
        engine=engine.version(),
        now=now,
        inputs=[FileDigest(path, digest) for path, digest in inventory.digests()],
        policy_digest=policies.digest,
        policies=[
            NamedDigest(m.name, m.sha256) for m in sorted(policies.modules, key=lambda m: m.name)
        ],
        data_files=[NamedDigest(name, digest) for name, digest in sorted(policies.data_files)],
        git_commit=head_commit(inventory.files),
        git_dirty=is_dirty(inventory.files),
        bundle=bundle,
        engine_name=settings.engine,
        config=settings.config_facts or _bundle_overrides(settings, bundle),
        policy_sources=[RuleCount(s.label, s.rules) for s in policy_sources(policies, settings)],
    )
    used_rules = {f.rule for f in findings}
    applied = {
        rid: info for rid, info in rules.items() if rid in policies.rules or rid in used_rules
    }
    alternatives = (
        find_alternatives(inventory, policies, engine, document, now, decisions)
        if settings.suggestions
        else None
    )
    keep_until_exit(document, fingerprints, by_choice)  # the executable never frees them
    return Report(
        organization=Organization(inventory.organization.id, inventory.organization.name),
        decisions=decisions,
        organization_findings=organization_findings,
        waivers=waivers,
        rules=applied,
        evidence=evidence,
        subjects=subjects(inventory, document),
        alternatives=alternatives,
    )


def _bundle_overrides(settings: EvaluationSettings, bundle: dict | None) -> ConfigFacts | None:
    """The overrides a bundle brought (no configuration file in force), for the evidence."""
    if bundle is None or not settings.overrides:
        return None
    return ConfigFacts(str(settings.bundle), bundle["sha256"], settings.overrides)


def check(paths: Sequence[str | Path], settings: EvaluationSettings = DEFAULTS, **fields) -> Report:
    """Check every model choice in the inventory at ``paths`` and return the Report.

    ``fields`` replace those of ``settings`` (a shorthand for library callers:
    ``check(paths, now=clock)``). Raises InputInvalid (exit 2) for a bad inventory or policy,
    EngineFailure (exit 3) when the engine cannot answer; never returns a pass it did not
    compute.
    """
    if fields:
        settings = replace(settings, **fields)
    with paused_gc():
        inventory, policies, bundle_info, loaded, settings = prepare(paths, settings)
        report = evaluate(inventory, policies, settings, bundle_info, loaded)
    return with_unconfigured(report, unconfigured_policies([Path(p) for p in paths], settings))


def prepare(
    paths: Sequence[str | Path], settings: EvaluationSettings = DEFAULTS
) -> tuple[Inventory, PolicySet, dict | None, Engine, EvaluationSettings]:
    """The inventory, the policy set, the bundle's facts, an engine that loaded the policies
    and the settings (with a bundle's overrides): what an evaluation needs (check and suggest
    read their inputs the same way)."""
    refuse_bundle_mix(settings)

    def policies_and_engine():
        policies, bundle_info = load_policies(settings)
        # an in-process engine compiles here too; a server is only contacted (and sent the
        # policies) once the inventory is known to be valid, as before
        loaded = None
        if settings.engine in IN_PROCESS_ENGINES:
            check_overrides(settings.overrides, {**policies.rules, **WAIVER_RULES})
            loaded = _loaded_engine(policies, settings.engine, settings.opa)
        return policies, bundle_info, loaded

    # the policies are read and the engine loaded while the loader's workers parse YAML;
    # a bad inventory is still reported before a bad policy, as when one followed the other
    preparation = Deferred(policies_and_engine)
    with paused_gc():
        inventory = load_inventory(
            list(paths),
            max_bytes=settings.max_file_size,
            with_json=True,
            meanwhile=preparation,
        )
        checked_extensions(inventory, settings.extensions_schema)
        warn_unknown_certifications(inventory)
        policies, bundle_info, loaded = preparation.result()
        settings = with_bundle_overrides(settings, policies)
        keep_until_exit(inventory, policies)
        if loaded is None:
            check_overrides(settings.overrides, {**policies.rules, **WAIVER_RULES})
            loaded = _loaded_engine(policies, settings.engine, settings.opa)
        return inventory, policies, bundle_info, loaded, settings


def with_bundle_overrides(settings: EvaluationSettings, policies: PolicySet):
    """A bundle's overrides apply unless the configuration in force sets its own."""
    if settings.overrides or not policies.overrides:
        return settings
    return replace(settings, overrides=overrides_of(policies.overrides, str(settings.bundle)))


def load_policies(settings: EvaluationSettings) -> tuple[PolicySet, dict | None]:
    """The policy set the settings name (a bundle, or directories and data files) and the
    bundle's facts for the evidence."""
    if settings.bundle is not None:
        return load_bundle(settings.bundle)
    policies = load_policy_set(
        list(settings.policy_dirs), list(settings.data_files), builtin=settings.builtin
    )
    return policies, None


class Deferred:
    """A computation run when first called (as a callback) and answered by result(), which
    runs it if nobody did and raises what it raised, at the point where it is asked for."""

    def __init__(self, function):
        self._function = function
        self._done = False
        self._value = None
        self._error: Exception | None = None

    def __call__(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._value = self._function()
        except Exception as exc:  # kept, and raised by result()
            self._error = exc

    def result(self):
        self()
        if self._error is not None:
            raise self._error
        return self._value


__all__ = ["EvaluationSettings", "check", "choice_id", "evaluate"]
