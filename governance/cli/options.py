"""Options and parsing shared by several commands."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import click

from governance.config import Config, resolve_config
from governance.engine import ENGINE_NAMES
from governance.errors import UsageError
from governance.evaluation.settings import EvaluationSettings, build_settings
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES

ISO_HELP = "Evaluation clock, ISO-8601 (e.g. 2026-11-24 or 2026-11-24T12:00:00Z); default now."

max_file_size_option = click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest YAML file accepted, in bytes.",
)


def parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--now {value!r} is not an ISO-8601 date or time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


output_option = click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="FORMAT[=PATH]",
    help="Report format, to stdout or (with =PATH) to a file written atomically; repeatable. "
    "Formats: text, json, sarif, junit, markdown, github, html. Default: text.",
)


_POLICY_SOURCE = (
    click.option(
        "--policy",
        "policy_dirs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Directory (or file) of your own Rego policies; repeatable.",
    ),
    click.option(
        "--data",
        "data_files",
        multiple=True,
        type=click.Path(path_type=Path),
        help="YAML or JSON file merged into the policy data; repeatable.",
    ),
    click.option("--no-builtin", is_flag=True, help="Do not use the built-in policy library."),
    click.option(
        "--bundle",
        "bundle_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Evaluate the policies and data of an OPA bundle (governance bundle build).",
    ),
)


def policy_source_options(command):
    """--policy, --data, --no-builtin, --bundle: where the policies come from, the same for
    check and verify (verify must be given what check was given)."""
    for option in reversed(_POLICY_SOURCE):
        command = option(command)
    return command


_CONFIG = (
    click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Configuration file (governance.toml, or pyproject.toml with [tool.governance]); "
        "default: the nearest one from here up to the repository's top.",
    ),
    click.option("--no-config", is_flag=True, help="Read no configuration file."),
)


def config_options(command):
    """--config / --no-config, resolved into the ``config`` argument (a Config or None)."""

    @functools.wraps(command)
    def with_config(*args, config_path=None, no_config=False, **kwargs):
        return command(*args, config=resolve_config(config_path, no_config), **kwargs)

    for option in reversed(_CONFIG):
        with_config = option(with_config)
    return with_config


_ENGINE = (
    click.option(
        "--engine",
        type=click.Choice(ENGINE_NAMES),
        default=None,
        show_default="embedded",
        help="embedded: regorus in process; opa: a running OPA server; opa-inprocess: real OPA "
        "in this process (pip install --ignore-requires-python "
        "'opa-golib-python-bindings==0.4.4').",
    ),
    click.option("--now", "now_text", metavar="ISO-8601", help=ISO_HELP),
    click.option(
        "--opa-url",
        default=None,
        show_default="http://localhost:8181",
        help="OPA server for --engine opa.",
    ),
    click.option(
        "--opa-token-env",
        default=None,
        show_default="OPA_TOKEN",
        metavar="VAR",
        help="Environment variable holding the OPA bearer token (if set).",
    ),
    click.option(
        "--opa-timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        show_default="10",
        help="Deadline in seconds for each whole OPA request (connect, send, receive).",
    ),
    click.option(
        "--opa-retries",
        type=click.IntRange(min=0),
        default=None,
        show_default="2",
        help="Retries for failed OPA connections.",
    ),
    click.option(
        "--opa-ca-bundle",
        type=click.Path(exists=True, dir_okay=False),
        help="CA bundle to verify the OPA server's TLS certificate.",
    ),
    click.option(
        "--opa-preloaded",
        is_flag=True,
        help="The OPA server already has the policies (from a bundle): push nothing.",
    ),
)


def engine_options(command):
    """--engine, --now and the --opa-* options: how to evaluate (check, baseline, verify)."""
    for option in reversed(_ENGINE):
        command = option(command)
    return command


EVALUATION_FLAGS = (
    "policy_dirs",
    "data_files",
    "no_builtin",
    "bundle_path",
    "engine",
    "now_text",
    "opa_url",
    "opa_token_env",
    "opa_timeout",
    "opa_retries",
    "opa_ca_bundle",
    "opa_preloaded",
    "max_file_size",
    "no_suggestions",
)


def evaluation_settings(config: Config | None, options: dict) -> EvaluationSettings:
    """The settings from the configuration file and the evaluation flags in ``options``
    (popped from it): a flag given wins over the file."""
    flags = {name: options.pop(name, None) for name in EVALUATION_FLAGS}
    flags["now"] = parse_now(flags.pop("now_text"))
    return build_settings(config, **flags)


def configured_paths(paths, config: Config | None, command: str) -> list[Path]:
    """PATHS as given, else the configuration's ``paths``; neither is a usage error."""
    if paths:
        return list(paths)
    if config is not None and config.paths:
        return list(config.paths)
    where = f" ({config.shown} has no paths)" if config is not None else ""
    raise UsageError(
        f"{command}: no PATHS given and no configured inventories{where}: give PATHS or set "
        'paths = ["inventory/"] in governance.toml'
    )
