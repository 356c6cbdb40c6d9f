"""`governance baseline create`: record today's findings so only later ones gate."""

from __future__ import annotations

from pathlib import Path

import click

from governance.atomic import write_atomically
from governance.cli import check as check_command
from governance.cli.options import InputPath
from governance.evaluation.baseline import DEFAULT_FILE, baseline_text, entries_of
from governance.inventory.discover import discover_inventories

# The evaluation options mean exactly what they mean for `check`: reuse its definitions.
_SHARED = (
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
)


@click.group()
def baseline() -> None:
    """Baselines: accept the findings an inventory has today; only new ones gate."""


@baseline.command()
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_FILE,
    show_default=True,
    help="Baseline file to write (replaced atomically).",
)
@click.option(
    "--discover",
    is_flag=True,
    help="PATHS are directories to search: record every inventory under them.",
)
def create(paths, output, discover, **options) -> None:
    """Record the findings of the inventory at PATHS by fingerprint.

    Then `governance check PATHS --baseline FILE` reports those as baselined (exit 0 for
    them), fails on any other, and lists entries that no longer occur so the file can shrink.
    A finding recorded as waived counts as new once its waiver no longer covers it.
    """
    settings = check_command.settings_of(**options)
    if discover:
        entries = [
            entry
            for found in discover_inventories(list(paths))
            for entry in entries_of(check_command.run_check(found.paths, **settings), found.name)
        ]
    else:
        entries = entries_of(check_command.run_check(list(paths), **settings))
    write_atomically(output, baseline_text(entries))
    click.echo(
        f"wrote {output}: {len(entries)} finding{'s' if len(entries) != 1 else ''} recorded",
        err=True,
    )


create.params.extend(p for p in check_command.check.params if p.name in _SHARED)
