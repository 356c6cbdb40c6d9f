"""Inventory commands: validate, schema, init."""

from __future__ import annotations

import json
from pathlib import Path

import click

from governance.cli.options import (
    InputPath,
    config_options,
    configured_paths,
    max_file_size_option,
)
from governance.errors import UsageError
from governance.evaluation.report import report_schema_text
from governance.inventory import load_inventory
from governance.inventory.extensions import (
    checked_extensions,
    combined_schema,
    load_extensions_schema,
)
from governance.inventory.schema import inventory_schema_text
from governance.inventory.vocabulary import warn_unknown_certifications
from governance.starter import write_starter


@click.command()
@click.argument("paths", nargs=-1, type=InputPath())
@max_file_size_option
@config_options
def validate(paths: tuple[Path, ...], max_file_size: int, config) -> None:
    """Validate inventory files or directories against the schema and cross-references.

    PATHS default to `paths` in governance.toml."""
    inventory = load_inventory(configured_paths(paths, config, "validate"), max_bytes=max_file_size)
    schema_path = config.extensions_schema if config is not None else None
    checked_extensions(inventory, schema_path)
    warn_unknown_certifications(inventory)
    click.echo(f"{inventory.summary()} — valid")


@click.command()
@click.argument("kind", type=click.Choice(["inventory", "report"]), default="inventory")
@click.option(
    "--with-extensions",
    is_flag=True,
    help="The inventory schema with each entity's extensions described by the "
    "extensions_schema of governance.toml (for schema-aware editors).",
)
@config_options
def schema(kind: str, with_extensions: bool, config) -> None:
    """Print a JSON Schema (draft 2020-12): the inventory's (default) or the JSON report's."""
    if not with_extensions:
        text = inventory_schema_text() if kind == "inventory" else report_schema_text()
        click.echo(text, nl=False)
        return
    if kind != "inventory" or config is None or config.extensions_schema is None:
        raise UsageError(
            "--with-extensions needs the inventory schema and extensions_schema in governance.toml"
        )
    extensions = load_extensions_schema(config.extensions_schema)
    combined = combined_schema(json.loads(inventory_schema_text()), extensions)
    click.echo(json.dumps(combined, indent=2, ensure_ascii=False))


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Write a commented starter inventory into DIRECTORY; never overwrites a file."""
    for written in write_starter(directory):
        click.echo(f"wrote {written}")
