"""Options and parsing shared by several commands."""

from __future__ import annotations

import datetime as dt
import functools
import math
from pathlib import Path
from urllib.parse import urlsplit

import click

from governance.config import Config, resolve_config
from governance.engine import ENGINE_NAMES
from governance.errors import UsageError
from governance.evaluation.settings import EvaluationSettings, build_settings
from governance.inventory.types import FIRST_YEAR, LAST_YEAR
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES
from governance.report import registry

ISO_HELP = "Evaluation clock, ISO-8601 (e.g. 2026-11-24 or 2026-11-24T12:00:00Z); default now."


class InputPath(click.Path):
    """A path argument; an empty one is refused (click would read it as '.', the current
    directory, and a typo'd variable in a CI script would check the wrong thing)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(path_type=Path, **kwargs)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value == "":
            self.fail("an empty path names no file ('.' is the current directory)", param, ctx)
        return super().convert(value, param, ctx)


def checked_opa_url(ctx, param, value: str | None) -> str | None:
    """--opa-url as a usage error when it is not an http(s) URL with a host and a valid port
    (port 99999, 'http://[::1'), before anything is read."""
    if value is None:
        return None
    try:
        parsed = urlsplit(value)
        valid = parsed.scheme in ("http", "https") and bool(parsed.hostname)
        parsed.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a URL: {exc}") from None
    if not valid:
        raise click.BadParameter(f"{value!r} must look like http://host:8181")
    return value


def finite_seconds(ctx, param, value: float | None) -> float | None:
    """A timeout: FloatRange lets NaN and infinity through."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds")
    return value


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
    try:
        utc: dt.datetime | None = parsed.astimezone(dt.timezone.utc)
    except OverflowError:  # 9999-12-31T23:59:59-12:00 is in the year 10000 in UTC
        utc = None
    if utc is None or not FIRST_YEAR <= utc.year <= LAST_YEAR:
        raise UsageError(
            f"--now {value!r} is outside the years policies can compute with "
            f"(use a year from {FIRST_YEAR} to {LAST_YEAR})"
        )
    return utc


class _NamesFormats:
    """Help text in which ``{formats}`` names the registered report formats (report/registry.py)
    when the help is shown, so a new format appears without editing the help."""

    _help: str | None = None

    @property
    def help(self) -> str | None:
        if self._help is None:
            return None
        return self._help.replace("{formats}", ", ".join(registry.names()))

    @help.setter
    def help(self, value: str | None) -> None:
        self._help = value


class FormatsCommand(_NamesFormats, click.Command):
    """A command whose help lists the report formats."""


class _FormatsOption(_NamesFormats, click.Option):
    pass


output_option = click.option(
    "-o",
    "--output",
    "outputs",
    cls=_FormatsOption,
    multiple=True,
    metavar="FORMAT[=PATH]",
    help="Report format, to stdout or (with =PATH) to a file written atomically; repeatable. "
    "Formats: {formats}. Default: text.",
)


_POLICY_SOURCE = (
    click.option(
        "--policy",
        "policy_dirs",
        multiple=True,
        type=InputPath(),
        help="Directory (or file) of your own Rego policies; repeatable.",
    ),
    click.option(
        "--data",
        "data_files",
        multiple=True,
        type=InputPath(),
        help="YAML or JSON file merged into the policy data; repeatable.",
    ),
    click.option("--no-builtin", is_flag=True, help="Do not use the built-in policy library."),
    click.option(
        "--bundle",
        "bundle_path",
        type=InputPath(dir_okay=False),
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
        callback=checked_opa_url,
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
        callback=finite_seconds,
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
