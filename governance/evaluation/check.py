"""`check`: load the inventory and policies, evaluate once, decide every model choice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from governance import __version__
from governance.clock import utc_now
from governance.engine import IN_PROCESS_ENGINES, Engine, create_engine
from governance.engine.opa import OpaSettings
from governance.errors import UsageError
from governance.evaluation.alternatives import find_alternatives
from governance.evaluation.findings import distinct_sorted, from_engine
from governance.evaluation.identity import Fingerprints
from governance.evaluation.input import build_input, choice_id
from governance.evaluation.report import ChoiceDecision, Evidence, Report, decide
from governance.evaluation.subjects import subjects
from governance.evaluation.waivers import WAIVER_RULES, apply_waivers
from governance.gcpause import paused_gc
from governance.inventory import Inventory, load_inventory
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES
from governance.policy import PolicySet, load_policy_set
from governance.policy.bundle import load_bundle
from governance.process import keep_until_exit
from governance.worktree import head_commit, is_dirty


def refuse_bundle_mix(bundle, policy_dirs, data_files, builtin: bool) -> None:
    """A bundle is the whole policy set: adding to it or dropping the built-ins is a usage error."""
    if bundle is not None and (policy_dirs or data_files or not builtin):
        raise UsageError(
            "--bundle carries its own policies and data: drop --policy/--data/--no-builtin"
        )


def evaluate(
    inventory: Inventory,
    policies: PolicySet,
    engine_name: str = "embedded",
    now: dt.datetime | None = None,
    opa: OpaSettings | None = None,
    bundle: dict | None = None,
    engine: Engine | None = None,
    suggestions: bool = False,
) -> Report:
    """Evaluate a loaded inventory against a policy set; pure apart from the engine.

    ``engine``: one that already loaded ``policies`` (else ``engine_name`` makes one).
    ``suggestions``: also find allowed alternatives for rejected choices (one more pass)."""
    with paused_gc():
        return _evaluate(inventory, policies, engine_name, now, opa, bundle, engine, suggestions)


def _loaded_engine(policies: PolicySet, engine_name: str, opa: OpaSettings | None) -> Engine:
    engine = create_engine(engine_name, opa)
    engine.load(policies)
    return engine


def _evaluate(inventory, policies, engine_name, now, opa, bundle, engine, suggestions) -> Report:
    now = now or utc_now()
    if engine is None:
        engine = _loaded_engine(policies, engine_name, opa)
    document = build_input(inventory, now)
    raw = engine.evaluate(document)

    rules = dict(policies.rules)
    rules.update(WAIVER_RULES)
    choice_pointers = {c["id"]: c["pointer"] for c in document["choices"]}
    parts = {c["id"]: (c["use_case"], c["model"], c["deployment"]) for c in document["choices"]}
    fingerprints = Fingerprints(document)
    findings = from_engine(raw, rules, inventory.sources, choice_pointers, fingerprints)
    del raw  # the findings hold what it said (at 100k choices: ~400k dicts to let go)
    findings, waivers = apply_waivers(findings, inventory, parts, now.date(), fingerprints)

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
                own,
            )
        )
    decisions.sort(key=lambda d: d.id)
    organization_findings = sorted(set(by_choice.get(None, [])), key=lambda f: f.sort_key)

    evidence = Evidence(
        tool_version=__version__,
        engine=engine.version(),
        now=now.isoformat().replace("+00:00", "Z"),
        inputs=inventory.digests(),
        policy_digest=policies.digest,
        policies=[(m.name, m.sha256) for m in sorted(policies.modules, key=lambda m: m.name)],
        data_files=sorted(policies.data_files),
        git_commit=head_commit(inventory.files),
        git_dirty=is_dirty(inventory.files),
        bundle=bundle,
        engine_name=engine_name,
    )
    used_rules = {f.rule for f in findings}
    applied = {
        rid: info for rid, info in rules.items() if rid in policies.rules or rid in used_rules
    }
    alternatives = (
        find_alternatives(inventory, policies, engine, document, now, decisions)
        if suggestions
        else None
    )
    keep_until_exit(document, fingerprints, by_choice)  # the executable never frees them
    return Report(
        organization_id=inventory.organization.id,
        organization_name=inventory.organization.name,
        decisions=decisions,
        organization_findings=organization_findings,
        waivers=waivers,
        rules=applied,
        evidence=evidence,
        subjects=subjects(inventory),
        alternatives=alternatives,
    )


def check(
    paths: Sequence[str | Path],
    policy_dirs: Sequence[str | Path] = (),
    data_files: Sequence[str | Path] = (),
    builtin: bool = True,
    engine: str = "embedded",
    now: dt.datetime | None = None,
    opa: OpaSettings | None = None,
    max_file_size: int = DEFAULT_MAX_BYTES,
    bundle: str | Path | None = None,
    suggestions: bool = True,
) -> Report:
    """Check every model choice in the inventory at ``paths`` and return the Report.

    ``suggestions``: list allowed alternatives for each rejected choice (one engine pass more).
    Raises InputInvalid (exit 2) for a bad inventory or policy, EngineFailure (exit 3)
    when the engine cannot answer; never returns a pass it did not compute.
    """
    with paused_gc():
        inventory, policies, bundle_info, loaded = prepare(
            paths, policy_dirs, data_files, builtin, engine, opa, max_file_size, bundle
        )
        return evaluate(inventory, policies, engine, now, opa, bundle_info, loaded, suggestions)


def prepare(
    paths: Sequence[str | Path],
    policy_dirs: Sequence[str | Path] = (),
    data_files: Sequence[str | Path] = (),
    builtin: bool = True,
    engine: str = "embedded",
    opa: OpaSettings | None = None,
    max_file_size: int = DEFAULT_MAX_BYTES,
    bundle: str | Path | None = None,
) -> tuple[Inventory, PolicySet, dict | None, Engine]:
    """The inventory, the policy set, the bundle's facts and an engine that loaded the
    policies: what an evaluation needs (check and suggest read their inputs the same way)."""
    refuse_bundle_mix(bundle, policy_dirs, data_files, builtin)

    def policies_and_engine():
        bundle_info = None
        if bundle is not None:
            policies, bundle_info = load_bundle(Path(bundle))
        else:
            policies = load_policy_set(
                [Path(p) for p in policy_dirs], [Path(p) for p in data_files], builtin=builtin
            )
        # an in-process engine compiles here too; a server is only contacted (and sent the
        # policies) once the inventory is known to be valid, as before
        loaded = _loaded_engine(policies, engine, opa) if engine in IN_PROCESS_ENGINES else None
        return policies, bundle_info, loaded

    # the policies are read and the engine loaded while the loader's workers parse YAML;
    # a bad inventory is still reported before a bad policy, as when one followed the other
    preparation = Deferred(policies_and_engine)
    with paused_gc():
        inventory = load_inventory(
            list(paths), max_bytes=max_file_size, with_json=True, meanwhile=preparation
        )
        policies, bundle_info, loaded = preparation.result()
        keep_until_exit(inventory, policies)
        if loaded is None:
            loaded = _loaded_engine(policies, engine, opa)
        return inventory, policies, bundle_info, loaded


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


__all__ = ["check", "choice_id", "evaluate"]
