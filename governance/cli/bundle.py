"""`governance bundle build`: reproducible OPA bundles of the policy set."""

from __future__ import annotations

from pathlib import Path

import click

from governance.cli.options import config_options
from governance.policy.bundle import build_bundle
from governance.typed_json import to_json


@click.group()
def bundle() -> None:
    """OPA bundles of the policy set, for OPA servers and reproducible checks."""


@bundle.command("build")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option(
    "--revision",
    default="unversioned",
    show_default=True,
    help="Revision recorded in the manifest (e.g. a git tag).",
)
@click.option("--data", "data_files", multiple=True, type=click.Path(path_type=Path))
@click.option("--no-builtin", is_flag=True, help="Leave out the built-in rules.")
@config_options
def bundle_build(directories, output, revision, data_files, no_builtin, config) -> None:
    """Build a byte-for-byte reproducible OPA bundle (.tar.gz) and print its SHA-256.

    DIRECTORIES and --data default to `policy` and `data` in governance.toml; its rule
    overrides go into the bundle, and a check from the bundle applies them."""
    overrides = []
    if config is not None:
        directories = directories or config.policy
        data_files = data_files or config.data
        overrides = [to_json(o) for o in config.rules]
    built = build_bundle(
        list(directories), list(data_files), output, revision, not no_builtin, overrides
    )
    click.echo(f"wrote {built.path} (revision {built.revision}, sha256 {built.sha256})")
