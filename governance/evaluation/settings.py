"""How to evaluate: one frozen object built once from the configuration file and the flags.

Every command that evaluates (check, check --base, baseline, verify, explain's example) takes
an EvaluationSettings rather than a list of keyword arguments, so a new setting is added in
one place. The flags given are kept (``flags``): `check --base` builds the base side's
settings from the configuration as it was at the base and the same flags.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from governance.config import Config, RuleOverride
from governance.engine.opa import OpaSettings
from governance.evaluation.json_types import Sha256, ShownPath
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES
from governance.typed_json import Spec

# (flag name as `check` spells it, its default): what a flag left out falls back to after the
# configuration file
_OPA_DEFAULTS = {
    "url": "http://localhost:8181",
    "token_env": "OPA_TOKEN",
    "timeout": 10.0,
    "retries": 2,
    "ca_bundle": None,
    "preloaded": False,
}


@dataclass(frozen=True)
class ConfigFacts:
    """The configuration file in force (governance.toml, or [tool.governance] in
    pyproject.toml) and the rule overrides it sets."""

    path: ShownPath
    sha256: Sha256
    overrides: Annotated[
        tuple[RuleOverride, ...],
        Spec(description='Every [rules."GOV-XXX-NNN"] table, sorted by rule.'),
    ] = ()


@dataclass(frozen=True)
class EvaluationSettings:
    """Everything an evaluation depends on besides the inventory."""

    policy_dirs: tuple[Path, ...] = ()
    data_files: tuple[Path, ...] = ()
    builtin: bool = True
    bundle: Path | None = None
    engine: str = "embedded"
    now: dt.datetime | None = None  # timezone-aware; None: the time of the evaluation
    opa: OpaSettings | None = None
    max_file_size: int = DEFAULT_MAX_BYTES
    overrides: tuple[RuleOverride, ...] = ()
    extensions_schema: Path | None = None
    # allowed alternatives for rejected choices (one more engine pass), unless
    # --no-suggestions; baseline create and the base side of --base ask for none
    suggestions: bool = True
    config: Config | None = field(default=None, compare=False)
    flags: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __post_init__(self):
        if self.now is not None and self.now.tzinfo is None:
            raise ValueError("EvaluationSettings.now must be timezone-aware")

    @property
    def config_facts(self) -> ConfigFacts | None:
        if self.config is None:
            return None
        return ConfigFacts(self.config.shown, self.config.sha256, self.overrides)

    def at(self, now: dt.datetime) -> EvaluationSettings:
        """The same settings at a fixed clock (both sides of a comparison, verify)."""
        from dataclasses import replace

        return replace(self, now=now)


def build_settings(config: Config | None, **flags) -> EvaluationSettings:
    """Settings from the configuration file, each overridden by the flag given for it.

    ``flags`` are check's option values; None (or an empty list, or False for --no-builtin)
    means the flag was not given. Keys: policy_dirs, data_files, no_builtin, bundle_path,
    engine, now, opa_url, opa_token_env, opa_timeout, opa_retries, opa_ca_bundle,
    opa_preloaded, max_file_size, no_suggestions."""
    given = {k: v for k, v in flags.items() if _given(v)}
    configured_opa = dict(config.opa) if config is not None else {}
    opa: dict[str, Any] = {
        key: given.get(f"opa_{key}", configured_opa.get(key, default))
        for key, default in _OPA_DEFAULTS.items()
    }
    token_env = str(opa["token_env"])
    # a bundle given as a flag is the whole policy set: the file's directories do not join it
    configured = config if config is not None and "bundle_path" not in given else None
    policy_dirs = given.get("policy_dirs") or (configured.policy if configured else ())
    data_files = given.get("data_files") or (configured.data if configured else ())
    return EvaluationSettings(
        policy_dirs=tuple(Path(p) for p in policy_dirs),
        data_files=tuple(Path(p) for p in data_files),
        builtin=not given.get("no_builtin", False),
        bundle=Path(given["bundle_path"]) if "bundle_path" in given else None,
        engine=given.get("engine") or (config.engine if config and config.engine else "embedded"),
        now=given.get("now"),
        opa=OpaSettings(
            url=str(opa["url"]),
            token=os.environ.get(token_env) or None,
            timeout=float(opa["timeout"]),
            retries=int(opa["retries"]),
            ca_bundle=str(opa["ca_bundle"]) if opa["ca_bundle"] else None,
            preloaded=bool(opa["preloaded"]),
        ),
        max_file_size=given.get("max_file_size", DEFAULT_MAX_BYTES),
        suggestions=not given.get("no_suggestions", False),
        overrides=config.rules if config else (),
        extensions_schema=config.extensions_schema if config else None,
        config=config,
        flags=tuple(sorted(given.items())),
    )


def _given(value) -> bool:
    """A flag's value says it was given: not None, not an empty list, not a flag left off
    (a 0 given for a number counts)."""
    if value is None or value is False:
        return False
    return not (isinstance(value, (tuple, list)) and not value)


def rebuilt(settings: EvaluationSettings, config: Config | None) -> EvaluationSettings:
    """``settings`` as they would be with another configuration file (the base's) and the
    same flags and clock."""
    again = build_settings(config, **dict(settings.flags))
    return again.at(settings.now) if settings.now is not None else again
