"""`governance check`: evaluate an inventory and write its reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from governance.cli.options import (
    FormatsCommand,
    InputPath,
    config_options,
    configured_paths,
    engine_options,
    evaluation_settings,
    max_file_size_option,
    output_option,
    policy_source_options,
)
from governance.errors import UsageError
from governance.evaluation.baseline import apply_baseline, load_baseline
from governance.evaluation.check import check as run_check
from governance.evaluation.report import FAIL_ON, Report
from governance.evaluation.sources import UNCONFIGURED
from governance.inventory.discover import discover_inventories
from governance.output_safety import plain_line
from governance.paths import display_path
from governance.report.formats import RenderContext, github_link_base
from governance.report.outputs import OutputTarget, parse_outputs, write_outputs
from governance.report.sections import check_targets, write_sections
from governance.vcs.base import check_against_base, removed_inventories
from governance.worktree import toplevel


@click.command(cls=FormatsCommand)
@click.argument("paths", nargs=-1, type=InputPath())
@policy_source_options
@engine_options
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    show_default="error",
    help="Lowest open finding severity that makes the exit code 1.",
)
@click.option("--color/--no-color", "colour", default=None, help="Colour (default: on a TTY).")
@click.option(
    "--base",
    "base_ref",
    metavar="GIT_REF",
    help="Compare with the inputs as they are at this git branch, tag or commit: choices are "
    "added/changed/removed/unchanged, findings new/resolved/unchanged; only new ones gate.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Findings recorded in this file (governance baseline create) are reported as "
    "baselined and do not gate; entries that no longer occur are listed.",
)
@click.option(
    "--discover",
    is_flag=True,
    help="PATHS are directories to search: check every inventory under them (each directory "
    "holding 'apiVersion: governance/v1' with an organization), one section per inventory.",
)
@click.option(
    "--no-suggestions",
    is_flag=True,
    help="Do not list allowed alternatives for rejected choices (saves one engine pass).",
)
@max_file_size_option
@output_option
@config_options
def check(
    paths,
    fail_on,
    colour,
    base_ref,
    baseline_file,
    discover,
    outputs,
    config,
    **options,  # the evaluation options, read by evaluation_settings (shared with baseline)
) -> None:
    """Check every model choice in the inventory against policy and report decisions.

    \b
    PATHS default to `paths` in governance.toml; every option can be set there too (the
    option given here wins).
    Formats (-o, repeatable; one may go to stdout, the others to files):
      {formats}
    e.g. -o text -o sarif=results.sarif -o junit=junit.xml -o markdown=summary.md
    """
    paths = configured_paths(paths, config, "check")
    targets = parse_outputs(outputs or (config.outputs if config else ()))
    settings = evaluation_settings(config, options)
    fail_on = fail_on or (config.fail_on if config and config.fail_on else "error")
    if baseline_file is None and base_ref is None and config is not None:
        baseline_file = config.baseline
    if base_ref is not None and baseline_file is not None:
        raise UsageError(
            "--base and --baseline compare with different things: use --base in pull "
            "requests and --baseline on the default branch"
        )
    if discover:
        check_targets(targets)
    baseline = load_baseline(baseline_file) if baseline_file is not None else None
    if not discover:
        report = compared(list(paths), settings, base_ref, baseline, baseline_file)
        warn_unconfigured([report])
        emit(report, targets, colour)
        raise SystemExit(report.exit_code(fail_on))
    inventories = discover_inventories(list(paths))
    sections = [
        (found.name, compared(found.paths, settings, base_ref, baseline, baseline_file, found.name))
        for found in inventories
    ]
    if base_ref is not None:  # and those this change deletes: their choices are removed
        kept = [found.root for found in inventories]
        gone = removed_inventories(list(paths), base_ref, kept, settings)
        if gone:  # in path order, as discovery sorts them
            sections = sorted(sections + gone, key=lambda section: Path(section[0]).parts)
    warn_unconfigured([report for _, report in sections])
    emit_sections(sections, targets, colour)
    raise SystemExit(max(report.exit_code(fail_on) for _, report in sections))


def compared(paths, settings, base_ref, baseline, baseline_file, inventory=None) -> Report:
    """Evaluate ``paths``, classified against the git base or the baseline when given."""
    if base_ref is not None:
        return check_against_base(paths, base_ref, settings)
    report = run_check(paths, settings)
    if baseline is None:
        return report
    return apply_baseline(report, baseline, display_path(baseline_file), inventory)


def _terminal(targets: list[OutputTarget], colour: bool | None):
    """(render context, stdout) for writing reports; a usage error when a format should go to
    stdout and the process was started without one (``governance check … >&-``)."""
    stdout: TextIO | None = sys.stdout  # None when the process has no standard output
    if stdout is None and any(target.path is None for target in targets):
        raise UsageError(
            "standard output is closed: write the reports to files with -o FORMAT=PATH"
        )
    context = RenderContext(
        colour=colour if colour is not None else stdout is not None and stdout.isatty(),
        repo_root=toplevel(),
        link_base=github_link_base(),
    )
    return context, stdout


def warn_unconfigured(reports: list[Report]) -> None:
    """Say on stderr, once per directory, that organization policies are not in force."""
    seen = set()
    for report in reports:
        for finding in report.organization_findings:
            if finding.rule == UNCONFIGURED.id and finding.message not in seen:
                seen.add(finding.message)
                warning = f"governance: warning: {finding.location}: {finding.message}"
                click.echo(plain_line(warning), err=True)


def emit_sections(sections, targets: list[OutputTarget], colour: bool | None) -> None:
    """Write every requested format, one section per inventory (check --discover)."""
    for path in write_sections(sections, targets, *_terminal(targets, colour)):
        click.echo(plain_line(f"wrote {path}"), err=True)


def emit(report: Report, targets: list[OutputTarget], colour: bool | None) -> None:
    """Write every requested format; say on stderr which files were written."""
    for path in write_outputs(report, targets, *_terminal(targets, colour)):
        click.echo(plain_line(f"wrote {path}"), err=True)
