"""Inventory commands: validate, schema, init."""

from __future__ import annotations

from pathlib import Path

import click

from governance.cli.options import config_options, configured_paths, max_file_size_option
from governance.evaluation.verify import report_schema_text
from governance.inventory import load_inventory
from governance.inventory.schema import inventory_schema_text
from governance.starter import write_starter


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@max_file_size_option
@config_options
def validate(paths: tuple[Path, ...], max_file_size: int, config) -> None:
    """Validate inventory files or directories against the schema and cross-references.

    PATHS default to `paths` in governance.toml."""
    inventory = load_inventory(configured_paths(paths, config, "validate"), max_bytes=max_file_size)
    click.echo(f"{inventory.summary()} — valid")


@click.command()
@click.argument("kind", type=click.Choice(["inventory", "report"]), default="inventory")
def schema(kind: str) -> None:
    """Print a JSON Schema (draft 2020-12): the inventory's (default) or the JSON report's."""
    click.echo(inventory_schema_text() if kind == "inventory" else report_schema_text(), nl=False)


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Write a commented starter inventory into DIRECTORY; never overwrites a file."""
    for written in write_starter(directory):
        click.echo(f"wrote {written}")
