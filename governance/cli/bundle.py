"""`governance bundle build`: reproducible OPA bundles of the policy set."""

from __future__ import annotations

from pathlib import Path

import click

from governance.policy.bundle import build_bundle


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
def bundle_build(directories, output, revision, data_files, no_builtin) -> None:
    """Build a byte-for-byte reproducible OPA bundle (.tar.gz) and print its SHA-256."""
    built = build_bundle(list(directories), list(data_files), output, revision, not no_builtin)
    click.echo(f"wrote {built.path} (revision {built.revision}, sha256 {built.sha256})")
