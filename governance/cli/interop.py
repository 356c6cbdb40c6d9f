"""Interop commands: `import cyclonedx|hf-card|mot` and `export cyclonedx`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from governance.atomic import write_atomically
from governance.cli.options import InputPath, max_file_size_option, parse_now
from governance.clock import utc_now
from governance.errors import UsageError
from governance.interop import assemble
from governance.interop.common import is_hf_repo
from governance.interop.cyclonedx_export import bom_text, build_bom
from governance.interop.cyclonedx_import import import_bom
from governance.interop.hf_card import import_card
from governance.interop.mot import import_record
from governance.inventory import load_inventory
from governance.output_safety import plain_line

INPUT = click.Path(path_type=Path, exists=True, dir_okay=False)


def _retrieved_on(value: str | None) -> dt.date:
    if value is None:
        return utc_now().date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--retrieved-on {value!r} is not a date (YYYY-MM-DD)") from None


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _check_target(output: Path | None, force: bool) -> None:
    """Refuse before any work, so a refused run changes nothing."""
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists; pass --force to overwrite it")
    if output is not None and output.is_dir():
        raise UsageError(f"{output} is a directory")


def _emit(text: str, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text)
        click.echo(f"wrote {output} ({what})", err=True)


def _output_options(function):
    function = click.option(
        "--force", is_flag=True, help="Overwrite the --output file if it exists."
    )(function)
    function = click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write to this file (atomically) instead of stdout; never overwrites without --force.",
    )(function)
    return function


def _import_options(function):
    function = max_file_size_option(function)
    function = click.option(
        "--retrieved-on",
        metavar="YYYY-MM-DD",
        help="Date written to source.retrieved_on (when the facts were read); default today (UTC).",
    )(function)
    return _output_options(function)


def _finish_import(results, command: str, inputs: list[Path], output: Path | None) -> None:
    models, notices = [], []
    for imported, found in results:
        models.extend(imported)
        notices.extend(found)
    models = assemble.finish(models)
    for notice in sorted(notices):
        click.echo(notice.format(), err=True)
    text = assemble.render(models, command, [str(p) for p in inputs])
    _emit(text, output, _count(len(models), "model"))
    for line in assemble.missing_summary(models):
        click.echo(plain_line(f"governance import: still missing: {line}"), err=True)


@click.group("import")
def import_group() -> None:
    """Model entries from an ML-BOM, a Hugging Face model card or a Model Openness Tool record.

    Prints an inventory document to review: licences normalised through the catalogue (the
    declared string kept), components as MOF names, the access class derived by the policy
    library, and a warning at file:line:col for every value that could not be mapped.
    """


@import_group.command("cyclonedx")
@click.argument("boms", nargs=-1, required=True, type=INPUT)
@_import_options
def import_cyclonedx(boms, output, force, retrieved_on, max_file_size) -> None:
    """Import the machine-learning-model components of CycloneDX JSON BOMs."""
    _check_target(output, force)
    date = _retrieved_on(retrieved_on)
    results = [import_bom(path, date, max_file_size) for path in boms]
    _finish_import(results, "cyclonedx", list(boms), output)


@import_group.command("hf-card")
@click.argument("card", type=INPUT)
@click.option("--repo", required=True, metavar="OWNER/NAME", help="The card's Hugging Face repo.")
@click.option("--revision", help="Commit or tag the card was read at.")
@click.option("--provider", help="Developer of the model (default: the repo owner).")
@_import_options
def import_hf_card(
    card, repo, revision, provider, output, force, retrieved_on, max_file_size
) -> None:
    """Import a Hugging Face model card (README.md with YAML front matter), offline."""
    if not is_hf_repo(repo):
        raise UsageError(f"--repo {repo!r} is not a Hugging Face repo name (OWNER/NAME)")
    _check_target(output, force)
    date = _retrieved_on(retrieved_on)
    model, notices = import_card(card, repo, revision, provider, date, max_file_size)
    _finish_import([([model], notices)], "hf-card", [card], output)


@import_group.command("mot")
@click.argument("records", nargs=-1, required=True, type=INPUT)
@_import_options
def import_mot(records, output, force, retrieved_on, max_file_size) -> None:
    """Import Model Openness Tool records (YAML), one model each."""
    _check_target(output, force)
    date = _retrieved_on(retrieved_on)
    results = []
    for path in records:
        model, notices = import_record(path, date, max_file_size)
        results.append(([model], notices))
    _finish_import(results, "mot", list(records), output)


@click.group("export")
def export_group() -> None:
    """The inventory in formats other tools and auditors read."""


@export_group.command("cyclonedx")
@click.argument("paths", nargs=-1, required=True, type=InputPath())
@click.option(
    "--now", help="BOM timestamp, ISO-8601 (e.g. 2026-11-24T12:00:00Z); default now (UTC)."
)
@_output_options
@max_file_size_option
def export_cyclonedx(paths, now, output, force, max_file_size) -> None:
    """A CycloneDX 1.6 ML-BOM: one machine-learning-model per model, vendor deployments as
    services."""
    _check_target(output, force)
    moment = parse_now(now) or utc_now()
    inventory = load_inventory(list(paths), max_bytes=max_file_size)
    bom = build_bom(inventory, moment)
    services = len(bom.get("services", []))
    _emit(
        bom_text(bom),
        output,
        f"{_count(len(bom['components']), 'model')}, {_count(services, 'service')}",
    )
