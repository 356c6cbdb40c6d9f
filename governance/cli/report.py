"""`governance report` (re-render a saved JSON report) and `governance verify` (re-check it)."""

from __future__ import annotations

from pathlib import Path

import click

from governance.cli.check import emit, emit_sections
from governance.cli.options import (
    InputPath,
    checked_opa_url,
    config_options,
    configured_paths,
    evaluation_settings,
    max_file_size_option,
    output_option,
    policy_source_options,
)
from governance.clock import utc_text
from governance.errors import EXIT_OK, EXIT_VIOLATIONS
from governance.evaluation.report import FAIL_ON
from governance.evaluation.verify import load_report, load_saved, verify
from governance.output_safety import plain_line
from governance.report.outputs import parse_outputs
from governance.report.sections import check_targets


@click.command("report")
@click.argument("source", metavar="FROM.json", type=click.Path(path_type=Path))
@output_option
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="never",
    show_default=True,
    help="Exit 1 when an open finding at or above this severity is in the report.",
)
@click.option("--color/--no-color", "colour", default=None, help="Colour (default: on a TTY).")
@config_options
def report(source: Path, outputs: tuple[str, ...], fail_on: str, colour: bool | None, config):
    """Render a saved JSON report (check -o json=FROM.json) in any format, without evaluating.

    \b
    The report is validated against its schema first (exit 2 naming file:line:col).
    A report set (check --discover -o json) renders with a section per inventory, in the
    formats that hold several (all but html).
    Paths in it are relative to where check ran: run report from there too.
    e.g. governance report report.json -o html=audit.html -o markdown=summary.md
    Without -o, the `outputs` of governance.toml (else text).
    """
    targets = parse_outputs(outputs or (config.outputs if config else ()))
    saved = load_saved(source)
    if saved and saved[0][0] is None:  # one report (a report set names its inventories)
        loaded = saved[0][1]
        emit(loaded, targets, colour)
        raise SystemExit(loaded.exit_code(fail_on))
    check_targets(targets)
    sections = [(inventory or "", report) for inventory, report in saved]
    emit_sections(sections, targets, colour)
    raise SystemExit(max((r.exit_code(fail_on) for _, r in sections), default=EXIT_OK))


@click.command("verify")
@click.argument("source", metavar="REPORT.json", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, type=InputPath())
@policy_source_options
@click.option(
    "--opa-url",
    metavar="URL",
    callback=checked_opa_url,
    help="Evaluate with this OPA server; without it, the in-process engine the report names "
    "(embedded or opa-inprocess; embedded for a report made on an OPA server).",
)
@click.option(
    "--opa-token-env",
    default="OPA_TOKEN",
    show_default=True,
    metavar="VAR",
    help="Environment variable holding the OPA bearer token (if set).",
)
@click.option(
    "--opa-ca-bundle",
    type=click.Path(exists=True, dir_okay=False),
    help="CA bundle to verify the OPA server's TLS certificate.",
)
@max_file_size_option
@config_options
def verify_command(source, paths, config, **options) -> None:
    """Check that a JSON report still holds: same inputs, policies, decisions and findings.

    \b
    Evaluates PATH... again at the report's clock (evidence.now) and compares:
    every input file (path and SHA-256), every policy module and data file, the
    policy set digest, each choice's decision, each finding and each waiver.
    Exit 0: verified. Exit 1: one line per difference, naming the file, choice
    or rule. Engine or tool version differences are notes: they fail only
    through the decisions and findings they change. Inputs match by their path
    under the PATH arguments, so verify works from any directory.
    PATHS and the policies default to governance.toml's, as for check; a changed
    configuration file (or rule override) is a difference.
    """
    paths = configured_paths(paths, config, "verify")
    recorded = load_report(source)
    if options.get("opa_url"):
        options["engine"] = "opa"
    current, differences = verify(recorded, list(paths), evaluation_settings(config, options))
    for note in (d for d in differences if not d.fails):
        click.echo(plain_line(note.text), err=True)
    failures = [d for d in differences if d.fails]
    for failure in failures:
        click.echo(plain_line(failure.text))
    if failures:
        click.echo(
            f"not verified: {source}: {len(failures)} difference{'s' if len(failures) != 1 else ''}"
        )
        raise SystemExit(EXIT_VIOLATIONS)
    evidence = current.evidence
    click.echo(
        f"verified: {source}: {len(evidence.inputs)} inputs, {len(evidence.policies)} policy "
        f"modules, {len(evidence.data_files)} data files, {len(current.decisions)} decisions and "
        f"{len(current.all_findings)} findings match (clock {utc_text(evidence.now)}, "
        f"{evidence.engine_name} engine)"
    )
    raise SystemExit(EXIT_OK)
