"""The `governance` command line: a thin layer over the library.

Exit codes: 0 ok, 1 violations at or above --fail-on, 2 invalid input or usage, 3 engine or
internal failure. Errors are single lines; a traceback only with GOVERNANCE_DEBUG=1.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from governance import __version__
from governance.errors import EXIT_ENGINE, EXIT_INPUT, GovernanceError, InputInvalid
from governance.inventory import load_inventory
from governance.inventory.schema import inventory_schema_text
from governance.inventory.yamlfile import DEFAULT_MAX_BYTES
from governance.starter import write_starter

max_file_size_option = click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest YAML file accepted, in bytes.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="governance")
def cli() -> None:
    """Decide whether an organization's choices of AI models are allowed."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@max_file_size_option
def validate(paths: tuple[Path, ...], max_file_size: int) -> None:
    """Validate inventory files or directories against the schema and cross-references."""
    inventory = load_inventory(list(paths), max_bytes=max_file_size)
    click.echo(f"{inventory.summary()} — valid")


@cli.command()
def schema() -> None:
    """Print the inventory JSON Schema (draft 2020-12)."""
    click.echo(inventory_schema_text(), nl=False)


@cli.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Write a commented starter inventory into DIRECTORY; never overwrites a file."""
    for written in write_starter(directory):
        click.echo(f"wrote {written}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps every failure to its exit code and a one-line message."""
    try:
        cli.main(args=argv, prog_name="governance", standalone_mode=False)
    except InputInvalid as exc:
        for problem in exc.problems:
            click.echo(problem.format(), err=True)
        sys.exit(exc.exit_code)
    except GovernanceError as exc:
        click.echo(f"governance: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("governance: aborted", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT)
    except SystemExit:
        raise
    except BaseException as exc:  # includes pyo3 PanicException, which is a BaseException
        if isinstance(exc, KeyboardInterrupt):
            sys.exit(130)
        if os.environ.get("GOVERNANCE_DEBUG"):
            traceback.print_exc()
        first_line = (str(exc).strip().splitlines() or [""])[0]
        click.echo(
            f"governance: internal error: {type(exc).__name__}: {first_line} "
            "(set GOVERNANCE_DEBUG=1 for a traceback and please report it)",
            err=True,
        )
        sys.exit(EXIT_ENGINE)
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
