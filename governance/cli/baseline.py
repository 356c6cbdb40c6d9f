"""`governance baseline create`: record today's findings so only later ones gate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from governance.atomic import write_atomically
from governance.cli.options import (
    config_options,
    configured_paths,
    engine_options,
    evaluation_settings,
    max_file_size_option,
    policy_source_options,
)
from governance.evaluation.baseline import DEFAULT_FILE, baseline_text, entries_of
from governance.evaluation.check import check
from governance.inventory.discover import discover_inventories


@click.group()
def baseline() -> None:
    """Baselines: accept the findings an inventory has today; only new ones gate."""


@baseline.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@policy_source_options
@engine_options
@max_file_size_option
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    show_default=DEFAULT_FILE,
    help="Baseline file to write (replaced atomically); default: `baseline` in "
    "governance.toml, else " + DEFAULT_FILE + ".",
)
@click.option(
    "--discover",
    is_flag=True,
    help="PATHS are directories to search: record every inventory under them.",
)
@config_options
def create(paths, output, discover, config, **options) -> None:
    """Record the findings of the inventory at PATHS by fingerprint.

    Then `governance check PATHS --baseline FILE` reports those as baselined (exit 0 for
    them), fails on any other, and lists entries that no longer occur so the file can shrink.
    A finding recorded as waived counts as new once its waiver no longer covers it.
    """
    paths = configured_paths(paths, config, "baseline create")
    settings = replace(evaluation_settings(config, options), suggestions=False)
    output = output or (config.baseline if config and config.baseline else Path(DEFAULT_FILE))
    if discover:
        entries = [
            entry
            for found in discover_inventories(list(paths))
            for entry in entries_of(check(found.paths, settings), found.name)
        ]
    else:
        entries = entries_of(check(list(paths), settings))
    write_atomically(output, baseline_text(entries))
    click.echo(
        f"wrote {output}: {len(entries)} finding{'s' if len(entries) != 1 else ''} recorded",
        err=True,
    )
