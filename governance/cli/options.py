"""Options and parsing shared by several commands."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from urllib.parse import urlsplit

import click

from governance.errors import UsageError
from governance.inventory.types import FIRST_YEAR, LAST_YEAR
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES

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


def finite_seconds(ctx, param, value: float) -> float:
    """A timeout: FloatRange lets NaN and infinity through."""
    if not math.isfinite(value):
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
